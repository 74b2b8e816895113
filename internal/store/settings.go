package store

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// Settings returns the coach's own settings.
func (s *Store) Settings(ctx context.Context, coachID int64) (*rapport.Settings, error) {
	var set rapport.Settings
	if err := s.r.GetContext(ctx, &set, `SELECT retention_days FROM coaches WHERE id = ?`, coachID); err != nil {
		return nil, notFound(err, "coach")
	}
	return &set, nil
}

// UpdateSettings validates and saves the coach's settings. A shorter
// retention period takes effect at the next scheduler pass: rounds closed
// longer ago than it are then purged.
func (s *Store) UpdateSettings(ctx context.Context, coachID int64, in rapport.SettingsInput) (*rapport.Settings, error) {
	set, err := in.Validate()
	if err != nil {
		return nil, err
	}
	err = s.write(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE coaches SET retention_days = ? WHERE id = ?`, set.RetentionDays, coachID)
		if err != nil {
			return fmt.Errorf("store: update settings: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return rapport.Errorf(rapport.ENOTFOUND, "coach not found")
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &set, nil
}
