package store

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// Retention (migrations/0015). Once a round has been closed longer than
// its coach's retention_days, PurgeExpiredRounds deletes its individual
// answers and comments, detached or not, and replaces its raters' names and
// addresses, wherever they are kept (rater rows, the outbox, the leader's
// nomination), with a neutral placeholder. Statuses, counts and times stay,
// and so does the frozen summary: the report reads the same afterwards.
// A round whose summary is not frozen yet is never purged.

// PurgedRaterName is the name a purged round's raters are shown under.
const PurgedRaterName = "(removed)"

// purgeDueSQL finds the rounds past their coach's retention period.
const purgeDueSQL = `SELECT r.id FROM rounds r JOIN coaches c ON c.id = r.coach_id
	WHERE r.status = 'closed' AND r.purged_at IS NULL AND r.closed_at <= ? - c.retention_days * 86400
	AND EXISTS (SELECT 1 FROM round_summaries s WHERE s.round_id = r.id) ORDER BY r.closed_at, r.id`

// purgeSteps delete or overwrite everything that is about one rater of the
// round (the parameter is the round id).
var purgeSteps = []struct{ what, sql string }{
	{"anonymous answers", `DELETE FROM anonymous_answers WHERE response_id IN
		(SELECT id FROM anonymous_responses WHERE round_id = ?)`},
	{"anonymous responses", `DELETE FROM anonymous_responses WHERE round_id = ?`},
	{"anonymous comments", `DELETE FROM anonymous_comments WHERE round_id = ?`},
	{"answers", `DELETE FROM answers WHERE rater_id IN (SELECT id FROM raters WHERE round_id = ?)`},
	{"comments", `DELETE FROM comments WHERE rater_id IN (SELECT id FROM raters WHERE round_id = ?)`},
	// The address must stay unique in its round; .invalid never delivers.
	{"raters", `UPDATE raters SET name = '` + PurgedRaterName + `', email = 'removed-' || id || '@removed.invalid'
		WHERE round_id = ?`},
	// An SMTP error may quote the address it refused. An email still
	// waiting has nobody to go to any more.
	{"emails", `UPDATE outbox SET to_email = '', to_name = '',
		status = CASE WHEN status IN ('pending', 'sending') THEN 'skipped' ELSE status END,
		last_error = CASE WHEN status IN ('pending', 'sending') THEN 'the round was purged' ELSE '' END
		WHERE rater_id IN (SELECT id FROM raters WHERE round_id = ?)`},
	{"nomination", `UPDATE nominations SET nominees = '[]' WHERE round_id = ?`},
}

// PurgeExpiredRounds purges every round past its coach's retention period
// and returns how many it purged. Each round is one transaction; then the
// WAL is checkpointed and emptied, so that with secure_delete nothing
// purged stays readable in the database's files (checkpoint.go).
func (s *Store) PurgeExpiredRounds(ctx context.Context) (int, error) {
	var due []int64
	if err := s.r.SelectContext(ctx, &due, purgeDueSQL, s.now().Unix()); err != nil {
		return 0, fmt.Errorf("store: rounds to purge: %w", err)
	}
	purged := 0
	for _, id := range due {
		if err := s.write(ctx, func(tx *sqlx.Tx) error { return s.purgeRound(ctx, tx, id) }); err != nil {
			return purged, err
		}
		purged++
	}
	if purged > 0 {
		// After the commits; a busy checkpoint stays pending for the next
		// pass, sweep or backup.
		_ = s.CheckpointIfPending(ctx)
	}
	return purged, nil
}

// purgeRound purges one round in tx, unless another process already did.
func (s *Store) purgeRound(ctx context.Context, tx *sqlx.Tx, roundID int64) error {
	res, err := tx.ExecContext(ctx, `UPDATE rounds SET purged_at = ? WHERE id = ? AND purged_at IS NULL`, s.now().Unix(), roundID)
	if err != nil {
		return fmt.Errorf("store: purge round %d: %w", roundID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	for _, step := range purgeSteps {
		if _, err := tx.ExecContext(ctx, step.sql, roundID); err != nil {
			return fmt.Errorf("store: purge round %d: %s: %w", roundID, step.what, err)
		}
	}
	// The audit trail keeps its lines about the raters, without their names.
	if err := StripAuditRoundRaters(ctx, tx, roundID); err != nil {
		return err
	}
	// The old page images sit in the WAL until a checkpoint: ask for one
	// in the database, so that any process can finish it.
	return countDetach(ctx, tx)
}
