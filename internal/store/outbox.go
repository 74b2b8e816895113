package store

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// enqueueRaterEmails queues an email of kind to every rater matching the
// condition where (on the raters table, with args), in rater order, and
// records it as each one's last email, so that the reminder interval
// counts from now. Two statements, however many raters. It returns how
// many emails were queued.
func (s *Store) enqueueRaterEmails(ctx context.Context, tx *sqlx.Tx, kind string, isReminder bool, where string, args ...any) (int, error) {
	now := s.now().Unix()
	res, err := tx.ExecContext(ctx, `INSERT INTO outbox (kind, round_id, rater_id, to_email, to_name, next_attempt_at, created_at)
		SELECT ?, round_id, id, email, name, ?, ? FROM raters WHERE `+where+` ORDER BY id`, append([]any{kind, now, now}, args...)...)
	if err != nil {
		return 0, fmt.Errorf("store: enqueue %s: %w", kind, err)
	}
	queued, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("store: enqueue %s: %w", kind, err)
	}
	reminder := 0
	if isReminder {
		reminder = 1
	}
	if _, err := tx.ExecContext(ctx, `UPDATE raters SET last_emailed_at = ?, reminders_sent = reminders_sent + ? WHERE `+where,
		append([]any{now, reminder}, args...)...); err != nil {
		return 0, fmt.Errorf("store: enqueue %s: %w", kind, err)
	}
	return int(queued), nil
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
