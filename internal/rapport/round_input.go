package rapport

import "time"

// RoundInput is what a coach gives to create a round. Nil settings take
// the defaults (threshold 3, reminders every 72h, at most 3).
type RoundInput struct {
	LeaderID           int64
	FrameworkKey       string
	Title              string
	ClosesAt           time.Time
	TimeZone           string // IANA name; empty means UTC
	AnonymityThreshold *int
	ReminderInterval   *time.Duration
	MaxReminders       *int
}

// Validate trims and checks a round's settings, filling in defaults. It
// reports every fault, not only the first. Rules on the leader and the
// framework that need the database are checked when the round is stored.
func (in *RoundInput) Validate(now time.Time) error {
	var v Faults
	var err error
	in.Title, err = CleanName("title", "the round's title", in.Title, true, 200)
	v.Add(err)
	if in.FrameworkKey == "" {
		v.Add(FieldError("framework_key", "Choose the framework (the questionnaire) for this round."))
	}
	switch {
	case in.ClosesAt.IsZero():
		v.Add(FieldError("closes_at", "Choose the day and time when the round closes."))
	case !in.ClosesAt.After(now):
		v.Add(FieldError("closes_at", "The deadline must be in the future."))
	case in.ClosesAt.After(now.Add(MaxRoundLength)):
		v.Add(FieldError("closes_at", "The deadline must be within a year."))
	}
	if in.TimeZone == "" {
		in.TimeZone = DefaultTimeZone
	}
	if _, err := LoadZone(in.TimeZone); err != nil {
		v.Add(err)
	}
	if in.AnonymityThreshold == nil {
		n := DefaultAnonymityThreshold
		in.AnonymityThreshold = &n
	}
	if n := *in.AnonymityThreshold; n < MinAnonymityThreshold || n > MaxAnonymityThreshold {
		v.Add(FieldError("anonymity_threshold", "The anonymity threshold must be between %d and %d: a group of one would not be anonymous.",
			MinAnonymityThreshold, MaxAnonymityThreshold))
	}
	if in.ReminderInterval == nil {
		d := DefaultReminderInterval
		in.ReminderInterval = &d
	}
	switch d := *in.ReminderInterval; {
	case d < MinReminderInterval || d > MaxReminderInterval:
		v.Add(FieldError("reminder_interval", "Reminders must be at least 1 hour and at most 30 days (720h) apart."))
	case d%time.Second != 0:
		v.Add(FieldError("reminder_interval", "The time between reminders must be a whole number of seconds."))
	}
	if in.MaxReminders == nil {
		n := DefaultMaxReminders
		in.MaxReminders = &n
	}
	if *in.MaxReminders < 0 || *in.MaxReminders > MaxMaxReminders {
		v.Add(FieldError("max_reminders", "Send between 0 and %d reminders.", MaxMaxReminders))
	}
	return v.Err()
}

// MaxRatersPerRound bounds a round, and with it the work of its summary,
// its report and its reminders: far more than any 360 (10 to 30 raters).
const MaxRatersPerRound = 500
