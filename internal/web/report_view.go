package web

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/rapporthq/rapport/internal/palette"
	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/report"
	"github.com/rapporthq/rapport/internal/scoring"
)

// reportView is the report as a web page: the PDF's sections in the PDF's
// order, every figure taken from the summary as it is (formatted to two
// decimals, as the PDF prints it), nothing computed again.
type reportView struct {
	Leader, Role, RoundTitle, Framework, Period, CoachName string
	Words                                                  report.Words
	// PDFURL is where the same report is as a PDF.
	PDFURL string
	// RoundURL leads the coach back to the round; empty for the leader.
	RoundURL string

	Scale []reportPoint
	// Ticks place the scale's points on every chart, labelled above it as in the PDF.
	Ticks     []chartTick
	Groups    []reportGroup
	Responses []responseRow

	Summary      reportSummary
	Overview     []competencyBars
	Progress     *progressView
	Competencies []reportCompetency
	Top, Bottom  []rankedRow
	Ranked       []rankedTable
	Quadrants    []quadrant
	BlindSpots   []gapRow
	Hidden       []gapRow
	Comments     []questionComments
	Reflection   []report.ReflectionSection
	Plan         []report.PlanBox
}

// figure is one figure of the summary as the page prints it. Key names it
// (data-figure) so that a test can compare it with the summary's JSON.
type figure struct {
	Key   string
	Text  string
	Shown bool
	// Note stands for a figure not shown that the report names ("N/A"
	// where the leader did not rate a statement); without one, a dash.
	Note string
}

func scoreFig(key string, v float64) figure {
	return figure{Key: key, Text: fmt.Sprintf("%.2f", v), Shown: true}
}
func countFig(key string, n int) figure { return figure{Key: key, Text: fmt.Sprint(n), Shown: true} }

// meanFig is a group's mean from scores, or a withheld figure.
func meanFig(key string, scores map[string]scoring.Score, group string) figure {
	if sc, ok := scores[group]; ok {
		return scoreFig(key+"/"+group+"/mean", sc.Mean)
	}
	return figure{}
}

// selfFig is the leader's own mean from scores, or N/A: self is never
// withheld, so without a figure the leader chose "not able to observe".
func selfFig(key string, scores map[string]scoring.Score) figure {
	f := meanFig(key, scores, string(rapport.Self))
	if !f.Shown {
		f.Note = "N/A"
	}
	return f
}

func changeFig(key string, x float64) figure {
	f := scoreFig(key, x)
	switch {
	case x > 0:
		f.Text = "+" + f.Text
	case x < 0:
		f.Text = "−" + fmt.Sprintf("%.2f", -x)
	default:
		f.Text = "±0.00"
	}
	return f
}

type reportPoint struct {
	Value int
	Label string
	Color string
}

type reportGroup struct {
	Key, Label, Color string
	N                 figure
}

// responseRow is a relationship in "Who answered". Color is that of the
// group its raters are shown in (neutral when merged), "" when withheld.
type responseRow struct {
	Label, Color      string
	Invited, Answered int
	Rate              string
}

type rankedRow struct {
	Text, Competency string
	Others, Self     figure
}

type gapRow struct {
	Text, Competency    string
	Self, Others, Apart figure
}

type progressView struct {
	Title, Closed string
	Competencies  []progressCompetency
}

// progressCompetency is a competency's rows of the progress table; its
// name heads them all (a row group), so it is written once.
type progressCompetency struct {
	Name string
	Rows []progressRow
}

type progressRow struct {
	Group             string
	Then, Now, Change figure
	Why               string // why no change is shown, if none is
	// Direction colours others' change: up, down, flat; self's is "self",
	// neutral, since a lower self-rating after feedback may be insight.
	Direction string
}

type reportCompetency struct {
	Key, Name, Description string
	Means                  []groupFigure
	Items                  []reportItem
	Points                 []reportPoint // the scale, for the spreads' legend
	WithheldReason         string
	Absences               []string // why a mean of the competency is missing
}

type rankedTable struct {
	Title string
	Rows  []rankedRow
}

// quadrant is one part of the window: blind spots and hidden strengths
// (Gaps), open strengths and development areas (Items).
type quadrant struct {
	Kind, Title, Sub string
	Gaps             []gapRow
	Items            []report.WindowItem
}

