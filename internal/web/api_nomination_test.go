package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/testkit"
)

// nominationSetup is a draft round whose leader was sent a nomination link,
// with the email delivered to a real SMTP server.
type nominationSetup struct {
	app     *testkit.App
	ms      *testkit.MailServer
	token   string // the coach's API token
	coach   string // the coach's address
	roundID int64
	path    string // /api/v1/nomination/{token}
	page    string // /n/{token}
}

func newNomination(t *testing.T) *nominationSetup {
	t.Helper()
	app := testkit.NewApp(t)
	ms := testkit.NewMailServer(t)
	app.RunMailer(t, ms)
	coach, token := app.SignIn(t)
	leaderID := createLeader(t, app, token, "Lena Leader")
	roundID := createRound(t, app, token, leaderID)
	resp := app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/nomination", roundID), token, nil)
	if resp.Status != http.StatusCreated || resp.Map(t)["sent_to"] != "lena.leader@example.com" {
		t.Fatalf("send nomination: %d %s", resp.Status, resp.Body)
	}
	mail := ms.WaitFor(t, "lena.leader@example.com", 1)[0]
	if !strings.Contains(mail.Subject, "Spring 360") || !strings.Contains(mail.Text, "at least 3") {
		t.Errorf("nomination email does not name the round and the threshold: %q\n%s", mail.Subject, mail.Text)
	}
	page := mail.LinkPath(t, "n")
	return &nominationSetup{app: app, ms: ms, token: token, coach: coach.Email, roundID: roundID,
		page: page, path: "/api/v1/nomination/" + strings.TrimPrefix(page, "/n/")}
}

func nominees(list ...[3]string) map[string]any {
	out := []map[string]string{}
	for _, n := range list {
		out = append(out, map[string]string{"name": n[0], "email": n[1], "relationship": n[2]})
	}
	return map[string]any{"nominees": out}
}

// raterStatuses maps each rater's email to its status in the coach's view.
func raterStatuses(t *testing.T, app *testkit.App, token string, roundID int64) map[string]string {
	t.Helper()
	var r struct {
		Raters []struct {
			ID            int64
			Email, Status string
		}
	}
	app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d", roundID), token, nil).JSON(t, &r)
	out := map[string]string{}
	for _, rt := range r.Raters {
		out[rt.Email] = rt.Status
	}
	return out
}

