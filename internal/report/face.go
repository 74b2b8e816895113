package report

import (
	"sync"

	"codeberg.org/go-pdf/fpdf"
)

// The body face is Noto Sans: proper hyphens and dashes, figures of one
// width (tabular, so the columns of figures align) and every Latin, Greek
// and Cyrillic character, in the three styles the report uses. The files in
// fonts/ are made by fonts/build.py, which also gives them a minus sign.
const fontFamily = "noto-sans"

// face is one style of the body face.
type face struct {
	style string // fpdf's style: "", "B" or "I"
	ttf   []byte
}

// bodyFaces are read once and shared by every document. fpdf parses a
// UTF-8 font into a per-document structure that it then mutates while
// subsetting (the data race of the archived gofpdf when documents shared
// one), and has no API to share a parsed one, so each document parses its
// own from these bytes (what that costs is measured in docs/benchmarks.md,
// "Reports").
var bodyFaces = sync.OnceValue(func() []face {
	return []face{
		{"", embedded("NotoSans-Regular.ttf")},
		{"B", embedded("NotoSans-Bold.ttf")},
		{"I", embedded("NotoSans-Italic.ttf")},
	}
})

// NewFontDocument starts an A4 document with the body face in its three
// styles, as every report does (the benchmarks measure what it costs).
func NewFontDocument() *fpdf.Fpdf {
	pdf := fpdf.New("P", "mm", "A4", "")
	for _, f := range bodyFaces() {
		pdf.AddUTF8FontFromBytes(fontFamily, f.style, f.ttf)
	}
	return pdf
}

// bodyCoverage is what the body face draws (fonts/build.py gives the three
// styles the same characters).
var bodyCoverage = sync.OnceValue(func() *coverage { return newCoverage(bodyFaces()[0].ttf) })
