package report

import (
	"strings"

	"github.com/rapporthq/rapport/internal/scoring"
)

// The competencies share pages: the section starts on a page of its own
// and each competency follows the one before, moving to the next page only
// when it would not fit whole where it is (but would on a page of its own).
// Every page of the section starts with the key to the spread's colours.

const competencySectionTitle = "Competencies, statement by statement"

// competencies draws every competency: its scores by group, then each
// statement's means by group and the spread of All others' ratings.
func (d *doc) competencies() {
	if len(d.s.Competencies) == 0 {
		return
	}
	d.page(competencySectionTitle, competenciesLead)
	sec := &section{cols: d.statementColumns()}
	d.sectionKey(sec)
	for i := range d.s.Competencies {
		d.competencyBlock(i, sec)
	}
}

// section is where the competencies are being drawn.
type section struct {
	cols    columns
	pageTop float64 // where the current page's content starts, below its key
	keyH    float64 // the height of the key
}

// sectionPage continues the section on a new page.
func (d *doc) sectionPage(sec *section) {
	d.pdf.AddPage()
	d.sectionKey(sec)
}

// sectionKey explains the spread's colours and, when All others is not
// shown at all, why, on every page of the section.
func (d *doc) sectionKey(sec *section) {
	start := d.pdf.GetY()
	d.pointLegend(pointColors(d.m.Scale.Points()))
	if why := d.withheldReason(); why != "" {
		d.absenceNotes(marginX, contentW, []string{why})
		d.pdf.Ln(2)
	}
	sec.pageTop = d.pdf.GetY()
	sec.keyH = sec.pageTop - start
}

// columns is the layout of the statement tables, the same for every
// competency so that the groups line up from one to the next.
type columns struct {
	textW  float64   // the statement
	groupW []float64 // one per reported group
	labels [][]string
	distX  float64 // the spread of All others' ratings
	distW  float64
	headH  float64
}

const (
	colLabelSize = 6.5
	colLabelH    = 2.9
	minColW      = 11.0
)

// statementColumns sizes each group's column to its label, wrapped at
// spaces: as narrow as its longest word allows, at least minColW.
func (d *doc) statementColumns() columns {
	var c columns
	d.font("B", colLabelSize)
	lines := 1
	for _, g := range d.s.Groups {
		w := minColW
		for _, word := range strings.Fields(g.Label) {
			w = max(w, d.textWidth(word)+2*d.pdf.GetCellMargin()+0.6)
		}
		wrapped := d.pdf.SplitText(g.Label, w)
		c.groupW = append(c.groupW, w)
		c.labels = append(c.labels, wrapped)
		lines = max(lines, len(wrapped))
	}
	used := 0.0
	for _, w := range c.groupW {
		used += w
	}
	// The statement takes what is left beside a spread of 44 mm, within
	// 50-90 mm; with many groups the spread gives way, down to 34 mm.
	c.textW = max(50, min(90, contentW-used-3-44))
	c.distX = marginX + c.textW + used + 3
	c.distW = pageW - marginX - c.distX
	c.headH = 4 + float64(lines)*colLabelH + 1.5
	return c
}

// competencyBlock draws one competency, keeping it whole on a page when it can.
func (d *doc) competencyBlock(i int, sec *section) {
	cols := sec.cols
	c := d.s.Competencies[i]
	desc := ""
	if i < len(d.m.Competencies) {
		desc = d.m.Competencies[i].Description
	}
	var items []scoring.ItemScores
	for _, it := range d.s.Items {
		if it.CompetencyKey == c.Key {
			items = append(items, it)
		}
	}
	notes := d.competencyAbsences([]scoring.CompetencyScores{c}, "see below")
	top := d.competencyTopHeight(c.Name, desc) + cols.headH + d.competencyRowHeight(notes)
	rows := 0.0
	for _, it := range items {
		rows += d.statementRowHeight(it, cols)
	}
	p := d.pdf
	gap := 7.0
	if p.GetY() <= sec.pageTop+0.01 {
		gap = 0
	}
	room := pageH - marginBottom - p.GetY() - gap
	fresh := pageH - marginBottom - marginTop - sec.keyH
	switch {
	case top+rows <= room:
	case top+rows <= fresh:
		d.sectionPage(sec)
		gap = 0
	default: // longer than a page: start where its heading and a few rows fit
		first := 0.0
		for _, it := range items[:min(2, len(items))] {
			first += d.statementRowHeight(it, cols)
		}
		if top+first > room {
			d.sectionPage(sec)
			gap = 0
		}
	}
	p.SetY(p.GetY() + gap)
	// Level 0, beside the section's own bookmark rather than under it: fpdf
	// writes /Count 0 on every outline item, which PDF 32000-1 allows only
	// for an item without children, so a nested outline fails strict checks.
	p.Bookmark(bmpOnly(c.Name), 0, -1)
	d.competencyTop(c.Name, desc)
	d.statementHeader(cols)
	d.competencyRow(c, cols, notes, d.competencyRowHeight(notes))
	for _, it := range items {
		h := d.statementRowHeight(it, cols)
		if p.GetY()+h > pageH-marginBottom {
			d.sectionPage(sec)
			d.statementHeader(cols)
		}
		d.statementRow(it, cols, h)
	}
}

