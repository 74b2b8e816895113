package jobs_test

import (
	"context"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/testkit"
)

// The server's own loop: cron on "@every 1s" queues reminders and the mail
// worker delivers them, with the real clock. The test waits for the outcome
// (generously); it does not time it.
func TestScheduleEverySecondRemindsAndDelivers(t *testing.T) {
	app := testkit.NewApp(t)
	ms := testkit.NewMailServer(t)
	f := &fixture{app: app, clock: testkit.NewClock(time.Now()), smtp: ms}
	_, f.token = app.SignIn(t)
	f.launch(t, roundOptions{interval: "1s", max: 1}, fyodor)

	mailer := testkit.Mailer(t, app, app.Store, ms)
	mailer.Poll = 50 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); mailer.Run(ctx) }()
	runner := f.runnerFor(app)
	runner.Wake = mailer.Wake
	sched, err := runner.Start(ctx, "@every 1s")
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for len(ms.To(fyodor.Email)) < 2 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	sched.Stop()
	cancel()
	<-done
	got := ms.To(fyodor.Email)
	if len(got) != 2 || got[1].Subject != "Reminder: your feedback on "+leader.Name {
		t.Fatalf("fyodor received %d emails, want the invitation and one reminder (the cap)", len(got))
	}
}
