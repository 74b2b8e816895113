package store_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/jobs"
	"github.com/rapporthq/rapport/internal/store"
	"github.com/rapporthq/rapport/internal/testkit"
)

// TestAFailedUpgradeVacuumBlocksNothingAndIsRetried: when the once-only
// VACUUM fails for real (here another process holds the write lock past
// the busy timeout; low disk fails it the same way), Migrate still
// succeeds, so every command (backup first) starts; the wipe stays
// pending with a warning, and the next scheduler pass finishes it.
func TestAFailedUpgradeVacuumBlocksNothingAndIsRetried(t *testing.T) {
	ctx := context.Background()
	app := testkit.NewApp(t)
	raw := testkit.RawDB(t, app.Cfg)
	raw.MustExec(`UPDATE wipe_state SET vacuum_pending = 1`)
	pending := func() (n int) {
		t.Helper()
		if err := raw.Get(&n, `SELECT vacuum_pending FROM wipe_state`); err != nil {
			t.Fatal(err)
		}
		return n
	}
	lock, err := raw.Connx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lock.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}

	st, err := store.Open(app.Cfg.DatabasePath(), testkit.Keys(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var logs bytes.Buffer
	st.Log = slog.New(slog.NewTextHandler(&logs, nil))
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatalf("a failed VACUUM failed the start: %v", err)
	}
	if pending() != 1 {
		t.Fatal("the failed wipe is no longer pending")
	}
	if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "vacuum") {
		t.Errorf("no warning logged: %s", logs.String())
	}

	if _, err := lock.ExecContext(ctx, `ROLLBACK`); err != nil {
		t.Fatal(err)
	}
	lock.Close()
	runner := &jobs.Runner{Store: st, Log: st.Log}
	if err := runner.Sweep(ctx); err != nil {
		t.Fatal(err)
	}
	if pending() != 0 {
		t.Error("the scheduler pass did not finish the wipe")
	}
}
