package scoring

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
)

// handFixture: self, superior, three peers, three direct reports (threshold 3).
// Scores per item, by rater in that order; 0 is N/A.
var handScores = map[int64][]int{
	1: {5, 4, 3, 4, 5, 2, 3, 4},
	2: {2, 4, 4, 4, 5, 4, 5, 5},
	3: {3, 0, 3, 3, 3, 3, 0, 3},
	4: {4, 4, 4, 4, 4, 4, 4, 4},
	5: {4, 4, 4, 4, 4, 4, 4, 4},
}

func handInput() Input {
	return input(3, rels(1, 1, 3, 3, 0), func(r int, item int64) *int {
		if s := handScores[item][r]; s != 0 {
			return score(s)
		}
		return nil
	})
}

func TestCompute(t *testing.T) {
	s := Compute(handInput())
	item := func(id int64) ItemScores { return s.Items[id-1] }

	t.Run("ItemFiguresMatchHandComputation", func(t *testing.T) {
		cases := []struct {
			item  int64
			group string
			want  Score
			dist  []int
		}{
			{1, "self", Score{5, 1, 0}, []int{0, 0, 0, 0, 1}},
			{1, "superior", Score{4, 1, 0}, []int{0, 0, 0, 1, 0}},
			{1, "peer", Score{4, 3, 0.82}, []int{0, 0, 1, 1, 1}},
			{1, "direct_report", Score{3, 3, 0.82}, []int{0, 1, 1, 1, 0}},
			{1, AllOthers, Score{3.57, 7, 0.9}, []int{0, 1, 2, 3, 1}},  // 25/7; sqrt(5.714/7)
			{2, AllOthers, Score{4.43, 7, 0.49}, []int{0, 0, 0, 4, 3}}, // 31/7
			{3, AllOthers, Score{3, 5, 0}, []int{0, 0, 5, 0, 0}},
			{4, "peer", Score{4, 3, 0}, []int{0, 0, 0, 3, 0}},
		}
		for _, c := range cases {
			if got := item(c.item).Scores[c.group]; got != c.want {
				t.Errorf("item %d %s: %+v, want %+v", c.item, c.group, got, c.want)
			}
			if got := item(c.item).Distribution[c.group]; !slices.Equal(got, c.dist) {
				t.Errorf("item %d %s distribution %v, want %v", c.item, c.group, got, c.dist)
			}
		}
	})
	t.Run("NotAbleToObserveIsCountedApart", func(t *testing.T) {
		na := item(3).NA
		if na["superior"] != 1 || na["direct_report"] != 1 || na[AllOthers] != 2 || na["peer"] != 0 || na["self"] != 0 {
			t.Errorf("item 3 N/A %v", na)
		}
		if _, ok := item(3).Scores["superior"]; ok {
			t.Error("superior scored item 3 although they chose N/A")
		}
	})
	t.Run("ShortCellAndItsComplementAreHidden", func(t *testing.T) {
		for _, key := range []string{"peer", "direct_report"} {
			if _, ok := item(3).Scores[key]; ok {
				t.Errorf("item 3 shows %s", key)
			}
			if _, ok := item(3).Distribution[key]; ok {
				t.Errorf("item 3 shows the %s distribution", key)
			}
		}
	})
	t.Run("CompetencyPoolsEveryAnswer", func(t *testing.T) {
		listening, trust := s.Competencies[0], s.Competencies[1]
		want := map[string]Score{"self": {3.33, 3, 1.25}, "superior": {4, 2, 0}, AllOthers: {3.74, 19, 0.85}} // Σx²=279: sqrt(279/19 − (71/19)²)
		for key, w := range want {
			if got := listening.Scores[key]; got != w {
				t.Errorf("listening %s: %+v, want %+v", key, got, w)
			}
		}
		if len(listening.Scores) != 3 {
			t.Errorf("listening shows %v; peers and direct reports must hide (item 3)", listening.Scores)
		}
		if got := trust.Scores["direct_report"]; got != (Score{4, 6, 0}) {
			t.Errorf("trust direct reports %+v", got)
		}
	})
	t.Run("TopAndBottomItemsByAllOthers", func(t *testing.T) {
		ids := func(refs []ItemRef) (out []int64) {
			for _, r := range refs {
				out = append(out, r.ID)
			}
			return out
		}
		if got := ids(s.TopItems); !slices.Equal(got, []int64{2, 4}) {
			t.Errorf("top %v", got)
		}
		if got := ids(s.BottomItems); !slices.Equal(got, []int64{3, 1}) {
			t.Errorf("bottom %v", got)
		}
	})
	t.Run("BlindSpotsAndHiddenStrengths", func(t *testing.T) {
		if len(s.BlindSpots) != 1 || s.BlindSpots[0] != (Gap{ID: 1, CompetencyKey: "listening", Text: item(1).Text, Self: 5, Others: 3.57, Gap: 1.43}) {
			t.Errorf("blind spots %+v", s.BlindSpots)
		}
		if len(s.HiddenStrengths) != 1 || s.HiddenStrengths[0].ID != 2 || s.HiddenStrengths[0].Gap != -2.43 {
			t.Errorf("hidden strengths %+v", s.HiddenStrengths)
		}
	})
	t.Run("ItemTextNamesTheLeaderByFirstName", func(t *testing.T) {
		if item(1).Text != "Ελένη listens without interrupting." {
			t.Errorf("text %q", item(1).Text)
		}
	})
	t.Run("HiddenFiguresAreAbsentNotZero", func(t *testing.T) {
		b, _ := json.Marshal(s.Items[2])
		if strings.Contains(string(b), `"peer":{`) || strings.Contains(string(b), `"direct_report":[`) {
			t.Errorf("item 3 JSON holds hidden figures: %s", b)
		}
	})
	t.Run("ResponsesCountEveryRelationship", func(t *testing.T) {
		want := map[rapport.Relationship]int{"self": 1, "superior": 1, "peer": 3, "direct_report": 3, "other": 0}
		for r, n := range want {
			if got, ok := s.Responses[r]; !ok || got != n {
				t.Errorf("responses[%s] = %d, want %d", r, got, n)
			}
		}
	})
}

