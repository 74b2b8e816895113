package store

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// What `rapport demo` needs beyond the ordinary paths: it answers the demo
// raters' surveys itself, so it reads their links as only their emails
// would carry them, and it keeps the demo's emails from going out.

// SealedLink is a rater's survey link as stored: sealed, opened only with
// the instance keys (secrets.Keys.Open).
type SealedLink struct {
	RaterID int64  `db:"id"`
	Email   string `db:"email"`
	Sealed  []byte `db:"token_sealed"`
}

// SealedLinks lists the survey links of one of the coach's rounds.
func (s *Store) SealedLinks(ctx context.Context, coachID, roundID int64) ([]SealedLink, error) {
	var list []SealedLink
	err := s.r.SelectContext(ctx, &list, `SELECT ra.id, ra.email, ra.token_sealed FROM raters ra
		JOIN rounds r ON r.id = ra.round_id WHERE r.id = ? AND r.coach_id = ? ORDER BY ra.id`, roundID, coachID)
	if err != nil {
		return nil, fmt.Errorf("store: sealed links: %w", err)
	}
	return list, nil
}

// SkipQueuedMail marks every email still waiting about the coach's rounds
// as skipped, with reason, and returns how many: demo addresses are not
// real people.
func (s *Store) SkipQueuedMail(ctx context.Context, coachID int64, reason string) (int, error) {
	var n int64
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE outbox SET status = 'skipped', last_error = ?
			WHERE status = 'pending' AND round_id IN (SELECT id FROM rounds WHERE coach_id = ?)`, reason, coachID)
		if err != nil {
			return fmt.Errorf("store: skip queued mail: %w", err)
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}

// MarkDemoCoach marks the coach as the demo's: the mail worker skips
// every email about its rounds, whenever it falls due.
func (s *Store) MarkDemoCoach(ctx context.Context, coachID int64) error {
	return s.write(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE coaches SET demo = 1 WHERE id = ?`, coachID); err != nil {
			return fmt.Errorf("store: mark demo coach: %w", err)
		}
		return nil
	})
}

// SetCoachPassword replaces a coach's password hash.
func (s *Store) SetCoachPassword(ctx context.Context, coachID int64, passwordHash string) error {
	return s.write(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE coaches SET password_hash = ? WHERE id = ?`, passwordHash, coachID); err != nil {
			return fmt.Errorf("store: set coach password: %w", err)
		}
		return nil
	})
}
