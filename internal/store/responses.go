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
	// A round holds thousands of answers: scanned by hand, which is several
	// times faster than sqlx's reflection per row.
	rows, err := s.r.QueryContext(ctx, `SELECT a.rater_id, a.item_id, a.score FROM answers a
		JOIN raters r ON r.id = a.rater_id WHERE r.round_id = ? AND r.status = 'submitted'`, roundID)
	if err != nil {
		return nil, fmt.Errorf("store: answers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var raterID, itemID int64
		var score sql.NullInt64
		if err := rows.Scan(&raterID, &itemID, &score); err != nil {
			return nil, fmt.Errorf("store: answers: %w", err)
		}
		var v *int
		if score.Valid {
			n := int(score.Int64)
			v = &n
		}
		out[index[raterID]].Scores[itemID] = v
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: answers: %w", err)
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
