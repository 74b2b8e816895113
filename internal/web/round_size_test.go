package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

// TestARoundHoldsAtMost500Raters fills a round to 500 raters (the leader
// included) and checks that the API, the page form and the CSV import all
// refuse a 501st with 422 and the reason, adding nobody.
func TestARoundHoldsAtMost500Raters(t *testing.T) {
	app := testkit.NewApp(t)
	b := newBrowser(t, app)
	coach := b.signIn()
	roundPath := newLeaderAndRound(t, b, "Many Raters")
	roundID, err := strconv.ParseInt(strings.TrimPrefix(roundPath, "/rounds/"), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	var csv strings.Builder
	for i := 1; i < rapport.MaxRatersPerRound; i++ {
		fmt.Fprintf(&csv, "Rater %d,rater%d@example.com,peer\n", i, i)
	}
	if _, err := app.Store.ImportRaters(context.Background(), coach.ID, roundID, csv.String()); err != nil {
		t.Fatal(err)
	}
	count := func() int {
		var n int
		if err := testkit.RawDB(t, app.Cfg).Get(&n, `SELECT count(*) FROM raters WHERE round_id = ?`, roundID); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(); n != rapport.MaxRatersPerRound {
		t.Fatalf("%d raters before the test, want %d", n, rapport.MaxRatersPerRound)
	}
	const reason = "A round holds at most 500 raters."

	t.Run("API", func(t *testing.T) {
		resp := app.Do("POST", "/api/v1/tokens", "", map[string]string{"email": coach.Email, "password": testkit.CoachPassphrase})
		var tok struct{ Token string }
		resp.JSON(t, &tok)
		resp = app.For(t).Do("POST", fmt.Sprintf("/api/v1/rounds/%d/raters", roundID), tok.Token,
			map[string]string{"name": "One Too Many", "email": "late@example.com", "relationship": "peer"})
		if resp.Status != http.StatusUnprocessableEntity || resp.Map(t)["error"] != reason {
			t.Fatalf("status %d %s, want 422 %q", resp.Status, resp.Body, reason)
		}
	})
	t.Run("PageForm", func(t *testing.T) {
		p := b.post(roundPath+"/raters", url.Values{"name": {"One Too Many"}, "email": {"late@example.com"}, "relationship": {"peer"}})
		expectStatus(t, p, http.StatusUnprocessableEntity, reason)
	})
	t.Run("CSVImport", func(t *testing.T) {
		p := b.post(roundPath+"/raters/import", url.Values{"csv": {"One Too Many,late@example.com,peer\n"}})
		expectStatus(t, p, http.StatusUnprocessableEntity, reason)
	})
	if n := count(); n != rapport.MaxRatersPerRound {
		t.Errorf("%d raters after the refusals, want %d", n, rapport.MaxRatersPerRound)
	}
}
