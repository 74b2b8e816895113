package web

import (
	"fmt"
	"strings"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/scoring"
)

// The report page's charts are inline SVG laid out in percentages of their
// width and in pixels of their height, so they fill a phone and a desktop
// alike while their text keeps the page's size. Each chart carries its
// figures as a text alternative (role="img" and aria-label), and the
// figures stand in tables beside them.

// Bars run from plotLeft to plotLeft+plotWidth percent of a chart's width;
// what is right of them holds the figure written at a bar's end.
const (
	plotLeft  = 3.0
	plotWidth = 82.0
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
		return plotLeft
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

// competencyBars is one competency of the overview: a bar per group.
type competencyBars struct {
	Name   string
	Label  string // the chart's text alternative
	Height int
	Bars   []chartBar
}

type chartBar struct {
	Y, TextY int
	Color    string
	Width    string // percent, from plotLeft
	ValueX   string // where the figure is written: just right of the bar
	Value    figure
}

func overviewBars(sc rapport.Scale, groups []reportGroup, c scoring.CompetencyScores) competencyBars {
	cb := competencyBars{Name: c.Name, Height: len(groups)*barStep + 2}
	var said []string
	for i, g := range groups {
		b := chartBar{Y: 2 + i*barStep, TextY: 2 + i*barStep + barHeight - 2, Color: g.Color, Value: meanFig("c/"+c.Key, c.Scores, g.Key)}
		if sco, ok := c.Scores[g.Key]; ok {
			end := scalePct(sc, sco.Mean)
			b.Width, b.ValueX = pct(end-plotLeft), pct(end+0.8)
			said = append(said, g.Label+" "+b.Value.Text)
		} else {
			b.ValueX = pct(plotLeft + 0.8)
			said = append(said, g.Label+" not shown")
		}
		cb.Bars = append(cb.Bars, b)
	}
	cb.Label = c.Name + ": " + strings.Join(said, ", ")
	return cb
}

// spreadView is All others' ratings of a statement as one stacked bar.
type spreadView struct {
	Label    string
	Segments []spreadSegment
	N, SD    figure
	NA       figure
	HasNA    bool
	Mixed    bool
}

type spreadSegment struct {
	X, W, TextX string
	Color       string
	Count       figure
	Wide        bool // wide enough to write its count on
}

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
	x := 0.0
	var said []string
	for i, n := range dist[:min(len(dist), len(points))] {
		said = append(said, fmt.Sprintf("%d %s: %d", points[i].Value, points[i].Label, n))
		if n == 0 {
			continue
		}
		w := 100 * float64(n) / float64(score.N)
		sv.Segments = append(sv.Segments, spreadSegment{X: pct(x), W: pct(w), TextX: pct(x + w/2), Color: points[i].Color,
			Count: countFig(fmt.Sprintf("d/%d/%d", it.ID, i), n), Wide: w >= 9})
		x += w
	}
	sv.Label = "All others' ratings: " + strings.Join(said, ", ")
	return sv
}

// reportSummary is the summary at the top of the page: who answered, the
// three highest and lowest statements, the largest blind spot and hidden
// strength, and self against each group per competency.
type reportSummary struct {
	Top, Bottom       []rankedRow
	BlindSpot, Hidden *gapRow
	Dots              []dotRow
}

type dotRow struct {
	Name  string
	Label string
	Dots  []chartDot
}

type chartDot struct {
	X     string
	Color string
	Self  bool
}

func summaryOf(v *reportView, sc rapport.Scale, s *scoring.Summary) reportSummary {
	// The summary repeats figures shown further down; its keys say so ("sum/").
	var sum reportSummary
	for _, r := range v.Top[:min(3, len(v.Top))] {
		sum.Top = append(sum.Top, r.repeated())
	}
	for _, r := range v.Bottom[:min(3, len(v.Bottom))] {
		sum.Bottom = append(sum.Bottom, r.repeated())
	}
	if len(v.BlindSpots) > 0 {
		g := v.BlindSpots[0].repeated()
		sum.BlindSpot = &g
	}
	if len(v.Hidden) > 0 {
		g := v.Hidden[0].repeated()
		sum.Hidden = &g
	}
	for _, c := range s.Competencies {
		row := dotRow{Name: c.Name}
		var said []string
		for _, g := range v.Groups {
			score, ok := c.Scores[g.Key]
			if !ok {
				said = append(said, g.Label+" not shown")
				continue
			}
			said = append(said, fmt.Sprintf("%s %.2f", g.Label, score.Mean))
			row.Dots = append(row.Dots, chartDot{pct(dotPct(sc, score.Mean)), g.Color, g.Key == string(rapport.Self)})
		}
		row.Label = c.Name + ": " + strings.Join(said, ", ")
		sum.Dots = append(sum.Dots, row)
	}
	return sum
}

// dotPct places a score on the summary's dot chart, which has no figures
// written beside it and so spans the chart's width.
func dotPct(sc rapport.Scale, x float64) float64 {
	lo, hi := float64(sc.Min), float64(sc.Max)
	if hi <= lo {
		return 50
	}
	return 3 + (x-lo)/(hi-lo)*94
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
	g.Self, g.Others = g.Self.repeated(), g.Others.repeated()
	return g
}
