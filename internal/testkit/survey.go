package testkit

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/rapport"
)

// LaunchedRound is an open round on the "leadership" framework with its
// raters' survey links in the clear, as only their emails would show them.
type LaunchedRound struct {
	Coach      *rapport.Coach
	CoachToken string
	Round      *rapport.Round
	Links      map[string]string // survey token by rater email (the leader's too)
	RaterIDs   map[string]int64  // rater id by email
}

// Launch creates a coach, a leader named leaderName, a round closing in two
// weeks with the given raters besides the leader, and launches it.
func (a *App) Launch(t testing.TB, leaderName string, raters ...rapport.RaterInput) *LaunchedRound {
	t.Helper()
	ctx := context.Background()
	coach, token := a.SignIn(t)
	leader, err := a.Store.CreateLeader(ctx, coach.ID, rapport.LeaderInput{
		Name: leaderName, Email: "leader" + itoa(coach.ID) + "@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	round, err := a.Store.CreateRound(ctx, coach.ID, rapport.RoundInput{LeaderID: leader.ID, FrameworkKey: "leadership",
		Title: "Spring 360", ClosesAt: a.Store.Now().Add(14 * 24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range raters {
		if _, err := a.Store.AddRater(ctx, coach.ID, round.ID, r); err != nil {
			t.Fatal(err)
		}
	}
	if round, err = a.Store.LaunchRound(ctx, coach.ID, round.ID); err != nil {
		t.Fatal(err)
	}
	lr := &LaunchedRound{Coach: coach, CoachToken: token, Round: round, Links: map[string]string{}, RaterIDs: map[string]int64{}}
	var rows []struct {
		ID     int64  `db:"id"`
		Email  string `db:"email"`
		Sealed []byte `db:"token_sealed"`
	}
	if err := RawDB(t, a.Cfg).Select(&rows, `SELECT id, email, token_sealed FROM raters WHERE round_id = ?`, round.ID); err != nil {
		t.Fatal(err)
	}
	keys := Keys(t)
	for _, row := range rows {
		tok, err := keys.Open(row.Sealed)
		if err != nil {
			t.Fatal(err)
		}
		lr.Links[strings.ToLower(row.Email)] = tok
		lr.RaterIDs[strings.ToLower(row.Email)] = row.ID
	}
	return lr
}

// SelfLink is the leader's own survey token.
func (lr *LaunchedRound) SelfLink(t testing.TB) string {
	t.Helper()
	tok, ok := lr.Links["leader"+itoa(lr.Coach.ID)+"@example.com"]
	if !ok {
		t.Fatal("testkit: no self rater link")
	}
	return tok
}
