package store

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/rapporthq/rapport/internal/rapport"
)

// AttentionWindow is how close a deadline must be for a round that is not
// closed to need the coach's attention.
const AttentionWindow = 3 * 24 * time.Hour

// GroupProgress is one rater group of a round: how many were invited and
// how many submitted.
type GroupProgress struct {
	Relationship rapport.Relationship
	Invited      int
	Submitted    int
	// Threshold is the round's anonymity threshold for anonymous groups, 0
	// for identified ones (self, superior), which have none.
	Threshold int
}

// BelowThreshold reports whether an anonymous group is too small to be
// reported on its own: by invitations in a draft, by answers once open.
func (g GroupProgress) BelowThreshold(status rapport.RoundStatus) bool {
	if g.Threshold == 0 {
		return false
	}
	if status == rapport.RoundDraft {
		return g.Invited < g.Threshold
	}
	return g.Submitted < g.Threshold
}

// RoundOverview is a round as the dashboard shows it.
type RoundOverview struct {
	rapport.Round
	Groups []GroupProgress
	// Attention lists why the round needs the coach now; empty if it does not.
	Attention []string
}

// Dashboard lists the coach's rounds with their progress per group. Rounds
// that need attention come first; within each part, newest first.
func (s *Store) Dashboard(ctx context.Context, coachID int64) ([]RoundOverview, error) {
	rounds, err := s.Rounds(ctx, coachID)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		RoundID      int64                `db:"round_id"`
		Relationship rapport.Relationship `db:"relationship"`
		Invited      int                  `db:"invited"`
		Submitted    int                  `db:"submitted"`
	}
	err = s.r.SelectContext(ctx, &rows, `SELECT ra.round_id, ra.relationship, count(*) AS invited,
		sum(ra.status = 'submitted') AS submitted
		FROM raters ra JOIN rounds r ON r.id = ra.round_id WHERE r.coach_id = ?
		GROUP BY ra.round_id, ra.relationship`, coachID)
	if err != nil {
		return nil, fmt.Errorf("store: dashboard counts: %w", err)
	}
	counts := map[int64]map[rapport.Relationship]GroupProgress{}
	for _, row := range rows {
		if counts[row.RoundID] == nil {
			counts[row.RoundID] = map[rapport.Relationship]GroupProgress{}
		}
		counts[row.RoundID][row.Relationship] = GroupProgress{Relationship: row.Relationship, Invited: row.Invited, Submitted: row.Submitted}
	}
	now := s.now()
	list := make([]RoundOverview, len(rounds))
	for i, r := range rounds {
		list[i] = RoundOverview{Round: r, Groups: groupsOf(&r, counts[r.ID])}
		list[i].Attention = attention(&list[i], now)
	}
	sort.SliceStable(list, func(i, j int) bool {
		return len(list[i].Attention) > 0 && len(list[j].Attention) == 0
	})
	return list, nil
}

// Progress returns a round's groups in report order, for the round page.
func (s *Store) Progress(ctx context.Context, r *rapport.Round) ([]GroupProgress, error) {
	c, err := s.Counts(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	m := map[rapport.Relationship]GroupProgress{}
	for rel, n := range c.Invited {
		m[rel] = GroupProgress{Relationship: rel, Invited: n, Submitted: c.Submitted[rel]}
	}
	return groupsOf(r, m), nil
}

// groupsOf orders a round's groups as the report does, leaving out groups
// nobody was invited to.
func groupsOf(r *rapport.Round, m map[rapport.Relationship]GroupProgress) []GroupProgress {
	var out []GroupProgress
	for _, rel := range rapport.Relationships {
		g, ok := m[rel]
		if !ok || g.Invited == 0 {
			continue
		}
		if rel.Anonymous() {
			g.Threshold = r.AnonymityThreshold
		}
		out = append(out, g)
	}
	return out
}

// attention says why a round needs the coach now. A closed round needs
// nothing more than its report; a draft or open round needs attention when
// its deadline is near or past, or when an anonymous group is too small to
// be reported on its own (in a draft by invitations; once open, by answers
// when the deadline is near).
func attention(o *RoundOverview, now time.Time) []string {
	if o.Status == rapport.RoundClosed {
		return nil
	}
	var why []string
	left := o.ClosesAt.Sub(now)
	switch {
	case left <= 0 && o.Status == rapport.RoundDraft:
		why = append(why, "The deadline has passed: set a new one before launching")
	case left <= 0:
		why = append(why, "The deadline has passed: close the round")
	case left <= AttentionWindow:
		why = append(why, "Closes in "+HumanDuration(left))
	}
	// Once one group is worth a warning, every group below the threshold
	// is named: the coach decides whom to chase knowing the whole picture.
	var small []GroupProgress
	warn := false
	for _, g := range o.Groups {
		if !g.BelowThreshold(o.Status) {
			continue
		}
		small = append(small, g)
		if o.Status == rapport.RoundDraft || g.Invited < g.Threshold || left <= AttentionWindow {
			warn = true
		}
	}
	if !warn {
		return why
	}
	for _, g := range small {
		if o.Status == rapport.RoundDraft {
			why = append(why, fmt.Sprintf("%s: %d invited, fewer than the threshold of %d", g.Relationship.Label(), g.Invited, g.Threshold))
		} else {
			why = append(why, fmt.Sprintf("%s: %d of %d answered, fewer than the threshold of %d", g.Relationship.Label(), g.Submitted, g.Invited, g.Threshold))
		}
	}
	return why
}

// HumanDuration writes a time left the way people say it: "2 days",
// "5 hours", "under an hour".
func HumanDuration(d time.Duration) string {
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
