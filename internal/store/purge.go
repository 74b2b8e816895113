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
// nomination), with a neutral placeholder. The raters' survey and
// unsubscribe links stop working, and the file outbox's copies of the
// round's emails (which name and address them and hold those links) are
// deleted by the caller (Purged.OutboxIDs). Statuses, counts and times
// stay, and so does the frozen summary: the report reads the same
// afterwards. A round whose summary is not frozen yet is never purged.

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
	{"answers", `DELETE FROM answers WHERE response_id IN (SELECT response_id FROM raters WHERE round_id = ?)`},
	{"comments", `DELETE FROM comments WHERE response_id IN (SELECT response_id FROM raters WHERE round_id = ?)`},
	// The address must stay unique in its round; .invalid never delivers.
	// New random link hashes, as for an erased rater: no token leads to
	// them, so the survey and unsubscribe links answer 404 like any
	// unknown link, and no reminder can repeat the old one.
	{"raters", `UPDATE raters SET name = '` + PurgedRaterName + `', email = 'removed-' || id || '@removed.invalid',
		token_hash = randomblob(32), token_sealed = x'', optout_hash = randomblob(32), response_id = NULL WHERE round_id = ?`},
	// Every email to a rater of the round, including those to raters
	// removed before the close (RemoveRater keeps the sent ones with no
	// rater_id). An SMTP error may quote the address it refused. An email
	// still waiting has nobody to go to any more.
	{"emails", `UPDATE outbox SET to_email = '', to_name = '',
		status = CASE WHEN status IN ('pending', 'sending') THEN 'skipped' ELSE status END,
		last_error = CASE WHEN status IN ('pending', 'sending') THEN 'the round was purged' ELSE '' END
		WHERE round_id = ? AND ` + raterEmailKinds},
	{"nomination", `UPDATE nominations SET nominees = '[]' WHERE round_id = ?`},
}

// Purged is what a pass of PurgeExpiredRounds did.
type Purged struct {
	Rounds int
	// OutboxIDs are every email of the purged rounds: the file outbox
	// names its .eml copies by them, and the caller deletes those
	// (mail.RemoveFiles), which the database cannot do.
	OutboxIDs []int64
}

// PurgeExpiredRounds purges every round past its coach's retention period.
// Each round is one transaction; then the WAL is checkpointed and emptied,
// so that with secure_delete nothing purged stays readable in the
// database's files (checkpoint.go).
func (s *Store) PurgeExpiredRounds(ctx context.Context) (Purged, error) {
	var purged Purged
	var due []int64
	if err := s.r.SelectContext(ctx, &due, purgeDueSQL, s.now().Unix()); err != nil {
		return purged, fmt.Errorf("store: rounds to purge: %w", err)
	}
	for _, id := range due {
		var hashes [][]byte
		var emails []int64
		err := s.write(ctx, func(tx *sqlx.Tx) error {
			hashes, emails = nil, nil // a retried transaction starts afresh
			return s.purgeRound(ctx, tx, id, &hashes, &emails)
		})
		if err != nil {
			return purged, err
		}
		purged.OutboxIDs = append(purged.OutboxIDs, emails...)
		// Cached links hold the raters' names: drop them with the links.
		for _, h := range hashes {
			s.forgetLink(string(h))
		}
		purged.Rounds++
	}
	if purged.Rounds > 0 {
		// After the commits; a busy checkpoint stays pending for the next
		// pass, sweep or backup.
		_ = s.CheckpointIfPending(ctx)
	}
	return purged, nil
}

// purgeRound purges one round in tx, unless another process already did.
// It adds the raters' old link hashes to hashes and the round's emails to
// outboxIDs.
func (s *Store) purgeRound(ctx context.Context, tx *sqlx.Tx, roundID int64, hashes *[][]byte, outboxIDs *[]int64) error {
	res, err := tx.ExecContext(ctx, `UPDATE rounds SET purged_at = ? WHERE id = ? AND purged_at IS NULL`, s.now().Unix(), roundID)
	if err != nil {
		return fmt.Errorf("store: purge round %d: %w", roundID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	if err := tx.SelectContext(ctx, hashes, `SELECT token_hash FROM raters WHERE round_id = ?`, roundID); err != nil {
		return fmt.Errorf("store: purge round %d: links: %w", roundID, err)
	}
	var ids []int64
	if err := tx.SelectContext(ctx, &ids, `SELECT id FROM outbox WHERE round_id = ? ORDER BY id`, roundID); err != nil {
		return fmt.Errorf("store: purge round %d: emails: %w", roundID, err)
	}
	*outboxIDs = append(*outboxIDs, ids...)
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
