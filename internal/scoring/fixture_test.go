package scoring

import (
	"math/rand/v2"

	"github.com/rapporthq/rapport/internal/rapport"
)

// testFramework has two competencies: listening (items 1-3) and trust (4-5).
func testFramework() []rapport.Competency {
	return []rapport.Competency{
		{Key: "listening", Name: "Listening", Items: []rapport.Item{
			{ID: 1, TextOther: "{leader} listens without interrupting."},
			{ID: 2, TextOther: "{leader} asks before assuming."},
			{ID: 3, TextOther: "{leader} sums up what was said."},
		}},
		{Key: "trust", Name: "Trust", Items: []rapport.Item{
			{ID: 4, TextOther: "{leader} keeps promises."},
			{ID: 5, TextOther: "{leader} admits mistakes."},
		}},
	}
}

var testItems = []int64{1, 2, 3, 4, 5}

func testQuestions() []rapport.OpenQuestion {
	return []rapport.OpenQuestion{{Key: "strengths", Text: "What does she do well?"}, {Key: "change", Text: "What should change?"}}
}

func score(n int) *int { return &n }

// input builds a round's input: one response per relationship listed, each
// scoring every item with scoreOf(rater, item); nil is N/A.
func input(t int, relationships []rapport.Relationship, scoreOf func(rater int, item int64) *int) Input {
	in := Input{RoundID: 7, Threshold: t, Scale: rapport.Scale{Min: 1, Max: 5, Labels: []string{"1", "2", "3", "4", "5"}},
		Competencies: testFramework(), Questions: testQuestions(), Leader: rapport.NamingOf("Ελένη Παπαδοπούλου", rapport.PronounShe), CommentKey: []byte("test key")}
	for i, r := range relationships {
		resp := Response{Relationship: r, Scores: map[int64]*int{}, Comments: map[string]string{}}
		for _, id := range testItems {
			resp.Scores[id] = scoreOf(i, id)
		}
		in.Responses = append(in.Responses, resp)
	}
	return in
}

// randomScores answers 1-5 at random, with N/A at probability na.
func randomScores(rng *rand.Rand, na float64) func(int, int64) *int {
	return func(int, int64) *int {
		if rng.Float64() < na {
			return nil
		}
		return score(1 + rng.IntN(5))
	}
}
