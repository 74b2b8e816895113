package bench

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/auth"
	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// Round is an open round prepared for a benchmark.
type Round struct {
	ID     int64
	Items  []int64  // the 40 item ids
	Tokens []string // one survey link token per rater
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

// PrepareRound creates a coach, a leader and an open round on a 40-item
// framework with raters peers, and returns their link tokens. The round is
// opened directly in the database so that no invitations are queued: the
// benchmarks measure answering, not mailing.
func PrepareRound(ctx context.Context, st *store.Store, db *sqlx.DB, raters int) (*Round, error) {
	hash, err := auth.HashPassword(Passphrase)
	if err != nil {
		return nil, err
	}
	coach, err := st.CreateCoach(ctx, fmt.Sprintf("bench%d@example.com", time.Now().UnixNano()), "Bench Coach", hash)
	if err != nil {
		return nil, err
	}
	leader, err := st.CreateLeader(ctx, coach.ID, rapport.LeaderInput{Name: "Bench Leader", Email: "leader@example.com"})
	if err != nil {
		return nil, err
	}
	fw, err := st.CreateFramework(ctx, coach.ID, FortyItems("bench40"))
	if err != nil {
		return nil, err
	}
	r, err := st.CreateRound(ctx, coach.ID, rapport.RoundInput{LeaderID: leader.ID, FrameworkKey: fw.Key, Title: "Bench",
		ClosesAt: time.Now().Add(30 * 24 * time.Hour)})
	if err != nil {
		return nil, err
	}
	for i := 0; i < raters; i++ {
		if _, err := st.AddRater(ctx, coach.ID, r.ID, rapport.RaterInput{Name: fmt.Sprintf("Rater %d", i),
			Email: fmt.Sprintf("rater%d@example.com", i), Relationship: rapport.Peer}); err != nil {
			return nil, err
		}
	}
	if _, err := db.ExecContext(ctx, `UPDATE rounds SET status = 'open', launched_at = unixepoch() WHERE id = ?`, r.ID); err != nil {
		return nil, err
	}
	out := &Round{ID: r.ID}
	for _, c := range fw.Competencies {
		for _, it := range c.Items {
			out.Items = append(out.Items, it.ID)
		}
	}
	var sealed [][]byte
	if err := db.SelectContext(ctx, &sealed, `SELECT token_sealed FROM raters WHERE round_id = ? AND relationship = 'peer' ORDER BY id`, r.ID); err != nil {
		return nil, err
	}
	for _, s := range sealed {
		tok, err := st.Keys().Open(s)
		if err != nil {
			return nil, err
		}
		out.Tokens = append(out.Tokens, tok)
	}
	return out, nil
}
