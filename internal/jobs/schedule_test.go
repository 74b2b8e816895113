package jobs_test

import (
	"context"
	"testing"
	"time"
)

// The server's own loop: cron on "@every 1s" queues reminders and the mail
// worker delivers them. The round's clock is the store's injectable one,
// moved by the reminder interval (an hour, the least a round allows) once
// the invitation is out. The test waits for the outcome (generously); it
// does not time it.
func TestScheduleRemindsAndDeliversOnItsOwn(t *testing.T) {
	f := newFixture(t)
	f.launch(t, roundOptions{interval: "1h", max: 1}, fyodor)

	f.mailer.Poll = 50 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); f.mailer.Run(ctx) }()
	f.runner.Store.OnMailQueued(f.mailer.Wake)
	sched, err := f.runner.Start(ctx, "@every 1s")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { sched.Stop(); cancel(); <-done }()
	waitFor := func(n int) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for len(f.smtp.To(fyodor.Email)) < n && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
		}
		if got := len(f.smtp.To(fyodor.Email)); got != n {
			t.Fatalf("fyodor received %d emails, want %d", got, n)
		}
	}
	waitFor(1) // the invitation
	f.clock.Advance(time.Hour)
	waitFor(2)
	if got := f.smtp.To(fyodor.Email)[1].Subject; got != "Reminder: your feedback on "+leader.Name {
		t.Fatalf("second email %q, want the reminder", got)
	}
}
