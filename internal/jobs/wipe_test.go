package jobs_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"os"
	"testing"

	"github.com/rapporthq/rapport/internal/jobs"
	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
	"github.com/rapporthq/rapport/internal/testkit"
)

// TestSweepFinishesAWipeAnotherProcessLeftPending: `rapport sweep` (a
// store of its own) closes a round while a reader holds a snapshot, so its
// WAL checkpoint cannot finish, and exits. The server's next scheduler pass
// must checkpoint the WAL, which still holds the rater's draft comment.
func TestSweepFinishesAWipeAnotherProcessLeftPending(t *testing.T) {
	ctx := context.Background()
	app := testkit.NewApp(t)
	lr := app.Launch(t, "Lea Leader", rapport.RaterInput{Name: "Pia Peer", Email: "pia@example.com", Relationship: rapport.Peer})
	link, err := app.Store.ResolveLink(ctx, testkit.Keys(t).Hash(lr.Links["pia@example.com"]))
	if err != nil {
		t.Fatal(err)
	}
	draft := "Draft keyed by its rater " + rand.Text()
	if _, err := app.Store.SaveDraft(ctx, link, &rapport.Draft{Comments: map[string]string{"keep": draft}}); err != nil {
		t.Fatal(err)
	}

	reader := testkit.RawDB(t, app.Cfg)
	snapshot, err := reader.Beginx()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := snapshot.Get(&n, `SELECT count(*) FROM raters`); err != nil {
		t.Fatal(err)
	}
	sweep, err := store.Open(app.Cfg.DatabasePath(), testkit.Keys(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sweep.CloseRound(ctx, lr.Coach.ID, lr.Round.ID); err != nil {
		t.Fatal(err)
	}
	sweep.Close()
	wal := func() []byte {
		b, err := os.ReadFile(app.Cfg.DatabasePath() + "-wal")
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		return b
	}
	if !bytes.Contains(wal(), []byte(draft)) {
		t.Fatal("the draft is not in the WAL after the busy close: the test proves nothing")
	}
	snapshot.Rollback()

	runner := &jobs.Runner{Store: app.Store, Log: testkit.Logger()}
	if err := runner.Sweep(ctx); err != nil {
		t.Fatal(err)
	}
	if b := wal(); bytes.Contains(b, []byte(draft)) || len(b) != 0 {
		t.Errorf("after the scheduler pass the WAL holds %d bytes (the draft: %v); want it checkpointed and empty",
			len(b), bytes.Contains(b, []byte(draft)))
	}
}
