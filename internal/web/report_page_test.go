package web_test

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/secrets"
	"github.com/rapporthq/rapport/internal/testkit"
)

// reportSummaryJSON is the part of GET /rounds/{id}/summary the report page's
// figures are compared with.
type reportSummaryJSON struct {
	Groups []struct {
		Key string
		N   int
	}
	Competencies []struct {
		Key      string
		Scores   map[string]struct{ Mean float64 }
		Change   map[string]float64
		Previous map[string]float64
	}
	Items []struct {
		ID     int64
		Scores map[string]struct {
			Mean float64
			N    int
			SD   float64
		}
		Distribution map[string][]int
		NA           map[string]int
	}
	TopItems        []struct{ Mean float64 }              `json:"top_items"`
	BottomItems     []struct{ Mean float64 }              `json:"bottom_items"`
	BlindSpots      []struct{ Self, Others, Gap float64 } `json:"blind_spots"`
	HiddenStrengths []struct{ Self, Others, Gap float64 } `json:"hidden_strengths"`
}

// want is the summary's figure a data-figure key names (see the report
// page's figure keys in report_view.go), and whether there is one.
func (s *reportSummaryJSON) want(key string) (float64, bool) {
	k := strings.Split(strings.TrimPrefix(key, "sum/"), "/")
	at := func(i int) int { n, _ := strconv.Atoi(k[i]); return n }
	switch {
	case k[0] == "g" && len(k) == 3:
		for _, g := range s.Groups {
			if g.Key == k[1] {
				return float64(g.N), true
			}
		}
	case k[0] == "c" && len(k) == 4:
		for _, c := range s.Competencies {
			if sc, ok := c.Scores[k[2]]; ok && c.Key == k[1] {
				return sc.Mean, true
			}
		}
	case k[0] == "p" && len(k) == 4:
		for _, c := range s.Competencies {
			if c.Key != k[1] {
				continue
			}
			switch k[3] {
			case "then":
				v, ok := c.Previous[k[2]]
				return v, ok
			case "now":
				v, ok := c.Scores[k[2]]
				return v.Mean, ok
			case "change":
				v, ok := c.Change[k[2]]
				return v, ok
			}
		}
	case k[0] == "i" || k[0] == "na" || k[0] == "d":
		id, _ := strconv.ParseInt(k[1], 10, 64)
		for _, it := range s.Items {
			if it.ID != id {
				continue
			}
			switch {
			case k[0] == "na":
				v, ok := it.NA[k[2]]
				return float64(v), ok
			case k[0] == "d":
				if d := it.Distribution["all_others"]; at(2) < len(d) {
					return float64(d[at(2)]), true
				}
				return 0, false
			}
			sc, ok := it.Scores[k[2]]
			switch k[3] {
			case "n":
				return float64(sc.N), ok
			case "sd":
				return sc.SD, ok
			}
			return sc.Mean, ok
		}
	case k[0] == "top" && at(1) < len(s.TopItems):
		return s.TopItems[at(1)].Mean, true
	case k[0] == "bottom" && at(1) < len(s.BottomItems):
		return s.BottomItems[at(1)].Mean, true
	case k[0] == "blind" && at(1) < len(s.BlindSpots):
		g := s.BlindSpots[at(1)]
		return map[string]float64{"self": g.Self, "others": g.Others, "apart": math.Abs(g.Gap)}[k[2]], true
	case k[0] == "hidden" && at(1) < len(s.HiddenStrengths):
		g := s.HiddenStrengths[at(1)]
		return map[string]float64{"self": g.Self, "others": g.Others, "apart": math.Abs(g.Gap)}[k[2]], true
	}
	return 0, false
}

type pageFigure struct{ key, text string }

var figureRE = regexp.MustCompile(`data-figure="([^"]+)">([^<]*)<`)

// pageFigures are the figures of a report page, in page order.
func pageFigures(body string) []pageFigure {
	var out []pageFigure
	for _, m := range figureRE.FindAllStringSubmatch(body, -1) {
		out = append(out, pageFigure{m[1], html.UnescapeString(m[2])})
	}
	return out
}

// figureValue reads a figure as printed: 3.40, +0.25, −0.50, ±0.00, 7.
func figureValue(t *testing.T, text string) float64 {
	t.Helper()
	s := strings.NewReplacer("−", "-", "+", "", "±", "").Replace(text)
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("figure %q is not a number", text)
	}
	return v
}

// pdfFigureRE finds the figures with two decimals in a PDF's text.
var pdfFigureRE = regexp.MustCompile(`[−+±]?\d+\.\d\d`)

