package web

import (
	"html/template"

	"github.com/rapporthq/rapport/internal/rapport"
)

// pageFuncs are the helpers of the rater's pages; every page may use them,
// as well as "asset" and the coach app's (app_funcs.go).
func pageFuncs() template.FuncMap {
	return template.FuncMap{
		"deadline": rapport.FormatDeadline,
		"asRater":  asRater,
		"plural":   plural,
	}
}

// asRater says in what role a rater answers, naming the leader by first name.
func asRater(rel rapport.Relationship, leaderFirst string) string {
	switch rel {
	case rapport.Self:
		return "yourself"
	case rapport.Superior:
		return leaderFirst + "’s manager"
	case rapport.Peer:
		return "a peer of " + leaderFirst
	case rapport.DirectReport:
		return "someone who reports to " + leaderFirst
	}
	return "someone who works with " + leaderFirst
}

// plural picks the singular or plural form for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
