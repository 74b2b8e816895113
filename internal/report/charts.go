package report

import (
	"fmt"

	"github.com/rapporthq/rapport/internal/scoring"
)

// axis maps a score to an x position on a bar of width w starting at x.
func (d *doc) axis(x, w, score float64) float64 {
	lo, hi := float64(d.m.Scale.Min), float64(d.m.Scale.Max)
	return x + (score-lo)/(hi-lo)*w
}

// overview draws every competency, every group, as horizontal bars.
func (d *doc) overview() {
	d.page("Overview of competencies", d.overviewLead())
	d.legend(d.s.Groups)
	if why := d.withheldReason(); why != "" {
		d.notice("All others is not shown", why)
	}
	p := d.pdf
	labelW, barX := 52.0, marginX+54
	barW := contentW - 54 - 14
	groups := d.s.Groups
	barH, gap := 2.7, 0.7
	barsH := float64(len(groups)) * (barH + gap)
	d.scaleLabels(barX, barW, p.GetY(), false)
	y := p.GetY() + 5
	for _, c := range d.s.Competencies {
		d.font("B", 9)
		blockH := max(barsH, d.height(c.Name, labelW, 4.2)) + 5
		if y+blockH > pageH-marginBottom {
			p.AddPage()
			d.scaleLabels(barX, barW, p.GetY(), false)
			y = p.GetY() + 5
		}
		d.gridLines(barX, barW, y-1, blockH)
		d.textColor(ink)
		p.SetXY(marginX, y)
		d.multi(labelW, 4.2, c.Name)
		by := y + 0.4
		for _, g := range groups {
			sc, ok := c.Scores[g.Key]
			d.font("", 7)
			if ok {
				d.fillColor(colorOf(g.Key))
				p.Rect(barX, by, d.axis(barX, barW, sc.Mean)-barX, barH, "F")
				d.textColor(soft)
				p.SetXY(d.axis(barX, barW, sc.Mean)+1, by-0.4)
				d.cell(12, barH+0.8, fmtScore(sc.Mean), "", 0, "L")
			} else {
				d.font("I", 6.5)
				d.textColor(grey)
				p.SetXY(barX+1, by-0.4)
				d.cell(20, barH+0.8, "not shown", "", 0, "L")
			}
			by += barH + gap
		}
		y += blockH
	}
	p.SetXY(marginX, y+2)
	if notes := d.overviewNotes(); len(notes) > 0 {
		d.ensure(d.absenceNotesHeight(contentW, notes))
		d.absenceNotes(marginX, contentW, notes)
	}
}

// distribution draws All others' ratings of an item as one stacked bar,
// with n, sd and N/A below it.
func (d *doc) distribution(x, y, w float64, it scoring.ItemScores, colors []rgb) {
	p := d.pdf
	dist, ok := it.Distribution[scoring.AllOthers]
	sc := it.Scores[scoring.AllOthers]
	d.font("", 6.8)
	if !ok || sc.N == 0 {
		d.textColor(grey)
		p.SetXY(x, y)
		d.cell(w, 3.5, "not shown", "", 0, "L")
		return
	}
	bx := x
	for i, n := range dist[:min(len(dist), len(colors))] {
		if n == 0 {
			continue
		}
		bw := w * float64(n) / float64(sc.N)
		d.fillColor(colors[i])
		p.Rect(bx, y, bw, 3.6, "F")
		if bw > 3 {
			if i == 0 || i == len(dist)-1 {
				p.SetTextColor(255, 255, 255)
			} else {
				d.textColor(ink)
			}
			p.SetXY(bx, y)
			d.cell(bw, 3.6, fmt.Sprint(n), "", 0, "C")
		}
		bx += bw
	}
	note := fmt.Sprintf("n %d · sd %s", sc.N, fmtScore(sc.SD))
	if na := it.NA[scoring.AllOthers]; na > 0 {
		note += fmt.Sprintf(" · N/A %d", na)
	}
	if sc.SD >= 1.0 {
		note += " · mixed views"
		d.textColor(accent)
	} else {
		d.textColor(soft)
	}
	p.SetXY(x, y+4.3)
	d.cell(w, 3, note, "", 0, "L")
}

// pointLegend explains the colours of the scale points, on as many lines
// as the labels need (each label at most one line long).
func (d *doc) pointLegend(colors []rgb) {
	p := d.pdf
	d.font("", 7.5)
	first, right := marginX+18, pageW-marginX
	type entry struct {
		label   string
		x, y, w float64
	}
	var entries []entry
	x, y := first, 0.0
	labels := d.m.Scale.Labels[:min(len(d.m.Scale.Labels), len(colors))]
	for i, l := range labels {
		label := fmt.Sprintf("%d %s", d.m.Scale.Min+i, l)
		w := min(d.textWidth(label)+8, right-first)
		if x+w > right {
			x, y = first, y+5
		}
		entries = append(entries, entry{label, x, y, w})
		x += w
	}
	d.ensure(y + 8)
	top := p.GetY()
	d.textColor(soft)
	p.SetXY(marginX, top)
	d.cell(18, 4, "Spread:", "", 0, "L")
	for i, e := range entries {
		d.fillColor(colors[i])
		p.Rect(e.x, top+e.y+0.6, 3, 3, "F")
		p.SetXY(e.x+4, top+e.y)
		d.fitCell(e.w-4, 4, e.label, "", 0, "L")
	}
	p.SetXY(marginX, top+y+6)
}
