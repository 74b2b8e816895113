package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rapporthq/rapport/internal/testkit"
)

// TestCoachJourneyInBrowser drives a coach's whole round in headless
// Chromium: sign in, create a leader and a round, import raters from CSV,
// launch, close, release. Every page is checked with axe-core at desktop
// and phone widths, and must not scroll sideways on a phone.
func TestCoachJourneyInBrowser(t *testing.T) {
	app := testkit.NewApp(t)
	coach, password := testkit.Coach(t, app.Store)
	ctx := testkit.Browser(t)

	run := func(actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatal(err)
		}
	}
	// look checks the page now shown: it holds want, passes axe at both
	// widths and is saved as name_1280.png and name_375.png.
	look := func(name string, want ...string) {
		t.Helper()
		body, err := chromedp.Run(ctx, chromedp.Text("body"))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Fatalf("%s: page lacks %q:\n%s", name, w, body)
			}
		}
		for _, width := range []int64{1280, 375} {
			run(testkit.Viewport(width, 900))
			for _, v := range testkit.Axe(t, ctx) {
				t.Errorf("%s at %d px: %s", name, width, v)
			}
			assertNoHorizontalScroll(t, ctx, width)
			testkit.Screenshot(t, ctx, "coach_"+name+"_"+itoa(width))
		}
		run(testkit.Viewport(1280, 900))
	}
	// follow clicks sel and waits for the next page: the old one is marked
	// first, so a selector both pages share cannot match too early.
	follow := func(sel, wait string) {
		t.Helper()
		run(chromedp.Evaluate[chromedp.Void](`document.body.dataset.left = "1"`), chromedp.Click(sel),
			chromedp.WaitReady(`body:not([data-left])`), chromedp.WaitVisible(wait))
	}
	submit := func(form string, wait string) {
		t.Helper()
		follow(form+` button[type="submit"]`, wait)
	}

	run(chromedp.Navigate(app.URL + "/"))
	look("signin", "Sign in")

	run(chromedp.SendKeys("#email", coach.Email), chromedp.SendKeys("#password", "wrong password"))
	submit(`form[action="/login"]`, ".alert--error")
	look("signin_refused", "The email or the password is wrong.")

	run(chromedp.SendKeys("#password", password))
	submit(`form[action="/login"]`, ".page-head")
	look("dashboard_empty", "No rounds yet", "Add your first leader")

	follow(`a[href="/leaders#new-leader"]`, "#f-name")
	look("leaders_empty", "No leaders yet")
	run(chromedp.SendKeys("#f-name", "Marta Kowalska"), chromedp.SendKeys("#f-email", "marta@example.com"),
		chromedp.SendKeys("#f-title", "Chief Operating Officer"), chromedp.SendKeys("#f-organization", "Northwind"))
	submit(`form[action="/leaders"]`, ".flash")
	look("leader", "Marta Kowalska was added", "No rounds for Marta yet")

	follow(`.page-head__actions a`, "#f-title")
	look("round_new", "New round", "Anonymity threshold")
	run(chromedp.SendKeys("#f-title", "Leadership 360, spring"))
	submit(`form[action="/rounds"]`, ".flash")
	look("round_draft", "Round created as a draft", "Only the leader so far")

	csv := "name,email,relationship\nAna Novak,ana@example.com,peer\nBo Lind,bo@example.com,peer\nDimitra Papadopoulou,dimitra@example.com,direct_report\nOleksandr Shevchenko,oleksandr@example.com,superior\n"
	run(chromedp.SendKeys("#f-csv", csv))
	submit(`form[action$="/raters/import"]`, ".flash")
	look("round_imported", "4 raters imported.", "Some groups are too small", "Peers: 2 invited")

	follow(`a[href$="preview?as=self"]`, ".tabs")
	look("preview_self", "As the leader")
	follow(`.tabs a[href$="as=others"]`, ".tabs")
	look("preview_others", "Marta")
	follow(`.breadcrumb a`, "#raters")

	run(chromedp.Click(`.confirm--primary summary`), chromedp.WaitVisible(`form[action$="/launch"] button`))
	look("round_launch_confirm", "Send invitations to all 5 raters now")
	submit(`form[action$="/launch"]`, ".flash")
	look("round_open", "Launched. Invitations are on their way", "Collecting", "Send reminders now")

	run(chromedp.Navigate(app.URL+"/"), chromedp.WaitVisible(".round-list"))
	look("dashboard", "Leadership 360, spring", "Marta Kowalska", "Collecting")

	run(chromedp.Navigate(app.URL+"/frameworks"), chromedp.WaitVisible(".fw-list"))
	look("frameworks", "Built in")
	follow(`.fw-card a`, ".page-head__actions")
	look("framework", "Duplicate", "Export JSON")

	run(chromedp.Navigate(app.URL+"/"), chromedp.WaitVisible(".round-list"))
	follow(".round-card__link", "#raters")
	run(chromedp.Click(`details:has(form[action$="/close"]) summary`), chromedp.WaitVisible(`form[action$="/close"] button`))
	submit(`form[action$="/close"]`, ".flash")
	look("round_closed", "Closed. Answers are final", "Download the PDF report", "Release to leader")
	// The download link fetches the PDF with the session cookie.
	pdf, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(document.querySelector('a[href$="/report.pdf"]').href)
		.then(r => r.blob().then(b => b.slice(0, 5).text()).then(head => r.status + " " + r.headers.get("content-type") + " " + head))`, chromedp.EvalAwaitPromise))
	if err != nil || pdf != "200 application/pdf %PDF-" {
		t.Fatalf("PDF download: %q %v", pdf, err)
	}

	run(chromedp.Click(`details:has(form[action$="/release"]) summary`), chromedp.WaitVisible(`form[action$="/release"] button`))
	submit(`form[action$="/release"]`, ".flash")
	look("round_released", "Released. Marta Kowalska is getting an email", "Released to leader")

	follow(`form[action="/logout"] button`, "#email")
	look("signed_out", "You are signed out.")
}
