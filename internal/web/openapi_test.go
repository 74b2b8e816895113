package web_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/secrets"
	"github.com/rapporthq/rapport/internal/testkit"
)

// TestOpenAPI holds docs/openapi.yaml to the server: every API route is
// documented, nothing documented is missing, and a realistic session's
// every request and response (successes and errors) matches the spec.
func TestOpenAPI(t *testing.T) {
	app := testkit.NewApp(t)

	t.Run("EveryAPIRouteIsDocumentedAndEveryDocumentedPathServed", func(t *testing.T) {
		k := newContract(t, app)
		documented, served := k.documented(), served(t, app)
		for _, op := range served {
			if !slices.Contains(documented, op) {
				t.Errorf("the server serves %s but %s does not document it", op, specPath)
			}
		}
		for _, op := range documented {
			if !slices.Contains(served, op) {
				t.Errorf("%s documents %s but the server does not serve it", specPath, op)
			}
		}
	})

	t.Run("RealRequestsAndResponsesMatchTheSpec", func(t *testing.T) {
		k := newContract(t, app)
		contractSession(t, k)
		for _, op := range k.documented() {
			if !k.exercised[op] {
				t.Errorf("%s documents %s but the session never had a successful call to it: add one", specPath, op)
			}
		}
	})
}

// contractSession plays a coach's and raters' whole round through the API,
// with the errors a client meets along the way.
func contractSession(t *testing.T, k *contract) {
	coach, password := testkit.Coach(t, k.app.Store)
	token := signInByContract(k, coach.Email, password)

	leaderID := leadersByContract(k, token)
	fw := frameworksByContract(k, token)
	roundID := roundsByContract(k, token, leaderID)
	ratersByContract(k, token, roundID)
	nominationByContract(k, token, roundID)
	editsByContract(k, token, leaderID, roundID)
	settingsByContract(k, token)

	api := fmt.Sprintf("/api/v1/rounds/%d", roundID)
	k.do(call{name: "launch", method: "POST", path: api + "/launch", token: token, status: 200})
	k.do(call{name: "launch twice", method: "POST", path: api + "/launch", token: token, status: 409})
	k.do(call{name: "edit a launched round", method: "PATCH", path: api, token: token, status: 409, body: map[string]any{"title": "Renamed"}})
	k.do(call{name: "delete a launched round", method: "DELETE", path: api, token: token, status: 409})

	links := surveyLinks(t, k.app, roundID)
	surveyByContract(k, fw, links)

	k.do(call{name: "remind those who owe an answer", method: "POST", path: api + "/remind", token: token, status: 200})
	for _, op := range []struct{ method, path string }{{"GET", "/summary"}, {"GET", "/report.pdf"}, {"POST", "/release"}} {
		k.do(call{name: "before close", method: op.method, path: api + op.path, token: token, status: 409})
	}
	k.do(call{name: "close", method: "POST", path: api + "/close", token: token, status: 200})
	k.do(call{name: "close twice", method: "POST", path: api + "/close", token: token, status: 409})
	k.do(call{name: "remind a closed round", method: "POST", path: api + "/remind", token: token, status: 409})
	k.do(call{name: "rater for a closed round", method: "POST", path: api + "/raters", token: token, status: 409,
		body: map[string]string{"name": "Too Late", "email": "late@example.com", "relationship": "peer"}})
	k.do(call{name: "answer after close", method: "PUT", path: "/api/v1/survey/" + links["other@example.com"], status: 409,
		body: map[string]any{"answers": map[string]any{}}})
	k.do(call{name: "open after close: the status only", method: "GET", path: "/api/v1/survey/" + links["other@example.com"], status: 200})

	k.do(call{name: "summary", method: "GET", path: api + "/summary", token: token, status: 200})
	pdf := k.do(call{name: "report", method: "GET", path: api + "/report.pdf", token: token, status: 200})
	if !strings.HasPrefix(string(pdf.Body), "%PDF-") {
		t.Errorf("report.pdf is not a PDF: %.20q", pdf.Body)
	}
	k.do(call{name: "release", method: "POST", path: api + "/release", token: token, status: 200})
	k.do(call{name: "release twice", method: "POST", path: api + "/release", token: token, status: 409})

	emptyRoundByContract(k, token, leaderID)
	auditByContract(k, token)
	personalDataByContract(k, token, leaderID, roundID)
	rateLimitByContract(k)
}

