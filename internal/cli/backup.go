package cli

import (
	"context"
	"fmt"
)

func runBackup(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "backup", "backup FILE",
		"Writes a consistent copy of the database to FILE while the server keeps running.\nThe copy is a plain SQLite file: restore it by stopping the server and putting it in place of\nDATA_DIR/rapport.db. Keep the secret (RAPPORT_SECRET or DATA_DIR/secret) with it: without the\nsecret, the links in emails already sent cannot be opened.")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	d, err := open(ctx, e)
	if err != nil {
		return err
	}
	defer d.store.Close()
	if err := d.store.Backup(ctx, fs.Arg(0)); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backed up %s to %s\n", d.cfg.DatabasePath(), fs.Arg(0))
	return nil
}
