package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// LastCallWindow is how close to the deadline a reminder is worded as a last call.
const LastCallWindow = 24 * time.Hour

// reminderKind words a reminder as a last call when the deadline is near.
func reminderKind(now, closesAt time.Time) string {
	if closesAt.Sub(now) < LastCallWindow {
		return EmailLastCall
	}
	return EmailReminder
}

// awaiting is the condition for a rater who may still be reminded. It
// repeats the WHERE clause of the raters_awaiting index word for word, so
// that SQLite can use that partial index.
const awaiting = `status IN ('invited', 'opened', 'in_progress') AND opted_out_at IS NULL`

// DueRemindersSQL finds the raters due a reminder at a time (given twice).
// It reads open rounds through rounds_open_closing and their raters through
// raters_awaiting, so a pass with nothing open touches almost nothing.
const DueRemindersSQL = `SELECT ra.id AS rater_id, ro.closes_at
	FROM rounds ro JOIN raters ra ON ra.round_id = ro.id
	WHERE ro.status = 'open' AND ro.closes_at > ?
	AND ra.status IN ('invited', 'opened', 'in_progress') AND ra.opted_out_at IS NULL
	AND ra.last_emailed_at <= ? - ro.reminder_interval
	AND ra.reminders_sent < ro.max_reminders
	ORDER BY ra.id`

// QueueDueReminders queues a reminder (or a last call) to every rater of an
// open round who has not answered, declined or opted out, whose last email
// is at least the round's reminder interval old, and who has had fewer than
// the round's max_reminders. It returns how many it queued.
//
// Safe when run by several processes at once: the whole pass is one
// immediate transaction on the single writer, and each rater is claimed by a
// conditional UPDATE that re-checks the interval and the cap, so a second
// pass finds nothing left to do until the interval has passed again.
func (s *Store) QueueDueReminders(ctx context.Context) (int, error) {
	now := s.now()
	queued := 0
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		var due []struct {
			RaterID  int64     `db:"rater_id"`
			ClosesAt time.Time `db:"closes_at"`
		}
		err := tx.SelectContext(ctx, &due, DueRemindersSQL, now.Unix(), now.Unix())
		if err != nil {
			return fmt.Errorf("store: due reminders: %w", err)
		}
		for _, d := range due {
			kind := reminderKind(now, d.ClosesAt)
			res, err := tx.ExecContext(ctx, `UPDATE raters SET last_emailed_at = ?, reminders_sent = reminders_sent + 1
				WHERE id = ? AND `+awaiting+`
				AND last_emailed_at <= ? - (SELECT reminder_interval FROM rounds WHERE id = raters.round_id)
				AND reminders_sent < (SELECT max_reminders FROM rounds WHERE id = raters.round_id)`,
				now.Unix(), d.RaterID, now.Unix())
			if err != nil {
				return fmt.Errorf("store: claim reminder: %w", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				continue // another pass reminded this rater first
			}
			if err := s.insertRaterEmail(ctx, tx, kind, d.RaterID); err != nil {
				return err
			}
			queued++
		}
		return nil
	})
	return queued, err
}

// RemindNow queues a reminder to every rater of the coach's open round who
// has not answered or declined and has not opted out, whatever the interval
// and the cap (the coach asked). It counts towards each rater's reminders.
func (s *Store) RemindNow(ctx context.Context, coachID, roundID int64) (int, error) {
	now := s.now()
	queued := 0
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		r, err := getRound(ctx, tx, coachID, roundID)
		if err != nil {
			return err
		}
		if r.Status != rapport.RoundOpen {
			return rapport.Errorf(rapport.ECONFLICT, "the round is %s; reminders go only to an open round", r.Status)
		}
		var ids []int64
		if err := tx.SelectContext(ctx, &ids, `SELECT id FROM raters WHERE round_id = ? AND `+awaiting+` ORDER BY id`, roundID); err != nil {
			return fmt.Errorf("store: remind: %w", err)
		}
		kind := reminderKind(now, r.ClosesAt)
		for _, id := range ids {
			if err := s.enqueueRaterEmail(ctx, tx, kind, id, true); err != nil {
				return err
			}
		}
		queued = len(ids)
		return nil
	})
	return queued, err
}

// CloseDueRounds closes every open round whose deadline has passed and
// queues the coach's notice for each. It returns how many it closed.
func (s *Store) CloseDueRounds(ctx context.Context) (int, error) {
	closed := 0
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		var due []rapport.Round
		if err := tx.SelectContext(ctx, &due, `SELECT `+roundColumns+` WHERE r.status = 'open' AND r.closes_at <= ? ORDER BY r.id`,
			s.now().Unix()); err != nil {
			return fmt.Errorf("store: due rounds: %w", err)
		}
		for i := range due {
			if err := s.closeRound(ctx, tx, &due[i]); err != nil {
				return err
			}
			closed++
		}
		return nil
	})
	return closed, err
}

// insertRaterEmail queues an email to a rater without touching the rater
// row (the caller has already updated it).
func (s *Store) insertRaterEmail(ctx context.Context, tx *sqlx.Tx, kind string, raterID int64) error {
	now := s.now().Unix()
	_, err := tx.ExecContext(ctx, `INSERT INTO outbox (kind, round_id, rater_id, to_email, to_name, next_attempt_at, created_at)
		SELECT ?, round_id, id, email, name, ?, ? FROM raters WHERE id = ?`, kind, now, now, raterID)
	if err != nil {
		return fmt.Errorf("store: enqueue %s: %w", kind, err)
	}
	return nil
}