func TestReportPage(t *testing.T) {
	f := newReportFixture(t)
	coach := newBrowser(t, f.app)
	if p := coach.post("/login", url.Values{"email": {f.coach.Email}, "password": {testkit.CoachPassphrase}}); p.Status != http.StatusSeeOther {
		t.Fatalf("sign in: %d", p.Status)
	}
	path := fmt.Sprintf("/rounds/%d/report", f.roundID)

	t.Run("RefusedWhileTheRoundIsOpen", func(t *testing.T) {
		p := coach.get(path)
		expectStatus(t, p, http.StatusConflict, "only once the round is closed")
		if strings.Contains(p.Body, "data-figure") {
			t.Error("the refusal shows figures")
		}
	})
	f.app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/close", f.roundID), f.token, nil)

	t.Run("OnlyForTheCoachOfTheRound", func(t *testing.T) {
		other := newBrowser(t, f.app)
		other.signIn()
		if p := other.get(path); p.Status != http.StatusNotFound || strings.Contains(p.Body, "data-figure") {
			t.Errorf("another coach: %d", p.Status)
		}
		if p := newBrowser(t, f.app).get(path); p.Status != http.StatusSeeOther || !strings.HasPrefix(p.Location, "/login") {
			t.Errorf("signed out: %d %q", p.Status, p.Location)
		}
		if p := coach.get("/rounds/999999/report"); p.Status != http.StatusNotFound {
			t.Errorf("no such round: %d", p.Status)
		}
	})

	p := coach.get(path)
	expectStatus(t, p, http.StatusOK, "Summary", "How to read this report", "Who answered", "Overview of competencies",
		"Progress since the last round", "Decision-making", "Highest and lowest rated", "Blind spots and hidden strengths",
		"In their own words", "Questions for the debrief", "Development plan", fmt.Sprintf(`href="/rounds/%d/report.pdf"`, f.roundID))
	figures := pageFigures(p.Body)

	t.Run("KeepsTheReportPrivate", func(t *testing.T) {
		expectReportHeaders(t, p.Header)
	})
	t.Run("EveryFigureIsTheSummarys", func(t *testing.T) {
		var s reportSummaryJSON
		f.app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d/summary", f.roundID), f.token, nil).JSON(t, &s)
		if len(figures) < 300 {
			t.Fatalf("only %d figures on the page", len(figures))
		}
		for _, fig := range figures {
			want, ok := s.want(fig.key)
			if !ok {
				t.Errorf("%s = %s: the summary has no such figure", fig.key, fig.text)
				continue
			}
			if got := figureValue(t, fig.text); math.Abs(got-want) > 0.005 {
				t.Errorf("%s: the page says %s, the summary %.2f", fig.key, fig.text, want)
			}
		}
		// Figures the summary withholds are withheld on the page too.
		for _, it := range s.Items {
			for _, g := range s.Groups {
				key := fmt.Sprintf(`data-figure="i/%d/%s/mean"`, it.ID, g.Key)
				if _, ok := it.Scores[g.Key]; !ok && strings.Contains(p.Body, key) {
					t.Errorf("the page shows %s, which the summary withholds", key)
				}
			}
		}
	})
	t.Run("EveryFigureIsInThePDF", func(t *testing.T) {
		pdf := f.app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d/report.pdf", f.roundID), f.token, nil)
		flat := pdfText(t, pdf.Body)
		inPDF := map[string]int{}
		for _, x := range pdfFigureRE.FindAllString(flat, -1) {
			inPDF[x]++
		}
		// The figures of the summary, the competencies, the statements, the
		// progress and the rankings are printed in the PDF at least as many
		// times as on the page. The page's window lists every blind spot and
		// hidden strength where the PDF's quadrants stop when full: those
		// are checked one by one.
		counted := regexp.MustCompile(`^(sum/)?(c|i|p|top|bottom)/|^sum/(blind|hidden)/`)
		onPage := map[string]int{}
		for _, fig := range figures {
			switch {
			case !strings.Contains(fig.text, "."):
			case counted.MatchString(fig.key):
				onPage[fig.text]++
			case inPDF[fig.text] == 0:
				t.Errorf("%s = %s is not in the PDF", fig.key, fig.text)
			}
		}
		for text, n := range onPage {
			if inPDF[text] < n {
				t.Errorf("%s: %d times on the page, %d in the PDF", text, n, inPDF[text])
			}
		}
		gap := regexp.MustCompile(`self <span data-figure="(?:blind|hidden)/0/self">([\d.]+)</span> · others <span data-figure="[^"]+">([\d.]+)</span>`)
		if pairs := gap.FindAllStringSubmatch(p.Body, -1); len(pairs) != 2 {
			t.Errorf("%d largest blind spots and hidden strengths, want one each", len(pairs))
		} else {
			for _, m := range pairs {
				if pair := "self " + m[1] + " · others " + m[2]; !strings.Contains(flat, pair) {
					t.Errorf("the PDF lacks %q", pair)
				}
			}
		}
		// The spreads' figures read the same in both.
		spread := regexp.MustCompile(`n <span data-figure="[^"]+">(\d+)</span> · sd <span data-figure="[^"]+">([\d.]+)</span>(?: · N/A <span data-figure="[^"]+">(\d+)</span>)?`)
		notes := spread.FindAllStringSubmatch(p.Body, -1)
		if len(notes) < 40 {
			t.Fatalf("%d spreads on the page", len(notes))
		}
		for _, m := range notes {
			note := "n " + m[1] + " · sd " + m[2]
			if m[3] != "" {
				note += " · N/A " + m[3]
			}
			if !strings.Contains(flat, note) {
				t.Errorf("the PDF lacks the spread %q", note)
			}
		}
		if !strings.Contains(flat, "n 10 · sd 0.66") || !strings.Contains(p.Body, `>3.40</span>`) {
			t.Error("the hand-computed item's figures are missing")
		}
	})
	t.Run("NamesNoAnonymousRater", func(t *testing.T) {
		for _, secret := range f.anonymous {
			if strings.Contains(p.Body, secret) || strings.Contains(p.Body, html.EscapeString(secret)) {
				t.Errorf("the page names %q", secret)
			}
		}
	})
	t.Run("TheRoundPageLinksToIt", func(t *testing.T) {
		if r := coach.get(fmt.Sprintf("/rounds/%d", f.roundID)); !strings.Contains(r.Body, `href="`+path+`"`) {
			t.Error("the round page has no link to the report page")
		}
	})

	_, token := f.release(t)
	t.Run("TheLeadersLinkOpensTheSameReport", func(t *testing.T) {
		r := f.app.Do("GET", "/r/"+token, "", nil)
		if r.Status != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
			t.Fatalf("%d %s", r.Status, r.Header.Get("Content-Type"))
		}
		expectReportHeaders(t, r.Header)
		body := string(r.Body)
		if !strings.Contains(body, `href="/r/`+token+`/report.pdf"`) {
			t.Error("no link to the PDF")
		}
		if strings.Contains(body, `action="/logout"`) || strings.Contains(body, fmt.Sprintf(`/rounds/%d`, f.roundID)) {
			t.Error("the leader's page shows the coach's navigation or links")
		}
		got := pageFigures(body)
		if fmt.Sprint(got) != fmt.Sprint(figures) {
			t.Errorf("the leader's page shows other figures than the coach's (%d and %d)", len(got), len(figures))
		}
	})
	t.Run("TheLeadersPDFLinkServesThePDF", func(t *testing.T) {
		r := f.app.Do("GET", "/r/"+token+"/report.pdf", "", nil)
		if r.Status != http.StatusOK || r.Header.Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(r.Body, []byte("%PDF-")) {
			t.Fatalf("%d %s", r.Status, r.Header.Get("Content-Type"))
		}
		expectReportHeaders(t, r.Header)
		expectReportName(t, r.Header.Get("Content-Disposition"), "inline",
			"Rapport 360 - "+fixtureLeader+" - Leadership 360 · Spring 2026.pdf", "Rapport 360 - Leadership 360 Spring 2026.pdf")
	})
	t.Run("WrongTokensGetTheOrdinary404", func(t *testing.T) {
		missing := f.app.Do("GET", "/no-such-page", "", nil)
		for _, path := range []string{"/r/" + secrets.NewToken(), "/r/" + secrets.NewToken() + "/report.pdf", "/r/short/report.pdf",
			"/r/" + token + "/report.pdf/", "/r/" + token + "/report"} {
			r := f.app.Do("GET", path, "", nil)
			if r.Status != http.StatusNotFound || !bytes.Equal(r.Body, missing.Body) || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
				t.Errorf("%.12s…: %d %s, want the ordinary 404 page", path, r.Status, r.Header.Get("Content-Type"))
			}
			if r.Header.Get("Referrer-Policy") != "no-referrer" || r.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("%.12s…: headers %v", path, r.Header)
			}
		}
	})
}

// expectReportHeaders checks what keeps a report private: no cache, no
// referrer, no search engine.
func expectReportHeaders(t *testing.T, h http.Header) {
	t.Helper()
	if h.Get("Cache-Control") != "no-store" || h.Get("Referrer-Policy") != "no-referrer" || !strings.Contains(h.Get("X-Robots-Tag"), "noindex") {
		t.Errorf("Cache-Control %q, Referrer-Policy %q, X-Robots-Tag %q", h.Get("Cache-Control"), h.Get("Referrer-Policy"), h.Get("X-Robots-Tag"))
	}
}
