package report_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/report"
	"github.com/rapporthq/rapport/internal/scoring"
)

// TestRenderTheLargestValidFramework draws the report of the largest
// framework Validate accepts (20 competencies, 120 items, 10 open
// questions, every text at its limit, a 10-point scale with long labels)
// answered by 50 raters: it must finish and be a valid PDF.
func TestRenderTheLargestValidFramework(t *testing.T) {
	long := func(seed string, n int) string {
		words := strings.Fields(seed + " listens asks decides explains 🙏 Ελένη Соколов")
		var b strings.Builder
		for i := 0; b.Len() < n*2; i++ {
			b.WriteString(words[i%len(words)] + " ")
		}
		return string([]rune(b.String())[:n])
	}
	fw := rapport.Framework{Key: "extreme", Name: long("Extreme", 500), Description: long("Description", 2000),
		Scale: rapport.Scale{Min: 1, Max: 10}}
	for i := range 10 {
		fw.Scale.Labels = append(fw.Scale.Labels, long(fmt.Sprintf("Point%d", i), 500))
	}
	id := int64(0)
	for c := range 20 {
		comp := rapport.Competency{Key: fmt.Sprintf("c%d", c), Name: long("Competency", 500), Description: long("About", 500)}
		for i := range 6 {
			id++
			comp.Items = append(comp.Items, rapport.Item{ID: id, Key: fmt.Sprintf("i%d", i),
				TextSelf: "I " + long("do", 497), TextOther: "{leader} " + long("does", 490)})
		}
		fw.Competencies = append(fw.Competencies, comp)
	}
	for q := range 10 {
		fw.OpenQuestions = append(fw.OpenQuestions, rapport.OpenQuestion{Key: fmt.Sprintf("q%d", q), Text: long("What should {leader}", 500)})
	}
	if err := fw.Validate(); err != nil {
		t.Fatalf("the framework is not valid, so it is not the largest valid one: %v", err)
	}
	in := scoring.Input{RoundID: 1, Threshold: 3, Scale: fw.Scale, Competencies: fw.Competencies, Questions: fw.OpenQuestions,
		Leader: rapport.NamingOf(long("Leader", 200), rapport.PronounThey), CommentKey: []byte("test")}
	rels := []rapport.Relationship{rapport.Self, rapport.Superior}
	for i := range 48 {
		rels = append(rels, rapport.Relationships[2+i%3])
	}
	for i, r := range rels {
		resp := scoring.Response{Relationship: r, Scores: map[int64]*int{}, Comments: map[string]string{}}
		for item := int64(1); item <= id; item++ {
			v := 1 + (i*7+int(item))%10
			resp.Scores[item] = &v
		}
		for _, q := range fw.OpenQuestions {
			resp.Comments[q.Key] = long("Comment", 5000)
		}
		in.Responses = append(in.Responses, resp)
	}
	text, pages := render(t, "extreme", in, func(m *report.Meta) { m.LeaderName = long("Leader", 200) })
	if pages < 20 || !strings.Contains(text, "Development plan") {
		t.Errorf("%d pages, the report is not whole", pages)
	}
}
