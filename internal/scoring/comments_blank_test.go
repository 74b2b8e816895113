package scoring

import (
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
)

// TestCommentsStoredWithBlankRunsAreTidied: a comment stored before blank
// runs were collapsed at submission cannot fill the report with empty pages.
func TestCommentsStoredWithBlankRunsAreTidied(t *testing.T) {
	rels := []rapport.Relationship{rapport.Self, rapport.Peer, rapport.Peer, rapport.Peer}
	in := input(3, rels, func(int, int64) *int { return score(3) })
	in.Responses[1].Comments["strengths"] = "a" + strings.Repeat("\n", 1998) + "b"
	in.Comments = []GroupComment{{Group: "peer", QuestionKey: "change", Text: "c\n \n\u200b\n\n\nd"}}
	got := map[string]string{}
	for _, c := range Compute(in).Comments {
		got[c.QuestionKey] = c.Text
	}
	if got["strengths"] != "a\n\nb" || got["change"] != "c\n\nd" {
		t.Errorf("comments %q", got)
	}
}
