// Package report draws the PDF a coach puts on the table at the debrief:
// from a round's scoring.Summary (every figure in it is the summary's
// figure) and a few descriptive facts (names, dates, question texts).
package report

import (
	"fmt"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/scoring"
)

// Meta is what the report says besides figures.
type Meta struct {
	LeaderName string
	// LeaderPronoun is how the report's sentences refer to the leader.
	LeaderPronoun rapport.Pronoun
	LeaderTitle   string
	Organization  string
	CoachName     string
	RoundTitle    string
	FrameworkName string
	LaunchedAt    *time.Time
	ClosedAt      time.Time
	Scale         rapport.Scale
	Competencies  []rapport.Competency // for their descriptions
	Questions     []rapport.OpenQuestion
	// Invited counts the raters asked per relationship, for response rates.
	Invited map[rapport.Relationship]int
}

// Leader is how the report refers to the leader: first name and pronoun.
func (m Meta) Leader() rapport.Naming { return rapport.NamingOf(m.LeaderName, m.LeaderPronoun) }

// Page geometry in millimetres (A4 portrait).
const (
	pageW, pageH   = 210.0, 297.0
	marginX        = 18.0
	marginTop      = 24.0
	marginBottom   = 20.0
	contentW       = pageW - 2*marginX
	bodySize       = 9.5
	lineH          = 4.6
	gapAfterPara   = 2.5
	headingSize    = 17.0
	subheadingSize = 11.5
)

// Render writes the report of a closed round as a PDF.
func Render(w io.Writer, m Meta, s *scoring.Summary) (err error) {
	// fpdf panics on some inputs it does not expect; a report that cannot
	// be drawn is an error for the caller to refuse, never a crash.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("report: cannot draw: %v", r)
		}
	}()
	d := newDoc(m, s)
	d.cover()
	d.summary()
	d.howToRead()
	d.responses()
	d.overview()
	d.progress()
	d.competencies()
	if why := d.withheldReason(); why != "" {
		d.page("Highest and lowest, blind spots and hidden strengths", "")
		d.notice("Not in this round", d.notInRound())
	} else {
		d.extremes()
		d.window()
	}
	d.comments()
	d.reflection()
	d.plan()
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := d.pdf.Output(w); err != nil {
		return fmt.Errorf("report: write: %w", err)
	}
	return nil
}

// doc is one report being drawn.
type doc struct {
	pdf     *fpdf.Fpdf
	m       Meta
	s       *scoring.Summary
	first   string         // the leader's first name, used in item texts
	leader  rapport.Naming // how sentences refer to the leader (leader_words.go)
	running string         // running header text
	style   string         // the current style and size of the body face
	size    float64
	loaded  map[string]bool // the fallback fonts added to this document
	// missing is set once a character had to be drawn as the placeholder,
	// and noted once the footnote that explains it is drawn.
	missing, noted bool
}

func newDoc(m Meta, s *scoring.Summary) *doc {
	pdf := NewFontDocument()
	// fpdf compresses each page with a new zlib writer of about 1 MB:
	// uncompressed pages make the file 2.5 times larger (about 200 kB for
	// 40 statements) but halve the time and the memory of a report.
	pdf.SetCompression(false)
	d := &doc{pdf: pdf, m: m, s: s, first: rapport.FirstName(m.LeaderName), leader: m.Leader(),
		running: m.LeaderName + "  ·  " + m.RoundTitle, loaded: map[string]bool{}}
	pdf.SetMargins(marginX, marginTop, marginX)
	pdf.SetAutoPageBreak(true, marginBottom)
	pdf.SetTitle("360° feedback report: "+bmpOnly(m.LeaderName), true)
	pdf.SetAuthor(bmpOnly(m.CoachName), true)
	pdf.SetCreator("Rapport", true)
	pdf.SetCreationDate(m.ClosedAt)
	pdf.SetModificationDate(m.ClosedAt)
	pdf.SetCatalogSort(true)
	pdf.AliasNbPages("{nb}")
	pdf.SetHeaderFunc(d.header)
	pdf.SetFooterFunc(d.footer)
	return d
}