type groupFigure struct {
	Group reportGroup
	Value figure
}

type reportItem struct {
	Text     string
	Cells    []groupFigure
	Spread   *spreadView
	Absences []string // why a mean of the statement is missing
}

type questionComments struct {
	Text     string
	Comments []commentView
}

type commentView struct {
	Text, Group, Color string
}

// newReportView lays out the report of m and s for the page.
func newReportView(m report.Meta, s *scoring.Summary) *reportView {
	w := report.WordsFor(m, s)
	v := &reportView{Leader: m.LeaderName, RoundTitle: m.RoundTitle, Framework: m.FrameworkName, CoachName: m.CoachName,
		Words: w, Reflection: report.Reflection, Plan: report.PlanBoxes}
	v.Role = strings.Trim(strings.Join([]string{m.LeaderTitle, m.Organization}, " · "), " ·")
	v.Period = "closed " + reportDate(m.ClosedAt)
	if m.LaunchedAt != nil {
		v.Period = reportDate(*m.LaunchedAt) + " – " + reportDate(m.ClosedAt)
	}
	points := m.Scale.Points()
	for i, l := range m.Scale.Labels {
		v.Scale = append(v.Scale, reportPoint{m.Scale.Min + i, l, pointColor(i, points)})
	}
	v.Ticks = scaleTicks(m.Scale)
	for _, g := range s.Groups {
		v.Groups = append(v.Groups, reportGroup{g.Key, g.Label, palette.Hex(g.Key), countFig("g/"+g.Key+"/n", g.N)})
	}
	for _, r := range rapport.Relationships {
		invited, answered := m.Invited[r], s.Responses[r]
		if invited == 0 && answered == 0 {
			continue
		}
		row := responseRow{Label: r.Label(), Color: shownInColor(s, r), Invited: invited, Answered: answered, Rate: "–"}
		if invited > 0 {
			row.Rate = fmt.Sprintf("%d%%", answered*100/invited)
		}
		v.Responses = append(v.Responses, row)
	}
	v.rankings(s)
	v.Summary = summaryOf(v, m.Scale, s)
	for _, c := range s.Competencies {
		v.Overview = append(v.Overview, overviewBars(m.Scale, v.Groups, c))
	}
	v.Progress = progressOf(v.Groups, w.ProgressGroups, s)
	v.competencies(m, s)
	v.comments(m, s, w.First)
	return v
}

func reportDate(t time.Time) string { return t.Format("2 January 2006") }

// shownInColor is the colour of the group r's raters are shown in (All
// others aside), as the PDF's "Who answered" keys it: "" when withheld.
func shownInColor(s *scoring.Summary, r rapport.Relationship) string {
	for _, g := range s.Groups {
		if g.Key != scoring.AllOthers && slices.Contains(g.Members, r) {
			return palette.Hex(g.Key)
		}
	}
	return ""
}

// competencyName is the name of the competency with key.
func competencyName(s *scoring.Summary, key string) string {
	for _, c := range s.Competencies {
		if c.Key == key {
			return c.Name
		}
	}
	return key
}

// rankings are the highest and lowest rated statements, and the blind
// spots and hidden strengths, with the figures the PDF prints beside them.
func (v *reportView) rankings(s *scoring.Summary) {
	items := map[int64]scoring.ItemScores{}
	for _, it := range s.Items {
		items[it.ID] = it
	}
	ranked := func(list []scoring.ItemRef, key string) []rankedRow {
		var rows []rankedRow
		for i, ref := range list {
			rows = append(rows, rankedRow{ref.Text, competencyName(s, ref.CompetencyKey),
				scoreFig(fmt.Sprintf("%s/%d/mean", key, i), ref.Mean), selfFig(fmt.Sprintf("i/%d", ref.ID), items[ref.ID].Scores)})
		}
		return rows
	}
	v.Top, v.Bottom = ranked(s.TopItems, "top"), ranked(s.BottomItems, "bottom")
	gaps := func(list []scoring.Gap, key string) []gapRow {
		var rows []gapRow
		for i, g := range list {
			k := fmt.Sprintf("%s/%d/", key, i)
			rows = append(rows, gapRow{g.Text, competencyName(s, g.CompetencyKey), scoreFig(k+"self", g.Self), scoreFig(k+"others", g.Others),
				scoreFig(k+"apart", math.Abs(g.Gap))})
		}
		return rows
	}
	v.BlindSpots, v.Hidden = gaps(s.BlindSpots, "blind"), gaps(s.HiddenStrengths, "hidden")
	v.Ranked = []rankedTable{{"Highest rated", v.Top}, {"Lowest rated", v.Bottom}}
	v.Quadrants = []quadrant{
		{"hidden", "Hidden strengths", "Others see more than you do", v.Hidden, nil},
		{"open", "Open strengths", "Seen by you and by others", nil, v.Words.Open},
		{"develop", "Development areas", "Lower for you and for others", nil, v.Words.Develop},
		{"blind", "Blind spots", "You see more than others do", v.BlindSpots, nil},
	}
}

