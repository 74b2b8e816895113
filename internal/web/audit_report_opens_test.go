package web_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

// releasedReportLink launches, closes and releases a small round and
// returns its app, the coach's token, the round id and the leader's link.
func releasedReportLink(t *testing.T, clock *testkit.Clock) (*testkit.App, string, int64, string) {
	t.Helper()
	app := testkit.NewApp(t)
	app.Store.Now = clock.Now
	lr := app.Launch(t, "Lia Linked", rapport.RaterInput{Name: "Pia Peer", Email: "pia@example.com", Relationship: rapport.Peer})
	for _, step := range []string{"close", "release"} {
		if resp := app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/%s", lr.Round.ID, step), lr.CoachToken, nil); resp.Status != http.StatusOK {
			t.Fatalf("%s: %d %s", step, resp.Status, resp.Body)
		}
	}
	var sealed []byte
	if err := rawDB(t, app).Get(&sealed, `SELECT report_token_sealed FROM rounds WHERE id = ?`, lr.Round.ID); err != nil {
		t.Fatal(err)
	}
	token, err := testkit.Keys(t).Open(sealed)
	if err != nil {
		t.Fatal(err)
	}
	return app, lr.CoachToken, lr.Round.ID, token
}

// TestReportLinkOpensDoNotFloodTheTrail: the leader's link needs no
// sign-in, so a loop on it must not fill the append-only trail. An open is
// recorded once per round and form (page, PDF) an hour, and a HEAD probe
// (a mail scanner, a link checker) records nothing.
func TestReportLinkOpensDoNotFloodTheTrail(t *testing.T) {
	clock := testkit.NewClock(time.Now())
	app, coachToken, roundID, link := releasedReportLink(t, clock)
	opens := func() int {
		t.Helper()
		// The lines are written in the background: let them land.
		time.Sleep(200 * time.Millisecond)
		app.Web.WaitAudits()
		return count(t, rawDB(t, app), `SELECT count(*) FROM audit_log WHERE action = 'report.opened' AND subject_id = ?`, roundID)
	}
	get := func(method, path string, times int) {
		t.Helper()
		for range times {
			if resp := app.Do(method, path, "", nil); resp.Status != http.StatusOK {
				t.Fatalf("%s %s: %d", method, path, resp.Status)
			}
		}
	}

	get(http.MethodHead, "/r/"+link, 3)
	get(http.MethodHead, "/r/"+link+"/report.pdf", 2)
	if n := opens(); n != 0 {
		t.Fatalf("HEAD probes recorded %d opens, want none", n)
	}
	get(http.MethodGet, "/r/"+link, 20)
	get(http.MethodGet, "/r/"+link+"/report.pdf", 3)
	if n := opens(); n != 2 {
		t.Fatalf("20 page and 3 PDF opens within the hour recorded %d lines, want 2 (one per form)", n)
	}
	clock.Advance(reportOpenInterval + time.Minute)
	get(http.MethodGet, "/r/"+link, 2)
	if n := opens(); n != 3 {
		t.Fatalf("opens an hour later: %d lines in all, want 3", n)
	}

	// The coach's own actions: a HEAD on a download records nothing either.
	pdf := fmt.Sprintf("/api/v1/rounds/%d/report.pdf", roundID)
	if resp := app.Do(http.MethodHead, pdf, coachToken, nil); resp.Status != http.StatusOK {
		t.Fatalf("HEAD %s: %d", pdf, resp.Status)
	}
	if n := count(t, rawDB(t, app), `SELECT count(*) FROM audit_log WHERE action = 'report.downloaded'`); n != 0 {
		t.Fatalf("a HEAD on the coach's PDF recorded %d downloads, want none", n)
	}
}

const reportOpenInterval = time.Hour // web.reportOpenInterval
