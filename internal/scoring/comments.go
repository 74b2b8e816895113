package scoring

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"slices"
	"strings"
)

// comments lists the open answers question by question, each labelled with
// the reported group its writer is in. Within a question they are ordered by
// a keyed hash of their text: stable from one download to the next, and
// unrelated to who submitted when. Withheld raters' comments are left out.
func comments(in Input, plan groupPlan) []Comment {
	type keyed struct {
		c    Comment
		pos  int
		hash []byte
	}
	var list []keyed
	for _, r := range in.Responses {
		group := plan.groupOf[r.Relationship]
		if group == "" {
			continue
		}
		for pos, q := range in.Questions {
			text := strings.TrimSpace(r.Comments[q.Key])
			if text == "" {
				continue
			}
			m := hmac.New(sha256.New, in.CommentKey)
			m.Write([]byte(q.Key + "\x00" + text))
			list = append(list, keyed{c: Comment{QuestionKey: q.Key, Group: group, Text: text}, pos: pos, hash: m.Sum(nil)})
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
