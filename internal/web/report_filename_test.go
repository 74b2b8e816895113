package web

import (
	"mime"
	"strings"
	"testing"
)

func TestReportDisposition(t *testing.T) {
	for _, tc := range []struct {
		name, leader, round, ascii, full string
	}{
		{"Latin", "Marta Kowalska", "Spring 360", "Rapport 360 - Marta Kowalska - Spring 360.pdf", "Rapport 360 - Marta Kowalska - Spring 360.pdf"},
		{"AccentsDropInTheFallback", "José Müller-Łukasz", "Été 2026", "Rapport 360 - Jose Muller- ukasz - Ete 2026.pdf", "Rapport 360 - José Müller-Łukasz - Été 2026.pdf"},
		{"GreekAndCyrillicInFilenameStar", "Ελένη Παπαδοπούλου", "Весна 2026", "Rapport 360 - 2026.pdf", "Rapport 360 - Ελένη Παπαδοπούλου - Весна 2026.pdf"},
		{"NoPathsQuotesOrBidiTricks", `../..\Bob "B" <x>`, "Q1/Q2: a*b?\u202Efdp.exe", "Rapport 360 - Bob B x - Q1 Q2 a b fdp.exe.pdf", "Rapport 360 - Bob B x - Q1 Q2 a b fdp.exe.pdf"},
		{"LongTitlesAreCut", "Ann", "A very long round title that goes on and on and on and on and on forever", "Rapport 360 - Ann - A very long round title that goes on and on and on and on.pdf", "Rapport 360 - Ann - A very long round title that goes on and on and on and on.pdf"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			header := reportDisposition("attachment", tc.leader, tc.round)
			_, rest, _ := strings.Cut(header, `filename="`)
			ascii, _, _ := strings.Cut(rest, `"`)
			if ascii != tc.ascii {
				t.Errorf("ASCII filename %q, want %q (header %s)", ascii, tc.ascii, header)
			}
			kind, params, err := mime.ParseMediaType(header)
			if err != nil || kind != "attachment" {
				t.Fatalf("%s: %q %v", header, kind, err)
			}
			if params["filename"] != tc.full {
				t.Errorf("filename* %q, want %q (header %s)", params["filename"], tc.full, header)
			}
		})
	}
}
