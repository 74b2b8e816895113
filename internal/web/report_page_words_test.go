package web_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/palette"
	"github.com/rapporthq/rapport/internal/scoring"
	"github.com/rapporthq/rapport/internal/testkit"
)

// pageText is a page's text as a reader sees it: tags dropped, entities
// read, white space collapsed, so that it compares with pdfText.
func pageText(body string) string {
	noTags := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(body, " ")
	return strings.Join(strings.Fields(html.UnescapeString(noTags)), " ")
}

// TestReportPageSaysWhatThePDFSays reads the coach's report page and the
// PDF of the same closed round: their sentences about the leader follow the
// leader's pronoun alike, each missing figure is explained by the same line
// in both, and each group has its palette colour on the page.
func TestReportPageSaysWhatThePDFSays(t *testing.T) {
	f := newReportFixture(t)
	f.app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/close", f.roundID), f.token, nil)
	coach := newBrowser(t, f.app)
	if p := coach.post("/login", url.Values{"email": {f.coach.Email}, "password": {testkit.CoachPassphrase}}); p.Status != http.StatusSeeOther {
		t.Fatalf("sign in: %d", p.Status)
	}
	read := func(t *testing.T) (page, body, pdf string) {
		t.Helper()
		p := coach.get(fmt.Sprintf("/rounds/%d/report", f.roundID))
		if p.Status != http.StatusOK {
			t.Fatalf("report page: %d", p.Status)
		}
		r := f.app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d/report.pdf", f.roundID), f.token, nil)
		if r.Status != http.StatusOK {
			t.Fatalf("report PDF: %d", r.Status)
		}
		return pageText(p.Body), p.Body, pdfText(t, r.Body)
	}
	first := "Ελένη"

	// Key sentences about the leader, for each way of naming her.
	sentences := map[string][]string{
		"name": {
			"people gave feedback, besides " + first + "'s own rating",
			"For " + first + " and " + first + "'s coach only.",
			"how " + first + " sees " + first + "'s own leadership with how the people around " + first + " see it.",
			"Manager is " + first + "'s superior.",
			first + "'s own rating and how each group rated " + first + ", per competency",
			"Where " + first + "'s own view and the view of All others meet",
		},
		"she": {
			"people gave feedback, and " + first + " rated herself",
			"For " + first + " and her coach only.",
			"how " + first + " sees her own leadership with how the people around her see it.",
			"Manager is her superior.",
			"How " + first + " rated herself and how each group rated her, per competency",
			"Where " + first + "'s view of herself and the view of All others meet",
		},
	}
	for _, pronoun := range []string{"name", "she"} {
		t.Run("FollowsThePronoun/"+pronoun, func(t *testing.T) {
			if r := f.app.Do("PATCH", fmt.Sprintf("/api/v1/leaders/%d", f.leaderID), f.token, map[string]string{"pronoun": pronoun}); r.Status != http.StatusOK {
				t.Fatalf("set pronoun: %d %s", r.Status, r.Body)
			}
			page, _, pdf := read(t)
			for _, want := range append(sentences[pronoun],
				first+"'s own change stays grey: a lower self-rating after feedback is often a sign of insight, not of decline.") {
				if !strings.Contains(pdf, want) {
					t.Errorf("the PDF lacks %q", want)
				}
				if !strings.Contains(page, want) {
					t.Errorf("the page lacks %q", want)
				}
			}
			for _, wrong := range []string{"themself", first + " rated " + first, "rated themselves"} {
				if strings.Contains(page, wrong) {
					t.Errorf("the page says %q", wrong)
				}
			}
		})
	}

	page, body, pdf := read(t)
	var s struct {
		Groups []struct{ Key, Label string }
		Items  []struct {
			ID   int64
			Text string
		}
		Competencies []struct {
			Key    string
			Change map[string]float64
		}
	}
	f.app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d/summary", f.roundID), f.token, nil).JSON(t, &s)

	t.Run("ExplainsAWithheldFigureWhereThePDFDoes", func(t *testing.T) {
		// Two of the four peers could not observe this statement: their
		// figure is withheld, and both say so under the statement.
		const line = "Peers: fewer than 3 of them rated this statement (the others chose “not able to observe”), so their view is not shown, to protect anonymity."
		var text string
		for _, it := range s.Items {
			if it.ID == f.items[3][2] {
				text = html.EscapeString(it.Text)
			}
		}
		if row := `<span class="user-text">` + text + `</span><span class="report-absence">` + html.EscapeString(line) + `</span>`; !strings.Contains(body, row) {
			t.Errorf("the statement's row on the page lacks %q", line)
		}
		at := strings.Index(pdf, html.UnescapeString(text))
		if at < 0 || !strings.Contains(pdf[at:min(len(pdf), at+len(text)+400)], line) {
			t.Errorf("the PDF does not say %q under the statement", line)
		}
		// Every line that explains a missing figure on the page is in the
		// PDF as often, and the generic footnote is gone.
		lines := regexp.MustCompile(`<span class="report-absence">([^<]+)</span>`).FindAllStringSubmatch(body, -1)
		if len(lines) < 2 {
			t.Fatalf("%d lines explain a missing figure on the page", len(lines))
		}
		onPage := map[string]int{}
		for _, m := range lines {
			onPage[html.UnescapeString(m[1])]++
		}
		for l, n := range onPage {
			if got := strings.Count(pdf, l); got < n {
				t.Errorf("%q: %d times on the page, %d in the PDF", l, n, got)
			}
		}
		if strings.Contains(page, "mark a figure withheld to protect anonymity") {
			t.Error("the page still has the generic footnote")
		}
	})

	t.Run("ColoursEachGroupFromThePalette", func(t *testing.T) {
		legend := regexp.MustCompile(`<li><svg class="report-swatch"[^>]*><rect [^>]*fill="(#[0-9a-f]{6})"/></svg>([^<]+)</li>`)
		colour := map[string]string{}
		for _, m := range legend.FindAllStringSubmatch(body, -1) {
			colour[html.UnescapeString(m[2])] = m[1]
		}
		merged := false
		for _, g := range s.Groups {
			if got, want := colour[g.Label], palette.Hex(g.Key); got != want {
				t.Errorf("%s (%s): %q on the page, palette %q", g.Label, g.Key, got, want)
			}
			merged = merged || g.Key == scoring.Combined
		}
		if !merged || palette.Hex(scoring.Combined) != palette.Neutral.Hex() {
			t.Error("the fixture has no merged group in the neutral colour")
		}
		// Who answered keys each relationship to the group it is shown in.
		row := regexp.MustCompile(`<th scope="row"><svg class="report-swatch"[^>]*><rect [^>]*fill="(#[0-9a-f]{6})"/></svg>Direct reports</th>`).FindStringSubmatch(body)
		if row == nil || row[1] != palette.Neutral.Hex() {
			t.Errorf("Direct reports, merged, are keyed %v, want the neutral %s", row, palette.Neutral.Hex())
		}
	})

	t.Run("ComparesEveryGroupReportedInBothRounds", func(t *testing.T) {
		compared := map[string]bool{}
		for _, c := range s.Competencies {
			for g := range c.Change {
				compared[g] = true
				if !strings.Contains(body, fmt.Sprintf(`data-figure="p/%s/%s/change"`, c.Key, g)) {
					t.Errorf("the page's progress lacks %s's change on %s", g, c.Key)
				}
			}
		}
		if len(compared) < 4 {
			t.Errorf("the fixture compares only %v", compared)
		}
		// Self's change is neutral, whichever way it went; others' by direction.
		self := regexp.MustCompile(`report-change--(\w+)"><span data-figure="p/[^/]+/self/change"`).FindAllStringSubmatch(body, -1)
		others := regexp.MustCompile(`report-change--(\w+)"><span data-figure="p/[^/]+/(?:peer|all_others)/change">([^<]+)<`).FindAllStringSubmatch(body, -1)
		if len(self) == 0 || len(others) == 0 {
			t.Fatalf("%d changes of self, %d of others on the page", len(self), len(others))
		}
		for _, m := range self {
			if m[1] != "self" {
				t.Errorf("self's change is coloured %q", m[1])
			}
		}
		for _, m := range others {
			if want := map[bool]string{true: "down", false: "up"}[strings.HasPrefix(m[2], "−")]; m[1] != want && m[1] != "flat" {
				t.Errorf("others' change %s is coloured %q", m[2], m[1])
			}
		}
	})
}
