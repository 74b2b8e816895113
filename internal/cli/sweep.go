package cli

import (
	"context"
	"fmt"

	"github.com/rapporthq/rapport/internal/debrief"
	"github.com/rapporthq/rapport/internal/jobs"
)

func runSweep(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "sweep", "sweep", "Runs one scheduler pass (due reminders, rounds past their deadline, rounds past\ntheir retention period), delivers\nthe mail that is due, and exits. Safe to run while the server runs: no rater\nis reminded twice and no email is sent twice. Run it with the same RAPPORT_*\nenvironment as serve: with SMTP configured it refuses to run without RAPPORT_BASE_URL.")
	if err := parse(fs, args); err != nil {
		return err
	}
	d, err := open(ctx, e)
	if err != nil {
		return err
	}
	defer d.store.Close()
	if !d.cfg.BaseURLSet {
		// Run by hand or from cron without serve's environment, the links
		// would point at the default http://localhost: refuse to mail them.
		if d.cfg.SMTPURL != "" {
			return fmt.Errorf("sweep: RAPPORT_BASE_URL is not set, so the emails would link to %s; "+
				"run rapport sweep with the same RAPPORT_* environment as rapport serve", d.cfg.BaseURL)
		}
		fmt.Fprintf(e.stderr, "warning: RAPPORT_BASE_URL is not set; the emails in %s link to %s. "+
			"Run rapport sweep with the same RAPPORT_* environment as rapport serve.\n", d.cfg.OutboxDir(), d.cfg.BaseURL)
	}
	runner := &jobs.Runner{Store: d.store, Log: d.log, Debriefs: debrief.New(d.store, d.keys, d.log), OutboxDir: d.cfg.OutboxDir()}
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
