package web_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

// surveyResp is the rater API's view of a survey.
type surveyResp struct {
	RoundTitle         string    `json:"round_title"`
	LeaderName         string    `json:"leader_name"`
	Relationship       string    `json:"relationship"`
	ClosesAt           time.Time `json:"closes_at"`
	Status             string    `json:"status"`
	RoundClosed        bool      `json:"round_closed"`
	AnonymityThreshold int       `json:"anonymity_threshold"`
	Scale              struct {
		Min    int      `json:"min"`
		Max    int      `json:"max"`
		Labels []string `json:"labels"`
	} `json:"scale"`
	Competencies []struct {
		Key   string `json:"key"`
		Name  string `json:"name"`
		Items []struct {
			ID   int64  `json:"id"`
			Text string `json:"text"`
		} `json:"items"`
	} `json:"competencies"`
	OpenQuestions []struct {
		Key  string `json:"key"`
		Text string `json:"text"`
	} `json:"open_questions"`
	Answers  map[string]*int   `json:"answers"`
	Comments map[string]string `json:"comments"`
}

func (s *surveyResp) itemIDs() []int64 {
	var ids []int64
	for _, c := range s.Competencies {
		for _, it := range c.Items {
			ids = append(ids, it.ID)
		}
	}
	return ids
}

// allAnswers scores every item 4, except the first, "not able to observe".
func (s *surveyResp) allAnswers() map[string]any {
	out := map[string]any{}
	for i, id := range s.itemIDs() {
		if i == 0 {
			out[fmt.Sprint(id)] = nil
		} else {
			out[fmt.Sprint(id)] = 4
		}
	}
	return out
}

func getSurvey(t *testing.T, app *testkit.App, token string) surveyResp {
	t.Helper()
	resp := app.Do("GET", "/api/v1/survey/"+token, "", nil)
	if resp.Status != http.StatusOK {
		t.Fatalf("get survey: %d %s", resp.Status, resp.Body)
	}
	var s surveyResp
	resp.JSON(t, &s)
	return s
}

var (
	peerAna  = rapport.RaterInput{Name: "Pia Peer", Email: "pia@example.com", Relationship: rapport.Peer}
	bossBen  = rapport.RaterInput{Name: "Ben Boss", Email: "ben@example.com", Relationship: rapport.Superior}
	reportDo = rapport.RaterInput{Name: "Dora Report", Email: "dora@example.com", Relationship: rapport.DirectReport}
)

// raterRow is what the database holds about a rater's progress.
type raterRow struct {
	Status      string        `db:"status"`
	OpenedAt    sql.NullInt64 `db:"opened_at"`
	StartedAt   sql.NullInt64 `db:"started_at"`
	SubmittedAt sql.NullInt64 `db:"submitted_at"`
	DeclinedAt  sql.NullInt64 `db:"declined_at"`
	Answers     int           `db:"answers"`
	Comments    int           `db:"comments"`
}

