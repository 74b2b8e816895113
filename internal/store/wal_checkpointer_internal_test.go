package store

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
)

// TestCommitsReachTheDatabaseFileOffTheWriter checks that what the writer
// commits is copied from the WAL into the database file by the background
// checkpoints, while the writer itself only checkpoints past its backstop:
// a checkpoint on the writer stalls every rater write.
func TestCommitsReachTheDatabaseFileOffTheWriter(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	var backstop int
	if err := s.write(ctx, func(tx *sqlx.Tx) error { return tx.GetContext(ctx, &backstop, `PRAGMA wal_autocheckpoint`) }); err != nil {
		t.Fatal(err)
	}
	if backstop != 32000 {
		t.Errorf("the writer checkpoints itself at %d WAL pages, want the backstop of 32000", backstop)
	}
	before := fileSize(t, s.path)
	// About 500 pages in 20 commits: less than SQLite's own threshold of
	// 1,000 pages, so without the background checkpoints they would all
	// stay in the WAL.
	text := strings.Repeat("x", 3000)
	for c := range 20 {
		err := s.write(ctx, func(tx *sqlx.Tx) error {
			for k := range 25 {
				if _, err := tx.ExecContext(ctx, `INSERT INTO t (k, v) VALUES (?, ?)`, c*100+k, text); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	const grown = 1 << 20
	deadline := time.Now().Add(5 * time.Second)
	for fileSize(t, s.path)-before < grown {
		if time.Now().After(deadline) {
			t.Fatalf("the database file grew by %d bytes in 5 s after 1.5 MB of commits: they were not checkpointed", fileSize(t, s.path)-before)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// TestATruncatingCheckpointWaitsForABackgroundPass checks that the wipe's
// checkpoint (Store.Checkpoint) is not refused because a background
// checkpoint happens to be running: SQLite refuses a second checkpoint at
// once, and with a pass every 20 ms under steady writes that failed about
// one attempt in ten.
func TestATruncatingCheckpointWaitsForABackgroundPass(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		text := strings.Repeat("z", 3000)
		for k := 0; ; k++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := s.write(ctx, func(tx *sqlx.Tx) error {
				_, err := tx.ExecContext(ctx, `INSERT INTO t (k, v) VALUES (?, ?)`, k, text)
				return err
			}); err != nil {
				t.Error(err)
				return
			}
			time.Sleep(2 * time.Millisecond)
		}
	}()
	failed := 0
	for range 40 {
		if err := s.Checkpoint(ctx); err != nil {
			failed++
			t.Log(err)
		}
		time.Sleep(7 * time.Millisecond)
	}
	close(stop)
	<-done
	if failed > 0 {
		t.Errorf("%d of 40 truncating checkpoints failed beside steady writes", failed)
	}
}
