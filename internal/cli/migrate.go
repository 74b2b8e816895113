package cli

import (
	"context"
	"fmt"
)

func runMigrate(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "migrate", "migrate", "Applies every pending database migration, then exits. 'serve' does this too at start.")
	if err := parse(fs, args); err != nil {
		return err
	}
	d, err := open(ctx, e)
	if err != nil {
		return err
	}
	defer d.store.Close()
	applied, known, err := d.store.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "database %s is at schema version %d (this binary knows %d)\n", d.cfg.DatabasePath(), applied, known)
	return nil
}
