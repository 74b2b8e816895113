package report

import (
	"fmt"
	"strings"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/scoring"
)

// cover is the first page: who, what, when, by whom, and that it is confidential.
func (d *doc) cover() {
	p := d.pdf
	p.AddPage()
	d.fillColor(navy)
	p.Rect(0, 0, pageW, 118, "F")
	d.fillColor(colorOf("self"))
	p.Rect(marginX, 40, 16, 1.6, "F")

	p.SetXY(marginX, 48)
	d.font("", 12)
	p.SetTextColor(210, 222, 235)
	d.cell(contentW, 6, "360° feedback report", "", 2, "L")
	p.Ln(3)
	d.font("B", 28)
	p.SetTextColor(255, 255, 255)
	d.multi(contentW, 12, d.m.LeaderName)
	role := strings.Trim(strings.Join([]string{d.m.LeaderTitle, d.m.Organization}, " · "), " ·")
	if role != "" {
		d.font("", 13)
		p.SetTextColor(210, 222, 235)
		d.multi(contentW, 7, role)
	}

	p.SetXY(marginX, 134)
	rows := [][2]string{
		{"Round", d.m.RoundTitle},
		{"Questionnaire", d.m.FrameworkName},
		{"Feedback collected", d.period()},
		{"Coach", d.m.CoachName},
		{"Responses", fmt.Sprintf("%d people gave feedback, %s", d.others(), d.andSelfRating())},
	}
	for _, r := range rows {
		d.font("", 9)
		d.textColor(grey)
		p.SetX(marginX)
		d.cell(42, 7, strings.ToUpper(r[0]), "", 0, "L")
		d.font("", 11.5)
		d.textColor(ink)
		d.multi(contentW-42, 7, r[1])
		p.Ln(2)
	}

	y := 236.0
	d.fillColor(paper)
	p.Rect(marginX, y, contentW, 34, "F")
	d.fillColor(accent)
	p.Rect(marginX, y, 1.4, 34, "F")
	p.SetXY(marginX+7, y+5)
	d.font("B", 11)
	d.textColor(accent)
	d.cell(contentW-14, 6, "CONFIDENTIAL", "", 2, "L")
	p.SetX(marginX + 7)
	d.font("", 9)
	d.textColor(soft)
	d.multi(contentW-14, 4.5, fmt.Sprintf("For %s and %s coach only. Peers, direct reports and other stakeholders answered anonymously: "+
		"their answers appear only in groups of at least %d people, and nothing in this report tells who said what. "+
		"Please do not try to guess, and do not share it further without talking it through first.", d.first, d.leader.Possessive(), d.s.AnonymityThreshold))
}

func (d *doc) period() string {
	if d.m.LaunchedAt != nil {
		return fmtDate(*d.m.LaunchedAt) + " – " + fmtDate(d.m.ClosedAt)
	}
	return "closed " + fmtDate(d.m.ClosedAt)
}

// others counts the submitted raters besides self.
func (d *doc) others() int {
	n := 0
	for r, c := range d.s.Responses {
		if r != rapport.Self {
			n += c
		}
	}
	return n
}

// howToRead explains the scale, the groups, the rules of confidentiality
// and the figures.
func (d *doc) howToRead() {
	d.page("How to read this report", fmt.Sprintf("This report compares how %s sees %s own leadership with how the people around %s see it. "+
		"It is a starting point for a conversation with your coach, not a verdict.", d.first, d.leader.Possessive(), d.leader.Object()))

	d.heading("The rating scale", 30)
	var labels []string
	for i, l := range d.m.Scale.Labels {
		labels = append(labels, fmt.Sprintf("%d %s", d.m.Scale.Min+i, l))
	}
	d.para("Every statement describes one observable behaviour, rated " + strings.Join(labels, " · ") +
		". Raters could also say they were not able to observe it (N/A); those answers are counted apart and never enter a mean.")

	d.heading("The groups", 30)
	groups := fmt.Sprintf("Self is %s's own rating, shown as such. ", d.first)
	if _, ok := d.s.Group(string(rapport.Superior)); ok {
		groups = fmt.Sprintf("Self is %s's own rating; Manager is %s superior. Both are shown as themselves, as these raters were told. ", d.first, d.leader.Possessive())
	}
	d.para(groups + fmt.Sprintf("All others is everyone but %s. Each group has one colour throughout the report:", d.first))
	d.legend(d.s.Groups)

	d.heading("How anonymity is protected", 50)
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
	d.bullets(rules)

	d.heading("The figures", 40)
	d.bullets([]string{
		"Mean: the average of the ratings, to two decimals. n: how many ratings are behind it.",
		"Spread: how the ratings fall across the scale. A standard deviation (sd) of 1.0 or more means the raters disagree, which is itself worth talking about.",
		fmt.Sprintf("Blind spots are statements %s rated at least %.1f point higher than All others; hidden strengths at least %.1f lower.", d.first, scoring.GapThreshold, scoring.GapThreshold),
	})
}

// bullets writes a bulleted list.
func (d *doc) bullets(items []string) {
	p := d.pdf
	for _, it := range items {
		d.font("", bodySize)
		d.ensure(d.height(it, contentW-6, lineH))
		y := p.GetY()
		d.fillColor(grey)
		p.Circle(marginX+1.5, y+2.3, 0.7, "F")
		p.SetXY(marginX+5, y)
		d.textColor(ink)
		d.multi(contentW-5, lineH, it)
		p.Ln(1.2)
	}
	p.Ln(gapAfterPara)
}

// responses shows who answered, per relationship.
func (d *doc) responses() {
	d.heading("Who answered", 60)
	p := d.pdf
	cols := []float64{70, 30, 30, 44}
	d.font("B", 8.5)
	d.textColor(soft)
	for i, h := range []string{"Group", "Invited", "Answered", "Response rate"} {
		align := "R"
		if i == 0 {
			align = "L"
		}
		d.cell(cols[i], 6, h, "B", 0, align)
	}
	p.Ln(-1)
	d.drawColor(rule)
	for _, r := range rapport.Relationships {
		invited, answered := d.m.Invited[r], d.s.Responses[r]
		if invited == 0 && answered == 0 {
			continue
		}
		y := p.GetY()
		// The key of the charts: the colour of the group r is shown in
		// (neutral when merged), none when its raters are withheld.
		if key, ok := d.reportedIn(r); ok {
			d.fillColor(colorOf(key))
			p.Rect(marginX, y+2.1, 2.6, 2.6, "F")
		}
		d.font("", 9.5)
		d.textColor(ink)
		p.SetX(marginX + 4.5)
		d.cell(cols[0]-4.5, 7, r.Label(), "B", 0, "L")
		d.cell(cols[1], 7, fmt.Sprint(invited), "B", 0, "R")
		d.cell(cols[2], 7, fmt.Sprint(answered), "B", 0, "R")
		rate := "–"
		if invited > 0 {
			rate = fmt.Sprintf("%d%%", answered*100/invited)
		}
		d.cell(cols[3], 7, rate, "B", 1, "R")
	}
	p.Ln(3)
	notes := d.groupingNotes()
	if len(notes) > 0 {
		d.font("I", 8.5)
		d.textColor(soft)
		d.multi(contentW, 4.2, strings.Join(notes, " "))
	}
}
