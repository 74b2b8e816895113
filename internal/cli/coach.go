package cli

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"github.com/rapporthq/rapport/internal/auth"
	"github.com/rapporthq/rapport/internal/rapport"
)

func runCoach(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "add" {
		fmt.Fprintln(e.stderr, "Usage: rapport coach add --email E --name N  (password on stdin)")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return errUsage
	}
	fs := newFlags(e, "coach add", "coach add --email E --name N < password-file",
		"Creates a coach account. The password is read from the first line of standard input,\nso it never shows in the process list or the shell history.")
	email := fs.String("email", "", "the coach's email, used to sign in")
	name := fs.String("name", "", "the coach's full name, shown on reports")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *email == "" || *name == "" {
		fs.Usage()
		return errUsage
	}
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	password := strings.TrimRight(line, "\r\n")
	if password == "" {
		return fmt.Errorf("no password on standard input (try: echo 'a long passphrase' | rapport coach add ...): %v", err)
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return fmt.Errorf("%s", rapport.ErrorMessage(err))
	}
	d, err := open(ctx, e)
	if err != nil {
		return err
	}
	defer d.store.Close()
	c, err := d.store.CreateCoach(ctx, *email, *name, hash)
	if err != nil {
		return fmt.Errorf("%s", rapport.ErrorMessage(err))
	}
	fmt.Fprintf(e.stdout, "created coach %d: %s <%s>\n", c.ID, c.Name, c.Email)
	return nil
}
