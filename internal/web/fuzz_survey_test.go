package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

// answerState is everything a rater has stored, as one comparable string.
func answerState(t *testing.T, db *sqlx.DB, raterID int64) string {
	t.Helper()
	var rows []string
	if err := db.Select(&rows, `SELECT item_id || ':' || ifnull(score, 'na') FROM answers WHERE response_id = (SELECT response_id FROM raters WHERE id = ?) ORDER BY item_id`, raterID); err != nil {
		t.Fatal(err)
	}
	var comments []string
	if err := db.Select(&comments, `SELECT question_id || ':' || text FROM comments WHERE response_id = (SELECT response_id FROM raters WHERE id = ?) ORDER BY question_id`, raterID); err != nil {
		t.Fatal(err)
	}
	var status string
	if err := db.Get(&status, `SELECT status FROM raters WHERE id = ?`, raterID); err != nil {
		t.Fatal(err)
	}
	return status + "|" + strings.Join(rows, ",") + "|" + strings.Join(comments, "\x00")
}

// consistent checks that what is stored obeys the survey's rules, whatever
// was sent: known items, scores on the scale, comments within the limit.
func consistent(t *testing.T, db *sqlx.DB, raterID int64) {
	t.Helper()
	var bad int
	if err := db.Get(&bad, `SELECT count(*) FROM answers a WHERE a.response_id = (SELECT response_id FROM raters WHERE id = ?) AND (
		(a.score IS NOT NULL AND (a.score < 1 OR a.score > 5)) OR typeof(a.score) NOT IN ('integer', 'null'))`, raterID); err != nil {
		t.Fatal(err)
	}
	if err := db.Get(&bad, `SELECT count(*) + ? FROM comments WHERE response_id = (SELECT response_id FROM raters WHERE id = ?) AND length(text) > ?`, bad, raterID, rapport.MaxCommentLen); err != nil {
		t.Fatal(err)
	}
	if bad > 0 {
		t.Fatalf("%d stored answers or comments break the survey's rules", bad)
	}
}

func fuzzRound(f *testing.F) (*testkit.App, *testkit.LaunchedRound, *sqlx.DB, string, int64) {
	app := testkit.NewApp(f)
	lr := app.Launch(f, "Fuzz Leader", rapport.RaterInput{Name: "Pat Peer", Email: "pat@example.com", Relationship: rapport.Peer})
	return app, lr, testkit.RawDB(f, app.Cfg), lr.Links["pat@example.com"], lr.RaterIDs["pat@example.com"]
}

// reopen puts the rater back to answering, so that one lucky submit or
// decline does not turn every later input into a 409.
func reopen(t *testing.T, db *sqlx.DB, raterID int64) {
	if _, err := db.Exec(`UPDATE raters SET status = 'in_progress' WHERE id = ?`, raterID); err != nil {
		t.Fatal(err)
	}
}

// FuzzSurveyJSON saves arbitrary bodies as a draft: any input gets 200 or a
// clear 4xx, and a refused one changes nothing.
func FuzzSurveyJSON(f *testing.F) {
	app, _, db, token, raterID := fuzzRound(f)
	var item int64
	if err := db.Get(&item, `SELECT min(i.id) FROM items i JOIN competencies c ON c.id = i.competency_id
		JOIN frameworks fw ON fw.id = c.framework_id WHERE fw.key = 'leadership'`); err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(fmt.Sprintf(`{"answers":{"%d":4},"comments":{"keep":"Listening."}}`, item)))
	f.Add([]byte(fmt.Sprintf(`{"answers":{"%d":null}}`, item)))
	f.Add([]byte(fmt.Sprintf(`{"answers":{"%d":6}}`, item)))
	f.Add([]byte(fmt.Sprintf(`{"answers":{"%d":"4"}}`, item)))
	f.Add([]byte(`{"answers":{"999999":3}}`))
	f.Add([]byte(`{"comments":{"nope":"x"}}`))
	f.Add([]byte(`{"answers":[]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		reopen(t, db, raterID)
		before := answerState(t, db, raterID)
		resp := app.For(t).Do(http.MethodPut, "/api/v1/survey/"+token, "", body)
		if resp.Status >= 500 {
			t.Fatalf("status %d for %q: %s", resp.Status, body, resp.Body)
		}
		if resp.Status != http.StatusOK {
			var e struct{ Error string }
			resp.JSON(t, &e)
			if e.Error == "" {
				t.Fatalf("status %d without a message: %s", resp.Status, resp.Body)
			}
			if after := answerState(t, db, raterID); after != before {
				t.Fatalf("a refused draft (%d) changed what is stored:\n%s\n->\n%s", resp.Status, before, after)
			}
		}
		consistent(t, db, raterID)
	})
}

// FuzzSurveyForm posts arbitrary form bodies to the survey page: never a
// 5xx, and what is stored always obeys the survey's rules.
func FuzzSurveyForm(f *testing.F) {
	app, _, db, token, raterID := fuzzRound(f)
	var item int64
	if err := db.Get(&item, `SELECT min(i.id) FROM items i JOIN competencies c ON c.id = i.competency_id
		JOIN frameworks fw ON fw.id = c.framework_id WHERE fw.key = 'leadership'`); err != nil {
		f.Fatal(err)
	}
	f.Add(fmt.Sprintf("action=save&item-%d=4&comment-keep=Good", item))
	f.Add(fmt.Sprintf("action=submit&item-%d=na", item))
	f.Add(fmt.Sprintf("action=save&item-%d=9", item))
	f.Add("action=decline")
	f.Add("action=confirm_decline")
	f.Add("action=frobnicate&%zz")
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	f.Fuzz(func(t *testing.T, form string) {
		reopen(t, db, raterID)
		req, err := http.NewRequest(http.MethodPost, app.URL+"/s/"+token, strings.NewReader(form))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", app.URL)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			t.Fatalf("status %d for form %q", resp.StatusCode, url.QueryEscape(form))
		}
		consistent(t, db, raterID)
	})
}
