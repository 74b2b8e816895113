package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/rapporthq/rapport/internal/rapport"
)

// SubmittedResponse is one submitted rater's answers, without who they are:
// the report needs the relationship only.
type SubmittedResponse struct {
	RaterID      int64
	Relationship rapport.Relationship
	Scores       map[int64]*int   // item id → score; nil is "not able to observe"
	Comments     map[int64]string // open question id → text
}

// SubmittedResponses returns the answers of a round's submitted raters; the
// answers of anyone who has not submitted never reach a figure.
func (s *Store) SubmittedResponses(ctx context.Context, roundID int64) ([]SubmittedResponse, error) {
	var raters []struct {
		ID           int64                `db:"id"`
		Relationship rapport.Relationship `db:"relationship"`
	}
	if err := s.r.SelectContext(ctx, &raters, `SELECT id, relationship FROM raters
		WHERE round_id = ? AND status = 'submitted' ORDER BY id`, roundID); err != nil {
		return nil, fmt.Errorf("store: submitted raters: %w", err)
	}
	out := make([]SubmittedResponse, len(raters))
	index := map[int64]int{}
	for i, r := range raters {
		out[i] = SubmittedResponse{RaterID: r.ID, Relationship: r.Relationship, Scores: map[int64]*int{}, Comments: map[int64]string{}}
		index[r.ID] = i
	}
	var answers []struct {
		RaterID int64         `db:"rater_id"`
		ItemID  int64         `db:"item_id"`
		Score   sql.NullInt64 `db:"score"`
	}
	if err := s.r.SelectContext(ctx, &answers, `SELECT a.rater_id, a.item_id, a.score FROM answers a
		JOIN raters r ON r.id = a.rater_id WHERE r.round_id = ? AND r.status = 'submitted'`, roundID); err != nil {
		return nil, fmt.Errorf("store: answers: %w", err)
	}
	for _, a := range answers {
		var score *int
		if a.Score.Valid {
			v := int(a.Score.Int64)
			score = &v
		}
		out[index[a.RaterID]].Scores[a.ItemID] = score
	}
	var comments []struct {
		RaterID    int64  `db:"rater_id"`
		QuestionID int64  `db:"question_id"`
		Text       string `db:"text"`
	}
	if err := s.r.SelectContext(ctx, &comments, `SELECT c.rater_id, c.question_id, c.text FROM comments c
		JOIN raters r ON r.id = c.rater_id WHERE r.round_id = ? AND r.status = 'submitted'`, roundID); err != nil {
		return nil, fmt.Errorf("store: comments: %w", err)
	}
	for _, c := range comments {
		out[index[c.RaterID]].Comments[c.QuestionID] = c.Text
	}
	return out, nil
}
