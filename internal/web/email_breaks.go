package web

import (
	"html/template"
	"strings"
)

// emailBreaks writes an address so that a narrow column may wrap it only
// where a reader expects: after the "@" and before each dot, never inside
// a part (not even at a hyphen). Each part is a span the stylesheet keeps
// on one line (.cell-email > span); a part that still does not fit makes
// the table scroll sideways instead.
func emailBreaks(addr string) template.HTML {
	var parts []string
	start := 0
	for i, r := range addr {
		switch {
		case r == '.' && i > start:
			parts, start = append(parts, addr[start:i]), i
		case r == '@':
			parts, start = append(parts, addr[start:i+1]), i+1
		}
	}
	parts = append(parts, addr[start:])
	var b strings.Builder
	for i, p := range parts {
		if p == "" {
			continue
		}
		if i > 0 {
			b.WriteString("<wbr>")
		}
		b.WriteString("<span>" + template.HTMLEscapeString(p) + "</span>")
	}
	return template.HTML(b.String())
}
