package report

import (
	"testing"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// advance is the width of r's glyph in a face, in units of its em.
func advance(t *testing.T, f face, r rune) float64 {
	t.Helper()
	ft, err := sfnt.Parse(f.ttf)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	g, err := ft.GlyphIndex(&buf, r)
	if err != nil || g == 0 {
		t.Fatalf("style %q has no glyph for %U", f.style, r)
	}
	upem := ft.UnitsPerEm()
	adv, err := ft.GlyphAdvance(&buf, g, fixed.I(int(upem)), font.HintingNone)
	if err != nil {
		t.Fatal(err)
	}
	return float64(adv) / 64 / float64(upem)
}

// "Martínez-Ölander" and "Decision-making" must show a short hyphen, not
// one as long as a dash (the Go font's hyphen is half an em).
func TestBodyFaceHasAShortHyphen(t *testing.T) {
	for _, f := range bodyFaces() {
		hyphen, enDash := advance(t, f, '-'), advance(t, f, '–')
		if hyphen > 0.35 || hyphen > 0.7*enDash {
			t.Errorf("style %q: the hyphen is %.3f em wide, the en dash %.3f: not a short hyphen", f.style, hyphen, enDash)
		}
	}
}

// Columns of figures align only if every digit, the plus and the minus of
// a change are as wide as each other (tabular figures), in the regular and
// bold styles the tables and changes use.
func TestBodyFaceHasTabularFigures(t *testing.T) {
	for _, f := range bodyFaces()[:2] {
		want := advance(t, f, '0')
		for _, r := range "123456789+−" {
			if got := advance(t, f, r); got != want {
				t.Errorf("style %q: %q is %.3f em wide, '0' %.3f", f.style, r, got, want)
			}
		}
	}
}

// The body face draws every letter of the scripts the report promises
// (Latin, Greek, Cyrillic) in each style, so bold and italic text never
// falls back to another font's regular style.
func TestBodyFaceCoversLatinGreekCyrillic(t *testing.T) {
	ranges := [][2]rune{{0x20, 0x7E}, {0xA0, 0x24F}, {0x370, 0x3E1}, {0x3F0, 0x3FF}, // Greek without its Coptic letters
		{0x400, 0x4FF}, {0x1E00, 0x1EFF}, {0x2010, 0x2027}}
	for _, f := range bodyFaces() {
		cover := newCoverage(f.ttf)
		var missing []rune
		for _, rg := range ranges {
			for r := rg[0]; r <= rg[1]; r++ {
				if !cover.has(r) && isAssigned(r) {
					missing = append(missing, r)
				}
			}
		}
		if len(missing) > 0 {
			t.Errorf("style %q lacks %d characters: %q", f.style, len(missing), string(missing))
		}
	}
}

// isAssigned reports whether r is a character (not a reserved code point)
// that belongs to the scripts tested: letters, marks, digits, punctuation
// and symbols.
func isAssigned(r rune) bool {
	return unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Zs)
}
