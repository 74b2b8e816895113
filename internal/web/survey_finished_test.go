package web_test

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

// statusKeys are all the JSON of a link that has served its purpose holds.
var statusKeys = []string{"anonymity_threshold", "closes_at", "leader_name", "relationship", "round_closed",
	"round_title", "status", "time_zone"}

// finishedRater answers a survey with a comment nobody else writes, so
// that its absence from a response shows the answers are not in it.
type finishedRater struct {
	input   rapport.RaterInput
	token   string
	comment string
}

// answer saves every item scored 2 and a distinctive comment, and
// submits when submit is set.
func (r *finishedRater) answer(t *testing.T, app *testkit.App, submit bool) {
	t.Helper()
	s := getSurvey(t, app, r.token)
	answers := map[string]any{}
	for _, id := range s.itemIDs() {
		answers[fmt.Sprint(id)] = 2
	}
	body := map[string]any{"answers": answers, "comments": map[string]string{s.OpenQuestions[0].Key: r.comment}}
	method, path := "PUT", "/api/v1/survey/"+r.token
	if submit {
		method, path = "POST", path+"/submit"
	}
	resp := app.Do(method, path, "", body)
	if resp.Status != http.StatusOK {
		t.Fatalf("%s %s: %d %s", method, path, resp.Status, resp.Body)
	}
	if !submit && !strings.Contains(string(resp.Body), r.comment) {
		t.Fatalf("the saved draft does not come back on an open link: %s", resp.Body)
	}
}

// expectStatusOnly checks that the page and the JSON of the link say where
// it stands (want, a status and round_closed) and show nothing answered.
func (r *finishedRater) expectStatusOnly(t *testing.T, app *testkit.App, wantStatus string, wantClosed bool, wantPage string) {
	t.Helper()
	resp := app.Do("GET", "/api/v1/survey/"+r.token, "", nil)
	expectStatusJSON(t, resp, r.comment, wantStatus, wantClosed)
	page := app.Do("GET", "/s/"+r.token, "", nil)
	body := string(page.Body)
	if page.Status != http.StatusOK || !strings.Contains(body, wantPage) {
		t.Errorf("page: %d, want %q:\n%.400s", page.Status, wantPage, body)
	}
	if strings.Contains(body, r.comment) || strings.Contains(body, `type="radio"`) || strings.Contains(body, "<textarea") {
		t.Errorf("the page of a finished link shows answers or the form:\n%s", body)
	}
	if page.Header.Get("Cache-Control") != "no-store" || resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control: page %q, JSON %q", page.Header.Get("Cache-Control"), resp.Header.Get("Cache-Control"))
	}
}

// expectStatusJSON checks a 200 that holds the status keys and nothing else.
func expectStatusJSON(t *testing.T, resp *testkit.Response, comment, wantStatus string, wantClosed bool) {
	t.Helper()
	if resp.Status != http.StatusOK {
		t.Fatalf("%d %s", resp.Status, resp.Body)
	}
	got := resp.Map(t)
	if keys := slices.Sorted(maps.Keys(got)); !slices.Equal(keys, statusKeys) {
		t.Errorf("JSON keys %v, want only %v", keys, statusKeys)
	}
	if got["status"] != wantStatus || got["round_closed"] != wantClosed {
		t.Errorf("status %v, round_closed %v; want %s, %v", got["status"], got["round_closed"], wantStatus, wantClosed)
	}
	if strings.Contains(string(resp.Body), comment) {
		t.Errorf("the JSON carries the comment: %s", resp.Body)
	}
}

