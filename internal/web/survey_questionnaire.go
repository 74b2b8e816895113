package web

import (
	"encoding/json"
	"sync"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// questionnaireJSON is the part of a survey's JSON that is the same for
// every rater of a round who sees the same wording: the items and open
// questions. It is encoded once and reused, since every save answers with it.
type questionnaireJSON struct {
	competencies  json.RawMessage
	openQuestions json.RawMessage
}

type questionnaireKey struct {
	framework int64
	self      bool
	leader    rapport.Naming
}

// questionnaireCache holds the encoded questionnaires of recent rounds.
// Frameworks in use never change, so an entry never goes stale; the cache
// is emptied when it grows past its bound rather than tracking use.
type questionnaireCache struct {
	mu      sync.Mutex
	entries map[questionnaireKey]questionnaireJSON
}

const questionnaireCacheMax = 512

func (qc *questionnaireCache) get(sv *store.Survey) questionnaireJSON {
	self := sv.Rater.Relationship == rapport.Self
	leader := sv.Round.LeaderNaming()
	key := questionnaireKey{framework: sv.Framework.ID, self: self, leader: leader}
	qc.mu.Lock()
	q, ok := qc.entries[key]
	qc.mu.Unlock()
	if ok {
		return q
	}
	q = encodeQuestionnaire(sv.Framework, self, leader)
	qc.mu.Lock()
	if qc.entries == nil || len(qc.entries) >= questionnaireCacheMax {
		qc.entries = map[questionnaireKey]questionnaireJSON{}
	}
	qc.entries[key] = q
	qc.mu.Unlock()
	return q
}

// forget empties the cache: an erased leader's first name is in its keys
// and texts. Erasures are rare and an entry is cheap to encode again, so
// every entry goes rather than only those naming the leader.
func (qc *questionnaireCache) forget() {
	qc.mu.Lock()
	qc.entries = nil
	qc.mu.Unlock()
}

func encodeQuestionnaire(f *rapport.Framework, self bool, leader rapport.Naming) questionnaireJSON {
	comps := make([]surveyCompetency, 0, len(f.Competencies))
	for _, c := range f.Competencies {
		sc := surveyCompetency{Key: c.Key, Name: c.Name, Items: make([]surveyItem, 0, len(c.Items))}
		for _, it := range c.Items {
			sc.Items = append(sc.Items, surveyItem{ID: it.ID, Text: itemText(it, self, leader)})
		}
		comps = append(comps, sc)
	}
	questions := make([]surveyQuestion, 0, len(f.OpenQuestions))
	for _, q := range f.OpenQuestions {
		questions = append(questions, surveyQuestion{Key: q.Key, Text: questionText(q.Text, self, leader)})
	}
	// Plain structs of strings and numbers: encoding cannot fail.
	c, _ := json.Marshal(comps)
	q, _ := json.Marshal(questions)
	return questionnaireJSON{competencies: c, openQuestions: q}
}