func (d *doc) header() {
	if d.pdf.PageNo() == 1 {
		return
	}
	p := d.pdf
	d.font("", 7.5)
	d.textColor(grey)
	p.SetXY(marginX, 10)
	d.fitCell(contentW*0.75, 4, d.running, "", 0, "L")
	d.font("B", 7.5)
	d.textColor(accent)
	d.cell(contentW*0.25, 4, "CONFIDENTIAL", "", 0, "R")
	d.drawColor(rule)
	p.SetLineWidth(0.2)
	p.Line(marginX, 15.5, pageW-marginX, 15.5)
	p.SetXY(marginX, marginTop)
	d.textColor(ink)
}

func (d *doc) footer() {
	if d.pdf.PageNo() == 1 {
		d.missingNote()
		return
	}
	p := d.pdf
	d.font("", 7.5)
	d.textColor(grey)
	p.SetXY(marginX, pageH-12)
	d.fitCell(contentW/2, 4, "Prepared with Rapport for "+d.m.CoachName, "", 0, "L")
	d.cell(contentW/2, 4, fmt.Sprintf("Page %d of {nb}", p.PageNo()), "", 0, "R")
	d.missingNote()
	d.textColor(ink)
}

// missingNote explains the placeholder at the foot of the first page that
// shows it, and only there.
func (d *doc) missingNote() {
	if !d.missing || d.noted {
		return
	}
	d.noted = true
	d.font("I", 7)
	d.textColor(grey)
	d.pdf.SetXY(marginX, pageH-marginBottom+1.5)
	d.cell(contentW, 3.5, string(placeholder)+" marks a character this report cannot draw; the text around it is as written.", "", 0, "L")
}

// page starts a page with a title and an optional lead paragraph.
func (d *doc) page(title, lead string) {
	d.pdf.AddPage()
	d.pdf.Bookmark(bmpOnly(title), 0, -1)
	d.font("B", headingSize)
	d.textColor(ink)
	d.multi(contentW, 8, title)
	if lead != "" {
		d.pdf.Ln(1.5)
		d.font("", bodySize)
		d.textColor(soft)
		d.multi(contentW, lineH, lead)
	}
	d.textColor(ink)
	d.pdf.Ln(4)
}

// heading writes a subheading, first moving to a new page if the heading
// and the next `keep` millimetres would not fit (no orphan headings).
func (d *doc) heading(text string, keep float64) {
	d.ensure(8 + keep)
	d.font("B", subheadingSize)
	d.textColor(ink)
	d.multi(contentW, 6, text)
	d.pdf.Ln(1)
}

// para writes a paragraph of body text.
func (d *doc) para(text string) {
	d.font("", bodySize)
	d.textColor(ink)
	d.multi(contentW, lineH, text)
	d.pdf.Ln(gapAfterPara)
}

// ensure starts a new page unless h millimetres fit below the cursor.
func (d *doc) ensure(h float64) {
	if d.pdf.GetY()+h > pageH-marginBottom {
		d.pdf.AddPage()
	}
}

func (d *doc) font(style string, size float64) {
	d.style, d.size = style, size
	d.pdf.SetFont(fontFamily, style, size)
}

// height is the height of text wrapped to width w at the current font.
func (d *doc) height(text string, w, lh float64) float64 {
	return float64(d.lineCount(text, w)) * lh
}

// fmtScore writes a figure as the summary holds it: two decimals.
func fmtScore(x float64) string { return fmt.Sprintf("%.2f", x) }

func fmtChange(x float64) string {
	if x > 0 {
		return fmt.Sprintf("+%.2f", x)
	}
	if x < 0 {
		return fmt.Sprintf("−%.2f", -x)
	}
	return "±0.00"
}

func fmtDate(t time.Time) string { return t.Format("2 January 2006") }