// TestAFinishedLinkShowsItsStatusOnly: once a rater has submitted or
// declined, or the round has closed or been released, their link (page and
// JSON, the submit and decline answers themselves, refused writes and the
// form without JavaScript) says where it stands and never shows a score or
// a comment: a link can be forwarded, or quoted in a reply.
func TestAFinishedLinkShowsItsStatusOnly(t *testing.T) {
	app := testkit.NewApp(t)
	lr := app.Launch(t, "Ana Souza", peerAna, bossBen, reportDo)
	rater := func(in rapport.RaterInput, comment string) *finishedRater {
		return &finishedRater{input: in, token: lr.Links[in.Email], comment: comment}
	}
	pia := rater(peerAna, "Pia says the quarterly offsite ran on marmalade")
	ben := rater(bossBen, "Ben thinks the harbour project needs a lighthouse")
	dora := rater(reportDo, "Dora wrote this draft about the kumquat budget")

	t.Run("AfterSubmit", func(t *testing.T) {
		s := getSurvey(t, app, pia.token)
		answers := map[string]any{}
		for _, id := range s.itemIDs() {
			answers[fmt.Sprint(id)] = 2
		}
		resp := app.Do("POST", "/api/v1/survey/"+pia.token+"/submit", "", map[string]any{"answers": answers,
			"comments": map[string]string{s.OpenQuestions[0].Key: pia.comment}})
		expectStatusJSON(t, resp, pia.comment, "submitted", false)
		pia.expectStatusOnly(t, app, "submitted", false, "Thank you, your feedback is in")
	})

	t.Run("RefusedWritesAfterSubmitEchoNothing", func(t *testing.T) {
		save := map[string]any{"comments": map[string]string{getSurvey(t, app, dora.token).OpenQuestions[0].Key: "changed"}}
		for _, call := range []struct {
			method, path string
			body         any
		}{{"PUT", "", save}, {"POST", "/submit", save}, {"POST", "/submit", nil}, {"POST", "/decline", nil}} {
			resp := app.Do(call.method, "/api/v1/survey/"+pia.token+call.path, "", call.body)
			if resp.Status != http.StatusConflict {
				t.Fatalf("%s %s: %d %s", call.method, call.path, resp.Status, resp.Body)
			}
			if keys := slices.Sorted(maps.Keys(resp.Map(t))); !slices.Equal(keys, []string{"error"}) {
				t.Errorf("%s %s: 409 with %v, want only error: %s", call.method, call.path, keys, resp.Body)
			}
		}
		if st := raterState(t, app, lr.RaterIDs[pia.input.Email]); st.Status != "submitted" {
			t.Errorf("changed after submit: %+v", st)
		}
	})

	t.Run("TheFormWithoutJavaScriptAfterSubmit", func(t *testing.T) {
		// A form that cannot be read was shown again with the stored
		// answers; now every post to a finished link goes to its page.
		for _, form := range []url.Values{
			{"action": {"save"}, "item-1": {"not a number"}},
			{"action": {"unknown"}},
			{"action": {"decline"}},
			{"action": {"submit"}},
		} {
			resp := postForm(t, app, pia.token, form)
			if resp.Status != http.StatusSeeOther || resp.Header.Get("Location") != "/s/"+pia.token {
				t.Errorf("%v: %d %q", form, resp.Status, resp.Header.Get("Location"))
			}
			if strings.Contains(string(resp.Body), pia.comment) || resp.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("%v: the answer shows the comment or may be cached: %v %s", form, resp.Header, resp.Body)
			}
		}
		pia.expectStatusOnly(t, app, "submitted", false, "Thank you, your feedback is in")
	})

	t.Run("AfterDecline", func(t *testing.T) {
		ben.answer(t, app, false)
		resp := app.Do("POST", "/api/v1/survey/"+ben.token+"/decline", "", nil)
		expectStatusJSON(t, resp, ben.comment, "declined", false)
		ben.expectStatusOnly(t, app, "declined", false, "You declined this survey")
	})

	t.Run("AfterClose", func(t *testing.T) {
		dora.answer(t, app, false) // a draft, never submitted
		if _, err := app.Store.CloseRound(t.Context(), lr.Coach.ID, lr.Round.ID); err != nil {
			t.Fatal(err)
		}
		dora.expectStatusOnly(t, app, "in_progress", true, "This feedback round has closed")
		pia.expectStatusOnly(t, app, "submitted", true, "Thank you, your feedback is in")
		resp := postForm(t, app, dora.token, url.Values{"action": {"save"}, "item-1": {"x"}})
		if resp.Status != http.StatusSeeOther || strings.Contains(string(resp.Body), dora.comment) {
			t.Errorf("the form after close: %d %s", resp.Status, resp.Body)
		}
	})

	t.Run("AfterRelease", func(t *testing.T) {
		if _, err := app.Store.ReleaseRound(t.Context(), lr.Coach.ID, lr.Round.ID); err != nil {
			t.Fatal(err)
		}
		dora.expectStatusOnly(t, app, "in_progress", true, "This feedback round has closed")
		pia.expectStatusOnly(t, app, "submitted", true, "Thank you, your feedback is in")
		ben.expectStatusOnly(t, app, "declined", true, "You declined this survey")
	})

	// Closing detached Pia's answers from her rater row (forward anonymity);
	// as the round's only anonymous submitter she is withheld from the
	// report, so her answers are not kept at all.
	t.Run("ClosingLeftNoAnswerTiedToTheRater", func(t *testing.T) {
		if st := raterState(t, app, lr.RaterIDs[pia.input.Email]); st.Status != "submitted" || st.Answers != 0 || st.Comments != 0 {
			t.Errorf("after close the rater keeps her status and nothing she answered: %+v", st)
		}
	})
}

// TestAnOpenLinkStillShowsWhatWasSaved: a rater who stops and comes back
// finds their draft, on the page and in the JSON, until they finish.
func TestAnOpenLinkStillShowsWhatWasSaved(t *testing.T) {
	app := testkit.NewApp(t)
	lr := app.Launch(t, "Ana Souza", peerAna)
	pia := &finishedRater{input: peerAna, token: lr.Links[peerAna.Email], comment: "Pia will finish this tomorrow"}
	pia.answer(t, app, false)
	if got := getSurvey(t, app, pia.token); got.Status != string(rapport.RaterInProgress) || len(got.Answers) == 0 ||
		!slices.Contains(slices.Collect(maps.Values(got.Comments)), pia.comment) {
		t.Errorf("the draft does not come back in the JSON: %+v", got)
	}
	if page := string(app.Do("GET", "/s/"+pia.token, "", nil).Body); !strings.Contains(page, pia.comment) {
		t.Errorf("the draft does not come back on the page")
	}
}
