package report

import (
	"fmt"
	"strings"
	"unicode/utf16"
)

// The emoji font is drawn from private-use code points (fpdf reads only the
// Basic Multilingual Plane; see fonts/build.py), so its glyphs would copy,
// search and read aloud as U+E000 and up. Each emoji run is marked with an
// /ActualText span holding the real emoji, which PDF readers and pdftotext
// use instead of the glyphs' own code points.

// emojiText is what a run of the emoji font stands for.
func emojiText(code string) string {
	return strings.Map(func(r rune) rune {
		if r >= emojiPrivate && r <= emojiPrivate+emojiLast-emojiFirst {
			return r - emojiPrivate + emojiFirst
		}
		return r
	}, code)
}

// beginActualText opens a marked-content span whose extracted text is s,
// written as a UTF-16BE hex string. endActualText closes it; both must be
// written on the same page.
func (d *doc) beginActualText(s string) {
	var b strings.Builder
	b.WriteString("/Span <</ActualText <FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">>> BDC\n")
	d.pdf.RawWriteStr(b.String())
}

func (d *doc) endActualText() { d.pdf.RawWriteStr("EMC\n") }

// breaksPage reports whether a cell of height h at y would make fpdf start
// a new page, which would split a marked-content span across two pages.
func (d *doc) breaksPage(y, h float64) bool {
	auto, margin := d.pdf.GetAutoPageBreak()
	_, pageH := d.pdf.GetPageSize()
	return auto && y+h > pageH-margin
}
