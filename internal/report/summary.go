package report

import (
	"fmt"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/scoring"
)

// summary is the page right after the cover: a leader who reads only this
// page knows what the debrief will be about. Its figures are the summary's
// own (scoring.Summary.Highlights), as the web view's are.
func (d *doc) summary() {
	d.page("Summary", d.summaryLead())
	if why := d.withheldReason(); why != "" {
		d.notice("All others is not shown", why)
	}
	d.summaryWho()
	if d.withheldReason() == "" {
		h := d.s.Highlights()
		d.summaryExtremes(h)
		d.summaryGaps(h)
	}
	d.summaryChart()
}

// summaryWho shows how many answered in each reported group.
func (d *doc) summaryWho() {
	d.heading("Who answered", 22)
	p := d.pdf
	x, top := marginX, p.GetY()
	w := contentW / float64(max(1, len(d.s.Groups)))
	lines := 1
	d.font("", 7)
	for _, g := range d.s.Groups {
		lines = max(lines, d.lineCount(g.Label, w-3))
	}
	for _, g := range d.s.Groups {
		d.fillColor(colorOf(g.Key))
		p.Rect(x, top, w-2, 1.2, "F")
		d.font("B", 13)
		d.textColor(ink)
		p.SetXY(x, top+2)
		d.cell(w-2, 6, fmt.Sprint(g.N), "", 0, "L")
		d.font("", 7)
		d.textColor(soft)
		p.SetXY(x, top+8.5)
		d.multi(w-3, 3.2, g.Label)
		x += w
	}
	p.SetXY(marginX, top+8.5+float64(lines)*3.2+4)
}

// summaryExtremes lists the highest and the lowest rated statements side by side.
func (d *doc) summaryExtremes(h scoring.Highlights) {
	if len(h.Top) == 0 {
		d.heading("Highest and lowest rated", 10)
		d.summaryNone(notRanked)
		return
	}
	colW := (contentW - 8) / 2
	var top, bottom []summaryEntry
	for _, ref := range h.Top {
		top = append(top, d.refEntry(ref))
	}
	for _, ref := range h.Bottom {
		bottom = append(bottom, d.refEntry(ref))
	}
	d.twoColumns(colW, fmt.Sprintf("Highest rated by All others (%d)", len(top)), top, fmt.Sprintf("Lowest rated by All others (%d)", len(bottom)), bottom)
}

// summaryGaps shows the largest blind spot and the largest hidden strength.
func (d *doc) summaryGaps(h scoring.Highlights) {
	colW := (contentW - 8) / 2
	entry := func(g *scoring.Gap, none string) []summaryEntry {
		if g == nil {
			return []summaryEntry{{text: none, none: true}}
		}
		return []summaryEntry{{text: g.Text, figures: fmt.Sprintf("%s %s · All others %s · %s points apart",
			d.first, fmtScore(g.Self), fmtScore(g.Others), fmtScore(abs(g.Gap)))}}
	}
	d.twoColumns(colW,
		"Largest blind spot", entry(h.BlindSpot, d.noBlindSpot()),
		"Largest hidden strength", entry(h.HiddenStrength, d.noHiddenStrength()))
}

// A statement on the summary takes at most entryLines lines, and its
// figures figureLines: the page must hold the whole story.
const entryLines, figureLines = 4, 2

// summaryEntry is one statement of a summary list, with its figures.
type summaryEntry struct {
	text, figures string
	none          bool // a "none in this round" line instead of a statement
}