func raterState(t *testing.T, app *testkit.App, raterID int64) raterRow {
	t.Helper()
	var r raterRow
	// Cast, so the driver gives the stored unix seconds rather than time.Time.
	err := rawDB(t, app).Get(&r, `SELECT status, CAST(opened_at AS INTEGER) AS opened_at,
		CAST(started_at AS INTEGER) AS started_at, CAST(submitted_at AS INTEGER) AS submitted_at,
		CAST(declined_at AS INTEGER) AS declined_at,
		(SELECT count(*) FROM answers WHERE response_id = raters.response_id) AS answers,
		(SELECT count(*) FROM comments WHERE response_id = raters.response_id) AS comments
		FROM raters WHERE id = ?`, raterID)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// storedScore is the score a rater's answer to an item holds in the database.
func storedScore(t *testing.T, app *testkit.App, raterID, itemID int64) int {
	t.Helper()
	var score int
	if err := rawDB(t, app).Get(&score, `SELECT score FROM answers WHERE response_id = (SELECT response_id FROM raters WHERE id = ?) AND item_id = ?`, raterID, itemID); err != nil {
		t.Fatal(err)
	}
	return score
}

func TestSurveyAPIShowsTheSurvey(t *testing.T) {
	app := testkit.NewApp(t)
	lr := app.Launch(t, "Ana María Souza", peerAna)
	peer := lr.Links["pia@example.com"]

	t.Run("OthersSeeWordingNamingTheLeader", func(t *testing.T) {
		s := getSurvey(t, app, peer)
		if s.RoundTitle != "Spring 360" || s.LeaderName != "Ana María Souza" || s.Relationship != "peer" || s.AnonymityThreshold != 3 {
			t.Errorf("header: %+v", s)
		}
		if s.Scale.Min != 1 || s.Scale.Max != 5 || len(s.Scale.Labels) != 5 {
			t.Errorf("scale: %+v", s.Scale)
		}
		if len(s.Competencies) == 0 || len(s.OpenQuestions) == 0 {
			t.Fatalf("empty survey: %+v", s)
		}
		first := s.Competencies[0].Items[0].Text
		if !strings.HasPrefix(first, "Ana ") || strings.Contains(first, "{leader}") {
			t.Errorf("first item %q should name Ana", first)
		}
		for _, q := range s.OpenQuestions {
			if strings.Contains(q.Text, "{leader}") {
				t.Errorf("question %q keeps the placeholder", q.Text)
			}
		}
		if s.Answers == nil || s.Comments == nil || len(s.Answers) != 0 {
			t.Errorf("answers %v comments %v", s.Answers, s.Comments)
		}
	})

	t.Run("TheLeaderSeesTheIWording", func(t *testing.T) {
		s := getSurvey(t, app, lr.SelfLink(t))
		if s.Relationship != "self" {
			t.Fatalf("relationship %q", s.Relationship)
		}
		for _, c := range s.Competencies {
			for _, it := range c.Items {
				if strings.Contains(it.Text, "Ana") || strings.Contains(it.Text, "{leader}") {
					t.Errorf("self item %q names the leader", it.Text)
				}
			}
		}
		if !strings.HasPrefix(s.Competencies[0].Items[0].Text, "I ") {
			t.Errorf("self item %q", s.Competencies[0].Items[0].Text)
		}
		joined := ""
		for _, q := range s.OpenQuestions {
			joined += q.Text
		}
		if !strings.Contains(joined, "you") || strings.Contains(joined, "Ana") {
			t.Errorf("self questions %q", joined)
		}
	})

	t.Run("OpeningMarksOpenedOnceAndNeverUsesTheLinkUp", func(t *testing.T) {
		id := lr.RaterIDs["pia@example.com"]
		first := raterState(t, app, id)
		if first.Status != "opened" || !first.OpenedAt.Valid {
			t.Fatalf("after first view: %+v", first)
		}
		for range 3 {
			if s := getSurvey(t, app, peer); s.Status != "opened" {
				t.Fatalf("status %q", s.Status)
			}
		}
		if again := raterState(t, app, id); again.OpenedAt != first.OpenedAt {
			t.Errorf("opened_at moved: %d → %d", first.OpenedAt.Int64, again.OpenedAt.Int64)
		}
	})

	t.Run("TheCoachSeesTheStatus", func(t *testing.T) {
		r := getRound(t, app, lr.CoachToken, lr.Round.ID)
		for _, rt := range r.Raters {
			if rt.Email == "pia@example.com" && rt.Status != "opened" {
				t.Errorf("coach sees %q", rt.Status)
			}
		}
	})
}

func TestSurveyAPISaveAndResume(t *testing.T) {
	app := testkit.NewApp(t)
	lr := app.Launch(t, "Ana Souza", peerAna)
	token, id := lr.Links["pia@example.com"], lr.RaterIDs["pia@example.com"]
	s := getSurvey(t, app, token)
	ids := s.itemIDs()
	q := s.OpenQuestions[0].Key

	t.Run("SavesAPartialDraftAndMovesToInProgress", func(t *testing.T) {
		resp := app.Do("PUT", "/api/v1/survey/"+token, "", map[string]any{
			"answers":  map[string]any{fmt.Sprint(ids[0]): 4, fmt.Sprint(ids[1]): nil},
			"comments": map[string]string{q: "Keeps meetings short.\nAnd kind."}})
		if resp.Status != http.StatusOK {
			t.Fatalf("%d %s", resp.Status, resp.Body)
		}
		var got surveyResp
		resp.JSON(t, &got)
		if got.Status != "in_progress" {
			t.Errorf("status %q", got.Status)
		}
		if a := got.Answers[fmt.Sprint(ids[0])]; a == nil || *a != 4 {
			t.Errorf("answer 0 = %v", a)
		}
		if a, ok := got.Answers[fmt.Sprint(ids[1])]; !ok || a != nil {
			t.Errorf("answer 1 = %v, %v; want null (not able to observe)", a, ok)
		}
		if got.Comments[q] != "Keeps meetings short.\nAnd kind." {
			t.Errorf("comment %q", got.Comments[q])
		}
		if st := raterState(t, app, id); !st.StartedAt.Valid || st.Answers != 2 || st.Comments != 1 {
			t.Errorf("stored %+v", st)
		}
	})

	t.Run("ALaterSaveMergesAndTheLinkShowsEverythingAgain", func(t *testing.T) {
		resp := app.Do("PUT", "/api/v1/survey/"+token, "", map[string]any{"answers": map[string]any{fmt.Sprint(ids[0]): 2, fmt.Sprint(ids[2]): 5}})
		if resp.Status != http.StatusOK {
			t.Fatalf("%d %s", resp.Status, resp.Body)
		}
		again := getSurvey(t, app, token)
		if len(again.Answers) != 3 || *again.Answers[fmt.Sprint(ids[0])] != 2 || *again.Answers[fmt.Sprint(ids[2])] != 5 {
			t.Errorf("answers %v", again.Answers)
		}
		if again.Comments[q] == "" || again.Status != "in_progress" {
			t.Errorf("resume: %+v", again)
		}
		// Stored as numbers, as the report's SQL expects them.
		if n := count(t, rawDB(t, app), `SELECT count(*) FROM answers WHERE response_id = (SELECT response_id FROM raters WHERE id = ?)
			AND typeof(item_id) = 'integer' AND typeof(score) IN ('integer', 'null')`, id); n != 3 {
			t.Errorf("%d of 3 answers stored with integer item ids and integer or null scores", n)
		}
	})

	t.Run("AnEmptyCommentRemovesIt", func(t *testing.T) {
		resp := app.Do("PUT", "/api/v1/survey/"+token, "", map[string]any{"comments": map[string]string{q: "  "}})
		if resp.Status != http.StatusOK {
			t.Fatalf("%d %s", resp.Status, resp.Body)
		}
		if st := raterState(t, app, id); st.Comments != 0 {
			t.Errorf("comments %d", st.Comments)
		}
	})

	t.Run("ACommentTooLongIsRefusedWithReadableNumbers", func(t *testing.T) {
		resp := app.Do("PUT", "/api/v1/survey/"+token, "", map[string]any{"comments": map[string]string{q: strings.Repeat("a", 5001)}})
		expectError(t, resp, http.StatusUnprocessableEntity, "comments."+q)
		if msg := resp.Map(t)["error"]; msg != "answers are limited to 5,000 characters; this one has 5,001" {
			t.Errorf("error %q", msg)
		}
	})
	t.Run("ACommentOfExactly5000CharactersIsKept", func(t *testing.T) {
		text := strings.Repeat("é", 4999) + "😀"
		resp := app.Do("PUT", "/api/v1/survey/"+token, "", map[string]any{"comments": map[string]string{q: text}})
		if resp.Status != http.StatusOK {
			t.Fatalf("%d %s", resp.Status, resp.Body)
		}
		if got := getSurvey(t, app, token).Comments[q]; got != text {
			t.Errorf("comment changed (%d runes)", len([]rune(got)))
		}
	})
}

func TestSurveyAPIRejectsBadDrafts(t *testing.T) {
	app := testkit.NewApp(t)
	lr := app.Launch(t, "Ana Souza", peerAna)
	token, raterID := lr.Links["pia@example.com"], lr.RaterIDs["pia@example.com"]
	s := getSurvey(t, app, token)
	item := fmt.Sprint(s.itemIDs()[0])
	q := s.OpenQuestions[0].Key
	// One saved answer, to see that rejected requests leave it alone.
	if resp := app.Do("PUT", "/api/v1/survey/"+token, "", map[string]any{"answers": map[string]any{item: 3}}); resp.Status != 200 {
		t.Fatalf("%d %s", resp.Status, resp.Body)
	}
	var otherItem int64 // an item of another framework
	if err := rawDB(t, app).Get(&otherItem, `SELECT i.id FROM items i JOIN competencies c ON c.id = i.competency_id
		JOIN frameworks f ON f.id = c.framework_id WHERE f.key = 'executive' LIMIT 1`); err != nil {
		t.Fatal(err)
	}
	before := raterState(t, app, raterID)

	cases := []struct {
		name   string
		body   any
		status int
		field  string
	}{
		{"RejectsScoreAboveScale", `{"answers": {"` + item + `": 6}}`, 422, "answers." + item},
		{"RejectsScoreBelowScale", `{"answers": {"` + item + `": 0}}`, 422, "answers." + item},
		{"RejectsNegativeScore", `{"answers": {"` + item + `": -3}}`, 422, "answers." + item},
		{"RejectsScoreAsString", `{"answers": {"` + item + `": "4"}}`, 400, "answers." + item},
		{"RejectsFractionalScore", `{"answers": {"` + item + `": 3.5}}`, 422, "answers." + item},
		{"RejectsHugeScore", `{"answers": {"` + item + `": 1e400}}`, 422, "answers." + item},
		{"RejectsObjectScore", `{"answers": {"` + item + `": {"v": 3}}}`, 400, "answers." + item},
		{"RejectsBooleanScore", `{"answers": {"` + item + `": true}}`, 400, "answers." + item},
		{"RejectsUnknownItemID", `{"answers": {"999999": 3}}`, 422, "answers.999999"},
		{"RejectsItemOfAnotherFramework", fmt.Sprintf(`{"answers": {"%d": 3}}`, otherItem), 422, fmt.Sprintf("answers.%d", otherItem)},
		{"RejectsNonNumericItemKey", `{"answers": {"abc": 3}}`, 422, "answers.abc"},
		{"RejectsUnknownQuestionKey", `{"comments": {"nope": "hi"}}`, 422, "comments.nope"},
		{"RejectsCommentOver5000Characters", map[string]any{"comments": map[string]string{q: strings.Repeat("a", 5001)}}, 422, "comments." + q},
		{"RejectsCommentAsNumber", `{"comments": {"` + q + `": 5}}`, 400, "comments." + q},
		{"RejectsUnknownField", `{"answerz": {}}`, 400, "answerz"},
		{"RejectsInvalidJSON", `{"answers": `, 400, ""},
		{"RejectsEmptyBody", ``, 400, ""},
		{"RejectsTwoValues", `{} {}`, 400, ""},
		{"RejectsAGoodAnswerBesideABadOne", `{"answers": {"` + item + `": 5, "999999": 3}, "comments": {"` + q + `": "kept?"}}`, 422, "answers.999999"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, path := range []string{"/api/v1/survey/" + token, "/api/v1/survey/" + token + "/submit"} {
				method := "PUT"
				if strings.HasSuffix(path, "/submit") {
					method = "POST"
					if tc.name == "RejectsEmptyBody" {
						continue // an empty submit body is allowed
					}
				}
				expectError(t, app.Do(method, path, "", tc.body), tc.status, tc.field)
				if after := raterState(t, app, raterID); after != before {
					t.Fatalf("%s %s changed the rater: %+v → %+v", method, path, before, after)
				}
			}
			if a := getSurvey(t, app, token).Answers[item]; a == nil || *a != 3 {
				t.Errorf("the saved answer changed: %v", a)
			}
		})
	}
}

