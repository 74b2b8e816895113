package store

import (
	"context"
	"errors"
	"fmt"
	"os"
)

// Backup writes a consistent copy of the live database to path with
// VACUUM INTO, which reads one snapshot while writers carry on (WAL).
// It refuses to overwrite an existing file.
//
// The copy holds every answer, so it is readable by its owner only (0600).
// The file is created empty with that mode first (O_EXCL, so nothing
// existing is ever overwritten), and VACUUM INTO fills it: SQLite accepts an
// INTO file that exists if it is empty, and keeps its mode.
func (s *Store) Backup(ctx context.Context, path string) (err error) {
	// First finish a wipe left pending (checkpoint.go): the backup is about
	// to be a long reader that would keep that checkpoint from finishing,
	// and a cron'd `rapport backup` may be the only process running.
	// Tolerated if busy: the copy holds live rows only either way.
	_ = s.CheckpointIfPending(ctx)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("store: backup: %s already exists", path)
	}
	if err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	defer func() {
		if err != nil {
			os.Remove(path) // no empty or partial copy left behind
		}
	}()
	// A connection of its own: VACUUM INTO reads one snapshot of the source,
	// so the writer carries on, but the read pool is query-only and refuses it.
	db, err := openSideConnection(s.path, 10000)
	if err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("store: backup to %s: %w", path, err)
	}
	return nil
}
