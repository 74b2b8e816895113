package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/testkit"
)

// rowHTML is the raters table row that names email, as HTML.
func rowHTML(t *testing.T, p *page, email string) string {
	t.Helper()
	for _, tr := range regexp.MustCompile(`(?s)<tr>.*?</tr>`).FindAllString(p.Body, -1) {
		// Addresses are marked up to wrap between their parts: match the text.
		if strings.Contains(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(tr, ""), email) {
			return tr
		}
	}
	t.Fatalf("no raters row for %s", email)
	return ""
}

// rowOf is the text of the raters table row that names email.
func rowOf(t *testing.T, p *page, email string) string {
	t.Helper()
	return text(&page{Body: rowHTML(t, p, email)})
}

// roundEmails is what the API's round view says about emails.
type roundEmails struct {
	Raters []struct {
		Email     string `json:"email"`
		LastEmail *struct {
			Kind   string `json:"kind"`
			Status string `json:"status"`
			Error  string `json:"error"`
		} `json:"last_email"`
	} `json:"raters"`
	ReleaseEmail *struct {
		Status string `json:"status"`
		Error  string `json:"error"`
	} `json:"release_email"`
}

// TestDeliveryFailuresShowToTheCoach delivers through a real SMTP server
// that refuses some addresses, and checks the coach learns of it on the
// round page and in the API: per rater, and for the leader's report email.
func TestDeliveryFailuresShowToTheCoach(t *testing.T) {
	app := testkit.NewApp(t)
	smtp := testkit.NewMailServer(t)
	mailer := testkit.Mailer(t, app, app.Store, smtp)
	deliver := func(want int) {
		t.Helper()
		if n, err := mailer.DeliverDue(context.Background()); err != nil || n != want {
			t.Fatalf("delivered %d (%v), want %d", n, err, want)
		}
	}
	coach, password := testkit.Coach(t, app.Store)
	b := newBrowser(t, app)
	expectRedirect(t, b.post("/login", url.Values{"email": {coach.Email}, "password": {password}}), "/")
	var tok struct{ Token string }
	app.Do("POST", "/api/v1/tokens", "", map[string]string{"email": coach.Email, "password": password}).JSON(t, &tok)
	round := newLeaderAndRound(t, b, "Fay Leader")
	api := func() roundEmails {
		t.Helper()
		var v roundEmails
		resp := app.Do("GET", "/api/v1"+round, tok.Token, nil)
		if resp.Status != http.StatusOK {
			t.Fatalf("round view: %d %s", resp.Status, resp.Body)
		}
		resp.JSON(t, &v)
		return v
	}
	expectRedirect(t, b.post(round+"/raters/import", url.Values{"csv": {"Ann Peer,ann@example.com,peer"}}), round)
	expectRedirect(t, b.post(round+"/launch", nil), round)
	deliver(2)

	// Added to the open round: one address does not exist, one is greylisted.
	smtp.FailNext(1, 550, "5.1.1 no such mailbox here")
	expectRedirect(t, b.post(round+"/raters", url.Values{"name": {"Nobody Home"}, "email": {"nobody@example.com"}, "relationship": {"peer"}}), round)
	deliver(1)
	smtp.FailNext(1, 451, "greylisted, come back later")
	expectRedirect(t, b.post(round+"/raters", url.Values{"name": {"Grey Listed"}, "email": {"grey@example.com"}, "relationship": {"other"}}), round)
	deliver(1)

	t.Run("RoundPageShowsEachRatersDelivery", func(t *testing.T) {
		p := b.get(round)
		expectStatus(t, p, 200)
		if row := rowOf(t, p, "nobody@example.com"); !strings.Contains(row, "Invitation Not delivered:") || !strings.Contains(row, "550") ||
			!strings.Contains(row, "no such mailbox here") {
			t.Errorf("the refused rater's row: %s", row)
		}
		if row := rowOf(t, p, "grey@example.com"); !strings.Contains(row, "queued; retrying after:") || !strings.Contains(row, "451") {
			t.Errorf("the greylisted rater's row: %s", row)
		}
		if row := rowOf(t, p, "ann@example.com"); !strings.Contains(row, "Invitation sent") || strings.Contains(row, "Not delivered") {
			t.Errorf("the delivered rater's row: %s", row)
		}
		// The coach can take the bad address out and add the right one.
		if row := rowOf(t, p, "nobody@example.com"); !strings.Contains(row, "Remove") {
			t.Errorf("the refused rater cannot be removed: %s", row)
		}
	})

	t.Run("APIShowsTheSame", func(t *testing.T) {
		for _, r := range api().Raters {
			switch r.Email {
			case "nobody@example.com":
				if r.LastEmail == nil || r.LastEmail.Status != "failed" || !strings.Contains(r.LastEmail.Error, "550") {
					t.Errorf("last_email of the refused rater: %+v", r.LastEmail)
				}
			case "grey@example.com":
				if r.LastEmail == nil || r.LastEmail.Status != "pending" || !strings.Contains(r.LastEmail.Error, "451") {
					t.Errorf("last_email of the greylisted rater: %+v", r.LastEmail)
				}
			}
		}
	})

	t.Run("RoundPageShowsTheReportEmailsDelivery", func(t *testing.T) {
		expectRedirect(t, b.post(round+"/close", nil), round)
		deliver(1) // the coach's close notice
		expectRedirect(t, b.post(round+"/release", nil), round)
		releaseEmail := func() string {
			t.Helper()
			p := b.get(round)
			expectStatus(t, p, 200)
			m := regexp.MustCompile(`(?s)<p class="small" id="release-email">.*?</p>`).FindString(p.Body)
			return strings.ReplaceAll(text(&page{Body: m}), " :", ":")
		}
		if got := releaseEmail(); !strings.HasPrefix(got, "Report email to Fay Leader: queued") {
			t.Errorf("before delivery the round page says %q", got)
		}
		smtp.FailNext(1, 552, "mailbox full for good")
		deliver(1)
		if got := releaseEmail(); !strings.HasPrefix(got, "Report email to Fay Leader: not delivered:") || !strings.Contains(got, "552") ||
			!strings.Contains(got, "mailbox full for good") || !strings.Contains(got, "give it to Fay yourself") {
			t.Errorf("the round page does not show the failed report email: %q", got)
		}
		if e := api().ReleaseEmail; e == nil || e.Status != "failed" || !strings.Contains(e.Error, "552") {
			t.Errorf("release_email in the API: %+v", e)
		}
	})
}
