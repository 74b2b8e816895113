package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Unsubscriber is what the unsubscribe page shows: which round the link is
// for and whether reminders are already off. Nothing about answers.
type Unsubscriber struct {
	RaterID    int64      `db:"rater_id"`
	RoundTitle string     `db:"round_title"`
	LeaderName string     `db:"leader_name"`
	CoachName  string     `db:"coach_name"`
	OptedOutAt *time.Time `db:"opted_out_at"`
}

const unsubscriberQuery = `SELECT ra.id AS rater_id, ro.title AS round_title, l.name AS leader_name,
	c.name AS coach_name, ra.opted_out_at
	FROM raters ra JOIN rounds ro ON ro.id = ra.round_id JOIN leaders l ON l.id = ro.leader_id
	JOIN coaches c ON c.id = ro.coach_id WHERE ra.token_hash = ?`

// UnsubscriberByToken finds the rater whose link has this keyed hash.
func (s *Store) UnsubscriberByToken(ctx context.Context, tokenHash []byte) (*Unsubscriber, error) {
	var u Unsubscriber
	if err := s.r.GetContext(ctx, &u, unsubscriberQuery, tokenHash); err != nil {
		return nil, notFound(err, "link")
	}
	return &u, nil
}

// OptOut stops reminders to the rater whose link has this keyed hash, in
// that round only. Doing it twice keeps the first time.
func (s *Store) OptOut(ctx context.Context, tokenHash []byte) (*Unsubscriber, error) {
	var u Unsubscriber
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE raters SET opted_out_at = ? WHERE token_hash = ? AND opted_out_at IS NULL`,
			s.now().Unix(), tokenHash); err != nil {
			return fmt.Errorf("store: opt out: %w", err)
		}
		return notFound(tx.GetContext(ctx, &u, unsubscriberQuery, tokenHash), "link")
	})
	if err != nil {
		return nil, err
	}
	return &u, nil
}
