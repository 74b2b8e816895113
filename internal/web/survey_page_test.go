package web_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

// postForm posts the survey form without following redirects.
func postForm(t *testing.T, app *testkit.App, token string, form url.Values, header ...string) *testkit.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, app.URL+"/s/"+token, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	client := *app.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return &testkit.Response{Status: resp.StatusCode, Header: resp.Header, Body: body}
}

func checked(page string, itemID int64, value string) bool {
	return regexp.MustCompile(fmt.Sprintf(`name="item-%d" value="%s" checked`, itemID, regexp.QuoteMeta(value))).MatchString(page)
}

func TestSurveyPage(t *testing.T) {
	app := testkit.NewApp(t)
	lr := app.Launch(t, "Ana Souza", peerAna, bossBen, reportDo)
	tok := lr.Links["pia@example.com"]
	s := getSurvey(t, app, tok)
	ids := s.itemIDs()
	q := s.OpenQuestions[0].Key

	t.Run("WelcomesWithLeaderRoleDeadlineAndTheRealThreshold", func(t *testing.T) {
		page := string(app.Do("GET", "/s/"+lr.Links["dora@example.com"], "", nil).Body)
		for _, want := range []string{"Feedback for <bdi>Ana Souza</bdi>", "someone who reports to Ana", "at least 3 people",
			"Answers from managers are shown as their own group", lr.Round.ClosesAt.UTC().Format("2 January 2006"),
			"Ana explains ideas", "Not able to observe", "Almost always", "0</strong> of 48 answered"} {
			if !strings.Contains(page, want) {
				t.Errorf("page lacks %q", want)
			}
		}
	})

	t.Run("TheManagerIsToldTheirAnswersAreTheirOwnGroup", func(t *testing.T) {
		page := string(app.Do("GET", "/s/"+lr.Links["ben@example.com"], "", nil).Body)
		if !strings.Contains(page, "Ana’s manager") || !strings.Contains(page, "may be able to tell which answers are yours") {
			t.Errorf("manager page: %s", page)
		}
	})

	t.Run("TheLeaderSeesTheSelfAssessment", func(t *testing.T) {
		page := string(app.Do("GET", "/s/"+lr.SelfLink(t), "", nil).Body)
		if !strings.Contains(page, "Your self-assessment") || !strings.Contains(page, "I explain ideas") || strings.Contains(page, "Ana explains") {
			t.Errorf("self page wording is wrong")
		}
		if !strings.Contains(page, "What should you keep doing") {
			t.Errorf("self open question should say you")
		}
	})

	t.Run("SaveRedirectsAndTheAnswersComeBack", func(t *testing.T) {
		form := url.Values{"action": {"save"}, fmt.Sprintf("item-%d", ids[0]): {"4"}, fmt.Sprintf("item-%d", ids[1]): {"na"},
			"comment-" + q: {"Line one\r\nLine two"}}
		resp := postForm(t, app, tok, form)
		if resp.Status != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/s/"+tok+"?saved=1") {
			t.Fatalf("%d %q", resp.Status, resp.Header.Get("Location"))
		}
		page := string(app.Do("GET", resp.Header.Get("Location"), "", nil).Body)
		if !checked(page, ids[0], "4") || !checked(page, ids[1], "na") || !strings.Contains(page, "Line one\nLine two</textarea>") {
			t.Errorf("answers not shown again")
		}
		if !strings.Contains(page, "Your answers are saved") || !strings.Contains(page, "2</strong> of 48 answered") {
			t.Errorf("no saved message or progress")
		}
	})

	t.Run("SubmitWithMissingAnswersPointsAtThemAndKeepsEverything", func(t *testing.T) {
		form := url.Values{"action": {"submit"}, fmt.Sprintf("item-%d", ids[2]): {"5"}, "comment-" + q: {"Changed text"}}
		resp := postForm(t, app, tok, form)
		if resp.Status != http.StatusUnprocessableEntity {
			t.Fatalf("%d", resp.Status)
		}
		page := string(resp.Body)
		if !strings.Contains(page, "45 statements still need an answer") {
			t.Errorf("no count of missing statements")
		}
		if !strings.Contains(page, fmt.Sprintf(`href="#item-%d"`, ids[3])) || strings.Contains(page, fmt.Sprintf(`href="#item-%d"`, ids[0])) {
			t.Errorf("the missing list is wrong")
		}
		if !strings.Contains(page, fmt.Sprintf(`id="item-%d" aria-describedby="item-%d-error"`, ids[3], ids[3])) {
			t.Errorf("missing item is not marked for assistive technology")
		}
		if !checked(page, ids[0], "4") || !checked(page, ids[2], "5") || !strings.Contains(page, "Changed text</textarea>") {
			t.Errorf("typed answers were not kept")
		}
		if st := raterState(t, app, lr.RaterIDs["pia@example.com"]); st.Status != "in_progress" || st.Answers != 3 {
			t.Errorf("stored %+v", st)
		}
	})

	t.Run("ATooLongCommentIsPointedOutAndKeptAndNothingIsSaved", func(t *testing.T) {
		before := raterState(t, app, lr.RaterIDs["pia@example.com"])
		long := strings.Repeat("x", 5001)
		resp := postForm(t, app, tok, url.Values{"action": {"save"}, "comment-" + q: {long}, fmt.Sprintf("item-%d", ids[4]): {"1"}})
		if resp.Status != http.StatusUnprocessableEntity {
			t.Fatalf("%d", resp.Status)
		}
		page := string(resp.Body)
		if !strings.Contains(page, `aria-invalid="true"`) || !strings.Contains(page, "limited to 5,000 characters; this one has 5,001") || !strings.Contains(page, long+"</textarea>") {
			t.Errorf("the comment error is not shown with the text kept")
		}
		if !checked(page, ids[4], "1") {
			t.Errorf("the other answer typed with it was lost from the page")
		}
		if after := raterState(t, app, lr.RaterIDs["pia@example.com"]); after != before {
			t.Errorf("a refused save changed %+v → %+v", before, after)
		}
	})

	t.Run("AScoreOffTheScaleIsRefused", func(t *testing.T) {
		resp := postForm(t, app, tok, url.Values{"action": {"save"}, fmt.Sprintf("item-%d", ids[0]): {"9"}})
		if resp.Status != http.StatusUnprocessableEntity || !strings.Contains(string(resp.Body), "alert--error") {
			t.Fatalf("%d", resp.Status)
		}
	})

	t.Run("AnUnknownActionIsRefused", func(t *testing.T) {
		if resp := postForm(t, app, tok, url.Values{"action": {"explode"}}); resp.Status != http.StatusUnprocessableEntity {
			t.Fatalf("%d", resp.Status)
		}
	})

	t.Run("CrossSiteFormPostsAreRefused", func(t *testing.T) {
		resp := postForm(t, app, tok, url.Values{"action": {"confirm_decline"}}, "Sec-Fetch-Site", "cross-site")
		if resp.Status != http.StatusForbidden {
			t.Fatalf("%d", resp.Status)
		}
		if st := raterState(t, app, lr.RaterIDs["pia@example.com"]); st.Status != "in_progress" {
			t.Errorf("status %q", st.Status)
		}
	})

	t.Run("SubmitCompleteShowsThankYouAndLocks", func(t *testing.T) {
		form := url.Values{"action": {"submit"}}
		for _, id := range ids {
			form.Set(fmt.Sprintf("item-%d", id), "3")
		}
		resp := postForm(t, app, tok, form)
		if resp.Status != http.StatusSeeOther || resp.Header.Get("Location") != "/s/"+tok {
			t.Fatalf("%d %q %s", resp.Status, resp.Header.Get("Location"), resp.Body)
		}
		page := string(app.Do("GET", "/s/"+tok, "", nil).Body)
		if !strings.Contains(page, "Thank you, your feedback is in") || strings.Contains(page, "<form") {
			t.Errorf("thank-you page: %s", page)
		}
		again := postForm(t, app, tok, url.Values{"action": {"save"}, fmt.Sprintf("item-%d", ids[0]): {"1"}})
		if again.Status != http.StatusSeeOther {
			t.Errorf("a save after submit: %d", again.Status)
		}
		if score := storedScore(t, app, lr.RaterIDs["pia@example.com"], ids[0]); score != 3 {
			t.Errorf("answer changed after submit: %d", score)
		}
	})

	t.Run("DeclineAsksFirstThenSaysSo", func(t *testing.T) {
		ben := lr.Links["ben@example.com"]
		resp := postForm(t, app, ben, url.Values{"action": {"decline"}, fmt.Sprintf("item-%d", ids[0]): {"2"}})
		if resp.Status != http.StatusSeeOther || resp.Header.Get("Location") != "/s/"+ben+"?decline=1" {
			t.Fatalf("%d %q", resp.Status, resp.Header.Get("Location"))
		}
		if page := app.Do("GET", resp.Header.Get("Location"), "", nil); page.Status != http.StatusOK || !strings.Contains(string(page.Body), "Decline this survey?") {
			t.Fatalf("%d %s", page.Status, page.Body)
		}
		if st := raterState(t, app, lr.RaterIDs["ben@example.com"]); st.Status != "in_progress" || st.Answers != 1 {
			t.Errorf("before confirming, the answers typed are kept: %+v", st)
		}
		resp = postForm(t, app, ben, url.Values{"action": {"confirm_decline"}})
		if resp.Status != http.StatusSeeOther {
			t.Fatalf("%d", resp.Status)
		}
		page := string(app.Do("GET", "/s/"+ben, "", nil).Body)
		if !strings.Contains(page, "You declined this survey") {
			t.Errorf("declined page: %s", page)
		}
		if st := raterState(t, app, lr.RaterIDs["ben@example.com"]); st.Status != "declined" || st.Answers != 0 {
			t.Errorf("after decline: %+v", st)
		}
	})

	t.Run("AfterTheRoundClosesThePageSaysSo", func(t *testing.T) {
		if _, err := app.Store.CloseRound(t.Context(), lr.Coach.ID, lr.Round.ID); err != nil {
			t.Fatal(err)
		}
		dora := lr.Links["dora@example.com"]
		page := string(app.Do("GET", "/s/"+dora, "", nil).Body)
		if !strings.Contains(page, "This feedback round has closed") || strings.Contains(page, "<form") {
			t.Errorf("closed page: %s", page)
		}
		if resp := postForm(t, app, dora, url.Values{"action": {"save"}, fmt.Sprintf("item-%d", ids[0]): {"2"}}); resp.Status != http.StatusSeeOther {
			t.Errorf("save after close: %d", resp.Status)
		}
		if st := raterState(t, app, lr.RaterIDs["dora@example.com"]); st.Answers != 0 {
			t.Errorf("saved after close: %+v", st)
		}
		// The submitted rater still sees their thank-you.
		if page := string(app.Do("GET", "/s/"+tok, "", nil).Body); !strings.Contains(page, "Thank you") {
			t.Errorf("submitted rater after close")
		}
	})
}

