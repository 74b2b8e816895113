package web_test

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

// TestRaterTableKeepsEmailsWhole: at any width an email address in the
// round's rater table wraps only after its "@" or before a dot, never
// inside a word; what does not fit scrolls the table, not the page.
func TestRaterTableKeepsEmailsWhole(t *testing.T) {
	app := testkit.NewApp(t)
	long := "konstantinos.papadopoulos-antonopoulos@aigaio-logistics.example.com"
	lr := app.Launch(t, "Eleni Papadopoulou",
		rapport.RaterInput{Name: "Konstantinos Papadopoulos", Email: long, Relationship: rapport.Peer},
		rapport.RaterInput{Name: "Pia Peer", Email: "pia@example.com", Relationship: rapport.Peer},
		rapport.RaterInput{Name: "Bo Boss", Email: "bartholomew.featherstonehaugh@board.example.org", Relationship: rapport.Superior})
	ctx := testkit.Browser(t)
	run, look, _ := pageSteps(t, ctx, "raters_")
	run(chromedp.Navigate(app.URL+"/login"), chromedp.SendKeys("#email", lr.Coach.Email),
		chromedp.SendKeys("#password", testkit.CoachPassphrase), chromedp.Submit("#password"), chromedp.WaitVisible(".page-head"))
	run(chromedp.Navigate(fmt.Sprintf("%s/rounds/%d", app.URL, lr.Round.ID)), chromedp.WaitVisible("#raters"))

	// brokenParts lists the parts of each address (split after "@" and
	// before dots) that the browser laid out on more than one line, and
	// any address whose parts do not spell it whole.
	const brokenParts = `[...document.querySelectorAll("#raters .cell-email")].flatMap(el => {
		const parts = [...el.children];
		if (parts.map(p => p.textContent).join("") !== el.textContent) return ["not split into parts: " + el.textContent];
		return parts.filter(p => {
			const r = document.createRange(); r.selectNodeContents(p);
			return new Set([...r.getClientRects()].map(q => Math.round(q.top))).size > 1;
		}).map(p => p.textContent);
	})`
	for _, width := range []int64{1280, 1024, 640, 375} {
		run(testkit.Viewport(width, 900))
		if got := browserEval[int](t, ctx, `document.querySelectorAll("#raters .cell-email").length`); got != 4 {
			t.Fatalf("%d email cells, want 4 (three raters and the leader)", got)
		}
		if parts := browserEval[[]string](t, ctx, brokenParts); len(parts) > 0 {
			t.Errorf("%d px: email parts broken mid-word: %q", width, parts)
		}
		assertNoHorizontalScroll(t, ctx, width)
	}
	look("round", "Konstantinos Papadopoulos", long)
}