func TestSurveyAPISubmit(t *testing.T) {
	app := testkit.NewApp(t)
	lr := app.Launch(t, "Ana Souza", peerAna, bossBen)
	token, raterID := lr.Links["pia@example.com"], lr.RaterIDs["pia@example.com"]
	s := getSurvey(t, app, token)
	ids := s.itemIDs()

	t.Run("IncompleteGets422ListingTheMissingItemsAndKeepsTheDraft", func(t *testing.T) {
		resp := app.Do("POST", "/api/v1/survey/"+token+"/submit", "", map[string]any{
			"answers": map[string]any{fmt.Sprint(ids[0]): 5, fmt.Sprint(ids[2]): nil}})
		if resp.Status != http.StatusUnprocessableEntity {
			t.Fatalf("%d %s", resp.Status, resp.Body)
		}
		var body struct {
			Error   string  `json:"error"`
			Missing []int64 `json:"missing"`
		}
		resp.JSON(t, &body)
		want := slices.Concat(ids[1:2], ids[3:])
		if !slices.Equal(body.Missing, want) {
			t.Errorf("missing %v, want %v", body.Missing, want)
		}
		if !strings.Contains(body.Error, fmt.Sprint(len(want))) {
			t.Errorf("error %q should say how many", body.Error)
		}
		st := raterState(t, app, raterID)
		if st.Status != "in_progress" || st.Answers != 2 || st.SubmittedAt.Valid {
			t.Errorf("after refused submit: %+v", st)
		}
	})

	t.Run("WithoutABodyItChecksWhatIsSaved", func(t *testing.T) {
		resp := app.Do("POST", "/api/v1/survey/"+token+"/submit", "", nil)
		if resp.Status != http.StatusUnprocessableEntity || len(resp.Map(t)["missing"].([]any)) != len(ids)-2 {
			t.Fatalf("%d %s", resp.Status, resp.Body)
		}
	})

	t.Run("CompleteSubmits", func(t *testing.T) {
		resp := app.Do("POST", "/api/v1/survey/"+token+"/submit", "", map[string]any{"answers": s.allAnswers()})
		if resp.Status != http.StatusOK {
			t.Fatalf("%d %s", resp.Status, resp.Body)
		}
		var got surveyResp
		resp.JSON(t, &got)
		if got.Status != "submitted" || got.Answers != nil || got.Comments != nil {
			t.Errorf("status %q, answers %v, comments %v: a submit answers with the status only", got.Status, got.Answers, got.Comments)
		}
		if st := raterState(t, app, raterID); !st.SubmittedAt.Valid || st.Status != "submitted" || st.Answers != len(ids) {
			t.Errorf("stored %+v", st)
		}
	})

	t.Run("NothingChangesAfterSubmit", func(t *testing.T) {
		before := raterState(t, app, raterID)
		expectError(t, app.Do("PUT", "/api/v1/survey/"+token, "", map[string]any{"answers": map[string]any{fmt.Sprint(ids[1]): 1}}), 409, "")
		expectError(t, app.Do("POST", "/api/v1/survey/"+token+"/submit", "", nil), 409, "")
		expectError(t, app.Do("POST", "/api/v1/survey/"+token+"/decline", "", nil), 409, "")
		if after := raterState(t, app, raterID); after != before {
			t.Errorf("changed: %+v → %+v", before, after)
		}
		if score := storedScore(t, app, raterID, ids[1]); score != 4 {
			t.Errorf("the answer to item %d is %d after refused writes, want 4", ids[1], score)
		}
	})

	t.Run("TheCoachSeesSubmittedInTheRoundAndItsCounts", func(t *testing.T) {
		r := getRound(t, app, lr.CoachToken, lr.Round.ID)
		if r.Counts.Submitted["peer"] != 1 {
			t.Errorf("counts %+v", r.Counts)
		}
	})
}

