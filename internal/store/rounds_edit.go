package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// UpdateDraftRound changes a draft round's title, deadline and its zone, anonymity
// threshold and reminder settings (in.LeaderID and in.FrameworkKey are
// ignored). Once launched, raters were told these terms: no more changes.
func (s *Store) UpdateDraftRound(ctx context.Context, coachID, id int64, in rapport.RoundInput) (*rapport.Round, error) {
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		r, err := getRound(ctx, tx, coachID, id)
		if err != nil {
			return err
		}
		if err := r.CanEdit(); err != nil {
			return err
		}
		in.LeaderID, in.FrameworkKey = r.LeaderID, r.FrameworkKey
		if err := in.Validate(s.now()); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE rounds SET title = ?, closes_at = ?, time_zone = ?, anonymity_threshold = ?,
			reminder_interval = ?, max_reminders = ? WHERE id = ?`, in.Title, in.ClosesAt.Unix(), in.TimeZone, *in.AnonymityThreshold,
			int64(*in.ReminderInterval/time.Second), *in.MaxReminders, id)
		if err != nil {
			return fmt.Errorf("store: update round: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.Round(ctx, coachID, id)
}

// LeaderRounds lists one leader's rounds, newest first.
func (s *Store) LeaderRounds(ctx context.Context, coachID, leaderID int64) ([]rapport.Round, error) {
	list := []rapport.Round{}
	err := s.r.SelectContext(ctx, &list, `SELECT `+roundColumns+` WHERE r.coach_id = ? AND r.leader_id = ?
		ORDER BY r.created_at DESC, r.id DESC`, coachID, leaderID)
	if err != nil {
		return nil, fmt.Errorf("store: leader rounds: %w", err)
	}
	return list, nil
}

// DeleteDraftRound deletes a draft round and its raters. Nobody was
// invited yet, so nothing else refers to it; a launched round is part of
// the record and stays (409).
func (s *Store) DeleteDraftRound(ctx context.Context, coachID, id int64) error {
	return s.write(ctx, func(tx *sqlx.Tx) error {
		r, err := getRound(ctx, tx, coachID, id)
		if err != nil {
			return err
		}
		if err := r.CanDelete(); err != nil {
			return err
		}
		// The raters' ids will be reused: their names leave the trail
		// (RemoveRater says why).
		if err := stripAuditRoundRatersRemoved(ctx, tx, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM rounds WHERE id = ? AND status = 'draft'`, id); err != nil {
			return fmt.Errorf("store: delete round: %w", err)
		}
		return nil
	})
}
