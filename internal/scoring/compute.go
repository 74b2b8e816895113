package scoring

import (
	"slices"

	"github.com/rapporthq/rapport/internal/rapport"
)

// Compute turns a round's submitted responses into its summary, applying
// the confidentiality rule (docs/confidentiality.md).
func Compute(in Input) *Summary {
	t := max(in.Threshold, rapport.MinAnonymityThreshold)
	counts := map[rapport.Relationship]int{}
	if in.Counts != nil {
		for r, n := range in.Counts {
			if n > 0 {
				counts[r] = n
			}
		}
	} else {
		for _, r := range in.Responses {
			counts[r.Relationship]++
		}
	}
	plan := planGroups(counts, t)
	s := &Summary{
		// Empty lists, never null: a round may close with nobody's answers.
		RoundID: in.RoundID, Leader: in.Leader, AnonymityThreshold: t, Responses: counts, Groups: append([]Group{}, plan.groups...),
		Withheld: append([]rapport.Relationship{}, plan.withheld...), Competencies: []CompetencyScores{}, Items: []ItemScores{},
		Comments: comments(in, plan),
	}
	for _, r := range rapport.Relationships {
		if _, ok := counts[r]; !ok {
			counts[r] = 0
		}
	}
	_, showAllOthers := s.Group(AllOthers)
	// Each response's reported group, found once rather than once per item.
	groupOf := make([]string, len(in.Responses))
	for i, r := range in.Responses {
		groupOf[i] = plan.groupFor(r)
	}

	for _, comp := range in.Competencies {
		cs := CompetencyScores{Key: comp.Key, Name: comp.Name, Scores: map[string]Score{}}
		compCells := map[string]*cell{}
		hiddenBlock := map[string]bool{} // blocks with a suppressed item cell in this competency
		residualRaters := map[int]bool{} // raters behind suppressed cells of items whose all_others is hidden
		for _, item := range comp.Items {
			cells := itemCells(in, plan, groupOf, item.ID, showAllOthers)
			is := ItemScores{ID: item.ID, CompetencyKey: comp.Key, Text: in.Leader.Fill(item.TextOther),
				Scores: map[string]Score{}, Distribution: map[string][]int{}, NA: map[string]int{}}
			suppressed := suppressCells(plan.groups, cells, t)
			residual := 0
			for key := range suppressed {
				residual += cells[key].n()
				hiddenBlock[key] = true
			}
			allOthersShown := residual == 0 || residual >= t
			if !allOthersShown {
				for key := range suppressed {
					for _, r := range cells[key].raters {
						residualRaters[r] = true
					}
				}
			}
			for _, g := range plan.groups {
				c := cells[g.Key]
				is.NA[g.Key] = c.na
				if compCells[g.Key] == nil {
					compCells[g.Key] = &cell{}
				}
				compCells[g.Key].merge(*c)
				if c.n() == 0 || suppressed[g.Key] || (g.Key == AllOthers && !allOthersShown) {
					continue
				}
				is.Scores[g.Key] = c.score()
				is.Distribution[g.Key] = c.distribution(in.Scale.Min, in.Scale.Points())
			}
			s.Items = append(s.Items, is)
		}
		for _, g := range plan.groups {
			c := compCells[g.Key]
			if c == nil || c.n() == 0 || hiddenBlock[g.Key] {
				continue
			}
			if g.Key == AllOthers && len(residualRaters) > 0 && len(residualRaters) < t {
				continue
			}
			cs.Scores[g.Key] = c.score()
		}
		s.Competencies = append(s.Competencies, cs)
	}
	s.TopItems, s.BottomItems = extremes(s.Items)
	s.BlindSpots, s.HiddenStrengths = gaps(s.Items)
	progress(s, in.Previous, in.PreviousRound)
	return s
}

// itemCells gathers every reported group's answers to one item; groupOf
// holds each response's reported group (plan.groupFor).
func itemCells(in Input, plan groupPlan, groupOf []string, itemID int64, withAllOthers bool) map[string]*cell {
	cells := map[string]*cell{}
	for _, g := range plan.groups {
		cells[g.Key] = &cell{}
	}
	for i, r := range in.Responses {
		key := groupOf[i]
		if key == "" {
			continue // withheld: in no figure at all
		}
		score := r.Scores[itemID]
		cells[key].add(i, score)
		if withAllOthers && r.Relationship != rapport.Self {
			cells[AllOthers].add(i, score)
		}
	}
	return cells
}

