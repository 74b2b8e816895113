package report_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/report"
	"github.com/rapporthq/rapport/internal/scoring"
	"github.com/rapporthq/rapport/internal/testkit"
)

// The full report with realistic data is tested end to end in
// internal/web (TestReportPDF). These are the rounds at the edges: very
// little data, anonymous raters withheld, long texts in Greek and Cyrillic.
// RAPPORT_REPORT_DIR keeps each PDF there to look at (pdftoppm -png).

var scale = rapport.Scale{Min: 1, Max: 5, Labels: []string{"Rarely", "Sometimes", "Often", "Very often", "Almost always"}}

const longName = "Διαχείριση σύνθετων σχέσεων, εμπιστοσύνη και χειρισμός της διαφορετικότητας και της εξουσίας"

const longComment = "Когда проект шёл тяжело, Елена каждую неделю находила время выслушать каждого из нас, " +
	"не перебивая и не торопясь с выводами; благодаря этому команда доверяла ей даже в самые сложные месяцы, " +
	"и мы чувствовали, что наше мнение действительно учитывается при принятии решений. Θα ήθελα μόνο να " +
	"μοιράζεται νωρίτερα τους λόγους πίσω από τις μεγάλες αλλαγές, ώστε να μπορούμε να προετοιμαστούμε."

func competencies() []rapport.Competency {
	return []rapport.Competency{
		{Key: "listening", Name: "Listening", Description: "Gives others full attention.", Items: []rapport.Item{
			{ID: 1, TextOther: "{leader} listens without interrupting."},
			{ID: 2, TextOther: "{leader} asks before assuming."},
			{ID: 3, TextOther: "{leader} sums up what was said, so that everyone in the room can check they were understood."},
		}},
		{Key: "relations", Name: longName, Description: "Ζητά και δίνει ανατροφοδότηση· работает с различиями открыто.", Items: []rapport.Item{
			{ID: 4, TextOther: "{leader} κρατά τις υποσχέσεις της."},
			{ID: 5, TextOther: "{leader} признаёт свои ошибки открыто, даже перед всей командой и руководством."},
		}},
	}
}

func questions() []rapport.OpenQuestion {
	return []rapport.OpenQuestion{{Key: "keep", Text: "What should {leader} keep doing?"}, {Key: "start", Text: "What should {leader} start doing?"}}
}

// leaderName is the leader of every test round, named in full by meta.
const leaderName = "Елена Смирнова"

// round builds a round's input: one response per relationship listed,
// rater i answering item id with 1 + (i + id + shift) mod 5.
func round(threshold, shift int, rels ...rapport.Relationship) scoring.Input {
	in := scoring.Input{RoundID: 1, Threshold: threshold, Scale: scale, Competencies: competencies(), Questions: questions(),
		Leader: rapport.NamingOf(leaderName, rapport.PronounName), CommentKey: []byte("test")}
	for i, r := range rels {
		resp := scoring.Response{Relationship: r, Scores: map[int64]*int{}, Comments: map[string]string{}}
		for id := int64(1); id <= 5; id++ {
			v := 1 + (i+int(id)+shift)%5
			resp.Scores[id] = &v
		}
		switch r {
		case rapport.Superior:
			resp.Comments["keep"] = "Clear priorities every Monday."
		case rapport.Peer:
			resp.Comments["keep"] = longComment
			resp.Comments["start"] = "Делегировать больше."
		}
		in.Responses = append(in.Responses, resp)
	}
	return in
}

func meta(in scoring.Input) report.Meta {
	launched := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	invited := map[rapport.Relationship]int{}
	for _, r := range in.Responses {
		invited[r.Relationship]++
	}
	invited[rapport.Peer]++
	return report.Meta{LeaderName: leaderName, LeaderPronoun: in.Leader.Pronoun, LeaderTitle: "Руководитель отдела", Organization: "Αιγαίο Logistics",
		CoachName: "Άννα Κώστα", RoundTitle: "Spring 2026", FrameworkName: "Relational leadership", LaunchedAt: &launched,
		ClosedAt: launched.Add(14 * 24 * time.Hour), Scale: in.Scale, Competencies: in.Competencies, Questions: in.Questions, Invited: invited}
}

// render draws the report and returns its text, flattened, and its page
// count; edits change the meta before drawing.
func render(t *testing.T, name string, in scoring.Input, edits ...func(*report.Meta)) (string, int) {
	t.Helper()
	m := meta(in)
	for _, edit := range edits {
		edit(&m)
	}
	path := drawFile(t, name, m, scoring.Compute(in))
	testkit.Tool(t, "qpdf", "--check", path)
	info := testkit.Tool(t, "pdfinfo", path)
	pages := 0
	if m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info); m != nil {
		pages, _ = strconv.Atoi(m[1])
	}
	return strings.Join(strings.Fields(testkit.Tool(t, "pdftotext", "-enc", "UTF-8", path, "-")), " "), pages
}

