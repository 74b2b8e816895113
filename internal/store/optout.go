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
	// Awaited says reminders could still come: the rater has neither
	// submitted nor declined, and the round still takes answers. Once not,
	// the link has served its purpose and opting out changes nothing.
	Awaited bool `db:"awaited"`
}

// unsubscriberQuery finds the rater of an opt-out link. Arguments: now,
// the link's hash.
const unsubscriberQuery = `SELECT ra.id AS rater_id, ro.title AS round_title, l.name AS leader_name,
	c.name AS coach_name, ra.opted_out_at,
	(ra.status IN ('invited', 'opened', 'in_progress') AND ro.status = 'open' AND ro.closes_at > ?) AS awaited
	FROM raters ra JOIN rounds ro ON ro.id = ra.round_id JOIN leaders l ON l.id = ro.leader_id
	JOIN coaches c ON c.id = ro.coach_id WHERE ra.optout_hash = ?`

// UnsubscriberByToken finds the rater whose unsubscribe link has this keyed
// hash (of the opt-out token, not of the survey token).
func (s *Store) UnsubscriberByToken(ctx context.Context, tokenHash []byte) (*Unsubscriber, error) {
	var u Unsubscriber
	if err := s.r.GetContext(ctx, &u, unsubscriberQuery, s.now().Unix(), tokenHash); err != nil {
		return nil, notFound(err, "link")
	}
	return &u, nil
}

// OptOut stops reminders to the rater whose unsubscribe link has this keyed
// hash, in that round only. Doing it twice keeps the first time. A rater
// who is no longer awaited (submitted, declined, or the round closed) gets
// no reminders anyway, and is left as they are: the coach's view should
// not show an opt-out that stopped nothing.
func (s *Store) OptOut(ctx context.Context, tokenHash []byte) (*Unsubscriber, error) {
	var u Unsubscriber
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		now := s.now().Unix()
		if _, err := tx.ExecContext(ctx, `UPDATE raters SET opted_out_at = ? WHERE optout_hash = ? AND opted_out_at IS NULL
			AND status IN ('invited', 'opened', 'in_progress')
			AND round_id IN (SELECT id FROM rounds WHERE status = 'open' AND closes_at > ?)`,
			now, tokenHash, now); err != nil {
			return fmt.Errorf("store: opt out: %w", err)
		}
		return notFound(tx.GetContext(ctx, &u, unsubscriberQuery, now, tokenHash), "link")
	})
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// optOutHash is the lookup hash of the unsubscribe link of the rater with
// this survey token.
func (s *Store) optOutHash(surveyToken string) []byte {
	return s.keys.Hash(s.keys.OptOutToken(surveyToken))
}

// fillOptOutHashes gives raters created before migration 0006 the lookup
// hash of their unsubscribe link. SQL cannot do it (the hash needs the
// instance secret), so Migrate calls this after the SQL migrations. Why here
// rather than when an email is rendered: every command migrates at start, so
// this covers every rater before any link is served or mailed, in one place,
// and the web and mail code can rely on the column. Only NULLs are filled,
// so after the first start it finds nothing to do.
func (s *Store) fillOptOutHashes(ctx context.Context) error {
	var rows []struct {
		ID     int64  `db:"id"`
		Sealed []byte `db:"token_sealed"`
	}
	if err := s.r.SelectContext(ctx, &rows, `SELECT id, token_sealed FROM raters WHERE optout_hash IS NULL`); err != nil {
		return fmt.Errorf("store: raters without an opt-out hash: %w", err)
	}
	if len(rows) == 0 {
		return nil
	}
	return s.write(ctx, func(tx *sqlx.Tx) error {
		for _, r := range rows {
			token, err := s.keys.Open(r.Sealed)
			if err != nil {
				// Sealed under another secret: no link of this rater
				// works anyway, and the mail worker reports it.
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE raters SET optout_hash = ? WHERE id = ? AND optout_hash IS NULL`,
				s.optOutHash(token), r.ID); err != nil {
				return fmt.Errorf("store: opt-out hash of rater %d: %w", r.ID, err)
			}
		}
		return nil
	})
}
