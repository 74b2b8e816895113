package jobs_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/jobs"
	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
	"github.com/rapporthq/rapport/internal/testkit"
)

// start is the test clock's start: a Monday morning.
var start = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// fixture is a running instance with a settable clock, a real SMTP server
// and the mail worker and scheduler wired to them.
type fixture struct {
	app    *testkit.App
	clock  *testkit.Clock
	smtp   *testkit.MailServer
	mailer *jobs.Mailer
	runner *jobs.Runner
	db     *sqlx.DB
	coach  *rapport.Coach
	token  string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	app := testkit.NewApp(t)
	clock := testkit.NewClock(start)
	app.Store.Now = clock.Now
	ms := testkit.NewMailServer(t)
	coach, token := app.SignIn(t)
	return &fixture{app: app, clock: clock, smtp: ms, mailer: testkit.Mailer(t, app, app.Store, ms),
		runner: &jobs.Runner{Store: app.Store, Log: testkit.Logger()}, db: testkit.RawDB(t, app.Cfg), coach: coach, token: token}
}

type person struct {
	Name, Email  string
	Relationship string
}

// The people of the standard round: names in Greek and Cyrillic on purpose.
var (
	leader  = person{"Ζωή Παπαδοπούλου", "zoe@example.com", "self"}
	fyodor  = person{"Фёдор Достоевский", "fyodor@example.com", "peer"}
	manager = person{"Mia Manager", "mia@example.com", "superior"}
	report  = person{"Ben Report", "ben@example.com", "direct_report"}
)

type roundOptions struct {
	interval string
	max      int
	closesIn time.Duration
	zone     string // the round's time zone; empty leaves the default, UTC
}

// launch creates a round for leader with the given raters through the
// coach API, launches it and returns its id.
func (f *fixture) launch(t *testing.T, o roundOptions, raters ...person) int64 {
	t.Helper()
	if o.interval == "" {
		o.interval = "72h"
	}
	if o.closesIn == 0 {
		o.closesIn = 14 * 24 * time.Hour
	}
	leaderID := f.app.CreateLeaderThroughAPI(t, f.token, map[string]string{"name": leader.Name, "email": leader.Email})
	r := testkit.APIRound{LeaderID: leaderID, Title: "Spring 360 «Ζωή»", ClosesAt: f.clock.Now().Add(o.closesIn),
		ReminderInterval: o.interval, MaxReminders: &o.max, TimeZone: o.zone}
	for _, p := range raters {
		r.Raters = append(r.Raters, testkit.APIRater{Name: p.Name, Email: p.Email, Relationship: p.Relationship})
	}
	return f.app.LaunchThroughAPI(t, f.token, r).ID
}

// addRater adds p to a round through the coach API (after its launch, p
// is invited at once).
func (f *fixture) addRater(t *testing.T, roundID int64, p person) {
	t.Helper()
	resp := f.app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/raters", roundID), f.token,
		map[string]string{"name": p.Name, "email": p.Email, "relationship": p.Relationship})
	mustStatus(t, resp, http.StatusCreated)
}

func mustStatus(t *testing.T, resp *testkit.Response, want int) {
	t.Helper()
	if resp.Status != want {
		t.Fatalf("status %d, want %d: %s", resp.Status, want, resp.Body)
	}
}

// deliver runs the mail worker until nothing is due.
func (f *fixture) deliver(t *testing.T) int {
	t.Helper()
	n, err := f.mailer.DeliverDue(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// sweep runs one scheduler pass.
func (f *fixture) sweep(t *testing.T) {
	t.Helper()
	if err := f.runner.Sweep(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// outbox lists a round's outbox rows.
func (f *fixture) outbox(t *testing.T, roundID int64) []store.OutboxEntry {
	t.Helper()
	list, err := f.app.Store.Outbox(context.Background(), roundID)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// kinds counts a round's outbox rows by kind, for rows to addr ("" for all).
func (f *fixture) kinds(t *testing.T, roundID int64, addr string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, o := range f.outbox(t, roundID) {
		if addr == "" || strings.EqualFold(o.ToEmail, addr) {
			out[o.Kind]++
		}
	}
	return out
}

// surveyToken is the token of p's survey link, from the first email p
// received (the invitation).
func (f *fixture) surveyToken(t *testing.T, p person) string {
	t.Helper()
	got := f.smtp.To(p.Email)
	if len(got) == 0 {
		t.Fatalf("%s received no invitation", p.Email)
	}
	link := surveyLink.FindString(got[0].Text)
	if link == "" {
		t.Fatalf("no survey link in the invitation to %s", p.Email)
	}
	return strings.TrimPrefix(f.pathOf(t, link), "/s/")
}

// itemIDs lists the statements of the survey behind token.
func (f *fixture) itemIDs(t *testing.T, token string) []int64 {
	t.Helper()
	resp := f.app.Do("GET", "/api/v1/survey/"+token, "", nil)
	mustStatus(t, resp, http.StatusOK)
	var s struct {
		Competencies []struct{ Items []struct{ ID int64 } }
	}
	resp.JSON(t, &s)
	var ids []int64
	for _, c := range s.Competencies {
		for _, it := range c.Items {
			ids = append(ids, it.ID)
		}
	}
	return ids
}

// answerFromInvitation submits p's whole survey through the rater API,
// through the link in p's invitation, every statement scored score.
func (f *fixture) answerFromInvitation(t *testing.T, p person, score int) {
	t.Helper()
	token := f.surveyToken(t, p)
	answers := map[string]int{}
	for _, id := range f.itemIDs(t, token) {
		answers[fmt.Sprint(id)] = score
	}
	mustStatus(t, f.app.Do("POST", "/api/v1/survey/"+token+"/submit", "", map[string]any{"answers": answers}), http.StatusOK)
}

// startFromInvitation saves one answer of p's survey, leaving it in progress.
func (f *fixture) startFromInvitation(t *testing.T, p person) {
	t.Helper()
	token := f.surveyToken(t, p)
	first := f.itemIDs(t, token)[0]
	mustStatus(t, f.app.Do("PUT", "/api/v1/survey/"+token, "", map[string]any{"answers": map[string]int{fmt.Sprint(first): 3}}), http.StatusOK)
}

// declineFromInvitation declines p's survey through the link in p's invitation.
func (f *fixture) declineFromInvitation(t *testing.T, p person) {
	t.Helper()
	mustStatus(t, f.app.Do("POST", "/api/v1/survey/"+f.surveyToken(t, p)+"/decline", "", nil), http.StatusOK)
}

// tokenHolder returns the email of the rater whose link holds token, or "".
func (f *fixture) tokenHolder(t *testing.T, token string) string {
	t.Helper()
	var email string
	_ = f.db.Get(&email, `SELECT email FROM raters WHERE token_hash = ?`, testkit.Keys(t).Hash(token))
	return email
}

// pathOf turns an absolute link under the base URL into a request path.
func (f *fixture) pathOf(t *testing.T, link string) string {
	t.Helper()
	p, ok := strings.CutPrefix(link, f.app.Cfg.BaseURL)
	if !ok {
		t.Fatalf("link %q is not under %s", link, f.app.Cfg.BaseURL)
	}
	return p
}

// postForm sends a form POST with no credentials, as a mail client's
// one-click unsubscribe does.
func (f *fixture) postForm(t *testing.T, path, body string) *http.Response {
	t.Helper()
	resp, err := http.Post(f.app.URL+path, "application/x-www-form-urlencoded", bytes.NewBufferString(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}
