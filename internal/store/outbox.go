package store

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// Kinds of email. Each is queued in the outbox in the same transaction as
// the change that causes it; the mail worker renders and delivers it.
const (
	EmailInvitation     = "invitation"
	EmailReminder       = "reminder"
	EmailLastCall       = "last_call"
	EmailRoundClosed    = "round_closed"
	EmailReportReleased = "report_released"
)

// enqueueRaterEmail queues an email to a rater and records it as the
// rater's last email, so that the reminder interval counts from now.
func (s *Store) enqueueRaterEmail(ctx context.Context, tx *sqlx.Tx, kind string, raterID int64, isReminder bool) error {
	now := s.now().Unix()
	var to struct {
		RoundID int64  `db:"round_id"`
		Email   string `db:"email"`
		Name    string `db:"name"`
	}
	if err := tx.GetContext(ctx, &to, `SELECT round_id, email, name FROM raters WHERE id = ?`, raterID); err != nil {
		return fmt.Errorf("store: enqueue %s: %w", kind, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO outbox (kind, round_id, rater_id, to_email, to_name, next_attempt_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, kind, to.RoundID, raterID, to.Email, to.Name, now, now); err != nil {
		return fmt.Errorf("store: enqueue %s: %w", kind, err)
	}
	reminder := 0
	if isReminder {
		reminder = 1
	}
	_, err := tx.ExecContext(ctx, `UPDATE raters SET last_emailed_at = ?, reminders_sent = reminders_sent + ? WHERE id = ?`, now, reminder, raterID)
	return err
}

// enqueueCoachEmail queues an email about a round to its coach.
func (s *Store) enqueueCoachEmail(ctx context.Context, tx *sqlx.Tx, kind string, r *rapport.Round) error {
	now := s.now().Unix()
	_, err := tx.ExecContext(ctx, `INSERT INTO outbox (kind, round_id, to_email, to_name, next_attempt_at, created_at)
		SELECT ?, ?, email, name, ?, ? FROM coaches WHERE id = ?`, kind, r.ID, now, now, r.CoachID)
	if err != nil {
		return fmt.Errorf("store: enqueue %s: %w", kind, err)
	}
	return nil
}

// enqueueLeaderEmail queues an email about a round to its leader (the
// released report). The link is read from the round at delivery time.
func (s *Store) enqueueLeaderEmail(ctx context.Context, tx *sqlx.Tx, kind string, r *rapport.Round) error {
	now := s.now().Unix()
	_, err := tx.ExecContext(ctx, `INSERT INTO outbox (kind, round_id, to_email, to_name, next_attempt_at, created_at)
		SELECT ?, ?, email, name, ?, ? FROM leaders WHERE id = ?`, kind, r.ID, now, now, r.LeaderID)
	if err != nil {
		return fmt.Errorf("store: enqueue %s: %w", kind, err)
	}
	return nil
}
