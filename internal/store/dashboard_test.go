package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
	"github.com/rapporthq/rapport/internal/testkit"
)

func TestDashboard(t *testing.T) {
	t.Run("NamesEverySmallGroupOnceOneIsWorthAWarning", func(t *testing.T) {
		ctx := context.Background()
		st := testkit.Store(t, testkit.Config(t))
		coach, _ := testkit.Coach(t, st)
		leader, err := st.CreateLeader(ctx, coach.ID, store.LeaderInput{Name: "Dash Leader", Email: "dash@example.com"})
		if err != nil {
			t.Fatal(err)
		}
		r, err := st.CreateRound(ctx, coach.ID, store.RoundInput{LeaderID: leader.ID, FrameworkKey: "leadership",
			Title: "Open", ClosesAt: time.Now().Add(20 * 24 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		// Peers: 2 invited (can never reach 3). Direct reports: 3 invited,
		// none answered yet. Both are below the threshold by answers.
		for i, rel := range []rapport.Relationship{rapport.Peer, rapport.Peer, rapport.DirectReport, rapport.DirectReport, rapport.DirectReport} {
			if _, err := st.AddRater(ctx, coach.ID, r.ID, store.RaterInput{Name: fmt.Sprint("R", i), Email: fmt.Sprintf("r%d@example.com", i), Relationship: rel}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := st.LaunchRound(ctx, coach.ID, r.ID); err != nil {
			t.Fatal(err)
		}
		list, err := st.Dashboard(ctx, coach.ID)
		if err != nil || len(list) != 1 {
			t.Fatalf("dashboard: %v %v", list, err)
		}
		want := []string{"Peers: 0 of 2 answered, fewer than the threshold of 3", "Direct reports: 0 of 3 answered, fewer than the threshold of 3"}
		if !slices.Equal(list[0].Attention, want) {
			t.Errorf("attention %q, want %q", list[0].Attention, want)
		}
	})
}
