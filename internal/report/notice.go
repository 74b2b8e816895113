package report

import (
	"fmt"
	"strings"

	"github.com/rapporthq/rapport/internal/scoring"
)

// withheldReason says, in one or two sentences, why All others and the
// anonymous groups are missing from the report, or "" when they are shown.
func (d *doc) withheldReason() string {
	if _, ok := d.s.Group(scoring.AllOthers); ok {
		return ""
	}
	if len(d.s.Withheld) == 0 {
		return "Nobody but " + d.first + " answered, so there is nothing to compare with."
	}
	return fmt.Sprintf("Only %s answered, fewer than the %d needed to keep answers anonymous, so their answers are left out of every figure "+
		"and comment, and All others is not shown: beside the manager's rating it would give them away.", d.withheldWho(), d.s.AnonymityThreshold)
}

// notice draws a shaded box with a short explanation.
func (d *doc) notice(title, text string) {
	p := d.pdf
	d.font("", 9)
	h := d.height(text, contentW-12, 4.5) + 13
	d.ensure(h + 2)
	y := p.GetY()
	d.fillColor(paper)
	p.Rect(marginX, y, contentW, h, "F")
	d.fillColor(accent)
	p.Rect(marginX, y, 1.2, h, "F")
	p.SetXY(marginX+6, y+3.5)
	d.font("B", 9.5)
	d.textColor(accent)
	d.cell(contentW-12, 5, title, "", 2, "L")
	p.SetX(marginX + 6)
	d.font("", 9)
	d.textColor(ink)
	d.multi(contentW-12, 4.5, text)
	p.SetXY(marginX, y+h+4)
}

// withheldComments says whose comments are left out, and why.
func (d *doc) withheldComments() string {
	return fmt.Sprintf("The comments of %s are left out: fewer than %d answered, and their words could tell who wrote them.",
		d.withheldWho(), d.s.AnonymityThreshold)
}

// withheldWho counts the withheld raters: "2 anonymous raters (peers)".
func (d *doc) withheldWho() string {
	n, names := 0, []string{}
	for _, r := range d.s.Withheld {
		n += d.s.Responses[r]
		names = append(names, r.LowerLabel())
	}
	noun := "anonymous raters"
	if n == 1 {
		noun = "anonymous rater"
	}
	return fmt.Sprintf("%d %s (%s)", n, noun, strings.Join(names, " and "))
}
