package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

// TestRoundPageActionsInBrowser drives the draft round page's new actions
// in headless Chromium: copy the raters of the leader's earlier round, a
// refused add and a refused import that keep every value and put the
// cursor on the fault, a reload of the refused form's URL, and the
// confirmed deletion of the draft. Each page state passes axe at 375 and
// 1280 px without sideways scrolling.
func TestRoundPageActionsInBrowser(t *testing.T) {
	app := testkit.NewApp(t)
	coach, password := testkit.Coach(t, app.Store)
	ctx := testkit.Browser(t)
	bg := context.Background()
	leader, err := app.Store.CreateLeader(bg, coach.ID, rapport.LeaderInput{Name: "Rosa Reuse", Email: "rosa@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	newRound := func(title string) *rapport.Round {
		r, err := app.Store.CreateRound(bg, coach.ID, rapport.RoundInput{LeaderID: leader.ID, FrameworkKey: "leadership",
			Title: title, ClosesAt: time.Now().Add(14 * 24 * time.Hour), TimeZone: "Europe/Paris"})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	first := newRound("Spring 360")
	for _, in := range []rapport.RaterInput{{Name: "Ana Peer", Email: "ana@example.com", Relationship: rapport.Peer},
		{Name: "Di Boss", Email: "di@example.com", Relationship: rapport.Superior},
		{Name: "Bo Report", Email: "bo@example.com", Relationship: rapport.DirectReport}} {
		if _, err := app.Store.AddRater(bg, coach.ID, first.ID, in); err != nil {
			t.Fatal(err)
		}
	}
	draft := newRound("Autumn 360")

	run, look, follow := pageSteps(t, ctx, "round_actions_")
	// focused says which element has the cursor, and whether it is in view.
	focused := func() (string, bool) {
		t.Helper()
		got := browserEval[[]any](t, ctx, `(() => { const e = document.activeElement, r = e.getBoundingClientRect();
			return [e.id, r.top >= 0 && r.bottom <= window.innerHeight]; })()`)
		return got[0].(string), got[1].(bool)
	}

	run(chromedp.Navigate(app.URL+"/login"), chromedp.WaitVisible("#email"),
		chromedp.SendKeys("#email", coach.Email), chromedp.SendKeys("#password", password))
	follow(`form[action="/login"] button[type="submit"]`, ".page-head")
	draftPath := "/rounds/" + itoa(draft.ID)
	run(chromedp.Navigate(app.URL+draftPath), chromedp.WaitVisible("#copy-raters"))
	look("draft", "Reuse the raters of an earlier round", "Delete this draft", "Times on this page are in Europe/Paris")

	t.Run("CopiesTheRatersOfTheEarlierRound", func(t *testing.T) {
		follow(`#copy-raters button[type="submit"]`, ".flash")
		look("copied", "3 raters copied")
		if rows := browserEval[int](t, ctx, `document.querySelectorAll("#raters tbody tr").length`); rows != 4 {
			t.Errorf("%d raters shown, want the leader and 3 copied", rows)
		}
	})
	t.Run("ARefusedAddKeepsEveryValueAndFocusesTheFault", func(t *testing.T) {
		run(chromedp.SendKeys("#f-name", "Cy Client"), chromedp.SendKeys("#f-email", "cy-at-example.com"),
			chromedp.SetValue("#f-relationship", "other"))
		follow(`form[action$="/raters"] button[type="submit"]`, ".alert--error")
		if id, inView := focused(); id != "f-email" || !inView {
			t.Errorf("focus on %q (in view %v), want the email field in view", id, inView)
		}
		vals := browserEval[[]string](t, ctx, `["#f-name", "#f-email", "#f-relationship"].map(s => document.querySelector(s).value)
			.concat([document.querySelector("#f-email").getAttribute("aria-invalid")])`)
		if strings.Join(vals, "|") != "Cy Client|cy-at-example.com|other|true" {
			t.Errorf("form after refusal: %v", vals)
		}
		look("add_refused", "is not a valid email address")
	})
	t.Run("ARefusedImportKeepsTheTextFocusesItAndItsURLReloads", func(t *testing.T) {
		csv := "Full name;E-mail;Group\nEd Extern;ed@example.com;client\nFay;not-an-email;peer\n"
		run(chromedp.SetValue("#f-csv", csv))
		follow(`form[action$="/raters/import"] button[type="submit"]`, ".row-errors")
		if id, inView := focused(); id != "f-csv" || !inView {
			t.Errorf("focus on %q (in view %v), want the CSV field in view", id, inView)
		}
		if got := browserEval[string](t, ctx, `document.querySelector("#f-csv").value`); got != csv {
			t.Errorf("CSV after refusal %q", got)
		}
		look("import_refused", "Line 3:", "Nothing was imported")
		// Opening the refused form's URL again shows the round, not a 404.
		run(chromedp.Navigate(app.URL+draftPath+"/raters/import"), chromedp.WaitVisible("#raters"))
		if url := browserEval[string](t, ctx, `location.pathname`); url != draftPath {
			t.Errorf("reloading the import URL led to %s", url)
		}
	})
	t.Run("DeletesTheDraftAfterConfirmation", func(t *testing.T) {
		run(chromedp.Navigate(app.URL+draftPath), chromedp.WaitVisible("#delete-draft"))
		run(chromedp.Click(`#delete-draft summary`), chromedp.WaitVisible(`#delete-draft button`))
		look("delete_confirm", "Delete “Autumn 360” and its 4 raters? Nobody has been invited yet.")
		follow(`#delete-draft button[type="submit"]`, ".flash")
		look("deleted", "The draft “Autumn 360” was deleted.", "Spring 360")
		if _, err := app.Store.Round(bg, coach.ID, draft.ID); rapport.ErrorCode(err) != rapport.ENOTFOUND {
			t.Errorf("the draft is still there: %v", err)
		}
	})
}
