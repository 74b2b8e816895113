package store

import (
	"context"
	"fmt"

	"github.com/rapporthq/rapport/internal/rapport"
)

// RoundOverview is a round with its progress per group.
type RoundOverview struct {
	rapport.Round
	Groups []rapport.GroupProgress
}

// Dashboard lists the coach's rounds with their progress per group, newest
// first.
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
		FROM raters ra JOIN rounds r ON r.id = ra.round_id WHERE r.coach_id = ? AND ra.proposed = 0
		GROUP BY ra.round_id, ra.relationship`, coachID)
	if err != nil {
		return nil, fmt.Errorf("store: dashboard counts: %w", err)
	}
	counts := map[int64]map[rapport.Relationship]rapport.GroupProgress{}
	for _, row := range rows {
		if counts[row.RoundID] == nil {
			counts[row.RoundID] = map[rapport.Relationship]rapport.GroupProgress{}
		}
		counts[row.RoundID][row.Relationship] = rapport.GroupProgress{Relationship: row.Relationship, Invited: row.Invited, Submitted: row.Submitted}
	}
	list := make([]RoundOverview, len(rounds))
	for i, r := range rounds {
		list[i] = RoundOverview{Round: r, Groups: groupsOf(&r, counts[r.ID])}
	}
	return list, nil
}

// Progress returns a round's groups in report order, for the round page.
func (s *Store) Progress(ctx context.Context, r *rapport.Round) ([]rapport.GroupProgress, error) {
	c, err := s.Counts(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	m := map[rapport.Relationship]rapport.GroupProgress{}
	for rel, n := range c.Invited {
		m[rel] = rapport.GroupProgress{Relationship: rel, Invited: n, Submitted: c.Submitted[rel]}
	}
	return groupsOf(r, m), nil
}

// groupsOf orders a round's groups as the report does, leaving out groups
// nobody was invited to.
func groupsOf(r *rapport.Round, m map[rapport.Relationship]rapport.GroupProgress) []rapport.GroupProgress {
	var out []rapport.GroupProgress
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