func signInByContract(k *contract, email, password string) string {
	k.do(call{name: "wrong password", method: "POST", path: "/api/v1/tokens", status: 401,
		body: map[string]string{"email": email, "password": "not it"}})
	k.do(call{name: "no password", method: "POST", path: "/api/v1/tokens", status: 422, offSpec: true,
		body: map[string]string{"email": email}})
	k.do(call{name: "not JSON", method: "POST", path: "/api/v1/tokens", status: 400, offSpec: true, body: `{"email": `})
	resp := k.do(call{name: "sign in", method: "POST", path: "/api/v1/tokens", status: 201,
		body: map[string]string{"email": email, "password": password}})
	var out struct{ Token string }
	resp.JSON(k.t, &out)
	return out.Token
}

func leadersByContract(k *contract, token string) int64 {
	k.do(call{name: "no token", method: "GET", path: "/api/v1/leaders", status: 401, offSpec: true})
	k.do(call{name: "a wrong token", method: "GET", path: "/api/v1/leaders", token: "not-a-real-token", status: 401})
	k.do(call{name: "none yet", method: "GET", path: "/api/v1/leaders", token: token, status: 200})
	resp := k.do(call{name: "create", method: "POST", path: "/api/v1/leaders", token: token, status: 201,
		body: map[string]string{"name": "Ada Lovelace", "email": "ada@example.com", "title": "CTO", "organization": "Engines Ltd"}})
	var leader struct{ ID int64 }
	resp.JSON(k.t, &leader)
	k.do(call{name: "name only", method: "POST", path: "/api/v1/leaders", token: token, status: 201,
		body: map[string]string{"name": "Grace Hopper", "email": "grace@example.com"}})
	k.do(call{name: "with a pronoun", method: "POST", path: "/api/v1/leaders", token: token, status: 201,
		body: map[string]string{"name": "Zoë Martínez", "email": "zoe@example.com", "pronoun": "she"}})
	k.do(call{name: "unknown pronoun", method: "POST", path: "/api/v1/leaders", token: token, status: 422, offSpec: true,
		body: map[string]string{"name": "Ólafur Þórsson", "email": "olafur@example.com", "pronoun": "xe"}})
	k.do(call{name: "unknown field", method: "POST", path: "/api/v1/leaders", token: token, status: 400, offSpec: true,
		body: map[string]string{"name": "Ada", "email": "ada2@example.com", "nickname": "A"}})
	k.do(call{name: "wrong type", method: "POST", path: "/api/v1/leaders", token: token, status: 400, offSpec: true,
		body: map[string]any{"name": 42, "email": "ada2@example.com"}})
	k.do(call{name: "blank name", method: "POST", path: "/api/v1/leaders", token: token, status: 422,
		body: map[string]string{"name": "   ", "email": "ada2@example.com"}})
	k.do(call{name: "not an email", method: "POST", path: "/api/v1/leaders", token: token, status: 422, offSpec: true,
		body: map[string]string{"name": "Ada", "email": "ada at example"}})
	k.do(call{name: "body over 1 MiB", method: "POST", path: "/api/v1/leaders", token: token, status: 413, offSpec: true,
		body: map[string]string{"name": strings.Repeat("a", 1<<20), "email": "ada2@example.com"}})
	k.do(call{name: "list", method: "GET", path: "/api/v1/leaders", token: token, status: 200})
	k.do(call{name: "one", method: "GET", path: fmt.Sprintf("/api/v1/leaders/%d", leader.ID), token: token, status: 200})
	k.do(call{name: "unknown id", method: "GET", path: "/api/v1/leaders/999999", token: token, status: 404})
	k.do(call{name: "id not a number", method: "GET", path: "/api/v1/leaders/abc", token: token, status: 404, offSpec: true})
	return leader.ID
}

