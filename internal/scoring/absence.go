package scoring

// Absence says why a reported group's figure is missing from a summary, in
// terms a report can explain to its reader. It is worked out from what the
// summary itself shows (each group's n and N/A count), so an explanation
// built on it tells the reader nothing the figures do not: the PDF and the
// web view both use it, and say the same thing.
type Absence string

const (
	// NoRatings: nobody in the group rated it; they all chose "not able
	// to observe". Nothing is withheld.
	NoRatings Absence = "no_ratings"
	// FewRatings: some of an anonymous group rated it, but fewer than the
	// anonymity threshold (the others chose "not able to observe").
	FewRatings Absence = "few_ratings"
	// Complementary: enough of the group rated it, but beside All others
	// its figure would let a smaller group's ratings be worked out by
	// subtraction, so it is withheld with theirs.
	Complementary Absence = "complementary"
	// Residual: All others is withheld because, beside the figures shown,
	// it would reveal the ratings of fewer than the threshold.
	Residual Absence = "residual"
	// PartWithheld: a competency figure is withheld because the group's
	// figure for one or more of its statements is.
	PartWithheld Absence = "part_withheld"
)

// ItemAbsence says why it has no figure for group, or "" when it has one
// (or group is not reported).
func (s *Summary) ItemAbsence(it ItemScores, group string) Absence {
	if _, ok := it.Scores[group]; ok {
		return ""
	}
	g, ok := s.Group(group)
	if !ok {
		return ""
	}
	rated := g.N - it.NA[group]
	switch {
	case rated <= 0:
		return NoRatings
	case group == AllOthers:
		return Residual
	case rated < s.AnonymityThreshold:
		return FewRatings
	}
	return Complementary
}

// CompetencyAbsence says why the competency has no figure for group, or ""
// when it has one (or group is not reported).
func (s *Summary) CompetencyAbsence(c CompetencyScores, group string) Absence {
	if _, ok := c.Scores[group]; ok {
		return ""
	}
	if _, ok := s.Group(group); !ok {
		return ""
	}
	rated := false
	for _, it := range s.Items {
		if it.CompetencyKey == c.Key && s.ItemAbsence(it, group) != NoRatings {
			rated = true
		}
	}
	switch {
	case !rated:
		return NoRatings
	case group == AllOthers:
		return Residual
	}
	return PartWithheld
}
