package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

func TestDashboard(t *testing.T) {
	t.Run("CountsEachGroupWithItsThreshold", func(t *testing.T) {
		ctx := context.Background()
		st := testkit.Store(t, testkit.Config(t))
		coach, _ := testkit.Coach(t, st)
		leader, err := st.CreateLeader(ctx, coach.ID, rapport.LeaderInput{Name: "Dash Leader", Email: "dash@example.com"})
		if err != nil {
			t.Fatal(err)
		}
		r, err := st.CreateRound(ctx, coach.ID, rapport.RoundInput{LeaderID: leader.ID, FrameworkKey: "leadership",
			Title: "Open", ClosesAt: time.Now().Add(20 * 24 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		for i, rel := range []rapport.Relationship{rapport.Peer, rapport.Peer, rapport.DirectReport, rapport.DirectReport, rapport.DirectReport} {
			if _, err := st.AddRater(ctx, coach.ID, r.ID, rapport.RaterInput{Name: fmt.Sprint("R", i), Email: fmt.Sprintf("r%d@example.com", i), Relationship: rel}); err != nil {
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
		// Self is identified by design: no threshold. Groups in report order.
		want := []rapport.GroupProgress{{Relationship: rapport.Self, Invited: 1}, {Relationship: rapport.Peer, Invited: 2, Threshold: 3},
			{Relationship: rapport.DirectReport, Invited: 3, Threshold: 3}}
		if list[0].ID != r.ID || list[0].Status != rapport.RoundOpen || !slices.Equal(list[0].Groups, want) {
			t.Errorf("round %d %s groups %+v, want round %d open with %+v", list[0].ID, list[0].Status, list[0].Groups, r.ID, want)
		}
	})
}
