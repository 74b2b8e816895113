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
		"asRater":  rapport.Relationship.RaterRole,
		"plural":   plural,
		// emailBreaks is for the coach's tables of people.
		"emailBreaks": emailBreaks,
	}
}

// plural picks the singular or plural form for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
