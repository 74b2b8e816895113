package jobs_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/jobs"
	"github.com/rapporthq/rapport/internal/mail"
	"github.com/rapporthq/rapport/internal/store"
	"github.com/rapporthq/rapport/internal/testkit"
)

// raterEmails is the raters array of the coach's round view, as JSON.
type raterEmails struct {
	Raters []struct {
		Email     string `json:"email"`
		LastEmail *struct {
			Kind     string     `json:"kind"`
			Status   string     `json:"status"`
			QueuedAt time.Time  `json:"queued_at"`
			SentAt   *time.Time `json:"sent_at"`
			Attempts int        `json:"attempts"`
			Error    string     `json:"error"`
		} `json:"last_email"`
	} `json:"raters"`
}

func (f *fixture) roundView(t *testing.T, roundID int64) raterEmails {
	t.Helper()
	resp := f.app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d", roundID), f.token, nil)
	mustStatus(t, resp, 200)
	var v raterEmails
	if err := json.Unmarshal(resp.Body, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestDelivery(t *testing.T) {
	t.Run("RetriesATemporaryFailureWithBackoff", func(t *testing.T) {
		f := newFixture(t)
		f.smtp.FailNext(2, 451, "greylisted, try again later")
		roundID := f.launch(t, roundOptions{}, fyodor)
		f.deliver(t) // leader: 451; fyodor: 451
		var retry store.OutboxEntry
		for _, o := range f.outbox(t, roundID) {
			if o.Status != store.OutboxPending || o.Attempts != 1 || !strings.Contains(o.LastError, "451") ||
				!o.NextAttemptAt.Equal(start.Add(jobs.RetryDelay(1))) {
				t.Fatalf("after a 451: %+v, want pending, attempt 1, retry in %v", o, jobs.RetryDelay(1))
			}
			retry = o
		}
		v := f.roundView(t, roundID)
		for _, r := range v.Raters {
			if r.LastEmail == nil || r.LastEmail.Kind != "invitation" || r.LastEmail.Status != "pending" || !strings.Contains(r.LastEmail.Error, "451") {
				t.Errorf("round view for %s: %+v, want the pending invitation and its 451", r.Email, r.LastEmail)
			}
		}
		f.clock.Advance(jobs.RetryDelay(1) - time.Second)
		if n := f.deliver(t); n != 0 {
			t.Fatalf("retried %d before the backoff ran out", n)
		}
		f.smtp.FailNext(1, 421, "busy")
		f.clock.Advance(time.Second)
		f.deliver(t) // one 421 again, one delivered
		for _, o := range f.outbox(t, roundID) {
			if o.Status == store.OutboxPending && !o.NextAttemptAt.Equal(f.clock.Now().Truncate(time.Second).Add(jobs.RetryDelay(2))) {
				t.Errorf("second retry at %v, want %v later", o.NextAttemptAt, jobs.RetryDelay(2))
			}
		}
		f.clock.Advance(jobs.RetryDelay(2))
		f.deliver(t)
		for _, o := range f.outbox(t, roundID) {
			if o.Status != store.OutboxSent || o.LastError != "" {
				t.Errorf("%+v, want sent with the error cleared", o)
			}
			if o.ID == retry.ID && o.MessageID != retry.MessageID {
				t.Errorf("Message-ID changed between attempts: %s then %s", retry.MessageID, o.MessageID)
			}
		}
		if got := len(f.smtp.Received()); got != 2 {
			t.Errorf("received %d messages, want 2", got)
		}
		for _, r := range f.roundView(t, roundID).Raters {
			if r.LastEmail.Status != "sent" || r.LastEmail.SentAt == nil || r.LastEmail.Error != "" {
				t.Errorf("round view for %s: %+v", r.Email, r.LastEmail)
			}
		}
	})

	t.Run("BacksOffUpToAnHourAndGivesUpAfterMaxAttempts", func(t *testing.T) {
		want := []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute}
		for i, d := range want {
			if got := jobs.RetryDelay(i + 1); got != d {
				t.Errorf("RetryDelay(%d) = %v, want %v", i+1, got, d)
			}
		}
		if got := jobs.RetryDelay(30); got != time.Hour {
			t.Errorf("RetryDelay(30) = %v, want the cap of 1h", got)
		}
		for i, d := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second} {
			if got := jobs.RetryDelayFrom(time.Second, i+1); got != d {
				t.Errorf("RetryDelayFrom(1s, %d) = %v, want %v", i+1, got, d)
			}
		}
		if got := jobs.RetryDelayFrom(time.Second, 30); got != time.Hour {
			t.Errorf("RetryDelayFrom(1s, 30) = %v, want the cap of 1h", got)
		}
		f := newFixture(t)
		f.smtp.FailNext(jobs.MaxAttempts+1, 452, "mailbox full")
		roundID := f.launch(t, roundOptions{}, fyodor)
		// Drop the leader's invitation to follow one row.
		if _, err := f.db.Exec(`DELETE FROM outbox WHERE to_email = ?`, leader.Email); err != nil {
			t.Fatal(err)
		}
		for range jobs.MaxAttempts {
			f.deliver(t)
			f.clock.Advance(time.Hour)
		}
		o := f.outbox(t, roundID)[0]
		if o.Status != store.OutboxFailed || o.Attempts != jobs.MaxAttempts || !strings.HasPrefix(o.LastError, "gave up after 12 attempts") {
			t.Errorf("%+v, want failed after %d attempts", o, jobs.MaxAttempts)
		}
	})

	t.Run("StopsAtAPermanentFailureWithTheReason", func(t *testing.T) {
		f := newFixture(t)
		f.smtp.FailNext(1, 550, "no such user here")
		roundID := f.launch(t, roundOptions{}, fyodor)
		f.deliver(t)
		f.clock.Advance(24 * time.Hour)
		f.deliver(t)
		var failed int
		for _, o := range f.outbox(t, roundID) {
			if o.Status == store.OutboxFailed {
				failed++
				if o.Attempts != 1 || !strings.Contains(o.LastError, "550") || !strings.Contains(o.LastError, "no such user here") {
					t.Errorf("failed row %+v, want one attempt and the server's reason", o)
				}
			}
		}
		if failed != 1 || len(f.smtp.Received()) != 1 {
			t.Fatalf("%d failed, %d received; want 1 and 1", failed, len(f.smtp.Received()))
		}
		var shown int
		for _, r := range f.roundView(t, roundID).Raters {
			if r.LastEmail.Status == "failed" && strings.Contains(r.LastEmail.Error, "550") {
				shown++
			}
		}
		if shown != 1 {
			t.Errorf("the round view shows %d failures, want 1", shown)
		}
	})

	t.Run("ResendsARowLeftSendingByACrashedWorkerOnlyAfterItsLease", func(t *testing.T) {
		f := newFixture(t)
		roundID := f.launch(t, roundOptions{}, fyodor)
		// A worker claims everything, then its process dies before sending.
		claimed, err := f.app.Store.ClaimDue(context.Background(), jobs.DefaultLease, 10, "rapport.test")
		if err != nil || len(claimed) != 2 {
			t.Fatalf("claimed %d (%v), want 2", len(claimed), err)
		}
		if n := f.deliver(t); n != 0 {
			t.Fatalf("another worker took %d rows still under lease", n)
		}
		f.clock.Advance(jobs.DefaultLease)
		if n := f.deliver(t); n != 2 {
			t.Fatalf("delivered %d after the lease ran out, want 2", n)
		}
		if got := len(f.smtp.Received()); got != 2 {
			t.Fatalf("received %d, want each message once", got)
		}
		for _, o := range f.outbox(t, roundID) {
			if o.Status != store.OutboxSent || o.Attempts != 2 {
				t.Errorf("%+v, want sent on the second attempt", o)
			}
		}
		// The dead worker's late result cannot overwrite the newer attempt.
		if err := f.app.Store.MarkRetry(context.Background(), &claimed[0], "late", f.clock.Now()); err != nil {
			t.Fatal(err)
		}
		if o := f.outbox(t, roundID)[0]; o.Status != store.OutboxSent {
			t.Errorf("a stale claim changed the row: %+v", o)
		}
	})

	t.Run("TwoWorkersOnOneDatabaseSendEachRowOnce", func(t *testing.T) {
		f := newFixture(t)
		var raters []person
		for i := range 8 {
			raters = append(raters, person{fmt.Sprintf("Peer %d", i), fmt.Sprintf("peer%d@example.com", i), "peer"})
		}
		f.launch(t, roundOptions{}, raters...)
		other := testkit.Store(t, f.app.Cfg)
		other.Now = f.clock.Now
		workers := []*jobs.Mailer{f.mailer, testkit.Mailer(t, f.app, other, f.smtp)}
		var wg sync.WaitGroup
		for i := range 4 {
			wg.Go(func() {
				if _, err := workers[i%2].DeliverDue(context.Background()); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if got := len(f.smtp.Received()); got != 9 {
			t.Errorf("received %d messages, want 9 (one each)", got)
		}
	})

	t.Run("RestartsNeverReplaySentMail", func(t *testing.T) {
		f := newFixture(t)
		f.launch(t, roundOptions{}, fyodor)
		f.deliver(t)
		// A new process: new store handle, new worker, time moves on.
		other := testkit.Store(t, f.app.Cfg)
		other.Now = f.clock.Now
		f.clock.Advance(24 * time.Hour)
		if n, err := testkit.Mailer(t, f.app, other, f.smtp).DeliverDue(context.Background()); err != nil || n != 0 {
			t.Fatalf("a restarted worker delivered %d (%v)", n, err)
		}
		if got := len(f.smtp.Received()); got != 2 {
			t.Errorf("received %d, want 2", got)
		}
	})

	t.Run("FileOutboxWritesParseableEmlFiles", func(t *testing.T) {
		f := newFixture(t)
		roundID := f.launch(t, roundOptions{}, fyodor, manager)
		f.mailer.Sender = &mail.FileSender{Dir: f.app.Cfg.OutboxDir(), Log: testkit.Logger()}
		if n := f.deliver(t); n != 3 {
			t.Fatalf("wrote %d, want 3", n)
		}
		files, err := filepath.Glob(filepath.Join(f.app.Cfg.OutboxDir(), "*.eml"))
		if err != nil || len(files) != 3 {
			t.Fatalf("%d .eml files (%v), want 3", len(files), err)
		}
		seen := map[string]bool{}
		for _, path := range files {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			e, err := testkit.ParseEmail(raw)
			if err != nil {
				t.Fatalf("%s does not parse: %v", path, err)
			}
			if surveyLink.FindString(e.Text) == "" || !strings.Contains(e.HTML, "<table") || e.Header.Get("Message-ID") == "" {
				t.Errorf("%s: incomplete message", path)
			}
			seen[e.To.Name] = true
		}
		if !seen[leader.Name] || !seen[fyodor.Name] || !seen[manager.Name] {
			t.Errorf("recipients %v", seen)
		}
		for _, o := range f.outbox(t, roundID) {
			if o.Status != store.OutboxSent {
				t.Errorf("%+v, want sent", o)
			}
		}
	})
}
