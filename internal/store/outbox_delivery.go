package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// Outbox statuses. A row goes pending → sending → sent, or back to pending
// (a temporary failure, retried later), or to failed (a permanent one), or
// to skipped (a reminder whose rater no longer needs one).
const (
	OutboxPending = "pending"
	OutboxSending = "sending"
	OutboxSent    = "sent"
	OutboxFailed  = "failed"
	OutboxSkipped = "skipped"
)

// OutboxMessage is a claimed outbox row with everything needed to render
// it. Tokens stay sealed here; the mail worker opens them just before
// rendering, so no link is held in the clear any longer than needed.
type OutboxMessage struct {
	ID        int64     `db:"id"`
	Kind      string    `db:"kind"`
	ToEmail   string    `db:"to_email"`
	ToName    string    `db:"to_name"`
	Attempts  int       `db:"attempts"` // including the current one
	MessageID string    `db:"message_id"`
	CreatedAt time.Time `db:"created_at"`

	RoundID            int64           `db:"round_id"`
	RoundTitle         string          `db:"round_title"`
	RoundStatus        string          `db:"round_status"`
	Responded          int             `db:"responded"` // raters who submitted
	Raters             int             `db:"raters"`
	ClosesAt           time.Time       `db:"closes_at"`
	TimeZone           string          `db:"time_zone"`
	AnonymityThreshold int             `db:"anonymity_threshold"`
	LeaderName         string          `db:"leader_name"`
	LeaderPronoun      rapport.Pronoun `db:"leader_pronoun"`
	CoachName          string          `db:"coach_name"`
	CoachEmail         string          `db:"coach_email"`
	DemoCoach          bool            `db:"demo_coach"` // made by `rapport demo`: never sent
	ReportTokenSealed  []byte          `db:"report_token_sealed"`
	// The leader's nomination link (only on the nomination email), and for
	// the coach's notice how many raters the leader proposed (nominations.go).
	NominationTokenSealed []byte `db:"nomination_token_sealed"`
	Proposed              int    `db:"proposed"`

	// Rater fields are zero for emails to the coach or the leader.
	RaterID           *int64  `db:"rater_id"`
	RaterRelationship *string `db:"relationship"`
	RaterStatus       *string `db:"rater_status"`
	RaterOptedOut     bool    `db:"opted_out"`
	RaterTokenSealed  []byte  `db:"token_sealed"`
}

