package palette_test

import (
	"testing"

	"github.com/rapporthq/rapport/internal/palette"
	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/scoring"
)

// The case: purple was "Direct reports & other stakeholders" in one
// round and "Peers & other stakeholders" in the next. Each relationship must
// keep one colour in both rounds, the merged group must be neutral in both,
// and no two groups of a round may share a colour.
func TestColourPerRelationship(t *testing.T) {
	rounds := []map[rapport.Relationship]int{
		// peers on their own; direct reports and others merged
		{rapport.Self: 1, rapport.Superior: 1, rapport.Peer: 4, rapport.DirectReport: 2, rapport.Other: 1},
		// direct reports on their own; peers and others merged
		{rapport.Self: 1, rapport.Superior: 1, rapport.Peer: 2, rapport.DirectReport: 5, rapport.Other: 1},
	}
	seen := map[rapport.Relationship]palette.RGB{}
	for i, counts := range rounds {
		groupOf := scoring.ReportedGroups(counts, 3)
		used := map[palette.RGB]string{palette.AllOthers: scoring.AllOthers}
		for r, key := range groupOf {
			c := palette.Of(key)
			if key == scoring.Combined {
				if c != palette.Neutral {
					t.Errorf("round %d: the merged group holding %s is %v, not neutral", i+1, r, c)
				}
				continue
			}
			if prev, ok := seen[r]; ok && prev != c {
				t.Errorf("round %d: %s is %v, was %v", i+1, r, c, prev)
			}
			seen[r] = c
			if other, ok := used[c]; ok && other != key {
				t.Errorf("round %d: %s and %s share %v", i+1, key, other, c)
			}
			used[c] = key
		}
		if groupOf[rapport.Other] != scoring.Combined {
			t.Fatalf("round %d: the fixture no longer merges others: %v", i+1, groupOf)
		}
	}
	if seen[rapport.Peer] == (palette.RGB{}) || seen[rapport.DirectReport] == (palette.RGB{}) {
		t.Fatal("the fixture no longer shows peers and direct reports on their own in some round")
	}
	if palette.Neutral == palette.AllOthers {
		t.Error("the merged group and all others share a colour")
	}
}

func TestHexIsCSS(t *testing.T) {
	if got := palette.Hex(string(rapport.Self)); got != "#e69f00" {
		t.Errorf("self: %q", got)
	}
	if got := palette.Hex(scoring.Combined); got != palette.Neutral.Hex() {
		t.Errorf("combined: %q", got)
	}
}
