// Package palette gives each group of raters its colour, the same in every
// round, every chart and every view of a report (the PDF and the web page
// both take it from here). A relationship keeps its colour whatever other
// relationships are merged in a round; a merged group is neutral, because
// what it holds changes from round to round, and its label names who is in it.
package palette

import (
	"fmt"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/scoring"
)

// RGB is a colour as 8-bit red, green and blue.
type RGB struct{ R, G, B uint8 }

// Hex is the colour as CSS writes it: "#e69f00".
func (c RGB) Hex() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// The colours of the five relationships come from the Okabe-Ito palette,
// readable with colour vision deficiencies; all others is a dark navy and a
// merged group a neutral grey that none of them is mistaken for.
var (
	Neutral   = RGB{150, 150, 150}
	AllOthers = RGB{18, 52, 86}
	byKey     = map[string]RGB{
		string(rapport.Self):         {230, 159, 0},
		string(rapport.Superior):     {86, 180, 233},
		string(rapport.Peer):         {0, 158, 115},
		string(rapport.DirectReport): {204, 121, 167},
		string(rapport.Other):        {213, 94, 0},
		scoring.AllOthers:            AllOthers,
	}
)

// Of is the colour of a reported group, by its key (scoring.Group.Key):
// a relationship's own colour, all others' navy, and neutral for a merged
// group or any key it does not know.
func Of(groupKey string) RGB {
	if c, ok := byKey[groupKey]; ok {
		return c
	}
	return Neutral
}

// Hex is Of as a CSS colour, for the web view.
func Hex(groupKey string) string { return Of(groupKey).Hex() }
