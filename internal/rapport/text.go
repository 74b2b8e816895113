package rapport

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The one rule for text, whichever way it comes (JSON, a page's form, a
// CSV): bytes that are not valid UTF-8 are each replaced by U+FFFD, as
// encoding/json already does for every JSON body, so a form or a file
// stores exactly what the same bytes sent as JSON store; bidirectional
// embeddings, overrides and isolates are dropped (DropBidiControls);
// other control characters, NUL first among them, are refused with the
// field named, except tab and line breaks in texts of several lines
// (comments, descriptions). CleanText applies the first two. docs/api.md
// states the rule.

// CleanText is the part of the text rule that changes text rather than
// refusing it: invalid bytes become U+FFFD, bidi controls are dropped.
func CleanText(s string) string { return DropBidiControls(ValidUTF8(s)) }

// DropBidiControls removes bidirectional embeddings, overrides and
// isolates (U+202A–U+202E, U+2066–U+2069). One can make stored text read
// as something else on a page or in the PDF ("lanoisseforP" shown as
// "Professional"), yet nobody can see them to remove them: phones wrap
// pasted right-to-left text in isolates (Android's BidiFormatter). So
// they are dropped, which keeps the text, rather than refused. The marks
// U+200E and U+200F are harmless and kept.
func DropBidiControls(s string) string {
	if strings.IndexFunc(s, bidiControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if bidiControl(r) {
			return -1
		}
		return r
	}, s)
}

// DropZeroWidth removes the invisible characters pasted text and
// spreadsheets leave in names, which would make two spellings of one name
// differ unseen: the byte order mark U+FEFF, the zero-width space U+200B
// and the word joiner U+2060 anywhere; the zero-width non-joiner and
// joiner (U+200C, U+200D) only at either end, since between letters they
// shape Persian and Indic names and emoji.
func DropZeroWidth(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\uFEFF', '\u200B', '\u2060':
			return -1
		}
		return r
	}, s)
	return strings.Trim(s, "\u200C\u200D")
}

// ValidUTF8 replaces each byte of s that is not part of a valid UTF-8
// sequence with U+FFFD, one per byte, exactly as encoding/json decodes a
// string (strings.ToValidUTF8 would merge a run of them into one).
func ValidUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// HasControl reports whether s holds a control character (C0, DEL or C1,
// NUL included) other than those a text of several lines may hold: tab,
// line feed and carriage return when multiline is set. The line and
// paragraph separators U+2028 and U+2029 break lines, so only a text of
// several lines may hold them. Bidi controls are not among these: the
// text rule drops them before (see DropBidiControls).
func HasControl(s string, multiline bool) bool {
	for _, r := range s {
		if multiline && (r == '\t' || r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029') {
			continue
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return true
		}
	}
	return false
}

// bidiControl reports whether r is a bidirectional embedding, override or
// isolate (not a mark: U+200E and U+200F are harmless and common).
func bidiControl(r rune) bool {
	return (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069')
}

// invisible reports whether r draws nothing: a format character (soft
// hyphen, zero-width space or joiner, bidi controls), a separator other
// than the ASCII space, a variation selector or another default-ignorable
// code point (a Hangul filler).
func invisible(r rune) bool {
	return (r != ' ' && unicode.In(r, unicode.Cf, unicode.Z, unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point))
}

// TidyLines is the shape of a text of several lines (a comment, a
// description) as it is stored: every line break is a line feed ("\r\n",
// "\r", U+2028 and U+2029 included), blank lines at either end are dropped,
// and a run of blank lines between paragraphs becomes one empty line, so
// that a paragraph break stays one while "a" followed by two thousand line
// breaks cannot fill dozens of PDF pages. A line of only spaces or
// invisible characters counts as blank. Each line is otherwise kept as
// written.
func TidyLines(s string) string {
	// One line, as most comments are: nothing to tidy. Checked first because
	// every saved comment passes here, and building the lines costs more.
	if !strings.ContainsAny(s, "\r\n\u2028\u2029") {
		if blank(s) {
			return ""
		}
		return s
	}
	s = lineBreaks.Replace(s)
	var b strings.Builder
	b.Grow(len(s))
	gap := false
	for line := range strings.SplitSeq(s, "\n") {
		if blank(line) {
			gap = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
			if gap {
				b.WriteByte('\n')
			}
		}
		b.WriteString(line)
		gap = false
	}
	return b.String()
}

// lineBreaks turns every line break into a line feed. Built once: a
// Replacer is safe for concurrent use, and building one costs more than
// most uses of it.
var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n")

// blank reports whether a line shows nothing.
func blank(line string) bool {
	return strings.IndexFunc(line, func(r rune) bool { return !unicode.IsSpace(r) && !invisible(r) }) < 0
}
