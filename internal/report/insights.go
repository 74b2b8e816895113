package report

import (
	"fmt"
	"slices"
	"sort"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/scoring"
)

// extremes lists the highest and lowest rated statements by All others.
func (d *doc) extremes() {
	d.page("Highest and lowest rated", d.extremesLead())
	if len(d.s.TopItems) == 0 {
		d.notice("No ranking in this round", notRanked)
		return
	}
	d.heading("Highest rated", 40)
	d.itemTable(d.s.TopItems)
	d.pdf.Ln(6)
	d.heading("Lowest rated", 40)
	d.itemTable(d.s.BottomItems)
}

func (d *doc) itemTable(items []scoring.ItemRef) {
	p := d.pdf
	textW, colW := contentW-70, 20.0
	d.font("B", 8)
	d.textColor(soft)
	d.cell(textW, 6, "Statement", "B", 0, "L")
	d.cell(colW*1.7, 6, "Competency", "B", 0, "L")
	d.cell(colW*0.9, 6, "All others", "B", 0, "R")
	d.cell(colW*0.9, 6, "Self", "B", 1, "R")
	d.drawColor(rule)
	for _, ref := range items {
		d.font("", 7.5)
		ch := d.height(d.competencyName(ref.CompetencyKey), colW*1.7-2, 3.6)
		d.font("", 9)
		h := max(d.height(ref.Text, textW-2, 4.2), ch) + 3.5
		d.ensure(h)
		y := p.GetY()
		d.textColor(ink)
		p.SetXY(marginX, y+1.5)
		d.multi(textW-2, 4.2, ref.Text)
		d.font("", 7.5)
		d.textColor(soft)
		p.SetXY(marginX+textW, y+1.5)
		d.multi(colW*1.7-2, 3.6, d.competencyName(ref.CompetencyKey))
		d.font("B", 9.5)
		d.textColor(navy)
		p.SetXY(marginX+textW+colW*1.7, y+1.5)
		d.cell(colW*0.9, 4.2, fmtScore(ref.Mean), "", 0, "R")
		d.font("", 9.5)
		d.textColor(selfText)
		d.cell(colW*0.9, 4.2, d.selfScore(ref.ID), "", 0, "R")
		p.Line(marginX, y+h, pageW-marginX, y+h)
		p.SetXY(marginX, y+h)
	}
}

func (d *doc) competencyName(key string) string {
	for _, c := range d.s.Competencies {
		if c.Key == key {
			return c.Name
		}
	}
	return key
}

func (d *doc) selfScore(id int64) string {
	for _, it := range d.s.Items {
		if it.ID == id {
			if sc, ok := it.Scores[string(rapport.Self)]; ok {
				return fmtScore(sc.Mean)
			}
		}
	}
	// Self is never withheld: without a figure, the leader chose N/A.
	return "N/A"
}

// window draws the self/others window: open strengths, hidden strengths,
// blind spots and development areas.
func (d *doc) window() {
	d.page("Blind spots and hidden strengths", d.windowLead())
	var blind, hidden []cellItem
	for _, g := range d.s.BlindSpots {
		blind = append(blind, cellItem{g.Text, gapFigures(g)})
	}
	for _, g := range d.s.HiddenStrengths {
		hidden = append(hidden, cellItem{g.Text, gapFigures(g)})
	}
	open, develop := d.agreed()
	p := d.pdf
	caption := d.windowCaption()
	d.font("I", 7.5)
	captionH := d.height(caption, contentW, 3.8)

	// A column of 6 mm on the left holds the vertical axis label, a line
	// above the quadrants the horizontal one; the caption ends 10 mm above
	// the footer line.
	axisW := 6.0
	top := p.GetY() + 7
	w := (contentW - axisW - 4) / 2
	// The quadrants fill the page when they need it, and otherwise take
	// the height of the fullest one, so that a small round is not a page
	// of empty boxes.
	h := (pageH - marginBottom - 10 - captionH - 5 - top - 4) / 2
	need := 0.0
	for _, items := range [][]cellItem{hidden, open, develop, blind} {
		need = max(need, d.quadrantHeight(w, items))
	}
	h = min(h, max(need, 60))
	x0, x1 := marginX+axisW, marginX+axisW+w+4
	y0, y1 := top, top+h+4

	d.font("B", 7.5)
	d.textColor(soft)
	p.SetXY(x0, top-5.5)
	d.cell(w, 4, "← "+d.first+"'s own rating lower", "", 0, "L")
	p.SetXY(x1, top-5.5)
	d.cell(w, 4, d.first+"'s own rating higher →", "", 0, "R")
	d.verticalLabel(marginX+3.2, y0+h/2, "All others rate it higher →")
	d.verticalLabel(marginX+3.2, y1+h/2, "← All others rate it lower")

	d.quadrant(x0, y0, w, h, "Hidden strengths", "Others see more than you do", colorOf(scoring.AllOthers), hidden)
	d.quadrant(x1, y0, w, h, "Open strengths", "Seen by you and by others", rgb{40, 140, 95}, open)
	d.quadrant(x0, y1, w, h, "Development areas", "Lower for you and for others", grey, develop)
	d.quadrant(x1, y1, w, h, "Blind spots", "You see more than others do", accent, blind)
	p.SetXY(marginX, y1+h+5)
	d.font("I", 7.5)
	d.textColor(soft)
	d.multi(contentW, 3.8, caption)
}

