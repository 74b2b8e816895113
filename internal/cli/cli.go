// Package cli is the rapport command: it parses the subcommand, loads the
// configuration once and wires the parts together.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/rapporthq/rapport/internal/config"
	"github.com/rapporthq/rapport/internal/framework"
	"github.com/rapporthq/rapport/internal/secrets"
	"github.com/rapporthq/rapport/internal/store"
)

// Version is set at build time with -ldflags "-X .../internal/cli.Version=v1.2.3".
var Version = "dev"

// env is what every subcommand is given.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "start the web server, the scheduler and the mail worker", runServe},
		{"migrate", "apply database migrations and exit", runMigrate},
		{"coach", "manage coach accounts (coach add)", runCoach},
		{"sweep", "run one scheduler pass (reminders, deadlines) and exit", runSweep},
		{"backup", "write a consistent copy of the database while the server runs", runBackup},
		{"demo", "add a demo coach, leader and rounds to try Rapport (idempotent)", runDemo},
		{"version", "print the version", runVersion},
	}
}

// errUsage means the usage has been printed already.
var errUsage = errors.New("usage")

// Main runs the command line and returns the exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	for _, c := range commands() {
		if c.name == args[0] {
			err := c.run(ctx, e, args[1:])
			switch {
			case err == nil, errors.Is(err, flag.ErrHelp):
				return 0
			case errors.Is(err, errUsage):
				return 2
			}
			fmt.Fprintf(stderr, "rapport %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "rapport: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Rapport: 360-degree feedback for leadership coaches.")
	fmt.Fprintln(w, "\nUsage: rapport <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'rapport <command> --help' for a command's flags. Settings come from RAPPORT_* environment variables (see README.md).")
}

// newFlags makes a flag set whose --help prints a description.
func newFlags(e *env, name, synopsis, description string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: rapport %s\n\n%s\n", synopsis, description)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, refusing stray arguments.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	return nil
}

// deps are the parts most subcommands need.
type deps struct {
	cfg   *config.Config
	log   *slog.Logger
	keys  *secrets.Keys
	store *store.Store
}

// open loads the configuration, opens and migrates the database, and makes
// sure the built-in frameworks are there.
func open(ctx context.Context, e *env) (*deps, error) {
	cfg, err := config.Load(e.getenv)
	if err != nil {
		return nil, err
	}
	return openWith(ctx, e, cfg)
}

// openWith is open with the configuration already loaded.
func openWith(ctx context.Context, e *env, cfg *config.Config) (*deps, error) {
	log := newLogger(e.stderr, cfg.LogFormat)
	keys, err := secrets.New(cfg.Secret)
	if err != nil {
		return nil, err
	}
	st, err := store.Open(cfg.DatabasePath(), keys)
	if err != nil {
		return nil, err
	}
	st.Log = log
	applied, err := st.Migrate(ctx)
	if err != nil {
		st.Close()
		return nil, err
	}
	for _, name := range applied {
		log.Info("applied migration", "name", name)
	}
	builtin, err := framework.Builtin()
	if err != nil {
		st.Close()
		return nil, err
	}
	if err := st.SyncBuiltin(ctx, builtin); err != nil {
		st.Close()
		return nil, err
	}
	return &deps{cfg: cfg, log: log, keys: keys, store: st}, nil
}

// newLogger logs JSON unless the output is a terminal (or text is asked for).
func newLogger(w io.Writer, format string) *slog.Logger {
	if format == "" {
		format = "json"
		if f, ok := w.(*os.File); ok {
			if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
				format = "text"
			}
		}
	}
	if format == "text" {
		return slog.New(slog.NewTextHandler(w, nil))
	}
	return slog.New(slog.NewJSONHandler(w, nil))
}

func runVersion(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "version", "version", "Prints the version of this binary.")
	if err := parse(fs, args); err != nil {
		return err
	}
	v := Version
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " (" + s.Value[:12] + ")"
			}
		}
	}
	fmt.Fprintln(e.stdout, "rapport", v)
	return nil
}
