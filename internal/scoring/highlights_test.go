package scoring

import (
	"slices"
	"testing"
)

func refIDs(refs []ItemRef) (out []int64) {
	for _, r := range refs {
		out = append(out, r.ID)
	}
	return out
}

// peerHiddenOnItem1: self, superior and three peers; on item 1 two peers
// chose N/A, so the one peer's rating closes the peer cell and, with no
// other block to suppress beside it, All others too. That rating is the
// most extreme of the round: a highlight built on it would give it away.
func peerHiddenOnItem1() *Summary {
	return Compute(input(3, rels(1, 1, 3, 0, 0), func(r int, item int64) *int {
		switch {
		case item == 1 && r == 2:
			return score(1)
		case item == 1 && r > 2:
			return nil
		case r == 0:
			return score(5) // self rates everything 5
		}
		return score(2 + int(item)%3)
	}))
}

func TestHighlights(t *testing.T) {
	t.Run("TiesNeverPutAnItemInBothLists", func(t *testing.T) {
		s := Compute(input(3, rels(1, 0, 3, 0, 0), func(int, int64) *int { return score(4) }))
		top, bottom := refIDs(s.TopItems), refIDs(s.BottomItems)
		if !slices.Equal(top, []int64{1, 2}) || !slices.Equal(bottom, []int64{4, 5}) {
			t.Errorf("equal means: top %v, bottom %v; want [1 2] and [4 5] (report order, disjoint)", top, bottom)
		}
	})
	t.Run("TiesKeepReportOrderAndLowestComesFirst", func(t *testing.T) {
		means := map[int64]int{1: 3, 2: 5, 3: 3, 4: 5, 5: 1}
		s := Compute(input(3, rels(0, 0, 3, 0, 0), func(_ int, item int64) *int { return score(means[item]) }))
		if got := refIDs(s.TopItems); !slices.Equal(got, []int64{2, 4}) {
			t.Errorf("top %v, want [2 4]", got)
		}
		if got := refIDs(s.BottomItems); !slices.Equal(got, []int64{5, 3}) {
			t.Errorf("bottom %v, want [5 3]: lowest first, then the later of the tied 3s (item 1 ranks above it)", got)
		}
	})
	t.Run("PickTheFirstThreeAndTheLargestGaps", func(t *testing.T) {
		s := Compute(handInput())
		h := s.Highlights()
		if !slices.Equal(refIDs(h.Top), refIDs(s.TopItems)) || !slices.Equal(refIDs(h.Bottom), refIDs(s.BottomItems)) {
			t.Errorf("highlights %v / %v, want the summary's %v / %v", refIDs(h.Top), refIDs(h.Bottom), refIDs(s.TopItems), refIDs(s.BottomItems))
		}
		if h.BlindSpot == nil || h.BlindSpot.ID != 1 || h.HiddenStrength == nil || h.HiddenStrength.ID != 2 {
			t.Errorf("largest gaps %+v %+v, want items 1 and 2", h.BlindSpot, h.HiddenStrength)
		}
		many := &Summary{TopItems: make([]ItemRef, 5), BottomItems: make([]ItemRef, 5)}
		if h := many.Highlights(); len(h.Top) != HighlightCount || len(h.Bottom) != HighlightCount {
			t.Errorf("%d top and %d bottom highlights of 5, want %d", len(h.Top), len(h.Bottom), HighlightCount)
		}
	})
	t.Run("NeverUseAWithheldFigure", func(t *testing.T) {
		s := peerHiddenOnItem1()
		if _, ok := s.Items[0].Scores[AllOthers]; ok {
			t.Fatal("fixture: All others is shown on item 1")
		}
		h := s.Highlights()
		for _, ref := range append(h.Top, h.Bottom...) {
			if ref.ID == 1 {
				t.Error("item 1, whose All others is withheld, is a highlight")
			}
		}
		for _, g := range append(s.BlindSpots, s.HiddenStrengths...) {
			if g.ID == 1 {
				t.Error("item 1, whose All others is withheld, is a blind spot or hidden strength")
			}
		}
		if h.BlindSpot == nil || h.BlindSpot.Others != s.Items[h.BlindSpot.ID-1].Scores[AllOthers].Mean {
			t.Errorf("largest blind spot %+v does not carry the shown All others mean", h.BlindSpot)
		}
	})
	t.Run("NoneWhenTheAnonymousRatersAreWithheld", func(t *testing.T) {
		s := Compute(input(3, rels(1, 1, 2, 0, 0), func(r int, item int64) *int { return score(1 + (r+int(item))%5) }))
		h := s.Highlights()
		if len(h.Top)+len(h.Bottom) != 0 || h.BlindSpot != nil || h.HiddenStrength != nil {
			t.Errorf("withheld peers, yet highlights %+v", h)
		}
	})
}

func TestAbsence(t *testing.T) {
	t.Run("ItemSaysWhy", func(t *testing.T) {
		s := Compute(handInput())
		item3 := s.Items[2] // superior N/A; 3 peers and 2 of 3 direct reports rated it
		for group, want := range map[string]Absence{"self": "", "superior": NoRatings, "direct_report": FewRatings,
			"peer": Complementary, AllOthers: "", "other": ""} {
			if got := s.ItemAbsence(item3, group); got != want {
				t.Errorf("item 3 %s: %q, want %q", group, got, want)
			}
		}
		listening := s.Competencies[0]
		for group, want := range map[string]Absence{"superior": "", "peer": PartWithheld, "direct_report": PartWithheld, AllOthers: ""} {
			if got := s.CompetencyAbsence(listening, group); got != want {
				t.Errorf("listening %s: %q, want %q", group, got, want)
			}
		}
	})
	t.Run("AllOthersResidual", func(t *testing.T) {
		s := peerHiddenOnItem1()
		if got := s.ItemAbsence(s.Items[0], AllOthers); got != Residual {
			t.Errorf("item 1 all_others: %q, want %q", got, Residual)
		}
		if got := s.ItemAbsence(s.Items[0], "peer"); got != FewRatings {
			t.Errorf("item 1 peer: %q, want %q", got, FewRatings)
		}
		if got := s.CompetencyAbsence(s.Competencies[0], AllOthers); got != Residual {
			t.Errorf("listening all_others: %q, want %q", got, Residual)
		}
	})
	t.Run("CompetencyNobodyRated", func(t *testing.T) {
		s := Compute(input(3, rels(1, 0, 3, 0, 0), func(r int, item int64) *int {
			if r == 0 && item >= 4 {
				return nil // self did not rate trust at all
			}
			return score(3)
		}))
		if got := s.CompetencyAbsence(s.Competencies[1], "self"); got != NoRatings {
			t.Errorf("trust self: %q, want %q", got, NoRatings)
		}
	})
}
