package web_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

// afterQuietPeriod dates every rater's last email back beyond the time
// "Send reminders now" leaves a just-emailed rater alone. (Moving the
// clock instead would also expire the coach's session.)
func afterQuietPeriod(t *testing.T, app *testkit.App) {
	t.Helper()
	back := int64((rapport.RemindQuietPeriod + time.Minute) / time.Second)
	if _, err := rawDB(t, app).Exec(`UPDATE raters SET last_emailed_at = last_emailed_at - ? WHERE last_emailed_at IS NOT NULL`, back); err != nil {
		t.Fatal(err)
	}
}

func TestEditDraftRoundAPI(t *testing.T) {
	app := testkit.NewApp(t)
	db := rawDB(t, app)
	_, token := app.SignIn(t)
	_, otherToken := app.SignIn(t)
	leaderID := createLeader(t, app, token, "Edda Edit")
	path := func(id int64) string { return fmt.Sprintf("/api/v1/rounds/%d", id) }

	t.Run("PatchChangesOnlyWhatItNames", func(t *testing.T) {
		id := createRound(t, app, token, leaderID)
		before := getRound(t, app, token, id)
		resp := app.Do("PATCH", path(id), token, map[string]any{"title": "Autumn 360", "time_zone": "Europe/Paris", "max_reminders": 1})
		if resp.Status != http.StatusNoContent || len(resp.Body) != 0 {
			t.Fatalf("%d %s", resp.Status, resp.Body)
		}
		after := getRound(t, app, token, id)
		if after.Title != "Autumn 360" || after.TimeZone != "Europe/Paris" || after.MaxReminders != 1 ||
			after.ClosesAt != before.ClosesAt || after.AnonymityThreshold != before.AnonymityThreshold || after.ReminderInterval != before.ReminderInterval {
			t.Fatalf("before %+v\nafter %+v", before, after)
		}
	})
	t.Run("PatchRefusesBadValuesAndChangesNothing", func(t *testing.T) {
		id := createRound(t, app, token, leaderID)
		before := getRound(t, app, token, id)
		expectError(t, app.Do("PATCH", path(id), token, map[string]any{"title": "  "}), http.StatusUnprocessableEntity, "title")
		expectError(t, app.Do("PATCH", path(id), token, map[string]any{"closes_at": "2001-01-01T00:00:00Z"}), http.StatusUnprocessableEntity, "closes_at")
		expectError(t, app.Do("PATCH", path(id), token, map[string]any{"anonymity_threshold": 1}), http.StatusUnprocessableEntity, "anonymity_threshold")
		expectError(t, app.Do("PATCH", path(id), token, map[string]any{"leader_id": 1}), http.StatusBadRequest, "leader_id")
		expectError(t, app.Do("PATCH", path(id), otherToken, map[string]any{"title": "Mine"}), http.StatusNotFound, "")
		if after := getRound(t, app, token, id); after.Title != before.Title || after.AnonymityThreshold != before.AnonymityThreshold {
			t.Fatalf("changed by refused patches: %+v", after)
		}
	})
	t.Run("DeleteRemovesADraftAndItsRaters", func(t *testing.T) {
		id := createRound(t, app, token, leaderID)
		expectError(t, app.Do("DELETE", path(id), otherToken, nil), http.StatusNotFound, "")
		if resp := app.Do("DELETE", path(id), token, nil); resp.Status != http.StatusNoContent {
			t.Fatalf("%d %s", resp.Status, resp.Body)
		}
		expectError(t, app.Do("GET", path(id), token, nil), http.StatusNotFound, "")
		if n := count(t, db, `SELECT count(*) FROM raters WHERE round_id = ?`, id); n != 0 {
			t.Errorf("%d raters left", n)
		}
		expectError(t, app.Do("DELETE", path(id), token, nil), http.StatusNotFound, "")
	})
	t.Run("ALaunchedRoundIsNeitherEditedNorDeleted", func(t *testing.T) {
		id := createRound(t, app, token, leaderID)
		app.Do("POST", path(id)+"/raters", token, map[string]string{"name": "Ana", "email": "ana@example.com", "relationship": "peer"})
		if resp := app.Do("POST", path(id)+"/launch", token, nil); resp.Status != 200 {
			t.Fatalf("launch: %d %s", resp.Status, resp.Body)
		}
		expectError(t, app.Do("PATCH", path(id), token, map[string]any{"title": "Renamed"}), http.StatusConflict, "")
		expectError(t, app.Do("DELETE", path(id), token, nil), http.StatusConflict, "")
		if r := getRound(t, app, token, id); r.Title != "Spring 360" || r.Status != "open" {
			t.Fatalf("round %+v", r)
		}
	})
}

func TestEditLeaderAPI(t *testing.T) {
	app := testkit.NewApp(t)
	_, token := app.SignIn(t)
	_, otherToken := app.SignIn(t)
	leaderID := createLeader(t, app, token, "Lena Leader")
	createLeader(t, app, token, "Other Leader")
	path := fmt.Sprintf("/api/v1/leaders/%d", leaderID)
	draft := createRound(t, app, token, leaderID)
	app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/raters", draft), token, map[string]string{"name": "Pia Peer", "email": "pia@example.com", "relationship": "peer"})

	t.Run("ChangesWhatItNamesAndTheDraftsSelfRater", func(t *testing.T) {
		resp := app.Do("PATCH", path, token, map[string]string{"name": "Lena Lindqvist", "email": "lena@new.example.com"})
		if resp.Status != http.StatusOK {
			t.Fatalf("%d %s", resp.Status, resp.Body)
		}
		var l struct{ Name, Email, Title, Organization string }
		resp.JSON(t, &l)
		if l.Name != "Lena Lindqvist" || l.Email != "lena@new.example.com" || l.Title != "Head of Operations" || l.Organization != "Acme" {
			t.Fatalf("leader %+v", l)
		}
		self := getRound(t, app, token, draft).Raters[0]
		if self.Relationship != "self" || self.Name != "Lena Lindqvist" || self.Email != "lena@new.example.com" {
			t.Errorf("self rater %+v", self)
		}
	})
	t.Run("RefusesARatersAddressAnotherLeadersAndBadFields", func(t *testing.T) {
		// Pia would then be the leader answering as a peer: padding.
		expectError(t, app.Do("PATCH", path, token, map[string]string{"email": "PIA+x@example.com"}), http.StatusUnprocessableEntity, "email")
		expectError(t, app.Do("PATCH", path, token, map[string]string{"email": "other.leader@example.com"}), http.StatusConflict, "email")
		expectError(t, app.Do("PATCH", path, token, map[string]string{"name": ""}), http.StatusUnprocessableEntity, "name")
		expectError(t, app.Do("PATCH", path, token, map[string]string{"email": "nope"}), http.StatusUnprocessableEntity, "email")
		expectError(t, app.Do("PATCH", path, token, map[string]any{"name": 3}), http.StatusBadRequest, "name")
		expectError(t, app.Do("PATCH", path, otherToken, map[string]string{"name": "Mine"}), http.StatusNotFound, "")
		resp := app.Do("GET", path, token, nil)
		var l struct{ Name, Email string }
		resp.JSON(t, &l)
		if l.Name != "Lena Lindqvist" || l.Email != "lena@new.example.com" {
			t.Fatalf("changed by refused patches: %+v", l)
		}
	})
}
