package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

func TestImportRaters(t *testing.T) {
	ctx := context.Background()
	cfg := testkit.Config(t)
	st := testkit.Store(t, cfg)
	coach, _ := testkit.Coach(t, st)
	leader, err := st.CreateLeader(ctx, coach.ID, rapport.LeaderInput{Name: "Import Leader", Email: "leader@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	newRound := func(t *testing.T) int64 {
		r, err := st.CreateRound(ctx, coach.ID, rapport.RoundInput{LeaderID: leader.ID, FrameworkKey: "leadership",
			Title: "Import", ClosesAt: time.Now().Add(time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		return r.ID
	}
	t.Run("AcceptsQuotesInsideAnUnquotedName", func(t *testing.T) {
		id := newRound(t)
		n, err := st.ImportRaters(ctx, coach.ID, id, "Gina \"G\" Ruiz,gina@example.com,peer\n\"Smith, Di\",di@example.com,manager\n")
		if err != nil || n != 2 {
			t.Fatalf("imported %d, err %v; want 2", n, err)
		}
		raters, err := st.Raters(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]bool{}
		for _, r := range raters {
			names[r.Name] = true
		}
		if !names[`Gina "G" Ruiz`] || !names["Smith, Di"] {
			t.Errorf("names not kept as typed: %v", names)
		}
	})
	t.Run("StillChecksEveryOtherRule", func(t *testing.T) {
		id := newRound(t)
		_, err := st.ImportRaters(ctx, coach.ID, id, "Gina \"G\" Ruiz,not-an-email,peer\nBo,bo@example.com,friend\nToo,many,columns,here\n")
		ie, ok := err.(*rapport.ImportError)
		if !ok || len(ie.Rows) != 3 {
			t.Fatalf("want 3 bad lines, got %v", err)
		}
	})
}

func TestARoundHoldsAtMost500Raters(t *testing.T) {
	ctx := context.Background()
	cfg := testkit.Config(t)
	st := testkit.Store(t, cfg)
	coach, _ := testkit.Coach(t, st)
	leader, err := st.CreateLeader(ctx, coach.ID, rapport.LeaderInput{Name: "Many Raters", Email: "leader@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := st.CreateRound(ctx, coach.ID, rapport.RoundInput{LeaderID: leader.ID, FrameworkKey: "leadership",
		Title: "Many", ClosesAt: time.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	var csv strings.Builder
	for i := 1; i < rapport.MaxRatersPerRound; i++ { // the leader is the first
		fmt.Fprintf(&csv, "Rater %d,rater%d@example.com,peer\n", i, i)
	}
	if n, err := st.ImportRaters(ctx, coach.ID, r.ID, csv.String()); err != nil || n != rapport.MaxRatersPerRound-1 {
		t.Fatalf("imported %d, err %v", n, err)
	}
	_, err = st.AddRater(ctx, coach.ID, r.ID, rapport.RaterInput{Name: "One Too Many", Email: "late@example.com", Relationship: rapport.Peer})
	if rapport.ErrorCode(err) != rapport.EINVALID {
		t.Fatalf("the 501st rater: %v, want invalid", err)
	}
}
