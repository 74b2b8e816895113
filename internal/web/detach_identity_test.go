package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/testkit"
)

// reportSnapshot is everything a reader sees of a closed round: the
// summary as the API gives it and the text of the PDF.
type reportSnapshot struct{ summary, pdf string }

func snapshotReport(t *testing.T, app *testkit.App, token string, roundID int64) reportSnapshot {
	t.Helper()
	sum := app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d/summary", roundID), token, nil)
	if sum.Status != http.StatusOK {
		t.Fatalf("summary: %d %s", sum.Status, sum.Body)
	}
	pdf := app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d/report.pdf", roundID), token, nil)
	if pdf.Status != http.StatusOK {
		t.Fatalf("report: %d %.300s", pdf.Status, pdf.Body)
	}
	return reportSnapshot{summary: string(sum.Body), pdf: pdfText(t, pdf.Body)}
}

func expectSameReport(t *testing.T, before, after reportSnapshot) {
	t.Helper()
	if before.summary != after.summary {
		t.Errorf("the summary changed when the answers were detached:\nbefore %s\nafter  %s", before.summary, after.summary)
	}
	if before.pdf != after.pdf {
		t.Errorf("the PDF's text changed when the answers were detached:\nbefore %s\nafter  %s", before.pdf, after.pdf)
	}
}

// anonymousRows counts answers and comments keyed by an anonymous rater.
func anonymousRows(t *testing.T, app *testkit.App, roundID int64) int {
	return count(t, rawDB(t, app), `SELECT
		(SELECT count(*) FROM answers a JOIN raters r ON r.response_id = a.response_id WHERE r.round_id = ?1
			AND r.relationship IN ('peer', 'direct_report', 'other')) +
		(SELECT count(*) FROM comments c JOIN raters r ON r.response_id = c.response_id WHERE r.round_id = ?1
			AND r.relationship IN ('peer', 'direct_report', 'other'))`, roundID)
}

// closeUndetached closes a round as a binary before forward anonymity did:
// the answers stay on their raters, which is what "before" reads.
func closeUndetached(t *testing.T, app *testkit.App, roundID, closedAt int64) {
	t.Helper()
	rawDB(t, app).MustExec(`UPDATE rounds SET status = 'closed', closed_at = ? WHERE id = ?`, closedAt, roundID)
	if anonymousRows(t, app, roundID) == 0 {
		t.Fatal("no answers on anonymous raters before detaching: the test proves nothing")
	}
}

