package cli_test

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/debrief"
	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

// TestSweepPurgesRoundsPastRetention: `rapport sweep` purges a round
// closed longer ago than the coach's retention period, and nothing purged
// stays readable in the database's files or in a backup made afterwards.
// The comment purged is a superior's unsubmitted draft: the submitted
// comments are in the report, and so in its frozen summary, by design.
func TestSweepPurgesRoundsPastRetention(t *testing.T) {
	dir := t.TempDir()
	app := testkit.NewAppWith(t, map[string]string{"RAPPORT_DATA_DIR": dir})
	ctx := context.Background()
	lr := app.Launch(t, "Ana Lima",
		rapport.RaterInput{Name: "Sam Superior", Email: "sam.superior@example.com", Relationship: rapport.Superior},
		rapport.RaterInput{Name: "Sue Drafter", Email: "sue.drafter@example.com", Relationship: rapport.Superior},
		rapport.RaterInput{Name: "Pia Peer", Email: "pia.peer@example.com", Relationship: rapport.Peer},
		rapport.RaterInput{Name: "Per Peer", Email: "per.peer@example.com", Relationship: rapport.Peer},
		rapport.RaterInput{Name: "Paz Peer", Email: "paz.peer@example.com", Relationship: rapport.Peer})
	fw, err := app.Store.FrameworkByID(ctx, lr.Round.FrameworkID)
	if err != nil {
		t.Fatal(err)
	}
	four := 4
	scores := map[int64]*int{}
	for _, c := range fw.Competencies {
		for _, it := range c.Items {
			scores[it.ID] = &four
		}
	}
	question := fw.OpenQuestions[0].ID
	for _, email := range []string{"sam.superior@example.com", "pia.peer@example.com", "per.peer@example.com", "paz.peer@example.com"} {
		app.SubmitResponse(t, lr.RaterIDs[email], scores, map[int64]string{question: "Shown in the report."})
	}
	const draft = "A draft the superior never sent: Qx7-unsent"
	raw := testkit.RawDB(t, app.Cfg)
	raw.MustExec(testkit.ClaimResponse, lr.RaterIDs["sue.drafter@example.com"])
	raw.MustExec(`INSERT INTO comments (response_id, question_id, text) VALUES ((SELECT response_id FROM raters WHERE id = ?), ?, ?)`,
		lr.RaterIDs["sue.drafter@example.com"], question, draft)
	raw.MustExec(`UPDATE raters SET status = 'in_progress' WHERE id = ?`, lr.RaterIDs["sue.drafter@example.com"])
	// Those writes went behind the store's back, on a connection without
	// secure_delete, leaving old copies of rows in free space that the
	// server's own writes never would: clear them, so that only the purge
	// is tested.
	raw.MustExec(`VACUUM`)

	debriefs := debrief.New(app.Store, testkit.Keys(t), testkit.Logger())
	closed, err := debriefs.Close(ctx, lr.Coach.ID, lr.Round.ID)
	if err != nil {
		t.Fatal(err)
	}
	before, err := debriefs.SummaryJSON(ctx, closed)
	if err != nil {
		t.Fatal(err)
	}
	// Closed 731 days ago: past the default retention of 730.
	raw.MustExec(`UPDATE rounds SET closed_at = closed_at - 731 * 86400 WHERE id = ?`, lr.Round.ID)
	dbPath := app.Cfg.DatabasePath()
	if !fileHolds(t, dbPath, "sue.drafter@example.com") {
		t.Fatal("the address is not in the database before the purge: the test would prove nothing")
	}

	env := map[string]string{"RAPPORT_DATA_DIR": dir, "RAPPORT_SECRET": testkit.Secret, "RAPPORT_BASE_URL": "http://rapport.test"}
	if code, out, errOut := runWith(t, env, "", "sweep"); code != 0 || !strings.Contains(out, "sweep done") {
		t.Fatalf("sweep: exit %d, %s %s", code, out, errOut)
	}
	round, err := app.Store.Round(ctx, lr.Coach.ID, lr.Round.ID)
	if err != nil || !round.Purged() {
		t.Fatalf("round after the sweep: %+v (%v), want purged", round, err)
	}
	after, err := debriefs.SummaryJSON(ctx, round)
	if err != nil || !bytes.Equal(after, before) {
		t.Fatalf("the frozen summary changed (%v):\nbefore %s\nafter  %s", err, before, after)
	}

	backup := filepath.Join(t.TempDir(), "copy.db")
	if code, out, errOut := runWith(t, env, "", "backup", backup); code != 0 {
		t.Fatalf("backup: exit %d, %s %s", code, out, errOut)
	}
	gone := []string{draft, "sam.superior@example.com", "sue.drafter@example.com", "pia.peer@example.com", "Sue Drafter", "Pia Peer"}
	for _, path := range []string{dbPath, dbPath + "-wal", backup} {
		for _, s := range gone {
			if fileHolds(t, path, s) {
				t.Errorf("%s still holds %q", filepath.Base(path), s)
			}
		}
	}
	if !fileHolds(t, backup, "Shown in the report.") {
		t.Error("the backup lost the frozen report's comment")
	}
}

