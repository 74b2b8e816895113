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
	items := make(map[int64]struct{}, f.ItemCount())
	for _, c := range f.Competencies {
		for _, it := range c.Items {
			items[it.ID] = struct{}{}
		}
	}
	answerFault := func(id int64) error {
		field := func() string { return "answers." + strconv.FormatInt(id, 10) }
		if _, ok := items[id]; !ok {
			return FieldError(field(), "%d is not an item of this survey", id)
		}
		if s := d.Answers[id]; s != nil && (*s < f.Scale.Min || *s > f.Scale.Max) {
			return FieldError(field(), "scores run from %d to %d (or null for \"not able to observe\"), not %d", f.Scale.Min, f.Scale.Max, *s)
		}
		return nil
	}
	// The usual draft is all valid: check it without sorting, and sort only
	// to report the same fault first every time (the lowest item id's).
	valid := true
	for id := range d.Answers {
		if answerFault(id) != nil {
			valid = false
			break
		}
	}
	if !valid {
		for _, id := range slices.Sorted(maps.Keys(d.Answers)) {
			if err := answerFault(id); err != nil {
				return err
			}
		}
	}
	questions := map[string]bool{}
	for _, q := range f.OpenQuestions {
		questions[q.Key] = true
	}
	keys := make([]string, 0, len(d.Comments))
	for k := range d.Comments {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		field := "comments." + k
		if !questions[k] {
			return FieldError(field, "%q is not a question of this survey", k)
		}
		text := TidyLines(DropBidiControls(d.Comments[k]))
		d.Comments[k] = text
		if !utf8.ValidString(text) {
			return FieldError(field, "the answer is not valid text")
		}
		if HasControl(text, true) {
			return FieldError(field, "the answer holds a control character (such as NUL); remove it")
		}
		if n := utf8.RuneCountInString(text); n > MaxCommentLen {
			return FieldError(field, "answers are limited to %s characters; this one has %s", Thousands(MaxCommentLen), Thousands(n))
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
