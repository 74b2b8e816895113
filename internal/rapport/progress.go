package rapport

import "time"

// AttentionWindow is how close a deadline must be for a round that is not
// closed to need the coach's attention.
const AttentionWindow = 3 * 24 * time.Hour

// GroupProgress is one rater group of a round: how many were invited and
// how many submitted.
type GroupProgress struct {
	Relationship Relationship
	Invited      int
	Submitted    int
	// Threshold is the round's anonymity threshold for anonymous groups, 0
	// for identified ones (self, superior), which have none.
	Threshold int
}

// BelowThreshold reports whether an anonymous group is too small to be
// reported on its own: by invitations in a draft, by answers once open.
func (g GroupProgress) BelowThreshold(status RoundStatus) bool {
	if g.Threshold == 0 {
		return false
	}
	if status == RoundDraft {
		return g.Invited < g.Threshold
	}
	return g.Submitted < g.Threshold
}

// Attention is why a round needs the coach now, as facts; pages word them.
// The zero value needs nothing.
type Attention struct {
	// DeadlinePassed: a draft needs a new deadline, an open round closing.
	DeadlinePassed bool
	// ClosesIn is the time left when the deadline is within AttentionWindow.
	ClosesIn time.Duration
	// SmallGroups are the anonymous groups below the threshold (see
	// GroupProgress.BelowThreshold), once one of them is worth a warning.
	SmallGroups []GroupProgress
	// AwaitingRelease: the round closed and its report is still to be
	// read, debriefed and released to the leader.
	AwaitingRelease bool
}

// Needed reports whether the round needs the coach at all.
func (a Attention) Needed() bool {
	return a.DeadlinePassed || a.ClosesIn > 0 || len(a.SmallGroups) > 0 || a.AwaitingRelease
}

// AttentionOf says why round r, with its groups in report order, needs the
// coach at now. A closed round needs its report read and released, then
// nothing more; a draft
// or open round needs attention when its deadline is near or past, or when
// an anonymous group is too small to be reported on its own (in a draft by
// invitations; once open, by answers when the deadline is near).
func AttentionOf(r *Round, groups []GroupProgress, now time.Time) Attention {
	var a Attention
	if r.Status == RoundClosed {
		a.AwaitingRelease = !r.Released()
		return a
	}
	left := r.ClosesAt.Sub(now)
	switch {
	case left <= 0:
		a.DeadlinePassed = true
	case left <= AttentionWindow:
		a.ClosesIn = left
	}
	// Once one group is worth a warning, every group below the threshold
	// is named: the coach decides whom to chase knowing the whole picture.
	var small []GroupProgress
	warn := false
	for _, g := range groups {
		if !g.BelowThreshold(r.Status) {
			continue
		}
		small = append(small, g)
		if r.Status == RoundDraft || g.Invited < g.Threshold || left <= AttentionWindow {
			warn = true
		}
	}
	if warn {
		a.SmallGroups = small
	}
	return a
}
