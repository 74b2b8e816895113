package rapport

import "time"

// Retention: a coach keeps a closed round's individual answers, comments
// and raters' names and addresses for RetentionDays after the close; then
// they are purged, and the round's frozen report is all that is left.
const (
	MinRetentionDays     = 30
	MaxRetentionDays     = 3650
	DefaultRetentionDays = 730
)

// Settings are a coach's own settings.
type Settings struct {
	RetentionDays int `json:"retention_days" db:"retention_days"`
}

// SettingsInput is a change of settings, as the API and the page send it.
type SettingsInput struct {
	RetentionDays *int `json:"retention_days"`
}

// Validate checks the retention period is given and within its range.
func (in SettingsInput) Validate() (Settings, error) {
	if d := in.RetentionDays; d == nil || *d < MinRetentionDays || *d > MaxRetentionDays {
		return Settings{}, FieldError("retention_days", "Keep closed rounds for a whole number of days from 30 to 3650.")
	}
	return Settings{RetentionDays: *in.RetentionDays}, nil
}

// PurgeAt is when a closed round's answers, comments and raters'
// identities are due to be purged, or nil if the round is not closed or
// has already been purged.
func (r *Round) PurgeAt() *time.Time {
	if r.ClosedAt == nil || r.PurgedAt != nil || r.RetentionDays == 0 {
		return nil
	}
	at := r.ClosedAt.Add(time.Duration(r.RetentionDays) * 24 * time.Hour)
	return &at
}

// Purged reports whether the round's answers and raters' identities are gone.
func (r *Round) Purged() bool { return r.PurgedAt != nil }