// fileHolds reports whether the file holds s; a missing file holds nothing.
func fileHolds(t *testing.T, path, s string) bool {
	t.Helper()
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return false
	}
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Contains(b, []byte(s))
}

// TestSweepPurgeLeavesNoRaterContactOrLink: after `rapport sweep` purges a
// round, nothing left behind names its raters or lets anyone into their
// surveys: not the file outbox's .eml copies of the round's emails, not
// the outbox rows (including those of a rater removed before the close,
// which have no rater any more), and not the old survey and unsubscribe
// links, which answer 404 like any unknown link.
func TestSweepPurgeLeavesNoRaterContactOrLink(t *testing.T) {
	dir := t.TempDir()
	app := testkit.NewAppWith(t, map[string]string{"RAPPORT_DATA_DIR": dir})
	ctx := context.Background()
	raters := []rapport.RaterInput{
		{Name: "Pia Peer", Email: "pia.peer@example.com", Relationship: rapport.Peer},
		{Name: "Per Peer", Email: "per.peer@example.com", Relationship: rapport.Peer},
		{Name: "Rita Removed", Email: "rita.removed@example.com", Relationship: rapport.Peer},
	}
	lr := app.Launch(t, "Ana Lima", raters...)
	env := map[string]string{"RAPPORT_DATA_DIR": dir, "RAPPORT_SECRET": testkit.Secret, "RAPPORT_BASE_URL": "http://rapport.test"}
	sweep := func() {
		t.Helper()
		if code, out, errOut := runWith(t, env, "", "sweep"); code != 0 || !strings.Contains(out, "sweep done") {
			t.Fatalf("sweep: exit %d, %s %s", code, out, errOut)
		}
	}
	sweep() // the invitations go to the file outbox
	// Removed before the close: her sent invitation stays, with no rater.
	if _, err := app.Store.RemoveRater(ctx, lr.Coach.ID, lr.Round.ID, lr.RaterIDs["rita.removed@example.com"]); err != nil {
		t.Fatal(err)
	}
	if _, err := debrief.New(app.Store, testkit.Keys(t), testkit.Logger()).Close(ctx, lr.Coach.ID, lr.Round.ID); err != nil {
		t.Fatal(err)
	}
	sweep() // the coach's notice of the close
	outbox := app.Cfg.OutboxDir()
	emlFiles := func() []string {
		t.Helper()
		files, err := filepath.Glob(filepath.Join(outbox, "*.eml"))
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	if len(emlFiles()) < len(raters) || !dirHolds(t, outbox, "rita.removed@example.com") {
		t.Fatalf("the file outbox holds %d files before the purge, without the removed rater's invitation: the test would prove nothing", len(emlFiles()))
	}
	keys := testkit.Keys(t)
	token := lr.Links["pia.peer@example.com"]
	oldLinks := []string{"/s/" + token, "/api/v1/survey/" + token, "/u/" + keys.OptOutToken(token)}
	for _, path := range oldLinks {
		if resp := app.Do(http.MethodGet, path, "", nil); resp.Status != http.StatusOK {
			t.Fatalf("GET %s before the purge: %d, want 200: the test would prove nothing", path, resp.Status)
		}
	}

	testkit.RawDB(t, app.Cfg).MustExec(`UPDATE rounds SET closed_at = closed_at - 731 * 86400 WHERE id = ?`, lr.Round.ID)
	sweep()

	if round, err := app.Store.Round(ctx, lr.Coach.ID, lr.Round.ID); err != nil || !round.Purged() {
		t.Fatalf("round after the sweep: %+v (%v), want purged", round, err)
	}
	if files := emlFiles(); len(files) != 0 {
		t.Errorf("the file outbox still holds the round's emails: %v", files)
	}
	var addresses []string
	if err := testkit.RawDB(t, app.Cfg).Select(&addresses, `SELECT to_email || ' ' || to_name FROM outbox WHERE round_id = ?`, lr.Round.ID); err != nil {
		t.Fatal(err)
	}
	for _, a := range addresses {
		for _, r := range raters {
			if strings.Contains(strings.ToLower(a), r.Email) || strings.Contains(a, r.Name) {
				t.Errorf("an outbox row still names a rater: %q", a)
			}
		}
	}
	for _, path := range oldLinks {
		if resp := app.Do(http.MethodGet, path, "", nil); resp.Status != http.StatusNotFound {
			t.Errorf("GET %s after the purge: %d, want 404", path, resp.Status)
		}
	}
}

// dirHolds reports whether any file in dir holds s.
func dirHolds(t *testing.T, dir, s string) bool {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if fileHolds(t, filepath.Join(dir, e.Name()), s) {
			return true
		}
	}
	return false
}
