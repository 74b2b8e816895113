package rapport_test

import (
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
)

func TestParseRelationship(t *testing.T) {
	for typed, want := range map[string]rapport.Relationship{
		"peer": rapport.Peer, " Peers ": rapport.Peer, "Direct report": rapport.DirectReport, "direct-report": rapport.DirectReport,
		"manager": rapport.Superior, "Other stakeholders": rapport.Other, "self": rapport.Self, " friend ": "friend",
		"Boss": rapport.Superior, "supervisor": rapport.Superior, "Colleague": rapport.Peer, "report": rapport.DirectReport,
		"Team member": rapport.DirectReport, "stakeholder": rapport.Other, "External": rapport.Other, "client": rapport.Other,
	} {
		if got := rapport.ParseRelationship(typed); got != want {
			t.Errorf("ParseRelationship(%q) = %q, want %q", typed, got, want)
		}
	}
}

func TestRelationshipWording(t *testing.T) {
	type words struct{ label, singular, member, counted1, counted3, role, invitation string }
	for rel, want := range map[rapport.Relationship]words{
		rapport.Self:         {"Self", "Self", "self", "1 self", "3 self", "yourself", ""},
		rapport.Superior:     {"Manager", "Manager", "manager", "1 manager", "3 manager", "Ana’s manager", "as their manager"},
		rapport.Peer:         {"Peers", "Peer", "a peer", "1 peer", "3 peers", "a peer of Ana", "as one of their peers"},
		rapport.DirectReport: {"Direct reports", "Direct report", "a direct report", "1 direct report", "3 direct reports", "someone who reports to Ana", "as someone who reports to them"},
		rapport.Other:        {"Other stakeholders", "Other stakeholder", "another stakeholder", "1 other stakeholder", "3 other stakeholders", "someone who works with Ana", "as someone who works with them"},
	} {
		got := words{rel.Label(), rel.Singular(), rel.Member(), rel.Counted(1), rel.Counted(3), rel.RaterRole("Ana"), rel.InvitationRole(rapport.NamingOf("Ana Lima", rapport.PronounThey))}
		if got != want {
			t.Errorf("%s: %+v, want %+v", rel, got, want)
		}
	}
	if got := rapport.GroupLabel([]rapport.Relationship{rapport.Peer, rapport.DirectReport, rapport.Other}); got != "Peers, direct reports & other stakeholders" {
		t.Errorf("GroupLabel: %q", got)
	}
}

func TestInvitationRoleFollowsPronoun(t *testing.T) {
	for _, c := range []struct {
		pronoun rapport.Pronoun
		rel     rapport.Relationship
		want    string
	}{
		{rapport.PronounShe, rapport.Superior, "as her manager"},
		{rapport.PronounHe, rapport.Peer, "as one of his peers"},
		{rapport.PronounShe, rapport.DirectReport, "as someone who reports to her"},
		{rapport.PronounName, rapport.Superior, "as Zoë's manager"},
		{rapport.PronounName, rapport.Other, "as someone who works with Zoë"},
	} {
		if got := c.rel.InvitationRole(rapport.NamingOf("Zoë Ólafsdóttir", c.pronoun)); got != c.want {
			t.Errorf("%s, %s: %q, want %q", c.pronoun, c.rel, got, c.want)
		}
	}
}
