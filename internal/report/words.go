package report

import (
	"fmt"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/scoring"
)

// Words are the sentences and selections the PDF draws from the summary
// besides its figures, for the report's web page (internal/web), so that the
// page says what the PDF says, picks what it picks, and follows the leader's
// pronoun as it does. Each sentence comes from the method the PDF draws it with.
type Words struct {
	// First is the leader's first name, as the report calls them.
	First string
	// Responses and Confidential are the cover's count and promise.
	Responses, Confidential string
	// SummaryLead opens the summary; SummaryChartCaption explains its chart;
	// NoBlindSpot, NoHiddenStrength and NotRanked stand for what a round lacks.
	SummaryLead, SummaryChartCaption         string
	NoBlindSpot, NoHiddenStrength, NotRanked string
	// HowToReadLead, GroupsIntro, AnonymityRules and FigureNotes are "How to read this report".
	HowToReadLead, GroupsIntro  string
	AnonymityRules, FigureNotes []string
	// GroupingNotes explain under "Who answered" how anonymous raters were grouped.
	GroupingNotes []string
	// OverviewLead opens the overview; OverviewNotes, under it and under the
	// summary's chart, say why a competency's figure is missing.
	OverviewLead  string
	OverviewNotes []string
	// CompetenciesLead opens the competencies, statement by statement.
	CompetenciesLead string
	// CompetencyAbsences (by competency key) and ItemAbsences (by item id)
	// say, under a competency's means and a statement's, why a figure is missing.
	CompetencyAbsences map[string][]string
	ItemAbsences       map[int64][]string
	// WithheldReason says why All others is not shown; "" when it is.
	// NotInRound says so where the rankings and the window would be.
	WithheldReason, NotInRound string
	// WithheldComments says whose comments are left out; "" when none are.
	WithheldComments string
	// ExtremesLead, WindowLead and WindowCaption word the rankings and the window.
	ExtremesLead, WindowLead, WindowCaption string
	// Open and Develop are the window's statements where self and All
	// others agree: upper half and lower half of All others' ratings.
	Open, Develop []WindowItem
	// ProgressLead and ProgressSelfNote word the progress page, which
	// compares ProgressGroups (group keys, in report order); Moves are its
	// notes on what moved most.
	ProgressLead, ProgressSelfNote string
	ProgressGroups                 []string
	Moves                          []string
}

// WindowItem is a statement in a quadrant of the window, with its figures
// worded as the PDF words them.
type WindowItem struct {
	Text    string
	Figures string
}

// WordsFor returns the words the PDF of m and s says around its figures.
// Nothing is drawn: it is cheap.
func WordsFor(m Meta, s *scoring.Summary) Words {
	d := &doc{m: m, s: s, first: rapport.FirstName(m.LeaderName), leader: m.Leader()}
	w := Words{First: d.first, Responses: d.responsesLine(), Confidential: d.confidential(),
		SummaryLead: d.summaryLead(), SummaryChartCaption: d.summaryChartCaption(),
		NoBlindSpot: d.noBlindSpot(), NoHiddenStrength: d.noHiddenStrength(), NotRanked: notRanked,
		HowToReadLead: d.howToReadLead(), GroupsIntro: d.groupsIntro(), AnonymityRules: d.anonymityRules(), FigureNotes: d.figureNotes(),
		GroupingNotes: d.groupingNotes(), OverviewLead: d.overviewLead(), OverviewNotes: d.overviewNotes(),
		CompetenciesLead: competenciesLead, CompetencyAbsences: map[string][]string{}, ItemAbsences: map[int64][]string{},
		WithheldReason: d.withheldReason(),
		ExtremesLead:   d.extremesLead(), WindowLead: d.windowLead(), WindowCaption: d.windowCaption()}
	if w.WithheldReason != "" {
		w.NotInRound = d.notInRound()
	}
	if len(s.Withheld) > 0 {
		w.WithheldComments = d.withheldComments()
	}
	for _, c := range s.Competencies {
		if lines := d.competencyAbsences([]scoring.CompetencyScores{c}, "see below"); len(lines) > 0 {
			w.CompetencyAbsences[c.Key] = lines
		}
	}
	for _, it := range s.Items {
		if lines := d.itemAbsences(it); len(lines) > 0 {
			w.ItemAbsences[it.ID] = lines
		}
	}
	open, develop := d.agreed()
	for _, it := range open {
		w.Open = append(w.Open, WindowItem{it.text, it.figures})
	}
	for _, it := range develop {
		w.Develop = append(w.Develop, WindowItem{it.text, it.figures})
	}
	if s.Progress != nil {
		w.ProgressLead, w.ProgressSelfNote, w.Moves = d.progressLead(), d.progressSelfNote(), d.moves()
		for _, g := range d.progressGroups() {
			w.ProgressGroups = append(w.ProgressGroups, g.Key)
		}
	}
	return w
}

// gapFigures words a blind spot's or hidden strength's figures as the
// window does.
func gapFigures(g scoring.Gap) string {
	return fmt.Sprintf("self %s · others %s", fmtScore(g.Self), fmtScore(g.Others))
}
