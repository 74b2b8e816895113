package web

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/scoring"
)

// The report page's charts are inline SVG laid out in percentages of their
// width and in pixels of their height, so they fill a phone and a desktop
// alike. Each chart carries its figures as a text alternative (role="img"
// and aria-label), and the figures stand in tables beside them. No text is
// drawn inside an SVG: the scale's points, the bars' figures and the spread's
// counts are HTML beside the shapes, never over them, so they keep the
// page's font and contrast checkers can tell their background.

// Every chart places the scale from plotLeft to plotLeft+plotWidth percent
// of its width, leaving room for half a scale label at each end.
const (
	plotLeft  = 3.0
	plotWidth = 94.0
	barHeight = 12
	barStep   = 17
)

// chartTick is a scale point's place on a chart.
type chartTick struct {
	X     string // percent, for SVG
	Label int
}

// scalePct places a score on the plot, in percent of the chart's width.
func scalePct(sc rapport.Scale, v float64) float64 {
	lo, hi := float64(sc.Min), float64(sc.Max)
	if hi <= lo {
		return plotLeft + plotWidth/2
	}
	return plotLeft + (v-lo)/(hi-lo)*plotWidth
}

func pct(x float64) string { return fmt.Sprintf("%.2f%%", x) }

func scaleTicks(sc rapport.Scale) []chartTick {
	var ticks []chartTick
	for v := sc.Min; v <= sc.Max; v++ {
		ticks = append(ticks, chartTick{pct(scalePct(sc, float64(v))), v})
	}
	return ticks
}

// competencyBars is one competency of the overview: a bar per group, and
// beside the chart each bar's figure on the bar's line.
type competencyBars struct {
	Name   string
	Label  string // the chart's text alternative
	Height int
	Bars   []chartBar
}

type chartBar struct {
	Y     int
	Color string
	Width string // percent, from plotLeft
	Value figure
}

func overviewBars(sc rapport.Scale, groups []reportGroup, c scoring.CompetencyScores) competencyBars {
	cb := competencyBars{Name: c.Name, Height: len(groups)*barStep + 2}
	var said []string
	for i, g := range groups {
		b := chartBar{Y: 2 + i*barStep, Color: g.Color, Value: meanFig("c/"+c.Key, c.Scores, g.Key)}
		if sco, ok := c.Scores[g.Key]; ok {
			b.Width = pct(scalePct(sc, sco.Mean) - plotLeft)
			said = append(said, g.Label+" "+b.Value.Text)
		} else {
			said = append(said, g.Label+" not shown")
		}
		cb.Bars = append(cb.Bars, b)
	}
	cb.Label = c.Name + ": " + strings.Join(said, ", ")
	return cb
}

// spreadView is All others' ratings of a statement: a column per scale
// point, the most chosen point full height, with its count written under
// it, so that counts and columns line up whatever the scale's length.
type spreadView struct {
	Label   string
	Columns []spreadColumn
	N, SD   figure
	NA      figure
	HasNA   bool
	Mixed   bool
}

type spreadColumn struct {
	X, W  string // percent of the chart's width
	Y, H  int    // pixels, in a chart spreadHeight high
	Color string
	Count figure
}

const spreadHeight = 23

func spreadOf(sc rapport.Scale, points []reportPoint, it scoring.ItemScores) *spreadView {
	dist, ok := it.Distribution[scoring.AllOthers]
	score := it.Scores[scoring.AllOthers]
	if !ok || score.N == 0 {
		return nil
	}
	key := fmt.Sprintf("i/%d/all_others/", it.ID)
	sv := &spreadView{N: countFig(key+"n", score.N), SD: scoreFig(key+"sd", score.SD), Mixed: score.SD >= 1.0}
	if na := it.NA[scoring.AllOthers]; na > 0 {
		sv.NA, sv.HasNA = countFig(fmt.Sprintf("na/%d/all_others", it.ID), na), true
	}
	dist = dist[:min(len(dist), len(points))]
	if len(dist) == 0 {
		return nil
	}
	most := slices.Max(dist)
	if most == 0 {
		return nil
	}
	step := 100 / float64(len(dist))
	var said []string
	for i, n := range dist {
		said = append(said, fmt.Sprintf("%d %s: %d", points[i].Value, points[i].Label, n))
		h := 0
		if n > 0 {
			h = max(int(float64(spreadHeight)*float64(n)/float64(most)+0.5), 2) // one rater of many still shows
		}
		sv.Columns = append(sv.Columns, spreadColumn{X: pct(float64(i)*step + step*0.15), W: pct(step * 0.7),
			Y: spreadHeight - h, H: h, Color: points[i].Color, Count: countFig(fmt.Sprintf("d/%d/%d", it.ID, i), n)})
	}
	sv.Label = "All others' ratings: " + strings.Join(said, ", ")
	return sv
}