// verticalLabel writes text reading upwards, centred on y, its baseline at x.
func (d *doc) verticalLabel(x, y float64, text string) {
	p := d.pdf
	half := p.GetStringWidth(text) / 2
	p.TransformBegin()
	p.TransformRotate(90, x, y)
	p.Text(x-half, y, text)
	p.TransformEnd()
}

// agreed splits the statements where self and All others agree (both shown,
// no blind spot or hidden strength) into those All others rate in the upper
// half of all statements and those in the lower half: up to six each,
// highest and lowest first.
func (d *doc) agreed() (open, develop []cellItem) {
	inGap := map[int64]bool{}
	for _, g := range d.s.BlindSpots {
		inGap[g.ID] = true
	}
	for _, g := range d.s.HiddenStrengths {
		inGap[g.ID] = true
	}
	var means []float64
	type row struct {
		it          scoring.ItemScores
		self, other float64
	}
	var rows []row
	for _, it := range d.s.Items {
		o, ok1 := it.Scores[scoring.AllOthers]
		sf, ok2 := it.Scores[string(rapport.Self)]
		if !ok1 {
			continue
		}
		means = append(means, o.Mean)
		if ok2 && !inGap[it.ID] {
			rows = append(rows, row{it, sf.Mean, o.Mean})
		}
	}
	if len(means) == 0 {
		return nil, nil
	}
	sort.Float64s(means)
	median := means[len(means)/2]
	slices.SortStableFunc(rows, func(a, b row) int {
		switch {
		case a.other > b.other:
			return -1
		case a.other < b.other:
			return 1
		}
		return 0
	})
	item := func(r row) cellItem {
		return cellItem{r.it.Text, fmt.Sprintf("self %s · others %s", fmtScore(r.self), fmtScore(r.other))}
	}
	for _, r := range rows {
		if r.other >= median && len(open) < 6 {
			open = append(open, item(r))
		}
	}
	for i := len(rows) - 1; i >= 0 && len(develop) < 6; i-- {
		if rows[i].other < median {
			develop = append(develop, item(rows[i]))
		}
	}
	return open, develop
}

type cellItem struct{ text, figures string }

// quadrantHeight is the height a quadrant needs to list every item.
func (d *doc) quadrantHeight(w float64, items []cellItem) float64 {
	h := 4 + 5 + 4 + 2 + 6.0
	d.font("", 8.5)
	for _, it := range items {
		h += d.height(it.text, w-8, 3.9) + 5.5
	}
	return h
}

func (d *doc) quadrant(x, y, w, h float64, title, sub string, c rgb, items []cellItem) {
	p := d.pdf
	d.fillColor(paper)
	p.Rect(x, y, w, h, "F")
	d.fillColor(c)
	p.Rect(x, y, w, 1.4, "F")
	p.SetXY(x+4, y+4)
	d.font("B", 11)
	d.textColor(c)
	d.cell(w-8, 5, title, "", 2, "L")
	p.SetX(x + 4)
	d.font("I", 7.5)
	d.textColor(soft)
	d.cell(w-8, 4, sub, "", 2, "L")
	p.SetY(p.GetY() + 2)
	if len(items) == 0 {
		p.SetX(x + 4)
		d.font("", 8.5)
		d.textColor(grey)
		d.multi(w-8, 4, "None in this round.")
		return
	}
	for _, it := range items {
		d.font("", 8.5)
		need := d.height(it.text, w-8, 3.9) + 6
		if p.GetY()+need > y+h-2 {
			p.SetX(x + 4)
			d.font("I", 7.5)
			d.textColor(grey)
			d.cell(w-8, 4, "… and more: see the competency pages.", "", 0, "L")
			return
		}
		p.SetX(x + 4)
		d.textColor(ink)
		d.multi(w-8, 3.9, it.text)
		p.SetX(x + 4)
		d.font("", 7.5)
		d.textColor(soft)
		d.cell(w-8, 4, it.figures, "", 2, "L")
		p.SetY(p.GetY() + 1.5)
	}
}
