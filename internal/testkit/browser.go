package testkit

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser starts a headless Chromium for one test and returns a context to
// drive it with chromedp. A missing Chromium fails the test: run make test-deps.
func Browser(t testing.TB) context.Context {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		t.Fatal("testkit: Chromium not found (looked for chromium, chromium-browser, google-chrome); run `make test-deps`")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	// The first run starts the browser; it must not carry the timeout, or
	// the browser would live only as long as it.
	if err := chromedp.Do(browserCtx); err != nil {
		cancelBrowser()
		cancelAlloc()
		t.Fatalf("testkit: start Chromium: %v", err)
	}
	failOnConsoleErrors(t, browserCtx)
	// Everything the test does next is bounded, so a hung page fails the
	// test instead of hanging the suite; the bound is generous because a
	// whole browser test (several pages, axe on each) runs under one.
	ctx, cancelTimeout := context.WithTimeout(browserCtx, 3*time.Minute)
	t.Cleanup(func() {
		cancelTimeout()
		cancelBrowser()
		cancelAlloc()
	})
	return ctx
}

func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Viewport sets the page size in CSS pixels; widths under 600 emulate a
// phone (mobile layout and touch).
func Viewport(width, height int64) chromedp.Action[chromedp.Void] {
	if width < 600 {
		return chromedp.EmulateViewport(width, height, chromedp.EmulateMobile)
	}
	return chromedp.EmulateViewport(width, height)
}

// AxeViolation is one rule axe-core found broken on a page.
type AxeViolation struct {
	ID          string `json:"id"`
	Impact      string `json:"impact"`
	Description string `json:"description"`
	Nodes       []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
	} `json:"nodes"`
}

func (v AxeViolation) String() string {
	var nodes []string
	for _, n := range v.Nodes {
		nodes = append(nodes, fmt.Sprint(n.Target))
	}
	return fmt.Sprintf("%s (%s): %s at %s", v.ID, v.Impact, v.Description, strings.Join(nodes, ", "))
}

// Axe runs axe-core (installed by make test-deps) on the current page and
// returns its violations of WCAG 2.x A and AA and best practices.
func Axe(t testing.TB, ctx context.Context) []AxeViolation {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(RepoRoot(t), ".cache/npm/node_modules/axe-core/axe.min.js"))
	if err != nil {
		t.Fatalf("testkit: axe-core is not installed (%v); run `make test-deps`", err)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](string(src))); err != nil {
		t.Fatalf("testkit: load axe: %v", err)
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document, {resultTypes: ["violations"],
		runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}})
		.then(r => JSON.stringify(r.violations))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("testkit: run axe: %v", err)
	}
	var out []AxeViolation
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		t.Fatalf("testkit: axe result: %v", err)
	}
	return out
}

// Screenshot saves a full-page PNG of the current page under
// $RAPPORT_SHOTS_DIR, when that is set (for looking at pages by eye).
func Screenshot(t testing.TB, ctx context.Context, name string) {
	t.Helper()
	saveShot(t, ctx, name, chromedp.FullScreenshot(100)) // quality 100 gives a PNG
}

// ScreenshotViewport saves only what is in view, for long pages.
func ScreenshotViewport(t testing.TB, ctx context.Context, name string) {
	t.Helper()
	saveShot(t, ctx, name, chromedp.CaptureScreenshot())
}

func saveShot(t testing.TB, ctx context.Context, name string, shot chromedp.Action[[]byte]) {
	t.Helper()
	dir := os.Getenv("RAPPORT_SHOTS_DIR")
	if dir == "" {
		return
	}
	// Let the page paint after the last resize or scroll.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))`,
		chromedp.EvalAwaitPromise)); err != nil {
		t.Fatalf("testkit: wait for paint: %v", err)
	}
	png, err := chromedp.Run(ctx, shot)
	if err != nil {
		t.Fatalf("testkit: screenshot %s: %v", name, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
