package report_test

import (
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/report"
	"github.com/rapporthq/rapport/internal/scoring"
)

// TestReportFollowsThePronoun reads the drawn report (pdftotext) for the
// sentences that refer to the leader, with a pronoun and with the name.
func TestReportFollowsThePronoun(t *testing.T) {
	const full = "Zoë Martínez-Ölander"
	draw := func(t *testing.T, p rapport.Pronoun) string {
		in := round(3, 0, rapport.Self, rapport.Superior, rapport.Peer, rapport.Peer, rapport.Peer)
		in.Leader = rapport.NamingOf(full, p)
		in.Competencies[0].Items[0].TextOther = "{leader} keeps {their} promises to the people around {them}."
		in.Questions[0].Text = "What should {leader} keep doing in {their} role?"
		text, _ := render(t, "pronoun-"+string(p), in, func(m *report.Meta) { m.LeaderName, m.LeaderPronoun = full, p })
		return text
	}
	check := func(t *testing.T, text string, want, never []string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("the report lacks %q", w)
			}
		}
		for _, n := range never {
			if strings.Contains(text, n) {
				t.Errorf("the report says %q", n)
			}
		}
	}

	t.Run("SheReadsHerAndHerself", func(t *testing.T) {
		check(t, draw(t, rapport.PronounShe), []string{
			"and Zoë rated herself",
			"How Zoë rated herself and how each group rated her, per competency",
			"For Zoë and her coach only",
			"compares how Zoë sees her own leadership with how the people around her see it",
			"Manager is her superior",
			"Where Zoë's view of herself and the view of All others meet",
			"Zoë keeps her promises to the people around her.",
			"What should Zoë keep doing in her role?",
		}, []string{"themself", "rated themselves", "their coach", "their own leadership", "{their}", "{them}"})
	})
	t.Run("TheyReadsThemAndThemselves", func(t *testing.T) {
		check(t, draw(t, rapport.PronounThey), []string{
			"and Zoë rated themselves",
			"For Zoë and their coach only",
			"Zoë keeps their promises to the people around them.",
		}, []string{"herself", "themself"})
	})
	t.Run("NameRepeatsTheFirstNameWithoutReflexives", func(t *testing.T) {
		check(t, draw(t, rapport.PronounName), []string{
			"besides Zoë's own rating",
			"Zoë's own rating and how each group rated Zoë, per competency",
			"For Zoë and Zoë's coach only",
			"Where Zoë's own view and the view of All others meet",
			"Zoë keeps Zoë's promises to the people around Zoë.",
		}, []string{"themself", "rated themselves", "herself", "Zoë rated Zoë", "view of Zoë", " their coach", "around them"})
	})
}

// TestSummaryCarriesTheNaming checks that the figures say how the leader
// is referred to, for views drawn from the summary alone.
func TestSummaryCarriesTheNaming(t *testing.T) {
	in := round(3, 0, rapport.Self, rapport.Peer, rapport.Peer, rapport.Peer)
	in.Leader = rapport.NamingOf("Ólafur Þórsson", rapport.PronounHe)
	s := scoring.Compute(in)
	if s.Leader.First != "Ólafur" || s.Leader.Pronoun != rapport.PronounHe {
		t.Fatalf("summary's leader: %+v", s.Leader)
	}
}
