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
		return rapport.EmailLastCall
	}
	return rapport.EmailReminder
}

// awaiting is the condition for a rater who may still be reminded. It
// repeats the WHERE clause of the raters_awaiting index word for word, so
// that SQLite can use that partial index.
const awaiting = `status IN ('invited', 'opened', 'in_progress') AND opted_out_at IS NULL`

// dueRaters is the FROM and WHERE of the raters due a reminder at a time
// (bound twice). It reads open rounds through rounds_open_closing and their
// raters through raters_awaiting, so a pass with nothing due touches only
// those index entries.
const dueRaters = `FROM rounds ro JOIN raters ra ON ra.round_id = ro.id
	WHERE ro.status = 'open' AND ro.closes_at > ?
	AND ra.status IN ('invited', 'opened', 'in_progress') AND ra.opted_out_at IS NULL
	AND ra.last_emailed_at <= ? - ro.reminder_interval
	AND ra.reminders_sent < ro.max_reminders`

// DueRemindersSQL lists the raters due a reminder at a time (given twice).
const DueRemindersSQL = `SELECT ra.id AS rater_id, ro.closes_at ` + dueRaters + ` ORDER BY ra.id`

// queueRemindersSQL queues a reminder, or a last call when the deadline is
// within the window, to every due rater. Arguments: now, window (seconds),
// now, now, then dueRaters' two.
const queueRemindersSQL = `INSERT INTO outbox (kind, round_id, rater_id, to_email, to_name, next_attempt_at, created_at)
	SELECT CASE WHEN ro.closes_at - ? < ? THEN '` + rapport.EmailLastCall + `' ELSE '` + rapport.EmailReminder + `' END,
	ra.round_id, ra.id, ra.email, ra.name, ?, ? ` + dueRaters + ` ORDER BY ra.id`

// markRemindedSQL records the reminder on every due rater. Arguments: now,
// then dueRaters' two.
const markRemindedSQL = `UPDATE raters SET last_emailed_at = ?, reminders_sent = reminders_sent + 1
	WHERE id IN (SELECT ra.id ` + dueRaters + `)`

// QueueDueReminders queues a reminder (or a last call) to every rater of an
// open round who has not answered, declined or opted out, whose last email
// is at least the round's reminder interval old, and who has had fewer than
// the round's max_reminders. It returns how many it queued.
//
// Never twice, even with several processes at once: the pass is one
// immediate transaction on the single writer, and within it the outbox rows
// and the raters' new last_emailed_at are written from the same due set
// (nothing else writes in between), so the next pass finds nothing due until
// the interval has passed again. Two set-based statements instead of two per
// rater keep a pass over 20,000 due raters well under a second.
func (s *Store) QueueDueReminders(ctx context.Context) (int, error) {
	now := s.now().Unix()
	queued := 0
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, queueRemindersSQL, now, int64(LastCallWindow/time.Second), now, now, now, now)
		if err != nil {
			return fmt.Errorf("store: queue reminders: %w", err)
		}
		n, err := res.RowsAffected()
		if err != nil || n == 0 {
			return err
		}
		s.markMailQueued(res)
		res, err = tx.ExecContext(ctx, markRemindedSQL, now, now, now)
		if err != nil {
			return fmt.Errorf("store: mark reminded: %w", err)
		}
		if marked, err := res.RowsAffected(); err != nil || marked != n {
			return fmt.Errorf("store: queued %d reminders but marked %d raters (%v)", n, marked, err)
		}
		queued = int(n)
		return nil
	})
	return queued, err
}

// Reminded is what "Send reminders now" did: how many reminders it queued,
// and how many awaiting raters it skipped because they had an email within
// rapport.RemindQuietPeriod.
type Reminded struct {
	Sent          int `json:"sent"`
	SkippedRecent int `json:"skipped_recent"`
}

// RemindNow queues a reminder to every rater of the coach's open round who
// has not answered or declined and has not opted out, whatever the interval
// and the cap (the coach asked), but never to one emailed within the quiet
// period: those are counted apart. It counts towards each rater's reminders.
func (s *Store) RemindNow(ctx context.Context, coachID, roundID int64) (Reminded, error) {
	now := s.now()
	quietSince := now.Add(-rapport.RemindQuietPeriod).Unix()
	var done Reminded
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		r, err := getRound(ctx, tx, coachID, roundID)
		if err != nil {
			return err
		}
		if err := r.CanRemind(); err != nil {
			return err
		}
		if err := tx.GetContext(ctx, &done.SkippedRecent, `SELECT count(*) FROM raters WHERE round_id = ? AND `+awaiting+`
			AND last_emailed_at > ?`, roundID, quietSince); err != nil {
			return fmt.Errorf("store: remind now: %w", err)
		}
		done.Sent, err = s.enqueueRaterEmails(ctx, tx, reminderKind(now, r.ClosesAt), true,
			`round_id = ? AND `+awaiting+` AND (last_emailed_at IS NULL OR last_emailed_at <= ?)`, roundID, quietSince)
		return err
	})
	return done, err
}

// dueRoundsSQL finds the open rounds whose deadline has passed (at a time).
// Ordered by deadline so that SQLite reads rounds_open_closing rather than
// every round in id order.
const dueRoundsSQL = `SELECT ` + roundColumns + ` WHERE r.status = 'open' AND r.closes_at <= ? ORDER BY r.closes_at, r.id`

// CloseDueRounds closes every open round whose deadline has passed and
// queues the coach's notice for each. It returns how many it closed.
func (s *Store) CloseDueRounds(ctx context.Context) (int, error) {
	closed := 0
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		var due []rapport.Round
		if err := tx.SelectContext(ctx, &due, dueRoundsSQL, s.now().Unix()); err != nil {
			return fmt.Errorf("store: due rounds: %w", err)
		}
		for i := range due {
			if err := s.closeRound(ctx, tx, &due[i]); err != nil {
				return err
			}
			s.auditDeadlineClose(ctx, tx, &due[i])
			closed++
		}
		return nil
	})
	if err == nil && closed > 0 {
		// After the commit; a busy checkpoint is retried by the next pass.
		_ = s.CheckpointIfPending(ctx)
	}
	return closed, err
}

// Query is a named SQL statement, for looking at its plan.
type Query struct{ Name, SQL string }

// SchedulerQueries are the statements of a scheduler pass whose cost grows
// with the data, so the benchmark can check that each uses an index.
func SchedulerQueries() []Query {
	return []Query{
		{"due rounds", dueRoundsSQL},
		{"queue reminders", queueRemindersSQL},
		{"mark reminded", markRemindedSQL},
	}
}
