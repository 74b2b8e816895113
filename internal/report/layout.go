package report

import "strings"

// Text that only the body face draws goes to fpdf's MultiCell and CellFormat
// as it always has. Text that needs a fallback font is laid out here: fpdf
// draws a cell in one font, so each line is drawn as a row of cells, one
// per font, wrapped like MultiCell wraps (at the last space that fits, or
// between characters when a word is wider than the line).

// multi writes text wrapped to width w, left-aligned, lines h apart, and
// leaves the cursor where MultiCell does: at the left margin below it.
func (d *doc) multi(w, h float64, text string) {
	if isPlain(text, false) {
		d.pdf.MultiCell(w, h, text, "", "L", false)
		return
	}
	runs, missing := shape(text, false)
	d.missing = d.missing || missing
	if plain(runs) {
		d.pdf.MultiCell(w, h, runs[0].text, "", "L", false)
		return
	}
	x0 := d.pdf.GetX()
	for _, line := range d.wrap(runs, w) {
		if d.pdf.GetY()+h > pageH-marginBottom {
			d.pdf.AddPage()
		}
		y := d.pdf.GetY()
		d.drawRuns(x0+d.pdf.GetCellMargin(), y, h, line)
		d.pdf.SetXY(x0, y+h)
	}
	left, _, _, _ := d.pdf.GetMargins()
	d.pdf.SetX(left)
}

// cell writes one line of text like CellFormat (no fill, no link).
func (d *doc) cell(w, h float64, text, border string, ln int, align string) {
	if isPlain(text, true) {
		d.pdf.CellFormat(w, h, text, border, ln, align, false, 0, "")
		return
	}
	runs, missing := shape(text, true)
	d.missing = d.missing || missing
	if plain(runs) {
		d.pdf.CellFormat(w, h, runs[0].text, border, ln, align, false, 0, "")
		return
	}
	d.mixedCell(w, h, runs, border, ln, align)
}

// fitCell is cell for a text of unknown length: one that is wider than the
// cell is cut short with an ellipsis instead of running over what is beside it.
func (d *doc) fitCell(w, h float64, text, border string, ln int, align string) {
	runs, missing := shape(text, true)
	d.missing = d.missing || missing
	room := w - 2*d.pdf.GetCellMargin()
	if d.runsWidth(runs) > room {
		runs = d.cut(runs, room-d.pdf.GetStringWidth("…"))
	}
	if plain(runs) {
		d.pdf.CellFormat(w, h, runs[0].text, border, ln, align, false, 0, "")
		return
	}
	d.mixedCell(w, h, runs, border, ln, align)
}

// textWidth is the width of one line of text at the current font.
func (d *doc) textWidth(text string) float64 {
	if isPlain(text, true) {
		return d.pdf.GetStringWidth(text)
	}
	runs, _ := shape(text, true)
	return d.runsWidth(runs)
}

// lineCount is the number of lines multi writes text in at width w.
func (d *doc) lineCount(text string, w float64) int {
	if isPlain(text, false) {
		return len(d.pdf.SplitText(text, w))
	}
	runs, _ := shape(text, false)
	if plain(runs) {
		return len(d.pdf.SplitText(runs[0].text, w))
	}
	return len(d.wrap(runs, w))
}

func (d *doc) mixedCell(w, h float64, runs []run, border string, ln int, align string) {
	p := d.pdf
	p.CellFormat(w, h, "", border, 0, "L", false, 0, "") // the border, and a page break if one is due
	x, y := p.GetX()-w, p.GetY()
	tw, margin := d.runsWidth(runs), p.GetCellMargin()
	tx := x + margin
	switch align {
	case "R":
		tx = x + w - margin - tw
	case "C":
		tx = x + (w-tw)/2
	}
	d.drawRuns(tx, y, h, runs)
	switch ln {
	case 1:
		left, _, _, _ := p.GetMargins()
		p.SetXY(left, y+h)
	case 2:
		p.SetXY(x, y+h)
	default:
		p.SetXY(x+w, y)
	}
}

