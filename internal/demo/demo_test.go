package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/demo"
	"github.com/rapporthq/rapport/internal/jobs"
	"github.com/rapporthq/rapport/internal/testkit"
)

// The demo's help promises its emails are never sent: not when it seeds,
// nor later, when the scheduler reminds its raters or closes its open
// round at the deadline and notifies the demo coach.
func TestDemoMailIsNeverSent(t *testing.T) {
	app := testkit.NewApp(t)
	ms := testkit.NewMailServer(t)
	ctx := context.Background()
	if _, err := demo.Seed(ctx, app.Store); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(30 * 24 * time.Hour)
	app.Store.Now = func() time.Time { return later }
	if err := (&jobs.Runner{Store: app.Store, Log: testkit.Logger()}).Sweep(ctx); err != nil {
		t.Fatal(err)
	}
	handled, err := testkit.Mailer(t, app, app.Store, ms).DeliverDue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if handled == 0 {
		t.Fatal("the sweep queued no email: the test no longer shows anything")
	}
	if got := ms.Received(); len(got) != 0 {
		t.Errorf("%d demo emails were sent, the first to %s", len(got), got[0].To.Address)
	}
	db := testkit.RawDB(t, app.Cfg)
	var unsent int
	if err := db.Get(&unsent, `SELECT count(*) FROM outbox WHERE status != 'skipped' OR last_error != 'demo data: not sent'`); err != nil {
		t.Fatal(err)
	}
	if unsent != 0 {
		t.Errorf("%d demo emails are not skipped as demo data", unsent)
	}
}