func (d *doc) refEntry(ref scoring.ItemRef) summaryEntry {
	return summaryEntry{text: ref.Text, figures: fmt.Sprintf("All others %s · %s %s · %s",
		fmtScore(ref.Mean), d.first, d.selfScore(ref.ID), d.competencyName(ref.CompetencyKey))}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// entriesHeight is the height a column of entries takes at width w.
func (d *doc) entriesHeight(w float64, entries []summaryEntry) float64 {
	h := 0.0
	for _, e := range entries {
		d.font("", 8.5)
		h += d.clippedHeight(e.text, w-4, 3.9, entryLines) + 2.5
		if e.figures != "" {
			d.font("", 7.5)
			h += d.clippedHeight(e.figures, w-4, 3.4, figureLines)
		}
	}
	return h
}

// twoColumns draws two titled lists side by side.
func (d *doc) twoColumns(colW float64, leftTitle string, left []summaryEntry, rightTitle string, right []summaryEntry) {
	p := d.pdf
	need := max(d.entriesHeight(colW, left), d.entriesHeight(colW, right)) + 8
	d.ensure(need)
	top := p.GetY()
	bottom := top
	for i, col := range []struct {
		title   string
		entries []summaryEntry
	}{{leftTitle, left}, {rightTitle, right}} {
		x := marginX + float64(i)*(colW+8)
		p.SetXY(x, top)
		d.font("B", 10)
		d.textColor(ink)
		d.cell(colW, 5.5, col.title, "", 2, "L")
		p.SetY(p.GetY() + 1)
		for _, e := range col.entries {
			y := p.GetY()
			d.font("", 8.5)
			if e.none {
				d.font("I", 8.5)
				d.textColor(grey)
			} else {
				d.fillColor(rule)
				p.Rect(x, y+0.6, 0.8, d.clippedHeight(e.text, colW-4, 3.9, entryLines)+d.figuresHeight(e, colW)-0.6, "F")
				d.textColor(ink)
			}
			p.SetXY(x+3, y)
			d.clipped(colW-4, 3.9, e.text, entryLines)
			if e.figures != "" {
				d.font("", 7.5)
				d.textColor(soft)
				p.SetX(x + 3)
				d.clipped(colW-4, 3.4, e.figures, figureLines)
			}
			p.SetY(p.GetY() + 2.5)
		}
		bottom = max(bottom, p.GetY())
	}
	p.SetXY(marginX, bottom+2)
}

func (d *doc) figuresHeight(e summaryEntry, colW float64) float64 {
	if e.figures == "" {
		return 0
	}
	d.font("", 7.5)
	h := d.clippedHeight(e.figures, colW-4, 3.4, figureLines)
	d.font("", 8.5)
	return h
}

func (d *doc) summaryNone(text string) {
	d.font("I", 8.5)
	d.textColor(grey)
	d.multi(contentW, 4, text)
	d.pdf.Ln(3)
}

// summaryChart draws each competency as one row: a dot per group on the
// scale, self as a diamond, joined by a line from the lowest to the highest,
// so that how far apart the views are reads at a glance.
func (d *doc) summaryChart() {
	p := d.pdf
	labelW := 52.0
	chartX := marginX + labelW + 2
	chartW := contentW - labelW - 6
	caption := d.summaryChartCaption()
	notes := d.overviewNotes()
	// Rows grow, up to 9 mm, into what the page has left, so that the
	// chart reads as a chart when there are few competencies.
	minRow, total := 6.0, 0.0
	nameH := func(c scoring.CompetencyScores) float64 {
		d.font("", 8)
		return float64(min(2, d.lineCount(c.Name, labelW))) * 3.6
	}
	for _, c := range d.s.Competencies {
		total += max(minRow, nameH(c)+2)
	}
	d.heading("Each competency at a glance", 20+min(total, 60))
	d.legend(d.s.Groups)
	d.scaleLabels(chartX, chartW, p.GetY(), false)
	y := p.GetY() + 5
	d.font("I", 7.5)
	below := d.height(caption, contentW, 3.6) + d.absenceNotesHeight(contentW, notes) + 4
	if n := float64(len(d.s.Competencies)); n > 0 {
		minRow = min(9, max(minRow, (pageH-marginBottom-y-below)/n))
	}
	rowH := func(c scoring.CompetencyScores) float64 { return max(minRow, nameH(c)+2) }
	for _, c := range d.s.Competencies {
		h := rowH(c)
		if y+h > pageH-marginBottom {
			p.AddPage()
			d.scaleLabels(chartX, chartW, p.GetY(), false)
			y = p.GetY() + 5
		}
		d.gridLines(chartX, chartW, y, h)
		d.font("", 8)
		d.textColor(ink)
		p.SetXY(marginX, y+(h-nameH(c))/2)
		d.clipped(labelW, 3.6, c.Name, 2)
		d.competencyDots(c, chartX, chartW, y+h/2)
		y += h
	}
	p.SetXY(marginX, y+2)
	d.font("I", 7.5)
	d.textColor(soft)
	d.multi(contentW, 3.6, caption)
	if len(notes) > 0 {
		d.ensure(d.absenceNotesHeight(contentW, notes))
		d.absenceNotes(marginX, contentW, notes)
	}
}

// competencyDots draws one row of the summary chart, centred on cy.
func (d *doc) competencyDots(c scoring.CompetencyScores, x, w, cy float64) {
	p := d.pdf
	lo, hi, shown := 0.0, 0.0, 0
	for _, g := range d.s.Groups {
		if sc, ok := c.Scores[g.Key]; ok {
			if shown == 0 || sc.Mean < lo {
				lo = sc.Mean
			}
			if shown == 0 || sc.Mean > hi {
				hi = sc.Mean
			}
			shown++
		}
	}
	if shown > 1 {
		d.drawColor(grey)
		p.SetLineWidth(0.4)
		p.Line(d.axis(x, w, lo), cy, d.axis(x, w, hi), cy)
	}
	// Self last, on top: it is what every other dot is read against.
	for _, g := range d.s.Groups {
		if g.Key == string(rapport.Self) {
			continue
		}
		if sc, ok := c.Scores[g.Key]; ok {
			d.fillColor(colorOf(g.Key))
			p.Circle(d.axis(x, w, sc.Mean), cy, 1.25, "F")
		}
	}
	// Self is an outline, so that a group's dot at the same place shows through.
	if sc, ok := c.Scores[string(rapport.Self)]; ok {
		cx, r := d.axis(x, w, sc.Mean), 2.1
		d.drawColor(colorOf(string(rapport.Self)))
		p.SetLineWidth(0.6)
		p.Polygon([]fpdf.PointType{{X: cx, Y: cy - r}, {X: cx + r, Y: cy}, {X: cx, Y: cy + r}, {X: cx - r, Y: cy}}, "D")
	}
}

// clipped writes text wrapped to width w in at most maxLines lines, the
// last one cut short with an ellipsis if the text is longer: a chart's
// label must not push the chart off its page.
func (d *doc) clipped(w, h float64, text string, maxLines int) {
	if d.lineCount(text, w) <= maxLines {
		d.multi(w, h, text)
		return
	}
	words := strings.Fields(text)
	k := 0
	for k < len(words) && d.lineCount(strings.Join(words[:k+1], " "), w) <= maxLines-1 {
		k++
	}
	x := d.pdf.GetX()
	if k > 0 {
		d.multi(w, h, strings.Join(words[:k], " "))
		d.pdf.SetX(x)
	}
	d.fitCell(w, h, strings.Join(words[k:], " "), "", 2, "L")
}

// clippedHeight is the height clipped takes at the current font.
func (d *doc) clippedHeight(text string, w, h float64, maxLines int) float64 {
	return float64(min(maxLines, d.lineCount(text, w))) * h
}
