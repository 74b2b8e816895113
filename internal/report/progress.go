package report

import (
	"fmt"
	"math"

	"codeberg.org/go-pdf/fpdf"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/scoring"
)

// progressGroups are the groups the progress page compares: every group
// with a change on some competency, that is every group both rounds report
// (scoring compares a merged group only if it holds the same relationships).
func (d *doc) progressGroups() []scoring.Group {
	var out []scoring.Group
	for _, g := range d.s.Groups {
		for _, c := range d.s.Competencies {
			if _, ok := c.Change[g.Key]; ok {
				out = append(out, g)
				break
			}
		}
	}
	return out
}

// progress compares with the leader's previous closed round on the same
// questionnaire, when there is one: a chart of then and now per
// competency for each group reported in both rounds, then what moved most.
func (d *doc) progress() {
	pr := d.s.Progress
	if pr == nil {
		return
	}
	groups := d.progressGroups()
	d.page("Progress since the last round", d.progressLead())
	if len(groups) == 0 {
		d.notice("Nothing to compare", "No group's figures are shown in both rounds.")
		return
	}
	d.progressLegend(groups)
	d.font("I", 8)
	d.textColor(soft)
	d.multi(contentW, 4, d.progressSelfNote())
	d.pdf.Ln(3)

	p := d.pdf
	nameW, rowLabelW, figW := 36.0, 32.0, 36.0
	chartX := marginX + nameW + rowLabelW + 2
	chartW := contentW - nameW - rowLabelW - 2 - figW - 4
	figX := chartX + chartW + 4

	// One row per group, growing to fill the page when there are few groups
	// and competencies, so that the chart reads as a chart (the notes below
	// take about 60 mm). A merged group's label names all its members, so
	// it may take two lines, and its row the room for them.
	const labelSize, labelLineH = 7.0, 2.9
	n, g := float64(len(d.s.Competencies)), float64(len(groups))
	base := min(max(((pageH-marginBottom-p.GetY()-12-60)/n-4)/g, 4.6), 10)
	rowHs, labelLines := make([]float64, len(groups)), make([]int, len(groups))
	rowsH := 0.0
	d.font("", labelSize)
	for i, gr := range groups {
		labelLines[i] = d.lineCount(gr.Label, rowLabelW)
		rowHs[i] = max(base, float64(labelLines[i])*labelLineH+1.2)
		rowsH += rowHs[i]
	}

	d.scaleLabels(chartX, chartW, p.GetY(), true)
	y := p.GetY() + 6
	for _, c := range d.s.Competencies {
		d.font("B", 9)
		blockH := max(rowsH, d.height(c.Name, nameW, 4.1)) + 4
		if y+blockH > pageH-marginBottom {
			p.AddPage()
			d.scaleLabels(chartX, chartW, p.GetY(), true)
			y = p.GetY() + 6
		}
		d.gridLines(chartX, chartW, y, blockH-2)
		d.font("B", 9)
		d.textColor(ink)
		p.SetXY(marginX, y+1)
		d.multi(nameW, 4.1, c.Name)
		ry := y + 1
		for i, gr := range groups {
			mid := ry + rowHs[i]/2
			d.font("", labelSize)
			d.textColor(soft)
			p.SetXY(marginX+nameW, mid-float64(labelLines[i])*labelLineH/2)
			d.multi(rowLabelW, labelLineH, gr.Label)
			d.changeRow(c, gr.Key, chartX, chartW, figX, mid)
			ry += rowHs[i]
		}
		d.drawColor(rule)
		p.SetLineWidth(0.15)
		p.Line(marginX, y+blockH-1, pageW-marginX, y+blockH-1)
		y += blockH
	}
	p.SetXY(marginX, y+4)
	d.progressNotes()
}

// progressLegend explains the colours and the two markers.
func (d *doc) progressLegend(groups []scoring.Group) {
	p := d.pdf
	x, y := marginX, p.GetY()
	d.font("", 8)
	for _, g := range groups {
		label := g.Label
		w := d.textWidth(label) + 9
		if x > marginX && x+w > pageW-marginX-60 { // leave room for the markers' key
			x, y = marginX, y+5
		}
		d.fillColor(colorOf(g.Key))
		p.Rect(x, y+0.8, 3.2, 3.2, "F")
		d.textColor(soft)
		p.SetXY(x+4.4, y)
		d.cell(w-4.4, 4.8, label, "", 0, "L")
		x += w
	}
	x += 4
	d.drawColor(grey)
	d.fillColor(rgb{255, 255, 255})
	p.SetLineWidth(0.35)
	p.Circle(x+1.6, y+2.4, 1.3, "FD")
	d.textColor(soft)
	p.SetXY(x+4.4, y)
	d.cell(30, 4.8, "last round", "", 0, "L")
	x += 24
	d.fillColor(grey)
	p.Circle(x+1.6, y+2.4, 1.5, "F")
	p.SetXY(x+4.4, y)
	d.cell(30, 4.8, "this round", "", 0, "L")
	p.SetXY(marginX, y+8)
}

// scaleLabels writes the scale's tick labels above a chart, and over the
// progress chart's figures what they are.
func (d *doc) scaleLabels(x, w, y float64, figures bool) {
	p := d.pdf
	d.font("", 7)
	d.textColor(grey)
	for i := 0; i < d.m.Scale.Points(); i++ {
		v := d.m.Scale.Min + i
		p.SetXY(d.axis(x, w, float64(v))-5, y)
		d.cell(10, 3.5, fmt.Sprint(v), "", 0, "C")
	}
	if figures {
		p.SetXY(x+w+4, y)
		d.cell(36, 3.5, "then → now   change", "", 0, "R")
	}
}