// contractFramework is the coach's own framework, as the server returned it.
type contractFramework struct {
	Competencies []struct{ Items []struct{ ID int64 } }
}

func (f contractFramework) itemIDs() []int64 {
	var ids []int64
	for _, c := range f.Competencies {
		for _, it := range c.Items {
			ids = append(ids, it.ID)
		}
	}
	return ids
}

func teamLeadFramework(key string, questions bool) map[string]any {
	fw := map[string]any{
		"key": key, "name": "Team lead 360", "description": "A short one.",
		"scale": map[string]any{"min": 1, "max": 5, "labels": []string{"Rarely", "Sometimes", "Often", "Very often", "Almost always"}},
		"competencies": []any{
			map[string]any{"key": "listening", "name": "Listening", "description": "Hearing people out.", "items": []any{
				map[string]any{"key": "no_interrupt", "text_self": "I let people finish.", "text_other": "{leader} lets people finish."},
				map[string]any{"key": "asks", "text_self": "I ask before I tell.", "text_other": "{leader} asks before telling."}}},
			map[string]any{"key": "clarity", "name": "Clarity", "items": []any{
				map[string]any{"key": "priorities", "text_self": "I make priorities clear.", "text_other": "{leader} makes priorities clear."},
				map[string]any{"key": "why", "text_self": "I explain why.", "text_other": "{leader} explains why."}}},
		},
	}
	if questions {
		fw["open_questions"] = []any{map[string]any{"key": "keep", "text": "What should {leader} keep doing?"}}
	}
	return fw
}

func frameworksByContract(k *contract, token string) contractFramework {
	k.do(call{name: "list", method: "GET", path: "/api/v1/frameworks", token: token, status: 200})
	k.do(call{name: "built-in", method: "GET", path: "/api/v1/frameworks/leadership", token: token, status: 200})
	k.do(call{name: "unknown", method: "GET", path: "/api/v1/frameworks/nope", token: token, status: 404})
	resp := k.do(call{name: "create", method: "POST", path: "/api/v1/frameworks", token: token, status: 201,
		body: teamLeadFramework("team-lead", true)})
	var fw contractFramework
	resp.JSON(k.t, &fw)
	k.do(call{name: "without open questions", method: "POST", path: "/api/v1/frameworks", token: token, status: 201,
		body: teamLeadFramework("quiet", false)})
	k.do(call{name: "the one without open questions", method: "GET", path: "/api/v1/frameworks/quiet", token: token, status: 200})
	k.do(call{name: "same key again", method: "POST", path: "/api/v1/frameworks", token: token, status: 409,
		body: teamLeadFramework("team-lead", true)})
	k.do(call{name: "a built-in key", method: "POST", path: "/api/v1/frameworks", token: token, status: 409,
		body: teamLeadFramework("leadership", true)})
	bad := teamLeadFramework("wrong-labels", true)
	bad["scale"] = map[string]any{"min": 1, "max": 5, "labels": []string{"Low", "Mid", "High"}}
	k.do(call{name: "a label short of the scale", method: "POST", path: "/api/v1/frameworks", token: token, status: 422, body: bad})
	k.do(call{name: "list with own", method: "GET", path: "/api/v1/frameworks", token: token, status: 200})
	return fw
}

