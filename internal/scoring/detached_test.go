package scoring

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
)

// detach does to an input what the store does at close: anonymous
// responses lose their relationship for their reported group (withheld ones
// are dropped), come back in a shuffled order, and their comments are
// split off one by one; the counts per relationship come apart.
func detach(in Input, rng *rand.Rand) Input {
	counts := map[rapport.Relationship]int{}
	for _, r := range in.Responses {
		counts[r.Relationship]++
	}
	groups := ReportedGroups(counts, in.Threshold)
	out := in
	out.Responses, out.Comments, out.Counts = nil, nil, counts
	for _, r := range in.Responses {
		if !r.Relationship.Anonymous() {
			out.Responses = append(out.Responses, r)
			continue
		}
		group := groups[r.Relationship]
		if group == "" {
			continue
		}
		out.Responses = append(out.Responses, Response{Group: group, Scores: r.Scores})
		for key, text := range r.Comments {
			out.Comments = append(out.Comments, GroupComment{Group: group, QuestionKey: key, Text: text})
		}
	}
	rng.Shuffle(len(out.Responses), func(i, j int) { out.Responses[i], out.Responses[j] = out.Responses[j], out.Responses[i] })
	rng.Shuffle(len(out.Comments), func(i, j int) { out.Comments[i], out.Comments[j] = out.Comments[j], out.Comments[i] })
	return out
}

// TestDetachedResponsesGiveTheSameSummary checks that every figure and
// comment of the summary is the same whether the anonymous answers are read
// with their raters' relationships or detached under their reported groups,
// on every composition up to three raters per anonymous group (merged,
// withheld and own blocks), with N/A answers and comments.
func TestDetachedResponsesGiveTheSameSummary(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	cases := 0
	for _, threshold := range []int{2, 3} {
		for sup := 0; sup <= 1; sup++ {
			for peer := 0; peer <= 3; peer++ {
				for direct := 0; direct <= 3; direct++ {
					for other := 0; other <= 3; other++ {
						rs := rels(1, sup, peer, direct, other)
						in := input(threshold, rs, randomScores(rng, 0.3))
						for i := range in.Responses {
							if rng.IntN(3) > 0 {
								in.Responses[i].Comments["strengths"] = fmt.Sprintf("Comment %d of rater %d", rng.IntN(3), i)
							}
						}
						want, got := summaryJSON(t, Compute(in)), summaryJSON(t, Compute(detach(in, rng)))
						if want != got {
							t.Fatalf("t=%d superior=%d peer=%d direct=%d other=%d:\nkept:     %s\ndetached: %s", threshold, sup, peer, direct, other, want, got)
						}
						cases++
					}
				}
			}
		}
	}
	t.Logf("%d rounds compared", cases)
}

// TestDetachedResponseUnderAnUnknownGroupCountsNowhere checks that a label
// the grouping does not report (a database changed by hand) adds no answer
// or comment to any figure, rather than to a group it does not belong in.
func TestDetachedResponseUnderAnUnknownGroupCountsNowhere(t *testing.T) {
	in := input(3, rels(1, 1, 3, 0, 0), func(int, int64) *int { return score(4) })
	want := summaryJSON(t, Compute(in))
	in.Counts = map[rapport.Relationship]int{rapport.Self: 1, rapport.Superior: 1, rapport.Peer: 3}
	in.Responses = append(in.Responses, Response{Group: Combined, Scores: map[int64]*int{1: score(1)}},
		Response{Group: AllOthers, Scores: map[int64]*int{1: score(1)}})
	in.Comments = []GroupComment{{Group: string(rapport.DirectReport), QuestionKey: "strengths", Text: "stray"}}
	if got := summaryJSON(t, Compute(in)); got != want {
		t.Fatalf("stray responses changed the summary:\nwant %s\ngot  %s", want, got)
	}
}

func summaryJSON(t *testing.T, s *Summary) string {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
