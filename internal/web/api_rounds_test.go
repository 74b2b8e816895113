package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/testkit"
)

type roundView struct {
	ID                 int64  `json:"id"`
	LeaderID           int64  `json:"leader_id"`
	FrameworkKey       string `json:"framework_key"`
	Title              string `json:"title"`
	Status             string `json:"status"`
	ClosesAt           string `json:"closes_at"`
	TimeZone           string `json:"time_zone"`
	AnonymityThreshold int    `json:"anonymity_threshold"`
	ReminderInterval   string `json:"reminder_interval"`
	MaxReminders       int    `json:"max_reminders"`
	Raters             []struct {
		ID           int64  `json:"id"`
		Name         string `json:"name"`
		Email        string `json:"email"`
		Relationship string `json:"relationship"`
		Status       string `json:"status"`
	} `json:"raters"`
	Counts struct {
		Invited   map[string]int `json:"invited"`
		Submitted map[string]int `json:"submitted"`
	} `json:"counts"`
}

func getRound(t *testing.T, app *testkit.App, token string, id int64) roundView {
	t.Helper()
	resp := app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d", id), token, nil)
	if resp.Status != 200 {
		t.Fatalf("get round: %d %s", resp.Status, resp.Body)
	}
	var r roundView
	resp.JSON(t, &r)
	return r
}

