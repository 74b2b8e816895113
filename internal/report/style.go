package report

import (
	"slices"

	"github.com/rapporthq/rapport/internal/palette"
	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/scoring"
)

type rgb struct{ r, g, b int }

var (
	ink    = rgb{33, 37, 41}
	soft   = rgb{84, 90, 98}
	grey   = rgb{128, 134, 140}
	rule   = rgb{210, 214, 218}
	paper  = rgb{246, 247, 249}
	accent = rgb{154, 52, 40}
	navy   = colorOf(scoring.AllOthers)
	// selfText is the self colour darkened for text on white.
	selfText = rgb{168, 110, 0}
)

// colorOf is a group's colour in every chart and label, from palette, which
// the web view shares: one per relationship in every round, neutral for a
// merged group.
func colorOf(group string) rgb {
	c := palette.Of(group)
	return rgb{int(c.R), int(c.G), int(c.B)}
}

// pointColors colour the points of a scale from low (warm) to high (green).
func pointColors(points int) []rgb {
	low, mid, high := rgb{200, 90, 70}, rgb{215, 215, 210}, rgb{40, 140, 95}
	out := make([]rgb, points)
	for i := range out {
		t := 0.5
		if points > 1 {
			t = float64(i) / float64(points-1)
		}
		if t < 0.5 {
			out[i] = mix(low, mid, t*2)
		} else {
			out[i] = mix(mid, high, (t-0.5)*2)
		}
	}
	return out
}

func mix(a, b rgb, t float64) rgb {
	f := func(x, y int) int { return int(float64(x) + (float64(y)-float64(x))*t + 0.5) }
	return rgb{f(a.r, b.r), f(a.g, b.g), f(a.b, b.b)}
}

func (d *doc) textColor(c rgb) { d.pdf.SetTextColor(c.r, c.g, c.b) }
func (d *doc) fillColor(c rgb) { d.pdf.SetFillColor(c.r, c.g, c.b) }
func (d *doc) drawColor(c rgb) { d.pdf.SetDrawColor(c.r, c.g, c.b) }

// reportedIn is the key of the group r's raters are shown in (all others
// aside), if they are shown.
func (d *doc) reportedIn(r rapport.Relationship) (string, bool) {
	for _, g := range d.s.Groups {
		if g.Key != scoring.AllOthers && slices.Contains(g.Members, r) {
			return g.Key, true
		}
	}
	return "", false
}

// groupLabel is a group's name as the report shows it.
func (d *doc) groupLabel(key string) string {
	if g, ok := d.s.Group(key); ok {
		return g.Label
	}
	return key
}

// legend draws a colour key for the given groups on one line.
func (d *doc) legend(groups []scoring.Group) {
	p := d.pdf
	x, y := marginX, p.GetY()
	d.font("", 8)
	for _, g := range groups {
		label := g.Label
		w := p.GetStringWidth(label) + 9
		if x+w > pageW-marginX {
			x, y = marginX, y+5
		}
		d.fillColor(colorOf(g.Key))
		p.Rect(x, y+0.8, 3.2, 3.2, "F")
		d.textColor(soft)
		p.SetXY(x+4.4, y)
		d.cell(w-4.4, 4.8, label, "", 0, "L")
		x += w
	}
	d.textColor(ink)
	p.SetXY(marginX, y+7)
}
