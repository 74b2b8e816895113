package scoring

// HighlightCount is how many of the highest and of the lowest rated items a
// summary page shows.
const HighlightCount = 3

// Highlights are what a one-page summary of a round leads with. They are
// drawn only from TopItems, BottomItems, BlindSpots and HiddenStrengths,
// which use only figures the summary shows, so a highlight reveals nothing
// withheld; ties keep the report order of the items.
type Highlights struct {
	Top, Bottom []ItemRef
	// BlindSpot and HiddenStrength are the largest of each, if any.
	BlindSpot, HiddenStrength *Gap
}

// Highlights picks the summary's highlights.
func (s *Summary) Highlights() Highlights {
	h := Highlights{Top: s.TopItems[:min(HighlightCount, len(s.TopItems))],
		Bottom: s.BottomItems[:min(HighlightCount, len(s.BottomItems))]}
	if len(s.BlindSpots) > 0 {
		h.BlindSpot = &s.BlindSpots[0]
	}
	if len(s.HiddenStrengths) > 0 {
		h.HiddenStrength = &s.HiddenStrengths[0]
	}
	return h
}
