package report_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/report"
	"github.com/rapporthq/rapport/internal/scoring"
)

// TestWordsAreThePDFs: every sentence WordsFor gives the web page is one
// the PDF of the same round prints, whatever the leader's pronoun, so the
// page cannot say something the PDF does not.
func TestWordsAreThePDFs(t *testing.T) {
	self, sup, peer, dr := rapport.Self, rapport.Superior, rapport.Peer, rapport.DirectReport
	withProgress := func(in scoring.Input) scoring.Input {
		in.Previous = scoring.Compute(round(3, 1, self, sup, peer, peer, peer, dr, dr, dr))
		in.PreviousRound = &scoring.RoundRef{Title: "Autumn 2025", ClosedAt: time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)}
		return in
	}
	naFigures := round(3, 0, self, sup, peer, peer, peer)
	naFigures.Responses[3].Scores[1], naFigures.Responses[4].Scores[1] = nil, nil
	agreed := round(3, 0, self, peer, peer, peer) // everyone rates every statement 3: no gap at all
	for _, r := range agreed.Responses {
		for id := range r.Scores {
			three := 3
			r.Scores[id] = &three
		}
	}
	cases := []struct {
		name    string
		in      scoring.Input
		pronoun rapport.Pronoun
	}{
		{"she-progress", withProgress(fullRound()), rapport.PronounShe},
		{"he-withheld-figures", naFigures, rapport.PronounHe},
		{"name-withheld-raters", round(3, 0, self, sup, peer, peer), rapport.PronounName},
		{"they-no-gap", agreed, rapport.PronounThey},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			edit := func(m *report.Meta) { m.LeaderPronoun = c.pronoun }
			text, _ := render(t, "words-"+c.name, c.in, edit)
			m := meta(c.in)
			edit(&m)
			w := report.WordsFor(m, scoring.Compute(c.in))
			said := append([]string{w.Responses, w.Confidential, w.SummaryLead, w.SummaryChartCaption, w.HowToReadLead, w.GroupsIntro,
				w.OverviewLead, w.CompetenciesLead, w.WithheldReason, w.NotInRound, w.WithheldComments, w.ProgressLead, w.ProgressSelfNote},
				w.AnonymityRules...)
			said = append(append(append(said, w.FigureNotes...), w.OverviewNotes...), w.Moves...)
			if w.NotInRound == "" {
				said = append(said, w.ExtremesLead, w.WindowLead, w.WindowCaption)
			}
			for _, lines := range w.ItemAbsences {
				said = append(said, lines...)
			}
			for _, lines := range w.CompetencyAbsences {
				said = append(said, lines...)
			}
			s := scoring.Compute(c.in)
			if h := s.Highlights(); w.NotInRound == "" && h.BlindSpot == nil {
				said = append(said, w.NoBlindSpot)
			}
			if h := s.Highlights(); w.NotInRound == "" && h.HiddenStrength == nil {
				said = append(said, w.NoHiddenStrength)
			}
			for _, sentence := range said {
				if sentence != "" && !strings.Contains(text, sentence) {
					t.Errorf("the PDF does not say %q", sentence)
				}
			}
		})
	}
}
