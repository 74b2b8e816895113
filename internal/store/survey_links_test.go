package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

// The write-link cache keeps only links a draft can still be saved
// through: a save remembers its link, so that the next save's draft is
// checked before the write; a submit or a decline forgets it; a submit of a
// link never seen before (as a stream of raters submitting the whole form
// at once sends) leaves nothing behind. Each kept link holds its framework
// only, never the rater or the round. The subtests run in order, each on
// what the ones before it left.
func TestWriteLinkCacheKeepsOnlyLinksStillOpen(t *testing.T) {
	ctx := context.Background()
	app := testkit.NewApp(t)
	lr := app.Launch(t, "Lea Leader", raters(rapport.Peer, 4, "peer")...)
	hash := func(i int) []byte { return testkit.Keys(t).Hash(lr.Links[fmt.Sprintf("peer%d@example.com", i)]) }
	resolved, err := app.Store.ResolveLink(ctx, hash(0))
	if err != nil {
		t.Fatal(err)
	}
	whole := &rapport.Draft{Answers: everyItem(resolved.Framework, notObserved), Comments: map[string]string{}}
	some := &rapport.Draft{Comments: map[string]string{"keep": "Listens well."}}
	cached := func(t *testing.T, want int) {
		t.Helper()
		if got := app.Store.CachedLinks(); got != want {
			t.Fatalf("%d links cached, want %d", got, want)
		}
	}

	t.Run("ASaveRemembersItsLink", func(t *testing.T) {
		if _, err := app.Store.SaveDraft(ctx, app.Store.WriteLink(hash(0)), some); err != nil {
			t.Fatal(err)
		}
		cached(t, 1)
		if link := app.Store.WriteLink(hash(0)); link.Framework == nil || link.Rater.ID != 0 || link.Round.ID != 0 {
			t.Errorf("a cached link holds framework %v, rater %d, round %d; want the framework only",
				link.Framework != nil, link.Rater.ID, link.Round.ID)
		}
	})
	t.Run("ASubmitForgetsIt", func(t *testing.T) {
		if _, err := app.Store.SubmitSurvey(ctx, app.Store.WriteLink(hash(0)), whole); err != nil {
			t.Fatal(err)
		}
		cached(t, 0)
	})
	t.Run("ASubmitOfANewLinkLeavesNothing", func(t *testing.T) {
		if _, err := app.Store.SubmitSurvey(ctx, app.Store.WriteLink(hash(1)), whole); err != nil {
			t.Fatal(err)
		}
		cached(t, 0)
	})
	t.Run("ASubmitWithItemsMissingKeepsIt", func(t *testing.T) {
		_, err := app.Store.SubmitSurvey(ctx, app.Store.WriteLink(hash(2)), some)
		if _, ok := err.(*rapport.MissingError); !ok {
			t.Fatalf("submit of a partial draft: %v, want the missing items", err)
		}
		cached(t, 1)
	})
	t.Run("ADeclineForgetsIt", func(t *testing.T) {
		if _, err := app.Store.DeclineSurvey(ctx, app.Store.WriteLink(hash(2))); err != nil {
			t.Fatal(err)
		}
		cached(t, 0)
	})
	t.Run("AFinishedLinkStillRefusesWrites", func(t *testing.T) {
		_, err := app.Store.SaveDraft(ctx, app.Store.WriteLink(hash(1)), some)
		if rapport.ErrorCode(err) != rapport.ECONFLICT {
			t.Errorf("a save after the submit: %v, want a conflict", err)
		}
		cached(t, 0)
	})
}
