// Package scoring turns a closed round's answers into the figures of the
// report: per item, per competency and per reported group, the mean, the
// number of answers behind it, the standard deviation and the distribution
// over the scale points, with "not able to observe" counted apart.
//
// It also holds the confidentiality rule (docs/confidentiality.md): which
// groups are reported, which figures may be shown, and how comments are
// labelled and ordered, so that no combination of visible figures reveals
// the answers of fewer than the anonymity threshold of anonymous raters.
// Everything here is a pure function of its input; nothing touches a database.
package scoring

import (
	"time"

	"github.com/rapporthq/rapport/internal/rapport"
)

// Group keys besides the relationships' own.
const (
	AllOthers = "all_others" // everyone but self
	Combined  = "combined"   // small anonymous groups merged into one
)

// Input is everything the figures are computed from.
type Input struct {
	RoundID      int64
	Threshold    int // anonymity threshold, at least 2
	Scale        rapport.Scale
	Competencies []rapport.Competency // with their items, in report order
	Questions    []rapport.OpenQuestion
	// Leader fills the leader's placeholders in item texts ({leader},
	// {their}, …) and is how the report's sentences refer to them.
	Leader rapport.Naming
	// Responses are the submitted raters' answers only; anyone else's never count.
	Responses []Response
	// Counts are the submitted raters per relationship. Once a round's
	// anonymous answers are detached from their raters (store: at close)
	// the responses no longer say their relationship, so the counts come
	// from the raters; nil counts the responses' relationships.
	Counts map[rapport.Relationship]int
	// Comments are detached anonymous comments, each already labelled with
	// its reported group; rater-keyed comments come with their Response.
	Comments []GroupComment
	// CommentKey keys the hash that orders comments, so that their order says
	// nothing about who submitted when and cannot be recomputed without it.
	CommentKey []byte
	// Previous is the summary of the leader's previous closed round on the
	// same framework, if any, for the change per competency.
	Previous *Summary
	// PreviousRound describes that round.
	PreviousRound *RoundRef
}

// Response is one submitted rater's answers.
type Response struct {
	// Relationship is set for a response still kept with its rater.
	Relationship rapport.Relationship
	// Group is set instead for an anonymous response detached from its
	// rater: the reported group (a block key) it was counted in at close.
	Group string
	// Scores maps item id to a score; nil (or a missing item) is
	// "not able to observe".
	Scores map[int64]*int
	// Comments maps open question key to the rater's answer.
	Comments map[string]string
}

// Summary is every figure of a round's report; a figure that may not be
// shown is absent, never zero.
type Summary struct {
	RoundID int64 `json:"round_id"`
	// Leader is how the report refers to the leader: first name and pronoun.
	Leader             rapport.Naming               `json:"leader"`
	AnonymityThreshold int                          `json:"anonymity_threshold"`
	Responses          map[rapport.Relationship]int `json:"responses"`
	Groups             []Group                      `json:"groups"`
	// Withheld lists anonymous relationships whose raters were too few to
	// appear in any figure or comment, even merged with others.
	Withheld        []rapport.Relationship `json:"withheld"`
	Competencies    []CompetencyScores     `json:"competencies"`
	Items           []ItemScores           `json:"items"`
	TopItems        []ItemRef              `json:"top_items"`
	BottomItems     []ItemRef              `json:"bottom_items"`
	BlindSpots      []Gap                  `json:"blind_spots"`
	HiddenStrengths []Gap                  `json:"hidden_strengths"`
	Comments        []Comment              `json:"comments"`
	// Progress names the previous round the changes compare against.
	Progress *RoundRef `json:"progress,omitempty"`
}

// Group is one reported group of raters.
type Group struct {
	Key       string                 `json:"key"`
	Label     string                 `json:"label"`
	Members   []rapport.Relationship `json:"members"`
	N         int                    `json:"n"`
	Anonymous bool                   `json:"anonymous"`
}

// Score is a mean with the number of answers behind it and their
// (population) standard deviation, each rounded to two decimals.
type Score struct {
	Mean float64 `json:"mean"`
	N    int     `json:"n"`
	SD   float64 `json:"sd"`
}

// CompetencyScores are a competency's figures per group.
type CompetencyScores struct {
	Key    string           `json:"key"`
	Name   string           `json:"name"`
	Scores map[string]Score `json:"scores"`
	// Change is the change of the mean since the previous round, for every
	// group both rounds report with the same members, where both show the
	// figure (all_others whatever its members).
	Change map[string]float64 `json:"change,omitempty"`
	// Previous is the previous round's mean behind each change.
	Previous map[string]float64 `json:"previous,omitempty"`
}

// ItemScores are an item's figures per group.
type ItemScores struct {
	ID            int64            `json:"id"`
	CompetencyKey string           `json:"competency_key"`
	Text          string           `json:"text"`
	Scores        map[string]Score `json:"scores"`
	// Distribution counts the answers per scale point, lowest point first.
	Distribution map[string][]int `json:"distribution"`
	// NA counts "not able to observe" answers.
	NA map[string]int `json:"na"`
}

// ItemRef names an item with its all_others mean.
type ItemRef struct {
	ID            int64   `json:"id"`
	CompetencyKey string  `json:"competency_key"`
	Text          string  `json:"text"`
	Mean          float64 `json:"mean"`
}

// Gap is an item where self and all_others differ by at least GapThreshold.
type Gap struct {
	ID            int64   `json:"id"`
	CompetencyKey string  `json:"competency_key"`
	Text          string  `json:"text"`
	Self          float64 `json:"self"`
	Others        float64 `json:"others"`
	Gap           float64 `json:"gap"` // self minus others
}

// Comment is one verbatim answer to an open question. Group is set only
// where that group is reported.
type Comment struct {
	QuestionKey string `json:"question_key"`
	Group       string `json:"group,omitempty"`
	Text        string `json:"text"`
}

// GroupComment is an anonymous comment kept without its rater, labelled
// with the reported group its writer was counted in.
type GroupComment struct {
	Group       string
	QuestionKey string
	Text        string
}

// RoundRef names another round.
type RoundRef struct {
	RoundID  int64     `json:"round_id"`
	Title    string    `json:"title"`
	ClosedAt time.Time `json:"closed_at"`
}

// GapThreshold is the self-others difference that makes a blind spot or a
// hidden strength.
const GapThreshold = 1.0

// Score of a group, if shown.
func (c CompetencyScores) Score(group string) (Score, bool) {
	s, ok := c.Scores[group]
	return s, ok
}

// Group returns the reported group with key, if any.
func (s *Summary) Group(key string) (Group, bool) {
	for _, g := range s.Groups {
		if g.Key == key {
			return g, true
		}
	}
	return Group{}, false
}
