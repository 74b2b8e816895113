//go:build ext

// Package ext runs the checkers that mail providers, browsers and
// document archives use (mailpit, Lighthouse, pa11y, pdfcpu) on a real
// `rapport serve` that has been through a whole round. `make check-ext`
// runs it; .ci/check-ext-deps.sh installs the tools.
package ext_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/testkit"
)

// coachPages need the coach's session; the others are reached without one.
var coachPages = map[string]bool{"dashboard": true, "round": true, "coach's report": true, "leader": true, "leaders": true,
	"draft round": true, "edit round": true, "new round": true, "preview": true, "frameworks": true, "framework": true,
	"settings": true, "audit trail": true}

// lighthousePages are the pages whose Lighthouse scores the issue sets.
var lighthousePages = []string{"sign-in", "dashboard", "round", "survey", "leader's report", "coach's report"}

func TestOutsideCheckers(t *testing.T) {
	in := startInstance(t)
	root := testkit.RepoRoot(t)

	t.Run("MailpitChecksEveryEmail", func(t *testing.T) {
		msgs := in.mailpit.Messages(t)
		kinds := map[string]bool{}
		for _, m := range msgs {
			kinds[strings.SplitN(m.Subject, " ", 2)[0]] = true
			for _, f := range in.mailpit.HTMLFaults(t, m.ID) {
				t.Errorf("%q: HTML check: %s", m.Subject, f)
			}
			for _, f := range in.mailpit.LinkFaults(t, m.ID) {
				t.Errorf("%q: link check: %s", m.Subject, f)
			}
		}
		t.Logf("checked %d emails", len(msgs))
	})

	t.Run("PDFPassesStrictValidation", func(t *testing.T) {
		resp := in.srv.Do("GET", in.pdfPath, in.apiToken, nil)
		if resp.Status != 200 {
			t.Fatalf("report: %d", resp.Status)
		}
		path := filepath.Join(t.TempDir(), "report.pdf")
		if err := os.WriteFile(path, resp.Body, 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(filepath.Join(root, ".cache", "bin", "pdfcpu"), "validate", "-m", "strict", path).CombinedOutput()
		if err != nil {
			t.Errorf("pdfcpu validate -m strict: %v\n%s", err, out)
		}
		testkit.Tool(t, "qpdf", "--check", path)
	})

	t.Run("Pa11y", func(t *testing.T) {
		for _, name := range slices.Sorted(maps.Keys(in.pages)) {
			if !chosen(name) {
				continue
			}
			for _, width := range []int{375, 1280} {
				for _, issue := range in.pa11y(t, root, name, width) {
					t.Errorf("%s at %d px: %s", name, width, issue)
				}
			}
		}
	})

	t.Run("Lighthouse", func(t *testing.T) {
		for _, name := range lighthousePages {
			if !chosen(name) {
				continue
			}
			for _, preset := range []string{"mobile", "desktop"} {
				for _, fault := range in.lighthouse(t, root, name, preset) {
					t.Errorf("%s, %s: %s", name, preset, fault)
				}
			}
		}
	})
}

// chosen says whether a page is among EXT_PAGES (comma-separated names, as
// in flow_test.go), to re-run the page checkers on a few pages while
// fixing them; unset means every page.
func chosen(name string) bool {
	pages := os.Getenv("EXT_PAGES")
	return pages == "" || slices.Contains(strings.Split(pages, ","), name)
}

func (in *instance) headers(name string) map[string]string {
	if coachPages[name] {
		return map[string]string{"Cookie": in.cookie}
	}
	return map[string]string{}
}

// pa11y runs pa11y with both runners (HTML_CodeSniffer and axe) for WCAG 2
// AA on a page at a width, and returns every error and warning.
func (in *instance) pa11y(t *testing.T, root, name string, width int) []string {
	t.Helper()
	config := map[string]any{
		"chromeLaunchConfig": map[string]any{"executablePath": chromium(t), "args": []string{"--no-sandbox", "--headless=new"}},
		"standard":           "WCAG2AA", "runners": []string{"htmlcs", "axe"},
		"includeWarnings": true, "includeNotices": false, "timeout": 180000,
		"viewport": map[string]any{"width": width, "height": 900, "isMobile": width < 600},
		"headers":  in.headers(name),
	}
	configPath := writeJSON(t, config)
	cmd := exec.Command(filepath.Join(root, ".cache", "ext", "node_modules", ".bin", "pa11y"),
		"--config", configPath, "--reporter", "json", in.srv.URL+in.pages[name])
	out, err := cmd.Output()
	var issues []struct{ Type, Runner, Code, Message, Selector string }
	if jerr := json.Unmarshal(out, &issues); jerr != nil {
		t.Fatalf("pa11y %s: %v %v\n%s", name, err, jerr, out)
	}
	var faults []string
	for _, i := range issues {
		faults = append(faults, fmt.Sprintf("%s (%s %s) at %s: %s", i.Type, i.Runner, i.Code, i.Selector, i.Message))
	}
	return faults
}

// lighthouse runs Lighthouse on a page with a preset and returns each
// category under its goal: performance 95, accessibility and best
// practices 100, with the failing audits.
func (in *instance) lighthouse(t *testing.T, root, name, preset string) []string {
	t.Helper()
	headers, _ := json.Marshal(in.headers(name))
	report := filepath.Join(t.TempDir(), "lighthouse.json")
	args := []string{in.srv.URL + in.pages[name], "--quiet", "--output=json", "--output-path=" + report,
		"--only-categories=performance,accessibility,best-practices", "--extra-headers=" + string(headers),
		"--chrome-flags=--headless=new --no-sandbox"}
	if preset == "desktop" {
		args = append(args, "--preset=desktop")
	}
	// Lighthouse sometimes fails to record the page load in headless
	// Chromium ("NO_NAVSTART": no score at all, not a low one); such a run is
	// tried again, at most twice. A score under its goal is never retried.
	for attempt := 1; ; attempt++ {
		cmd := exec.Command(filepath.Join(root, ".cache", "ext", "node_modules", ".bin", "lighthouse"), args...)
		cmd.Env = append(os.Environ(), "CHROME_PATH="+chromium(t))
		out, err := cmd.CombinedOutput()
		if err == nil {
			break
		}
		if attempt < 3 && strings.Contains(string(out), "NO_NAVSTART") {
			t.Logf("lighthouse %s, %s: the page load was not recorded (NO_NAVSTART); running it again", name, preset)
			continue
		}
		t.Fatalf("lighthouse %s: %v\n%s", name, err, out)
	}
	var r struct {
		Categories map[string]struct {
			Score     float64
			AuditRefs []struct{ ID string }
		}
		Audits map[string]struct {
			Title            string
			Score            *float64
			ScoreDisplayMode string
			DisplayValue     string
		}
	}
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	goals := map[string]float64{"performance": 0.95, "accessibility": 1, "best-practices": 1}
	var faults []string
	for cat, goal := range goals {
		c := r.Categories[cat]
		t.Logf("%s, %s: %s %.0f", name, preset, cat, c.Score*100)
		if c.Score >= goal {
			continue
		}
		var failing []string
		for _, ref := range c.AuditRefs {
			a := r.Audits[ref.ID]
			if a.Score != nil && *a.Score < 0.9 && a.ScoreDisplayMode != "informative" && a.ScoreDisplayMode != "notApplicable" {
				failing = append(failing, strings.TrimSpace(a.Title+" "+a.DisplayValue))
			}
		}
		faults = append(faults, fmt.Sprintf("%s %.0f (goal %.0f): %s", cat, c.Score*100, goal*100, strings.Join(failing, "; ")))
	}
	return faults
}

func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("Chromium not found: run make test-deps")
	return ""
}

func writeJSON(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "config.json")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
