package rapport_test

import (
	"slices"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/rapport"
)

func TestAttentionOf(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	round := func(status rapport.RoundStatus, left time.Duration) *rapport.Round {
		return &rapport.Round{Status: status, ClosesAt: now.Add(left), AnonymityThreshold: 3}
	}
	peers := rapport.GroupProgress{Relationship: rapport.Peer, Invited: 2, Threshold: 3}
	reports := rapport.GroupProgress{Relationship: rapport.DirectReport, Invited: 3, Threshold: 3}
	manager := rapport.GroupProgress{Relationship: rapport.Superior, Invited: 1}

	t.Run("NamesEverySmallGroupOnceOneIsWorthAWarning", func(t *testing.T) {
		// Peers can never reach 3; direct reports could, so alone they
		// would not be worth a warning 20 days out.
		a := rapport.AttentionOf(round(rapport.RoundOpen, 20*24*time.Hour), []rapport.GroupProgress{manager, peers, reports}, now)
		if !slices.Equal(a.SmallGroups, []rapport.GroupProgress{peers, reports}) || a.DeadlinePassed || a.ClosesIn != 0 || !a.Needed() {
			t.Errorf("attention %+v, want peers and direct reports only", a)
		}
	})
	t.Run("WaitsForAnswersWhileTheDeadlineIsFar", func(t *testing.T) {
		a := rapport.AttentionOf(round(rapport.RoundOpen, 20*24*time.Hour), []rapport.GroupProgress{manager, reports}, now)
		if a.Needed() {
			t.Errorf("attention %+v, want none", a)
		}
	})
	t.Run("CountsInvitationsInADraft", func(t *testing.T) {
		a := rapport.AttentionOf(round(rapport.RoundDraft, 20*24*time.Hour), []rapport.GroupProgress{peers, reports}, now)
		if !slices.Equal(a.SmallGroups, []rapport.GroupProgress{peers}) {
			t.Errorf("attention %+v, want peers only", a)
		}
	})
	t.Run("SaysTheDeadlineIsNearOrPast", func(t *testing.T) {
		if a := rapport.AttentionOf(round(rapport.RoundOpen, 29*time.Hour), nil, now); a.ClosesIn != 29*time.Hour || a.DeadlinePassed {
			t.Errorf("near: %+v", a)
		}
		if a := rapport.AttentionOf(round(rapport.RoundDraft, 0), nil, now); !a.DeadlinePassed || a.ClosesIn != 0 {
			t.Errorf("past: %+v", a)
		}
	})
	t.Run("AsksOnlyForTheReleaseOfAClosedRound", func(t *testing.T) {
		closed := round(rapport.RoundClosed, -time.Hour)
		want := rapport.Attention{AwaitingRelease: true}
		if a := rapport.AttentionOf(closed, []rapport.GroupProgress{peers}, now); a.DeadlinePassed || a.SmallGroups != nil || a.ClosesIn != 0 || a.AwaitingRelease != want.AwaitingRelease {
			t.Errorf("closed, not released: %+v, want only the release", a)
		}
		released := now.Add(-time.Minute)
		closed.ReleasedAt = &released
		if a := rapport.AttentionOf(closed, []rapport.GroupProgress{peers}, now); a.Needed() {
			t.Errorf("released: %+v, want none", a)
		}
	})
}