// competencyTopHeight is the height of a competency's name and description.
func (d *doc) competencyTopHeight(name, desc string) float64 {
	d.font("B", 12.5)
	h := d.height(name, contentW, 6) + 1
	if desc != "" {
		d.font("", 8.5)
		h += d.height(desc, contentW, 4) + 1
	}
	return h + 1
}

func (d *doc) competencyTop(name, desc string) {
	p := d.pdf
	d.font("B", 12.5)
	d.textColor(ink)
	d.multi(contentW, 6, name)
	p.Ln(1)
	if desc != "" {
		d.font("", 8.5)
		d.textColor(soft)
		d.multi(contentW, 4, desc)
		p.Ln(1)
	}
	p.Ln(1)
}

// competencyRowHeight is the height of the competency's own row, with the
// lines that explain its missing figures.
func (d *doc) competencyRowHeight(notes []string) float64 {
	h := 7.5
	if len(notes) > 0 {
		h += d.absenceNotesHeight(contentW-2, notes) + 1
	}
	return h
}

// competencyRow heads the table with the competency's mean for each group:
// the mean of all the group's ratings of its statements.
func (d *doc) competencyRow(c scoring.CompetencyScores, cols columns, notes []string, rowH float64) {
	p := d.pdf
	y := p.GetY()
	d.fillColor(paper)
	p.Rect(marginX, y, contentW, rowH, "F")
	d.font("B", 8.5)
	d.textColor(ink)
	p.SetXY(marginX, y+1.8)
	d.cell(cols.textW, 3.9, "The competency as a whole", "", 0, "L")
	x := marginX + cols.textW
	for gi, g := range d.s.Groups {
		p.SetXY(x, y+1.8)
		if sc, ok := c.Scores[g.Key]; ok {
			d.font("B", 9)
			d.textColor(ink)
			d.cell(cols.groupW[gi], 3.9, fmtScore(sc.Mean), "", 0, "C")
		} else {
			d.font("", 9)
			d.textColor(grey)
			d.cell(cols.groupW[gi], 3.9, "–", "", 0, "C")
		}
		x += cols.groupW[gi]
	}
	if len(notes) > 0 {
		p.SetY(y + 7)
		d.absenceNotes(marginX+2, contentW-2, notes)
	}
	p.SetXY(marginX, y+rowH)
}

// statementHeader names the table's columns: each group by its label under
// its colour, so that the columns read without the legend.
func (d *doc) statementHeader(cols columns) {
	p := d.pdf
	y := p.GetY()
	d.font("B", 7.5)
	d.textColor(soft)
	p.SetXY(marginX, y+cols.headH-5)
	d.cell(cols.textW, 4, "Statement", "", 0, "L")
	x := marginX + cols.textW
	for gi, g := range d.s.Groups {
		w := cols.groupW[gi]
		d.fillColor(colorOf(g.Key))
		p.Rect(x+w/2-1.2, y+0.6, 2.4, 2.4, "F")
		d.font("B", colLabelSize)
		d.textColor(soft)
		ly := y + cols.headH - 1.5 - float64(len(cols.labels[gi]))*colLabelH
		for _, line := range cols.labels[gi] {
			p.SetXY(x, ly)
			d.cell(w, colLabelH, line, "", 0, "C")
			ly += colLabelH
		}
		x += w
	}
	d.font("B", 7.5)
	p.SetXY(cols.distX, y+cols.headH-5)
	d.cell(cols.distW, 4, "Spread (All others)", "", 0, "L")
	d.drawColor(rule)
	p.SetLineWidth(0.2)
	p.Line(marginX, y+cols.headH, pageW-marginX, y+cols.headH)
	p.SetXY(marginX, y+cols.headH)
}

// statementRowHeight is the height of a statement's row, with the lines
// that explain its missing figures.
func (d *doc) statementRowHeight(it scoring.ItemScores, cols columns) float64 {
	d.font("", 8.5)
	h := max(d.height(it.Text, cols.textW-2, 3.9)+3, 11)
	if notes := d.itemAbsences(it); len(notes) > 0 {
		h += d.absenceNotesHeight(contentW-2, notes) + 1
	}
	return h
}

func (d *doc) statementRow(it scoring.ItemScores, cols columns, rowH float64) {
	p := d.pdf
	y := p.GetY()
	d.font("", 8.5)
	d.textColor(ink)
	p.SetXY(marginX, y+1.5)
	d.multi(cols.textW-2, 3.9, it.Text)
	textBottom := p.GetY()
	x := marginX + cols.textW
	for gi, g := range d.s.Groups {
		p.SetXY(x, y+1.5)
		d.font("", 8.5)
		if sc, ok := it.Scores[g.Key]; ok {
			d.textColor(ink)
			d.cell(cols.groupW[gi], 3.9, fmtScore(sc.Mean), "", 0, "C")
		} else {
			d.textColor(grey)
			d.cell(cols.groupW[gi], 3.9, "–", "", 0, "C")
		}
		x += cols.groupW[gi]
	}
	d.distribution(cols.distX, y+1.8, cols.distW, it, pointColors(d.m.Scale.Points()))
	if notes := d.itemAbsences(it); len(notes) > 0 {
		p.SetY(max(textBottom+0.5, y+10))
		d.absenceNotes(marginX+2, contentW-2, notes)
	}
	d.drawColor(rule)
	p.SetLineWidth(0.15)
	p.Line(marginX, y+rowH, pageW-marginX, y+rowH)
	p.SetXY(marginX, y+rowH)
}
