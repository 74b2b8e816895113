package web

import (
	"fmt"
	"strings"

	"github.com/rapporthq/rapport/internal/filename"
)

// reportDisposition is the Content-Disposition of a report PDF (RFC 6266):
// a name that says what the file is, "Rapport 360 - <leader> - <round>.pdf",
// in full as filename* (RFC 5987, UTF-8, for Greek or Cyrillic names) and as
// an ASCII filename for clients that know no better.
func reportDisposition(kind, leaderName, roundTitle string) string {
	return disposition(kind, ".pdf", "Rapport 360", leaderName, roundTitle)
}

// disposition names a download "<part> - <part> ....ext", each part made
// safe (filename.Part), in full as filename* and in ASCII as filename.
func disposition(kind, ext string, parts ...string) string {
	full := make([]string, len(parts))
	ascii := make([]string, len(parts))
	for i, p := range parts {
		full[i] = filename.Part(p)
		ascii[i] = filename.ASCII(full[i])
	}
	return fmt.Sprintf(`%s; filename="%s"; filename*=UTF-8''%s`, kind, joinParts(ascii, ext), filename.RFC5987(joinParts(full, ext)))
}

// joinParts joins the non-empty parts with " - " and adds the extension.
func joinParts(parts []string, ext string) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, " - ") + ext
}
