package scoring

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"slices"
	"strings"

	"github.com/rapporthq/rapport/internal/rapport"
)

// comments lists the open answers question by question, each labelled with
// the reported group its writer is in. Within a question they are ordered by
// a keyed hash of their text: stable from one download to the next, and
// unrelated to who submitted when. Withheld raters' comments are left out.
// Comments kept with their rater and detached ones (in.Comments) are
// treated alike, so detaching changes nothing in the list. Runs of blank
// lines are collapsed (rapport.TidyLines), also in comments stored before
// that rule, so no comment can fill pages with nothing.
func comments(in Input, plan groupPlan) []Comment {
	type keyed struct {
		c    Comment
		pos  int
		hash []byte
	}
	position := map[string]int{}
	for pos, q := range in.Questions {
		position[q.Key] = pos
	}
	var list []keyed
	add := func(group, questionKey, text string) {
		pos, ok := position[questionKey]
		// Comments stored before blank runs were tidied at submission.
		text = rapport.TidyLines(strings.TrimSpace(text))
		if group == "" || !ok || text == "" {
			return
		}
		m := hmac.New(sha256.New, in.CommentKey)
		m.Write([]byte(questionKey + "\x00" + text))
		list = append(list, keyed{c: Comment{QuestionKey: questionKey, Group: group, Text: text}, pos: pos, hash: m.Sum(nil)})
	}
	for _, r := range in.Responses {
		group := plan.groupFor(r)
		for _, q := range in.Questions {
			add(group, q.Key, r.Comments[q.Key])
		}
	}
	for _, c := range in.Comments {
		if plan.isBlock(c.Group) {
			add(c.Group, c.QuestionKey, c.Text)
		}
	}
	slices.SortFunc(list, func(a, b keyed) int {
		if a.pos != b.pos {
			return a.pos - b.pos
		}
		if c := bytes.Compare(a.hash, b.hash); c != 0 {
			return c
		}
		return strings.Compare(a.c.Group, b.c.Group)
	})
	out := make([]Comment, len(list))
	for i, k := range list {
		out[i] = k.c
	}
	return out
}
