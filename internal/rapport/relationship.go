package rapport

import (
	"fmt"
	"strings"
)

// Relationship is a rater's relationship to the leader, and so their group.
// Every phrase that names a relationship to people is written here, once:
// pages, emails and the report all ask it.
type Relationship string

const (
	Self         Relationship = "self"
	Superior     Relationship = "superior"
	Peer         Relationship = "peer"
	DirectReport Relationship = "direct_report"
	Other        Relationship = "other"
)

// Relationships lists every relationship in report order.
var Relationships = []Relationship{Self, Superior, Peer, DirectReport, Other}

// RaterRelationships are those a coach chooses for a rater, in menu order.
// Self is not among them: the leader is every round's self rater.
var RaterRelationships = []Relationship{Superior, Peer, DirectReport, Other}

// Valid reports whether r is one of the known relationships.
func (r Relationship) Valid() bool {
	for _, known := range Relationships {
		if r == known {
			return true
		}
	}
	return false
}

// Anonymous reports whether raters of this group were promised anonymity:
// self and superior are identified by design, the others are not.
func (r Relationship) Anonymous() bool {
	return r == Peer || r == DirectReport || r == Other
}

// Label is the human name of the group, plural where it is a group.
func (r Relationship) Label() string {
	switch r {
	case Self:
		return "Self"
	case Superior:
		return "Manager"
	case Peer:
		return "Peers"
	case DirectReport:
		return "Direct reports"
	case Other:
		return "Other stakeholders"
	}
	return string(r)
}

// LowerLabel is Label inside a sentence: "peers", "direct reports".
func (r Relationship) LowerLabel() string { return strings.ToLower(r.Label()) }

// Singular names one member of the group, as the rater form's menu does.
func (r Relationship) Singular() string {
	switch r {
	case Peer:
		return "Peer"
	case DirectReport:
		return "Direct report"
	case Other:
		return "Other stakeholder"
	}
	return r.Label()
}

// Counted is n members of the group: "1 peer", "3 peers".
func (r Relationship) Counted(n int) string {
	if n == 1 {
		return "1 " + strings.TrimSuffix(r.LowerLabel(), "s")
	}
	return fmt.Sprintf("%d %s", n, r.LowerLabel())
}

// Member names one member inside a sentence, as in "Ana was added as a
// peer": "manager", "a peer", "a direct report", "another stakeholder".
func (r Relationship) Member() string {
	switch r {
	case Superior:
		return "manager"
	case Peer:
		return "a peer"
	case DirectReport:
		return "a direct report"
	case Other:
		return "another stakeholder"
	}
	return r.LowerLabel()
}

// RaterRole says to the rater in what role they answer, naming the leader
// by first name: "yourself", "Ana’s manager", "a peer of Ana".
func (r Relationship) RaterRole(leaderFirst string) string {
	switch r {
	case Self:
		return "yourself"
	case Superior:
		return leaderFirst + "’s manager"
	case Peer:
		return "a peer of " + leaderFirst
	case DirectReport:
		return "someone who reports to " + leaderFirst
	}
	return "someone who works with " + leaderFirst
}

// InvitationRole completes the invitation's "would value your feedback
// …", referring to the leader as n says: "as her manager", "as Zoë's
// manager"; empty for self, who is invited as the leader.
func (r Relationship) InvitationRole(n Naming) string {
	switch r {
	case Superior:
		return "as " + n.Possessive() + " manager"
	case Peer:
		return "as one of " + n.Possessive() + " peers"
	case DirectReport:
		return "as someone who reports to " + n.Object()
	case Other:
		return "as someone who works with " + n.Object()
	}
	return ""
}

// RaterChoices lists the menu's names of the relationships a coach may
// choose: "Manager, Peer, Direct report or Other stakeholder".
func RaterChoices() string {
	names := make([]string, len(RaterRelationships))
	for i, r := range RaterRelationships {
		names[i] = r.Singular()
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// relationshipHelp asks for a relationship in the words the form's menu
// uses, quoting what was typed if anything was.
func relationshipHelp(typed Relationship) string {
	if typed == "" {
		return "Choose how the rater works with the leader: " + RaterChoices() + "."
	}
	return fmt.Sprintf("%q is not a relationship we know: use %s.", string(typed), RaterChoices())
}

// ParseRelationship reads a relationship as people write it: "peer",
// "Direct report", "direct-report", "manager", "boss", "team member",
// "client", "Other stakeholders".
// Anything unknown is returned as typed, to fail validation by name.
func ParseRelationship(s string) Relationship {
	k := strings.ToLower(strings.TrimSpace(s))
	k = strings.NewReplacer(" ", "_", "-", "_").Replace(k)
	switch k {
	case "manager", "managers", "boss", "supervisor", "line_manager", "superior":
		return Superior
	case "peer", "peers", "colleague", "colleagues":
		return Peer
	case "direct_report", "direct_reports", "report", "reports", "team_member", "team_members":
		return DirectReport
	case "other", "others", "other_stakeholder", "other_stakeholders", "stakeholder", "stakeholders",
		"external", "client", "clients":
		return Other
	case "self":
		return Self
	}
	return Relationship(strings.TrimSpace(s))
}

// GroupLabel names a group of one or more relationships by what it holds:
// "Peers", "Peers & direct reports", "Manager, peers & direct reports".
func GroupLabel(members []Relationship) string {
	names := make([]string, len(members))
	for i, r := range members {
		names[i] = r.Label()
		if i > 0 {
			names[i] = strings.ToLower(names[i][:1]) + names[i][1:]
		}
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " & " + names[len(names)-1]
}