// suppressCells picks the anonymous blocks whose figures for one item are
// not shown: those with fewer than t answers (but some), and, when they
// alone would leave all_others revealing fewer than t raters' answers, the
// smallest shown block as well, so that all_others stays visible
// (complementary suppression).
func suppressCells(groups []Group, cells map[string]*cell, t int) map[string]bool {
	suppressed := map[string]bool{}
	residual := 0
	for _, g := range groups {
		if !g.Anonymous || g.Key == AllOthers {
			continue
		}
		if n := cells[g.Key].n(); n > 0 && n < t {
			suppressed[g.Key] = true
			residual += n
		}
	}
	if residual == 0 || residual >= t {
		return suppressed
	}
	partner := ""
	for _, g := range groups {
		if !g.Anonymous || g.Key == AllOthers || suppressed[g.Key] {
			continue
		}
		if n := cells[g.Key].n(); n >= t && (partner == "" || n < cells[partner].n()) {
			partner = g.Key
		}
	}
	if partner != "" {
		suppressed[partner] = true
	}
	return suppressed
}

// extremes are the highest and lowest items by all_others mean: up to five
// each, never the same item in both. Both come from one ranking, highest
// first and ties in report order, so that equal means cannot put an item in
// both lists; the bottom ones are then listed lowest first (ties still in
// report order).
func extremes(items []ItemScores) (top, bottom []ItemRef) {
	var byMean []ItemRef
	for _, it := range items {
		if s, ok := it.Scores[AllOthers]; ok {
			byMean = append(byMean, ItemRef{ID: it.ID, CompetencyKey: it.CompetencyKey, Text: it.Text, Mean: s.Mean})
		}
	}
	k := min(5, len(byMean)/2)
	slices.SortStableFunc(byMean, func(a, b ItemRef) int { return cmpFloat(b.Mean, a.Mean) })
	top = append([]ItemRef{}, byMean[:k]...)
	bottom = append([]ItemRef{}, byMean[len(byMean)-k:]...)
	slices.SortStableFunc(bottom, func(a, b ItemRef) int { return cmpFloat(a.Mean, b.Mean) })
	return top, bottom
}

// gaps are the items where self and all_others differ by GapThreshold or
// more, largest difference first.
func gaps(items []ItemScores) (blind, hidden []Gap) {
	blind, hidden = []Gap{}, []Gap{}
	for _, it := range items {
		self, ok1 := it.Scores[string(rapport.Self)]
		others, ok2 := it.Scores[AllOthers]
		if !ok1 || !ok2 {
			continue
		}
		g := Gap{ID: it.ID, CompetencyKey: it.CompetencyKey, Text: it.Text, Self: self.Mean, Others: others.Mean, Gap: round2(self.Mean - others.Mean)}
		switch {
		case g.Gap >= GapThreshold-1e-9:
			blind = append(blind, g)
		case g.Gap <= -GapThreshold+1e-9:
			hidden = append(hidden, g)
		}
	}
	slices.SortStableFunc(blind, func(a, b Gap) int { return cmpFloat(b.Gap, a.Gap) })
	slices.SortStableFunc(hidden, func(a, b Gap) int { return cmpFloat(a.Gap, b.Gap) })
	return blind, hidden
}

// progress sets the change per competency since the previous round, for
// every group both rounds report with the same members (all others and self
// always; a merged group only if it merged the same relationships, as its
// figures would otherwise compare different people), where both rounds show
// the figure. Both figures were shown, so their difference reveals nothing new.
func progress(s *Summary, prev *Summary, ref *RoundRef) {
	if prev == nil {
		return
	}
	s.Progress = ref
	var keys []string
	for _, g := range s.Groups {
		if p, ok := prev.Group(g.Key); ok && (g.Key == AllOthers || slices.Equal(p.Members, g.Members)) {
			keys = append(keys, g.Key)
		}
	}
	for i := range s.Competencies {
		c := &s.Competencies[i]
		for _, p := range prev.Competencies {
			if p.Key != c.Key {
				continue
			}
			for _, key := range keys {
				now, ok1 := c.Scores[key]
				then, ok2 := p.Scores[key]
				if ok1 && ok2 {
					if c.Change == nil {
						c.Change, c.Previous = map[string]float64{}, map[string]float64{}
					}
					c.Change[key] = round2(now.Mean - then.Mean)
					c.Previous[key] = then.Mean
				}
			}
		}
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