// TestSurveyPostRedirectGet: every successful POST of the survey form is
// answered with a 303 to a GET page (a reload then never posts again); a
// refused one shows the form again with 422 and everything typed.
func TestSurveyPostRedirectGet(t *testing.T) {
	app := testkit.NewApp(t)
	lr := app.Launch(t, "Ana Souza", peerAna, bossBen, reportDo)
	pia, ben := lr.Links["pia@example.com"], lr.Links["ben@example.com"]
	survey := getSurvey(t, app, pia)
	ids := survey.itemIDs()
	all := func(action string) url.Values {
		form := url.Values{"action": {action}}
		for _, id := range ids {
			form.Set(fmt.Sprintf("item-%d", id), "4")
		}
		return form
	}
	for _, step := range []struct {
		name, token string
		form        url.Values
		location    string
		page        string
	}{
		{"Save", pia, url.Values{"action": {"save"}, fmt.Sprintf("item-%d", ids[0]): {"2"}}, "/s/" + pia + "?saved=1#survey-status", "Your answers are saved"},
		{"Decline", pia, url.Values{"action": {"decline"}}, "/s/" + pia + "?decline=1", "Decline this survey?"},
		{"Submit", pia, all("submit"), "/s/" + pia, "Thank you, your feedback is in"},
		{"AfterSubmitTheDeclineQuestionIsNotAsked", pia, url.Values{"action": {"decline"}}, "/s/" + pia, "Thank you, your feedback is in"},
		{"ConfirmDecline", ben, url.Values{"action": {"confirm_decline"}}, "/s/" + ben, "You declined this survey"},
	} {
		t.Run(step.name, func(t *testing.T) {
			resp := postForm(t, app, step.token, step.form)
			if resp.Status != http.StatusSeeOther || resp.Header.Get("Location") != step.location {
				t.Fatalf("%d %q, want 303 to %q", resp.Status, resp.Header.Get("Location"), step.location)
			}
			if len(resp.Body) > 0 && strings.Contains(string(resp.Body), "<form") {
				t.Errorf("the POST answered with a page")
			}
			page := app.Do("GET", resp.Header.Get("Location"), "", nil)
			if page.Status != http.StatusOK || !strings.Contains(string(page.Body), step.page) {
				t.Errorf("GET %s: %d, lacks %q", resp.Header.Get("Location"), page.Status, step.page)
			}
		})
	}
	t.Run("ARefusedSubmitIs422WithEverythingTyped", func(t *testing.T) {
		dora := lr.Links["dora@example.com"]
		q := getSurvey(t, app, dora).OpenQuestions[0].Key
		resp := postForm(t, app, dora, url.Values{"action": {"submit"}, fmt.Sprintf("item-%d", ids[1]): {"5"}, "comment-" + q: {"Kept words"}})
		if resp.Status != http.StatusUnprocessableEntity || resp.Header.Get("Location") != "" {
			t.Fatalf("%d %q", resp.Status, resp.Header.Get("Location"))
		}
		if page := string(resp.Body); !checked(page, ids[1], "5") || !strings.Contains(page, "Kept words</textarea>") {
			t.Errorf("what was typed is not on the page")
		}
	})
}

