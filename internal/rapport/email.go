package rapport

import (
	"net/mail"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// NormalizeEmail trims an address and checks it is a single plain address
// ("ana@example.com", no display name). field names the form field at
// fault and whose the address's owner in messages ("the leader's"). It
// returns the address as typed, for sending; to compare two addresses use
// EmailKey, never the database's NOCASE collation (which folds ASCII
// letters only).
func NormalizeEmail(field, whose, s string) (string, error) {
	s = strings.TrimSpace(ValidUTF8(s))
	if s == "" {
		return "", FieldError(field, "Enter %s email address.", whose)
	}
	addr, err := mail.ParseAddress(s)
	// U+FFFD stands for bytes that were not text: no real address holds it.
	if err != nil || addr.Address != s || addr.Name != "" || len(s) > 254 || strings.ContainsRune(s, '\uFFFD') ||
		!strings.Contains(s[strings.LastIndex(s, "@"):], ".") {
		return "", FieldError(field, "%q is not a valid email address; write it like name@example.com.", s)
	}
	return s, nil
}

// EmailKey is the form in which two addresses are compared: one mailbox
// gives one key however it is written. It folds case, applies Unicode
// NFKC (full-width "ｃｏａｃｈ" is "coach") and drops "+tag" sub-addressing
// from the local part ("coach+2@x.com" is "coach@x.com"), which most mail
// providers deliver to the same mailbox. Every comparison of addresses
// uses it, so that no spelling gets round a rule another spelling meets.
func EmailKey(addr string) string {
	k := strings.ToLower(norm.NFKC.String(strings.TrimSpace(addr)))
	at := strings.LastIndex(k, "@")
	if at < 0 {
		return k
	}
	local, domain := k[:at], k[at:]
	// A local part that is all tag ("+x@...") is kept whole: it names no other mailbox.
	if plus := strings.IndexByte(local, '+'); plus > 0 {
		local = local[:plus]
	}
	return local + domain
}
