package web

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// reportDisposition is the Content-Disposition of a report PDF (RFC 6266):
// a name that says what the file is, "Rapport 360 - <leader> - <round>.pdf",
// in full as filename* (RFC 5987, UTF-8, for Greek or Cyrillic names) and as
// an ASCII filename for clients that know no better.
func reportDisposition(kind, leaderName, roundTitle string) string {
	parts := []string{"Rapport 360", fileNamePart(leaderName), fileNamePart(roundTitle)}
	full := joinParts(parts)
	ascii := make([]string, len(parts))
	for i, p := range parts {
		ascii[i] = asciiOnly(p)
	}
	return fmt.Sprintf(`%s; filename="%s"; filename*=UTF-8''%s`, kind, joinParts(ascii), rfc5987(full))
}

// maxPartRunes keeps a name well below the 255 bytes file systems allow.
const maxPartRunes = 60

// fileNamePart makes user text safe in a file name: no path separators,
// no characters Windows refuses, no control or bidi-override characters
// (which could disguise the extension), no leading dots, spaces collapsed.
func fileNamePart(s string) string {
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

// asciiOnly keeps what ASCII can say of a part: accents are dropped
// ("José" is "Jose"), other scripts are left out.
func asciiOnly(s string) string {
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

// joinParts joins the non-empty parts with " - " and adds the extension.
func joinParts(parts []string) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, " - ") + ".pdf"
}

// rfc5987 percent-encodes a UTF-8 value but for RFC 5987's attr-char.
func rfc5987(s string) string {
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
