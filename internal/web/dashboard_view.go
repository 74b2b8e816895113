package web

import (
	"fmt"
	"time"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// dashboardData is the coach's dashboard: rounds needing attention first,
// each part newest first as the store lists them.
type dashboardData struct {
	Attention []dashboardRound
	Others    []dashboardRound
	Leaders   int
}

// dashboardRound is a round's card: its progress and, in words, why it
// needs the coach now (empty if it does not).
type dashboardRound struct {
	store.RoundOverview
	Attention []string
}

// newDashboard sorts the rounds into the dashboard's two parts.
func newDashboard(rounds []store.RoundOverview, leaders int, now time.Time) dashboardData {
	d := dashboardData{Leaders: leaders}
	for _, r := range rounds {
		card := dashboardRound{RoundOverview: r, Attention: attentionLines(&r.Round, rapport.AttentionOf(&r.Round, r.Groups, now))}
		if len(card.Attention) > 0 {
			d.Attention = append(d.Attention, card)
		} else {
			d.Others = append(d.Others, card)
		}
	}
	return d
}

// attentionLines words why round r needs the coach, one line per reason.
func attentionLines(r *rapport.Round, a rapport.Attention) []string {
	var why []string
	if a.AwaitingRelease {
		why = append(why, "Closed: ready to read and release")
	}
	switch {
	case a.DeadlinePassed && r.Status == rapport.RoundDraft:
		why = append(why, "The deadline has passed: set a new one before launching")
	case a.DeadlinePassed:
		why = append(why, "The deadline has passed: close the round")
	case a.ClosesIn > 0:
		why = append(why, "Closes in "+humanDuration(a.ClosesIn))
	}
	for _, g := range a.SmallGroups {
		if r.Status == rapport.RoundDraft {
			why = append(why, fmt.Sprintf("%s: %d invited, fewer than the threshold of %d", g.Relationship.Label(), g.Invited, g.Threshold))
		} else {
			why = append(why, fmt.Sprintf("%s: %d of %d answered, fewer than the threshold of %d", g.Relationship.Label(), g.Submitted, g.Invited, g.Threshold))
		}
	}
	return why
}

// humanDuration writes a time left the way people say it: "2 days",
// "5 hours", "under an hour".
func humanDuration(d time.Duration) string {
	switch {
	case d >= 48*time.Hour:
		return fmt.Sprintf("%d days", int(d.Hours()/24))
	case d >= 2*time.Hour:
		return fmt.Sprintf("%d hours", int(d.Hours()))
	case d >= time.Hour:
		return "1 hour"
	}
	return "under an hour"
}