func TestNominationAPI(t *testing.T) {
	n := newNomination(t)
	app := n.app
	db := rawDB(t, app)

	t.Run("OpensWithTheRoundAndThreshold", func(t *testing.T) {
		resp := app.Do("GET", n.path, "", nil)
		if resp.Status != 200 {
			t.Fatalf("%d %s", resp.Status, resp.Body)
		}
		got := resp.Map(t)
		if got["round_title"] != "Spring 360" || got["leader_name"] != "Lena Leader" || got["anonymity_threshold"] != float64(3) ||
			got["status"] != "open" || len(got["nominees"].([]any)) != 0 {
			t.Fatalf("nomination %v", got)
		}
		if resp.Header.Get("Referrer-Policy") != "no-referrer" || resp.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("a secret link's answer lacks the private headers: %v", resp.Header)
		}
	})

	bad := []struct {
		name   string
		body   any
		status int
		field  string
	}{
		{"BadEmail", nominees([3]string{"Ana", "ana@example.com", "peer"}, [3]string{"Bo", "bo.example.com", "peer"}), 422, "nominees.1.email"},
		{"BlankName", nominees([3]string{" ", "ana@example.com", "peer"}), 422, "nominees.0.name"},
		{"UnknownRelationship", nominees([3]string{"Ana", "ana@example.com", "friend"}), 422, "nominees.0.relationship"},
		{"Themself", nominees([3]string{"Lena", "someone@example.com", "self"}), 422, "nominees.0.relationship"},
		{"TheLeadersAddress", nominees([3]string{"Lena again", "Lena.Leader@example.com", "peer"}), 422, "nominees.0.email"},
		{"TheCoachsAddress", nominees([3]string{"My coach", n.coach, "other"}), 422, "nominees.0.email"},
		{"SamePersonTwice", nominees([3]string{"Ana", "ana@example.com", "peer"}, [3]string{"Ana N", "ANA@example.com", "other"}), 422, "nominees.1.email"},
		{"UnknownField", `{"nominees":[],"note":"hi"}`, 400, "note"},
		{"Malformed", `{"nominees":`, 400, ""},
	}
	for _, tc := range bad {
		t.Run("Rejects"+tc.name, func(t *testing.T) {
			expectError(t, app.Do("PUT", n.path, "", tc.body), tc.status, tc.field)
		})
	}
	t.Run("KeepsCoachAccountsFromTheLeader", func(t *testing.T) {
		resp := app.Do("PUT", n.path, "", nominees([3]string{"My coach", strings.ToUpper(n.coach), "other"}))
		var body struct{ Error string }
		resp.JSON(t, &body)
		if strings.Contains(body.Error, "coach account") || !strings.Contains(body.Error, "cannot be proposed; please ask your coach") {
			t.Errorf("the leader is told %q", body.Error)
		}
	})
	if got := count(t, db, `SELECT count(*) FROM nominations WHERE nominees != '[]'`); got != 0 {
		t.Fatalf("refused lists were saved: %d", got)
	}

	t.Run("RejectsSubmittingAnEmptyList", func(t *testing.T) {
		expectError(t, app.Do("POST", n.path+"/submit", "", nil), 422, "nominees")
	})

	list := nominees([3]string{"Mia Manager", "mia@example.com", "superior"},
		[3]string{" Pia Peer ", "pia@example.com", "peer"}, [3]string{"Dan Report", "dan@example.com", "direct_report"})
	t.Run("SavesAndComesBack", func(t *testing.T) {
		if resp := app.Do("PUT", n.path, "", list); resp.Status != 200 {
			t.Fatalf("%d %s", resp.Status, resp.Body)
		}
		var got struct {
			Status   string
			Nominees []struct{ Name, Email, Relationship string }
		}
		app.Do("GET", n.path, "", nil).JSON(t, &got)
		if got.Status != "open" || len(got.Nominees) != 3 || got.Nominees[1].Name != "Pia Peer" {
			t.Fatalf("saved list %+v", got)
		}
		if st := raterStatuses(t, app, n.token, n.roundID); len(st) != 1 {
			t.Errorf("a saved list is proposed before it is sent: %v", st)
		}
	})

	t.Run("SubmitProposesTheRatersAndEmailsTheCoach", func(t *testing.T) {
		resp := app.Do("POST", n.path+"/submit", "", nil)
		if resp.Status != 200 || resp.Map(t)["status"] != "submitted" {
			t.Fatalf("%d %s", resp.Status, resp.Body)
		}
		st := raterStatuses(t, app, n.token, n.roundID)
		for _, e := range []string{"mia@example.com", "pia@example.com", "dan@example.com"} {
			if st[e] != "proposed" {
				t.Errorf("%s is %q, want proposed (%v)", e, st[e], st)
			}
		}
		mail := n.ms.WaitFor(t, n.coach, 1)[0]
		if !strings.Contains(mail.Text, "Lena Leader") || !strings.Contains(mail.Text, "3 proposal") ||
			!strings.Contains(mail.Text, fmt.Sprintf("/rounds/%d", n.roundID)) {
			t.Errorf("coach's notice:\n%s", mail.Text)
		}
	})

	t.Run("RejectsChangesAfterSubmit", func(t *testing.T) {
		expectError(t, app.Do("PUT", n.path, "", list), 409, "")
		expectError(t, app.Do("POST", n.path+"/submit", "", nil), 409, "")
	})

	t.Run("LaunchWaitsForEveryDecision", func(t *testing.T) {
		launch := fmt.Sprintf("/api/v1/rounds/%d/launch", n.roundID)
		expectError(t, app.Do("POST", launch, n.token, nil), 409, "")
		var r struct {
			Raters []struct {
				ID            int64
				Email, Status string
			}
		}
		app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d", n.roundID), n.token, nil).JSON(t, &r)
		for _, rt := range r.Raters {
			path := fmt.Sprintf("/api/v1/rounds/%d/raters/%d", n.roundID, rt.ID)
			switch rt.Email {
			case "mia@example.com", "pia@example.com":
				resp := app.Do("POST", path+"/approve", n.token, nil)
				if resp.Status != 200 || resp.Map(t)["status"] != "invited" {
					t.Fatalf("approve: %d %s", resp.Status, resp.Body)
				}
				expectError(t, app.Do("POST", path+"/approve", n.token, nil), 409, "")
			case "dan@example.com":
				if resp := app.Do("DELETE", path, n.token, nil); resp.Status != 204 {
					t.Fatalf("remove: %d %s", resp.Status, resp.Body)
				}
			}
		}
		resp := app.Do("POST", launch, n.token, nil)
		if resp.Status != 200 {
			t.Fatalf("launch after every decision: %d %s", resp.Status, resp.Body)
		}
		n.ms.WaitFor(t, "pia@example.com", 1)
		if got := n.ms.To("dan@example.com"); len(got) != 0 {
			t.Errorf("the removed proposal was invited")
		}
	})

	t.Run("TheLinkOpensNothingOnceLaunched", func(t *testing.T) {
		expectError(t, app.Do("GET", n.path, "", nil), 404, "")
		expectError(t, app.Do("PUT", n.path, "", list), 404, "")
		expectError(t, app.Do("POST", n.path+"/submit", "", nil), 404, "")
		if p := newBrowser(t, app).get(n.page); p.Status != 404 || strings.Contains(p.Body, "Lena Leader") {
			t.Errorf("the nomination page after launch: %d %.300s", p.Status, p.Body)
		}
	})
	t.Run("RejectsANewLinkOnceLaunched", func(t *testing.T) {
		expectError(t, app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/nomination", n.roundID), n.token, nil), 409, "")
	})
}

