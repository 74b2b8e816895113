package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/testkit"
)

// TestRoundPageFollowsWhatRatersDo runs a launched round with its emails
// really delivered, and checks the coach's round page and actions reflect
// what the raters did through the links in those emails.
func TestRoundPageFollowsWhatRatersDo(t *testing.T) {
	app := testkit.NewApp(t)
	smtp := testkit.NewMailServer(t)
	mailer := testkit.Mailer(t, app, app.Store, smtp)
	deliver := func() {
		t.Helper()
		if _, err := mailer.DeliverDue(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	b := newBrowser(t, app)
	b.signIn()
	round := newLeaderAndRound(t, b, "Gil Leader")
	expectRedirect(t, b.post(round+"/raters/import", url.Values{"csv": {
		"Ola Optout,ola@example.com,peer\nRem Oved,rem@example.com,peer\nPat Pending,pat@example.com,peer\nMo Manager,mo@example.com,superior"}}), round)
	expectRedirect(t, b.post(round+"/launch", nil), round)
	deliver()
	link := func(addr, kind string) string {
		t.Helper()
		got := smtp.To(addr)
		if len(got) == 0 {
			t.Fatalf("%s received no email", addr)
		}
		return got[0].LinkPath(t, kind)
	}

	t.Run("AnOptedOutRaterIsMarkedAndNotChased", func(t *testing.T) {
		resp := postNoCredentials(t, app, link("ola@example.com", "u"), "List-Unsubscribe=One-Click")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("one-click unsubscribe: %d", resp.StatusCode)
		}
		if row := rowOf(t, b.get(round), "ola@example.com"); !strings.Contains(row, "opted out of email") {
			t.Errorf("the round page does not say the rater opted out: %s", row)
		}
	})

	t.Run("ARemovedRatersLinkStopsWorking", func(t *testing.T) {
		survey := link("rem@example.com", "s")
		if resp, _ := getPath(t, app, survey); resp.StatusCode != http.StatusOK {
			t.Fatalf("before removal the link answers %d", resp.StatusCode)
		}
		m := regexp.MustCompile(`/raters/(\d+)/remove`).FindAllStringSubmatch(rowHTML(t, b.get(round), "rem@example.com"), -1)
		if len(m) != 1 {
			t.Fatal("no remove form for the rater")
		}
		expectRedirect(t, b.post(fmt.Sprintf("%s/raters/%s/remove", round, m[0][1]), nil), round)
		if resp, _ := getPath(t, app, survey); resp.StatusCode != http.StatusNotFound {
			t.Errorf("after removal the link answers %d, want 404", resp.StatusCode)
		}
	})

	t.Run("RemindNowChasesOnlyThoseStillOwingAnAnswer", func(t *testing.T) {
		answerByAPI(t, app, link("mo@example.com", "s"), 4)
		// Left: the leader and Pat; not Ola (opted out), Rem (removed) nor Mo (answered).
		afterQuietPeriod(t, app)
		expectRedirect(t, b.post(round+"/remind", nil), round)
		expectStatus(t, b.get(round), 200, "Reminders queued for 2 raters who have not answered yet.")
		deliver()
		for addr, want := range map[string]int{"pat@example.com": 2, "gil.leader@example.com": 2, "ola@example.com": 1, "mo@example.com": 1, "rem@example.com": 1} {
			if got := len(smtp.To(addr)); got != want {
				t.Errorf("%s received %d emails, want %d", addr, got, want)
			}
		}
		p := b.get(round)
		if row := rowOf(t, p, "pat@example.com"); !strings.Contains(row, "Reminder sent") {
			t.Errorf("the reminded rater's row: %s", row)
		}
		if row := rowOf(t, p, "mo@example.com"); !strings.Contains(row, "Submitted") || !strings.Contains(row, "Invitation sent") {
			t.Errorf("the rater who answered: %s", row)
		}
	})

	t.Run("TheDashboardCountsMatchTheRoundPage", func(t *testing.T) {
		bars := regexp.MustCompile(`aria-label="([^"]+ submitted)"`)
		labels := func(body string) string {
			var out []string
			for _, m := range bars.FindAllStringSubmatch(body, -1) {
				out = append(out, m[1])
			}
			return strings.Join(out, "; ")
		}
		want := "Self: 0 of 1 submitted; Manager: 1 of 1 submitted; Peers: 0 of 2 submitted"
		if got := labels(b.get("/").Body); got != want {
			t.Errorf("dashboard: %s, want %s", got, want)
		}
		if got := labels(b.get(round).Body); got != want {
			t.Errorf("round page: %s, want %s", got, want)
		}
	})
}

// postNoCredentials posts a form with no cookie, as a mail client does.
func postNoCredentials(t *testing.T, app *testkit.App, path, body string) *http.Response {
	t.Helper()
	resp, err := http.Post(app.URL+path, "application/x-www-form-urlencoded", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}
