package store_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

// dbFiles are the bytes of the database file and its WAL together.
func dbFiles(t *testing.T, app *testkit.App) []byte {
	t.Helper()
	var all []byte
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(app.Cfg.DatabasePath() + suffix)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	return all
}

// editAsAnOldBinary runs statements on one connection with secure_delete
// off, as a binary from before forward anonymity wrote: what it deletes or
// overwrites stays readable in free space.
func editAsAnOldBinary(t *testing.T, app *testkit.App, statements ...string) {
	t.Helper()
	ctx := context.Background()
	conn, err := testkit.RawDB(t, app.Cfg).Connx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, q := range append([]string{`PRAGMA secure_delete = 0`}, statements...) {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// undoForwardAnonymityMigrations takes the schema back to before
// migrations 0009 and 0010, as a database last used by an older binary is.
func undoForwardAnonymityMigrations(t *testing.T, app *testkit.App) {
	t.Helper()
	editAsAnOldBinary(t, app,
		`DROP TABLE anonymous_comments`, `DROP TABLE anonymous_answers`, `DROP TABLE anonymous_responses`,
		`ALTER TABLE rounds DROP COLUMN answers_detached`, `DROP TABLE IF EXISTS wipe_state`,
		`DELETE FROM schema_migrations WHERE version IN (9, 10)`)
}

// TestUpgradeLeavesNoOldDraftInFreeSpace is the reviewer's repro: a
// comment an older binary (without secure_delete) autosaved and then
// replaced stays in free space, where detaching the live rows does not
// reach. The upgrade must wipe it, for rounds closed before the upgrade and
// for rounds still open then and closed later.
func TestUpgradeLeavesNoOldDraftInFreeSpace(t *testing.T) {
	ctx := context.Background()
	for _, closedBefore := range []bool{true, false} {
		name := "OfARoundClosedBeforeTheUpgrade"
		if !closedBefore {
			name = "OfARoundOpenAtTheUpgradeAndClosedLater"
		}
		t.Run(name, func(t *testing.T) {
			app := testkit.NewApp(t)
			lr := app.Launch(t, "Lea Leader", raters(rapport.Peer, 4, "peer")...)
			for i := range 4 {
				submit(t, app, lr.Links[fmt.Sprintf("peer%d@example.com", i)], fixed(3), map[string]string{"keep": fmt.Sprintf("Kept words %d", i)})
			}
			oldDraft := "OLDDRAFT " + rand.Text()
			peer0 := lr.RaterIDs["peer0@example.com"]
			undoForwardAnonymityMigrations(t, app)
			statements := []string{
				fmt.Sprintf(`UPDATE comments SET text = '%s' WHERE response_id = (SELECT response_id FROM raters WHERE id = %d)`, oldDraft, peer0),
				fmt.Sprintf(`UPDATE comments SET text = 'Kept words 0' WHERE response_id = (SELECT response_id FROM raters WHERE id = %d)`, peer0),
			}
			if closedBefore {
				statements = append(statements, fmt.Sprintf(`UPDATE rounds SET status = 'closed', closed_at = unixepoch() WHERE id = %d`, lr.Round.ID))
			}
			editAsAnOldBinary(t, app, statements...)
			if !bytes.Contains(dbFiles(t, app), []byte(oldDraft)) {
				t.Fatal("the old draft is not in the files before the upgrade: the test proves nothing")
			}

			if _, err := app.Store.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			if !closedBefore {
				if _, err := app.Store.CloseRound(ctx, lr.Coach.ID, lr.Round.ID); err != nil {
					t.Fatal(err)
				}
			}
			if bytes.Contains(dbFiles(t, app), []byte(oldDraft)) {
				t.Errorf("%q, autosaved by the old binary, is still in the database or WAL bytes", oldDraft)
			}
			if n := rowsOfAnonymousRaters(t, app, lr.Round.ID); n != 0 {
				t.Errorf("%d answers or comments still keyed by an anonymous rater", n)
			}
			resp, err := app.Store.SubmittedResponses(ctx, lr.Round.ID)
			if err != nil || len(resp.Responses) != 4 || len(resp.Comments) != 4 {
				t.Fatalf("responses after the upgrade: %+v, %v", resp, err)
			}
		})
	}

	t.Run("RunsOnce", func(t *testing.T) {
		app := testkit.NewApp(t)
		lr := app.Launch(t, "Lea Leader", raters(rapport.Peer, 1, "peer")...)
		// Left in free space by a write that is not this binary's: a
		// later start finds no migration to apply and does not vacuum again.
		leftover := "LEFTOVER " + rand.Text()
		editAsAnOldBinary(t, app,
			fmt.Sprintf(`UPDATE raters SET name = '%s' WHERE id = %d`, leftover, lr.RaterIDs["peer0@example.com"]),
			fmt.Sprintf(`UPDATE raters SET name = 'Peer' WHERE id = %d`, lr.RaterIDs["peer0@example.com"]))
		if _, err := app.Store.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(dbFiles(t, app), []byte(leftover)) {
			t.Error("Migrate vacuumed a database it had already vacuumed")
		}
	})
}
