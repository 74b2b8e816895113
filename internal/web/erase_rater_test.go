package web_test

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/testkit"
)

// After close, removing a rater erases their name and email; their
// answers stay, so the report reads the same.
func TestEraseRaterAfterClose(t *testing.T) {
	f := newReportFixture(t)
	app := f.app
	var round struct {
		LeaderID int64 `json:"leader_id"`
		Raters   []struct {
			ID       int64
			Name     string
			Email    string
			Status   string
			ErasedAt *time.Time `json:"erased_at"`
		}
	}
	app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d", f.roundID), f.token, nil).JSON(t, &round)
	ids := map[string]int64{}
	for _, r := range round.Raters {
		ids[r.Email] = r.ID
	}
	const who = "maria.schmidt@example.com" // a peer, submitted
	raterPath := fmt.Sprintf("/api/v1/rounds/%d/raters/%d", f.roundID, ids[who])

	t.Run("BeforeCloseAStartedRaterIsStillRefused", func(t *testing.T) {
		if resp := app.Do("DELETE", raterPath, f.token, nil); resp.Status != http.StatusConflict {
			t.Fatalf("DELETE before close: %d %s", resp.Status, resp.Body)
		}
	})

	deliverToFiles(t, app)
	surveyToken := openSealed(t, app, `SELECT token_sealed FROM raters WHERE id = ?`, ids[who])
	var invitation int64
	if err := testkit.RawDB(t, app.Cfg).Get(&invitation, `SELECT id FROM outbox WHERE rater_id = ? AND kind = 'invitation'`, ids[who]); err != nil {
		t.Fatal(err)
	}
	unsubscribe := emlOfOutbox(t, app, invitation).LinkPath(t, "u")
	emlBefore := countEmlTo(t, app, who) // this round's and the earlier round's
	if resp := app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/close", f.roundID), f.token, nil); resp.Status != http.StatusOK {
		t.Fatalf("close: %d %s", resp.Status, resp.Body)
	}
	summaryBefore := app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d/summary", f.roundID), f.token, nil)
	pdfBefore := reportText(t, app, f.token, f.roundID)

	t.Run("AnotherCoachGets404", func(t *testing.T) {
		_, stranger := app.SignIn(t)
		if resp := app.Do("DELETE", raterPath, stranger, nil); resp.Status != http.StatusNotFound {
			t.Fatalf("another coach's DELETE: %d %s", resp.Status, resp.Body)
		}
	})
	t.Run("ARaterOfAnotherRoundGets404", func(t *testing.T) {
		var other int64
		if err := testkit.RawDB(t, app.Cfg).Get(&other, `SELECT id FROM raters WHERE round_id != ? AND email = ?`, f.roundID, who); err != nil {
			t.Fatal(err)
		}
		path := fmt.Sprintf("/api/v1/rounds/%d/raters/%d", f.roundID, other)
		if resp := app.Do("DELETE", path, f.token, nil); resp.Status != http.StatusNotFound {
			t.Fatalf("DELETE of another round's rater: %d %s", resp.Status, resp.Body)
		}
	})

	if resp := app.Do("DELETE", raterPath, f.token, nil); resp.Status != http.StatusNoContent {
		t.Fatalf("DELETE after close: %d %s", resp.Status, resp.Body)
	}

	t.Run("TheReportReadsTheSame", func(t *testing.T) {
		after := app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d/summary", f.roundID), f.token, nil)
		if !bytes.Equal(after.Body, summaryBefore.Body) {
			t.Errorf("the summary changed:\nbefore %s\nafter  %s", summaryBefore.Body, after.Body)
		}
		if got := reportText(t, app, f.token, f.roundID); got != pdfBefore {
			t.Error("the PDF's text changed")
		}
	})
	t.Run("TheRaterKeepsStatusButNotNameOrEmail", func(t *testing.T) {
		app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d", f.roundID), f.token, nil).JSON(t, &round)
		for _, r := range round.Raters {
			if r.ID != ids[who] {
				continue
			}
			if r.Name != "" || r.Email != "" || r.Status != "submitted" || r.ErasedAt == nil {
				t.Errorf("erased rater reads %+v", r)
			}
		}
	})
	t.Run("LinksAnswer404", func(t *testing.T) {
		for _, link := range []string{"/s/" + surveyToken, "/api/v1/survey/" + surveyToken, unsubscribe} {
			if resp := app.Do("GET", link, "", nil); resp.Status != http.StatusNotFound {
				t.Errorf("%s answers %d", link, resp.Status)
			}
		}
	})
	t.Run("EmailsAndTheirFilesAreGone", func(t *testing.T) {
		if n := countEmlTo(t, app, who); n != emlBefore-1 {
			t.Errorf("%d .eml files to %s left of %d, want only the earlier round's", n, who, emlBefore)
		}
		var n int
		if err := testkit.RawDB(t, app.Cfg).Get(&n, `SELECT count(*) FROM outbox WHERE round_id = ? AND to_email = ?`, f.roundID, who); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%d emails to %s left in the outbox", n, who)
		}
	})
	t.Run("ASecondDeleteChangesNothing", func(t *testing.T) {
		if resp := app.Do("DELETE", raterPath, f.token, nil); resp.Status != http.StatusNoContent {
			t.Errorf("second DELETE: %d %s", resp.Status, resp.Body)
		}
	})
	t.Run("NotCopiedIntoANewRound", func(t *testing.T) {
		resp := app.Do("POST", "/api/v1/rounds", f.token, map[string]any{"leader_id": round.LeaderID, "framework_key": "leadership",
			"title": "Follow-up", "closes_at": time.Now().Add(30 * 24 * time.Hour).UTC().Format(time.RFC3339)})
		var draft struct{ ID int64 }
		resp.JSON(t, &draft)
		resp = app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/raters/copy", draft.ID), f.token, map[string]any{"from_round_id": f.roundID})
		if resp.Status != http.StatusCreated {
			t.Fatalf("copy: %d %s", resp.Status, resp.Body)
		}
		var n int
		if err := testkit.RawDB(t, app.Cfg).Get(&n, `SELECT count(*) FROM raters WHERE round_id = ? AND (name = '' OR email LIKE 'erased-%')`, draft.ID); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("the erased rater was copied into the follow-up (%d rows)", n)
		}
	})
	t.Run("NothingReadableInTheFileOrABackup", func(t *testing.T) {
		// The earlier round has the same people: erase them there too,
		// then no copy of the database may hold the name or the address.
		var earlier int64
		if err := testkit.RawDB(t, app.Cfg).Get(&earlier, `SELECT id FROM raters WHERE round_id != ? AND email = ?`, f.roundID, who); err != nil {
			t.Fatal(err)
		}
		var earlierRound int64
		testkit.RawDB(t, app.Cfg).Get(&earlierRound, `SELECT round_id FROM raters WHERE id = ?`, earlier)
		if resp := app.Do("DELETE", fmt.Sprintf("/api/v1/rounds/%d/raters/%d", earlierRound, earlier), f.token, nil); resp.Status != http.StatusNoContent {
			t.Fatalf("DELETE in the earlier round: %d %s", resp.Status, resp.Body)
		}
		assertAbsent(t, databaseCopies(t, app), who, "Maria Schmidt")
		if n := countEmlTo(t, app, who); n != 0 {
			t.Errorf("%d .eml files to %s left", n, who)
		}
		assertPresent(t, databaseCopies(t, app), "igor.volkov@example.com")
	})
}

// reportText is the text of a round's PDF, as pdftotext reads it.
func reportText(t *testing.T, app *testkit.App, token string, roundID int64) string {
	t.Helper()
	resp := app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d/report.pdf", roundID), token, nil)
	if resp.Status != http.StatusOK {
		t.Fatalf("report: %d %s", resp.Status, resp.Body)
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, resp.Body, 0o600); err != nil {
		t.Fatal(err)
	}
	return testkit.Tool(t, "pdftotext", "-layout", path, "-")
}
