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
		"emailBreaks":    emailBreaks,
		"relationGroups": func() []relationGroup { return relationGroups },
	}
}

// plural picks the singular or plural form for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// relationGroup is one <optgroup> of a rater's relationship menu.
type relationGroup struct {
	Label         string
	Relationships []rapport.Relationship
}

// relationGroups split the relationships a rater can have the way the
// report treats them: managers are shown as their own group (they are told
// so), the others only as anonymous groups.
var relationGroups = []relationGroup{
	{"Named in the report as a group of their own", []rapport.Relationship{rapport.Superior}},
	{"Anonymous: reported only as a group", []rapport.Relationship{rapport.Peer, rapport.DirectReport, rapport.Other}},
}
