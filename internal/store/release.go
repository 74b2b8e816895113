package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// ReleaseRound gives the leader their report: it makes the leader's report
// link (only its keyed hash and sealed copy are kept) and queues the email
// that carries it, in one transaction. Only a closed round can be released,
// and only once.
func (s *Store) ReleaseRound(ctx context.Context, coachID, id int64) (*rapport.Round, error) {
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		r, err := getRound(ctx, tx, coachID, id)
		if err != nil {
			return err
		}
		if err := r.CanRelease(); err != nil {
			return err
		}
		_, hash, sealed := s.keys.NewLink()
		if _, err := tx.ExecContext(ctx, `UPDATE rounds SET released_at = ?, report_token_hash = ?, report_token_sealed = ? WHERE id = ?`,
			s.now().Unix(), hash, sealed, id); err != nil {
			return fmt.Errorf("store: release round: %w", err)
		}
		return s.enqueueLeaderEmail(ctx, tx, rapport.EmailReportReleased, r)
	})
	if err != nil {
		return nil, err
	}
	return s.Round(ctx, coachID, id)
}

// RoundByReportToken finds the released round whose report link has this
// keyed hash; anything else is not found.
func (s *Store) RoundByReportToken(ctx context.Context, tokenHash []byte) (*rapport.Round, error) {
	var r rapport.Round
	err := s.r.GetContext(ctx, &r, `SELECT `+roundColumns+` WHERE r.report_token_hash = ? AND r.released_at IS NOT NULL`, tokenHash)
	if err != nil {
		return nil, notFound(err, "report")
	}
	return &r, nil
}

// PreviousRound returns the leader's latest round on the same framework
// that closed before this one, or nil if there is none. Rounds closed in
// the same second are ordered by id, so that of two such rounds only the
// later is compared with the earlier (a summary draws on the previous
// round's frozen summary: never on its own).
func (s *Store) PreviousRound(ctx context.Context, r *rapport.Round) (*rapport.Round, error) {
	if r.ClosedAt == nil {
		return nil, nil
	}
	var prev rapport.Round
	err := s.r.GetContext(ctx, &prev, `SELECT `+roundColumns+` WHERE r.leader_id = ? AND r.framework_id = ?
		AND r.status = 'closed' AND (r.closed_at < ? OR (r.closed_at = ? AND r.id < ?))
		ORDER BY r.closed_at DESC, r.id DESC LIMIT 1`,
		r.LeaderID, r.FrameworkID, r.ClosedAt.Unix(), r.ClosedAt.Unix(), r.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: previous round: %w", err)
	}
	return &prev, nil
}

// ReleaseEmail is the newest report email to the round's leader and how its
// delivery went, or nil before release: the coach must learn if the leader
// never got their link.
func (s *Store) ReleaseEmail(ctx context.Context, roundID int64) (*rapport.EmailStatus, error) {
	var e rapport.EmailStatus
	err := s.r.GetContext(ctx, &e, `SELECT kind, status, created_at, sent_at, attempts, last_error FROM outbox
		WHERE round_id = ? AND kind = ? ORDER BY id DESC LIMIT 1`, roundID, rapport.EmailReportReleased)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: release email: %w", err)
	}
	return &e, nil
}
