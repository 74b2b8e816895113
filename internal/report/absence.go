package report

import (
	"fmt"
	"strings"

	"github.com/rapporthq/rapport/internal/scoring"
)

// Wherever a figure is missing (a dash in a table, "not shown" in a chart),
// a line on the same page says which group and why, in the reader's words.
// The reasons come from scoring.Summary's ItemAbsence and CompetencyAbsence,
// which work them out from figures the report shows anyway (each group's n
// and N/A count), and they name no count below the threshold: "fewer than
// 3", never "2". So an explanation reveals nothing the figures do not.

const notObserve = "“not able to observe”"

// itemAbsenceLine says why group has no figure for a statement.
func (d *doc) itemAbsenceLine(group string, why scoring.Absence) string {
	label, t := d.groupLabel(group), d.s.AnonymityThreshold
	switch why {
	case scoring.NoRatings:
		return fmt.Sprintf("%s: no rating for this statement; %s.", label, d.allChose(group))
	case scoring.FewRatings:
		return fmt.Sprintf("%s: fewer than %d of them rated this statement (the others chose %s), so their view is not shown, to protect anonymity.",
			label, t, notObserve)
	case scoring.Complementary:
		return fmt.Sprintf("%s: enough of them rated this statement, but their view is held back too: beside All others it would let a smaller group's hidden view be worked out.",
			label)
	case scoring.Residual:
		return fmt.Sprintf("All others: not shown for this statement, because beside the figures that are shown it would reveal the ratings of fewer than %d people.", t)
	}
	return ""
}

// competencyAbsenceLine says why group has no figure for a competency.
func (d *doc) competencyAbsenceLine(group string, why scoring.Absence, names []string, where string) string {
	label, list := d.groupLabel(group), joinNames(names)
	switch why {
	case scoring.NoRatings:
		return fmt.Sprintf("%s: no rating for %s; %s on every statement.", label, list, d.allChose(group))
	case scoring.PartWithheld:
		return fmt.Sprintf("%s: no score for %s, because their view of at least one of its statements is not shown, to protect anonymity (%s).",
			label, list, where)
	case scoring.Residual:
		return fmt.Sprintf("All others: no score for %s, because beside the figures that are shown it would reveal the ratings of fewer than %d people.",
			list, d.s.AnonymityThreshold)
	}
	return ""
}

// allChose says that everyone in group chose N/A, naming the leader for self.
func (d *doc) allChose(group string) string {
	if group == "self" {
		return d.first + " chose " + notObserve
	}
	if g, ok := d.s.Group(group); ok && g.N == 1 {
		return "they chose " + notObserve
	}
	return "all of them chose " + notObserve
}

// itemAbsences lists, in group order, why a statement's figures are missing.
func (d *doc) itemAbsences(it scoring.ItemScores) []string {
	var lines []string
	for _, g := range d.s.Groups {
		if why := d.s.ItemAbsence(it, g.Key); why != "" {
			lines = append(lines, d.itemAbsenceLine(g.Key, why))
		}
	}
	return lines
}

// competencyAbsences lists, per group and reason, the competencies among cs
// whose figure is missing: one line for "Peers: no score for Listening and
// Trust ...", not one per competency. where points to the statements' reasons.
func (d *doc) competencyAbsences(cs []scoring.CompetencyScores, where string) []string {
	var lines []string
	for _, g := range d.s.Groups {
		byWhy := map[scoring.Absence][]string{}
		var order []scoring.Absence
		for _, c := range cs {
			why := d.s.CompetencyAbsence(c, g.Key)
			if why == "" {
				continue
			}
			if byWhy[why] == nil {
				order = append(order, why)
			}
			byWhy[why] = append(byWhy[why], c.Name)
		}
		for _, why := range order {
			lines = append(lines, d.competencyAbsenceLine(g.Key, why, byWhy[why], where))
		}
	}
	return lines
}

// absenceNotes writes lines of explanation in small italics, at x, w wide.
func (d *doc) absenceNotes(x, w float64, lines []string) {
	d.font("I", 7.5)
	d.textColor(soft)
	for _, l := range lines {
		d.pdf.SetX(x)
		d.multi(w, 3.6, l)
	}
	d.textColor(ink)
}

// absenceNotesHeight is the height absenceNotes takes.
func (d *doc) absenceNotesHeight(w float64, lines []string) float64 {
	d.font("I", 7.5)
	h := 0.0
	for _, l := range lines {
		h += d.height(l, w, 3.6)
	}
	return h
}

// joinNames lists names as a sentence does: "A", "A and B", "A, B and C".
func joinNames(names []string) string {
	if len(names) <= 2 {
		return strings.Join(names, " and ")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
