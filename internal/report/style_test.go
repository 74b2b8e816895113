package report

import (
	"slices"
	"testing"

	"github.com/rapporthq/rapport/internal/palette"
	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/scoring"
)

// The "Who answered" table is the charts' key: a relationship merged with
// others has the merged group's neutral colour there, one shown on its own
// its own colour, and a withheld one none.
func TestWhoAnsweredColoursEachRelationshipAsItsChartGroup(t *testing.T) {
	groups := func(counts map[rapport.Relationship]int) *doc {
		s := &scoring.Summary{}
		for r, key := range scoring.ReportedGroups(counts, 3) {
			i := slices.IndexFunc(s.Groups, func(g scoring.Group) bool { return g.Key == key })
			if i < 0 {
				s.Groups, i = append(s.Groups, scoring.Group{Key: key}), len(s.Groups)
			}
			s.Groups[i].Members = append(s.Groups[i].Members, r)
		}
		return &doc{s: s}
	}
	d := groups(map[rapport.Relationship]int{rapport.Self: 1, rapport.Peer: 4, rapport.DirectReport: 2, rapport.Other: 1})
	for r, want := range map[rapport.Relationship]palette.RGB{
		rapport.Self: palette.Of("self"), rapport.Peer: palette.Of("peer"),
		rapport.DirectReport: palette.Neutral, rapport.Other: palette.Neutral,
	} {
		key, ok := d.reportedIn(r)
		if c := colorOf(key); !ok || c != (rgb{int(want.R), int(want.G), int(want.B)}) {
			t.Errorf("%s: %v %v, want %v", r, c, ok, want)
		}
	}
	d = groups(map[rapport.Relationship]int{rapport.Self: 1, rapport.Peer: 2})
	if key, ok := d.reportedIn(rapport.Peer); ok {
		t.Errorf("withheld peers are keyed to %q", key)
	}
}