func TestSurveyAPIDecline(t *testing.T) {
	app := testkit.NewApp(t)
	lr := app.Launch(t, "Ana Souza", peerAna)
	token, raterID := lr.Links["pia@example.com"], lr.RaterIDs["pia@example.com"]
	s := getSurvey(t, app, token)
	app.Do("PUT", "/api/v1/survey/"+token, "", map[string]any{"answers": map[string]any{fmt.Sprint(s.itemIDs()[0]): 2},
		"comments": map[string]string{s.OpenQuestions[0].Key: "draft"}})

	resp := app.Do("POST", "/api/v1/survey/"+token+"/decline", "", nil)
	if resp.Status != http.StatusOK {
		t.Fatalf("%d %s", resp.Status, resp.Body)
	}
	var got surveyResp
	resp.JSON(t, &got)
	if got.Status != "declined" || len(got.Answers) != 0 || len(got.Comments) != 0 {
		t.Errorf("declined survey: %q %v %v", got.Status, got.Answers, got.Comments)
	}
	st := raterState(t, app, raterID)
	if !st.DeclinedAt.Valid || st.Answers != 0 || st.Comments != 0 {
		t.Errorf("stored %+v: a declined rater's draft must be gone", st)
	}
	t.Run("NothingChangesAfterDecline", func(t *testing.T) {
		expectError(t, app.Do("PUT", "/api/v1/survey/"+token, "", map[string]any{"answers": map[string]any{}}), 409, "")
		expectError(t, app.Do("POST", "/api/v1/survey/"+token+"/submit", "", map[string]any{"answers": s.allAnswers()}), 409, "")
		expectError(t, app.Do("POST", "/api/v1/survey/"+token+"/decline", "", nil), 409, "")
		if after := raterState(t, app, raterID); after != st {
			t.Errorf("changed: %+v → %+v", st, after)
		}
	})
}

