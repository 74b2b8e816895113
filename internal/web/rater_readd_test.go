package web_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

// Removing a rater and adding them again makes a new rater row, but the
// same person: their new invitation waits out the quiet period after the
// round's last email to that address, however the address is spelled.
func TestReaddedRaterInvitationWaitsOutTheQuietPeriod(t *testing.T) {
	app := testkit.NewApp(t)
	ms := testkit.NewMailServer(t)
	app.RunMailer(t, ms)
	lr := app.Launch(t, "Ana Souza", peerAna, bossBen)
	ms.WaitFor(t, "ben@example.com", 1)
	round := "/api/v1/rounds/" + itoa(lr.Round.ID) + "/raters"
	if resp := app.Do("DELETE", round+"/"+itoa(lr.RaterIDs["ben@example.com"]), lr.CoachToken, nil); resp.Status != http.StatusNoContent {
		t.Fatalf("remove rater: %d %s", resp.Status, resp.Body)
	}
	for _, email := range []string{"Ben+again@Example.com", "newcomer@example.com"} {
		if resp := app.Do("POST", round, lr.CoachToken, map[string]string{"name": "Someone", "email": email, "relationship": "peer"}); resp.Status != http.StatusCreated {
			t.Fatalf("add %s: %d %s", email, resp.Status, resp.Body)
		}
	}
	due := func(email string) time.Time {
		t.Helper()
		var at time.Time
		if err := rawDB(t, app).Get(&at, `SELECT next_attempt_at FROM outbox WHERE kind = 'invitation' AND to_email = ?`, email); err != nil {
			t.Fatalf("%s's invitation: %v", email, err)
		}
		return at
	}
	if wait := time.Until(due("Ben+again@Example.com")); wait < rapport.RemindQuietPeriod-time.Minute {
		t.Errorf("the re-added rater's invitation is due in %v, want after the %v quiet period", wait, rapport.RemindQuietPeriod)
	}
	ms.WaitFor(t, "newcomer@example.com", 1)
	if got := len(ms.To("ben+again@example.com")) + len(ms.To("ben@example.com")); got != 1 {
		t.Errorf("the re-added rater got %d emails, want the first invitation only", got)
	}
}
