package debrief_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/debrief"
	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

// Every rater answers every item the same: the leader 5, the superior 2,
// each peer 4. So the peers' mean is 4 on every competency.
var scoreOf = map[rapport.Relationship]int{"self": 5, "superior": 2, "peer": 4}

// fixture is a running instance with one launched round and the Debriefs
// under test, reading the same database.
type fixture struct {
	app      *testkit.App
	debriefs *debrief.Debriefs
	coach    *rapport.Coach
	token    string
	round    *rapport.Round
}

// raters answer every round of the fixture but the late peer, who never
// submits.
var raters = []struct{ name, email, relationship string }{
	{"Sam Superior", "sam@example.com", "superior"}, {"Pia Peer", "pia@example.com", "peer"},
	{"Per Peer", "per@example.com", "peer"}, {"Paz Peer", "paz@example.com", "peer"},
	{"Late Peer", "late@example.com", "peer"}}

// newFixture launches a round for leaderName with a superior and three
// peers who submit, and a fourth peer who never does. The round stays open.
func newFixture(t *testing.T, leaderName string) *fixture {
	t.Helper()
	app := testkit.NewApp(t)
	var in []rapport.RaterInput
	for _, r := range raters {
		in = append(in, rapport.RaterInput{Name: r.name, Email: r.email, Relationship: rapport.Relationship(r.relationship)})
	}
	lr := app.Launch(t, leaderName, in...)
	f := &fixture{app: app, debriefs: debrief.New(app.Store, testkit.Keys(t), testkit.Logger()),
		coach: lr.Coach, token: lr.CoachToken, round: lr.Round}
	f.answer(t, f.round.ID)
	return f
}

// answer writes the answers of a round's raters, the late peer's excepted.
func (f *fixture) answer(t *testing.T, roundID int64) {
	t.Helper()
	round, err := f.app.Store.Round(context.Background(), f.coach.ID, roundID)
	if err != nil {
		t.Fatal(err)
	}
	fw, err := f.app.Store.FrameworkByID(context.Background(), round.FrameworkID)
	if err != nil {
		t.Fatal(err)
	}
	var rows []struct {
		ID           int64                `db:"id"`
		Email        string               `db:"email"`
		Relationship rapport.Relationship `db:"relationship"`
	}
	if err := testkit.RawDB(t, f.app.Cfg).Select(&rows, `SELECT id, email, relationship FROM raters WHERE round_id = ?`, roundID); err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		if row.Email == "late@example.com" {
			continue
		}
		score := scoreOf[row.Relationship]
		scores := map[int64]*int{}
		for _, c := range fw.Competencies {
			for _, it := range c.Items {
				scores[it.ID] = &score
			}
		}
		comments := map[int64]string{fw.OpenQuestions[0].ID: fmt.Sprintf("A comment from a %s.", row.Relationship)}
		f.app.SubmitResponse(t, row.ID, scores, comments)
	}
}

// close closes a round and returns it as the store has it then.
func (f *fixture) close(t *testing.T, roundID int64) *rapport.Round {
	t.Helper()
	r, err := f.app.Store.CloseRound(context.Background(), f.coach.ID, roundID)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// followUp launches a second round for the same leader on the same
// framework, answered like the first.
func (f *fixture) followUp(t *testing.T) int64 {
	t.Helper()
	resp := f.app.Do(http.MethodPost, "/api/v1/rounds", f.token, map[string]any{"leader_id": f.round.LeaderID,
		"framework_key": "leadership", "title": "Autumn 360",
		"closes_at": f.app.Store.Now().Add(14 * 24 * time.Hour).Format(time.RFC3339)})
	if resp.Status != http.StatusCreated {
		t.Fatalf("create round: %d %s", resp.Status, resp.Body)
	}
	var r struct{ ID int64 }
	resp.JSON(t, &r)
	for _, rater := range raters {
		resp := f.app.Do(http.MethodPost, fmt.Sprintf("/api/v1/rounds/%d/raters", r.ID), f.token,
			map[string]string{"name": rater.name, "email": rater.email, "relationship": rater.relationship})
		if resp.Status != http.StatusCreated {
			t.Fatalf("add rater: %d %s", resp.Status, resp.Body)
		}
	}
	if resp := f.app.Do(http.MethodPost, fmt.Sprintf("/api/v1/rounds/%d/launch", r.ID), f.token, nil); resp.Status != http.StatusOK {
		t.Fatalf("launch: %d %s", resp.Status, resp.Body)
	}
	f.answer(t, r.ID)
	return r.ID
}

// breakAnswer stores an answer that is not a number, as a bad restore or a
// hand edit leaves it, so the round's report cannot be drawn.
func (f *fixture) breakAnswer(t *testing.T) {
	t.Helper()
	_, err := testkit.RawDB(t, f.app.Cfg).Exec(`UPDATE answers SET score = 'three' WHERE (response_id, item_id) =
		(SELECT a.response_id, a.item_id FROM answers a JOIN raters r ON r.response_id = a.response_id
		WHERE r.round_id = ? AND a.score IS NOT NULL LIMIT 1)`, f.round.ID)
	if err != nil {
		t.Fatal(err)
	}
}