// TestDetachingChangesNoFigure computes the summary and the PDF's text of
// closed rounds before and after their anonymous answers are detached from
// their raters, and checks that they are identical.
func TestDetachingChangesNoFigure(t *testing.T) {
	t.Run("MergedGroupsNAAnswersCommentsAndProgress", func(t *testing.T) {
		app := testkit.NewApp(t)
		_, token := app.SignIn(t)
		f := &reportFixture{app: app, token: token, questions: map[string]int64{}}
		leaderID := createLeader(t, app, token, fixtureLeader)
		f.loadFramework(t)
		// Two rounds (the fixture's: four peers on their own, two direct
		// reports merged with three others, N/A answers, comments in three
		// scripts), the earlier one for "progress since the last round".
		earlier, _ := f.submittedRound(t, leaderID, "Leadership 360 · Autumn 2025", -1)
		latest, raterIDs := f.submittedRound(t, leaderID, "Leadership 360 · Spring 2026", 0)
		rawDB(t, app).MustExec(`UPDATE raters SET status = 'in_progress', submitted_at = NULL WHERE id = ?`, raterIDs[len(raterIDs)-1])
		closeUndetached(t, app, earlier, 1767225600)
		closeUndetached(t, app, latest, 1775001600)
		before := snapshotReport(t, app, token, latest)
		for _, want := range []string{`"key":"combined"`, `"progress":{`, `"na":{`, `"group":"peer"`} {
			if !strings.Contains(before.summary, want) {
				t.Fatalf("the fixture's summary lacks %s: the test would prove less than it says", want)
			}
		}
		// Both rounds were closed by an older binary: migrating detaches them.
		if _, err := app.Store.Migrate(t.Context()); err != nil {
			t.Fatal(err)
		}
		for _, id := range []int64{earlier, latest} {
			if n := anonymousRows(t, app, id); n != 0 {
				t.Fatalf("round %d: %d rows still keyed by anonymous raters", id, n)
			}
		}
		expectSameReport(t, before, snapshotReport(t, app, token, latest))
	})

	t.Run("WithheldGroupThroughTheCoachsCloseButton", func(t *testing.T) {
		app := testkit.NewApp(t)
		coach, password := testkit.Coach(t, app.Store)
		var tok struct{ Token string }
		app.Do("POST", "/api/v1/tokens", "", map[string]string{"email": coach.Email, "password": password}).JSON(t, &tok)
		f := &reportFixture{app: app, token: tok.Token, questions: map[string]int64{}}
		f.loadFramework(t)
		roundID := createRound(t, app, tok.Token, createLeader(t, app, tok.Token, "Lea Leader"))
		base := fmt.Sprintf("/api/v1/rounds/%d", roundID)
		// A superior, one peer and one other: at threshold 3 the two
		// anonymous raters are withheld from every figure and comment.
		var ids []int64
		for _, r := range []struct{ email, rel string }{{"boss@example.com", "superior"}, {"peer@example.com", "peer"}, {"other@example.com", "other"}} {
			resp := app.Do("POST", base+"/raters", tok.Token, map[string]string{"name": r.rel, "email": r.email, "relationship": r.rel})
			var rater struct{ ID int64 }
			resp.JSON(t, &rater)
			ids = append(ids, rater.ID)
		}
		if resp := app.Do("POST", base+"/launch", tok.Token, nil); resp.Status != http.StatusOK {
			t.Fatalf("launch: %d %s", resp.Status, resp.Body)
		}
		var self int64
		if err := rawDB(t, app).Get(&self, `SELECT id FROM raters WHERE round_id = ? AND relationship = 'self'`, roundID); err != nil {
			t.Fatal(err)
		}
		for i, id := range append([]int64{self}, ids...) {
			scores := map[int64]*int{}
			for ci, items := range f.items {
				for ii, item := range items {
					scores[item] = fixtureScore(i, ci, ii)
				}
			}
			app.SubmitResponse(t, id, scores, map[int64]string{f.questions["keep"]: fmt.Sprintf("Comment of rater %d", i)})
		}
		closeUndetached(t, app, roundID, 1775001600)
		before := snapshotReport(t, app, tok.Token, roundID)
		if !strings.Contains(before.summary, `"withheld":["peer","other"]`) {
			t.Fatalf("the round withholds nothing: %s", before.summary)
		}
		// Open again, and close with the button on the round's page.
		rawDB(t, app).MustExec(`UPDATE rounds SET status = 'open', closed_at = NULL WHERE id = ?`, roundID)
		b := newBrowser(t, app)
		if p := b.post("/login", url.Values{"email": {coach.Email}, "password": {password}}); p.Status != http.StatusSeeOther {
			t.Fatalf("sign in: %d", p.Status)
		}
		if p := b.post(fmt.Sprintf("/rounds/%d/close", roundID), url.Values{}); p.Status != http.StatusSeeOther {
			t.Fatalf("close: %d %s", p.Status, p.Body)
		}
		if n := anonymousRows(t, app, roundID); n != 0 {
			t.Fatalf("%d rows still keyed by anonymous raters after close", n)
		}
		rawDB(t, app).MustExec(`UPDATE rounds SET closed_at = 1775001600 WHERE id = ?`, roundID)
		expectSameReport(t, before, snapshotReport(t, app, tok.Token, roundID))
	})
}
