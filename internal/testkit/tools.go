package testkit

import (
	"os/exec"
	"testing"
)

// Tool runs an installed command-line tool (pdftotext, pdfinfo, qpdf...)
// and returns its output. A missing tool fails the test: `make test-deps`
// installs them.
func Tool(t testing.TB, name string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Fatalf("%s is not installed: run `make test-deps`", name)
	}
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}
