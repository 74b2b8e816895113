package testkit

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/jobs"
)

// RunMailer runs app's mail worker in the background, delivering to ms, as
// `rapport serve` does: it polls for due mail and every commit that queues
// mail wakes it (store.OnMailQueued). It stops when the test ends.
func (a *App) RunMailer(t testing.TB, ms *MailServer) *jobs.Mailer {
	t.Helper()
	return a.RunMailerPolling(t, ms, 50*time.Millisecond)
}

// RunMailerPolling is RunMailer with the worker polling every poll.
func (a *App) RunMailerPolling(t testing.TB, ms *MailServer, poll time.Duration) *jobs.Mailer {
	t.Helper()
	m := Mailer(t, a, a.Store, ms)
	m.Poll = poll
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); m.Run(ctx) }()
	a.Store.OnMailQueued(m.Wake)
	t.Cleanup(func() { cancel(); <-done })
	return m
}

// mailWait bounds how long WaitFor waits: a guard against a hung test, not
// a timing assertion (delivery takes milliseconds).
const mailWait = 20 * time.Second

// WaitFor waits until addr has received at least n messages and returns
// them all, failing the test if they do not arrive.
func (ms *MailServer) WaitFor(t testing.TB, addr string, n int) []*Email {
	t.Helper()
	deadline := time.Now().Add(mailWait)
	for {
		got := ms.To(addr)
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("testkit: %s received %d emails, want %d", addr, len(got), n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

var linkRE = regexp.MustCompile(`https?://[^\s"<>]+/([srun])/[A-Za-z0-9_-]{43}`)

// LinkPath finds the link of the given kind in an email's text part ("s"
// survey, "r" report, "u" unsubscribe, "n" nomination) and returns its path, to be requested
// from the test server whatever RAPPORT_BASE_URL says.
func (e *Email) LinkPath(t testing.TB, kind string) string {
	t.Helper()
	for _, m := range linkRE.FindAllStringSubmatch(e.Text, -1) {
		if m[1] == kind {
			i := strings.Index(m[0], "/"+kind+"/")
			return m[0][i:]
		}
	}
	t.Fatalf("testkit: no /%s/ link in the email %q to %s:\n%s", kind, e.Subject, e.To.Address, e.Text)
	return ""
}
