package web_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/testkit"
)

// TestAPIStateChangesSendMailAtOnce wires the mail worker as `rapport
// serve` does, but with a poll of an hour: every email the API's state
// changes queue must arrive because the commit woke the worker, not
// because the worker came round to it (WaitFor gives up long before).
func TestAPIStateChangesSendMailAtOnce(t *testing.T) {
	app := testkit.NewApp(t)
	smtp := testkit.NewMailServer(t)
	app.RunMailerPolling(t, smtp, time.Hour)

	coach, token := app.SignIn(t)
	leaderID := createLeader(t, app, token, "Wanda Wake")
	roundID := createRound(t, app, token, leaderID)
	base := fmt.Sprintf("/api/v1/rounds/%d", roundID)
	post := func(t *testing.T, path string, body any, status int) {
		t.Helper()
		if resp := app.Do(http.MethodPost, base+path, token, body); resp.Status != status {
			t.Fatalf("POST %s: %d %s", path, resp.Status, resp.Body)
		}
	}
	post(t, "/raters", map[string]string{"name": "Piotr Peer", "email": "piotr@example.com", "relationship": "peer"}, http.StatusCreated)
	// Before the launch the poll runs once, finding nothing.

	t.Run("LaunchInvitesAtOnce", func(t *testing.T) {
		post(t, "/launch", nil, http.StatusOK)
		smtp.WaitFor(t, "piotr@example.com", 1)
		smtp.WaitFor(t, "wanda.wake@example.com", 1)
	})
	t.Run("AddingARaterToAnOpenRoundInvitesAtOnce", func(t *testing.T) {
		post(t, "/raters", map[string]string{"name": "Olga Other", "email": "olga@example.com", "relationship": "other"}, http.StatusCreated)
		smtp.WaitFor(t, "olga@example.com", 1)
	})
	t.Run("RemindSendsAtOnce", func(t *testing.T) {
		afterQuietPeriod(t, app) // the invitations went out just now
		post(t, "/remind", nil, http.StatusOK)
		smtp.WaitFor(t, "olga@example.com", 2)
	})
	t.Run("CloseTellsTheCoachAtOnce", func(t *testing.T) {
		post(t, "/close", nil, http.StatusOK)
		smtp.WaitFor(t, coach.Email, 1)
	})
	t.Run("ReleaseSendsTheReportAtOnce", func(t *testing.T) {
		post(t, "/release", nil, http.StatusOK)
		smtp.WaitFor(t, "wanda.wake@example.com", 3) // invitation, reminder, report
	})
}
