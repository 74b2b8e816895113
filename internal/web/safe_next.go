package web

import (
	"net/url"
	"strings"
)

// safeNext keeps a post-sign-in destination only if it is a path on this
// site, and "/" otherwise: anything else would make sign-in an open
// redirect. Browsers' URL parsers (WHATWG URL) strip leading and trailing
// controls and spaces, delete tabs and line breaks anywhere and read "\"
// as "/", so "/\t/evil.example" or "/\\evil.example" arrive as
// "//evil.example", another site. A path this site sends (requireSession
// takes it from the request URI) is printable ASCII, so any other byte
// (controls, DEL, space, anything not ASCII) and any backslash refuse it
// outright; what is left must parse with no scheme, host or user and start
// with exactly one "/", also once percent-decoded ("/%09/evil.example",
// "/%2F/evil.example"), in case anything on the way decodes it.
func safeNext(next string) string {
	if !plainPath(next) {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" || !plainPath(u.Path) {
		return "/"
	}
	return next
}

// plainPath reports whether p is printable ASCII without backslashes and
// starts with a single "/".
func plainPath(p string) bool {
	for i := 0; i < len(p); i++ {
		if b := p[i]; b <= ' ' || b >= 0x7f || b == '\\' {
			return false
		}
	}
	return strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "//")
}