// drawRuns draws one line of runs from x, each in its font.
func (d *doc) drawRuns(x, y, h float64, runs []run) {
	p := d.pdf
	margin := p.GetCellMargin()
	p.SetCellMargin(0)
	for _, r := range runs {
		d.useFamily(r.family)
		w := p.GetStringWidth(r.text)
		p.SetXY(x, y)
		span := r.family == "noto-emoji" && !d.breaksPage(y, h)
		if span {
			d.beginActualText(emojiText(r.text))
		}
		p.CellFormat(w, h, r.text, "", 0, "L", false, 0, "")
		if span {
			d.endActualText()
		}
		x += w
	}
	d.useFamily("")
	p.SetCellMargin(margin)
}

// useFamily selects a run's font at the current size, adding a fallback
// font to the document the first time it is needed.
func (d *doc) useFamily(family string) {
	if family == "" {
		d.pdf.SetFont(fontFamily, d.style, d.size)
		return
	}
	if !d.loaded[family] {
		for _, f := range fallbacks {
			if f.family == family {
				f.load()
				d.pdf.AddUTF8FontFromBytes(family, "", f.ttf)
			}
		}
		d.loaded[family] = true
	}
	d.pdf.SetFont(family, "", d.size)
}

func (d *doc) runsWidth(runs []run) float64 {
	if plain(runs) {
		return d.pdf.GetStringWidth(runs[0].text)
	}
	w := 0.0
	for _, r := range runs {
		d.useFamily(r.family)
		w += d.pdf.GetStringWidth(r.text)
	}
	d.useFamily("")
	return w
}

// glyph is one character of a run, with its width at the current size.
type glyph struct {
	family string
	r      rune
	w      float64
}

func (d *doc) glyphs(runs []run) []glyph {
	var gs []glyph
	for _, r := range runs {
		d.useFamily(r.family)
		for _, c := range r.text {
			gs = append(gs, glyph{r.family, c, d.pdf.GetStringWidth(string(c))})
		}
	}
	d.useFamily("")
	return gs
}

// wrap breaks runs into lines no wider than w less the cell margins.
func (d *doc) wrap(runs []run, w float64) [][]run {
	room := w - 2*d.pdf.GetCellMargin()
	gs := d.glyphs(runs)
	for len(gs) > 0 && gs[len(gs)-1].r == '\n' {
		gs = gs[:len(gs)-1]
	}
	var lines [][]run
	start, space, width := 0, -1, 0.0
	for i := 0; i < len(gs); i++ {
		g := gs[i]
		if g.r == '\n' {
			lines = append(lines, toRuns(gs[start:i]))
			start, space, width = i+1, -1, 0
			continue
		}
		if g.r == ' ' {
			space = i
		}
		width += g.w
		if width <= room || i == start {
			continue
		}
		if space > start {
			lines = append(lines, toRuns(gs[start:space]))
			start = space + 1
		} else {
			lines = append(lines, toRuns(gs[start:i]))
			start = i
		}
		space, width = -1, 0
		for _, g := range gs[start : i+1] {
			width += g.w
		}
	}
	return append(lines, toRuns(gs[start:]))
}

// cut keeps the longest start of runs no wider than room, and an ellipsis.
func (d *doc) cut(runs []run, room float64) []run {
	gs, width := d.glyphs(runs), 0.0
	for i, g := range gs {
		if width+g.w > room {
			gs = gs[:i]
			break
		}
		width += g.w
	}
	return toRuns(append(gs, glyph{r: '…'}))
}

func toRuns(gs []glyph) []run {
	var runs []run
	var b strings.Builder
	for i, g := range gs {
		if i > 0 && g.family != gs[i-1].family {
			runs = append(runs, run{gs[i-1].family, b.String()})
			b.Reset()
		}
		b.WriteRune(g.r)
	}
	if len(gs) > 0 {
		runs = append(runs, run{gs[len(gs)-1].family, b.String()})
	}
	if len(runs) == 0 {
		runs = []run{{}}
	}
	return runs
}
