package web_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rapporthq/rapport/internal/testkit"
)

// TestCoachJourneyInBrowser drives a coach's whole round in headless
// Chromium, with the mail worker running and a real SMTP server: sign in,
// create a leader and a round, import raters from CSV, launch, add a rater
// to the open round; the raters open the links in their emails and answer
// (some on the page, some through the survey API), one declines; the coach
// follows progress, closes, downloads the PDF and releases it, and the
// leader's link in the release email gives the same PDF. Every page is
// checked with axe-core at desktop and phone widths, and must not scroll
// sideways on a phone.
func TestCoachJourneyInBrowser(t *testing.T) {
	app := testkit.NewApp(t)
	smtp := testkit.NewMailServer(t)
	app.RunMailer(t, smtp)
	coach, password := testkit.Coach(t, app.Store)
	ctx := testkit.Browser(t)

	run, look, follow := pageSteps(t, ctx, "coach_")
	submit := func(form string, wait string) {
		t.Helper()
		follow(form+` button[type="submit"]`, wait)
	}
	// groups reads the progress bars of the page as "Peers: 3 of 3 submitted".
	groups := func() string {
		t.Helper()
		return strings.Join(browserEval[[]string](t, ctx, `[...document.querySelectorAll(".group__bar")].map(b => b.getAttribute("aria-label"))`), "; ")
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
	// Several faults at once are all pointed out; the input is kept.
	run(chromedp.SetValue("#f-anonymity_threshold", "1"), chromedp.SetValue("#f-reminder_days", "0"),
		chromedp.SetValue("#f-max_reminders", "11"))
	submit(`form[action="/rounds"]`, ".alert--error")
	look("round_new_refused", "The anonymity threshold must be between 2 and 10", "Remind every 1 to 30 days.", "Send between 0 and 10 reminders.",
		"Enter the round's title.")
	run(chromedp.SetValue("#f-anonymity_threshold", "3"), chromedp.SetValue("#f-reminder_days", "3"),
		chromedp.SetValue("#f-max_reminders", "3"))
	run(chromedp.SendKeys("#f-title", "Leadership 360, spring"), chromedp.SetValue("#f-timezone", "Europe/Athens"))
	submit(`form[action="/rounds"]`, ".flash")
	// The deadline is shown in the zone it was typed in (17:00 in Athens),
	// and the page names that zone once.
	look("round_draft", "Round created as a draft", "Only the leader so far", ", 17:00", "Times on this page are in Europe/Athens (UTC+")

	csv := "name,email,relationship\nAna Novak,ana@example.com,peer\nBo Lind,bo@example.com,peer\nDimitra Papadopoulou,dimitra@example.com,direct_report\nOleksandr Shevchenko,oleksandr@example.com,superior\n"
	run(chromedp.SendKeys("#f-csv", csv))
	submit(`form[action$="/raters/import"]`, ".flash")
	look("round_imported", "4 raters imported.", "Some groups are too small", "Peers: 2 invited")

	follow(`a[href$="preview?as=self"]`, ".tabs")
	look("preview_self", "As the leader")
	follow(`.tabs a[href$="as=peer"]`, ".tabs")
	look("preview_others", "Marta")
	follow(`.preview-banner .alert__text a`, "#raters")

	run(chromedp.Click(`.confirm--primary summary`), chromedp.WaitVisible(`form[action$="/launch"] button`))
	look("round_launch_confirm", "Send invitations to all 5 raters now")
	submit(`form[action$="/launch"]`, ".flash")
	look("round_open", "Launched. Invitations are on their way", "Collecting", "Send reminders now")
	roundURL := browserEval[string](t, ctx, `location.origin + location.pathname`)

	// A third peer joins the open round and is invited at once.
	run(chromedp.SendKeys("#f-name", "Chen Wei"), chromedp.SendKeys("#f-email", "chen@example.com"),
		chromedp.SetValue("#f-relationship", "peer"))
	submit(`form[action$="/raters"]`, ".flash")
	look("round_rater_added", "Chen Wei was added as a peer. Their invitation is on its way.")

	// Every rater, the leader included, finds their own link in their invitation.
	links := map[string]string{}
	for _, addr := range []string{"marta@example.com", "ana@example.com", "bo@example.com", "dimitra@example.com", "oleksandr@example.com", "chen@example.com"} {
		inv := smtp.WaitFor(t, addr, 1)
		if len(inv) != 1 {
			t.Fatalf("%s received %d emails, want the one invitation", addr, len(inv))
		}
		links[addr] = inv[0].LinkPath(t, "s")
	}

	// The leader answers on the page, the self-assessment.
	run(chromedp.Navigate(app.URL+links["marta@example.com"]), chromedp.WaitVisible(".survey-form"))
	look("rater_self_survey", "Your self-assessment")
	fillSurvey(t, ctx, func(i int) int { return 4 })
	follow(`button[value="submit"]`, ".icon-badge--success")
	look("rater_self_thanks", "Thank you, your feedback is in", "Your self-assessment is submitted")

	// A peer answers on the page too, with a comment.
	comment := "Marta asks the quiet people in the room first."
	run(chromedp.Navigate(app.URL+links["ana@example.com"]), chromedp.WaitVisible(".survey-form"))
	look("rater_peer_survey", "Feedback for Marta Kowalska")
	fillSurvey(t, ctx, func(i int) int { return 1 + i%5 })
	run(chromedp.SendKeys("textarea", comment))
	follow(`button[value="submit"]`, ".icon-badge--success")
	look("rater_peer_thanks", "Your answers about Marta are submitted")

	// The direct report declines.
	run(chromedp.Navigate(app.URL+links["dimitra@example.com"]), chromedp.WaitVisible(".survey-form"))
	follow(`button[value="decline"]`, `button[value="confirm_decline"]`)
	look("rater_decline_confirm")
	follow(`button[value="confirm_decline"]`, ".icon-badge--neutral")
	look("rater_declined")

	// The others answer through the survey API.
	answerByAPI(t, app, links["bo@example.com"], 3)
	answerByAPI(t, app, links["chen@example.com"], 5)
	answerByAPI(t, app, links["oleksandr@example.com"], 4)

	// The coach sees the same progress on the dashboard and the round page.
	wantGroups := "Self: 1 of 1 submitted; Manager: 1 of 1 submitted; Peers: 3 of 3 submitted; Direct reports: 0 of 1 submitted"
	run(chromedp.Navigate(app.URL+"/"), chromedp.WaitVisible(".round-list"))
	look("dashboard", "Leadership 360, spring", "Marta Kowalska", "Collecting")
	if got := groups(); got != wantGroups {
		t.Errorf("dashboard progress:\n got %s\nwant %s", got, wantGroups)
	}
	follow(".round-card__link", "#raters")
	look("round_answered", "5 of 6 submitted")
	if got := groups(); got != wantGroups {
		t.Errorf("round page progress:\n got %s\nwant %s", got, wantGroups)
	}
	statuses := browserEval[map[string]string](t, ctx, `Object.fromEntries([...document.querySelectorAll("#raters tbody tr")].map(tr =>
		[tr.querySelector(".cell-sub").textContent, tr.querySelector("[data-label=Status] .status").textContent]))`)
	for addr, want := range map[string]string{"marta@example.com": "Submitted", "ana@example.com": "Submitted", "bo@example.com": "Submitted",
		"chen@example.com": "Submitted", "oleksandr@example.com": "Submitted", "dimitra@example.com": "Declined"} {
		if statuses[addr] != want {
			t.Errorf("round page shows %s as %q, want %q", addr, statuses[addr], want)
		}
	}
	// Nobody is left to chase: a declined rater is not reminded.
	run(chromedp.Click(`details:has(form[action$="/remind"]) summary`), chromedp.WaitVisible(`form[action$="/remind"] button`))
	submit(`form[action$="/remind"]`, ".flash")
	look("round_nobody_to_remind", "Every rater has answered, declined or opted out")

	run(chromedp.Navigate(app.URL+"/frameworks"), chromedp.WaitVisible(".fw-list"))
	look("frameworks", "Built in")
	follow(`.fw-card a`, ".page-head__actions")
	look("framework", "Duplicate", "Export JSON")
	run(chromedp.Navigate(app.URL+"/settings"), chromedp.WaitVisible("#f-retention_days"))
	look("settings", "Retention", "Keep closed rounds for")

	run(chromedp.Navigate(app.URL+"/"), chromedp.WaitVisible(".round-list"))
	follow(".round-card__link", "#raters")
	run(chromedp.Click(`details:has(form[action$="/close"]) summary`), chromedp.WaitVisible(`form[action$="/close"] button`))
	submit(`form[action$="/close"]`, ".flash")
	look("round_closed", "Closed. Answers are final", "Download the PDF report", "Release to leader")
	if closed := smtp.WaitFor(t, coach.Email, 1)[0]; !strings.Contains(closed.Subject, "Leadership 360, spring") {
		t.Errorf("the coach's close notice: %q", closed.Subject)
	}

	// The download link gives the PDF with the session cookie; it names the
	// leader and holds the comment, but nobody who answered anonymously.
	dl, pdf := downloadLink(t, ctx, `a[href$="/report.pdf"]`)
	if dl.Status != 200 || dl.Type != "application/pdf" || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("PDF download: %d %s %.20q", dl.Status, dl.Type, pdf)
	}
	text := pdfText(t, pdf)
	for _, want := range []string{"Marta Kowalska", "Leadership 360, spring", comment} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	for _, who := range []string{"Ana Novak", "ana@example.com", "Bo Lind", "bo@example.com", "Chen Wei", "chen@example.com",
		"Dimitra", "dimitra@example.com", "Novak", "Lind"} {
		if strings.Contains(text, who) {
			t.Errorf("the PDF names an anonymous rater: %q", who)
		}
	}

	run(chromedp.Click(`details:has(form[action$="/release"]) summary`), chromedp.WaitVisible(`form[action$="/release"] button`))
	submit(`form[action$="/release"]`, ".flash")
	look("round_released", "Released. Marta Kowalska is getting an email", "Released to leader")
	if n := browserEval[int](t, ctx, `document.querySelectorAll('form[action$="/raters"], form[action$="/raters/import"], form[action$="/release"]').length`); n != 0 {
		t.Errorf("after release the round page still offers %d forms to add raters or release", n)
	}

	// The leader's link in the release email opens the same report, with no sign-in.
	mail := smtp.WaitFor(t, "marta@example.com", 2)[1]
	if !strings.Contains(mail.Subject, "report") {
		t.Fatalf("the leader's second email is %q, want the report", mail.Subject)
	}
	resp, leaderPDF := getPath(t, app, mail.LinkPath(t, "r")+"/report.pdf")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/pdf" || !bytes.Equal(leaderPDF, pdf) {
		t.Errorf("the leader's link: %d %s, %d bytes; want the coach's PDF of %d bytes", resp.StatusCode, resp.Header.Get("Content-Type"), len(leaderPDF), len(pdf))
	}

	run(chromedp.Navigate(roundURL), chromedp.WaitVisible("#raters"))
	look("round_report_sent", "Report email to Marta Kowalska: sent")
	follow(`form[action="/logout"] button`, "#email")
	look("signed_out", "You are signed out.")
}