// ClaimDue claims up to limit outbox rows that are due, including rows
// left in 'sending' by a worker whose lease ran out (it crashed, or its
// process was killed, between claiming and recording the result). A claimed
// row is 'sending' until now+lease, so no other worker or instance takes it
// meanwhile. Each claim counts as an attempt and keeps one Message-ID across
// attempts, so a receiver can recognise a repeat.
func (s *Store) ClaimDue(ctx context.Context, lease time.Duration, limit int, messageIDDomain string) ([]OutboxMessage, error) {
	now := s.now()
	var claimed []OutboxMessage
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		var ids []int64
		if err := tx.SelectContext(ctx, &ids, `SELECT id FROM outbox
			WHERE status IN ('pending', 'sending') AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
			now.Unix(), limit); err != nil {
			return fmt.Errorf("store: claim outbox: %w", err)
		}
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `UPDATE outbox SET status = 'sending', attempts = attempts + 1,
				next_attempt_at = ?, message_id = CASE message_id WHEN '' THEN ? ELSE message_id END WHERE id = ?`,
				now.Add(lease).Unix(), newMessageID(messageIDDomain), id); err != nil {
				return fmt.Errorf("store: claim outbox: %w", err)
			}
			var m OutboxMessage
			if err := tx.GetContext(ctx, &m, `SELECT o.id, o.kind, o.to_email, o.to_name, o.attempts, o.message_id, o.created_at,
				o.round_id, ro.title AS round_title, ro.status AS round_status, ro.closes_at, ro.time_zone,
				-- Only the coach's close notice says how many answered.
				CASE o.kind WHEN 'round_closed' THEN (SELECT count(*) FROM raters WHERE round_id = ro.id AND status = 'submitted') ELSE 0 END AS responded,
				CASE o.kind WHEN 'round_closed' THEN (SELECT count(*) FROM raters WHERE round_id = ro.id) ELSE 0 END AS raters,
				ro.anonymity_threshold, l.name AS leader_name, l.pronoun AS leader_pronoun,
				c.name AS coach_name, c.email AS coach_email, c.demo AS demo_coach, ro.report_token_sealed,
				CASE o.kind WHEN 'nomination' THEN (SELECT token_sealed FROM nominations WHERE round_id = ro.id) END AS nomination_token_sealed,
				CASE o.kind WHEN 'nomination_submitted' THEN (SELECT count(*) FROM raters WHERE round_id = ro.id AND proposed = 1) ELSE 0 END AS proposed,
				o.rater_id, ra.relationship, ra.status AS rater_status, ra.opted_out_at IS NOT NULL AS opted_out, ra.token_sealed
				FROM outbox o JOIN rounds ro ON ro.id = o.round_id JOIN leaders l ON l.id = ro.leader_id
				JOIN coaches c ON c.id = ro.coach_id LEFT JOIN raters ra ON ra.id = o.rater_id
				WHERE o.id = ?`, id); err != nil {
				return fmt.Errorf("store: claim outbox %d: %w", id, err)
			}
			claimed = append(claimed, m)
		}
		return nil
	})
	return claimed, err
}

// newMessageID makes a Message-ID (without angle brackets) that reveals
// nothing: 128 random bits at the service's domain.
func newMessageID(domain string) string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b) + "@" + domain
}

// The results of a delivery attempt. Each changes the row only while the
// claim is still the caller's (same attempt, still 'sending'), so a worker
// that outlived its lease cannot overwrite a newer attempt's result.

// MarkSent records that SMTP (or the file outbox) accepted the message.
func (s *Store) MarkSent(ctx context.Context, m *OutboxMessage) error {
	return s.finishAttempt(ctx, m, `status = 'sent', sent_at = ?, last_error = ''`, s.now().Unix())
}

// OutboxErased reports whether an outbox row no longer exists: an
// erasure deleted it while the mail worker held it.
func (s *Store) OutboxErased(ctx context.Context, id int64) (bool, error) {
	var n int
	if err := s.r.GetContext(ctx, &n, `SELECT count(*) FROM outbox WHERE id = ?`, id); err != nil {
		return false, fmt.Errorf("store: outbox %d: %w", id, err)
	}
	return n == 0, nil
}

// MarkRetry records a temporary failure; the row is tried again at next.
func (s *Store) MarkRetry(ctx context.Context, m *OutboxMessage, reason string, next time.Time) error {
	return s.finishAttempt(ctx, m, `status = 'pending', next_attempt_at = ?, last_error = ?`, next.Unix(), reason)
}

// MarkFailed records a permanent failure; the row is not tried again.
func (s *Store) MarkFailed(ctx context.Context, m *OutboxMessage, reason string) error {
	return s.finishAttempt(ctx, m, `status = 'failed', last_error = ?`, reason)
}

// MarkSkipped records that the message was not sent, and why.
func (s *Store) MarkSkipped(ctx context.Context, m *OutboxMessage, reason string) error {
	return s.finishAttempt(ctx, m, `status = 'skipped', last_error = ?`, reason)
}

func (s *Store) finishAttempt(ctx context.Context, m *OutboxMessage, set string, args ...any) error {
	args = append(args, m.ID, m.Attempts)
	return s.write(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE outbox SET `+set+` WHERE id = ? AND attempts = ? AND status = 'sending'`, args...)
		if err != nil {
			return fmt.Errorf("store: record delivery of outbox %d: %w", m.ID, err)
		}
		return nil
	})
}

// OutboxEntry is one outbox row as tests and the coach's view see it.
type OutboxEntry struct {
	ID            int64      `db:"id"`
	Kind          string     `db:"kind"`
	RoundID       *int64     `db:"round_id"`
	RaterID       *int64     `db:"rater_id"`
	ToEmail       string     `db:"to_email"`
	Status        string     `db:"status"`
	Attempts      int        `db:"attempts"`
	NextAttemptAt time.Time  `db:"next_attempt_at"`
	LastError     string     `db:"last_error"`
	MessageID     string     `db:"message_id"`
	CreatedAt     time.Time  `db:"created_at"`
	SentAt        *time.Time `db:"sent_at"`
}

// Outbox lists a round's outbox rows, oldest first.
func (s *Store) Outbox(ctx context.Context, roundID int64) ([]OutboxEntry, error) {
	list := []OutboxEntry{}
	err := s.r.SelectContext(ctx, &list, `SELECT id, kind, round_id, rater_id, to_email, status, attempts,
		next_attempt_at, last_error, message_id, created_at, sent_at FROM outbox WHERE round_id = ? ORDER BY id`, roundID)
	if err != nil {
		return nil, fmt.Errorf("store: list outbox: %w", err)
	}
	return list, nil
}
