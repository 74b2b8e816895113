package report_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/scoring"
	"github.com/rapporthq/rapport/internal/testkit"
)

// renderPages draws the report and returns each page's text, flattened.
func renderPages(t *testing.T, name string, in scoring.Input) ([]string, *scoring.Summary) {
	t.Helper()
	s := scoring.Compute(in)
	path := drawFile(t, name, meta(in), s)
	testkit.Tool(t, "qpdf", "--check", path)
	raw := strings.TrimSuffix(testkit.Tool(t, "pdftotext", "-enc", "UTF-8", path, "-"), "\f")
	var pages []string
	for _, p := range strings.Split(raw, "\f") {
		pages = append(pages, strings.Join(strings.Fields(p), " "))
	}
	return pages, s
}

// pagesWith are the numbers (from 1) of the pages whose text holds s.
func pagesWith(pages []string, s string) []int {
	var out []int
	for i, p := range pages {
		if strings.Contains(p, s) {
			out = append(out, i+1)
		}
	}
	return out
}

// fullRound has every kind of group: self, a manager, three peers and
// three direct reports, no N/A.
func fullRound() scoring.Input {
	self, sup, peer, dr := rapport.Self, rapport.Superior, rapport.Peer, rapport.DirectReport
	return round(3, 0, self, sup, peer, peer, peer, dr, dr, dr)
}

func TestSummaryPage(t *testing.T) {
	pages, s := renderPages(t, "summary", fullRound())
	h := s.Highlights()

	t.Run("ComesRightAfterTheCover", func(t *testing.T) {
		if got := pagesWith(pages, "Summary This round on one page"); len(got) != 1 || got[0] != 2 {
			t.Fatalf("the summary is on pages %v, want [2]", got)
		}
	})
	page := pages[1]
	t.Run("HasEveryPart", func(t *testing.T) {
		for _, want := range []string{"Who answered", "Highest rated by All others (2)", "Lowest rated by All others (2)",
			"Largest blind spot", "Largest hidden strength", "Each competency at a glance"} {
			if !strings.Contains(page, want) {
				t.Errorf("the summary page lacks %q", want)
			}
		}
	})
	t.Run("CountsWhoAnsweredPerReportedGroup", func(t *testing.T) {
		if !strings.Contains(page, "1 1 3 3 7 Self Manager Peers Direct reports All others") {
			t.Errorf("the summary page does not count the groups: %.400s", page)
		}
	})
	t.Run("ShowsTheSummarysHighlights", func(t *testing.T) {
		for _, ref := range append(append([]scoring.ItemRef{}, h.Top...), h.Bottom...) {
			if !strings.Contains(page, ref.Text) || !strings.Contains(page, "All others "+fmtScore(ref.Mean)) {
				t.Errorf("the summary page lacks %q at %.2f", ref.Text, ref.Mean)
			}
		}
		for _, g := range []*scoring.Gap{h.BlindSpot, h.HiddenStrength} {
			if g == nil {
				continue
			}
			if !strings.Contains(page, g.Text) {
				t.Errorf("the summary page lacks the gap %q", g.Text)
			}
		}
	})
	t.Run("SaysWhenThereIsNoBlindSpot", func(t *testing.T) {
		if h.BlindSpot == nil && !strings.Contains(page, "None: no statement Елена rated 1.0 point or more above All others.") {
			t.Error("no blind spot, and the page does not say so")
		}
	})
}

func TestStatementTables(t *testing.T) {
	t.Run("NameTheirColumnsWithTheGroups", func(t *testing.T) {
		pages, _ := renderPages(t, "columns", fullRound())
		tables := pagesWith(pages, "The competency as a whole")
		if len(tables) == 0 {
			t.Fatal("no statement table")
		}
		for _, n := range tables {
			if !strings.Contains(pages[n-1], "Statement Self Manager Peers Direct reports") {
				t.Errorf("page %d: the table's columns are not named Self, Manager, Peers, Direct reports: %.300s", n, pages[n-1])
			}
		}
	})
	t.Run("CompetenciesSharePages", func(t *testing.T) {
		pages, _ := renderPages(t, "shared", fullRound())
		listening, relations := pagesWith(pages, "Listening Gives others full attention."), pagesWith(pages, "Ζητά και δίνει")
		if len(listening) != 1 || len(relations) != 1 || listening[0] != relations[0] {
			t.Errorf("Listening on pages %v, the second competency on %v: two short competencies should share a page", listening, relations)
		}
	})
}

// TestWithheldFiguresAreExplainedOnTheirPage: two of three peers could not
// observe item 1, so the one peer's rating closes the peer cell and All
// others (superior plus that peer) for the item; the competency's peer and
// All others figures go with it.
func TestWithheldFiguresAreExplainedOnTheirPage(t *testing.T) {
	self, sup, peer := rapport.Self, rapport.Superior, rapport.Peer
	in := round(3, 0, self, sup, peer, peer, peer)
	in.Responses[3].Scores[1], in.Responses[4].Scores[1] = nil, nil
	pages, s := renderPages(t, "withheld-figures", in)
	if _, ok := s.Items[0].Scores[scoring.AllOthers]; ok {
		t.Fatal("fixture: All others is shown on item 1")
	}
	item := s.Items[0].Text
	on := pagesWith(pages, item)
	if len(on) != 1 {
		t.Fatalf("item 1 is on pages %v, want only its competency's", on)
	}
	page := pages[on[0]-1]
	for _, want := range []string{
		"Peers: fewer than 3 of them rated this statement (the others chose “not able to observe”), so their view is not shown, to protect anonymity.",
		"All others: not shown for this statement, because beside the figures that are shown it would reveal the ratings of fewer than 3 people.",
		"Peers: no score for Listening, because their view of at least one of its statements is not shown, to protect anonymity (see below).",
		"All others: no score for Listening, because beside the figures that are shown it would reveal the ratings of fewer than 3 people.",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page %d, where item 1's figures are withheld, lacks %q", on[0], want)
		}
	}
	for _, leak := range []string{"1 of them", "only 1", "one peer"} {
		if strings.Contains(strings.ToLower(page), leak) {
			t.Errorf("the explanation gives the count below the threshold: %q", leak)
		}
	}
	overview := pagesWith(pages, "Overview of competencies")
	summary := pagesWith(pages, "Summary This round on one page")
	for _, n := range append(overview, summary...) {
		if !strings.Contains(pages[n-1], "Peers: no score for Listening, because their view of at least one of its statements is not shown") {
			t.Errorf("page %d shows Listening without Peers and does not say why", n)
		}
	}
}

func fmtScore(x float64) string { return fmt.Sprintf("%.2f", x) }
