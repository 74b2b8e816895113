package cli

import (
	"context"
	"fmt"

	"github.com/rapporthq/rapport/internal/demo"
)

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "demo", "demo",
		"Adds a demo coach with one leader, two closed rounds (a finished report, with progress since\n"+
			"the first) and one round collecting answers, to the data directory (RAPPORT_DATA_DIR), empty\n"+
			"or not. Running it again adds nothing and gives the demo coach a new password. The demo's\n"+
			"emails, then and later (reminders, the close notice), are marked skipped, never sent.")
	if err := parse(fs, args); err != nil {
		return err
	}
	d, err := open(ctx, e)
	if err != nil {
		return err
	}
	defer d.store.Close()
	res, err := demo.Seed(ctx, d.store)
	if err != nil {
		return err
	}
	if res.RoundsAdded == 0 {
		fmt.Fprintf(e.stdout, "The demo was already there; nothing was added. The demo coach has a new password.\n")
	} else {
		fmt.Fprintf(e.stdout, "Demo ready: %s, with two closed rounds and one collecting answers.\n", res.LeaderName)
	}
	fmt.Fprintf(e.stdout, "\nStart the server (make run, or rapport serve), then sign in at %s/login\n  email:    %s\n  password: %s\n",
		d.cfg.BaseURL, res.Email, res.Password)
	return nil
}
