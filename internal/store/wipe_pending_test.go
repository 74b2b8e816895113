package store_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
	"github.com/rapporthq/rapport/internal/testkit"
)

// holdSnapshot starts a read transaction on its own connection and reads,
// so it holds a snapshot of the database, as a running `rapport backup` or
// a long report does: a WAL checkpoint cannot finish meanwhile. release
// ends it.
func holdSnapshot(t *testing.T, cfg interface{ DatabasePath() string }) (release func()) {
	t.Helper()
	db, err := sqlx.Open("sqlite3", "file:"+cfg.DatabasePath()+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	tx, err := db.Beginx()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := tx.Get(&n, `SELECT count(*) FROM raters`); err != nil {
		t.Fatal(err)
	}
	done := false
	release = func() {
		if !done {
			done = true
			tx.Rollback()
			db.Close()
		}
	}
	t.Cleanup(release)
	return release
}

// closeInAnotherProcess closes the round through a store of its own, as
// `rapport sweep` or a CLI command's Migrate does beside the server, and
// closes that store again, as the command exits.
func closeInAnotherProcess(t *testing.T, app *testkit.App, lr *testkit.LaunchedRound) {
	t.Helper()
	other, err := store.Open(app.Cfg.DatabasePath(), testkit.Keys(t))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.CloseRound(context.Background(), lr.Coach.ID, lr.Round.ID); err != nil {
		t.Fatal(err)
	}
}

func walBytes(t *testing.T, app *testkit.App) []byte {
	t.Helper()
	b, err := os.ReadFile(app.Cfg.DatabasePath() + "-wal")
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return b
}

func wipePending(t *testing.T, app *testkit.App) bool {
	t.Helper()
	var pending bool
	if err := testkit.RawDB(t, app.Cfg).Get(&pending, `SELECT detaches > checkpointed FROM wipe_state`); err != nil {
		t.Fatal(err)
	}
	return pending
}

// TestAWipeKeptBusyIsFinishedByTheNextProcess: a round closes in one
// process while a reader holds a snapshot, so its checkpoint cannot finish,
// and that process exits. Whichever process comes next must checkpoint the
// WAL, which still holds the rater-keyed comments.
func TestAWipeKeptBusyIsFinishedByTheNextProcess(t *testing.T) {
	ctx := context.Background()
	for _, next := range []struct {
		name string
		run  func(t *testing.T, app *testkit.App)
	}{
		{"TheServersCheckpointIfPending", func(t *testing.T, app *testkit.App) {
			if err := app.Store.CheckpointIfPending(ctx); err != nil {
				t.Fatal(err)
			}
		}},
		{"Migrate", func(t *testing.T, app *testkit.App) {
			if _, err := testkit.Store(t, app.Cfg).Migrate(ctx); err != nil {
				t.Fatal(err)
			}
		}},
		{"Backup", func(t *testing.T, app *testkit.App) {
			if err := app.Store.Backup(ctx, filepath.Join(t.TempDir(), "backup.db")); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(next.name, func(t *testing.T) {
			app := testkit.NewApp(t)
			lr := app.Launch(t, "Lea Leader", raters(rapport.Peer, 3, "peer")...)
			secret := "Rater-keyed words " + rand.Text()
			submit(t, app, lr.Links["peer0@example.com"], fixed(4), map[string]string{"keep": secret})
			submit(t, app, lr.Links["peer1@example.com"], fixed(4), nil)
			submit(t, app, lr.Links["peer2@example.com"], fixed(4), nil)
			release := holdSnapshot(t, app.Cfg)
			closeInAnotherProcess(t, app, lr)
			if !bytes.Contains(walBytes(t, app), []byte(secret)) {
				t.Fatal("the comment is not in the WAL after the busy close: the test proves nothing")
			}
			if !wipePending(t, app) {
				t.Fatal("the busy close left no wipe pending in the database")
			}
			release()

			next.run(t, app)
			if wal := walBytes(t, app); bytes.Contains(wal, []byte(secret)) {
				t.Errorf("the WAL (%d bytes) still holds the comment keyed by its rater", len(wal))
			}
			if wipePending(t, app) {
				t.Error("the wipe is still pending after a checkpoint that could finish")
			}
		})
	}
}

func TestCheckpointIfPending(t *testing.T) {
	ctx := context.Background()

	t.Run("KeepsTheWipePendingWhileAReaderHoldsAnOlderSnapshot", func(t *testing.T) {
		app := testkit.NewApp(t)
		lr := app.Launch(t, "Lea Leader", raters(rapport.Peer, 3, "peer")...)
		holdSnapshot(t, app.Cfg)
		if _, err := app.Store.CloseRound(ctx, lr.Coach.ID, lr.Round.ID); err != nil {
			t.Fatal(err)
		}
		if err := app.Store.CheckpointIfPending(ctx); err == nil {
			t.Error("a checkpoint succeeded while a reader held an older snapshot")
		}
		if !wipePending(t, app) {
			t.Error("the wipe is no longer pending though no checkpoint finished")
		}
	})

	t.Run("RetriesWhenTheReaderFinishesSoon", func(t *testing.T) {
		app := testkit.NewApp(t)
		lr := app.Launch(t, "Lea Leader", raters(rapport.Peer, 3, "peer")...)
		secret := "Rater-keyed words " + rand.Text()
		submit(t, app, lr.Links["peer0@example.com"], fixed(4), map[string]string{"keep": secret})
		release := holdSnapshot(t, app.Cfg)
		// Longer than one attempt waits (250 ms), shorter than the back-off.
		timer := time.AfterFunc(400*time.Millisecond, release)
		defer timer.Stop()
		if _, err := app.Store.CloseRound(ctx, lr.Coach.ID, lr.Round.ID); err != nil {
			t.Fatal(err)
		}
		if wipePending(t, app) {
			t.Error("the close gave up on its checkpoint instead of trying again shortly")
		}
		// What the checkpoint is for: the rater-keyed comment is gone from
		// the WAL. (The WAL need not be empty: the mail worker may already
		// have marked the close's email sent.)
		if wal := walBytes(t, app); bytes.Contains(wal, []byte(secret)) {
			t.Errorf("the WAL (%d bytes) still holds the comment keyed by its rater after the close's checkpoint", len(wal))
		}
	})

	t.Run("DoesNothingWithNothingPending", func(t *testing.T) {
		app := testkit.NewApp(t)
		release := holdSnapshot(t, app.Cfg)
		defer release()
		if err := app.Store.CheckpointIfPending(ctx); err != nil {
			t.Errorf("with nothing detached: %v", err)
		}
	})
}
