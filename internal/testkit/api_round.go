package testkit

import (
	"fmt"
	"net/http"
	"testing"
	"time"
)

// APIRater is a rater as the coach API takes one.
type APIRater struct {
	Name, Email, Relationship string
}

// APIRound is a round on the "leadership" framework to build through the
// coach API, as a coach's client would: created, given its raters one by
// one, launched. Fields left empty (nil for MaxReminders) are left out of
// the request, so the API's defaults apply.
type APIRound struct {
	LeaderID         int64 // from CreateLeaderThroughAPI
	Title            string
	ClosesAt         time.Time
	ReminderInterval string // such as "72h"
	MaxReminders     *int
	TimeZone         string // IANA name
	Raters           []APIRater
}

// LaunchedAPIRound is the round LaunchThroughAPI built.
type LaunchedAPIRound struct {
	ID       int64
	RaterIDs []int64 // the leader's own first, then the raters' in the order given
}

// CreateLeaderThroughAPI creates a leader with the given fields (name,
// email, and any other the API takes) and returns its id.
func (s *Server) CreateLeaderThroughAPI(t testing.TB, coachToken string, fields map[string]string) int64 {
	t.Helper()
	resp := s.Do("POST", "/api/v1/leaders", coachToken, fields)
	wantStatus(t, "create leader", resp, http.StatusCreated)
	var leader struct{ ID int64 }
	resp.JSON(t, &leader)
	return leader.ID
}

// LaunchThroughAPI creates round r, adds its raters and launches it, each
// step answered as it is for a coach's client; any other answer fails t.
func (s *Server) LaunchThroughAPI(t testing.TB, coachToken string, r APIRound) *LaunchedAPIRound {
	t.Helper()
	body := map[string]any{"leader_id": r.LeaderID, "framework_key": "leadership", "title": r.Title,
		"closes_at": r.ClosesAt.UTC().Format(time.RFC3339)}
	if r.ReminderInterval != "" {
		body["reminder_interval"] = r.ReminderInterval
	}
	if r.MaxReminders != nil {
		body["max_reminders"] = *r.MaxReminders
	}
	if r.TimeZone != "" {
		body["time_zone"] = r.TimeZone
	}
	resp := s.Do("POST", "/api/v1/rounds", coachToken, body)
	wantStatus(t, "create round", resp, http.StatusCreated)
	var round struct {
		ID     int64
		Raters []struct{ ID int64 } // the leader, added with the round
	}
	resp.JSON(t, &round)
	if len(round.Raters) != 1 {
		t.Fatalf("testkit: a new round has %d raters, want the leader alone", len(round.Raters))
	}
	out := &LaunchedAPIRound{ID: round.ID, RaterIDs: []int64{round.Raters[0].ID}}
	for _, p := range r.Raters {
		resp := s.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/raters", round.ID), coachToken,
			map[string]string{"name": p.Name, "email": p.Email, "relationship": p.Relationship})
		wantStatus(t, "add rater "+p.Email, resp, http.StatusCreated)
		var rater struct{ ID int64 }
		resp.JSON(t, &rater)
		out.RaterIDs = append(out.RaterIDs, rater.ID)
	}
	wantStatus(t, "launch", s.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/launch", round.ID), coachToken, nil), http.StatusOK)
	return out
}

func wantStatus(t testing.TB, step string, resp *Response, want int) {
	t.Helper()
	if resp.Status != want {
		t.Fatalf("testkit: %s: status %d, want %d: %s", step, resp.Status, want, resp.Body)
	}
}
