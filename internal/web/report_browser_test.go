package web_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/rapporthq/rapport/internal/testkit"
)

// TestReportPageInBrowser opens the report page as the coach (signed in)
// and as the leader (by the link in the release email) in headless
// Chromium: axe-clean at 1280 and 375 px, no text whose contrast axe or
// HTML_CodeSniffer cannot decide, nothing wider than a phone, every chart
// with a text alternative and its text beside its shapes, every statement
// table with real headers, and for print the navigation and buttons left
// out and no table cut.
func TestReportPageInBrowser(t *testing.T) {
	f := newReportFixture(t)
	f.app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/close", f.roundID), f.token, nil)
	_, token := f.release(t)
	ctx := testkit.Browser(t)
	run, look, follow := pageSteps(t, ctx, "report_")

	run(chromedp.Navigate(f.app.URL + "/login"))
	run(chromedp.SendKeys("#email", f.coach.Email), chromedp.SendKeys("#password", testkit.CoachPassphrase))
	follow(`form[action="/login"] button[type="submit"]`, ".page-head")
	run(chromedp.Navigate(fmt.Sprintf("%s/rounds/%d", f.app.URL, f.roundID)))
	follow(fmt.Sprintf(`a[href="/rounds/%d/report"]`, f.roundID), "#summary-title")
	look("coach", "Summary", "Highest rated by All others (3)", "Largest hidden strength", "Overview of competencies", "Development plan")
	checkReportMarkup(t, ctx)

	run(chromedp.Navigate(f.app.URL + "/r/" + token))
	run(chromedp.WaitVisible("#summary-title"))
	look("leader", "Summary", "Open the PDF", "In their own words")
	checkReportMarkup(t, ctx)
	savePrinted(t, ctx, "report_leader_print")
	href := browserEval[string](t, ctx, `document.querySelector(".report__pdf a").href`)
	if resp, _ := getPath(t, f.app, href[len(f.app.URL):]); resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/pdf" {
		t.Errorf("the page's PDF link: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

// checkReportMarkup checks what axe's violations do not: each chart says
// its figures, each statement table has a header per column and per row,
// at 375 and 1280 px the charts' text sits beside their shapes and every
// text's contrast can be decided, and printing leaves out what only works
// on screen and lets wide tables show whole.
func checkReportMarkup(t *testing.T, ctx context.Context) {
	t.Helper()
	silent := browserEval[int](t, ctx, `[...document.querySelectorAll("main svg")].filter(s =>
		s.getAttribute("aria-hidden") !== "true" && !(s.getAttribute("role") === "img" && s.getAttribute("aria-label"))).length`)
	if silent != 0 {
		t.Errorf("%d charts have no text alternative", silent)
	}
	bad := browserEval[[]string](t, ctx, `[...document.querySelectorAll(".report-table--items")].flatMap(tb => {
		const cols = tb.querySelectorAll("thead th[scope=col]").length, out = [];
		tb.querySelectorAll("tbody tr").forEach(tr => {
			if (!tr.querySelector("th[scope=row]") || tr.children.length !== cols) out.push(tr.textContent.trim().slice(0, 40));
		});
		return out;
	})`)
	if len(bad) > 0 {
		t.Errorf("statement rows without a row header or with other columns than the header: %q", bad)
	}
	for _, width := range []int64{375, 1280} {
		browserDo(t, ctx, testkit.Viewport(width, 900))
		checkChartText(t, ctx, width)
		for _, fault := range checkableText(t, ctx) {
			t.Errorf("%d px: %s", width, fault)
		}
	}
	media := func(m string) {
		t.Helper()
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m}); err != nil {
			t.Fatal(err)
		}
	}
	media("print")
	printed := browserEval[[]string](t, ctx, `[getComputedStyle(document.querySelector(".report__pdf")).display,
		getComputedStyle(document.querySelector(".site-header")).display,
		getComputedStyle(document.querySelector(".report-scroll")).overflowX]`)
	media("")
	if fmt.Sprint(printed) != "[none none visible]" {
		t.Errorf("printed, the PDF link, the header and the tables' overflow are %q", printed)
	}
}

// savePrinted saves the page as Chromium prints it (A4), under
// $RAPPORT_SHOTS_DIR when that is set, for looking at by eye.
func savePrinted(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("RAPPORT_SHOTS_DIR")
	if dir == "" {
		return
	}
	out, err := chromedp.Call(ctx, cdppage.PrintToPDF, cdppage.PrintToPDFParams{PaperWidth: 8.27, PaperHeight: 11.69})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".pdf"), out.Data, 0o644); err != nil {
		t.Fatal(err)
	}
}