func TestRender(t *testing.T) {
	self, sup, peer := rapport.Self, rapport.Superior, rapport.Peer

	t.Run("SmallRoundShowsEveryFigure", func(t *testing.T) {
		text, pages := render(t, "small", round(3, 0, self, peer, peer, peer))
		// cover, summary, how to read, overview, both competencies on one
		// page, extremes, window, comments, debrief, plan
		if pages != 10 {
			t.Errorf("%d pages, want 10", pages)
		}
		for _, bad := range []string{"not shown in", "Not shown”", "Progress since the last round", "Manager is their superior"} {
			if strings.Contains(text, bad) {
				t.Errorf("the report says %q", bad)
			}
		}
		for _, want := range []string{"3 people gave feedback", "Highest rated", "Open strengths"} {
			if !strings.Contains(text, want) {
				t.Errorf("the report lacks %q", want)
			}
		}
	})

	t.Run("WithheldRatersAreExplained", func(t *testing.T) {
		in := round(3, 0, self, sup, peer, peer)
		text, _ := render(t, "withheld", in)
		for _, want := range []string{
			"Only 2 anonymous raters (peers) answered, fewer than the 3 needed",
			"All others is not shown",
			"These pages rank the statements by All others and compare",
			"The comments of 2 anonymous raters (peers) are left out",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("the report lacks %q", want)
			}
		}
		if strings.Contains(text, "Делегировать") || strings.Contains(text, "Когда проект") {
			t.Error("a withheld peer's comment is printed")
		}
	})

	t.Run("LongTextsWrap", func(t *testing.T) {
		in := round(3, 0, self, sup, peer, peer, peer)
		prev := round(3, 1, self, sup, peer, peer, peer)
		in.Previous, in.PreviousRound = scoring.Compute(prev), &scoring.RoundRef{RoundID: 0, Title: "Autumn 2025",
			ClosedAt: time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)}
		text, _ := render(t, "long", in)
		for _, want := range []string{longName, "Progress since the last round", "What moved most",
			"Когда проект шёл тяжело", "ώστε να μπορούμε να προετοιμαστούμε."} {
			if !strings.Contains(text, want) {
				t.Errorf("the report lacks %q (wrapped text must keep every word)", want)
			}
		}
	})
}

// TestWhoAnsweredExplainsTheGrouping renders the round compositions the
// grouping rule treats differently and reads the note under "Who answered".
func TestWhoAnsweredExplainsTheGrouping(t *testing.T) {
	self, sup, peer, dr, other := rapport.Self, rapport.Superior, rapport.Peer, rapport.DirectReport, rapport.Other
	cases := []struct {
		name      string
		threshold int
		raters    []rapport.Relationship
		want      []string
		wantNot   []string
	}{
		{"SmallGroupsJoinALargeOne", 3, []rapport.Relationship{self, sup, peer, peer, peer, dr, other}, []string{
			"Only 1 direct report and 1 other stakeholder answered, fewer than 3 in each group and too few to show even together.",
			"So the 3 peers, large enough to be shown on their own, are combined with them into one group of 5 (Peers, direct reports & other stakeholders):",
			"shown apart, they could be subtracted from All others to reveal what the smaller groups answered.",
		}, []string{"each on its own would be fewer", "shown as a group of their own:"}},
		{"OneSmallGroupJoinsTheSmallestLargeOne", 3, []rapport.Relationship{self, peer, peer, peer, peer, dr, dr, dr, other}, []string{
			"The 4 peers are shown as a group of their own: at least 3 answered.",
			"Only 1 other stakeholder answered, fewer than 3. So the 3 direct reports, large enough to be shown on their own, are combined with them into one group of 4 (Direct reports & other stakeholders):",
			"what the smaller group answered.",
		}, nil},
		{"SmallGroupsTogetherAreEnough", 3, []rapport.Relationship{self, peer, peer, peer, dr, other, other}, []string{
			"The 3 peers are shown as a group of their own: at least 3 answered.",
			"Only 1 direct report and 2 other stakeholders answered, fewer than 3 in each group, so they are shown together as one group of 3 (Direct reports & other stakeholders).",
		}, []string{"large enough", "subtracted from All others"}},
		{"NoMerge", 3, []rapport.Relationship{self, sup, peer, peer, peer, dr, dr, dr}, []string{
			"The 3 peers and 3 direct reports are each shown as groups of their own: at least 3 answered in each.",
		}, []string{"combined into", "shown together"}},
		{"Withheld", 3, []rapport.Relationship{self, sup, peer, dr}, []string{
			"Only 1 peer and 1 direct report answered, fewer than the 3 needed to show anonymous raters even combined, so their answers are not shown anywhere in this report.",
		}, []string{"of their own:", "combined into"}},
		{"ThresholdTwo", 2, []rapport.Relationship{self, peer, peer, dr}, []string{
			"Only 1 direct report answered, fewer than 2. So the 2 peers, large enough to be shown on their own, are combined with them into one group of 3 (Peers & direct reports):",
		}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text, _ := render(t, "grouping-"+c.name, round(c.threshold, 0, c.raters...))
			for _, want := range c.want {
				if !strings.Contains(text, want) {
					t.Errorf("the report lacks %q", want)
				}
			}
			for _, bad := range c.wantNot {
				if strings.Contains(text, bad) {
					t.Errorf("the report says %q", bad)
				}
			}
		})
	}
}
