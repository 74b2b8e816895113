package store

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// Erasure of a leader: everything about them goes, at once and for good.
// Rows are deleted with secure_delete on (db.go), which overwrites them in
// their pages and zeroes the pages freed; the WAL's older copies of those
// pages are then checkpointed away as after a detach (checkpoint.go). A
// backup made before the erasure still holds them: docs/operations.md.

// leaderRounds and leaderResponses pick a leader's rounds and their raters'
// response numbers (what answers and comments are stored under); ? is the
// leader's id.
const (
	leaderRounds    = `(SELECT id FROM rounds WHERE leader_id = ?)`
	leaderResponses = `(SELECT response_id FROM raters WHERE round_id IN ` + leaderRounds + `)`
)

// ownedTable is a table holding something about a leader, and which of its
// rows are theirs (a condition with one ?, the leader's id).
type ownedTable struct {
	name  string
	where string
}

// leaderOwnedTables lists every table that holds something about a leader,
// in the order their rows are deleted (children first, so no foreign key
// is relied on). A new table with a leader's, round's or rater's data
// belongs here: TestEraseLeader/ListsEveryTableWithARoundOrRater fails
// until it is.
var leaderOwnedTables = []ownedTable{
	{name: "anonymous_answers", where: `response_id IN (SELECT id FROM anonymous_responses WHERE round_id IN ` + leaderRounds + `)`},
	{name: "anonymous_responses", where: `round_id IN ` + leaderRounds},
	{name: "anonymous_comments", where: `round_id IN ` + leaderRounds},
	{name: "answers", where: `response_id IN ` + leaderResponses},
	{name: "comments", where: `response_id IN ` + leaderResponses},
	// Every email is about a round: invitations, reminders, the leader's
	// own (nomination, released report) and the coach's (round closed).
	{name: "outbox", where: `round_id IN ` + leaderRounds},
	{name: "nominations", where: `round_id IN ` + leaderRounds},
	// The frozen summaries of closed rounds (issue 16 point 1).
	{name: "round_summaries", where: `round_id IN ` + leaderRounds},
	{name: "raters", where: `round_id IN ` + leaderRounds},
	{name: "rounds", where: `leader_id = ?`},
	{name: "leaders", where: `id = ?`},
}

// Erased is what an erasure removed that lives outside the database.
type Erased struct {
	// OutboxIDs are the deleted emails: the file outbox names its .eml
	// files by them (mail.RemoveFiles).
	OutboxIDs []int64
	// Rater is set when RemoveRater erased a closed round's rater rather
	// than removing one from a round still running.
	Rater bool
}

// EraseLeader deletes one of the coach's leaders and everything about
// them (leaderOwnedTables); another coach's leader is not found. Their
// survey, unsubscribe, nomination and report links stop working at once.
// The WAL is then checkpointed so no older copy of a page holds them; if
// a reader keeps that from finishing, it stays pending and the next
// scheduler pass, sweep or backup finishes it.
func (s *Store) EraseLeader(ctx context.Context, coachID, leaderID int64) (*Erased, error) {
	erased := &Erased{}
	var linkHashes [][]byte
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		if _, err := getLeader(ctx, tx, coachID, leaderID); err != nil {
			return err
		}
		if err := tx.SelectContext(ctx, &erased.OutboxIDs, `SELECT id FROM outbox WHERE round_id IN `+leaderRounds+` ORDER BY id`, leaderID); err != nil {
			return fmt.Errorf("store: erase leader: emails: %w", err)
		}
		if err := tx.SelectContext(ctx, &linkHashes, `SELECT token_hash FROM raters WHERE round_id IN `+leaderRounds, leaderID); err != nil {
			return fmt.Errorf("store: erase leader: links: %w", err)
		}
		for _, t := range leaderOwnedTables {
			if err := deleteOwnedRows(ctx, tx, t, leaderID); err != nil {
				return err
			}
		}
		// A one-time message waiting in a session may name the leader
		// ("Jane Doe was added"): it goes too.
		if _, err := tx.ExecContext(ctx, `UPDATE sessions SET flash = '' WHERE coach_id = ? AND flash != ''`, coachID); err != nil {
			return fmt.Errorf("store: erase leader: messages: %w", err)
		}
		if err := StripAuditPersonalData(ctx, tx, leaderID); err != nil {
			return err
		}
		return countDetach(ctx, tx)
	})
	if err != nil {
		return nil, err
	}
	for _, h := range linkHashes {
		s.forgetLink(string(h))
	}
	s.finishWipe(ctx)
	return erased, nil
}

// deleteOwnedRows deletes a leader's rows from one table.
func deleteOwnedRows(ctx context.Context, tx *sqlx.Tx, t ownedTable, leaderID int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM `+t.name+` WHERE `+t.where, leaderID); err != nil {
		return fmt.Errorf("store: erase leader: %s: %w", t.name, err)
	}
	return nil
}

// finishWipe checkpoints the WAL after an erasure has committed (it cannot
// be done inside the transaction). A failure only postpones it: the
// erasure counted itself in wipe_state, so the next caller of
// CheckpointIfPending finishes it.
func (s *Store) finishWipe(ctx context.Context) {
	if err := s.CheckpointIfPending(ctx); err != nil {
		s.logger().Warn("wiping the WAL after an erasure postponed to the next scheduler pass", "err", err)
	}
}
