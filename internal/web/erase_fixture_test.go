package web_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/jobs"
	"github.com/rapporthq/rapport/internal/mail"
	"github.com/rapporthq/rapport/internal/testkit"
)

// erasureFixture is the report fixture with everything a leader leaves
// behind: two closed rounds (one released, so a report link), a draft with
// a nomination link, every email delivered as an .eml file; and, for the
// same coach, another leader with an open round who must come out whole.
type erasureFixture struct {
	*reportFixture
	leaderID    int64
	draftID     int64
	reportToken string
	// links of the erased leader that must answer 404 afterwards.
	surveyToken, unsubscribePath, nominationToken string

	otherLeaderID, otherRoundID int64
	otherSurveyToken            string
}

func newErasureFixture(t *testing.T) *erasureFixture {
	t.Helper()
	f := &erasureFixture{reportFixture: newReportFixture(t)}
	app := f.app
	if resp := app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/close", f.roundID), f.token, nil); resp.Status != http.StatusOK {
		t.Fatalf("close: %d %s", resp.Status, resp.Body)
	}
	_, f.reportToken = f.release(t)
	var round struct {
		LeaderID int64 `json:"leader_id"`
	}
	app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d", f.roundID), f.token, nil).JSON(t, &round)
	f.leaderID = round.LeaderID

	resp := app.Do("POST", "/api/v1/rounds", f.token, map[string]any{"leader_id": f.leaderID, "framework_key": "leadership",
		"title": "Leadership 360 · Autumn 2026", "closes_at": time.Now().Add(30 * 24 * time.Hour).UTC().Format(time.RFC3339)})
	var draft struct{ ID int64 }
	resp.JSON(t, &draft)
	f.draftID = draft.ID
	if resp := app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/nomination", f.draftID), f.token, nil); resp.Status != http.StatusCreated {
		t.Fatalf("nomination: %d %s", resp.Status, resp.Body)
	}
	f.nominationToken = openSealed(t, app, `SELECT token_sealed FROM nominations WHERE round_id = ?`, f.draftID)
	f.surveyToken = openSealed(t, app, `SELECT token_sealed FROM raters WHERE round_id = ? AND relationship = 'superior'`, f.roundID)

	f.otherLeaderID = app.CreateLeaderThroughAPI(t, f.token, map[string]string{"name": "Otto Bleibt", "email": "otto.bleibt@example.com"})
	other := app.LaunchThroughAPI(t, f.token, testkit.APIRound{LeaderID: f.otherLeaderID, Title: "Otto 360",
		ClosesAt: time.Now().Add(14 * 24 * time.Hour), Raters: []testkit.APIRater{{Name: "Una Keep", Email: "una.keep@example.com", Relationship: "peer"}}})
	f.otherRoundID = other.ID
	f.otherSurveyToken = openSealed(t, app, `SELECT token_sealed FROM raters WHERE id = ?`, other.RaterIDs[1])

	deliverToFiles(t, app)
	var invitation int64
	if err := testkit.RawDB(t, app.Cfg).Get(&invitation, `SELECT o.id FROM outbox o JOIN raters r ON r.id = o.rater_id
		WHERE o.round_id = ? AND r.relationship = 'superior' AND o.kind = 'invitation'`, f.roundID); err != nil {
		t.Fatal(err)
	}
	f.unsubscribePath = emlOfOutbox(t, app, invitation).LinkPath(t, "u")
	return f
}

// openSealed opens the sealed token the query selects.
func openSealed(t *testing.T, app *testkit.App, query string, args ...any) string {
	t.Helper()
	var sealed []byte
	if err := testkit.RawDB(t, app.Cfg).Get(&sealed, query, args...); err != nil {
		t.Fatal(err)
	}
	token, err := testkit.Keys(t).Open(sealed)
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// deliverToFiles sends every due email into the file outbox, as
// `rapport serve` does without SMTP.
func deliverToFiles(t *testing.T, app *testkit.App) {
	t.Helper()
	m := &jobs.Mailer{Store: app.Store, Sender: &mail.FileSender{Dir: app.Cfg.OutboxDir(), Log: testkit.Logger()},
		Composer: testkit.Composer(t, app), Log: testkit.Logger(), MessageIDDomain: "rapport.test"}
	if _, err := m.DeliverDue(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// emlFiles reads the file outbox: file name → message.
func emlFiles(t *testing.T, app *testkit.App) map[string]*testkit.Email {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(app.Cfg.OutboxDir(), "*.eml"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*testkit.Email{}
	for _, name := range names {
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		e, err := testkit.ParseEmail(raw)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(name)] = e
	}
	return out
}

// emlOfOutbox is the .eml file of one outbox row.
func emlOfOutbox(t *testing.T, app *testkit.App, id int64) *testkit.Email {
	t.Helper()
	for name, e := range emlFiles(t, app) {
		if strings.HasSuffix(name, fmt.Sprintf("-%d.eml", id)) {
			return e
		}
	}
	t.Fatalf("no .eml file of email %d", id)
	return nil
}

// countEmlTo counts the .eml files to addr.
func countEmlTo(t *testing.T, app *testkit.App, addr string) int {
	t.Helper()
	n := 0
	for _, e := range emlFiles(t, app) {
		if strings.EqualFold(e.To.Address, addr) {
			n++
		}
	}
	return n
}

// databaseCopies are the database file, its WAL if any, and a fresh
// `rapport backup` copy: every place an erased byte could still be read.
// The file and WAL are read first: the backup finishes a pending wipe.
func databaseCopies(t *testing.T, app *testkit.App) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	read := func(path string) {
		b, err := os.ReadFile(path)
		if os.IsNotExist(err) {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(path)] = b
	}
	read(app.Cfg.DatabasePath())
	read(app.Cfg.DatabasePath() + "-wal")
	backup := filepath.Join(t.TempDir(), fmt.Sprintf("backup-%d.db", time.Now().UnixNano()))
	if err := app.Store.Backup(context.Background(), backup); err != nil {
		t.Fatal(err)
	}
	read(backup)
	return out
}

// assertAbsent fails for each text found in any of the copies.
func assertAbsent(t *testing.T, copies map[string][]byte, texts ...string) {
	t.Helper()
	for name, b := range copies {
		for _, s := range texts {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("%s still holds %q", name, s)
			}
		}
	}
}

// assertPresent fails for each text found in none of the copies: the
// search can find what is there.
func assertPresent(t *testing.T, copies map[string][]byte, texts ...string) {
	t.Helper()
	for _, s := range texts {
		found := false
		for _, b := range copies {
			found = found || bytes.Contains(b, []byte(s))
		}
		if !found {
			t.Errorf("%q is in no copy of the database", s)
		}
	}
}
