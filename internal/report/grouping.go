package report

import (
	"fmt"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/scoring"
)

// groupingNotes explains, under "Who answered", how the anonymous raters
// were grouped, in the cases scoring's grouping rule produces (see
// docs/confidentiality.md): every group shown on its own; the small groups
// merged together; the small groups merged with a group large enough on its
// own, so that they cannot be worked out by subtraction; or everyone
// withheld. Each sentence names only what is true of this round.
func (d *doc) groupingNotes() []string {
	t := d.s.AnonymityThreshold
	if len(d.s.Withheld) > 0 {
		return []string{fmt.Sprintf("Only %s answered, fewer than the %d needed to show anonymous raters even combined, "+
			"so their answers are not shown anywhere in this report.", d.counted(d.s.Withheld), t)}
	}
	var notes []string
	var own []rapport.Relationship
	for _, g := range d.s.Groups {
		switch {
		case g.Key == scoring.Combined:
			notes = append(notes, d.combinedNote(g))
		case g.Anonymous && len(g.Members) == 1 && g.Members[0].Anonymous():
			own = append(own, g.Members[0])
		}
	}
	if len(own) > 0 {
		each, groups, where := "", "a group", ""
		if len(own) > 1 {
			each, groups, where = " each", "groups", " in each"
		}
		notes = append([]string{fmt.Sprintf("The %s are%s shown as %s of their own: at least %d answered%s.", d.counted(own), each, groups, t, where)}, notes...)
	}
	return notes
}

// combinedNote explains one merged group: which of its relationships were
// too small, and, when one large enough on its own joined them, why.
func (d *doc) combinedNote(g scoring.Group) string {
	t := d.s.AnonymityThreshold
	var small, large []rapport.Relationship
	for _, r := range g.Members {
		if d.s.Responses[r] >= t {
			large = append(large, r)
		} else {
			small = append(small, r)
		}
	}
	fewer := fmt.Sprintf("fewer than %d", t)
	if len(small) > 1 {
		fewer += " in each group"
	}
	if len(large) == 0 {
		return fmt.Sprintf("Only %s answered, %s, so they are shown together as one group of %d (%s).",
			d.counted(small), fewer, g.N, g.Label)
	}
	if len(small) > 1 {
		fewer += " and too few to show even together"
	}
	whose := "group"
	if len(small) > 1 {
		whose = "groups"
	}
	return fmt.Sprintf("Only %s answered, %s. So the %s, large enough to be shown on their own, are combined with them into one group of %d (%s): "+
		"shown apart, they could be subtracted from All others to reveal what the smaller %s answered.",
		d.counted(small), fewer, d.counted(large), g.N, g.Label, whose)
}

// counted lists relationships with their number of answers:
// "1 direct report and 2 other stakeholders".
func (d *doc) counted(rs []rapport.Relationship) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.Counted(d.s.Responses[r])
	}
	return joinNames(parts)
}