// reportSummary is the summary at the top of the page, picked as the PDF's
// summary page picks it (scoring.Summary.Highlights): who answered, the
// three highest and lowest statements, the largest blind spot and hidden
// strength, and self against each group per competency.
type reportSummary struct {
	Top, Bottom []summaryEntry
	Gaps        []summaryGap // the largest blind spot, then hidden strength
	Dots        []dotRow
}

// summaryEntry is a statement of the summary with its figures, worded as
// the PDF words them beside the leader's first name.
type summaryEntry struct {
	Row   rankedRow
	First string
}

// summaryGap is the largest blind spot or hidden strength, or, when there
// is none, the PDF's sentence saying so.
type summaryGap struct {
	Title, None, First string
	Gap                *gapRow
}

// dotRow is a competency on the summary's chart: a dot per group, a
// diamond for self, and a line from the lowest view to the highest.
type dotRow struct {
	Name      string
	Label     string
	Dots      []chartDot
	Self      *chartDot
	LineFrom  string
	LineTo    string
	HasSpread bool // more than one view, so a line joins them
}

type chartDot struct {
	X     string
	Color string
}

func summaryOf(v *reportView, sc rapport.Scale, s *scoring.Summary) reportSummary {
	// The summary repeats figures shown further down; its keys say so ("sum/").
	h, first := s.Highlights(), v.Words.First
	var sum reportSummary
	for _, r := range v.Top[:len(h.Top)] {
		sum.Top = append(sum.Top, summaryEntry{r.repeated(), first})
	}
	for _, r := range v.Bottom[:len(h.Bottom)] {
		sum.Bottom = append(sum.Bottom, summaryEntry{r.repeated(), first})
	}
	blind := summaryGap{Title: "Largest blind spot", None: v.Words.NoBlindSpot, First: first}
	if h.BlindSpot != nil {
		g := v.BlindSpots[0].repeated()
		blind.Gap = &g
	}
	hidden := summaryGap{Title: "Largest hidden strength", None: v.Words.NoHiddenStrength, First: first}
	if h.HiddenStrength != nil {
		g := v.Hidden[0].repeated()
		hidden.Gap = &g
	}
	sum.Gaps = []summaryGap{blind, hidden}
	for _, c := range s.Competencies {
		sum.Dots = append(sum.Dots, dotsOf(sc, v.Groups, c))
	}
	return sum
}

func dotsOf(sc rapport.Scale, groups []reportGroup, c scoring.CompetencyScores) dotRow {
	row := dotRow{Name: c.Name}
	var said []string
	lo, hi, shown := 0.0, 0.0, 0
	for _, g := range groups {
		score, ok := c.Scores[g.Key]
		if !ok {
			said = append(said, g.Label+" not shown")
			continue
		}
		said = append(said, fmt.Sprintf("%s %.2f", g.Label, score.Mean))
		if shown == 0 || score.Mean < lo {
			lo = score.Mean
		}
		if shown == 0 || score.Mean > hi {
			hi = score.Mean
		}
		shown++
		dot := chartDot{pct(scalePct(sc, score.Mean)), g.Color}
		if g.Key == string(rapport.Self) {
			row.Self = &dot
		} else {
			row.Dots = append(row.Dots, dot)
		}
	}
	row.HasSpread = shown > 1
	row.LineFrom, row.LineTo = pct(scalePct(sc, lo)), pct(scalePct(sc, hi))
	row.Label = c.Name + ": " + strings.Join(said, ", ")
	return row
}

func (f figure) repeated() figure {
	if f.Shown {
		f.Key = "sum/" + f.Key
	}
	return f
}

func (r rankedRow) repeated() rankedRow {
	r.Others, r.Self = r.Others.repeated(), r.Self.repeated()
	return r
}

func (g gapRow) repeated() gapRow {
	g.Self, g.Others, g.Apart = g.Self.repeated(), g.Others.repeated(), g.Apart.repeated()
	return g
}
