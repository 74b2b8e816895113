package report_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/report"
	"github.com/rapporthq/rapport/internal/scoring"
	"github.com/rapporthq/rapport/internal/testkit"
)

// A name and a competency with hyphens keep them as hyphens (U+002D) for
// anyone who copies or searches the PDF; face_test.go checks the glyph is
// a short one.
func TestHyphensExtractAsHyphens(t *testing.T) {
	in := withComment("Decision-making got faster – and clearer.")
	in.Leader = rapport.NamingOf("Ana Martínez-Ölander", rapport.PronounName)
	in.Competencies[0].Name = "Decision-making"
	text, _ := render(t, "hyphens", in, func(m *report.Meta) { m.LeaderName = "Ana Martínez-Ölander" })
	for _, want := range []string{"Ana Martínez-Ölander", "Decision-making", "faster – and clearer"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}

// The PDF passes the checks document archives use: pdfcpu's strict
// validation (PDF 32000-1:2008), qpdf's structural check, and every font
// embedded, with the fallback fonts in use too.
func TestPDFPassesStrictValidation(t *testing.T) {
	in := withComment("Thanks 🙏 · Հայերեն · ქართული · ✓ ★ · 漢字 · → ∑ ≠")
	in.Leader = rapport.NamingOf("Ana Martínez-Ölander", rapport.PronounName)
	prev := withComment("Earlier.")
	in.Previous, in.PreviousRound = scoring.Compute(prev), &scoring.RoundRef{Title: "Autumn 2025"}
	path := renderFile(t, "strict", in)

	pdfcpu := filepath.Join(testkit.RepoRoot(t), ".cache/bin/pdfcpu")
	out := testkit.Tool(t, pdfcpu, "validate", "-c", "disable", "-o", "-m", "strict", path)
	if !strings.Contains(out, "validation ok") {
		t.Errorf("pdfcpu: %s", out)
	}
	testkit.Tool(t, "qpdf", "--check", path)

	fonts := strings.Split(strings.TrimSpace(testkit.Tool(t, "pdffonts", path)), "\n")[2:]
	if len(fonts) < 4 {
		t.Fatalf("%d fonts: the fallback fonts are not in use, so the test shows less than it should", len(fonts))
	}
	for _, line := range fonts {
		// name, type, encoding, then emb: "yes" or "no"
		if f := strings.Fields(line); len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("a font is not embedded: %s", line)
		}
	}
}
