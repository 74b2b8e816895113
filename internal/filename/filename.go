// Package filename makes user text (a leader's name, a round's title) safe
// in the names of downloaded files and zip entries, and encodes them for
// Content-Disposition (RFC 6266, RFC 5987).
package filename

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// maxPartRunes keeps a name well below the 255 bytes file systems allow.
const maxPartRunes = 60

// Part makes user text safe in a file name: no path separators,
// no characters Windows refuses, no control or bidi-override characters
// (which could disguise the extension), no leading dots, spaces collapsed.
func Part(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case strings.ContainsRune(`/\:*?"<>|%`, r), unicode.IsControl(r), unicode.IsSpace(r):
			return ' '
		case unicode.Is(unicode.Cf, r), !unicode.IsPrint(r) && r != ' ':
			return -1
		}
		return r
	}, norm.NFC.String(s))
	s = strings.TrimLeft(strings.Join(strings.Fields(s), " "), ". ")
	if r := []rune(s); len(r) > maxPartRunes {
		s = string(r[:maxPartRunes])
		if r[maxPartRunes] != ' ' {
			if i := strings.LastIndexByte(s, ' '); i > len(s)/2 {
				s = s[:i] // end on a whole word
			}
		}
		s = strings.TrimSpace(s)
	}
	return s
}

// ASCII keeps what ASCII can say of a part: accents are dropped
// ("José" is "Jose"), other scripts are left out.
func ASCII(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if r >= 0x20 && r < 0x7f {
			b.WriteRune(r)
		} else if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// RFC5987 percent-encodes a UTF-8 value but for RFC 5987's attr-char.
func RFC5987(s string) string {
	const attrChar = "!#$&+-.^_`|~"
	var b strings.Builder
	for _, c := range []byte(s) {
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(attrChar, c) >= 0) {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
