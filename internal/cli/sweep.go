package cli

import (
	"context"
	"fmt"

	"github.com/rapporthq/rapport/internal/jobs"
)

func runSweep(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "sweep", "sweep", "Runs one scheduler pass (due reminders, rounds past their deadline), delivers\nthe mail that is due, and exits. Safe to run while the server runs: no rater\nis reminded twice and no email is sent twice.")
	if err := parse(fs, args); err != nil {
		return err
	}
	d, err := open(ctx, e)
	if err != nil {
		return err
	}
	defer d.store.Close()
	runner := &jobs.Runner{Store: d.store, Log: d.log}
	if err := runner.Sweep(ctx); err != nil {
		return err
	}
	mailer, err := newMailer(d)
	if err != nil {
		return err
	}
	sent, err := mailer.DeliverDue(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "sweep done; %d queued emails handled\n", sent)
	return nil
}