func roundsByContract(k *contract, token string, leaderID int64) int64 {
	closes := time.Now().Add(14 * 24 * time.Hour).UTC().Format(time.RFC3339)
	round := func(change map[string]any) map[string]any {
		r := map[string]any{"leader_id": leaderID, "framework_key": "team-lead", "title": "Spring 360", "closes_at": closes}
		for key, v := range change {
			r[key] = v
		}
		return r
	}
	k.do(call{name: "none yet", method: "GET", path: "/api/v1/rounds", token: token, status: 200})
	resp := k.do(call{name: "create", method: "POST", path: "/api/v1/rounds", token: token, status: 201,
		body: round(map[string]any{"anonymity_threshold": 2, "reminder_interval": "48h", "max_reminders": 2})})
	var r struct{ ID int64 }
	resp.JSON(k.t, &r)
	k.do(call{name: "deadline passed", method: "POST", path: "/api/v1/rounds", token: token, status: 422,
		body: round(map[string]any{"closes_at": "2020-01-01T00:00:00Z"})})
	k.do(call{name: "deadline not a time", method: "POST", path: "/api/v1/rounds", token: token, status: 422, offSpec: true,
		body: round(map[string]any{"closes_at": "next Friday"})})
	k.do(call{name: "threshold below 2", method: "POST", path: "/api/v1/rounds", token: token, status: 422, offSpec: true,
		body: round(map[string]any{"anonymity_threshold": 1})})
	k.do(call{name: "unknown framework", method: "POST", path: "/api/v1/rounds", token: token, status: 422,
		body: round(map[string]any{"framework_key": "nope"})})
	k.do(call{name: "unknown leader", method: "POST", path: "/api/v1/rounds", token: token, status: 404,
		body: round(map[string]any{"leader_id": 999999})})
	k.do(call{name: "list", method: "GET", path: "/api/v1/rounds", token: token, status: 200})
	k.do(call{name: "one", method: "GET", path: fmt.Sprintf("/api/v1/rounds/%d", r.ID), token: token, status: 200})
	k.do(call{name: "unknown", method: "GET", path: "/api/v1/rounds/999999", token: token, status: 404})
	k.do(call{name: "nobody to ask yet", method: "POST", path: fmt.Sprintf("/api/v1/rounds/%d/launch", r.ID), token: token, status: 422})
	k.do(call{name: "remind a draft", method: "POST", path: fmt.Sprintf("/api/v1/rounds/%d/remind", r.ID), token: token, status: 409})
	return r.ID
}

// contractRaters are the round's raters besides the leader, by email.
var contractRaters = []struct{ name, email, relationship string }{
	{"Sam Superior", "boss@example.com", "superior"},
	{"Pat Peer", "pat@example.com", "peer"},
	{"Quinn Peer", "quinn@example.com", "peer"},
	{"Dana Report", "dana@example.com", "direct_report"},
	{"Olly Other", "other@example.com", "other"},
}

func ratersByContract(k *contract, token string, roundID int64) {
	path := fmt.Sprintf("/api/v1/rounds/%d/raters", roundID)
	for _, r := range contractRaters {
		k.do(call{name: "add " + r.relationship, method: "POST", path: path, token: token, status: 201,
			body: map[string]string{"name": r.name, "email": r.email, "relationship": r.relationship}})
	}
	k.do(call{name: "same email in other case", method: "POST", path: path, token: token, status: 409,
		body: map[string]string{"name": "Pat Again", "email": "PAT@example.com", "relationship": "peer"}})
	k.do(call{name: "unknown relationship", method: "POST", path: path, token: token, status: 422, offSpec: true,
		body: map[string]string{"name": "Bo", "email": "bo@example.com", "relationship": "boss"}})
	k.do(call{name: "unknown round", method: "POST", path: "/api/v1/rounds/999999/raters", token: token, status: 404,
		body: map[string]string{"name": "Bo", "email": "bo@example.com", "relationship": "peer"}})
	resp := k.do(call{name: "add one to remove", method: "POST", path: path, token: token, status: 201,
		body: map[string]string{"name": "Gone Soon", "email": "gone@example.com", "relationship": "peer"}})
	var gone struct{ ID int64 }
	resp.JSON(k.t, &gone)
	k.do(call{name: "remove", method: "DELETE", path: fmt.Sprintf("%s/%d", path, gone.ID), token: token, status: 204})
	k.do(call{name: "remove again", method: "DELETE", path: fmt.Sprintf("%s/%d", path, gone.ID), token: token, status: 404})
}

