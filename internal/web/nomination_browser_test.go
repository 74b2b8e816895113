package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/chromedp"

	"github.com/rapporthq/rapport/internal/testkit"
)

// TestNominationInBrowser walks the nomination in a real browser: the
// coach asks the leader from the round page; the leader opens the link in
// the email, makes a mistake and sees it beside the row with every value
// kept, saves, comes back and sends the list; the coach sees the proposals
// and approves one. Each page passes axe-core at 375 and 1280 px without
// scrolling sideways.
func TestNominationInBrowser(t *testing.T) {
	app := testkit.NewApp(t)
	ms := testkit.NewMailServer(t)
	app.RunMailer(t, ms)
	coach, password := testkit.Coach(t, app.Store)
	resp := app.Do("POST", "/api/v1/tokens", "", map[string]string{"email": coach.Email, "password": password})
	token, _ := resp.Map(t)["token"].(string)
	roundID := createRound(t, app, token, createLeader(t, app, token, "Lena Leader"))
	ctx := testkit.Browser(t)

	run, look, follow := pageSteps(t, ctx, "nomination_")

	// The coach asks the leader.
	roundURL := fmt.Sprintf("%s/rounds/%d", app.URL, roundID)
	run(chromedp.Navigate(app.URL+"/login"), chromedp.SendKeys("#email", coach.Email), chromedp.SendKeys("#password", password))
	follow(`form button[type="submit"]`, "body")
	run(chromedp.Navigate(roundURL))
	look("round_draft", "Raters proposed by the leader", "Ask the leader to nominate")
	run(chromedp.Click("#nomination summary"))
	follow(`#nomination form button[type="submit"]`, "#nomination")
	look("round_sent", "A nomination link is on its way to lena.leader@example.com", "has not sent a list yet")

	// The leader opens the link and makes a mistake in row 2.
	link := app.URL + ms.WaitFor(t, "lena.leader@example.com", 1)[0].LinkPath(t, "n")
	run(chromedp.Navigate(link))
	look("leader_empty", "Who should give you feedback?", "at least 3")
	run(chromedp.SendKeys("#n0-name", "Mia Manager"), chromedp.SendKeys("#n0-email", "mia@example.com"),
		chromedp.SetValue("#n0-relationship", "superior"),
		chromedp.SendKeys("#n1-name", "Pia Peer"), chromedp.SendKeys("#n1-email", "pia.example.com"))
	follow(`button[value="save"]`, "#n1-email-error")
	look("leader_refused", "Your list was not saved yet")
	kept, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`[document.querySelector("#n0-name").value, document.querySelector("#n0-relationship").value, document.querySelector("#n1-email").value].join("|")`))
	if err != nil {
		t.Fatal(err)
	}
	if kept != "Mia Manager|superior|pia.example.com" {
		t.Errorf("the refused form kept %q", kept)
	}

	// Fixed and saved, then back later and sent.
	run(chromedp.SetValue("#n1-email", "pia@example.com"))
	follow(`button[value="save"]`, "#nom-status")
	look("leader_saved", "Saved", "Person 5")
	run(chromedp.Navigate(link))
	follow(`button[value="submit"]`, "#nom-status")
	look("leader_sent", "Sent to", "Pia Peer")
	if resp := app.Do("GET", strings.Replace(link, app.URL+"/n/", "/api/v1/nomination/", 1), "", nil); resp.Map(t)["status"] != "submitted" {
		t.Fatalf("after sending: %s", resp.Body)
	}
	ms.WaitFor(t, coach.Email, 1)

	// The coach decides.
	run(chromedp.Navigate(roundURL))
	look("round_proposals", "Proposed by the leader", "2 proposed raters await your decision")
	// Each Approve button names whom it approves, for screen readers only.
	if got := accessibleNames(t, ctx, `#raters form[action$="/approve"] button`); strings.Join(got, "; ") != "Approve Mia Manager; Approve Pia Peer" {
		t.Errorf("the approve buttons are announced as %q", got)
	}
	follow(`#raters form[action$="/approve"] button`, "#raters")
	look("round_approved", "Mia Manager was approved", "1 proposed rater awaits your decision")
	if st := raterStatuses(t, app, token, roundID); st["mia@example.com"] != "invited" || st["pia@example.com"] != "proposed" {
		t.Errorf("after one approval: %v", st)
	}
	if p := app.Do("GET", "/n/"+strings.Repeat("x", 43), "", nil); p.Status != http.StatusNotFound {
		t.Errorf("an unknown nomination link answers %d", p.Status)
	}
}

// accessibleNames are the names Chromium gives the elements sel matches:
// what a screen reader announces for each.
func accessibleNames(t *testing.T, ctx context.Context, sel string) []string {
	t.Helper()
	nodes, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSSAll(sel)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, n := range nodes {
		tree, err := chromedp.Call(ctx, accessibility.GetPartialAXTree,
			accessibility.GetPartialAXTreeParams{BackendNodeID: n.BackendNodeID, FetchRelatives: new(bool)})
		if err != nil {
			t.Fatal(err)
		}
		var name string
		if len(tree.Nodes) > 0 && tree.Nodes[0].Name != nil {
			if err := json.Unmarshal(tree.Nodes[0].Name.Value, &name); err != nil {
				t.Fatal(err)
			}
		}
		names = append(names, name)
	}
	return names
}
