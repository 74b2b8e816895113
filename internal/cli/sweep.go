package cli

import (
	"context"
	"fmt"

	"github.com/rapporthq/rapport/internal/jobs"
)

func runSweep(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "sweep", "sweep", "Runs one scheduler pass (due reminders, rounds past their deadline) and exits.\nSafe to run while the server runs: no rater is reminded twice.")
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
	fmt.Fprintln(e.stdout, "sweep done")
	return nil
}
