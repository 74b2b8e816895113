package report

import "fmt"

// The report's sentences that refer to the leader reflexively. With a
// pronoun they read "Zoë rated herself"; with the name they are reworded
// ("Zoë's own rating"), since "Zoë rated Zoë" reads as a mistake.

// andSelfRating ends the cover's count of responses.
func (d *doc) andSelfRating() string {
	if d.leader.UsesName() {
		return "besides " + d.leader.NamePossessive() + " own rating"
	}
	return fmt.Sprintf("and %s rated %s", d.first, d.leader.Reflexive())
}

// selfAndGroups opens the overview: whose ratings the bars show.
func (d *doc) selfAndGroups() string {
	if d.leader.UsesName() {
		return fmt.Sprintf("%s own rating and how each group rated %s", d.leader.NamePossessive(), d.first)
	}
	return fmt.Sprintf("How %s rated %s and how each group rated %s", d.first, d.leader.Reflexive(), d.leader.Object())
}

// selfView is the leader's view of themself, as the window compares it.
func (d *doc) selfView() string {
	if d.leader.UsesName() {
		return d.leader.NamePossessive() + " own view"
	}
	return fmt.Sprintf("%s view of %s", d.leader.NamePossessive(), d.leader.Reflexive())
}
