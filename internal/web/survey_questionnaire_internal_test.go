package web

import (
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// TestQuestionnaireCacheForgetsErasedLeaders: the cache keeps the
// leader's first name in its keys and texts; once forgotten (as an erasure
// does) nothing of it is left.
func TestQuestionnaireCacheForgetsErasedLeaders(t *testing.T) {
	f := &rapport.Framework{ID: 1, OpenQuestions: []rapport.OpenQuestion{{Key: "keep", Text: "What should {leader} keep doing?"}}}
	sv := &store.Survey{}
	sv.Framework = f
	sv.Round = rapport.Round{LeaderName: "Zora Erased", LeaderPronoun: rapport.PronounName}
	sv.Rater = rapport.Rater{Relationship: rapport.Peer}
	var qc questionnaireCache
	if q := qc.get(sv); !strings.Contains(string(q.openQuestions), "Zora") {
		t.Fatalf("the cached questions do not name the leader: %s (the test would prove nothing)", q.openQuestions)
	}
	qc.forget()
	if len(qc.entries) != 0 {
		t.Errorf("%d entries left after forget", len(qc.entries))
	}
}
