package scoring

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
)

func TestGroups(t *testing.T) {
	type want struct {
		keys     []string
		combined []rapport.Relationship
		withheld []rapport.Relationship
	}
	cases := []struct {
		name                             string
		t, superior, peer, direct, other int
		want                             want
	}{
		{"EveryAnonymousGroupLargeEnoughStandsAlone", 3, 1, 4, 3, 3, want{keys: []string{"self", "superior", "peer", "direct_report", "other", "all_others"}}},
		{"SmallGroupsTogetherLargeEnoughAreCombined", 3, 1, 4, 2, 1, want{keys: []string{"self", "superior", "peer", "combined", "all_others"},
			combined: []rapport.Relationship{rapport.DirectReport, rapport.Other}}},
		{"OnePeerJoinsTheDirectReports", 3, 1, 1, 3, 0, want{keys: []string{"self", "superior", "combined", "all_others"},
			combined: []rapport.Relationship{rapport.Peer, rapport.DirectReport}}},
		{"SmallRestJoinsTheSmallestGroup", 3, 1, 3, 4, 2, want{keys: []string{"self", "superior", "direct_report", "combined", "all_others"},
			combined: []rapport.Relationship{rapport.Peer, rapport.Other}}},
		{"TwoPeersAloneAreWithheldAndAllOthersHidden", 3, 1, 2, 0, 0, want{keys: []string{"self", "superior"},
			withheld: []rapport.Relationship{rapport.Peer}}},
		{"AllSmallButTogetherEnough", 3, 0, 1, 1, 1, want{keys: []string{"self", "combined", "all_others"},
			combined: []rapport.Relationship{rapport.Peer, rapport.DirectReport, rapport.Other}}},
		{"ThresholdTwoLetsTwoPeersStand", 2, 1, 2, 1, 0, want{keys: []string{"self", "superior", "combined", "all_others"},
			combined: []rapport.Relationship{rapport.Peer, rapport.DirectReport}}},
		{"OnlySuperiorMakesAllOthersTheSuperior", 3, 1, 0, 0, 0, want{keys: []string{"self", "superior", "all_others"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := input(tc.t, rels(1, tc.superior, tc.peer, tc.direct, tc.other), func(int, int64) *int { return score(3) })
			s := Compute(in)
			var keys []string
			for _, g := range s.Groups {
				keys = append(keys, g.Key)
				if g.Key == Combined && !slices.Equal(g.Members, tc.want.combined) {
					t.Errorf("combined holds %v, want %v", g.Members, tc.want.combined)
				}
				if g.Anonymous && g.Key != AllOthers && g.N < tc.t {
					t.Errorf("anonymous group %s has %d raters, below %d", g.Key, g.N, tc.t)
				}
			}
			if !slices.Equal(keys, tc.want.keys) {
				t.Errorf("groups %v, want %v", keys, tc.want.keys)
			}
			if !slices.Equal(s.Withheld, tc.want.withheld) && len(s.Withheld)+len(tc.want.withheld) > 0 {
				t.Errorf("withheld %v, want %v", s.Withheld, tc.want.withheld)
			}
			if l := findLeak(in, s); l != nil {
				t.Errorf("leak: %v", l)
			}
		})
	}
}

func TestConfidentiality(t *testing.T) {
	t.Run("SuperiorOnePeerOneDirectReportsThree", func(t *testing.T) {
		// The example leak: with superior, direct reports and all_others shown,
		// 5 × all_others − superior − 3 × direct reports is the one peer.
		in := input(3, rels(1, 1, 1, 3, 0), func(r int, _ int64) *int { return score(1 + r%5) })
		s := Compute(in)
		for _, it := range s.Items {
			for _, key := range []string{"peer", "direct_report"} {
				if _, ok := it.Scores[key]; ok {
					t.Fatalf("item %d shows %s on its own", it.ID, key)
				}
			}
			all, comb, sup := it.Scores[AllOthers], it.Scores[Combined], it.Scores["superior"]
			residual := float64(all.N)*all.Mean - float64(comb.N)*comb.Mean - float64(sup.N)*sup.Mean
			if all.N-comb.N-sup.N != 0 || residual > 1e-6 || residual < -1e-6 {
				t.Fatalf("item %d: all_others − combined − superior leaves %d raters (%.2f)", it.ID, all.N-comb.N-sup.N, residual)
			}
		}
		if l := findLeak(in, s); l != nil {
			t.Fatal(l)
		}
	})
	t.Run("SuperiorOnePeersTwo", func(t *testing.T) {
		in := input(3, rels(1, 1, 2, 0, 0), func(r int, _ int64) *int { return score(1 + r) })
		in.Responses[2].Comments["change"] = "Peer comment that must not appear."
		s := Compute(in)
		if _, ok := s.Group(AllOthers); ok {
			t.Fatal("all_others is shown: minus the superior it is the two peers")
		}
		for _, it := range s.Items {
			if len(it.Scores) != 2 || it.Scores["self"].N != 1 || it.Scores["superior"].N != 1 {
				t.Fatalf("item %d shows %v", it.ID, it.Scores)
			}
			if _, ok := it.NA["peer"]; ok {
				t.Fatal("N/A count of the withheld peers shown")
			}
		}
		if len(s.Comments) != 0 {
			t.Fatalf("comments of withheld raters shown: %v", s.Comments)
		}
		if !slices.Equal(s.Withheld, []rapport.Relationship{rapport.Peer}) {
			t.Fatalf("withheld %v", s.Withheld)
		}
		if l := findLeak(in, s); l != nil {
			t.Fatal(l)
		}
	})
	t.Run("NotAbleToObserveShrinksAnItemBelowTheThreshold", func(t *testing.T) {
		// Peers 3, direct reports 3, one peer says N/A to item 1: the peers'
		// item 1 holds two answers. Showing the direct reports' item 1 and
		// all_others would give those two away, so the direct reports' item 1
		// is hidden too and all_others stays (the sum of five raters).
		in := input(3, rels(1, 1, 3, 3, 0), func(r int, item int64) *int {
			if r == 2 && item == 1 {
				return nil
			}
			return score(1 + (r+int(item))%5)
		})
		s := Compute(in)
		it := s.Items[0]
		if _, ok := it.Scores["peer"]; ok {
			t.Error("peers' item 1 shown with two answers")
		}
		if _, ok := it.Scores["direct_report"]; ok {
			t.Error("direct reports' item 1 shown: all_others minus it gives the two peers away")
		}
		if got := it.Scores[AllOthers].N; got != 6 {
			t.Errorf("all_others item 1 n = %d, want 6", got)
		}
		if it.NA["peer"] != 1 {
			t.Errorf("peer N/A %d, want 1", it.NA["peer"])
		}
		listening := s.Competencies[0]
		for _, key := range []string{"peer", "direct_report"} {
			if _, ok := listening.Scores[key]; ok {
				t.Errorf("listening shows %s: minus its shown items it gives item 1 away", key)
			}
		}
		if _, ok := listening.Scores[AllOthers]; !ok {
			t.Error("listening all_others hidden although it is safe")
		}
		if _, ok := s.Competencies[1].Scores["peer"]; !ok {
			t.Error("trust peers hidden although nobody chose N/A there")
		}
		if l := findLeak(in, s); l != nil {
			t.Fatal(l)
		}
		// The attacker finds the leak when the direct reports' item 1 is shown anyway.
		it.Scores["direct_report"] = Score{Mean: 3, N: 3}
		if findLeak(in, s) == nil {
			t.Fatal("the checker missed all_others − superior − direct reports on item 1")
		}
	})
	t.Run("OneAnonymousGroupWithNotAbleToObserve", func(t *testing.T) {
		// Nothing to pair the short cell with: all_others item 1 hides, and
		// the listening competency hides for peers and all_others alike.
		in := input(3, rels(1, 1, 3, 0, 0), func(r int, item int64) *int {
			if r == 2 && item == 1 {
				return nil
			}
			return score(4)
		})
		s := Compute(in)
		if _, ok := s.Items[0].Scores[AllOthers]; ok {
			t.Error("all_others item 1 shown: minus the superior it is two peers")
		}
		if _, ok := s.Competencies[0].Scores[AllOthers]; ok {
			t.Error("listening all_others shown")
		}
		if _, ok := s.Items[1].Scores[AllOthers]; !ok {
			t.Error("all_others item 2 hidden although safe")
		}
		if l := findLeak(in, s); l != nil {
			t.Fatal(l)
		}
	})
	t.Run("CheckerFindsTheClassicLeaks", func(t *testing.T) {
		in := input(3, rels(1, 1, 1, 3, 0), func(int, int64) *int { return score(3) })
		s := Compute(in)
		// A naive report: direct reports on their own next to all_others.
		s.Groups = append(s.Groups, Group{Key: "direct_report", Members: []rapport.Relationship{rapport.DirectReport}, N: 3, Anonymous: true})
		s.Items[0].Scores["direct_report"] = Score{Mean: 3, N: 3}
		if findLeak(in, s) == nil {
			t.Fatal("missed all_others − superior − direct reports = the one peer")
		}
		in = input(3, rels(1, 1, 2, 0, 0), func(int, int64) *int { return score(3) })
		s = Compute(in)
		s.Groups = append(s.Groups, Group{Key: AllOthers, Members: []rapport.Relationship{rapport.Superior, rapport.Peer}, N: 3})
		s.Competencies[1].Scores[AllOthers] = Score{Mean: 3, N: 6}
		if findLeak(in, s) == nil {
			t.Fatal("missed all_others − superior = the two peers")
		}
	})
}

// TestNoCombinationOfFiguresIsolatesFewerThanThreshold runs the attacker on
// every group composition up to three raters per anonymous group, with and
// without a superior, at thresholds 2 and 3, under several N/A patterns
// (none, random, and ones built to leave a cell just below the threshold),
// and on random larger rounds.
func TestNoCombinationOfFiguresIsolatesFewerThanThreshold(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	patterns := map[string]func(rs []rapport.Relationship) func(int, int64) *int{
		"NoNA":     func([]rapport.Relationship) func(int, int64) *int { return randomScores(rng, 0) },
		"RandomNA": func([]rapport.Relationship) func(int, int64) *int { return randomScores(rng, 0.3) },
		// The first rater of each relationship says N/A to items 1 and 4.
		"FirstOfEachGroupNA": func(rs []rapport.Relationship) func(int, int64) *int {
			return func(r int, item int64) *int {
				if (item == 1 || item == 4) && (r == 0 || rs[r-1] != rs[r]) {
					return nil
				}
				return score(1 + rng.IntN(5))
			}
		},
		// All but one rater of each relationship say N/A to item 2.
		"AllButOneNA": func(rs []rapport.Relationship) func(int, int64) *int {
			return func(r int, item int64) *int {
				if item == 2 && r+1 < len(rs) && rs[r+1] == rs[r] {
					return nil
				}
				return score(1 + rng.IntN(5))
			}
		},
	}
	cases := 0
	for _, threshold := range []int{2, 3} {
		for sup := 0; sup <= 1; sup++ {
			for peer := 0; peer <= 3; peer++ {
				for direct := 0; direct <= 3; direct++ {
					for other := 0; other <= 3; other++ {
						rs := rels(1, sup, peer, direct, other)
						for name, pattern := range patterns {
							in := input(threshold, rs, pattern(rs))
							if l := findLeak(in, Compute(in)); l != nil {
								t.Fatalf("t=%d superior=%d peer=%d direct=%d other=%d %s: %v", threshold, sup, peer, direct, other, name, l)
							}
							cases++
						}
					}
				}
			}
		}
	}
	for i := range 300 {
		threshold := 2 + rng.IntN(3)
		rs := rels(rng.IntN(2), rng.IntN(3), rng.IntN(7), rng.IntN(7), rng.IntN(5))
		in := input(threshold, rs, randomScores(rng, rng.Float64()*0.5))
		if l := findLeak(in, Compute(in)); l != nil {
			t.Fatalf("random case %d (t=%d, %v): %v", i, threshold, rs, l)
		}
		cases++
	}
	t.Logf("%d rounds attacked, no leak", cases)
}
