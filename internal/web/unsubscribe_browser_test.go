package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

// TestUnsubscribePageInBrowser: the page a rater reaches from "stop
// reminders" passes axe at both widths before and after stopping, its
// icons drawn (no glyph whose colour contrast checkers cannot judge).
func TestUnsubscribePageInBrowser(t *testing.T) {
	app := testkit.NewApp(t)
	lr := app.Launch(t, "Hana Leader", rapport.RaterInput{Name: "Pia Peer", Email: "pia@example.com", Relationship: rapport.Peer})
	optOut := testkit.Keys(t).OptOutToken(lr.Links["pia@example.com"])
	ctx := testkit.Browser(t)
	run, look, _ := pageSteps(t, ctx, "unsubscribe_")
	run(chromedp.Navigate(app.URL + "/u/" + optOut))
	look("ask", "Stop reminders?")
	if n := browserEval[int](t, ctx, `document.querySelectorAll(".icon-badge svg").length`); n != 1 {
		t.Errorf("%d drawn icons on the page, want 1", n)
	}
	run(chromedp.Click(`form button[type="submit"]`), chromedp.WaitVisible(`.icon-badge--success`))
	look("done", "Reminders stopped")
}
