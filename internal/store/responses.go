package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// RoundResponses are a closed round's submitted answers as the report reads
// them. Answers of anyone who has not submitted never reach a figure.
type RoundResponses struct {
	// Counts are the submitted raters per relationship, from the raters:
	// the report's grouping is computed from them.
	Counts map[rapport.Relationship]int
	// Responses are the identified raters' (self, superior) with their
	// relationship, and the anonymous ones detached at close with their
	// reported group. Before a round is detached, everyone's are here
	// with their relationship.
	Responses []SubmittedResponse
	// Comments are the detached anonymous comments, each on its own.
	Comments []GroupComment
}

// SubmittedResponse is one submitted rater's answers, without who they are.
type SubmittedResponse struct {
	Relationship rapport.Relationship // set when kept with the rater
	Group        string               // set when detached: the reported group
	Scores       map[int64]*int       // item id → score; nil is "not able to observe"
	Comments     map[int64]string     // open question id → text (kept with the rater only)
}

// GroupComment is a detached anonymous comment.
type GroupComment struct {
	Group      string `db:"grp"`
	QuestionID int64  `db:"question_id"`
	Text       string `db:"text"`
}

// SubmittedResponses returns the answers of round r: rater-keyed rows for
// self and superior (for everyone, if r is not detached yet), and the
// anonymous storage for the anonymous groups. It reads in one snapshot, so
// a close committing meanwhile cannot make it count a response twice.
func (s *Store) SubmittedResponses(ctx context.Context, roundID int64) (*RoundResponses, error) {
	tx, err := s.r.BeginTxx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("store: responses: %w", err)
	}
	defer tx.Rollback()
	var round struct {
		Detached  bool `db:"answers_detached"`
		Threshold int  `db:"anonymity_threshold"`
	}
	if err := tx.GetContext(ctx, &round, `SELECT answers_detached, anonymity_threshold FROM rounds WHERE id = ?`, roundID); err != nil {
		return nil, notFound(err, "round")
	}
	detached := round.Detached
	out := &RoundResponses{Comments: []GroupComment{}}
	if out.Counts, err = submittedCounts(ctx, tx, roundID); err != nil {
		return nil, err
	}
	kept := ""
	if detached {
		kept = ` AND relationship IN ('self', 'superior')`
	}
	if err := raterResponses(ctx, tx, roundID, kept, out); err != nil {
		return nil, err
	}
	if !detached { // the detach moves answers in the transaction that sets the flag
		return out, nil
	}
	if err := detachedResponses(ctx, tx, roundID, out); err != nil {
		return nil, err
	}
	if err := checkDetachedLabels(roundID, round.Threshold, out); err != nil {
		return nil, err
	}
	return out, nil
}

// raterResponses reads the responses still kept with their raters (those
// whose relationship matches the filter).
func raterResponses(ctx context.Context, tx *sqlx.Tx, roundID int64, filter string, out *RoundResponses) error {
	var raters []struct {
		ID           int64                `db:"id"`
		Relationship rapport.Relationship `db:"relationship"`
	}
	if err := tx.SelectContext(ctx, &raters, `SELECT id, relationship FROM raters
		WHERE round_id = ? AND status = 'submitted'`+filter+` ORDER BY id`, roundID); err != nil {
		return fmt.Errorf("store: submitted raters: %w", err)
	}
	index := map[int64]int{}
	for _, r := range raters {
		index[r.ID] = len(out.Responses)
		out.Responses = append(out.Responses, SubmittedResponse{Relationship: r.Relationship, Scores: map[int64]*int{}, Comments: map[int64]string{}})
	}
	rows, err := tx.QueryContext(ctx, `SELECT r.id, a.item_id, a.score FROM answers a
		JOIN raters r ON r.response_id = a.response_id WHERE r.round_id = ? AND r.status = 'submitted'`, roundID)
	if err != nil {
		return fmt.Errorf("store: answers: %w", err)
	}
	if err := scanScores(rows, func(raterID int64) map[int64]*int {
		if i, ok := index[raterID]; ok {
			return out.Responses[i].Scores
		}
		return nil
	}); err != nil {
		return fmt.Errorf("store: answers: %w", err)
	}
	var comments []struct {
		RaterID    int64  `db:"rater_id"`
		QuestionID int64  `db:"question_id"`
		Text       string `db:"text"`
	}
	if err := tx.SelectContext(ctx, &comments, `SELECT r.id AS rater_id, c.question_id, c.text FROM comments c
		JOIN raters r ON r.response_id = c.response_id WHERE r.round_id = ? AND r.status = 'submitted'`, roundID); err != nil {
		return fmt.Errorf("store: comments: %w", err)
	}
	for _, c := range comments {
		if i, ok := index[c.RaterID]; ok {
			out.Responses[i].Comments[c.QuestionID] = c.Text
		}
	}
	return nil
}

// detachedResponses reads the round's anonymous storage.
func detachedResponses(ctx context.Context, tx *sqlx.Tx, roundID int64, out *RoundResponses) error {
	var responses []struct {
		ID    int64  `db:"id"`
		Group string `db:"grp"`
	}
	if err := tx.SelectContext(ctx, &responses, `SELECT id, grp FROM anonymous_responses WHERE round_id = ?`, roundID); err != nil {
		return fmt.Errorf("store: anonymous responses: %w", err)
	}
	index := map[int64]int{}
	for _, r := range responses {
		index[r.ID] = len(out.Responses)
		out.Responses = append(out.Responses, SubmittedResponse{Group: r.Group, Scores: map[int64]*int{}})
	}
	rows, err := tx.QueryContext(ctx, `SELECT a.response_id, a.item_id, a.score FROM anonymous_answers a
		JOIN anonymous_responses r ON r.id = a.response_id WHERE r.round_id = ?`, roundID)
	if err != nil {
		return fmt.Errorf("store: anonymous answers: %w", err)
	}
	if err := scanScores(rows, func(id int64) map[int64]*int {
		if i, ok := index[id]; ok {
			return out.Responses[i].Scores
		}
		return nil
	}); err != nil {
		return fmt.Errorf("store: anonymous answers: %w", err)
	}
	if err := tx.SelectContext(ctx, &out.Comments, `SELECT grp, question_id, text FROM anonymous_comments
		WHERE round_id = ?`, roundID); err != nil {
		return fmt.Errorf("store: anonymous comments: %w", err)
	}
	return nil
}

// scanScores reads rows of (owner id, item id, score) into the map scoresOf
// gives for each owner (skipped if nil). A round holds thousands of
// answers: scanned by hand, which is several times faster than sqlx's
// reflection per row.
func scanScores(rows *sql.Rows, scoresOf func(owner int64) map[int64]*int) error {
	defer rows.Close()
	for rows.Next() {
		var owner, itemID int64
		var score sql.NullInt64
		if err := rows.Scan(&owner, &itemID, &score); err != nil {
			return err
		}
		var v *int
		if score.Valid {
			n := int(score.Int64)
			v = &n
		}
		if m := scoresOf(owner); m != nil {
			m[itemID] = v
		}
	}
	return rows.Err()
}
