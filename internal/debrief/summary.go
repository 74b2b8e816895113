package debrief

import (
	"context"
	"fmt"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/scoring"
)

// Summary computes a closed round's figures, as the report shows them, with
// the change since the leader's previous closed round on the same framework.
// A round that is not closed is refused (ECONFLICT).
func (d *Debriefs) Summary(ctx context.Context, r *rapport.Round) (*scoring.Summary, error) {
	sum, _, err := d.summaryOf(ctx, r)
	return sum, err
}

// summaryOf computes the summary and returns the framework with it (read
// once for both rounds and for the report).
func (d *Debriefs) summaryOf(ctx context.Context, r *rapport.Round) (*scoring.Summary, *rapport.Framework, error) {
	if err := RequireClosed(r); err != nil {
		return nil, nil, err
	}
	fw, err := d.store.FrameworkByID(ctx, r.FrameworkID)
	if err != nil {
		return nil, nil, fmt.Errorf("debrief: framework of round %d: %w", r.ID, err)
	}
	in, err := d.scoringInput(ctx, r, fw)
	if err != nil {
		return nil, nil, err
	}
	prev, err := d.store.PreviousRound(ctx, r)
	if err != nil {
		return nil, nil, fmt.Errorf("debrief: round before %d: %w", r.ID, err)
	}
	if prev != nil {
		prevIn, err := d.scoringInput(ctx, prev, fw)
		if err != nil {
			return nil, nil, err
		}
		in.Previous = scoring.Compute(prevIn)
		in.PreviousRound = &scoring.RoundRef{RoundID: prev.ID, Title: prev.Title, ClosedAt: *prev.ClosedAt}
	}
	return scoring.Compute(in), fw, nil
}

// scoringInput reads a round's submitted answers and comments into what
// scoring computes from; comments are keyed by question key, not id.
func (d *Debriefs) scoringInput(ctx context.Context, r *rapport.Round, fw *rapport.Framework) (scoring.Input, error) {
	responses, err := d.store.SubmittedResponses(ctx, r.ID)
	if err != nil {
		return scoring.Input{}, fmt.Errorf("debrief: answers of round %d: %w", r.ID, err)
	}
	questionKey := map[int64]string{}
	for _, q := range fw.OpenQuestions {
		questionKey[q.ID] = q.Key
	}
	in := scoring.Input{RoundID: r.ID, Threshold: r.AnonymityThreshold, Scale: fw.Scale, Competencies: fw.Competencies,
		Questions: fw.OpenQuestions, Leader: r.LeaderNaming(), CommentKey: d.commentKey, Counts: responses.Counts}
	for _, resp := range responses.Responses {
		comments := map[string]string{}
		for qid, text := range resp.Comments {
			comments[questionKey[qid]] = text
		}
		in.Responses = append(in.Responses, scoring.Response{Relationship: resp.Relationship, Group: resp.Group,
			Scores: resp.Scores, Comments: comments})
	}
	for _, c := range responses.Comments {
		in.Comments = append(in.Comments, scoring.GroupComment{Group: c.Group, QuestionKey: questionKey[c.QuestionID], Text: c.Text})
	}
	return in, nil
}
