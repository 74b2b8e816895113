package rapport

import (
	"fmt"
	"regexp"
	"strings"
)

// LeaderPlaceholder stands for the leader's name in items worded for others,
// and for "you" in open questions shown to the leader.
const LeaderPlaceholder = "{leader}"

// Framework is a questionnaire: competencies with rating items, a rating
// scale and open questions. Built-in frameworks belong to no coach.
type Framework struct {
	ID            int64          `json:"-"`
	CoachID       *int64         `json:"-"`
	Key           string         `json:"key"`
	Name          string         `json:"name"`
	Description   string         `json:"description"`
	Builtin       bool           `json:"builtin"`
	Scale         Scale          `json:"scale"`
	Competencies  []Competency   `json:"competencies"`
	OpenQuestions []OpenQuestion `json:"open_questions"`
}

// Scale is the rating scale; labels name each point from Min to Max.
type Scale struct {
	Min    int      `json:"min"`
	Max    int      `json:"max"`
	Labels []string `json:"labels"`
}

// Points is the number of points on the scale.
func (s Scale) Points() int { return s.Max - s.Min + 1 }

// Competency is a group of rating items about one leadership capability.
type Competency struct {
	ID          int64  `json:"-"`
	Key         string `json:"key"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Items       []Item `json:"items"`
}

// Item is one observable behaviour, worded for the leader rating themself
// ("I ...") and for others (naming the leader through LeaderPlaceholder).
type Item struct {
	ID        int64  `json:"id"`
	Key       string `json:"key"`
	TextSelf  string `json:"text_self"`
	TextOther string `json:"text_other"`
}

// OpenQuestion is a free-text question.
type OpenQuestion struct {
	ID   int64  `json:"-"`
	Key  string `json:"key"`
	Text string `json:"text"`
}

// ItemCount is the number of rating items across all competencies.
func (f *Framework) ItemCount() int {
	n := 0
	for _, c := range f.Competencies {
		n += len(c.Items)
	}
	return n
}

// Limits on a framework, generous enough for any real questionnaire and
// small enough that nobody is asked to rate for an hour.
const (
	maxCompetencies  = 20
	maxItemsPerComp  = 12
	maxItems         = 120
	maxOpenQuestions = 10
	maxScalePoints   = 10
	maxTextLen       = 500
)

var keyPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,39}$`)

// ValidKey reports whether s can be used as a framework, competency, item or
// question key: lowercase letters, digits, '_' and '-', at most 40 long.
func ValidKey(s string) bool { return keyPattern.MatchString(s) }

// Validate checks a framework as a coach submits it, and trims its texts.
func (f *Framework) Validate() error {
	f.Key = strings.TrimSpace(f.Key)
	f.Name = strings.TrimSpace(f.Name)
	f.Description = strings.TrimSpace(f.Description)
	if !ValidKey(f.Key) {
		return FieldError("key", "key must be 1-40 lowercase letters, digits, '-' or '_'")
	}
	if err := checkText("name", f.Name, true); err != nil {
		return err
	}
	if len([]rune(f.Description)) > 2000 {
		return FieldError("description", "description must be at most 2000 characters")
	}
	if err := f.Scale.validate(); err != nil {
		return err
	}
	if len(f.Competencies) == 0 || len(f.Competencies) > maxCompetencies {
		return FieldError("competencies", "a framework needs 1 to %d competencies", maxCompetencies)
	}
	seen := map[string]bool{}
	for i := range f.Competencies {
		if err := f.Competencies[i].validate(i); err != nil {
			return err
		}
		if seen[f.Competencies[i].Key] {
			return FieldError(fmt.Sprintf("competencies[%d].key", i), "competency key %q is used twice", f.Competencies[i].Key)
		}
		seen[f.Competencies[i].Key] = true
	}
	if f.ItemCount() > maxItems {
		return FieldError("competencies", "a framework can hold at most %d items", maxItems)
	}
	if len(f.OpenQuestions) > maxOpenQuestions {
		return FieldError("open_questions", "a framework can hold at most %d open questions", maxOpenQuestions)
	}
	seen = map[string]bool{}
	for i := range f.OpenQuestions {
		q := &f.OpenQuestions[i]
		q.Text = strings.TrimSpace(q.Text)
		field := fmt.Sprintf("open_questions[%d]", i)
		if !ValidKey(q.Key) {
			return FieldError(field+".key", "key must be 1-40 lowercase letters, digits, '-' or '_'")
		}
		if seen[q.Key] {
			return FieldError(field+".key", "open question key %q is used twice", q.Key)
		}
		seen[q.Key] = true
		if err := checkText(field+".text", q.Text, true); err != nil {
			return err
		}
	}
	return nil
}

func (s *Scale) validate() error {
	if s.Min < 0 || s.Max <= s.Min || s.Max-s.Min+1 > maxScalePoints {
		return FieldError("scale", "the scale must run upwards from min to max, with 2 to %d points", maxScalePoints)
	}
	if len(s.Labels) != s.Points() {
		return FieldError("scale.labels", "the scale needs one label for each of its %d points", s.Points())
	}
	for i := range s.Labels {
		s.Labels[i] = strings.TrimSpace(s.Labels[i])
		if err := checkText(fmt.Sprintf("scale.labels[%d]", i), s.Labels[i], true); err != nil {
			return err
		}
	}
	return nil
}

func (c *Competency) validate(i int) error {
	field := fmt.Sprintf("competencies[%d]", i)
	c.Name = strings.TrimSpace(c.Name)
	c.Description = strings.TrimSpace(c.Description)
	if !ValidKey(c.Key) {
		return FieldError(field+".key", "key must be 1-40 lowercase letters, digits, '-' or '_'")
	}
	if err := checkText(field+".name", c.Name, true); err != nil {
		return err
	}
	if err := checkText(field+".description", c.Description, false); err != nil {
		return err
	}
	if len(c.Items) == 0 || len(c.Items) > maxItemsPerComp {
		return FieldError(field+".items", "competency %q needs 1 to %d items", c.Key, maxItemsPerComp)
	}
	seen := map[string]bool{}
	for j := range c.Items {
		it := &c.Items[j]
		f := fmt.Sprintf("%s.items[%d]", field, j)
		it.TextSelf = strings.TrimSpace(it.TextSelf)
		it.TextOther = strings.TrimSpace(it.TextOther)
		if !ValidKey(it.Key) {
			return FieldError(f+".key", "key must be 1-40 lowercase letters, digits, '-' or '_'")
		}
		if seen[it.Key] {
			return FieldError(f+".key", "item key %q is used twice in competency %q", it.Key, c.Key)
		}
		seen[it.Key] = true
		if err := checkText(f+".text_self", it.TextSelf, true); err != nil {
			return err
		}
		if err := checkText(f+".text_other", it.TextOther, true); err != nil {
			return err
		}
	}
	return nil
}

func checkText(field, s string, required bool) error {
	if required && s == "" {
		return FieldError(field, "%s is required", field)
	}
	if len([]rune(s)) > maxTextLen {
		return FieldError(field, "%s must be at most %d characters", field, maxTextLen)
	}
	return nil
}

// ForLeader replaces the leader placeholder with name.
func ForLeader(text, name string) string {
	return strings.ReplaceAll(text, LeaderPlaceholder, name)
}

// FirstName is the name used in item wording: the first word of the full name.
func FirstName(full string) string {
	if f := strings.Fields(full); len(f) > 0 {
		return f[0]
	}
	return full
}