// gridLines draws the scale's vertical lines over one block of a chart.
func (d *doc) gridLines(x, w, y, h float64) {
	d.drawColor(rule)
	d.pdf.SetLineWidth(0.15)
	for i := 0; i < d.m.Scale.Points(); i++ {
		tx := d.axis(x, w, float64(d.m.Scale.Min+i))
		d.pdf.Line(tx, y, tx, y+h)
	}
}

// changeRow draws one group's move on one competency: a hollow marker for
// the last round, a filled one for now, an arrow between them, and the
// figures.
func (d *doc) changeRow(c scoring.CompetencyScores, key string, chartX, chartW, figX, y float64) {
	p := d.pdf
	col := colorOf(key)
	now, okNow := c.Scores[key]
	change, okChange := c.Change[key]
	then := c.Previous[key]
	if !okNow || !okChange {
		d.font("I", 7.5)
		d.textColor(grey)
		p.SetXY(chartX+1, y-2)
		why := "not shown in both rounds"
		if !okNow {
			why = "not shown in this round"
		}
		d.cell(chartW, 4, why, "", 0, "L")
		return
	}
	x0, x1 := d.axis(chartX, chartW, then), d.axis(chartX, chartW, now.Mean)
	d.drawColor(col)
	d.fillColor(col)
	p.SetLineWidth(0.7)
	if math.Abs(x1-x0) > 3.2 {
		dir := 1.0
		if x1 < x0 {
			dir = -1
		}
		tip := x1 - dir*1.7
		p.Line(x0+dir*1.4, y, tip-dir*1.2, y)
		p.Polygon([]fpdf.PointType{{X: tip, Y: y}, {X: tip - dir*1.8, Y: y - 1.2}, {X: tip - dir*1.8, Y: y + 1.2}}, "F")
	}
	d.fillColor(rgb{255, 255, 255})
	p.SetLineWidth(0.4)
	p.Circle(x0, y, 1.3, "FD")
	d.fillColor(col)
	p.Circle(x1, y, 1.6, "F")

	d.font("", 8)
	d.textColor(soft)
	p.SetXY(figX, y-2)
	d.cell(22, 4, fmtScore(then)+" → "+fmtScore(now.Mean), "", 0, "R")
	d.font("B", 9)
	if key == string(rapport.Self) {
		d.textColor(soft) // neither better nor worse: see the page's lead
	} else {
		d.changeColor(change)
	}
	d.cell(14, 4, fmtChange(change), "", 0, "R")
}

// changeColor colours others' change: green up, red down, grey when small.
func (d *doc) changeColor(ch float64) {
	switch {
	case ch >= notable:
		d.textColor(rgb{40, 130, 85})
	case ch <= -notable:
		d.textColor(accent)
	default:
		d.textColor(soft)
	}
}

// notable is the smallest move the notes mention.
const notable = 0.25

// progressNotes names what moved most.
func (d *doc) progressNotes() {
	d.heading("What moved most", 30)
	d.bullets(d.moves())
}

// moves says what moved most: All others' largest rise and fall, and where
// the leader's view and others' came closer or moved apart.
func (d *doc) moves() []string {
	type move struct {
		name       string
		then, now  float64
		difference float64
	}
	var rise, fall, closer, apart *move
	for _, c := range d.s.Competencies {
		ch, ok := c.Change[scoring.AllOthers]
		if ok {
			m := &move{c.Name, c.Previous[scoring.AllOthers], c.Scores[scoring.AllOthers].Mean, ch}
			if ch >= notable && (rise == nil || ch > rise.difference) {
				rise = m
			}
			if ch <= -notable && (fall == nil || ch < fall.difference) {
				fall = m
			}
		}
		_, ok2 := c.Change[string(rapport.Self)]
		if !ok || !ok2 {
			continue
		}
		gapThen := math.Abs(c.Previous[string(rapport.Self)] - c.Previous[scoring.AllOthers])
		gapNow := math.Abs(c.Scores[string(rapport.Self)].Mean - c.Scores[scoring.AllOthers].Mean)
		m := &move{c.Name, gapThen, gapNow, gapNow - gapThen}
		if m.difference <= -notable && (closer == nil || m.difference < closer.difference) {
			closer = m
		}
		if m.difference >= notable && (apart == nil || m.difference > apart.difference) {
			apart = m
		}
	}
	var notes []string
	if rise != nil {
		notes = append(notes, fmt.Sprintf("All others rate %s higher than last time: %s → %s (%s).", rise.name, fmtScore(rise.then), fmtScore(rise.now), fmtChange(rise.difference)))
	}
	if fall != nil {
		notes = append(notes, fmt.Sprintf("All others rate %s lower than last time: %s → %s (%s).", fall.name, fmtScore(fall.then), fmtScore(fall.now), fmtChange(fall.difference)))
	}
	if closer != nil {
		notes = append(notes, fmt.Sprintf("%s's view and the view of All others came closest together on %s: the gap went from %s to %s points.",
			d.first, closer.name, fmtScore(closer.then), fmtScore(closer.now)))
	}
	if apart != nil {
		notes = append(notes, fmt.Sprintf("They moved furthest apart on %s: the gap went from %s to %s points.", apart.name, fmtScore(apart.then), fmtScore(apart.now)))
	}
	if len(notes) == 0 {
		notes = append(notes, fmt.Sprintf("No competency moved by %.2f point or more in the figures shown in both rounds.", notable))
	}
	notes = append(notes, "To talk about: what did you do differently since the last round, and what did the people around you notice? "+
		"Where nothing moved, was that what you intended?")
	return notes
}
