package web

import (
	"strconv"
	"time"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// surveyView is what the survey pages show. It is built from the stored
// survey, with the values of a rejected form laid over it so that nothing
// the rater typed is lost.
type surveyView struct {
	Path         string // the survey's own address, for forms and links
	RoundTitle   string
	LeaderName   string
	LeaderFirst  string
	Leader       rapport.Naming // how the pages refer to the leader after naming them
	Self         bool
	Relationship rapport.Relationship
	ClosesAt     time.Time
	TimeZone     string // the round's zone, in which the deadline is written
	Threshold    int
	Points       []scalePoint
	Competencies []competencyView
	Questions    []questionView
	Answered     int
	Total        int
	Status       rapport.RaterStatus
	// DeadlinePassed tells a round closed by its deadline from one the
	// coach closed early.
	DeadlinePassed bool

	// Preview, when set, shows the page to the coach, read-only.
	Preview *surveyPreview

	Saved   bool       // the page follows a successful save
	Missing []itemView // unanswered items after a refused submit
	Error   string     // what was wrong with the form, if anything
}

type scalePoint struct {
	Value string
	Label string
}

type competencyView struct {
	Key         string
	Name        string
	Description string
	Items       []itemView
}

type itemView struct {
	ID      int64
	Num     int
	Text    string
	Value   string // "" unanswered, "na" not able to observe, else the score
	Missing bool
}

type questionView struct {
	Key   string
	Text  string
	Value string
	Error string
}

// newSurveyView builds the view of sv; form, when not nil, holds values the
// rater sent that were not saved and must be shown again.
func newSurveyView(sv *store.Survey, form *rapport.Draft) *surveyView {
	r, f := &sv.Round, sv.Framework
	leader := r.LeaderNaming()
	v := &surveyView{
		RoundTitle: r.Title, LeaderName: r.LeaderName, LeaderFirst: leader.First, Leader: leader,
		Self: sv.Rater.Relationship == rapport.Self, Relationship: sv.Rater.Relationship,
		ClosesAt: r.ClosesAt, TimeZone: r.TimeZone, Threshold: r.AnonymityThreshold, Status: sv.Rater.Status,
	}
	for i, label := range f.Scale.Labels {
		v.Points = append(v.Points, scalePoint{Value: strconv.Itoa(f.Scale.Min + i), Label: label})
	}
	answers := sv.Answers
	comments := sv.Comments
	if form != nil {
		answers = overlay(sv.Answers, form.Answers)
		comments = overlay(sv.Comments, form.Comments)
	}
	num := 0
	for _, c := range f.Competencies {
		cv := competencyView{Key: c.Key, Name: c.Name, Description: c.Description}
		for _, it := range c.Items {
			num++
			iv := itemView{ID: it.ID, Num: num, Text: itemText(it, v.Self, leader)}
			if score, ok := answers[it.ID]; ok {
				v.Answered++
				iv.Value = "na"
				if score != nil {
					iv.Value = strconv.Itoa(*score)
				}
			}
			cv.Items = append(cv.Items, iv)
		}
		v.Competencies = append(v.Competencies, cv)
	}
	v.Total = num
	for _, q := range f.OpenQuestions {
		v.Questions = append(v.Questions, questionView{Key: q.Key, Text: questionText(q.Text, v.Self, leader), Value: comments[q.Key]})
	}
	return v
}

// markMissing flags the items a refused submit named.
func (v *surveyView) markMissing(ids []int64) {
	missing := map[int64]bool{}
	for _, id := range ids {
		missing[id] = true
	}
	for ci := range v.Competencies {
		for ii := range v.Competencies[ci].Items {
			it := &v.Competencies[ci].Items[ii]
			if missing[it.ID] {
				it.Missing = true
				v.Missing = append(v.Missing, *it)
			}
		}
	}
}

// markQuestionError points an error at one open question, by its field name.
func (v *surveyView) markQuestionError(field, msg string) bool {
	for i := range v.Questions {
		if field == "comments."+v.Questions[i].Key {
			v.Questions[i].Error = msg
			return true
		}
	}
	return false
}

// itemText is the wording a rater sees: "I ..." for the leader, the
// leader's first name and pronoun for everyone else.
func itemText(it rapport.Item, self bool, leader rapport.Naming) string {
	if self {
		return it.TextSelf
	}
	return leader.Fill(it.TextOther)
}

// questionText puts the leader's first name and pronoun, or "you" and its
// forms for the leader, into an open question.
func questionText(text string, self bool, leader rapport.Naming) string {
	if self {
		return rapport.FillForSelf(text)
	}
	return leader.Fill(text)
}

func overlay[K comparable, V any](base, top map[K]V) map[K]V {
	out := make(map[K]V, len(base)+len(top))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range top {
		out[k] = v
	}
	return out
}
