package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/testkit"
)

// The SMTP outage tests run the real binary against an SMTP server that is
// down at first: the emails of a launched round wait in the outbox, the
// coach sees the failures, and once the server is up every email arrives
// exactly once. RAPPORT_MAIL_RETRY_BASE=1s keeps the backoff short.

// outageRaters are the raters of the round; the leader is invited too.
var outageRaters = []string{"ana@example.com", "bo@example.com", "chen@example.com", "dara@example.com"}

const outageLeader = "lea@example.com"

func TestSMTPOutage(t *testing.T) {
	bin, err := Binary(testkit.RepoRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("DeliversEveryQueuedEmailOnceWhenSMTPComesBack", func(t *testing.T) {
		t.Parallel()
		o := newOutage(t, bin)
		roundID := o.launchRound(t)
		o.waitForFailures(t, roundID, 2)
		o.smtp.Start(t)
		o.waitUntilAllSent(t, roundID)
		o.checkDeliveredOnce(t, roundID)
	})
	t.Run("DeliversEverythingOnceAfterARestartDuringTheOutage", func(t *testing.T) {
		t.Parallel()
		o := newOutage(t, bin)
		roundID := o.launchRound(t)
		o.waitForFailures(t, roundID, 2)
		if err := o.proc.Stop(); err != nil {
			t.Fatalf("server did not stop cleanly: %v", err)
		}
		o.start(t)
		o.waitForFailures(t, roundID, 3) // the new process keeps trying
		o.smtp.Start(t)
		o.waitUntilAllSent(t, roundID)
		o.checkDeliveredOnce(t, roundID)
	})
}

// outage is a running server whose SMTP server is not listening yet.
type outage struct {
	bin, dataDir string
	env          []string
	smtp         *testkit.MailServer
	proc         *Process
	token        string
}

func newOutage(t *testing.T, bin string) *outage {
	t.Helper()
	o := &outage{bin: bin, dataDir: t.TempDir(), smtp: testkit.PrepareMailServer(t, testkit.MailServerOptions{})}
	// The binary verifies the SMTP server's certificate against the system
	// roots; SSL_CERT_FILE makes the test server's CA the only one.
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(caFile, o.smtp.CACertPEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	o.env = []string{"RAPPORT_SECRET=" + testkit.Secret, "RAPPORT_SMTP_URL=" + o.smtp.URL, "SSL_CERT_FILE=" + caFile,
		"RAPPORT_MAIL_RETRY_BASE=1s", "RAPPORT_REMINDER_SCHEDULE=@every 1h"}
	coach := exec.Command(bin, "coach", "add", "--email", "coach@example.com", "--name", "Cora Coach")
	coach.Env = append(os.Environ(), append(o.env, "RAPPORT_DATA_DIR="+o.dataDir)...)
	coach.Stdin = strings.NewReader("a long passphrase\n")
	if out, err := coach.CombinedOutput(); err != nil {
		t.Fatalf("coach add: %v\n%s", err, out)
	}
	o.start(t)
	var tok struct{ Token string }
	o.do(t, "POST", "/api/v1/tokens", map[string]string{"email": "coach@example.com", "password": "a long passphrase"}, http.StatusCreated, &tok)
	o.token = tok.Token
	return o
}

// start runs the server on the data directory, stopped when the test ends.
func (o *outage) start(t *testing.T) {
	t.Helper()
	p, err := Start(o.bin, o.dataDir, o.env...)
	if err != nil {
		t.Fatal(err)
	}
	o.proc = p
	t.Cleanup(func() { p.Stop() })
}

// launchRound creates a leader and a round with the raters, and launches it.
func (o *outage) launchRound(t *testing.T) int64 {
	t.Helper()
	var leader, round struct{ ID int64 }
	o.do(t, "POST", "/api/v1/leaders", map[string]string{"name": "Lea Leader", "email": outageLeader}, http.StatusCreated, &leader)
	o.do(t, "POST", "/api/v1/rounds", map[string]any{"leader_id": leader.ID, "framework_key": "leadership", "title": "Outage 360",
		"closes_at": time.Now().Add(14 * 24 * time.Hour).Format(time.RFC3339), "reminder_interval": "72h", "max_reminders": 2},
		http.StatusCreated, &round)
	for i, email := range outageRaters {
		o.do(t, "POST", fmt.Sprintf("/api/v1/rounds/%d/raters", round.ID),
			map[string]string{"name": fmt.Sprintf("Rater %d", i), "email": email, "relationship": "peer"}, http.StatusCreated, nil)
	}
	o.do(t, "POST", fmt.Sprintf("/api/v1/rounds/%d/launch", round.ID), nil, http.StatusOK, nil)
	return round.ID
}

type lastEmail struct {
	Kind     string `json:"kind"`
	Status   string `json:"status"`
	Attempts int    `json:"attempts"`
	Error    string `json:"error"`
}

// lastEmails is each invitee's last email as the coach's round view shows it.
func (o *outage) lastEmails(t *testing.T, roundID int64) map[string]*lastEmail {
	t.Helper()
	var v struct {
		Raters []struct {
			Email     string     `json:"email"`
			LastEmail *lastEmail `json:"last_email"`
		} `json:"raters"`
	}
	o.do(t, "GET", fmt.Sprintf("/api/v1/rounds/%d", roundID), nil, http.StatusOK, &v)
	out := map[string]*lastEmail{}
	for _, r := range v.Raters {
		out[strings.ToLower(r.Email)] = r.LastEmail
	}
	if len(out) != len(outageRaters)+1 {
		t.Fatalf("round view lists %d raters, want %d and the leader", len(out), len(outageRaters))
	}
	return out
}

// waitForFailures waits until the coach sees every invitation still
// pending after at least attempts failed attempts, each with its error.
func (o *outage) waitForFailures(t *testing.T, roundID int64, attempts int) {
	t.Helper()
	var seen map[string]*lastEmail
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		seen = o.lastEmails(t, roundID)
		ready := true
		for email, e := range seen {
			if e == nil || e.Kind != "invitation" {
				t.Fatalf("%s: last email %+v, want the invitation", email, e)
			}
			if e.Status == "sent" {
				t.Fatalf("%s: invitation sent while the SMTP server is down", email)
			}
			if e.Status != "pending" || e.Attempts < attempts || e.Error == "" {
				ready = false
			}
		}
		if ready {
			t.Logf("the coach sees, with the SMTP server down:%s", describe(seen))
			return
		}
	}
	t.Fatalf("the coach never saw %d failed attempts for every invitation: %s", attempts, describe(seen))
}

// waitUntilAllSent waits until the round view shows every invitation sent.
func (o *outage) waitUntilAllSent(t *testing.T, roundID int64) {
	t.Helper()
	var seen map[string]*lastEmail
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		seen = o.lastEmails(t, roundID)
		done := true
		for _, e := range seen {
			if e.Status != "sent" || e.Error != "" {
				done = false
			}
		}
		if done {
			return
		}
	}
	t.Fatalf("not every invitation was sent after SMTP came back: %s", describe(seen))
}

