package bench

import (
	"encoding/json"
	"math/rand/v2"
	"strconv"
	"unicode/utf8"
)

// RaterBody is the JSON a rater's browser sends for a whole questionnaire
// (static/js/survey.js collects the form the same way for every autosave,
// and an API client sends the same body to submit): every item answered,
// about one in ten "not able to observe" (null), and every open question's
// text box, three of them written in (80–160 characters, some not ASCII)
// and the others left empty, as a browser sends an empty text area.
// With comments false it holds the scores only.
func RaterBody(items []int64, questions []string, rng *rand.Rand, comments bool) []byte {
	body := struct {
		Answers  map[string]*int   `json:"answers"`
		Comments map[string]string `json:"comments"`
	}{Answers: make(map[string]*int, len(items)), Comments: map[string]string{}}
	for _, id := range items {
		var score *int
		if rng.IntN(10) != 0 {
			v := 1 + rng.IntN(5)
			score = &v
		}
		body.Answers[strconv.FormatInt(id, 10)] = score
	}
	if comments {
		written := rng.Perm(len(questions))[:min(3, len(questions))]
		for _, q := range questions {
			body.Comments[q] = ""
		}
		for _, i := range written {
			body.Comments[questions[i]] = commentText(rng)
		}
	}
	b, _ := json.Marshal(body)
	return b
}

// commentPhrases are pieces of open answers as raters write them, some
// with names and punctuation outside ASCII.
var commentPhrases = []string{
	"Keeps the weekly one-to-ones even in busy weeks",
	"listens before deciding, and says why when the answer is no",
	"could delegate more of the reporting to the team",
	"Zoë and François felt heard in the reorganisation — that mattered",
	"sometimes answers emails late at night, which sets an expectation",
	"gives credit in public and feedback in private",
	"the quarterly plan was clear; the “why” behind it less so",
	"Δημήτρης noticed the same: meetings run over time",
	"with Ольга’s team the handover went smoothly",
	"asks good questions but interrupts when pressed for time",
	"could share the budget constraints earlier",
	"stays calm under pressure, which steadies everyone",
}

// commentText joins phrases until the text is 80 to 160 characters long.
func commentText(rng *rand.Rand) string {
	target := 80 + rng.IntN(81)
	text := ""
	for utf8.RuneCountInString(text) < target {
		p := commentPhrases[rng.IntN(len(commentPhrases))]
		if text != "" {
			p = "; " + p
		}
		text += p
	}
	for utf8.RuneCountInString(text) > 159 {
		_, size := utf8.DecodeLastRuneInString(text)
		text = text[:len(text)-size]
	}
	return text + "."
}
