package rapport

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Pronoun is how the report, the survey and the emails refer to a leader
// after naming them once.
type Pronoun string

const (
	PronounShe  Pronoun = "she"
	PronounHe   Pronoun = "he"
	PronounThey Pronoun = "they"
	// PronounName repeats the first name where a pronoun would stand.
	PronounName Pronoun = "name"
)

// Pronouns lists the choices, in the order a form offers them.
var Pronouns = []Pronoun{PronounName, PronounShe, PronounHe, PronounThey}

// Valid reports whether p is one of Pronouns.
func (p Pronoun) Valid() bool {
	for _, q := range Pronouns {
		if p == q {
			return true
		}
	}
	return false
}

// Choice names the pronoun as a form's menu does.
func (p Pronoun) Choice() string {
	switch p {
	case PronounShe:
		return "she / her"
	case PronounHe:
		return "he / him"
	case PronounThey:
		return "they / them"
	}
	return "by first name, no pronoun"
}

// ParsePronoun reads a pronoun as sent by a form or the API; empty is the
// default, the name. Anything else is an invalid-input error on "pronoun".
func ParsePronoun(s string) (Pronoun, error) {
	p := Pronoun(strings.ToLower(strings.TrimSpace(s)))
	if p == "" {
		return PronounName, nil
	}
	if !p.Valid() {
		return "", FieldError("pronoun", "%q is not a pronoun we know: use she, he, they or name (the first name is repeated instead of a pronoun).",
			strings.TrimSpace(s))
	}
	return p, nil
}

// Naming is how sentences refer to one leader: by first name, then by the
// chosen pronoun, with the verb agreeing. All the grammar of referring to
// the leader lives here, so the report, the survey and the emails agree.
// The zero Pronoun reads as PronounName.
type Naming struct {
	First   string  `json:"first_name"`
	Pronoun Pronoun `json:"pronoun"`
}

// NamingOf names a leader by the first word of full and the pronoun p.
func NamingOf(full string, p Pronoun) Naming {
	if !p.Valid() {
		p = PronounName
	}
	return Naming{First: FirstName(full), Pronoun: p}
}

// UsesName reports whether the first name stands in for every pronoun;
// sentences then prefer "Zoë's own rating" to "Zoë rated Zoë".
func (n Naming) UsesName() bool { return !n.Pronoun.Valid() || n.Pronoun == PronounName }

// Subject is "she", "he", "they" or the first name.
func (n Naming) Subject() string { return n.pick("she", "he", "they", n.First) }

// Object is "her", "him", "them" or the first name.
func (n Naming) Object() string { return n.pick("her", "him", "them", n.First) }

// Possessive is "her", "his", "their" or "Zoë's".
func (n Naming) Possessive() string { return n.pick("her", "his", "their", n.NamePossessive()) }

// Reflexive is "herself", "himself", "themselves", or the first name
// (reword a sentence that would read "Zoë rated Zoë").
func (n Naming) Reflexive() string { return n.pick("herself", "himself", "themselves", n.First) }

// NamePossessive is the first name with the possessive: "Zoë's", "James's".
func (n Naming) NamePossessive() string { return n.First + "'s" }

// Verb picks the form of a present-tense verb whose subject is Subject():
// Verb("rates", "rate") is "rates" for she, he and the name, "rate" for they.
func (n Naming) Verb(singular, plural string) string {
	if n.Pronoun == PronounThey {
		return plural
	}
	return singular
}

// SubjectVerb is Subject() with its verb agreeing: "she rates", "they rate".
func (n Naming) SubjectVerb(singular, plural string) string {
	return n.Subject() + " " + n.Verb(singular, plural)
}

func (n Naming) pick(she, he, they, name string) string {
	switch n.Pronoun {
	case PronounShe:
		return she
	case PronounHe:
		return he
	case PronounThey:
		return they
	}
	return name
}

// Capital upper-cases the first letter of s, for a form that starts a
// sentence: Capital("her") is "Her", Capital("ólafur") "Ólafur".
func Capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
