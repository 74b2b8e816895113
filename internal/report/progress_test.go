package report_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/report"
	"github.com/rapporthq/rapport/internal/scoring"
	"github.com/rapporthq/rapport/internal/testkit"
)

// renderFile draws the report into a file (kept in RAPPORT_REPORT_DIR when
// that is set, to look at) and returns its path.
func renderFile(t *testing.T, name string, in scoring.Input) string {
	t.Helper()
	return drawFile(t, name, meta(in), scoring.Compute(in))
}

// drawFile draws the report of m and s into name.pdf, in RAPPORT_REPORT_DIR
// when that is set, and returns its path: the one place the report tests
// write a PDF.
func drawFile(t *testing.T, name string, m report.Meta, s *scoring.Summary) string {
	t.Helper()
	var buf bytes.Buffer
	if err := report.Render(&buf, m, s); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if keep := os.Getenv("RAPPORT_REPORT_DIR"); keep != "" {
		dir = keep
	}
	path := filepath.Join(dir, name+".pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// pageWith is the text of the first page of the PDF holding want, with
// its lines as pdftotext lays them out.
func pageWith(t *testing.T, path, want string) string {
	t.Helper()
	for _, page := range strings.Split(testkit.Tool(t, "pdftotext", "-enc", "UTF-8", "-layout", path, "-"), "\f") {
		if strings.Contains(page, want) {
			return page
		}
	}
	t.Fatalf("no page of %s holds %q", filepath.Base(path), want)
	return ""
}

// The progress page compares every group reported in both rounds: here
// self, the manager, peers and all others, but not direct reports, merged
// with others last time and on their own now.
func TestProgressComparesEveryGroupInBothRounds(t *testing.T) {
	self, sup, peer, dr, other := rapport.Self, rapport.Superior, rapport.Peer, rapport.DirectReport, rapport.Other
	in := round(3, 0, self, sup, peer, peer, peer, dr, dr, dr)
	prev := round(3, 2, self, sup, peer, peer, peer, dr, other, other)
	in.Previous, in.PreviousRound = scoring.Compute(prev), &scoring.RoundRef{Title: "Autumn 2025",
		ClosedAt: time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)}
	page := pageWith(t, renderFile(t, "progress", in), "Progress since the last round")

	rowsOf := func(label string) int {
		row := regexp.MustCompile(regexp.QuoteMeta(label) + ` +\d\.\d\d → \d\.\d\d +[+−±]\d`)
		return len(row.FindAllString(page, -1))
	}
	for _, label := range []string{"Self", sup.Label(), "Peers", "All others"} {
		if got := rowsOf(label); got != 2 {
			t.Errorf("%d progress rows for %s, want one per competency (2)\n%s", got, label, page)
		}
	}
	if got := rowsOf(dr.Label()); got != 0 {
		t.Errorf("%d progress rows for direct reports, who were merged last time", got)
	}
	if !strings.Contains(strings.Join(strings.Fields(page), " "), "a lower self-rating after feedback is often a sign of insight") {
		t.Errorf("the page does not say what a lower self-rating may mean\n%s", page)
	}
}