func TestSurveyAPIAfterTheRoundCloses(t *testing.T) {
	t.Run("ClosedByTheCoach", func(t *testing.T) {
		app := testkit.NewApp(t)
		lr := app.Launch(t, "Ana Souza", peerAna)
		token := lr.Links["pia@example.com"]
		s := getSurvey(t, app, token)
		if _, err := app.Store.CloseRound(context.Background(), lr.Coach.ID, lr.Round.ID); err != nil {
			t.Fatal(err)
		}
		expectClosed(t, app, token, s, lr.RaterIDs["pia@example.com"])
	})
	t.Run("ClosedByItsDeadline", func(t *testing.T) {
		app := testkit.NewApp(t)
		clock := testkit.NewClock(time.Now())
		app.Store.Now = clock.Now
		lr := app.Launch(t, "Ana Souza", peerAna)
		token := lr.Links["pia@example.com"]
		s := getSurvey(t, app, token)
		clock.Set(lr.Round.ClosesAt)
		expectClosed(t, app, token, s, lr.RaterIDs["pia@example.com"])
	})
}

func expectClosed(t *testing.T, app *testkit.App, token string, s surveyResp, raterID int64) {
	t.Helper()
	before := raterState(t, app, raterID)
	expectError(t, app.Do("PUT", "/api/v1/survey/"+token, "", map[string]any{"answers": map[string]any{fmt.Sprint(s.itemIDs()[0]): 3}}), 409, "")
	expectError(t, app.Do("POST", "/api/v1/survey/"+token+"/submit", "", map[string]any{"answers": s.allAnswers()}), 409, "")
	expectError(t, app.Do("POST", "/api/v1/survey/"+token+"/decline", "", nil), 409, "")
	if after := raterState(t, app, raterID); after != before {
		t.Errorf("changed after close: %+v → %+v", before, after)
	}
	if got := getSurvey(t, app, token); !got.RoundClosed {
		t.Errorf("round_closed = false")
	}
}

