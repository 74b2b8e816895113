package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

// TestUnsubscribeLink checks the unsubscribe link has its own secret: the
// opt-out token stops reminders and opens nothing else, and the survey
// token, which the unsubscribe link used to carry, does not work at /u/.
func TestUnsubscribeLink(t *testing.T) {
	app := testkit.NewApp(t)
	lr := app.Launch(t, "Uma Leader", rapport.RaterInput{Name: "Pia Peer", Email: "pia@example.com", Relationship: rapport.Peer})
	survey := lr.Links["pia@example.com"]
	optOut := testkit.Keys(t).OptOutToken(survey)
	optedOut := func() bool {
		t.Helper()
		var at *time.Time
		if err := testkit.RawDB(t, app.Cfg).Get(&at, `SELECT opted_out_at FROM raters WHERE id = ?`, lr.RaterIDs["pia@example.com"]); err != nil {
			t.Fatal(err)
		}
		return at != nil
	}

	t.Run("SurveyTokenDoesNotWorkAtUnsubscribe", func(t *testing.T) {
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			if resp := app.Do(method, "/u/"+survey, "", "List-Unsubscribe=One-Click"); resp.Status != http.StatusNotFound {
				t.Errorf("%s /u/{survey token}: %d, want 404", method, resp.Status)
			}
		}
		if optedOut() {
			t.Fatal("the survey token opted the rater out")
		}
	})
	t.Run("OptOutTokenDoesNotOpenTheSurvey", func(t *testing.T) {
		for _, req := range [][2]string{{"GET", "/s/" + optOut}, {"POST", "/s/" + optOut}, {"GET", "/api/v1/survey/" + optOut},
			{"PUT", "/api/v1/survey/" + optOut}, {"POST", "/api/v1/survey/" + optOut + "/submit"}, {"POST", "/api/v1/survey/" + optOut + "/decline"}} {
			if resp := app.Do(req[0], req[1], "", "{}"); resp.Status != http.StatusNotFound {
				t.Errorf("%s %s with the opt-out token: %d, want 404", req[0], req[1][:8], resp.Status)
			}
		}
		if resp := app.Do("GET", "/api/v1/survey/"+survey, "", nil); resp.Status != http.StatusOK {
			t.Fatalf("the survey token no longer opens the survey: %d", resp.Status)
		}
	})
	t.Run("OptOutTokenStopsReminders", func(t *testing.T) {
		if resp := app.Do("GET", "/u/"+optOut, "", nil); resp.Status != http.StatusOK || optedOut() {
			t.Fatalf("GET /u/{opt-out token}: %d, opted out %v; want 200 and nothing changed", resp.Status, optedOut())
		}
		if resp := app.Do("POST", "/u/"+optOut, "", "List-Unsubscribe=One-Click"); resp.Status != http.StatusOK || !optedOut() {
			t.Fatalf("POST /u/{opt-out token}: %d, opted out %v", resp.Status, optedOut())
		}
	})
}

// TestUnsubscribeLinkAfterItsPurpose: once reminders could no longer come
// (the rater submitted or declined, or the round closed), the unsubscribe
// link says so, offers no button, and a POST records nothing: the coach's
// view shows no opt-out that stopped nothing.
func TestUnsubscribeLinkAfterItsPurpose(t *testing.T) {
	app := testkit.NewApp(t)
	lr := app.Launch(t, "Uma Leader", peerAna, bossBen, reportDo)
	optedOut := func(email string) bool {
		t.Helper()
		var at *time.Time
		if err := testkit.RawDB(t, app.Cfg).Get(&at, `SELECT opted_out_at FROM raters WHERE id = ?`, lr.RaterIDs[email]); err != nil {
			t.Fatal(err)
		}
		return at != nil
	}
	expectFinished := func(t *testing.T, email string) {
		t.Helper()
		u := "/u/" + testkit.Keys(t).OptOutToken(lr.Links[email])
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			resp := app.Do(method, u, "", "List-Unsubscribe=One-Click")
			page := string(resp.Body)
			if resp.Status != http.StatusOK || !strings.Contains(page, "No more reminders") || strings.Contains(page, "<form") {
				t.Errorf("%s %s: %d\n%s", method, email, resp.Status, page)
			}
		}
		if optedOut(email) {
			t.Errorf("%s: a POST after the link's purpose recorded an opt-out", email)
		}
	}

	pia := getSurvey(t, app, lr.Links[peerAna.Email])
	if r := app.Do("POST", "/api/v1/survey/"+lr.Links[peerAna.Email]+"/submit", "", map[string]any{"answers": pia.allAnswers()}); r.Status != http.StatusOK {
		t.Fatalf("submit: %d %s", r.Status, r.Body)
	}
	if r := app.Do("POST", "/api/v1/survey/"+lr.Links[bossBen.Email]+"/decline", "", nil); r.Status != http.StatusOK {
		t.Fatalf("decline: %d %s", r.Status, r.Body)
	}
	t.Run("AfterSubmit", func(t *testing.T) { expectFinished(t, peerAna.Email) })
	t.Run("AfterDecline", func(t *testing.T) { expectFinished(t, bossBen.Email) })
	t.Run("AfterClose", func(t *testing.T) {
		if _, err := app.Store.CloseRound(t.Context(), lr.Coach.ID, lr.Round.ID); err != nil {
			t.Fatal(err)
		}
		expectFinished(t, reportDo.Email)
	})
}
