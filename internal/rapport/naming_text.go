package rapport

import "strings"

// Besides LeaderPlaceholder, a framework's texts may refer to the leader
// with {they}, {They}, {them}, {their}, {Their} and {themself}: each is
// filled by the leader's Naming for others, and by "you" and its forms for
// the leader. Items avoid a present-tense verb after {they} ("{they} can",
// "{they} learned"), as its ending would depend on the pronoun.

// Fill puts the leader into a text written for others: the first name for
// {leader} and the chosen pronoun, or the name again, for the others.
func (n Naming) Fill(text string) string {
	if !strings.Contains(text, "{") {
		return text
	}
	return strings.NewReplacer(
		LeaderPlaceholder, n.First,
		"{they}", n.Subject(), "{They}", Capital(n.Subject()),
		"{them}", n.Object(),
		"{their}", n.Possessive(), "{Their}", Capital(n.Possessive()),
		"{themself}", n.Reflexive(),
	).Replace(text)
}

// FillForSelf puts "you" and its forms where a text names the leader, for
// the open questions the leader answers.
func FillForSelf(text string) string {
	if !strings.Contains(text, "{") {
		return text
	}
	return strings.NewReplacer(
		LeaderPlaceholder, "you",
		"{they}", "you", "{They}", "You",
		"{them}", "you",
		"{their}", "your", "{Their}", "Your",
		"{themself}", "yourself",
	).Replace(text)
}