func TestNominationLinks(t *testing.T) {
	n := newNomination(t)
	app := n.app

	t.Run("AnotherCoachCannotSendOrApprove", func(t *testing.T) {
		_, other := app.SignIn(t)
		expectError(t, app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/nomination", n.roundID), other, nil), 404, "")
		expectError(t, app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/raters/1/approve", n.roundID), other, nil), 404, "")
	})
	t.Run("ANewLinkRevokesTheOld", func(t *testing.T) {
		if resp := app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/nomination", n.roundID), n.token, nil); resp.Status != 201 {
			t.Fatalf("%d %s", resp.Status, resp.Body)
		}
		fresh := n.ms.WaitFor(t, "lena.leader@example.com", 2)[1].LinkPath(t, "n")
		if fresh == n.page {
			t.Fatal("the new link is the old one")
		}
		expectError(t, app.Do("GET", n.path, "", nil), 404, "")
		if resp := app.Do("GET", "/api/v1/nomination/"+strings.TrimPrefix(fresh, "/n/"), "", nil); resp.Status != 200 {
			t.Fatalf("new link: %d %s", resp.Status, resp.Body)
		}
	})
	t.Run("UnknownAndMalformedTokensAreNotFoundThenLimited", func(t *testing.T) {
		unknown := "/api/v1/nomination/" + strings.Repeat("A", 43)
		for _, p := range []string{unknown, "/api/v1/nomination/short", "/n/" + strings.Repeat("B", 43)} {
			if resp := app.Do("GET", p, "", nil); resp.Status != 404 {
				t.Fatalf("%s: %d", p, resp.Status)
			}
		}
		last := 0
		for range 12 {
			last = app.Do("PUT", unknown, "", nominees()).Status
		}
		if last != http.StatusTooManyRequests {
			t.Errorf("after a dozen misses the answer is %d, want 429", last)
		}
	})
}
