package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// SessionLimits say how long a browser session lasts: Idle since the last
// request, Absolute since sign-in, whichever comes first.
type SessionLimits struct {
	Idle     time.Duration
	Absolute time.Duration
}

// Session is a signed-in browser, as the web layer sees it.
type Session struct {
	ID    int64
	Coach *rapport.Coach
	// Flash is the one-time message left by the previous request; reading
	// the session through SessionCoach clears it.
	Flash string
}

// touchEvery is how stale last_seen_at may get before a request refreshes
// it: a write per page view would be wasted, a minute does not matter
// against an idle limit of hours.
const touchEvery = time.Minute

// CreateSession stores a new session for a coach under the hash of its id.
// The coach's expired sessions are removed at the same time.
func (s *Store) CreateSession(ctx context.Context, coachID int64, tokenHash []byte, lim SessionLimits) error {
	now := s.now()
	return s.write(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE coach_id = ? AND (expires_at <= ? OR last_seen_at <= ?)`,
			coachID, now.Unix(), now.Add(-lim.Idle).Unix()); err != nil {
			return fmt.Errorf("store: prune sessions: %w", err)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO sessions (coach_id, token_hash, created_at, last_seen_at, expires_at)
			VALUES (?, ?, ?, ?, ?)`, coachID, tokenHash, now.Unix(), now.Unix(), now.Add(lim.Absolute).Unix())
		if err != nil {
			return fmt.Errorf("store: create session: %w", err)
		}
		return nil
	})
}

// SessionCoach finds the live session with this hash, marks it as used now
// and takes its flash message. An expired session is deleted and reported
// as unauthorized.
func (s *Store) SessionCoach(ctx context.Context, tokenHash []byte, lim SessionLimits) (*Session, error) {
	now := s.now()
	var row struct {
		ID       int64     `db:"session_id"`
		LastSeen time.Time `db:"last_seen_at"`
		Expires  time.Time `db:"expires_at"`
		Flash    string    `db:"flash"`
		rapport.Coach
	}
	err := s.r.GetContext(ctx, &row, `SELECT s.id AS session_id, s.last_seen_at, s.expires_at, s.flash,
		c.id, c.email, c.name, c.password_hash, c.created_at
		FROM sessions s JOIN coaches c ON c.id = s.coach_id WHERE s.token_hash = ?`, tokenHash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, rapport.ErrSignInNeeded()
	}
	if err != nil {
		return nil, fmt.Errorf("store: session: %w", err)
	}
	if !now.Before(row.Expires) || !now.Before(row.LastSeen.Add(lim.Idle)) {
		if err := s.DeleteSession(ctx, tokenHash); err != nil {
			return nil, err
		}
		return nil, rapport.ErrSessionExpired()
	}
	if row.Flash != "" || now.Sub(row.LastSeen) >= touchEvery {
		err := s.write(ctx, func(tx *sqlx.Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE sessions SET last_seen_at = ?, flash = '' WHERE id = ?`, now.Unix(), row.ID)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("store: touch session: %w", err)
		}
	}
	coach := row.Coach
	return &Session{ID: row.ID, Coach: &coach, Flash: row.Flash}, nil
}

// SetFlash leaves a one-time message for the session's next page.
func (s *Store) SetFlash(ctx context.Context, sessionID int64, message string) error {
	return s.write(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE sessions SET flash = ? WHERE id = ?`, message, sessionID)
		if err != nil {
			return fmt.Errorf("store: set flash: %w", err)
		}
		return nil
	})
}

// DeleteSession ends a session (sign-out); an unknown hash is no error.
func (s *Store) DeleteSession(ctx context.Context, tokenHash []byte) error {
	return s.write(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = ?`, tokenHash); err != nil {
			return fmt.Errorf("store: delete session: %w", err)
		}
		return nil
	})
}
