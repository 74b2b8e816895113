package rapport

import (
	"net/mail"
	"strings"

	"golang.org/x/net/idna"
	"golang.org/x/text/unicode/norm"
)

// NormalizeEmail trims an address and checks it is a single plain address
// ("ana@example.com", no display name). field names the form field at
// fault and whose the address's owner in messages ("the leader's"). It
// returns the address as typed, for sending; to compare two addresses use
// EmailKey, never the database's NOCASE collation (which folds ASCII
// letters only). Invisible characters (a soft hyphen, a
// zero-width space) and IP-literal domains ("ana@[127.0.0.1]") are refused:
// they only serve to write one mailbox so that it looks like another, and
// the domain must be a name that IDNA (UTS 46) accepts, so that EmailKey
// can compare it.
func NormalizeEmail(field, whose, s string) (string, error) {
	s = strings.TrimSpace(ValidUTF8(s))
	if s == "" {
		return "", FieldError(field, "Enter %s email address.", whose)
	}
	addr, err := mail.ParseAddress(s)
	// U+FFFD stands for bytes that were not text: no real address holds it.
	if err != nil || addr.Address != s || addr.Name != "" || len(s) > 254 || strings.ContainsRune(s, '\uFFFD') ||
		strings.IndexFunc(s, invisible) >= 0 || !validDomain(s[strings.LastIndex(s, "@")+1:]) {
		return "", FieldError(field, "%q is not a valid email address; write it like name@example.com.", s)
	}
	return s, nil
}

// validDomain reports whether domain is a dotted name (not an IP literal)
// that IDNA lookup accepts; the dot is looked for after IDNA mapping, which
// reads an ideographic full stop as one.
func validDomain(domain string) bool {
	ascii, err := idna.Lookup.ToASCII(domain)
	return err == nil && strings.Contains(strings.TrimSuffix(ascii, "."), ".")
}

// EmailKey is the form in which two addresses are compared: one mailbox
// gives one key however it is written. It folds case, applies Unicode
// NFKC (full-width "ｃｏａｃｈ" is "coach"), drops invisible characters,
// writes the domain in IDNA ASCII ("exämple.com" is "xn--exmple-cua.com",
// an ideographic full stop is a dot) and drops "+tag" sub-addressing from
// the local part ("coach+2@x.com" is "coach@x.com"), which most mail
// providers deliver to the same mailbox. Gmail also ignores dots in the
// local part and treats googlemail.com as gmail.com, so those are folded
// too. Every comparison of addresses uses it, so that no spelling gets
// round a rule another spelling meets.
func EmailKey(addr string) string {
	k := strings.ToLower(norm.NFKC.String(strings.TrimSpace(addr)))
	k = strings.Map(func(r rune) rune {
		if invisible(r) {
			return -1
		}
		return r
	}, k)
	at := strings.LastIndex(k, "@")
	if at < 0 {
		return k
	}
	local, domain := k[:at], k[at+1:]
	// A domain IDNA refuses is kept as it is: NormalizeEmail refuses such
	// an address, so only one stored before the rule can have one.
	if ascii, err := idna.Lookup.ToASCII(domain); err == nil {
		domain = ascii
	}
	domain = strings.TrimSuffix(domain, ".")
	// A local part that is all tag ("+x@...") is kept whole: it names no other mailbox.
	if plus := strings.IndexByte(local, '+'); plus > 0 {
		local = local[:plus]
	}
	if domain == "gmail.com" || domain == "googlemail.com" {
		if dotless := strings.ReplaceAll(local, ".", ""); dotless != "" {
			local = dotless
		}
		domain = "gmail.com"
	}
	return local + "@" + domain
}
