package web

import "github.com/rapporthq/rapport/internal/rapport"

// The coach's menus come in <optgroup>s, and each names its default
// option with `selected`: a screen reader then announces what a menu
// holds, and checkers (HTML_CodeSniffer's H85 and H91) see a value
// without relying on the browser's implicit first option.

// pronounGroup is one <optgroup> of the pronoun menu.
type pronounGroup struct {
	Label    string
	Pronouns []rapport.Pronoun
}

// pronounGroups parts rapport.Pronouns into the first name and the pronouns
// proper, in their order.
var pronounGroups = func() []pronounGroup {
	groups := []pronounGroup{{Label: "No pronoun"}, {Label: "A pronoun"}}
	for _, p := range rapport.Pronouns {
		g := &groups[1]
		if p == rapport.PronounName {
			g = &groups[0]
		}
		g.Pronouns = append(g.Pronouns, p)
	}
	return groups
}()

// frameworkGroup is one <optgroup> of the questionnaire menu.
type frameworkGroup struct {
	Label      string
	Frameworks []rapport.Framework
}

// splitFrameworks parts the frameworks a coach may use into the built-in
// ones and the coach's own, each in the order given: the frameworks page
// and the questionnaire menu show them so.
func splitFrameworks(fws []rapport.Framework) (builtin, own []rapport.Framework) {
	for _, fw := range fws {
		if fw.Builtin {
			builtin = append(builtin, fw)
		} else {
			own = append(own, fw)
		}
	}
	return builtin, own
}

// frameworkGroups groups the questionnaire menu as the frameworks page
// does: built in, then the coach's own; an empty group is left out.
func frameworkGroups(fws []rapport.Framework) []frameworkGroup {
	builtin, own := splitFrameworks(fws)
	var groups []frameworkGroup
	for _, g := range []frameworkGroup{{"Built in", builtin}, {"Yours", own}} {
		if len(g.Frameworks) > 0 {
			groups = append(groups, g)
		}
	}
	return groups
}

// copyGroup is one <optgroup> of the menu of rounds to copy raters from.
type copyGroup struct {
	Label   string
	Options []copyOption
}

type copyOption struct {
	ID       int64
	Title    string
	Status   rapport.RoundStatus // named in the option too: a closed menu shows no group
	Selected bool
}

// copyMenu groups a leader's other rounds by status, closed ones first
// (a follow-up round mostly reuses the last finished one's raters),
// keeping their order (newest first) in each group; the first option is
// selected. Nil when there is no round to copy from.
func copyMenu(rounds []rapport.Round) []copyGroup {
	order := []struct {
		status rapport.RoundStatus
		label  string
	}{{rapport.RoundClosed, "Closed"}, {rapport.RoundOpen, "Collecting"}, {rapport.RoundDraft, "Drafts"}}
	var menu []copyGroup
	for _, o := range order {
		g := copyGroup{Label: o.label}
		for _, r := range rounds {
			if r.Status == o.status {
				g.Options = append(g.Options, copyOption{ID: r.ID, Title: r.Title, Status: r.Status, Selected: len(menu) == 0 && len(g.Options) == 0})
			}
		}
		if len(g.Options) > 0 {
			menu = append(menu, g)
		}
	}
	return menu
}
