package report

import (
	"fmt"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/scoring"
)

// Words are the sentences and selections the PDF draws from the summary
// besides its figures, for the report's web page (internal/web), so that the
// page says what the PDF says and picks what it picks.
type Words struct {
	// First is the leader's first name, as the report calls them.
	First string
	// GroupingNotes explain under "Who answered" how anonymous raters were grouped.
	GroupingNotes []string
	// WithheldReason says why All others is not shown; "" when it is.
	WithheldReason string
	// WithheldComments says whose comments are left out; "" when none are.
	WithheldComments string
	// AnyHidden is set when some figure of a shown group is withheld.
	AnyHidden bool
	// Open and Develop are the window's statements where self and All
	// others agree: upper half and lower half of All others' ratings.
	Open, Develop []WindowItem
	// Moves are the progress page's notes on what moved most.
	Moves []string
}

// WindowItem is a statement in a quadrant of the window, with its figures
// worded as the PDF words them.
type WindowItem struct {
	Text    string
	Figures string
}

// WordsFor returns the words the PDF of m and s says around its figures.
// Nothing is drawn: it is cheap.
func WordsFor(m Meta, s *scoring.Summary) Words {
	d := &doc{m: m, s: s, first: rapport.FirstName(m.LeaderName), leader: m.Leader()}
	w := Words{First: d.first, GroupingNotes: d.groupingNotes(), WithheldReason: d.withheldReason(), AnyHidden: d.anyHidden()}
	if len(s.Withheld) > 0 {
		w.WithheldComments = d.withheldComments()
	}
	inGap := map[int64]bool{}
	for _, g := range s.BlindSpots {
		inGap[g.ID] = true
	}
	for _, g := range s.HiddenStrengths {
		inGap[g.ID] = true
	}
	open, develop := d.agreed(inGap)
	for _, it := range open {
		w.Open = append(w.Open, WindowItem{it.text, it.figures})
	}
	for _, it := range develop {
		w.Develop = append(w.Develop, WindowItem{it.text, it.figures})
	}
	if s.Progress != nil {
		w.Moves = d.moves()
	}
	return w
}

// GapFigures words a blind spot's or hidden strength's figures as the
// window does.
func GapFigures(g scoring.Gap) string {
	return fmt.Sprintf("self %s · others %s", fmtScore(g.Self), fmtScore(g.Others))
}

// anyHidden reports whether some statement's figure of a shown group is
// withheld.
func (d *doc) anyHidden() bool {
	for _, it := range d.s.Items {
		if len(d.itemAbsences(it)) > 0 {
			return true
		}
	}
	return false
}
