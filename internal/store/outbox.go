package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// OnMailQueued sets fn to be called after every commit that queued mail,
// whichever request or job caused it: the mail worker's Wake, so that mail
// goes out at once rather than at the worker's next poll. fn must return
// at once; it runs on the writer. Set it once, when wiring the process.
func (s *Store) OnMailQueued(fn func()) { s.writer.onMailQueued.Store(&fn) }

// markMailQueued tells the writer that the write running now queued mail.
// Only a write function (run by s.write) may call it.
func (s *Store) markMailQueued(res sql.Result) {
	if n, err := res.RowsAffected(); err == nil && n > 0 {
		s.writer.mailQueued = true
	}
}

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
	s.markMailQueued(res)
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
	res, err := tx.ExecContext(ctx, `INSERT INTO outbox (kind, round_id, to_email, to_name, next_attempt_at, created_at)
		SELECT ?, ?, email, name, ?, ? FROM coaches WHERE id = ?`, kind, r.ID, now, now, r.CoachID)
	if err != nil {
		return fmt.Errorf("store: enqueue %s: %w", kind, err)
	}
	s.markMailQueued(res)
	return nil
}

// enqueueLeaderEmail queues an email about a round to its leader (the
// released report). The link is read from the round at delivery time.
func (s *Store) enqueueLeaderEmail(ctx context.Context, tx *sqlx.Tx, kind string, r *rapport.Round) error {
	now := s.now().Unix()
	res, err := tx.ExecContext(ctx, `INSERT INTO outbox (kind, round_id, to_email, to_name, next_attempt_at, created_at)
		SELECT ?, ?, email, name, ?, ? FROM leaders WHERE id = ?`, kind, r.ID, now, now, r.LeaderID)
	if err != nil {
		return fmt.Errorf("store: enqueue %s: %w", kind, err)
	}
	s.markMailQueued(res)
	return nil
}
