package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Nothing recoverable left behind. Every connection runs with
// secure_delete, so a deleted row's bytes are overwritten in its page; but
// in WAL mode the page's older versions stay in the -wal file until a
// checkpoint copies the new ones into the database and the log starts over
// (a passive checkpoint, SQLite's automatic one, copies but leaves the old
// frames in the file until later writes happen to overwrite them). So after
// a round's answers are detached, the WAL is checkpointed and truncated
// once the transaction has committed (it cannot be done inside one).
//
// The close transaction counts the detach in wipe_state (migrations/0010),
// in the database rather than in one process's memory: the close may run
// in `rapport sweep` or in Migrate of any command, which exits soon after.
// A reader still on an older snapshot (a running `rapport backup`, a long
// report) makes the checkpoint give up rather than hold up writers; the
// wipe then stays pending, and every process retries it: each scheduler
// pass, every Migrate, every backup (CheckpointIfPending).

// checkpointBusyTimeout is how long a checkpoint waits for the writer and
// older readers. While it waits, new writes wait too, so it is short.
const checkpointBusyTimeout = 250 // milliseconds

// checkpointBackoff are the pauses between attempts at a pending
// checkpoint: a reader that is about to finish does not make the wipe wait
// for the next scheduler pass.
var checkpointBackoff = []time.Duration{100 * time.Millisecond, 400 * time.Millisecond}

// Checkpoint copies the whole WAL into the database file and truncates the
// WAL to zero bytes. It fails if readers or the writer kept it from
// finishing; nothing is lost then, it only has to run again.
func (s *Store) Checkpoint(ctx context.Context) error {
	// A connection of its own: the writer's is busy in transactions, and
	// the read pool's connections are query-only.
	db, err := openSideConnection(s.path, checkpointBusyTimeout)
	if err != nil {
		return fmt.Errorf("store: checkpoint: %w", err)
	}
	defer db.Close()
	s.checkpoints.passing.Lock()
	defer s.checkpoints.passing.Unlock()
	var busy, logFrames, checkpointed int
	if err := db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logFrames, &checkpointed); err != nil {
		return fmt.Errorf("store: checkpoint: %w", err)
	}
	if busy != 0 {
		return fmt.Errorf("store: checkpoint: the database was busy (%d of %d WAL frames copied)", checkpointed, logFrames)
	}
	return nil
}

// CheckpointIfPending runs Checkpoint, retrying a few times, if answers
// were detached (by this process or another) since the last checkpoint
// that succeeded. If every attempt fails the wipe stays pending in the
// database for the next caller.
func (s *Store) CheckpointIfPending(ctx context.Context) error {
	var state struct {
		Detaches     int64 `db:"detaches"`
		Checkpointed int64 `db:"checkpointed"`
	}
	if err := s.r.GetContext(ctx, &state, `SELECT detaches, checkpointed FROM wipe_state`); err != nil {
		return fmt.Errorf("store: pending checkpoint: %w", err)
	}
	if state.Detaches <= state.Checkpointed {
		return nil
	}
	if err := s.checkpointWithRetries(ctx); err != nil {
		return err
	}
	// Only the detaches read before the checkpoint are known to be wiped:
	// one committed since keeps the wipe pending.
	if err := s.write(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE wipe_state SET checkpointed = max(checkpointed, ?)`, state.Detaches)
		return err
	}); err != nil {
		return fmt.Errorf("store: record checkpoint: %w", err)
	}
	// That update put a page of wipe_state (nothing of a rater's) in the
	// WAL: empty it again if the way is clear, so the -wal is left at 0 bytes.
	_ = s.Checkpoint(ctx)
	return nil
}

// checkpointWithRetries runs Checkpoint until it succeeds, at most once
// more than there are pauses in checkpointBackoff.
func (s *Store) checkpointWithRetries(ctx context.Context) error {
	err := s.Checkpoint(ctx)
	for _, pause := range checkpointBackoff {
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pause):
		}
		err = s.Checkpoint(ctx)
	}
	return err
}

// countDetach records, in the transaction that detaches answers, that the
// WAL holds older copies of their pages until the next checkpoint.
func countDetach(ctx context.Context, tx *sqlx.Tx) error {
	if _, err := tx.ExecContext(ctx, `UPDATE wipe_state SET detaches = detaches + 1`); err != nil {
		return fmt.Errorf("store: count detach: %w", err)
	}
	return nil
}
