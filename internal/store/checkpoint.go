package store

import (
	"context"
	"fmt"
)

// Nothing recoverable left behind. Every connection runs with
// secure_delete, so a deleted row's bytes are overwritten in its page; but
// in WAL mode the page's older versions stay in the -wal file until a
// checkpoint copies the new ones into the database and the log starts over.
// So after a round's answers are detached, the WAL is checkpointed and
// truncated once the transaction has committed (it cannot be done inside
// one). A reader still on an older snapshot makes the checkpoint give up
// rather than hold up writers: the wipe stays pending and the next
// scheduler pass (CheckpointIfPending) tries again.

// checkpointBusyTimeout is how long a checkpoint waits for the writer and
// older readers. While it waits, new writes wait too, so it is short.
const checkpointBusyTimeout = 250 // milliseconds

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
	var busy, logFrames, checkpointed int
	if err := db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logFrames, &checkpointed); err != nil {
		return fmt.Errorf("store: checkpoint: %w", err)
	}
	if busy != 0 {
		return fmt.Errorf("store: checkpoint: the database was busy (%d of %d WAL frames copied)", checkpointed, logFrames)
	}
	return nil
}

// CheckpointIfPending runs Checkpoint if answers were detached since the
// last one that succeeded, and keeps the wipe pending if it fails.
func (s *Store) CheckpointIfPending(ctx context.Context) error {
	if !s.wipePending.Swap(false) {
		return nil
	}
	if err := s.Checkpoint(ctx); err != nil {
		s.wipePending.Store(true)
		return err
	}
	return nil
}
