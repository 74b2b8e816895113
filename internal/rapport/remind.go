package rapport

import "time"

// RemindQuietPeriod is how long after any email a rater is left alone by
// "Send reminders now": a coach pressing it twice, or just after a late
// rater's invitation, must not flood anyone's inbox.
const RemindQuietPeriod = 12 * time.Hour

// Awaiting reports whether a rater may still be reminded: not answered,
// not declined, not opted out.
func (rt *Rater) Awaiting() bool {
	return !rt.Status.Done() && rt.OptedOutAt == nil
}

// EmailedRecently reports whether the rater had an email within the quiet
// period before now.
func (rt *Rater) EmailedRecently(now time.Time) bool {
	return rt.LastEmailedAt != nil && now.Sub(*rt.LastEmailedAt) < RemindQuietPeriod
}

// RemindReach says what "Send reminders now" would do at now: how many
// raters it would email, and how many awaiting raters it would skip since
// they were emailed within the quiet period.
func RemindReach(raters []Rater, now time.Time) (reach, recent int) {
	for i := range raters {
		switch rt := &raters[i]; {
		case !rt.Awaiting():
		case rt.EmailedRecently(now):
			recent++
		default:
			reach++
		}
	}
	return reach, recent
}
