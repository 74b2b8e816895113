package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/testkit"
)

// TestReleaseDrawsTheReportFirst breaks a closed round's report for real (a
// frozen summary that is not JSON, as a bad restore or a hand edit leaves
// it): release must refuse with the reason and send nothing, and
// once released, the leader's link must answer a page, never JSON.
func TestReleaseDrawsTheReportFirst(t *testing.T) {
	f := newReportFixture(t)
	db := testkit.RawDB(t, f.app.Cfg)
	release := fmt.Sprintf("/api/v1/rounds/%d/release", f.roundID)
	f.app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/close", f.roundID), f.token, nil)
	// The report is drawn from the summary frozen at close: that is what
	// breaks here (a bad restore or a hand edit).
	breakReport := func() (restore func()) {
		t.Helper()
		var kept string
		if err := db.Get(&kept, `SELECT summary_json FROM round_summaries WHERE round_id = ?`, f.roundID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`UPDATE round_summaries SET summary_json = '{"round_id": "three"' WHERE round_id = ?`, f.roundID); err != nil {
			t.Fatal(err)
		}
		return func() {
			if _, err := db.Exec(`UPDATE round_summaries SET summary_json = ? WHERE round_id = ?`, kept, f.roundID); err != nil {
				t.Fatal(err)
			}
		}
	}

	t.Run("RefusesWith409AndSendsNothingWhenTheReportCannotBeRead", func(t *testing.T) {
		restore := breakReport()
		defer restore()
		resp := f.app.Do("POST", release, f.token, nil)
		expectError(t, resp, http.StatusConflict, "")
		if want := `{"error":"The report could not be prepared, so it was not released (please try again; if it keeps failing, the server's log says why). Nothing was sent to the leader."}`; string(resp.Body) != want {
			t.Errorf("the refusal reads %s, want %s", resp.Body, want)
		}
		if n := count(t, db, `SELECT count(*) FROM rounds WHERE id = ? AND released_at IS NOT NULL`, f.roundID); n != 0 {
			t.Error("the round was released")
		}
		if n := count(t, db, `SELECT count(*) FROM outbox WHERE kind = 'report_released' AND round_id = ?`, f.roundID); n != 0 {
			t.Errorf("%d report emails queued", n)
		}
	})

	_, token := f.release(t)

	t.Run("TheLeadersLinkAnswersAPageWhenTheReportFails", func(t *testing.T) {
		restore := breakReport()
		defer restore()
		r := f.app.Do("GET", "/r/"+token, "", nil)
		if r.Status < 400 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") || strings.HasPrefix(string(r.Body), "{") {
			t.Errorf("%d %s: %.200s", r.Status, r.Header.Get("Content-Type"), r.Body)
		}
	})
	t.Run("TheLeadersLinkAnswersPagesForEveryMiss", func(t *testing.T) {
		for i := 0; i < 12; i++ { // not found, then rate-limited
			r := f.app.Do("GET", "/r/"+strings.Repeat("A", len(token)), "", nil)
			if !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
				t.Fatalf("miss %d: %d %s", i+1, r.Status, r.Header.Get("Content-Type"))
			}
		}
	})
}

// TestTheErrorPagePromisesNothingAfterAFailedPost: the 500 page says that
// nothing entered before it was lost only after a GET; after a form's POST
// what was sent may well be lost.
func TestTheErrorPagePromisesNothingAfterAFailedPost(t *testing.T) {
	app := testkit.NewApp(t)
	b := newBrowser(t, app)
	b.signIn()
	app.Store.Close() // every request now fails inside
	const promise = "Nothing you entered before this page was lost"
	p := b.post("/leaders", url.Values{"name": {"Ana Lee"}, "email": {"ana@example.com"}})
	if p.Status != http.StatusInternalServerError || strings.Contains(p.Body, promise) || !strings.Contains(p.Body, "Please try again in a moment.") {
		t.Errorf("after a POST: %d %s", p.Status, p.Body)
	}
	if p := b.get("/leaders"); p.Status != http.StatusInternalServerError || !strings.Contains(p.Body, promise) {
		t.Errorf("after a GET: %d %s", p.Status, p.Body)
	}
}
