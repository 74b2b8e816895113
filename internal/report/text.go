package report

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// placeholder stands for a character no embedded font can draw; the last
// fallback, the Go regular face, draws it.
const placeholder = '□'

// run is a stretch of text drawn in one font; family "" is the body face
// in the current style.
type run struct {
	family string
	text   string
}

// plain reports whether runs are one stretch of the body face, which fpdf
// lays out itself exactly as it always has.
func plain(runs []run) bool { return len(runs) == 1 && runs[0].family == "" }

// shape turns any string into runs the PDF can draw, and reports whether a
// character had to become the placeholder. Invalid UTF-8 and characters no
// font has become the placeholder; control and format characters (zero
// width joiners, direction marks, variation selectors, tags, skin tone
// modifiers) are dropped, as they only change how their neighbours are
// drawn, which fpdf cannot do; tabs become spaces, and line breaks become
// spaces where the text is one line.
func shape(s string, oneLine bool) (runs []run, missing bool) {
	if isPlain(s, oneLine) {
		return []run{{text: s}}, false
	}
	s = strings.ToValidUTF8(s, string(utf8.RuneError))
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	var b strings.Builder
	family := ""
	flush := func() {
		if b.Len() > 0 {
			runs = append(runs, run{family, b.String()})
			b.Reset()
		}
	}
	add := func(f string, r rune) {
		if f != family {
			flush()
			family = f
		}
		b.WriteRune(r)
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case r == '\r' && i+1 < len(rs) && rs[i+1] == '\n':
		case r == '\n' || r == '\r' || r == '\u0085' || r == '\u2028' || r == '\u2029':
			if oneLine {
				add("", ' ')
			} else {
				add("", '\n')
			}
		case r == '\t':
			add("", ' ')
		case dropped(r):
		case r == utf8.RuneError || unicode.Is(unicode.Co, r):
			// Private use characters mean something only to their sender's
			// font; the emoji font keeps its own emoji there.
			add(goFamily, placeholder)
			missing = true
		case bodyCoverage().has(r):
			add("", r)
		case unicode.IsSpace(r):
			add("", ' ')
		default:
			f, code := fallbackFor(r)
			if f == "" {
				add(goFamily, placeholder)
				missing = true
				continue
			}
			add(f, code)
		}
	}
	flush()
	if len(runs) == 0 {
		runs = []run{{}}
	}
	return runs, missing
}

// isPlain is the fast path: text the body face draws as it is.
func isPlain(s string, oneLine bool) bool {
	cover := bodyCoverage()
	for _, r := range s {
		if r >= ' ' && r < 0x7f || r == '\n' && !oneLine {
			continue // printable ASCII: the body face draws it, no table to look up
		}
		if r == utf8.RuneError || r < ' ' || !cover.has(r) || unicode.Is(unicode.Mn, r) {
			return false
		}
	}
	return norm.NFC.IsNormalString(s)
}

// dropped reports whether r only modifies how other characters are drawn.
func dropped(r rune) bool {
	return unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) ||
		unicode.Is(unicode.Variation_Selector, r) || (r >= 0x1F3FB && r <= 0x1F3FF)
}

// fallbackFor finds the first fallback font that draws r, and the code
// point that font has it under; "" when none does.
func fallbackFor(r rune) (string, rune) {
	if code, ok := emojiCode(r); ok {
		for _, f := range fallbacks {
			if f.family == "noto-emoji" && f.has(code) {
				return f.family, code
			}
		}
		return "", 0
	}
	if r > 0xFFFF {
		return "", 0
	}
	for _, f := range fallbacks {
		if f.has(r) {
			return f.family, r
		}
	}
	return "", 0
}

// bmpOnly is text for the PDF's metadata and bookmarks, which fpdf encodes
// only for the Basic Multilingual Plane: other characters become the
// placeholder, control characters are dropped.
func bmpOnly(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
			return ' '
		case dropped(r):
			return -1
		case r > 0xFFFF || r == utf8.RuneError:
			return placeholder
		}
		return r
	}, strings.ToValidUTF8(s, string(utf8.RuneError)))
}
