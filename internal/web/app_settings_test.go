package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

func TestSettingsPage(t *testing.T) {
	app := testkit.NewApp(t)
	b := newBrowser(t, app)
	coach := b.signIn()

	t.Run("ShowsTheDefaultRetention", func(t *testing.T) {
		expectStatus(t, b.get("/settings"), http.StatusOK, `name="retention_days"`, `value="730"`)
	})
	for _, bad := range []string{"29", "3651", "", "two years", "365.5"} {
		t.Run("RejectsRetention/"+bad, func(t *testing.T) {
			p := b.post("/settings", url.Values{"retention_days": {bad}})
			expectStatus(t, p, http.StatusUnprocessableEntity, "from 30 to 3650")
			expectInvalid(t, p, "retention_days")
			if !strings.Contains(p.Body, `value="`+bad+`"`) {
				t.Errorf("the refused value %q is not put back", bad)
			}
			set, err := app.Store.Settings(context.Background(), coach.ID)
			if err != nil || set.RetentionDays != rapport.DefaultRetentionDays {
				t.Fatalf("retention %+v (%v) after a refused form, want unchanged", set, err)
			}
		})
	}
	t.Run("SavesRetention", func(t *testing.T) {
		expectRedirect(t, b.post("/settings", url.Values{"retention_days": {"90"}}), "/settings")
		expectStatus(t, b.get("/settings"), http.StatusOK, `value="90"`, "kept for 90 days")
	})
}

func TestRoundPageSaysWhenAnswersAreDeleted(t *testing.T) {
	app := testkit.NewApp(t)
	b := newBrowser(t, app)
	coach := b.signIn()
	ctx := context.Background()
	leader, err := app.Store.CreateLeader(ctx, coach.ID, rapport.LeaderInput{Name: "Ana Lima", Email: "ana@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := app.Store.CreateRound(ctx, coach.ID, rapport.RoundInput{LeaderID: leader.ID, FrameworkKey: "leadership",
		Title: "Spring 360", ClosesAt: app.Store.Now().Add(14 * 24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.Store.AddRater(ctx, coach.ID, r.ID, rapport.RaterInput{Name: "Pia Peer", Email: "pia@example.com", Relationship: rapport.Peer}); err != nil {
		t.Fatal(err)
	}
	if _, err := app.Store.LaunchRound(ctx, coach.ID, r.ID); err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/rounds/%d", r.ID)
	if p := text(b.get(path)); strings.Contains(p, "Answers kept until") {
		t.Fatalf("an open round already says when its answers go: %s", p)
	}
	expectRedirect(t, b.post(path+"/close", url.Values{}), path)

	closed := text(b.get(path))
	want := "Answers kept until " + app.Store.Now().Add(730*24*time.Hour).Format("Mon 2 Jan 2006")
	if !strings.Contains(closed, want) || !strings.Contains(closed, "the report stays as it is") {
		t.Fatalf("the closed round's page does not say %q: %s", want, closed)
	}
	// Closed 731 days ago: the next pass purges it.
	testkit.RawDB(t, app.Cfg).MustExec(`UPDATE rounds SET closed_at = closed_at - 731 * 86400 WHERE id = ?`, r.ID)
	if p, err := app.Store.PurgeExpiredRounds(ctx); err != nil || p.Rounds != 1 {
		t.Fatalf("purged %d (%v), want 1", p.Rounds, err)
	}
	purged := text(b.get(path))
	if !strings.Contains(purged, "Answers deleted") || strings.Contains(purged, "Answers kept until") ||
		strings.Contains(purged, "Pia Peer") || strings.Contains(purged, "pia@example.com") {
		t.Fatalf("the purged round's page: %s", purged)
	}
}
