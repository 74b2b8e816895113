package bench

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/store"
	"github.com/rapporthq/rapport/internal/testkit"
)

// ClosedRound turns a round from testkit.OpenLoadRounds into a closed round the
// size of a real one: one manager, 20 peers, 20 direct reports and the rest
// other stakeholders, everyone (self too) submitted with every item
// answered (about one in twenty "not able to observe") and a comment from
// every third rater. It returns the coach's email for signing in.
func ClosedRound(ctx context.Context, st *store.Store, db *sqlx.DB, roundID int64, items []int64) (string, error) {
	var coach struct {
		ID    int64  `db:"id"`
		Email string `db:"email"`
	}
	if err := db.GetContext(ctx, &coach, `SELECT c.id, c.email FROM rounds r JOIN coaches c ON c.id = r.coach_id WHERE r.id = ?`, roundID); err != nil {
		return "", fmt.Errorf("bench: coach: %w", err)
	}
	var question int64
	if err := db.GetContext(ctx, &question, `SELECT q.id FROM open_questions q JOIN rounds r ON r.framework_id = q.framework_id
		WHERE r.id = ? ORDER BY q.id LIMIT 1`, roundID); err != nil {
		return "", fmt.Errorf("bench: question: %w", err)
	}
	var raters []int64
	if err := db.SelectContext(ctx, &raters, `SELECT id FROM raters WHERE round_id = ? ORDER BY id`, roundID); err != nil {
		return "", fmt.Errorf("bench: raters: %w", err)
	}
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	n := 0
	for i, id := range raters {
		var rel string
		if err := tx.GetContext(ctx, &rel, `SELECT relationship FROM raters WHERE id = ?`, id); err != nil {
			return "", err
		}
		if rel != "self" {
			rel = []string{"superior", "peer", "direct_report", "other"}[min(3, (n+19)/20)]
			n++
		}
		if _, err := tx.ExecContext(ctx, testkit.ClaimResponse, id); err != nil {
			return "", err
		}
		for j, item := range items {
			var score any = 1 + (i*7+j*3+i*j)%5
			if (i+j)%20 == 0 && rel != "self" {
				score = nil
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO answers (response_id, item_id, score)
				VALUES ((SELECT response_id FROM raters WHERE id = ?), ?, ?)`, id, item, score); err != nil {
				return "", err
			}
		}
		if i%3 == 1 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO comments (response_id, question_id, text)
				VALUES ((SELECT response_id FROM raters WHERE id = ?), ?, ?)`, id, question,
				fmt.Sprintf("Comment %d: keeps the weekly one-to-ones even in busy weeks, and listens before deciding.", i)); err != nil {
				return "", err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE raters SET relationship = ?, status = 'submitted', submitted_at = unixepoch() WHERE id = ?`, rel, id); err != nil {
			return "", err
		}
	}
	if err := tx.Commit(); err != nil {
		return "", err
	}
	if _, err := st.CloseRound(ctx, coach.ID, roundID); err != nil {
		return "", fmt.Errorf("bench: close: %w", err)
	}
	return coach.Email, nil
}