// checkDeliveredOnce compares the SMTP server's mailbox with the outbox:
// one message per invitee, each outbox Message-ID received exactly once.
func (o *outage) checkDeliveredOnce(t *testing.T, roundID int64) {
	t.Helper()
	db, err := sqlx.Open("sqlite3", "file:"+filepath.Join(o.dataDir, "rapport.db")+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var rows []struct {
		ToEmail   string `db:"to_email"`
		MessageID string `db:"message_id"`
		Status    string `db:"status"`
	}
	if err := db.Select(&rows, `SELECT to_email, message_id, status FROM outbox ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(outageRaters)+1 {
		t.Fatalf("outbox holds %d emails, want %d invitations", len(rows), len(outageRaters)+1)
	}
	received := map[string]int{}
	for _, e := range o.smtp.Received() {
		received[strings.Trim(e.Header.Get("Message-ID"), "<>")]++
	}
	for _, want := range append([]string{outageLeader}, outageRaters...) {
		if n := len(o.smtp.To(want)); n != 1 {
			t.Errorf("%s received %d messages, want exactly 1", want, n)
		}
	}
	for _, r := range rows {
		if r.Status != "sent" || r.MessageID == "" || received[r.MessageID] != 1 {
			t.Errorf("outbox row to %s (%s, Message-ID %q) received %d times, want sent once", r.ToEmail, r.Status, r.MessageID, received[r.MessageID])
		}
	}
	if got := len(o.smtp.Received()); got != len(rows) {
		t.Errorf("SMTP server received %d messages, want %d", got, len(rows))
	}
}

// do sends an API request as the coach and decodes the answer into out.
func (o *outage) do(t *testing.T, method, path string, body any, want int, out any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, o.proc.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if o.token != "" {
		req.Header.Set("Authorization", "Bearer "+o.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Fatalf("%s %s: status %d, want %d: %s", method, path, resp.StatusCode, want, raw)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("%s %s: %v: %s", method, path, err, raw)
		}
	}
}

func describe(m map[string]*lastEmail) string {
	var b strings.Builder
	for email, e := range m {
		fmt.Fprintf(&b, "\n  %s: %+v", email, e)
	}
	return b.String()
}
