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

// CreateCoach adds a coach account; the password must already be hashed.
// One account per mailbox: addresses compare as rapport.EmailKey.
func (s *Store) CreateCoach(ctx context.Context, email, name, passwordHash string) (*rapport.Coach, error) {
	email, name, err := rapport.CheckCoach(email, name)
	if err != nil {
		return nil, err
	}
	c := &rapport.Coach{Email: email, Name: name, PasswordHash: passwordHash, CreatedAt: s.now()}
	taken := rapport.ErrCoachTaken()
	err = s.write(ctx, func(tx *sqlx.Tx) error {
		var others []string
		if err := tx.SelectContext(ctx, &others, `SELECT email FROM coaches`); err != nil {
			return fmt.Errorf("store: create coach: %w", err)
		}
		if rapport.EmailTaken(c.Email, others) {
			return taken
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO coaches (email, name, password_hash, created_at) VALUES (?, ?, ?, ?)`,
			c.Email, c.Name, c.PasswordHash, c.CreatedAt.Unix())
		if isUnique(err) {
			return taken
		}
		if err != nil {
			return fmt.Errorf("store: create coach: %w", err)
		}
		c.ID, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// CoachByEmail finds a coach by email, case-insensitively.
func (s *Store) CoachByEmail(ctx context.Context, email string) (*rapport.Coach, error) {
	var c rapport.Coach
	err := s.r.GetContext(ctx, &c, `SELECT id, email, name, password_hash, created_at FROM coaches WHERE email = ?`, email)
	if err != nil {
		return nil, notFound(err, "coach")
	}
	return &c, nil
}

// CoachByID finds a coach by id.
func (s *Store) CoachByID(ctx context.Context, id int64) (*rapport.Coach, error) {
	var c rapport.Coach
	err := s.r.GetContext(ctx, &c, `SELECT id, email, name, password_hash, created_at FROM coaches WHERE id = ?`, id)
	if err != nil {
		return nil, notFound(err, "coach")
	}
	return &c, nil
}

// CreateAPIToken stores the hash of a new API token for a coach.
func (s *Store) CreateAPIToken(ctx context.Context, coachID int64, tokenHash []byte, ttl time.Duration) error {
	now := s.now()
	return s.write(ctx, func(tx *sqlx.Tx) error {
		// Expired tokens of this coach go at the same time, so the table stays small.
		if _, err := tx.ExecContext(ctx, `DELETE FROM api_tokens WHERE coach_id = ? AND expires_at <= ?`, coachID, now.Unix()); err != nil {
			return fmt.Errorf("store: prune tokens: %w", err)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO api_tokens (coach_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?)`,
			coachID, tokenHash, now.Unix(), now.Add(ttl).Unix())
		if err != nil {
			return fmt.Errorf("store: create api token: %w", err)
		}
		return nil
	})
}

// CoachByAPIToken finds the coach owning an unexpired API token.
func (s *Store) CoachByAPIToken(ctx context.Context, tokenHash []byte) (*rapport.Coach, error) {
	var c rapport.Coach
	err := s.r.GetContext(ctx, &c, `SELECT c.id, c.email, c.name, c.password_hash, c.created_at
		FROM api_tokens t JOIN coaches c ON c.id = t.coach_id
		WHERE t.token_hash = ? AND t.expires_at > ?`, tokenHash, s.now().Unix())
	if errors.Is(err, sql.ErrNoRows) {
		return nil, rapport.ErrUnknownAPIToken()
	}
	if err != nil {
		return nil, fmt.Errorf("store: coach by token: %w", err)
	}
	return &c, nil
}
