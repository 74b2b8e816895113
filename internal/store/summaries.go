package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// Frozen summaries (migrations/0015): a closed round's summary is written
// once, as JSON, and read back as it is from then on. The store does not
// compute it (package debrief does); it only keeps the first one written.

// FrozenSummary returns the round's frozen summary JSON, or nil if it has
// not been frozen yet.
func (s *Store) FrozenSummary(ctx context.Context, roundID int64) ([]byte, error) {
	var js []byte
	err := s.r.GetContext(ctx, &js, `SELECT summary_json FROM round_summaries WHERE round_id = ?`, roundID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: frozen summary of round %d: %w", roundID, err)
	}
	return js, nil
}

// FreezeSummary keeps summaryJSON as the closed round's summary unless one
// is already kept, and returns the one kept: two processes freezing the
// same round at once agree on the first. A round that is not closed is
// refused (ECONFLICT).
func (s *Store) FreezeSummary(ctx context.Context, roundID int64, summaryJSON []byte) ([]byte, error) {
	var kept []byte
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		var status rapport.RoundStatus
		if err := tx.GetContext(ctx, &status, `SELECT status FROM rounds WHERE id = ?`, roundID); err != nil {
			return notFound(err, "round")
		}
		if status != rapport.RoundClosed {
			return rapport.Errorf(rapport.ECONFLICT, "the round is %s; its summary is kept only once it is closed", status)
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO round_summaries (round_id, summary_json, frozen_at)
			VALUES (?, ?, ?)`, roundID, string(summaryJSON), s.now().Unix()); err != nil {
			return fmt.Errorf("store: freeze summary of round %d: %w", roundID, err)
		}
		return tx.GetContext(ctx, &kept, `SELECT summary_json FROM round_summaries WHERE round_id = ?`, roundID)
	})
	if err != nil {
		return nil, err
	}
	return kept, nil
}

// UnfrozenRounds lists the closed rounds whose summary is not kept yet,
// oldest close first (a later round's progress is drawn from the earlier
// one's frozen summary): rounds closed before migration 0015, or whose
// freeze right after the close did not happen (a crash, a failed write).
func (s *Store) UnfrozenRounds(ctx context.Context) ([]rapport.Round, error) {
	list := []rapport.Round{}
	err := s.r.SelectContext(ctx, &list, `SELECT `+roundColumns+` WHERE r.status = 'closed'
		AND NOT EXISTS (SELECT 1 FROM round_summaries s WHERE s.round_id = r.id) ORDER BY r.closed_at, r.id`)
	if err != nil {
		return nil, fmt.Errorf("store: unfrozen rounds: %w", err)
	}
	return list, nil
}