// API writes remember which rater a link leads to; these check that what
// they act on is the rater and round as they are now, not as remembered.
func TestSurveyAPIWritesSeeTheRaterAsItIsNow(t *testing.T) {
	t.Run("ClosedAfterAnEarlierSave", func(t *testing.T) {
		app := testkit.NewApp(t)
		lr := app.Launch(t, "Ana Souza", peerAna)
		token := lr.Links["pia@example.com"]
		s := getSurvey(t, app, token)
		first := map[string]any{fmt.Sprint(s.itemIDs()[0]): 4}
		if r := app.Do("PUT", "/api/v1/survey/"+token, "", map[string]any{"answers": first}); r.Status != 200 {
			t.Fatalf("save: %d %s", r.Status, r.Body)
		}
		if _, err := app.Store.CloseRound(context.Background(), lr.Coach.ID, lr.Round.ID); err != nil {
			t.Fatal(err)
		}
		second := map[string]any{fmt.Sprint(s.itemIDs()[1]): 2}
		if r := app.Do("PUT", "/api/v1/survey/"+token, "", map[string]any{"answers": second}); r.Status != http.StatusConflict {
			t.Fatalf("save after close: %d %s", r.Status, r.Body)
		}
		if r := app.Do("POST", "/api/v1/survey/"+token+"/submit", "", nil); r.Status != http.StatusConflict {
			t.Fatalf("submit after close: %d %s", r.Status, r.Body)
		}
	})
	t.Run("RemovedAfterAnEarlierRefusedSave", func(t *testing.T) {
		app := testkit.NewApp(t)
		lr := app.Launch(t, "Ana Souza", peerAna)
		token := lr.Links["pia@example.com"]
		// A refused draft leaves the rater not started, so the coach may remove them.
		if r := app.Do("PUT", "/api/v1/survey/"+token, "", map[string]any{"answers": map[string]any{"999999": 3}}); r.Status != http.StatusUnprocessableEntity {
			t.Fatalf("bad save: %d %s", r.Status, r.Body)
		}
		if _, err := app.Store.RemoveRater(context.Background(), lr.Coach.ID, lr.Round.ID, lr.RaterIDs["pia@example.com"]); err != nil {
			t.Fatal(err)
		}
		for _, call := range []struct {
			method, path string
			body         any
		}{{"PUT", "", "{}"}, {"POST", "/submit", nil}, {"POST", "/decline", nil}} {
			if r := app.Do(call.method, "/api/v1/survey/"+token+call.path, "", call.body); r.Status != http.StatusNotFound {
				t.Fatalf("%s %s after removal: %d %s", call.method, call.path, r.Status, r.Body)
			}
		}
	})
}
