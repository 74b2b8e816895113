package cli_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/cli"
)

func run(t *testing.T, dir, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runWith(t, map[string]string{"RAPPORT_DATA_DIR": dir}, stdin, args...)
}

func runWith(t *testing.T, env map[string]string, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env["RAPPORT_LOG_FORMAT"] = "text"
	code = cli.Main(args, strings.NewReader(stdin), &out, &errOut, func(k string) string { return env[k] })
	return code, out.String(), errOut.String()
}

// TestSweepNeedsTheServersEnvironment: run from cron or by hand without
// serve's RAPPORT_* settings, sweep would mail links to the default
// http://localhost base URL.
func TestSweepNeedsTheServersEnvironment(t *testing.T) {
	dir := t.TempDir()
	// Nothing listens there: a sweep that got as far as sending would fail
	// differently; with nothing due it never connects.
	const smtpURL = "smtp://127.0.0.1:1"
	t.Run("RefusesWithSMTPAndNoBaseURL", func(t *testing.T) {
		code, out, errOut := runWith(t, map[string]string{"RAPPORT_DATA_DIR": dir, "RAPPORT_SMTP_URL": smtpURL}, "", "sweep")
		if code == 0 || !strings.Contains(errOut, "RAPPORT_BASE_URL is not set") ||
			!strings.Contains(errOut, "same RAPPORT_* environment as rapport serve") || strings.Contains(out, "sweep done") {
			t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
		}
	})
	t.Run("RunsWithSMTPAndABaseURL", func(t *testing.T) {
		code, out, errOut := runWith(t, map[string]string{"RAPPORT_DATA_DIR": dir, "RAPPORT_SMTP_URL": smtpURL,
			"RAPPORT_BASE_URL": "https://feedback.example.com"}, "", "sweep")
		if code != 0 || !strings.Contains(out, "sweep done") || strings.Contains(errOut, "warning") {
			t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
		}
	})
	t.Run("WarnsWithTheFileOutbox", func(t *testing.T) {
		code, out, errOut := runWith(t, map[string]string{"RAPPORT_DATA_DIR": dir}, "", "sweep")
		if code != 0 || !strings.Contains(out, "sweep done") || !strings.Contains(errOut, "warning: RAPPORT_BASE_URL is not set") {
			t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
		}
	})
}

func TestCommands(t *testing.T) {
	dir := t.TempDir()
	t.Run("HelpOnEveryCommand", func(t *testing.T) {
		for _, args := range [][]string{{"--help"}, {"serve", "--help"}, {"migrate", "--help"}, {"coach", "add", "--help"}, {"sweep", "--help"}, {"version", "--help"}} {
			code, out, errOut := run(t, dir, "", args...)
			if code != 0 || !strings.Contains(out+errOut, "rapport") {
				t.Errorf("%v: exit %d, output %q", args, code, out+errOut)
			}
		}
	})
	t.Run("UnknownCommandIsAUsageError", func(t *testing.T) {
		if code, _, errOut := run(t, dir, "", "frobnicate"); code != 2 || !strings.Contains(errOut, "unknown command") {
			t.Fatalf("exit %d: %s", code, errOut)
		}
	})
	t.Run("Migrate", func(t *testing.T) {
		code, out, errOut := run(t, dir, "", "migrate")
		if code != 0 || !strings.Contains(out, "schema version") {
			t.Fatalf("exit %d: %s %s", code, out, errOut)
		}
	})
	t.Run("CoachAddReadsThePasswordFromStdin", func(t *testing.T) {
		code, out, errOut := run(t, dir, "a long enough passphrase\n", "coach", "add", "--email", "ana@example.com", "--name", "Ana Lima")
		if code != 0 || !strings.Contains(out, "ana@example.com") {
			t.Fatalf("exit %d: %s %s", code, out, errOut)
		}
		if code, _, errOut := run(t, dir, "a long enough passphrase\n", "coach", "add", "--email", "ANA@example.com", "--name", "Ana"); code != 1 || !strings.Contains(errOut, "already exists") {
			t.Fatalf("duplicate coach: exit %d: %s", code, errOut)
		}
		if code, _, errOut := run(t, dir, "short\n", "coach", "add", "--email", "b@example.com", "--name", "B"); code != 1 || !strings.Contains(errOut, "at least") {
			t.Fatalf("short password: exit %d: %s", code, errOut)
		}
		if code, _, _ := run(t, dir, "", "coach", "add", "--email", "b@example.com"); code != 2 {
			t.Fatalf("missing --name: exit %d", code)
		}
	})
	t.Run("Version", func(t *testing.T) {
		if code, out, _ := run(t, dir, "", "version"); code != 0 || !strings.HasPrefix(out, "rapport ") {
			t.Fatalf("exit %d: %q", code, out)
		}
	})
}
