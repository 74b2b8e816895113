package rapport

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The one rule for text, whichever way it comes (JSON, a page's form, a
// CSV): bytes that are not valid UTF-8 are each replaced by U+FFFD, as
// encoding/json already does for every JSON body, so a form or a file
// stores exactly what the same bytes sent as JSON store; control
// characters, NUL first among them, are refused with the field named,
// except tab and line breaks in texts of several lines (comments,
// descriptions). docs/api.md states the rule.

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
// line feed and carriage return when multiline is set.
func HasControl(s string, multiline bool) bool {
	for _, r := range s {
		if multiline && (r == '\t' || r == '\n' || r == '\r') {
			continue
		}
		if unicode.IsControl(r) {
			return true
		}
	}
	return false
}