// surveyLinks reads a launched round's survey tokens, by rater email (the
// leader's is "self"), as only the invitations would show them.
func surveyLinks(t *testing.T, app *testkit.App, roundID int64) map[string]string {
	var rows []struct {
		Email        string `db:"email"`
		Relationship string `db:"relationship"`
		Sealed       []byte `db:"token_sealed"`
	}
	if err := rawDB(t, app).Select(&rows, `SELECT email, relationship, token_sealed FROM raters WHERE round_id = ?`, roundID); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{}
	for _, r := range rows {
		tok, err := testkit.Keys(t).Open(r.Sealed)
		if err != nil {
			t.Fatal(err)
		}
		key := r.Email
		if r.Relationship == "self" {
			key = "self"
		}
		links[key] = tok
	}
	return links
}

// surveyByContract has the leader, the superior and the peers answer, the
// direct report start and stop, and the other stakeholder stay silent.
func surveyByContract(k *contract, fw contractFramework, links map[string]string) {
	items := fw.itemIDs()
	answers := func(score int) map[string]any {
		a := map[string]any{}
		for i, id := range items {
			a[fmt.Sprint(id)] = score - i%2
		}
		return a
	}
	self := "/api/v1/survey/" + links["self"]
	k.do(call{name: "open", method: "GET", path: self, status: 200})
	k.do(call{name: "save a draft", method: "PUT", path: self, status: 200,
		body: map[string]any{"answers": map[string]any{fmt.Sprint(items[0]): 5, fmt.Sprint(items[1]): nil},
			"comments": map[string]string{"keep": "Asking first."}}})
	k.do(call{name: "a score in quotes", method: "PUT", path: self, status: 400, offSpec: true,
		body: map[string]any{"answers": map[string]any{fmt.Sprint(items[0]): "4"}}})
	k.do(call{name: "unknown field", method: "PUT", path: self, status: 400, offSpec: true,
		body: map[string]any{"answer": map[string]any{}}})
	k.do(call{name: "a score off the scale", method: "PUT", path: self, status: 422,
		body: map[string]any{"answers": map[string]any{fmt.Sprint(items[0]): 9}}})
	k.do(call{name: "a question not in the survey", method: "PUT", path: self, status: 422,
		body: map[string]any{"comments": map[string]string{"nope": "?"}}})
	k.do(call{name: "a comment over 5,000 characters", method: "PUT", path: self, status: 422, offSpec: true,
		body: map[string]any{"comments": map[string]string{"keep": strings.Repeat("x", 5001)}}})
	k.do(call{name: "body over 1 MiB", method: "PUT", path: self, status: 413, offSpec: true,
		body: map[string]any{"comments": map[string]string{"keep": strings.Repeat("x", 1<<20)}}})
	resp := k.do(call{name: "submit with items unanswered", method: "POST", path: self + "/submit", status: 422})
	var missing struct{ Missing []int64 }
	resp.JSON(k.t, &missing)
	if want := items[2:]; !slices.Equal(missing.Missing, want) {
		k.t.Errorf("missing %v, want %v", missing.Missing, want)
	}
	k.do(call{name: "submit with the rest", method: "POST", path: self + "/submit", status: 200, body: map[string]any{"answers": answers(5)}})
	k.do(call{name: "submit twice", method: "POST", path: self + "/submit", status: 409})
	k.do(call{name: "change after submit", method: "PUT", path: self, status: 409, body: map[string]any{"answers": answers(4)}})
	k.do(call{name: "decline after submit", method: "POST", path: self + "/decline", status: 409})
	k.do(call{name: "open after submit: the status only", method: "GET", path: self, status: 200})

	for i, email := range []string{"boss@example.com", "pat@example.com", "quinn@example.com"} {
		link := "/api/v1/survey/" + links[email]
		k.do(call{name: "open", method: "GET", path: link, status: 200})
		k.do(call{name: "submit in one go", method: "POST", path: link + "/submit", status: 200,
			body: map[string]any{"answers": answers(3 + i%2), "comments": map[string]string{"keep": "Clear priorities " + email}}})
	}
	dana := "/api/v1/survey/" + links["dana@example.com"]
	k.do(call{name: "start", method: "PUT", path: dana, status: 200, body: map[string]any{"answers": answers(2)}})
	k.do(call{name: "decline", method: "POST", path: dana + "/decline", status: 200})
	k.do(call{name: "decline twice", method: "POST", path: dana + "/decline", status: 409})
	k.do(call{name: "an unknown link", method: "GET", path: "/api/v1/survey/" + secrets.NewToken(), status: 404})
}

