package web

import (
	"slices"
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
)

// TestPronounGroupsOfferEveryPronoun: the grouped menu offers every
// pronoun of rapport.Pronouns, each once, or coaches could never choose it.
func TestPronounGroupsOfferEveryPronoun(t *testing.T) {
	var offered []rapport.Pronoun
	for _, g := range pronounGroups {
		offered = append(offered, g.Pronouns...)
	}
	want := slices.Clone(rapport.Pronouns)
	slices.Sort(offered)
	slices.Sort(want)
	if !slices.Equal(offered, want) {
		t.Errorf("the pronoun menu offers %v, rapport.Pronouns has %v", offered, want)
	}
}