// hostile is a name made to break markup, quoting and text direction.
const hostile = "<script>alert(\"x\")</script> O'Brien \"Zed\" زياد\u200f 😀"

func TestSurveyEscapesHostileStrings(t *testing.T) {
	app := testkit.NewApp(t)
	lr := app.Launch(t, hostile, rapport.RaterInput{Name: "<img src=x onerror=alert(1)> \"Raters\" \u200fעִברִית 🎉", Email: "h@example.com", Relationship: rapport.Peer})
	tok := lr.Links["h@example.com"]
	s := getSurvey(t, app, tok)
	comment := `</textarea><script>alert('c')</script> "quoted" שלום 👋`
	form := url.Values{"action": {"save"}, "comment-" + s.OpenQuestions[0].Key: {comment}}
	if resp := postForm(t, app, tok, form); resp.Status != http.StatusSeeOther {
		t.Fatalf("save: %d %s", resp.Status, resp.Body)
	}

	pages := map[string]string{"survey": string(app.Do("GET", "/s/"+tok, "", nil).Body)}
	pages["decline"] = string(app.Do("GET", postForm(t, app, tok, url.Values{"action": {"decline"}}).Header.Get("Location"), "", nil).Body)
	pages["missing"] = string(postForm(t, app, tok, url.Values{"action": {"submit"}}).Body)
	for name, page := range pages {
		if strings.Contains(page, "<script>alert") || strings.Contains(page, "<img src=x") || strings.Contains(page, "</textarea><script>") {
			t.Errorf("%s page lets markup through", name)
		}
		if !strings.Contains(page, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; O&#39;Brien") {
			t.Errorf("%s page does not show the leader's name escaped", name)
		}
		if strings.Count(page, "<script") != strings.Count(page, `<script src="/static/js/survey.js?v=`) {
			t.Errorf("%s page has a script tag that is not ours", name)
		}
	}
	if !strings.Contains(pages["survey"], "&lt;/textarea&gt;&lt;script&gt;alert(&#39;c&#39;)&lt;/script&gt; &#34;quoted&#34; שלום 👋</textarea>") {
		t.Errorf("the comment is not escaped inside its textarea")
	}

	t.Run("TheJSONCarriesTheStringsExactly", func(t *testing.T) {
		raw := app.Do("GET", "/api/v1/survey/"+tok, "", nil).Body
		if strings.Contains(string(raw), "<script>") {
			t.Errorf("JSON has raw <script>: %s", raw)
		}
		var got surveyResp
		if err := json.Unmarshal(raw, &got); err != nil {
			t.Fatal(err)
		}
		if got.LeaderName != hostile || got.Comments[s.OpenQuestions[0].Key] != comment {
			t.Errorf("strings changed: %q %q", got.LeaderName, got.Comments[s.OpenQuestions[0].Key])
		}
		first := rapport.FirstName(hostile)
		if !strings.HasPrefix(got.Competencies[0].Items[0].Text, first+" ") {
			t.Errorf("item %q", got.Competencies[0].Items[0].Text)
		}
	})

	t.Run("TheCoachRoundViewEscapesRaterNames", func(t *testing.T) {
		raw := string(app.Do("GET", "/api/v1/rounds/"+itoa(lr.Round.ID), lr.CoachToken, nil).Body)
		if strings.Contains(raw, "<img") || strings.Contains(raw, "<script") {
			t.Errorf("round JSON has raw markup: %s", raw)
		}
	})
}
