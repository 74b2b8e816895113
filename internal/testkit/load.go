package testkit

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// LoadRoundSize is how many peers OpenLoadRounds puts in one round: the
// most a round holds (rapport.MaxRatersPerRound), the leader's self rating
// included.
const LoadRoundSize = rapport.MaxRatersPerRound - 1

// LoadRounds are open rounds of one coach and leader on one framework,
// for benchmarks and load tests.
type LoadRounds struct {
	IDs       []int64  // the rounds, in the order their raters appear in Tokens
	Items     []int64  // the framework's item ids in survey order, the same in every round
	Questions []string // the framework's open question keys, in survey order
	Tokens    []string // one survey link token per rater, round after round
}

// FortyItems is a framework of 8 competencies × 5 items: the size the
// benchmark goals are stated for.
func FortyItems(key string) *rapport.Framework {
	f := &rapport.Framework{Key: key, Name: "Bench 40",
		Scale:         rapport.Scale{Min: 1, Max: 5, Labels: []string{"Rarely", "Sometimes", "Often", "Very often", "Almost always"}},
		OpenQuestions: []rapport.OpenQuestion{{Key: "keep", Text: "What should {leader} keep doing?"}}}
	for c := 0; c < 8; c++ {
		comp := rapport.Competency{Key: fmt.Sprintf("c%d", c), Name: fmt.Sprintf("Competency %d", c)}
		for i := 0; i < 5; i++ {
			comp.Items = append(comp.Items, rapport.Item{Key: fmt.Sprintf("i%d", i),
				TextSelf: fmt.Sprintf("I do thing %d.", i), TextOther: fmt.Sprintf("{leader} does thing %d.", i)})
		}
		f.Competencies = append(f.Competencies, comp)
	}
	return f
}

// OpenLoadRounds creates a coach (password CoachPassphrase), a leader and
// enough open rounds on a 40-item framework for raters peers, at most
// LoadRoundSize to a round (always at least one round), and returns their
// link tokens. The rounds are opened directly in the database so that no
// invitations are queued: load tests measure answering, not mailing.
func OpenLoadRounds(t testing.TB, st *store.Store, db *sqlx.DB, raters int) *LoadRounds {
	t.Helper()
	return openLoadRounds(t, st, db, raters, func(coachID int64) (*rapport.Framework, error) {
		return st.CreateFramework(context.Background(), coachID, FortyItems("bench40"))
	})
}

// OpenBuiltinLoadRounds is OpenLoadRounds on a built-in framework (by key,
// e.g. "leadership": 48 items and 5 open questions), the questionnaire
// raters really answer.
func OpenBuiltinLoadRounds(t testing.TB, st *store.Store, db *sqlx.DB, key string, raters int) *LoadRounds {
	t.Helper()
	return openLoadRounds(t, st, db, raters, func(coachID int64) (*rapport.Framework, error) {
		return st.Framework(context.Background(), coachID, key)
	})
}

func openLoadRounds(t testing.TB, st *store.Store, db *sqlx.DB, raters int, framework func(coachID int64) (*rapport.Framework, error)) *LoadRounds {
	t.Helper()
	ctx := context.Background()
	coach, _ := Coach(t, st)
	leader, err := st.CreateLeader(ctx, coach.ID, rapport.LeaderInput{Name: "Bench Leader", Email: "leader@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	fw, err := framework(coach.ID)
	if err != nil {
		t.Fatal(err)
	}
	out := &LoadRounds{}
	for _, c := range fw.Competencies {
		for _, it := range c.Items {
			out.Items = append(out.Items, it.ID)
		}
	}
	for _, q := range fw.OpenQuestions {
		out.Questions = append(out.Questions, q.Key)
	}
	added := 0
	for range max(1, (raters+LoadRoundSize-1)/LoadRoundSize) {
		r, err := st.CreateRound(ctx, coach.ID, rapport.RoundInput{LeaderID: leader.ID, FrameworkKey: fw.Key,
			Title: fmt.Sprintf("Bench %d", len(out.IDs)+1), ClosesAt: time.Now().Add(30 * 24 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		for n := 0; n < LoadRoundSize && added < raters; n, added = n+1, added+1 {
			if _, err := st.AddRater(ctx, coach.ID, r.ID, rapport.RaterInput{Name: fmt.Sprintf("Rater %d", added),
				Email: fmt.Sprintf("rater%d@example.com", added), Relationship: rapport.Peer}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.ExecContext(ctx, `UPDATE rounds SET status = 'open', launched_at = unixepoch() WHERE id = ?`, r.ID); err != nil {
			t.Fatal(err)
		}
		out.IDs = append(out.IDs, r.ID)
		var sealed [][]byte
		if err := db.SelectContext(ctx, &sealed, `SELECT token_sealed FROM raters WHERE round_id = ? AND relationship = 'peer' ORDER BY id`, r.ID); err != nil {
			t.Fatal(err)
		}
		for _, s := range sealed {
			tok, err := st.Keys().Open(s)
			if err != nil {
				t.Fatal(err)
			}
			out.Tokens = append(out.Tokens, tok)
		}
	}
	return out
}