// auditByContract reads the trail the session left, a page at a time,
// and the refusals of bad paging.
func auditByContract(k *contract, token string) {
	resp := k.do(call{name: "the trail", method: "GET", path: "/api/v1/audit", token: token, status: 200})
	var lines []struct{ ID int64 }
	resp.JSON(k.t, &lines)
	if len(lines) < 2 {
		k.t.Fatalf("the session left %d audit lines", len(lines))
	}
	k.do(call{name: "an older page", method: "GET", path: fmt.Sprintf("/api/v1/audit?limit=1&before=%d", lines[0].ID), token: token, status: 200})
	k.do(call{name: "limit too large", method: "GET", path: "/api/v1/audit?limit=501", token: token, status: 422, offSpec: true})
	k.do(call{name: "before as a time", method: "GET", path: "/api/v1/audit?before=2026-01-01T00:00:00Z", token: token, status: 422, offSpec: true})
	k.do(call{name: "no token", method: "GET", path: "/api/v1/audit", status: 401, offSpec: true})
}

// emptyRoundByContract closes a round nobody answered: its summary still
// has every documented field.
func emptyRoundByContract(k *contract, token string, leaderID int64) {
	resp := k.do(call{name: "a second round", method: "POST", path: "/api/v1/rounds", token: token, status: 201,
		body: map[string]any{"leader_id": leaderID, "framework_key": "quiet", "title": "Nobody answers",
			"closes_at": time.Now().Add(24 * time.Hour).UTC().Format(time.RFC3339)}})
	var r struct{ ID int64 }
	resp.JSON(k.t, &r)
	api := fmt.Sprintf("/api/v1/rounds/%d", r.ID)
	k.do(call{name: "a peer", method: "POST", path: api + "/raters", token: token, status: 201,
		body: map[string]string{"name": "Silent Peer", "email": "silent@example.com", "relationship": "peer"}})
	k.do(call{name: "launch", method: "POST", path: api + "/launch", token: token, status: 200})
	silent := surveyLinks(k.t, k.app, r.ID)["silent@example.com"]
	k.do(call{name: "a survey without open questions", method: "GET", path: "/api/v1/survey/" + silent, status: 200})
	k.do(call{name: "close unanswered", method: "POST", path: api + "/close", token: token, status: 200})
	k.do(call{name: "summary of nobody", method: "GET", path: api + "/summary", token: token, status: 200})
	k.do(call{name: "report of nobody", method: "GET", path: api + "/report.pdf", token: token, status: 200})
}

// rateLimitByContract tries links that do not exist until the server stops
// looking; it comes last, as it blocks this client's survey calls.
func rateLimitByContract(k *contract) {
	for i := 0; ; i++ {
		if i > 12 {
			k.t.Fatal("no 429 after 12 unknown survey links")
		}
		path := "/api/v1/survey/" + secrets.NewToken()
		req, _ := http.NewRequest("GET", k.app.URL+path, nil)
		if resp := k.send(req); resp.Status == http.StatusTooManyRequests {
			k.do(call{name: "too many unknown links", method: "GET", path: path, status: 429})
			return
		}
	}
}
