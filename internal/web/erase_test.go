package web_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/rapporthq/rapport/internal/testkit"
)

func TestEraseLeader(t *testing.T) {
	f := newErasureFixture(t)
	app := f.app
	leaderPath := fmt.Sprintf("/api/v1/leaders/%d", f.leaderID)
	comment := fixtureComments["stop"][0]
	personal := []string{"eleni.papadopoulou@example.com", fixtureLeader, "Αιγαίο Logistics",
		"dmitri.sokolov@example.com", "Дмитрий Соколов", "maria.schmidt@example.com", comment}
	links := []string{"/s/" + f.surveyToken, "/api/v1/survey/" + f.surveyToken, f.unsubscribePath,
		"/r/" + f.reportToken, "/n/" + f.nominationToken, "/api/v1/nomination/" + f.nominationToken}

	// Everything is there before, so that its absence after means something.
	assertPresent(t, databaseCopies(t, app), personal...)
	for _, link := range links {
		if resp := app.Do("GET", link, "", nil); resp.Status != http.StatusOK {
			t.Fatalf("before: %s answers %d", link, resp.Status)
		}
	}
	if n := countEmlTo(t, app, "dmitri.sokolov@example.com"); n == 0 {
		t.Fatal("before: no .eml file to a rater")
	}
	otherEmails := countEmlTo(t, app, "una.keep@example.com")

	t.Run("AnotherCoachGets404AndErasesNothing", func(t *testing.T) {
		_, stranger := app.SignIn(t)
		if resp := app.Do("DELETE", leaderPath, stranger, nil); resp.Status != http.StatusNotFound {
			t.Fatalf("another coach's DELETE: %d %s", resp.Status, resp.Body)
		}
		if resp := app.Do("GET", leaderPath, f.token, nil); resp.Status != http.StatusOK {
			t.Fatalf("the leader is gone after another coach's DELETE: %d", resp.Status)
		}
	})
	t.Run("RejectsABadID", func(t *testing.T) {
		for _, path := range []string{"/api/v1/leaders/abc", "/api/v1/leaders/0", "/api/v1/leaders/99999999"} {
			resp := app.Do("DELETE", path, f.token, nil)
			if resp.Status != http.StatusNotFound && resp.Status != http.StatusBadRequest {
				t.Errorf("DELETE %s: %d %s", path, resp.Status, resp.Body)
			}
			if resp.Map(t)["error"] == "" {
				t.Errorf("DELETE %s: no error message: %s", path, resp.Body)
			}
		}
	})

	if resp := app.Do("DELETE", leaderPath, f.token, nil); resp.Status != http.StatusNoContent {
		t.Fatalf("DELETE: %d %s", resp.Status, resp.Body)
	}

	t.Run("NothingReadableInTheFileTheWALOrABackup", func(t *testing.T) {
		assertAbsent(t, databaseCopies(t, app), personal...)
	})
	t.Run("LinksAnswer404", func(t *testing.T) {
		for _, link := range links {
			if resp := app.Do("GET", link, "", nil); resp.Status != http.StatusNotFound {
				t.Errorf("%s answers %d after the erasure", link, resp.Status)
			}
		}
		if resp := app.Do("POST", f.unsubscribePath, "", nil); resp.Status != http.StatusNotFound {
			t.Errorf("POST %s answers %d after the erasure", f.unsubscribePath, resp.Status)
		}
	})
	t.Run("LeaderAndRoundsAreGone", func(t *testing.T) {
		for _, path := range []string{leaderPath, leaderPath + "/export", fmt.Sprintf("/api/v1/rounds/%d", f.roundID),
			fmt.Sprintf("/api/v1/rounds/%d", f.draftID), fmt.Sprintf("/api/v1/rounds/%d/report.pdf", f.roundID)} {
			if resp := app.Do("GET", path, f.token, nil); resp.Status != http.StatusNotFound {
				t.Errorf("GET %s: %d", path, resp.Status)
			}
		}
		if resp := app.Do("DELETE", leaderPath, f.token, nil); resp.Status != http.StatusNotFound {
			t.Errorf("a second DELETE: %d", resp.Status)
		}
		db := testkit.RawDB(t, app.Cfg)
		for _, table := range []string{"rounds", "raters", "answers", "comments", "anonymous_responses",
			"anonymous_answers", "anonymous_comments", "outbox", "nominations"} {
			var n int
			if err := db.Get(&n, `SELECT count(*) FROM `+table+` WHERE `+ownedBy(table), f.otherLeaderID); err != nil {
				t.Fatal(err)
			}
			var all int
			if err := db.Get(&all, `SELECT count(*) FROM `+table); err != nil {
				t.Fatal(err)
			}
			if all != n {
				t.Errorf("%s: %d rows left that are not the other leader's", table, all-n)
			}
		}
	})
	t.Run("EmlFilesAreGone", func(t *testing.T) {
		for name, e := range emlFiles(t, app) {
			if e.To.Address != "una.keep@example.com" && e.To.Address != "otto.bleibt@example.com" {
				t.Errorf("%s to %s is still in the file outbox", name, e.To.Address)
			}
		}
	})
	t.Run("AnotherLeaderIsUntouched", func(t *testing.T) {
		if resp := app.Do("GET", fmt.Sprintf("/api/v1/leaders/%d", f.otherLeaderID), f.token, nil); resp.Status != http.StatusOK {
			t.Errorf("other leader: %d", resp.Status)
		}
		var round struct {
			Status string
			Raters []struct{ Name, Email string }
		}
		app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d", f.otherRoundID), f.token, nil).JSON(t, &round)
		if round.Status != "open" || len(round.Raters) != 2 || round.Raters[1].Email != "una.keep@example.com" {
			t.Errorf("other round: %+v", round)
		}
		if resp := app.Do("GET", "/s/"+f.otherSurveyToken, "", nil); resp.Status != http.StatusOK {
			t.Errorf("other leader's rater link: %d", resp.Status)
		}
		if n := countEmlTo(t, app, "una.keep@example.com"); n != otherEmails || n == 0 {
			t.Errorf("other leader's rater has %d .eml files, had %d", n, otherEmails)
		}
	})
}

// ownedBy picks the rows of table that belong to the leader whose id is ?.
func ownedBy(table string) string {
	rounds := `(SELECT id FROM rounds WHERE leader_id = ?)`
	switch table {
	case "rounds":
		return `leader_id = ?`
	case "answers", "comments":
		return `response_id IN (SELECT response_id FROM raters WHERE round_id IN ` + rounds + `)`
	case "anonymous_answers":
		return `response_id IN (SELECT id FROM anonymous_responses WHERE round_id IN ` + rounds + `)`
	}
	return `round_id IN ` + rounds
}
