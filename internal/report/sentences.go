package report

import (
	"fmt"
	"strings"

	"github.com/rapporthq/rapport/internal/scoring"
)

// The report's sentences about the leader and its figures, each in one
// place: the PDF draws them and WordsFor gives them to the web page, so
// that the two say the same thing and follow the leader's pronoun alike.

// responsesLine is the cover's count of who answered.
func (d *doc) responsesLine() string {
	return fmt.Sprintf("%d people gave feedback, %s", d.others(), d.andSelfRating())
}

// confidential is the cover's promise of confidentiality.
func (d *doc) confidential() string {
	return fmt.Sprintf("For %s and %s coach only. Peers, direct reports and other stakeholders answered anonymously: "+
		"their answers appear only in groups of at least %d people, and nothing in this report tells who said what. "+
		"Please do not try to guess, and do not share it further without talking it through first.", d.first, d.leader.Possessive(), d.s.AnonymityThreshold)
}

// summaryLead opens the summary page.
func (d *doc) summaryLead() string {
	return fmt.Sprintf("This round on one page: who answered, the statements All others rated highest and lowest, "+
		"where %s's own view differs most from theirs, and each competency at a glance. The pages that follow give the detail.", d.first)
}

// summaryChartCaption explains the summary's chart.
func (d *doc) summaryChartCaption() string {
	return fmt.Sprintf("Each dot is a group's mean for the competency, the diamond %s's own; the line runs from the lowest view to the highest.", d.first)
}

// noBlindSpot and noHiddenStrength stand for the summary's largest gap when there is none.
func (d *doc) noBlindSpot() string {
	return fmt.Sprintf("None: no statement %s rated %.1f point or more above All others.", d.first, scoring.GapThreshold)
}

func (d *doc) noHiddenStrength() string {
	return fmt.Sprintf("None: no statement All others rated %.1f point or more above %s.", scoring.GapThreshold, d.first)
}

// notRanked is said where there are too few figures of All others to rank.
const notRanked = "Too few statements have a figure for All others that can be shown safely to rank them."

// howToReadLead opens "How to read this report".
func (d *doc) howToReadLead() string {
	return fmt.Sprintf("This report compares how %s sees %s own leadership with how the people around %s see it. "+
		"It is a starting point for a conversation with your coach, not a verdict.", d.first, d.leader.Possessive(), d.leader.Object())
}

// groupsIntro introduces the groups and their colours.
func (d *doc) groupsIntro() string {
	groups := fmt.Sprintf("Self is %s's own rating, shown as such. ", d.first)
	if _, ok := d.s.Group("superior"); ok {
		groups = fmt.Sprintf("Self is %s's own rating; Manager is %s superior. Both are shown as themselves, as these raters were told. ", d.first, d.leader.Possessive())
	}
	return groups + fmt.Sprintf("All others is everyone but %s. Each group has one colour throughout the report:", d.first)
}

// anonymityRules say how anonymity is protected in this round.
func (d *doc) anonymityRules() []string {
	t := d.s.AnonymityThreshold
	rules := []string{
		fmt.Sprintf("Peers, direct reports and other stakeholders are shown as a group of their own only when at least %d of them answered.", t),
		"Smaller groups are combined with others, and the combined group says which groups it holds. Nobody is left out of All others when that can be shown safely.",
		fmt.Sprintf("A figure that could be subtracted from others to reveal what fewer than %d people answered is not shown: you will see “not shown” or a dash (–). "+
			"This can happen when several raters chose N/A for a statement.", t),
		"Comments are printed as written, in an order unrelated to when people answered, and labelled only with a group that is shown on its own.",
		"Figures exist only after the round closed; no one can be added afterwards to compare two versions.",
	}
	if len(d.s.Withheld) > 0 {
		var names []string
		for _, r := range d.s.Withheld {
			names = append(names, r.LowerLabel())
		}
		rules = append(rules, fmt.Sprintf("Too few anonymous raters answered to show them safely even combined (%s): their answers are not in any figure or comment.",
			strings.Join(names, ", ")))
	}
	return rules
}

// figureNotes explain the figures.
func (d *doc) figureNotes() []string {
	return []string{
		"Mean: the average of the ratings, to two decimals. n: how many ratings are behind it.",
		"Spread: how the ratings fall across the scale. A standard deviation (sd) of 1.0 or more means the raters disagree, which is itself worth talking about.",
		fmt.Sprintf("Blind spots are statements %s rated at least %.1f point higher than All others; hidden strengths at least %.1f lower.", d.first, scoring.GapThreshold, scoring.GapThreshold),
	}
}

// overviewLead opens the overview of competencies.
func (d *doc) overviewLead() string {
	return d.selfAndGroups() + ", per competency: the mean of all the group's ratings of the competency's statements."
}

// competenciesLead opens the competencies, statement by statement.
const competenciesLead = "For each competency: its mean per group (the mean of all the group’s ratings of its statements), then each statement’s mean per group, " +
	"in columns named for the groups, and how All others' ratings spread over the scale. " +
	"A dash (–) marks a figure that is not shown; the line below it says why."

// overviewNotes say, under the overview and the summary's chart, why a
// competency's figure is missing.
func (d *doc) overviewNotes() []string {
	return d.competencyAbsences(d.s.Competencies, "the statement tables say why")
}

// progressLead opens the progress page.
func (d *doc) progressLead() string {
	pr := d.s.Progress
	return fmt.Sprintf("How the competency means moved since “%s” (closed %s), for each group reported in both rounds. "+
		"Different people may have answered each time, so read changes under half a point with care.", pr.Title, fmtDate(pr.ClosedAt))
}

// progressSelfNote says how the progress page colours a change, and what a
// lower self-rating may mean.
func (d *doc) progressSelfNote() string {
	return fmt.Sprintf("Others' changes are green up and red down. %s's own change stays grey: "+
		"a lower self-rating after feedback is often a sign of insight, not of decline.", d.first)
}

// extremesLead opens "Highest and lowest rated".
func (d *doc) extremesLead() string {
	return "The statements All others rated highest and lowest, with the same statement as rated by " + d.first + "."
}

// windowLead opens the blind spots and hidden strengths.
func (d *doc) windowLead() string {
	return fmt.Sprintf("Where %s and the view of All others meet, and where they differ by %.1f point or more. "+
		"A blind spot is not a fault and a hidden strength not a compliment: both are invitations to ask what others see.", d.selfView(), scoring.GapThreshold)
}

// windowCaption explains the window's rows.
func (d *doc) windowCaption() string {
	return "Top row: statements All others rate in the upper half of " + d.first + "'s statements; bottom row: the lower half. " +
		fmt.Sprintf("Blind spots and hidden strengths are the statements where the two views differ by %.1f point or more.", scoring.GapThreshold)
}

// notInRound says why the rankings and the window are left out, when All
// others is not shown.
func (d *doc) notInRound() string {
	return d.withheldReason() + " These pages rank the statements by All others and compare " + d.first + "'s view with theirs, so they are left out."
}
