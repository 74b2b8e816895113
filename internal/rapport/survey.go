package rapport

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"unicode/utf8"
)

// MaxCommentLen is the most characters one open answer may hold: room for
// a thoughtful page, not for pasting a document.
const MaxCommentLen = 5000

// Draft is a set of answers as a rater sends them: scores by item id (nil
// means "not able to observe") and comments by question key. A draft may be
// partial; what it leaves out stays as it was.
type Draft struct {
	Answers  map[int64]*int
	Comments map[string]string
}

// Empty reports whether the draft holds nothing to save.
func (d *Draft) Empty() bool { return d == nil || (len(d.Answers) == 0 && len(d.Comments) == 0) }

// Check validates a draft against the framework it answers: every item id
// and question key must belong to it, every score must lie on its scale and
// every comment must be valid text within MaxCommentLen. Transports replace
// invalid UTF-8 before (see ValidUTF8); what is left invalid is refused.
// Each comment is tidied in place first (bidi controls dropped, then
// TidyLines), so that what is stored, and counted against the limit, has
// no run of blank lines and nothing that turns its direction.
func (d *Draft) Check(f *Framework) error {
	if d == nil {
		return nil
	}
	if err := d.checkAnswers(f); err != nil {
		return err
	}
	keys := make([]string, 0, len(d.Comments))
	for k := range d.Comments {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !slices.ContainsFunc(f.OpenQuestions, func(q OpenQuestion) bool { return q.Key == k }) {
			return FieldError("comments."+k, "%q is not a question of this survey", k)
		}
		text := TidyLines(DropBidiControls(d.Comments[k]))
		d.Comments[k] = text
		if !utf8.ValidString(text) {
			return FieldError("comments."+k, "the answer is not valid text")
		}
		if HasControl(text, true) {
			return FieldError("comments."+k, "the answer holds a control character (such as NUL); remove it")
		}
		if n := utf8.RuneCountInString(text); n > MaxCommentLen {
			return FieldError("comments."+k, "answers are limited to %s characters; this one has %s", Thousands(MaxCommentLen), Thousands(n))
		}
	}
	return nil
}

// checkAnswers checks that every answer is for an item of f and every
// score lies on its scale. The usual draft is all valid, so the check first
// counts the framework's items that the draft answers, validating their
// scores as it goes: when the count equals the number of answers, every
// answer is for an item, and nothing was allocated (this runs for every
// save and submit). Otherwise the faults are looked for in item id order,
// so that the same one is reported first every time (the lowest id's).
func (d *Draft) checkAnswers(f *Framework) error {
	found, scoresOK := 0, true
	for _, c := range f.Competencies {
		for _, it := range c.Items {
			if s, ok := d.Answers[it.ID]; ok {
				found++
				scoresOK = scoresOK && (s == nil || (*s >= f.Scale.Min && *s <= f.Scale.Max))
			}
		}
	}
	if found == len(d.Answers) && scoresOK {
		return nil
	}
	items := make(map[int64]bool, f.ItemCount())
	for _, c := range f.Competencies {
		for _, it := range c.Items {
			items[it.ID] = true
		}
	}
	for _, id := range slices.Sorted(maps.Keys(d.Answers)) {
		field := "answers." + strconv.FormatInt(id, 10)
		if !items[id] {
			return FieldError(field, "%d is not an item of this survey", id)
		}
		if s := d.Answers[id]; s != nil && (*s < f.Scale.Min || *s > f.Scale.Max) {
			return FieldError(field, "scores run from %d to %d (or null for \"not able to observe\"), not %d", f.Scale.Min, f.Scale.Max, *s)
		}
	}
	return nil
}

// MissingItems lists, in survey order, the items of f that answers leaves
// unanswered (neither a score nor "not able to observe").
func MissingItems(f *Framework, answers map[int64]*int) []int64 {
	missing := []int64{}
	for _, c := range f.Competencies {
		for _, it := range c.Items {
			if _, ok := answers[it.ID]; !ok {
				missing = append(missing, it.ID)
			}
		}
	}
	return missing
}

// MissingError is the refusal of a submit that leaves items unanswered.
type MissingError struct{ Items []int64 }

func (e *MissingError) Error() string {
	return fmt.Sprintf("%d items are not answered yet", len(e.Items))
}

// Unwrap lets the error mapping see it as invalid input (422).
func (e *MissingError) Unwrap() error {
	n := len(e.Items)
	msg := fmt.Sprintf("%d questions still need an answer (a score or \"not able to observe\") before you can submit", n)
	if n == 1 {
		msg = "1 question still needs an answer (a score or \"not able to observe\") before you can submit"
	}
	return &Error{Code: EINVALID, Field: "answers", Message: msg}
}
