package rapport_test

import (
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
)

func TestNaming(t *testing.T) {
	type forms struct{ subject, object, possessive, reflexive, rates string }
	for p, want := range map[rapport.Pronoun]forms{
		rapport.PronounShe:  {"she", "her", "her", "herself", "she rates"},
		rapport.PronounHe:   {"he", "him", "his", "himself", "he rates"},
		rapport.PronounThey: {"they", "them", "their", "themselves", "they rate"},
		rapport.PronounName: {"Ólafur", "Ólafur", "Ólafur's", "Ólafur", "Ólafur rates"},
		"":                  {"Ólafur", "Ólafur", "Ólafur's", "Ólafur", "Ólafur rates"},
	} {
		n := rapport.NamingOf("Ólafur Þórsson", p)
		got := forms{n.Subject(), n.Object(), n.Possessive(), n.Reflexive(), n.SubjectVerb("rates", "rate")}
		if got != want {
			t.Errorf("%q: %+v, want %+v", p, got, want)
		}
	}
}

func TestNamingFillsFrameworkPlaceholders(t *testing.T) {
	text := "{leader} keeps {their} word and makes it safe to challenge {them}; {They} can say so {themself}."
	for p, want := range map[rapport.Pronoun]string{
		rapport.PronounShe:  "Zoë keeps her word and makes it safe to challenge her; She can say so herself.",
		rapport.PronounThey: "Zoë keeps their word and makes it safe to challenge them; They can say so themselves.",
		rapport.PronounName: "Zoë keeps Zoë's word and makes it safe to challenge Zoë; Zoë can say so Zoë.",
	} {
		if got := rapport.NamingOf("Zoë Martínez-Ölander", p).Fill(text); got != want {
			t.Errorf("%s: %q, want %q", p, got, want)
		}
	}
	if got := rapport.FillForSelf("What should {leader} keep doing to grow {their} team?"); got != "What should you keep doing to grow your team?" {
		t.Errorf("FillForSelf: %q", got)
	}
}

func TestParsePronoun(t *testing.T) {
	for typed, want := range map[string]rapport.Pronoun{"": rapport.PronounName, " She ": rapport.PronounShe, "he": rapport.PronounHe,
		"they": rapport.PronounThey, "name": rapport.PronounName} {
		if got, err := rapport.ParsePronoun(typed); err != nil || got != want {
			t.Errorf("ParsePronoun(%q) = %q, %v; want %q", typed, got, err, want)
		}
	}
	_, err := rapport.ParsePronoun("xe")
	if rapport.ErrorCode(err) != rapport.EINVALID || rapport.ErrorField(err) != "pronoun" {
		t.Fatalf("ParsePronoun(xe): %v, want an invalid-input error on pronoun", err)
	}
}
