package report

import (
	"embed"
	"sync"

	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// The fallback fonts draw what the body face (Noto Sans) cannot: emoji
// (Noto Emoji, monochrome), symbols (Noto Sans Symbols 2), Armenian,
// Georgian, and last the Go regular face (mathematical operators, more arrows,
// box drawing, the placeholder). Each keeps only what the fonts before it
// lack (fonts/build.py); fonts/README.md says where they come from.
//
//go:embed fonts/*.ttf
var fontFiles embed.FS

// fallback is one embedded font, loaded into a document only when a text of
// that document needs it (fpdf parses a font anew for every document).
type fallback struct {
	family string // the fpdf family name
	file   string // in fonts/, or "" for a font given as ttf
	once   sync.Once
	ttf    []byte
	cover  *coverage
}

// fallbacks are tried in order after the body face.
var fallbacks = []*fallback{
	{family: "noto-emoji", file: "NotoEmoji-Regular.ttf"},
	{family: "noto-symbols2", file: "NotoSansSymbols2-Regular.ttf"},
	{family: "noto-armenian", file: "NotoSansArmenian-Regular.ttf"},
	{family: "noto-georgian", file: "NotoSansGeorgian-Regular.ttf"},
	{family: goFamily, ttf: goregular.TTF},
}

// goFamily is the Go regular face, the last fallback: it draws the
// placeholder.
const goFamily = "go"

func (f *fallback) load() {
	f.once.Do(func() {
		if f.file != "" {
			f.ttf = embedded(f.file)
		}
		f.cover = newCoverage(f.ttf)
	})
}

// has reports whether the font draws code point r of the Basic
// Multilingual Plane.
func (f *fallback) has(r rune) bool {
	f.load()
	return f.cover.has(r)
}

// Noto Emoji's emoji sit outside the Basic Multilingual Plane, which is all
// fpdf can address; fonts/build.py moves U+1F000-U+1FAFF to the private use
// code points from U+E000, and emojiCode finds them there.
const emojiFirst, emojiLast, emojiPrivate = 0x1F000, 0x1FAFF, 0xE000

func emojiCode(r rune) (rune, bool) {
	if r < emojiFirst || r > emojiLast {
		return 0, false
	}
	return emojiPrivate + r - emojiFirst, true
}

// coverage is the set of BMP code points a font maps to a glyph.
type coverage [0x10000 / 64]uint64

func newCoverage(ttf []byte) *coverage {
	c := new(coverage)
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return c // draws nothing: every character falls through to the next font
	}
	var buf sfnt.Buffer
	for r := rune(1); r <= 0xFFFF; r++ {
		if g, err := f.GlyphIndex(&buf, r); err == nil && g != 0 {
			c[r/64] |= 1 << (r % 64)
		}
	}
	return c
}

func (c *coverage) has(r rune) bool { return r >= 0 && r <= 0xFFFF && c[r/64]&(1<<(r%64)) != 0 }

// embedded reads one of the fonts in fonts/.
func embedded(file string) []byte {
	ttf, err := fontFiles.ReadFile("fonts/" + file)
	if err != nil {
		panic("report: embedded font missing: " + file) // a build fault, not input
	}
	return ttf
}