func TestCreateRound(t *testing.T) {
	app := testkit.NewApp(t)
	db := rawDB(t, app)
	_, token := app.SignIn(t)
	_, otherToken := app.SignIn(t)
	leaderID := createLeader(t, app, token, "Marta Kowalska")
	otherLeader := createLeader(t, app, otherToken, "Someone Else")

	t.Run("AppliesDefaultsAndAddsTheLeaderAsSelf", func(t *testing.T) {
		closes := time.Now().Add(10 * 24 * time.Hour).UTC().Truncate(time.Second)
		resp := app.Do("POST", "/api/v1/rounds", token, map[string]any{
			"leader_id": leaderID, "framework_key": "executive", "title": "Board 360", "closes_at": closes.Format(time.RFC3339)})
		if resp.Status != http.StatusCreated {
			t.Fatalf("%d %s", resp.Status, resp.Body)
		}
		var r roundView
		resp.JSON(t, &r)
		if r.Status != "draft" || r.TimeZone != "UTC" || r.AnonymityThreshold != 3 || r.ReminderInterval != "72h" || r.MaxReminders != 3 || r.FrameworkKey != "executive" {
			t.Fatalf("round %+v", r)
		}
		if got, _ := time.Parse(time.RFC3339, r.ClosesAt); !got.Equal(closes) {
			t.Errorf("closes_at %s, want %s", r.ClosesAt, closes)
		}
		if len(r.Raters) != 1 || r.Raters[0].Relationship != "self" || r.Raters[0].Name != "Marta Kowalska" || r.Raters[0].Status != "invited" {
			t.Fatalf("raters %+v", r.Raters)
		}
		if r.Counts.Invited["self"] != 1 || r.Counts.Submitted["self"] != 0 {
			t.Errorf("counts %+v", r.Counts)
		}
	})
	t.Run("TakesExplicitSettings", func(t *testing.T) {
		resp := app.Do("POST", "/api/v1/rounds", token, map[string]any{"leader_id": leaderID, "framework_key": "leadership",
			"title": "Quick", "closes_at": future(), "time_zone": "Europe/Athens", "anonymity_threshold": 4,
			"reminder_interval": "36h", "max_reminders": 0})
		var r roundView
		resp.JSON(t, &r)
		if resp.Status != 201 || r.TimeZone != "Europe/Athens" || r.AnonymityThreshold != 4 || r.ReminderInterval != "36h" || r.MaxReminders != 0 {
			t.Fatalf("%d %s", resp.Status, resp.Body)
		}
		var got roundView
		app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d", r.ID), token, nil).JSON(t, &got)
		if got.TimeZone != "Europe/Athens" {
			t.Errorf("read back time_zone %q, want Europe/Athens", got.TimeZone)
		}
	})

	before := count(t, db, `SELECT count(*) FROM rounds`)
	valid := func(change map[string]any) map[string]any {
		b := map[string]any{"leader_id": leaderID, "framework_key": "leadership", "title": "T", "closes_at": future()}
		for k, v := range change {
			if v == nil {
				delete(b, k)
			} else {
				b[k] = v
			}
		}
		return b
	}
	bad := []struct {
		name   string
		body   any
		status int
		field  string
	}{
		{"PastDeadline", valid(map[string]any{"closes_at": "2020-01-01T00:00:00Z"}), 422, "closes_at"},
		{"DeadlineNotRFC3339", valid(map[string]any{"closes_at": "next friday"}), 422, "closes_at"},
		{"DeadlineMissing", valid(map[string]any{"closes_at": nil}), 422, "closes_at"},
		{"DeadlineTooFar", valid(map[string]any{"closes_at": time.Now().AddDate(3, 0, 0).Format(time.RFC3339)}), 422, "closes_at"},
		{"ThresholdBelowTwo", valid(map[string]any{"anonymity_threshold": 1}), 422, "anonymity_threshold"},
		{"ThresholdZero", valid(map[string]any{"anonymity_threshold": 0}), 422, "anonymity_threshold"},
		{"ThresholdNotNumber", valid(map[string]any{"anonymity_threshold": "3"}), 400, "anonymity_threshold"},
		{"BadInterval", valid(map[string]any{"reminder_interval": "3 days"}), 422, "reminder_interval"},
		{"IntervalOfSeconds", valid(map[string]any{"reminder_interval": "1s"}), 422, "reminder_interval"},
		{"IntervalUnderAnHour", valid(map[string]any{"reminder_interval": "59m59s"}), 422, "reminder_interval"},
		{"IntervalOverThirtyDays", valid(map[string]any{"reminder_interval": "721h"}), 422, "reminder_interval"},
		{"NegativeInterval", valid(map[string]any{"reminder_interval": "-72h"}), 422, "reminder_interval"},
		{"NegativeMaxReminders", valid(map[string]any{"max_reminders": -1}), 422, "max_reminders"},
		{"UnknownTimeZone", valid(map[string]any{"time_zone": "Mars/Olympus"}), 422, "time_zone"},
		{"LocalTimeZone", valid(map[string]any{"time_zone": "Local"}), 422, "time_zone"},
		{"TimeZoneNotString", valid(map[string]any{"time_zone": 2}), 400, "time_zone"},
		{"UnknownFramework", valid(map[string]any{"framework_key": "nope"}), 422, "framework_key"},
		{"MissingTitle", valid(map[string]any{"title": nil}), 422, "title"},
		{"MissingLeader", valid(map[string]any{"leader_id": nil}), 422, "leader_id"},
		{"UnknownField", valid(map[string]any{"colour": "blue"}), 400, "colour"},
		{"AnotherCoachsLeader", valid(map[string]any{"leader_id": otherLeader}), 404, ""},
		{"UnknownLeader", valid(map[string]any{"leader_id": 999999}), 404, ""},
	}
	for _, tc := range bad {
		t.Run("Rejects"+tc.name, func(t *testing.T) {
			expectError(t, app.Do("POST", "/api/v1/rounds", token, tc.body), tc.status, tc.field)
		})
	}
	if after := count(t, db, `SELECT count(*) FROM rounds`); after != before {
		t.Errorf("bad requests created rounds: %d before, %d after", before, after)
	}

	t.Run("ListsOnlyOwnRoundsNewestFirst", func(t *testing.T) {
		var mine, theirs []roundView
		app.Do("GET", "/api/v1/rounds", token, nil).JSON(t, &mine)
		app.Do("GET", "/api/v1/rounds", otherToken, nil).JSON(t, &theirs)
		if len(mine) != 2 || mine[0].Title != "Quick" || mine[1].Title != "Board 360" {
			t.Fatalf("mine %+v", mine)
		}
		if len(theirs) != 0 {
			t.Fatalf("another coach sees %+v", theirs)
		}
		expectError(t, app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d", mine[0].ID), otherToken, nil), 404, "")
	})
}

func TestRaters(t *testing.T) {
	app := testkit.NewApp(t)
	db := rawDB(t, app)
	_, token := app.SignIn(t)
	_, otherToken := app.SignIn(t)
	roundID := createRound(t, app, token, createLeader(t, app, token, "Leader One"))
	path := fmt.Sprintf("/api/v1/rounds/%d/raters", roundID)

	resp := app.Do("POST", path, token, map[string]string{"name": "Фёдор Иванов", "email": "Fedor@Example.com", "relationship": "direct_report"})
	if resp.Status != http.StatusCreated {
		t.Fatalf("add rater: %d %s", resp.Status, resp.Body)
	}
	rater := resp.Map(t)
	if rater["name"] != "Фёдор Иванов" || rater["relationship"] != "direct_report" || rater["status"] != "invited" {
		t.Fatalf("rater %v", rater)
	}
	if strings.Contains(string(resp.Body), "token") {
		t.Errorf("the rater JSON exposes a token field: %s", resp.Body)
	}

	before := count(t, db, `SELECT count(*) FROM raters`)
	bad := []struct {
		name   string
		path   string
		token  string
		body   any
		status int
		field  string
	}{
		{"DuplicateEmailAnyCase", path, token, map[string]string{"name": "F", "email": "fedor@example.COM", "relationship": "peer"}, 409, "email"},
		{"SecondSelf", path, token, map[string]string{"name": "Me", "email": "me2@example.com", "relationship": "self"}, 409, "relationship"},
		{"UnknownRelationship", path, token, map[string]string{"name": "B", "email": "b@example.com", "relationship": "friend"}, 422, "relationship"},
		{"MissingRelationship", path, token, map[string]string{"name": "B", "email": "b@example.com"}, 422, "relationship"},
		{"BadEmail", path, token, map[string]string{"name": "B", "email": "b@", "relationship": "peer"}, 422, "email"},
		{"MissingName", path, token, map[string]string{"email": "b@example.com", "relationship": "peer"}, 422, "name"},
		{"AnotherCoachsRound", path, otherToken, map[string]string{"name": "B", "email": "b@example.com", "relationship": "peer"}, 404, ""},
		{"UnknownRound", "/api/v1/rounds/999999/raters", token, map[string]string{"name": "B", "email": "b@example.com", "relationship": "peer"}, 404, ""},
	}
	for _, tc := range bad {
		t.Run("Rejects"+tc.name, func(t *testing.T) {
			expectError(t, app.Do("POST", tc.path, tc.token, tc.body), tc.status, tc.field)
		})
	}
	if after := count(t, db, `SELECT count(*) FROM raters`); after != before {
		t.Errorf("bad requests changed raters: %d before, %d after", before, after)
	}

	id := int64(rater["id"].(float64))
	t.Run("RemoveRefusesAnotherCoach", func(t *testing.T) {
		expectError(t, app.Do("DELETE", fmt.Sprintf("%s/%d", path, id), otherToken, nil), 404, "")
	})
	t.Run("RemoveRefusesAStartedRater", func(t *testing.T) {
		if _, err := db.Exec(`UPDATE raters SET status = 'in_progress' WHERE id = ?`, id); err != nil {
			t.Fatal(err)
		}
		expectError(t, app.Do("DELETE", fmt.Sprintf("%s/%d", path, id), token, nil), 409, "")
		if _, err := db.Exec(`UPDATE raters SET status = 'invited' WHERE id = ?`, id); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("RemovesARaterWhoHasNotStarted", func(t *testing.T) {
		if resp := app.Do("DELETE", fmt.Sprintf("%s/%d", path, id), token, nil); resp.Status != http.StatusNoContent {
			t.Fatalf("%d %s", resp.Status, resp.Body)
		}
		expectError(t, app.Do("DELETE", fmt.Sprintf("%s/%d", path, id), token, nil), 404, "")
		if r := getRound(t, app, token, roundID); len(r.Raters) != 1 {
			t.Errorf("raters after removal: %+v", r.Raters)
		}
	})
}

func TestRoundLifecycle(t *testing.T) {
	app := testkit.NewApp(t)
	db := rawDB(t, app)
	_, token := app.SignIn(t)
	_, otherToken := app.SignIn(t)
	roundID := createRound(t, app, token, createLeader(t, app, token, "Life Cycle"))
	base := fmt.Sprintf("/api/v1/rounds/%d", roundID)

	expectError(t, app.Do("POST", base+"/close", token, nil), 409, "")
	expectError(t, app.Do("POST", base+"/launch", token, nil), 422, "")
	for i, rel := range []string{"superior", "peer", "peer", "peer"} {
		if r := app.Do("POST", base+"/raters", token, map[string]string{"name": fmt.Sprintf("R%d", i), "email": fmt.Sprintf("r%d@example.com", i), "relationship": rel}); r.Status != 201 {
			t.Fatalf("add rater: %d %s", r.Status, r.Body)
		}
	}
	expectError(t, app.Do("POST", base+"/launch", otherToken, nil), 404, "")

	launched := app.Do("POST", base+"/launch", token, nil)
	if launched.Status != 200 {
		t.Fatalf("launch: %d %s", launched.Status, launched.Body)
	}
	var r roundView
	launched.JSON(t, &r)
	if r.Status != "open" || r.Counts.Invited["peer"] != 3 || r.Counts.Invited["superior"] != 1 {
		t.Fatalf("after launch %+v", r)
	}
	if n := count(t, db, `SELECT count(*) FROM outbox WHERE kind = 'invitation' AND round_id = ?`, roundID); n != 5 {
		t.Errorf("%d invitations queued at launch, want 5 (self included)", n)
	}
	expectError(t, app.Do("POST", base+"/launch", token, nil), 409, "")

	late := app.Do("POST", base+"/raters", token, map[string]string{"name": "Late", "email": "late@example.com", "relationship": "other"})
	if late.Status != 201 {
		t.Fatalf("add to open round: %d %s", late.Status, late.Body)
	}
	if n := count(t, db, `SELECT count(*) FROM outbox WHERE kind = 'invitation' AND to_email = 'late@example.com'`); n != 1 {
		t.Errorf("a rater added to an open round got %d invitations, want 1", n)
	}

	closed := app.Do("POST", base+"/close", token, nil)
	if closed.Status != 200 {
		t.Fatalf("close: %d %s", closed.Status, closed.Body)
	}
	closed.JSON(t, &r)
	if r.Status != "closed" {
		t.Fatalf("after close %+v", r)
	}
	expectError(t, app.Do("POST", base+"/close", token, nil), 409, "")
	expectError(t, app.Do("POST", base+"/launch", token, nil), 409, "")
	expectError(t, app.Do("POST", base+"/raters", token, map[string]string{"name": "Later", "email": "later@example.com", "relationship": "peer"}), 409, "")
}

func TestFrameworks(t *testing.T) {
	app := testkit.NewApp(t)
	_, token := app.SignIn(t)
	_, otherToken := app.SignIn(t)

	t.Run("ListsBothBuiltins", func(t *testing.T) {
		var list []struct {
			Key          string
			Builtin      bool
			Competencies []struct {
				Key   string
				Items []struct {
					ID        int64  `json:"id"`
					TextSelf  string `json:"text_self"`
					TextOther string `json:"text_other"`
				}
			}
			OpenQuestions []struct{ Key string } `json:"open_questions"`
		}
		app.Do("GET", "/api/v1/frameworks", token, nil).JSON(t, &list)
		keys := map[string]bool{}
		for _, f := range list {
			keys[f.Key] = f.Builtin
			for _, c := range f.Competencies {
				if len(c.Items) < 4 || len(c.Items) > 8 {
					t.Errorf("%s/%s has %d items, want 4 to 8", f.Key, c.Key, len(c.Items))
				}
				for _, it := range c.Items {
					if it.ID == 0 || !strings.HasPrefix(it.TextSelf, "I ") || !strings.Contains(it.TextOther, "{leader}") {
						t.Errorf("%s/%s item %+v is not worded twice", f.Key, c.Key, it)
					}
				}
			}
			qs := map[string]bool{}
			for _, q := range f.OpenQuestions {
				qs[q.Key] = true
			}
			if !qs["keep"] || !qs["start"] || !qs["stop"] {
				t.Errorf("%s lacks keep/start/stop questions: %v", f.Key, qs)
			}
		}
		if !keys["leadership"] || !keys["executive"] {
			t.Fatalf("built-in frameworks missing: %v", keys)
		}
	})

	custom := map[string]any{
		"key": "team-lead", "name": "Team lead 360", "description": "Short",
		"scale": map[string]any{"min": 1, "max": 4, "labels": []string{"Never", "Sometimes", "Often", "Always"}},
		"competencies": []any{map[string]any{"key": "listening", "name": "Listening", "description": "",
			"items": []any{map[string]any{"key": "no_interrupt", "text_self": "I let people finish.", "text_other": "{leader} lets people finish."}}}},
		"open_questions": []any{map[string]any{"key": "keep", "text": "What should {leader} keep doing?"}},
	}
	t.Run("CreatesACustomFramework", func(t *testing.T) {
		resp := app.Do("POST", "/api/v1/frameworks", token, custom)
		if resp.Status != 201 {
			t.Fatalf("%d %s", resp.Status, resp.Body)
		}
		got := app.Do("GET", "/api/v1/frameworks/team-lead", token, nil)
		if got.Status != 200 || !strings.Contains(string(got.Body), "I let people finish.") {
			t.Fatalf("%d %s", got.Status, got.Body)
		}
		expectError(t, app.Do("GET", "/api/v1/frameworks/team-lead", otherToken, nil), 404, "")
		expectError(t, app.Do("POST", "/api/v1/frameworks", token, custom), 409, "key")
	})
	t.Run("RejectsABuiltinKey", func(t *testing.T) {
		clash := clone(t, custom)
		clash["key"] = "leadership"
		expectError(t, app.Do("POST", "/api/v1/frameworks", otherToken, clash), 409, "key")
	})
	t.Run("RejectsLabelsNotMatchingTheScale", func(t *testing.T) {
		b := clone(t, custom)
		b["key"] = "x1"
		b["scale"] = map[string]any{"min": 1, "max": 5, "labels": []string{"a", "b"}}
		expectError(t, app.Do("POST", "/api/v1/frameworks", token, b), 422, "scale.labels")
	})
	t.Run("RejectsAScaleOutsideZeroToTen", func(t *testing.T) {
		// The first pair overflowed Max-Min+1 and was accepted, and the PDF's
		// loop from min to max then never ended.
		for _, bounds := range [][2]int64{{9223372036854775806, 9223372036854775807}, {0, 9223372036854775807}, {9, 11}, {-1, 4}, {11, 12}} {
			b := clone(t, custom)
			b["key"] = "x-scale"
			b["scale"] = map[string]any{"min": bounds[0], "max": bounds[1], "labels": []string{"Low", "High"}}
			expectError(t, app.Do("POST", "/api/v1/frameworks", token, b), 422, "scale")
		}
		expectError(t, app.Do("GET", "/api/v1/frameworks/x-scale", token, nil), 404, "")
	})
	t.Run("RejectsAnEmptyCompetency", func(t *testing.T) {
		b := clone(t, custom)
		b["key"] = "x2"
		b["competencies"] = []any{map[string]any{"key": "c", "name": "C", "items": []any{}}}
		expectError(t, app.Do("POST", "/api/v1/frameworks", token, b), 422, "competencies[0].items")
	})
	t.Run("RejectsABadKey", func(t *testing.T) {
		b := clone(t, custom)
		b["key"] = "Has Spaces"
		expectError(t, app.Do("POST", "/api/v1/frameworks", token, b), 422, "key")
	})
	t.Run("UnknownKeyIsNotFound", func(t *testing.T) {
		expectError(t, app.Do("GET", "/api/v1/frameworks/nope", token, nil), 404, "")
	})
}

func clone(t *testing.T, m map[string]any) map[string]any {
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRoundReminderIntervalBounds checks the interval is between an hour
// (QA once had three reminders in four seconds) and thirty days.
func TestRoundReminderIntervalBounds(t *testing.T) {
	app := testkit.NewApp(t)
	_, token := app.SignIn(t)
	leaderID := createLeader(t, app, token, "Ida Interval")

	for _, interval := range []string{"1h", "720h"} {
		resp := app.Do("POST", "/api/v1/rounds", token, map[string]any{"leader_id": leaderID, "framework_key": "leadership",
			"title": "Edge", "closes_at": future(), "reminder_interval": interval})
		var r roundView
		resp.JSON(t, &r)
		if resp.Status != 201 || r.ReminderInterval != interval {
			t.Fatalf("%s: %d %s", interval, resp.Status, resp.Body)
		}
	}
	resp := app.Do("POST", "/api/v1/rounds", token, map[string]any{"leader_id": leaderID, "framework_key": "leadership",
		"title": "Flood", "closes_at": future(), "reminder_interval": "1s"})
	if resp.Status != 422 || !strings.Contains(string(resp.Body), "at least 1 hour and at most 30 days") {
		t.Fatalf("1s: %d %s, want 422 saying the range", resp.Status, resp.Body)
	}
}
