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

// Points is the number of points on the scale, 0 for a scale outside
// 0 to maxScaleValue (which Validate refuses). Loops over a scale run over
// its points, never from Min to Max, so that no stored value can make them
// long, and Max-Min+1 cannot overflow.
func (s Scale) Points() int {
	if s.Min < 0 || s.Max > maxScaleValue || s.Max <= s.Min {
		return 0
	}
	return s.Max - s.Min + 1
}

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
	maxScaleValue    = 10 // scale points are numbered within 0 to 10
	maxTextLen       = 500
)

var keyPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,39}$`)

// ValidKey reports whether s can be used as a framework, competency, item or
// question key: lowercase letters, digits, '_' and '-', at most 40 long.
func ValidKey(s string) bool { return keyPattern.MatchString(s) }

const keyRule = "must be 1-40 lowercase letters, digits, '-' or '_'"

// Validate checks a framework as a coach submits it, and trims its texts.
// It reports every fault it finds, not only the first.
func (f *Framework) Validate() error {
	var v Faults
	f.cleanTexts()
	f.Key = strings.TrimSpace(f.Key)
	f.Name = strings.TrimSpace(f.Name)
	f.Description = TidyLines(strings.TrimSpace(f.Description))
	if !ValidKey(f.Key) {
		v.Add(FieldError("key", "The framework's key %s.", keyRule))
	}
	v.Add(checkText("name", "the framework's name", f.Name, true, false))
	if len([]rune(f.Description)) > 2000 {
		v.Add(FieldError("description", "The description must be at most 2,000 characters."))
	} else if HasControl(f.Description, true) {
		v.Add(FieldError("description", "The description holds a control character (such as NUL); remove it."))
	}
	f.Scale.validate(&v)
	if len(f.Competencies) == 0 || len(f.Competencies) > maxCompetencies {
		v.Add(FieldError("competencies", "A framework needs 1 to %d competencies.", maxCompetencies))
	}
	seen := map[string]bool{}
	for i := range f.Competencies {
		f.Competencies[i].validate(i, &v)
		if seen[f.Competencies[i].Key] {
			v.Add(FieldError(fmt.Sprintf("competencies[%d].key", i), "Competency %d: the key %q is used twice.", i+1, f.Competencies[i].Key))
		}
		seen[f.Competencies[i].Key] = true
	}
	if f.ItemCount() > maxItems {
		v.Add(FieldError("competencies", "A framework can hold at most %d items.", maxItems))
	}
	if len(f.OpenQuestions) > maxOpenQuestions {
		v.Add(FieldError("open_questions", "A framework can hold at most %d open questions.", maxOpenQuestions))
	}
	seen = map[string]bool{}
	for i := range f.OpenQuestions {
		q := &f.OpenQuestions[i]
		q.Text = strings.TrimSpace(q.Text)
		field := fmt.Sprintf("open_questions[%d]", i)
		if !ValidKey(q.Key) {
			v.Add(FieldError(field+".key", "Open question %d: the key %s.", i+1, keyRule))
		} else if seen[q.Key] {
			v.Add(FieldError(field+".key", "Open question %d: the key %q is used twice.", i+1, q.Key))
		}
		seen[q.Key] = true
		v.Add(checkText(field+".text", fmt.Sprintf("the text of open question %d", i+1), q.Text, true, false))
	}
	return v.Err()
}

func (s *Scale) validate(v *Faults) {
	if s.Points() < 2 || s.Points() > maxScalePoints {
		v.Add(FieldError("scale", "The scale must run upwards from min to max, within %d to %d, with 2 to %d points.", 0, maxScaleValue, maxScalePoints))
		return
	}
	if len(s.Labels) != s.Points() {
		v.Add(FieldError("scale.labels", "The scale needs one label for each of its %d points.", s.Points()))
		return
	}
	for i := range s.Labels {
		s.Labels[i] = strings.TrimSpace(s.Labels[i])
		v.Add(checkText(fmt.Sprintf("scale.labels[%d]", i), fmt.Sprintf("the label of scale point %d", s.Min+i), s.Labels[i], true, false))
	}
}

func (c *Competency) validate(i int, v *Faults) {
	field := fmt.Sprintf("competencies[%d]", i)
	c.Name = strings.TrimSpace(c.Name)
	c.Description = TidyLines(strings.TrimSpace(c.Description))
	if !ValidKey(c.Key) {
		v.Add(FieldError(field+".key", "Competency %d: the key %s.", i+1, keyRule))
	}
	v.Add(checkText(field+".name", fmt.Sprintf("the name of competency %d", i+1), c.Name, true, false))
	v.Add(checkText(field+".description", fmt.Sprintf("the description of competency %d", i+1), c.Description, false, true))
	if len(c.Items) == 0 || len(c.Items) > maxItemsPerComp {
		v.Add(FieldError(field+".items", "Competency %d needs 1 to %d items.", i+1, maxItemsPerComp))
	}
	seen := map[string]bool{}
	for j := range c.Items {
		it := &c.Items[j]
		f := fmt.Sprintf("%s.items[%d]", field, j)
		where := fmt.Sprintf("competency %d, item %d", i+1, j+1)
		it.TextSelf = strings.TrimSpace(it.TextSelf)
		it.TextOther = strings.TrimSpace(it.TextOther)
		if !ValidKey(it.Key) {
			v.Add(FieldError(f+".key", "%s: the key %s.", Capital(where), keyRule))
		} else if seen[it.Key] {
			v.Add(FieldError(f+".key", "%s: the key %q is used twice in this competency.", Capital(where), it.Key))
		}
		seen[it.Key] = true
		v.Add(checkText(f+".text_self", "the leader's wording (\"I ...\") of "+where, it.TextSelf, true, false))
		v.Add(checkText(f+".text_other", "the wording for others of "+where, it.TextOther, true, false))
	}
}

// checkText checks a required or optional text; label names it in messages.
// Only a description may hold several lines: a name, a scale label, an
// item or a question is drawn on one line in pages, emails and the PDF.
func checkText(field, label, s string, required, multiline bool) error {
	if required && s == "" {
		return FieldError(field, "Enter %s.", label)
	}
	if len([]rune(s)) > maxTextLen {
		return FieldError(field, "%s must be at most %d characters.", Capital(label), maxTextLen)
	}
	if HasControl(s, multiline) {
		if !multiline && strings.ContainsAny(s, "\r\n\u2028\u2029") {
			return FieldError(field, "%s must be a single line of text.", Capital(label))
		}
		return FieldError(field, "%s holds a control character (such as NUL); remove it.", Capital(label))
	}
	return nil
}

// FirstName is the name used in item wording: the first word of the full name.
func FirstName(full string) string {
	if f := strings.Fields(full); len(f) > 0 {
		return f[0]
	}
	return full
}
