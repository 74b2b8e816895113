package debrief

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/scoring"
)

// Summary returns a closed round's figures, as the report shows them, with
// the change since the leader's previous closed round on the same
// framework. They are the round's frozen summary (frozen.go): the same
// every time, before and after the round's answers are purged. A round
// that is not closed is refused (ECONFLICT).
func (d *Debriefs) Summary(ctx context.Context, r *rapport.Round) (*scoring.Summary, error) {
	js, err := d.SummaryJSON(ctx, r)
	if err != nil {
		return nil, err
	}
	var sum scoring.Summary
	if err := json.Unmarshal(js, &sum); err != nil {
		return nil, fmt.Errorf("debrief: frozen summary of round %d: %w", r.ID, err)
	}
	return &sum, nil
}

// SummaryJSON is Summary as the JSON it is kept in, for answering it as
// it is.
func (d *Debriefs) SummaryJSON(ctx context.Context, r *rapport.Round) ([]byte, error) {
	if err := RequireClosed(r); err != nil {
		return nil, err
	}
	js, err := d.store.FrozenSummary(ctx, r.ID)
	if err != nil || js != nil {
		return js, err
	}
	// Closed before frozen summaries existed, or the freeze after the
	// close did not happen: freeze it now, from the same answers.
	return d.Freeze(ctx, r)
}

// compute works out a closed round's summary from its answers; the
// previous round's figures are its frozen summary, so its own purge does
// not change this round's progress.
func (d *Debriefs) compute(ctx context.Context, r *rapport.Round, fw *rapport.Framework) (*scoring.Summary, error) {
	in, err := d.scoringInput(ctx, r, fw)
	if err != nil {
		return nil, err
	}
	prev, err := d.store.PreviousRound(ctx, r)
	if err != nil {
		return nil, fmt.Errorf("debrief: round before %d: %w", r.ID, err)
	}
	if prev != nil {
		if in.Previous, err = d.Summary(ctx, prev); err != nil {
			return nil, err
		}
		in.PreviousRound = &scoring.RoundRef{RoundID: prev.ID, Title: prev.Title, ClosedAt: *prev.ClosedAt}
	}
	return scoring.Compute(in), nil
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