// progressOf compares with the previous round for the groups the PDF's
// progress page compares: every group reported in both rounds.
func progressOf(groups []reportGroup, compared []string, s *scoring.Summary) *progressView {
	if s.Progress == nil {
		return nil
	}
	p := &progressView{Title: s.Progress.Title, Closed: reportDate(s.Progress.ClosedAt)}
	for _, c := range s.Competencies {
		pc := progressCompetency{Name: c.Name}
		for _, key := range compared {
			row := progressRow{Group: key}
			for _, g := range groups {
				if g.Key == key {
					row.Group = g.Label
				}
			}
			now, okNow := c.Scores[key]
			change, okChange := c.Change[key]
			switch {
			case !okNow:
				row.Why = "not shown in this round"
			case !okChange:
				row.Why = "not shown in both rounds"
			default:
				k := "p/" + c.Key + "/" + key + "/"
				row.Then, row.Now, row.Change = scoreFig(k+"then", c.Previous[key]), scoreFig(k+"now", now.Mean), changeFig(k+"change", change)
				row.Direction = changeDirection(key, change)
			}
			pc.Rows = append(pc.Rows, row)
		}
		if len(pc.Rows) > 0 {
			p.Competencies = append(p.Competencies, pc)
		}
	}
	return p
}

// changeDirection colours a change as the PDF does: others' by direction
// from a quarter point on, self's always neutral.
func changeDirection(group string, change float64) string {
	switch {
	case group == string(rapport.Self):
		return "self"
	case change >= 0.25:
		return "up"
	case change <= -0.25:
		return "down"
	}
	return "flat"
}

// competencies are the pages per competency: the means by group, then
// each statement's means by group and the spread of All others' ratings.
func (v *reportView) competencies(m report.Meta, s *scoring.Summary) {
	for i, c := range s.Competencies {
		cv := reportCompetency{Key: c.Key, Name: c.Name, Points: v.Scale, WithheldReason: v.Words.WithheldReason,
			Absences: v.Words.CompetencyAbsences[c.Key]}
		if i < len(m.Competencies) {
			cv.Description = m.Competencies[i].Description
		}
		for _, g := range v.Groups {
			cv.Means = append(cv.Means, groupFigure{g, meanFig("c/"+c.Key, c.Scores, g.Key)})
		}
		for _, it := range s.Items {
			if it.CompetencyKey != c.Key {
				continue
			}
			iv := reportItem{Text: it.Text, Spread: spreadOf(m.Scale, v.Scale, it), Absences: v.Words.ItemAbsences[it.ID]}
			for _, g := range v.Groups {
				iv.Cells = append(iv.Cells, groupFigure{g, meanFig(fmt.Sprintf("i/%d", it.ID), it.Scores, g.Key)})
			}
			cv.Items = append(cv.Items, iv)
		}
		v.Competencies = append(v.Competencies, cv)
	}
}

// comments are the open answers question by question, in the summary's
// order, labelled only with a group that is shown on its own.
func (v *reportView) comments(m report.Meta, s *scoring.Summary, first string) {
	for _, q := range m.Questions {
		qc := questionComments{Text: m.Leader().Fill(q.Text)}
		for _, c := range s.Comments {
			if c.QuestionKey != q.Key {
				continue
			}
			cv := commentView{Text: c.Text, Color: palette.Hex(c.Group)}
			if g, ok := s.Group(c.Group); ok {
				cv.Group = g.Label
			}
			qc.Comments = append(qc.Comments, cv)
		}
		v.Comments = append(v.Comments, qc)
	}
}
