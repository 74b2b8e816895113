package render

import (
	"bytes"
	"strings"
)

// minifyCSS drops the comments and the layout whitespace of a stylesheet,
// so app.css can stay commented in the source and go out small. Quoted
// strings are kept as they are, and one space stays wherever a space may
// matter (between the words of a selector or a value, around + and - in
// calc()).
func minifyCSS(src string) []byte {
	out := make([]byte, 0, len(src))
	pendingSpace := false
	for i := 0; i < len(src); i++ {
		ch := src[i]
		switch {
		case ch == '/' && i+1 < len(src) && src[i+1] == '*':
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return out
			}
			i += end + 3
			pendingSpace = true
		case ch == '"' || ch == '\'':
			j := i + 1
			for j < len(src) && src[j] != ch {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			out = spaceBefore(out, &pendingSpace, ch)
			out = append(out, src[i:min(j+1, len(src))]...)
			i = j
		case ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f':
			pendingSpace = true
		case ch == '}':
			// The last declaration of a block needs no semicolon.
			out = bytes.TrimSuffix(out, []byte(";"))
			out = append(out, '}')
			pendingSpace = false
		default:
			out = spaceBefore(out, &pendingSpace, ch)
			out = append(out, ch)
		}
	}
	return out
}

// spaceBefore writes the pending space before next, unless a punctuation
// mark on either side makes it needless.
func spaceBefore(out []byte, pending *bool, next byte) []byte {
	if !*pending {
		return out
	}
	*pending = false
	if len(out) == 0 || strings.IndexByte("{};:,>", out[len(out)-1]) >= 0 || strings.IndexByte("{};,>)!", next) >= 0 {
		return out
	}
	return append(out, ' ')
}
