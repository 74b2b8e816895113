package web_test

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/testkit"
)

func TestEditLeaderPage(t *testing.T) {
	app := testkit.NewApp(t)
	b := newBrowser(t, app)
	b.signIn()
	round := newLeaderAndRound(t, b, "Nora Name")
	expectRedirect(t, b.post(round+"/raters", url.Values{"name": {"Pia"}, "email": {"pia@example.com"}, "relationship": {"peer"}}), round)
	leader := regexp1(t, b.get(round).Body, `href="(/leaders/\d+)"`)
	expectStatus(t, b.get(leader), 200, `href="`+leader+`/edit"`)
	expectStatus(t, b.get(leader+"/edit"), 200, `value="Nora Name"`, `value="nora.name@example.com"`)

	t.Run("ARefusedEditKeepsTheInputAndFocusesTheFault", func(t *testing.T) {
		p := b.post(leader+"/edit", url.Values{"name": {"Nora N."}, "email": {"pia@example.com"}, "title": {"COO"}})
		expectStatus(t, p, 422, `value="Nora N."`, `value="COO"`, "is the address of Pia, a rater of")
		expectInvalid(t, p, "email")
		if !strings.Contains(p.Body, `aria-invalid="true" autofocus`) || strings.Count(p.Body, "autofocus") != 1 {
			t.Error("the refused field does not have the focus")
		}
	})
	t.Run("SavesAndTheDraftFollows", func(t *testing.T) {
		expectRedirect(t, b.post(leader+"/edit", url.Values{"name": {"Nora Novak"}, "email": {"nora@new.example.com"}}), leader)
		expectStatus(t, b.get(leader), 200, "Saved.", "Nora Novak", "nora@new.example.com")
		// The rater table marks addresses up to wrap between their parts.
		if p := b.get(round); !strings.Contains(tagRE.ReplaceAllString(p.Body, ""), "nora@new.example.com") {
			t.Errorf("the round page lacks the leader's new address")
		}
	})
}

// regexp1 is the first group of re in body.
func regexp1(t *testing.T, body, re string) string {
	t.Helper()
	m := regexp.MustCompile(re).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no %s in page", re)
	}
	return m[1]
}

func TestRoundPageKeepsTheCoachOriented(t *testing.T) {
	app := testkit.NewApp(t)
	b := newBrowser(t, app)
	b.signIn()
	round := newLeaderAndRound(t, b, "Otto Oriented")
	for _, r := range []string{"ana", "bo", "cy"} {
		expectRedirect(t, b.post(round+"/raters", url.Values{"name": {r}, "email": {r + "@example.com"}, "relationship": {"peer"}}), round)
	}

	t.Run("ARefusedAddKeepsTheRelationshipAndItsURLReloads", func(t *testing.T) {
		p := b.post(round+"/raters", url.Values{"name": {"Dee"}, "email": {"ana@example.com"}, "relationship": {"direct_report"}})
		expectStatus(t, p, 409, `<option value="direct_report" selected>`, `value="Dee"`)
		expectRedirect(t, b.get(round+"/raters"), round)
		expectRedirect(t, b.get(round+"/raters/import"), round)
	})
	t.Run("RemindNowSaysBeforehandWhomItReaches", func(t *testing.T) {
		expectRedirect(t, b.post(round+"/launch", nil), round)
		// Everyone was just invited: nobody would be reminded yet.
		expectStatus(t, b.get(round), 200, "Nobody would get a reminder now. 4 raters were emailed in the last 12 hours and are skipped.")
		afterQuietPeriod(t, app)
		expectStatus(t, b.get(round), 200, "Email a reminder to 4 raters who have not answered yet?")
		expectRedirect(t, b.post(round+"/remind", nil), round)
		expectStatus(t, b.get(round), 200, "Reminders queued for 4 raters", "Nobody would get a reminder now.")
		expectRedirect(t, b.post(round+"/remind", nil), round)
		expectStatus(t, b.get(round), 200, "No reminder was sent. 4 raters were skipped: they had an email in the last 12 hours.")
	})
	t.Run("AClosedRoundShowsWhenItClosedAndAwaitsRelease", func(t *testing.T) {
		expectRedirect(t, b.post(round+"/close", nil), round)
		body := text(b.get(round))
		if !strings.Contains(body, "Closed ") || !strings.Contains(body, "the deadline was ") || strings.Contains(body, " UTC") {
			t.Errorf("closed round page: %.1500s", body)
		}
		dash := text(b.get("/"))
		if !strings.Contains(dash, "Needs attention 1") || !strings.Contains(dash, "Closed: ready to read and release") {
			t.Errorf("dashboard: %.1500s", dash)
		}
		expectRedirect(t, b.post(round+"/release", nil), round)
		if dash := text(b.get("/")); strings.Contains(dash, "ready to read and release") {
			t.Errorf("a released round still needs attention: %.1500s", dash)
		}
	})
	t.Run("CopyAndDeleteRefuseALaunchedRound", func(t *testing.T) {
		expectRedirect(t, b.post(round+"/delete", nil), round)
		expectStatus(t, b.get(round), 200, "The round was not deleted: the round is closed; only a draft round can be deleted")
		expectRedirect(t, b.post(round+"/raters/copy", url.Values{"from_round_id": {fmt.Sprint(1)}}), round)
		expectStatus(t, b.get(round), 200, "No raters were copied")
	})
}