func TestComments(t *testing.T) {
	in := handInput()
	texts := []string{"Ελένη слушает внимательно.", "Keeps her word.", "Δίνει χώρο.", "Could delegate more.", "Больше ясности в приоритетах.", "Asks good questions."}
	for i, text := range texts {
		q := "strengths"
		if i%2 == 1 {
			q = "change"
		}
		in.Responses[1+i].Comments[q] = text
	}
	s := Compute(in)

	t.Run("GroupedByQuestionAndLabelledWithTheReportedGroup", func(t *testing.T) {
		if len(s.Comments) != len(texts) {
			t.Fatalf("%d comments, want %d", len(s.Comments), len(texts))
		}
		for i, c := range s.Comments {
			if i > 0 && c.QuestionKey == "strengths" && s.Comments[i-1].QuestionKey == "change" {
				t.Error("comments are not grouped by question order")
			}
			if _, ok := s.Group(c.Group); !ok {
				t.Errorf("comment %q labelled %q, which is not a reported group", c.Text, c.Group)
			}
		}
	})
	t.Run("OrderDoesNotDependOnSubmissionOrder", func(t *testing.T) {
		reversed := in
		reversed.Responses = slices.Clone(in.Responses)
		slices.Reverse(reversed.Responses)
		if !slices.Equal(Compute(reversed).Comments, s.Comments) {
			t.Error("the order of comments follows the order of responses")
		}
		var inSubmissionOrder []string
		for _, c := range s.Comments {
			inSubmissionOrder = append(inSubmissionOrder, c.Text)
		}
		if slices.Equal(inSubmissionOrder, []string{texts[0], texts[2], texts[4], texts[1], texts[3], texts[5]}) {
			t.Error("comments come in submission order")
		}
	})
	t.Run("MergedRatersCarryTheMergedLabel", func(t *testing.T) {
		in := input(3, rels(1, 1, 1, 3, 0), func(int, int64) *int { return score(3) })
		in.Responses[2].Comments["change"] = "The one peer's comment."
		s := Compute(in)
		if len(s.Comments) != 1 || s.Comments[0].Group != Combined {
			t.Errorf("comments %+v, want the peer's labelled %q", s.Comments, Combined)
		}
	})
}

func TestProgress(t *testing.T) {
	prev := Compute(handInput())
	prev.Competencies[0].Scores[AllOthers] = Score{Mean: 3.24, N: 19}
	delete(prev.Competencies[1].Scores, "self")
	in := handInput()
	in.Previous, in.PreviousRound = prev, &RoundRef{RoundID: 3, Title: "Spring"}
	s := Compute(in)
	if s.Progress == nil || s.Progress.RoundID != 3 {
		t.Fatalf("progress %+v", s.Progress)
	}
	if got := s.Competencies[0].Change; got[AllOthers] != 0.5 || got["self"] != 0 {
		t.Errorf("listening change %v, want all_others +0.5, self 0", got)
	}
	if got := s.Competencies[0].Previous; got[AllOthers] != 3.24 || got["self"] != s.Competencies[0].Scores["self"].Mean {
		t.Errorf("listening previous %v, want all_others 3.24 and self as now", got)
	}
	if _, ok := s.Competencies[1].Change["self"]; ok {
		t.Error("trust self change shown although the previous round hid it")
	}
}

// The progress page compares every group both rounds report, but a merged
// group only when it merged the same relationships: otherwise its change
// would compare different people.
func TestProgressComparesEveryGroupReportedInBothRounds(t *testing.T) {
	all := func(n int) func(int, int64) *int { return func(int, int64) *int { return score(n) } }
	withPrevious := func(now, prev Input) *Summary {
		now.Previous, now.PreviousRound = Compute(prev), &RoundRef{RoundID: 3}
		return Compute(now)
	}
	keys := func(s *Summary) []string {
		var out []string
		for _, g := range s.Groups {
			if _, ok := s.Competencies[0].Change[g.Key]; ok {
				out = append(out, g.Key)
			}
		}
		return out
	}
	own := input(3, rels(1, 1, 3, 3, 0), all(3))        // direct reports on their own
	mergedDR := input(3, rels(1, 1, 3, 1, 2), all(4))   // direct reports and others merged
	mergedPeer := input(3, rels(1, 1, 1, 3, 2), all(4)) // peers and others merged

	s := withPrevious(mergedDR, own)
	if got, want := keys(s), []string{"self", "superior", "peer", AllOthers}; !slices.Equal(got, want) {
		t.Errorf("changes for %v, want %v", got, want)
	}
	if got := s.Competencies[0].Change["peer"]; got != 1 {
		t.Errorf("peers' change %v, want +1", got)
	}
	if got := keys(withPrevious(mergedDR, mergedDR)); !slices.Contains(got, Combined) {
		t.Errorf("changes for %v: the same merged group in both rounds is not compared", got)
	}
	if got := keys(withPrevious(mergedPeer, mergedDR)); slices.Contains(got, Combined) {
		t.Errorf("changes for %v: merged groups of different relationships are compared", got)
	}
}

// A round that closed with nobody's answers still has a summary whose
// lists are empty lists, as the API documents them, never null.
func TestComputeWithNoResponses(t *testing.T) {
	s := Compute(input(3, nil, func(int, int64) *int { return nil }))
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "null") {
		t.Errorf("the summary of no responses holds null: %s", b)
	}
}
