package web_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rapporthq/rapport/internal/testkit"
)

// auditLine is a line of GET /api/v1/audit.
type auditLine struct {
	ID      int64     `json:"id"`
	At      time.Time `json:"at"`
	Actor   string    `json:"actor"`
	Action  string    `json:"action"`
	Subject string    `json:"subject"`
	Detail  string    `json:"detail"`
}

func (l auditLine) String() string {
	return l.Actor + " | " + l.Action + " | " + l.Subject + " | " + l.Detail
}

func auditTrail(t *testing.T, app *testkit.App, token, query string) []auditLine {
	t.Helper()
	resp := app.Do("GET", "/api/v1/audit"+query, token, nil)
	if resp.Status != http.StatusOK {
		t.Fatalf("audit%s: %d %s", query, resp.Status, resp.Body)
	}
	var lines []auditLine
	resp.JSON(t, &lines)
	return lines
}

// waitForAudit waits until the coach's trail has n lines: report opens and
// failed sign-ins are written after the answer.
func waitForAudit(t *testing.T, app *testkit.App, token string, n int) []auditLine {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		lines := auditTrail(t, app, token, "?limit=500")
		if len(lines) >= n || time.Now().After(deadline) {
			return lines
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// auditJourney is one coach's sequence of actions through the API and the
// pages, and every secret it handled, to look for in the trail afterwards.
type auditJourney struct {
	app      *testkit.App
	token    string // the coach's API token
	password string
	secrets  map[string]string // what must never be in the trail, by what it is
	want     []string          // the lines expected, oldest first
}

func TestAuditTrail(t *testing.T) {
	app := testkit.NewApp(t)
	j := runAuditJourney(t, app)
	lines := waitForAudit(t, app, j.token, len(j.want))
	if n := count(t, rawDB(t, app), `SELECT count(*) FROM audit_log`); n != len(j.want) {
		t.Errorf("%d lines in the table, want %d", n, len(j.want))
	}

	t.Run("RecordsEachActionOnceWithItsActorAndSubject", func(t *testing.T) {
		var got []string
		for i := len(lines) - 1; i >= 0; i-- {
			got = append(got, lines[i].String())
		}
		if strings.Join(got, "\n") != strings.Join(j.want, "\n") {
			t.Errorf("trail, oldest first:\n%s\n\nwant:\n%s", strings.Join(got, "\n"), strings.Join(j.want, "\n"))
		}
	})

	t.Run("ShowsNewestFirst", func(t *testing.T) {
		for i := 1; i < len(lines); i++ {
			if lines[i].ID >= lines[i-1].ID || lines[i].At.After(lines[i-1].At) {
				t.Fatalf("line %d (%d, %s) after line %d (%d, %s)", i, lines[i].ID, lines[i].At, i-1, lines[i-1].ID, lines[i-1].At)
			}
		}
	})

	t.Run("PagesWithBeforeWithoutRepeatOrGap", func(t *testing.T) {
		var paged []int64
		query := "?limit=3"
		for pages := 0; ; pages++ {
			page := auditTrail(t, app, j.token, query)
			if len(page) > 3 || pages > len(lines) {
				t.Fatalf("page of %d lines, or too many pages", len(page))
			}
			if len(page) == 0 {
				break
			}
			for _, l := range page {
				paged = append(paged, l.ID)
			}
			query = fmt.Sprintf("?limit=3&before=%d", page[len(page)-1].ID)
		}
		var all []int64
		sameSecond := false
		for i, l := range lines {
			all = append(all, l.ID)
			sameSecond = sameSecond || i > 0 && l.At.Equal(lines[i-1].At)
		}
		if fmt.Sprint(paged) != fmt.Sprint(all) {
			t.Errorf("pages gave %v, want %v", paged, all)
		}
		if !sameSecond {
			t.Error("no two lines share a second: the test does not show paging across equal times")
		}
	})

	t.Run("ShowsACoachOnlyTheirOwnLines", func(t *testing.T) {
		other, otherToken := app.SignIn(t)
		got := auditTrail(t, app, otherToken, "")
		if len(got) != 1 || got[0].Action != "token.created" {
			t.Fatalf("another coach's trail: %v", got)
		}
		// Their cursor cannot reach the first coach's lines either.
		if got := auditTrail(t, app, otherToken, fmt.Sprintf("?before=%d", got[0].ID)); len(got) != 0 {
			t.Errorf("before another coach's line: %v", got)
		}
		b := newBrowser(t, app)
		b.signIn()
		p := b.get("/audit")
		expectStatus(t, p, http.StatusOK, "Audit trail")
		for _, l := range lines {
			if strings.Contains(p.Body, l.Subject) && l.Subject != "account" {
				t.Errorf("coach %d's page shows %q", other.ID, l.Subject)
			}
		}
	})

	t.Run("HoldsNoSecret", func(t *testing.T) {
		var rows []string
		if err := rawDB(t, app).Select(&rows, `SELECT printf('%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s', id, coach_id, at, actor,
			action, subject_kind, subject_id, leader_id, rater_id, subject_name, detail) FROM audit_log`); err != nil {
			t.Fatal(err)
		}
		table := strings.Join(rows, "\n")
		for what, secret := range j.secrets {
			if strings.Contains(table, secret) {
				t.Errorf("the audit table holds the %s %q", what, secret)
			}
		}
		// The password and the API token are nowhere in the database file.
		for _, name := range []string{app.Cfg.DatabasePath(), app.Cfg.DatabasePath() + "-wal"} {
			b, err := os.ReadFile(name)
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			for _, secret := range []string{j.password, j.token} {
				if bytes.Contains(b, []byte(secret)) {
					t.Errorf("%s holds a secret", name)
				}
			}
		}
	})

	t.Run("PageShowsTheTrailWithAnOlderLink", func(t *testing.T) {
		b := newBrowser(t, app)
		if p := b.post("/login", url.Values{"email": {j.secrets["coach email"]}, "password": {j.password}}); p.Status != http.StatusSeeOther {
			t.Fatalf("sign in: %d", p.Status)
		}
		newest := auditTrail(t, app, j.token, "?limit=2")
		p := b.get("/audit?limit=2")
		expectStatus(t, p, http.StatusOK, newest[0].Action, newest[1].Subject)
		older := fmt.Sprintf(`href="/audit?before=%d&amp;limit=2"`, newest[1].ID)
		if !strings.Contains(p.Body, older) {
			t.Errorf("no older link %s: %.3000s", older, p.Body)
		}
		// The page before the second oldest line holds the oldest alone.
		p = b.get(fmt.Sprintf("/audit?before=%d", lines[len(lines)-2].ID))
		expectStatus(t, p, http.StatusOK, "signin.failed", "wrong password, sign-in page", `href="/audit"`)
		if strings.Contains(p.Body, "wrong password, API") || strings.Contains(p.Body, `rel="next"`) {
			t.Error("the oldest page shows newer lines or links to older ones")
		}
		expectStatus(t, b.get("/audit?limit=0"), http.StatusUnprocessableEntity, "limit must be")
	})
}

// runAuditJourney signs a coach in every way (and fails to), then creates,
// changes, launches, reminds, closes, downloads, releases and opens a
// round's report, through the API and the pages. Each step that must be
// recorded adds its expected line.
func runAuditJourney(t *testing.T, app *testkit.App) *auditJourney {
	t.Helper()
	coach, password := testkit.Coach(t, app.Store)
	j := &auditJourney{app: app, password: password, secrets: map[string]string{"password": password, "coach email": coach.Email}}
	expect := func(line string) { j.want = append(j.want, line) }
	ok := func(resp *testkit.Response, status int) *testkit.Response {
		t.Helper()
		if resp.Status != status {
			t.Fatalf("%d, want %d: %s", resp.Status, status, resp.Body)
		}
		return resp
	}

	// Sign-ins: a wrong password on each door (the coach's trail), an
	// unknown address (no one's), then the right one on each.
	b := newBrowser(t, app)
	if p := b.post("/login", url.Values{"email": {coach.Email}, "password": {"not the passphrase"}}); p.Status != http.StatusUnprocessableEntity {
		t.Fatalf("wrong password: %d", p.Status)
	}
	ok(app.Do("POST", "/api/v1/tokens", "", map[string]string{"email": coach.Email, "password": "not it either"}), http.StatusUnauthorized)
	ok(app.Do("POST", "/api/v1/tokens", "", map[string]string{"email": "nobody@example.com", "password": password}), http.StatusUnauthorized)
	resp := ok(app.Do("POST", "/api/v1/tokens", "", map[string]string{"email": coach.Email, "password": password}), http.StatusCreated)
	var tok struct{ Token string }
	resp.JSON(t, &tok)
	j.token, j.secrets["API token"] = tok.Token, tok.Token
	// The failed attempts are written after their answer: wait, so that
	// the order of the trail is known.
	if lines := waitForAudit(t, app, j.token, 3); len(lines) != 3 {
		t.Fatalf("after the sign-ins: %v", lines)
	}
	if n := count(t, rawDB(t, app), `SELECT count(*) FROM audit_log`); n != 3 {
		t.Fatalf("%d lines in all after three attempts on a coach's address and one on an unknown one", n)
	}
	expect("unknown | signin.failed | account | wrong password, sign-in page")
	expect("unknown | signin.failed | account | wrong password, API")
	expect("coach | token.created | account | valid 30 days")
	if p := b.post("/login", url.Values{"email": {coach.Email}, "password": {password}}); p.Status != http.StatusSeeOther {
		t.Fatalf("sign in: %d", p.Status)
	}
	expect("coach | signin | account | sign-in page")

	// A leader and their round, through the API.
	leaderID := app.CreateLeaderThroughAPI(t, j.token, map[string]string{"name": "Anna Audit", "email": "anna.audit@example.com"})
	expect(fmt.Sprintf("coach | leader.created | leader %d: Anna Audit | ", leaderID))
	j.secrets["leader email"], j.secrets["rater email"] = "anna.audit@example.com", "bea@example.com"
	ok(app.Do("PATCH", fmt.Sprintf("/api/v1/leaders/%d", leaderID), j.token, map[string]string{"title": "COO"}), http.StatusOK)
	expect(fmt.Sprintf("coach | leader.changed | leader %d: Anna Audit | changed title", leaderID))
	roundID := createRound(t, app, j.token, leaderID)
	expect(fmt.Sprintf("coach | round.created | round %d: “Spring 360” for Anna Audit | ", roundID))
	ok(app.Do("PATCH", fmt.Sprintf("/api/v1/rounds/%d", roundID), j.token, map[string]any{"title": "Autumn 360", "max_reminders": 2}), http.StatusNoContent)
	round := fmt.Sprintf("round %d: “Autumn 360” for Anna Audit", roundID)
	expect("coach | round.changed | " + round + " | changed title, max_reminders")
	resp = ok(app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/raters", roundID), j.token,
		map[string]string{"name": "Bea Peer", "email": "bea@example.com", "relationship": "peer"}), http.StatusCreated)
	var rater struct{ ID int64 }
	resp.JSON(t, &rater)
	expect(fmt.Sprintf("coach | rater.added | rater %d: Bea Peer, “Autumn 360” for Anna Audit | peer", rater.ID))
	ok(postCSV(t, app, j.token, fmt.Sprintf("/api/v1/rounds/%d/raters/import", roundID), "text/csv",
		"name,email,relationship\nCy Report,cy@example.com,direct_report\nDee Boss,dee@example.com,superior\nEd Gone,ed@example.com,other\n"), http.StatusCreated)
	expect("coach | raters.imported | " + round + " | 3 raters")
	var ed int64
	if err := rawDB(t, app).Get(&ed, `SELECT id FROM raters WHERE email = 'ed@example.com'`); err != nil {
		t.Fatal(err)
	}
	ok(app.Do("DELETE", fmt.Sprintf("/api/v1/rounds/%d/raters/%d", roundID, ed), j.token, nil), http.StatusNoContent)
	expect(fmt.Sprintf("coach | rater.removed | rater %d: “Autumn 360” for Anna Audit | ", ed))
	ok(app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/launch", roundID), j.token, nil), http.StatusOK)
	expect("coach | round.launched | " + round + " | ")
	ok(app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/remind", roundID), j.token, nil), http.StatusOK)
	expect("coach | round.reminded | " + round + " | 0 raters")

	// Bea answers, with a comment; the comment and the survey links are secrets.
	var question int64
	if err := rawDB(t, app).Get(&question, `SELECT q.id FROM open_questions q JOIN frameworks f ON f.id = q.framework_id
		WHERE f.key = 'leadership' ORDER BY q.position LIMIT 1`); err != nil {
		t.Fatal(err)
	}
	j.secrets["comment"] = "Bea's private remark about the Tuesday meetings"
	app.SubmitResponse(t, rater.ID, nil, map[int64]string{question: j.secrets["comment"]})
	var sealed [][]byte
	if err := rawDB(t, app).Select(&sealed, `SELECT token_sealed FROM raters WHERE round_id = ?`, roundID); err != nil {
		t.Fatal(err)
	}
	for i, s := range sealed {
		link, err := testkit.Keys(t).Open(s)
		if err != nil {
			t.Fatal(err)
		}
		j.secrets[fmt.Sprintf("survey link %d", i)] = link
	}

	// Close, read, release, and the leader opens the report.
	ok(app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/close", roundID), j.token, nil), http.StatusOK)
	expect("coach | round.closed | " + round + " | ")
	ok(app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d/summary", roundID), j.token, nil), http.StatusOK)
	expect("coach | report.downloaded | " + round + " | summary")
	ok(app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d/report.pdf", roundID), j.token, nil), http.StatusOK)
	expect("coach | report.downloaded | " + round + " | PDF")
	ok(app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/release", roundID), j.token, nil), http.StatusOK)
	expect("coach | round.released | " + round + " | ")
	var reportSealed []byte
	if err := rawDB(t, app).Get(&reportSealed, `SELECT report_token_sealed FROM rounds WHERE id = ?`, roundID); err != nil {
		t.Fatal(err)
	}
	reportToken, err := testkit.Keys(t).Open(reportSealed)
	if err != nil {
		t.Fatal(err)
	}
	j.secrets["report link"] = reportToken
	ok(app.Do("GET", "/r/"+reportToken, "", nil), http.StatusOK)
	expect("leader link | report.opened | " + round + " | page")
	waitForAudit(t, app, j.token, len(j.want))

	// A draft that gets raters copied in, then deleted.
	draftID := createRound(t, app, j.token, leaderID)
	draft := fmt.Sprintf("round %d: “Spring 360” for Anna Audit", draftID)
	expect("coach | round.created | " + draft + " | ")
	ok(app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/raters/copy", draftID), j.token, map[string]any{"from_round_id": roundID}), http.StatusCreated)
	expect("coach | raters.copied | " + draft + " | 3 raters")
	ok(app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/nomination", draftID), j.token, nil), http.StatusCreated)
	expect("coach | nomination.sent | " + draft + " | ")
	ok(app.Do("DELETE", fmt.Sprintf("/api/v1/rounds/%d", draftID), j.token, nil), http.StatusNoContent)
	expect(fmt.Sprintf("coach | round.deleted | round %d | ", draftID))

	// The same kinds of action through the pages.
	p := b.post("/leaders", url.Values{"name": {"Ben Page"}, "email": {"ben.page@example.com"}})
	expectRedirect(t, p, "/leaders/")
	benID := strings.TrimPrefix(p.Location, "/leaders/")
	expect("coach | leader.created | leader " + benID + ": Ben Page | ")
	expectRedirect(t, b.post("/leaders/"+benID+"/edit", url.Values{"name": {"Ben Page"}, "email": {"ben@example.com"}}), "/leaders/")
	expect("coach | leader.changed | leader " + benID + ": Ben Page | changed email")
	expectRedirect(t, b.post(fmt.Sprintf("/rounds/%d/remind", roundID), nil), "/rounds/")
	// A refused action records nothing.
	expectRedirect(t, b.post(fmt.Sprintf("/rounds/%d/close", roundID), nil), "/rounds/")
	if p := b.get(fmt.Sprintf("/rounds/%d/report.pdf", roundID)); p.Status != http.StatusOK {
		t.Fatalf("report from the page: %d", p.Status)
	}
	expect("coach | report.downloaded | " + round + " | PDF")
	// A refused request records nothing either.
	ok(app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/launch", roundID), j.token, nil), http.StatusConflict)
	ok(app.Do("GET", "/api/v1/rounds/999999/report.pdf", j.token, nil), http.StatusNotFound)
	return j
}

func TestAuditTrailRejectsBadPaging(t *testing.T) {
	app := testkit.NewApp(t)
	_, token := app.SignIn(t)
	for _, tc := range []struct{ query, field string }{
		{"limit=0", "limit"},
		{"limit=501", "limit"},
		{"limit=-1", "limit"},
		{"limit=ten", "limit"},
		{"limit=", "limit"},
		{"before=0", "before"},
		{"before=-5", "before"},
		{"before=2026-01-01T00:00:00Z", "before"},
		{"before=99999999999999999999", "before"},
	} {
		t.Run(tc.query, func(t *testing.T) {
			expectError(t, app.Do("GET", "/api/v1/audit?"+tc.query, token, nil), http.StatusUnprocessableEntity, tc.field)
		})
	}
	t.Run("AcceptsTheBounds", func(t *testing.T) {
		for _, q := range []string{"limit=1", "limit=500", "before=1", "limit=500&before=9223372036854775807"} {
			if resp := app.Do("GET", "/api/v1/audit?"+q, token, nil); resp.Status != http.StatusOK {
				t.Errorf("%s: %d %s", q, resp.Status, resp.Body)
			}
		}
	})
	t.Run("NeedsAToken", func(t *testing.T) {
		expectError(t, app.Do("GET", "/api/v1/audit", "", nil), http.StatusUnauthorized, "")
	})
}

// TestAuditPageInBrowser checks the coach's audit page in a real browser:
// reached from the menu, it lists the coach's sign-in and actions, with no
// accessibility violations at desktop and phone widths.
func TestAuditPageInBrowser(t *testing.T) {
	app := testkit.NewApp(t)
	coach, password := testkit.Coach(t, app.Store)
	ctx := testkit.Browser(t)
	run, look, follow := pageSteps(t, ctx, "audit_")

	run(chromedp.Navigate(app.URL+"/login"), chromedp.SendKeys("#email", coach.Email), chromedp.SendKeys("#password", password))
	follow(`form[action="/login"] button[type="submit"]`, ".page-head")
	run(chromedp.Navigate(app.URL+"/leaders"), chromedp.WaitVisible("#f-name"),
		chromedp.SendKeys("#f-name", "Marta Kowalska-Wiśniewska"), chromedp.SendKeys("#f-email", "marta@example.com"))
	follow(`form[action="/leaders"] button[type="submit"]`, ".flash")
	follow(`a[href="/audit"]`, "#trail-title")
	look("page", "Audit trail", "leader.created", "Marta Kowalska-Wiśniewska", "signin", "sign-in page")
}

// A rater the leader proposed and the coach approved is recorded as the
// coach's approval, with the rater's name and group.
func TestAuditRecordsAnApproval(t *testing.T) {
	n := newNomination(t)
	app := n.app
	if resp := app.Do("PUT", n.path, "", nominees([3]string{"Pia Peer", "pia@example.com", "peer"})); resp.Status != http.StatusOK {
		t.Fatalf("save: %d %s", resp.Status, resp.Body)
	}
	if resp := app.Do("POST", n.path+"/submit", "", nil); resp.Status != http.StatusOK {
		t.Fatalf("submit: %d %s", resp.Status, resp.Body)
	}
	var pia int64
	if err := rawDB(t, app).Get(&pia, `SELECT id FROM raters WHERE email = 'pia@example.com'`); err != nil {
		t.Fatal(err)
	}
	if resp := app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/raters/%d/approve", n.roundID, pia), n.token, nil); resp.Status != http.StatusOK {
		t.Fatalf("approve: %d %s", resp.Status, resp.Body)
	}
	lines := auditTrail(t, app, n.token, "?limit=1")
	want := fmt.Sprintf("coach | rater.approved | rater %d: Pia Peer, “Spring 360” for Lena Leader | peer", pia)
	if len(lines) != 1 || lines[0].String() != want {
		t.Errorf("newest line %v, want %q", lines, want)
	}
}
