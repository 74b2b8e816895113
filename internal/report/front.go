package report

import (
	"fmt"
	"strings"

	"github.com/rapporthq/rapport/internal/rapport"
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
		{"Responses", d.responsesLine()},
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
	d.multi(contentW-14, 4.5, d.confidential())
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
	d.page("How to read this report", d.howToReadLead())

	d.heading("The rating scale", 30)
	var labels []string
	for i, l := range d.m.Scale.Labels {
		labels = append(labels, fmt.Sprintf("%d %s", d.m.Scale.Min+i, l))
	}
	d.para("Every statement describes one observable behaviour, rated " + strings.Join(labels, " · ") +
		". Raters could also say they were not able to observe it (N/A); those answers are counted apart and never enter a mean.")

	d.heading("The groups", 30)
	d.para(d.groupsIntro())
	d.legend(d.s.Groups)

	d.heading("How anonymity is protected", 50)
	d.bullets(d.anonymityRules())

	d.heading("The figures", 40)
	d.bullets(d.figureNotes())
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
