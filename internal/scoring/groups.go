package scoring

import "github.com/rapporthq/rapport/internal/rapport"

// anonymousRelationships in report order.
var anonymousRelationships = func() []rapport.Relationship {
	var anon []rapport.Relationship
	for _, r := range rapport.Relationships {
		if r.Anonymous() {
			anon = append(anon, r)
		}
	}
	return anon
}()

// groupPlan is the grouping of a round's raters: which group each
// relationship is reported in, and which relationships are withheld.
type groupPlan struct {
	groups   []Group                         // self, superior, anonymous blocks, all_others; in that order
	groupOf  map[rapport.Relationship]string // the reported group a relationship's raters are in ("" if withheld)
	withheld []rapport.Relationship
}

// planGroups applies the grouping half of the confidentiality rule:
//
//   - self and superior are reported as themselves (their raters were told so);
//   - an anonymous relationship with at least threshold raters is a block of its own;
//   - the smaller ones are merged into one combined block; if that block is
//     still below the threshold it joins the smallest block of its own;
//   - if all anonymous raters together are fewer than the threshold they
//     are withheld from every figure, and all_others is not shown (it would
//     give their answers away as all_others minus superior).
//
// So every anonymous rater who counts is in exactly one block of at least
// threshold raters, and all_others is superior plus those blocks.
func planGroups(counts map[rapport.Relationship]int, threshold int) groupPlan {
	p := groupPlan{groupOf: map[rapport.Relationship]string{}}
	for _, r := range []rapport.Relationship{rapport.Self, rapport.Superior} {
		if counts[r] > 0 {
			p.groups = append(p.groups, Group{Key: string(r), Label: r.Label(), Members: []rapport.Relationship{r}, N: counts[r]})
			p.groupOf[r] = string(r)
		}
	}

	var own, small []rapport.Relationship
	smallN, anonN := 0, 0
	for _, r := range anonymousRelationships {
		n := counts[r]
		anonN += n
		switch {
		case n >= threshold:
			own = append(own, r)
		case n > 0:
			small = append(small, r)
			smallN += n
		}
	}
	if anonN > 0 && anonN < threshold {
		p.withheld = small
	} else {
		var merged []rapport.Relationship
		if smallN > 0 {
			merged = small
			if smallN < threshold {
				// Join the smallest block of its own (the first one on a tie).
				smallest := 0
				for i, r := range own {
					if counts[r] < counts[own[smallest]] {
						smallest = i
					}
				}
				merged = append(merged, own[smallest])
				own = append(own[:smallest:smallest], own[smallest+1:]...)
			}
		}
		for _, r := range own {
			p.groups = append(p.groups, Group{Key: string(r), Label: r.Label(), Members: []rapport.Relationship{r}, N: counts[r], Anonymous: true})
			p.groupOf[r] = string(r)
		}
		if len(merged) > 0 {
			merged = inReportOrder(merged)
			g := Group{Key: Combined, Label: rapport.GroupLabel(merged), Members: merged, Anonymous: true}
			for _, r := range merged {
				g.N += counts[r]
				p.groupOf[r] = Combined
			}
			p.groups = append(p.groups, g)
		}
	}

	if len(p.withheld) == 0 && counts[rapport.Superior]+anonN > 0 {
		g := Group{Key: AllOthers, Label: "All others", Anonymous: anonN > 0}
		for _, r := range rapport.Relationships[1:] {
			if counts[r] > 0 {
				g.Members = append(g.Members, r)
				g.N += counts[r]
			}
		}
		p.groups = append(p.groups, g)
	}
	return p
}

// ReportedGroups is the reported group (a Group key) each relationship's
// raters are counted in, for a round with these submitted raters per
// relationship; withheld relationships are absent. The store labels
// detached anonymous responses with it, so that the database never narrows
// a response to fewer raters than the report does.
func ReportedGroups(counts map[rapport.Relationship]int, threshold int) map[rapport.Relationship]string {
	return planGroups(counts, max(threshold, rapport.MinAnonymityThreshold)).groupOf
}

// groupFor is the reported group of a response ("" if withheld): a detached
// response carries it, one kept with its rater has it by relationship. A
// detached label the plan does not report as an anonymous block counts
// nowhere, like a withheld rater.
func (p groupPlan) groupFor(r Response) string {
	if r.Group == "" {
		return p.groupOf[r.Relationship]
	}
	if p.isBlock(r.Group) {
		return r.Group
	}
	return ""
}

// isBlock reports whether key is one of the plan's anonymous blocks.
func (p groupPlan) isBlock(key string) bool {
	for _, g := range p.groups {
		if g.Key == key && g.Anonymous && g.Key != AllOthers {
			return true
		}
	}
	return false
}

func inReportOrder(rs []rapport.Relationship) []rapport.Relationship {
	var out []rapport.Relationship
	for _, r := range rapport.Relationships {
		for _, x := range rs {
			if x == r {
				out = append(out, r)
			}
		}
	}
	return out
}
