package rapport

import "time"

// RoundStatus is where a feedback round stands.
type RoundStatus string

const (
	RoundDraft  RoundStatus = "draft"  // being set up; nobody has been invited
	RoundOpen   RoundStatus = "open"   // launched; raters are answering
	RoundClosed RoundStatus = "closed" // answers are final; the report can be read
)

// RaterStatus is where one rater stands in a round.
type RaterStatus string

const (
	RaterInvited    RaterStatus = "invited"
	RaterOpened     RaterStatus = "opened"
	RaterInProgress RaterStatus = "in_progress"
	RaterSubmitted  RaterStatus = "submitted"
	RaterDeclined   RaterStatus = "declined"
)

// Done reports whether the rater has finished one way or the other.
func (s RaterStatus) Done() bool { return s == RaterSubmitted || s == RaterDeclined }

// Started reports whether the rater has saved any answer.
func (s RaterStatus) Started() bool { return s == RaterInProgress || s.Done() }

// Coach is a user who runs feedback rounds for their clients.
type Coach struct {
	ID           int64     `db:"id" json:"id"`
	Email        string    `db:"email" json:"email"`
	Name         string    `db:"name" json:"name"`
	PasswordHash string    `db:"password_hash" json:"-"`
	CreatedAt    time.Time `db:"created_at" json:"created_at"`
}

// Leader is a coach's client, the person the feedback is about.
type Leader struct {
	ID           int64  `db:"id" json:"id"`
	CoachID      int64  `db:"coach_id" json:"-"`
	Name         string `db:"name" json:"name"`
	Email        string `db:"email" json:"email"`
	Title        string `db:"title" json:"title"`
	Organization string `db:"organization" json:"organization"`
	// Pronoun is how the report, the survey and the emails refer to them.
	Pronoun   Pronoun   `db:"pronoun" json:"pronoun"`
	CreatedAt time.Time `db:"created_at" json:"created_at"`
}

// Naming is how sentences refer to the leader.
func (l *Leader) Naming() Naming { return NamingOf(l.Name, l.Pronoun) }

// Round is one 360 feedback round for one leader on one framework.
type Round struct {
	ID                 int64       `db:"id" json:"id"`
	CoachID            int64       `db:"coach_id" json:"-"`
	LeaderID           int64       `db:"leader_id" json:"leader_id"`
	LeaderName         string      `db:"leader_name" json:"leader_name"`
	LeaderPronoun      Pronoun     `db:"leader_pronoun" json:"-"`
	FrameworkID        int64       `db:"framework_id" json:"-"`
	FrameworkKey       string      `db:"framework_key" json:"framework_key"`
	Title              string      `db:"title" json:"title"`
	Status             RoundStatus `db:"status" json:"status"`
	ClosesAt           time.Time   `db:"closes_at" json:"closes_at"`
	TimeZone           string      `db:"time_zone" json:"time_zone"` // IANA name the deadline was typed and is shown in
	AnonymityThreshold int         `db:"anonymity_threshold" json:"anonymity_threshold"`
	ReminderSeconds    int64       `db:"reminder_interval" json:"-"`
	MaxReminders       int         `db:"max_reminders" json:"max_reminders"`
	CreatedAt          time.Time   `db:"created_at" json:"created_at"`
	LaunchedAt         *time.Time  `db:"launched_at" json:"launched_at"`
	ClosedAt           *time.Time  `db:"closed_at" json:"closed_at"`
	ReleasedAt         *time.Time  `db:"released_at" json:"released_at"`
	// PurgedAt is when the round's answers, comments and raters' names and
	// addresses were purged after the coach's retention period.
	PurgedAt *time.Time `db:"purged_at" json:"purged_at"`
	// RetentionDays is the coach's retention period (see PurgeAt).
	RetentionDays int `db:"retention_days" json:"-"`
}

// ReminderInterval is the least time between two emails to one rater.
func (r *Round) ReminderInterval() time.Duration {
	return time.Duration(r.ReminderSeconds) * time.Second
}

// LeaderNaming is how sentences about this round refer to its leader.
func (r *Round) LeaderNaming() Naming { return NamingOf(r.LeaderName, r.LeaderPronoun) }

// Released reports whether the report has been released to the leader.
func (r *Round) Released() bool { return r.ReleasedAt != nil }

// Rater is one person asked for feedback in a round. The survey token is
// never stored in the clear, so it is not a field here.
type Rater struct {
	ID            int64        `db:"id" json:"id"`
	RoundID       int64        `db:"round_id" json:"-"`
	Name          string       `db:"name" json:"name"`
	Email         string       `db:"email" json:"email"`
	Relationship  Relationship `db:"relationship" json:"relationship"`
	Status        RaterStatus  `db:"status" json:"status"`
	CreatedAt     time.Time    `db:"created_at" json:"created_at"`
	OptedOutAt    *time.Time   `db:"opted_out_at" json:"opted_out_at,omitempty"`
	RemindersSent int          `db:"reminders_sent" json:"reminders_sent"`
	LastEmailedAt *time.Time   `db:"last_emailed_at" json:"last_emailed_at,omitempty"`
	// ErasedAt is set once the rater's name and email were erased after
	// close (both then read as ""); their answers still count.
	ErasedAt *time.Time `db:"erased_at" json:"erased_at,omitempty"`
	// LastEmail is the newest email queued to the rater and how its
	// delivery went, so the coach sees what went out and what failed.
	LastEmail *EmailStatus `db:"-" json:"last_email,omitempty"`
}

// Kinds of email, as the outbox stores them and as their templates are
// named. Each is queued in the same transaction as the change that causes it.
const (
	EmailInvitation     = "invitation"
	EmailReminder       = "reminder"
	EmailLastCall       = "last_call"
	EmailRoundClosed    = "round_closed"
	EmailReportReleased = "report_released"
)

// EmailStatus is where one queued email stands.
type EmailStatus struct {
	Kind     string     `db:"kind" json:"kind"`     // invitation, reminder, last_call
	Status   string     `db:"status" json:"status"` // pending, sending, sent, failed, skipped
	QueuedAt time.Time  `db:"created_at" json:"queued_at"`
	SentAt   *time.Time `db:"sent_at" json:"sent_at,omitempty"`
	Attempts int        `db:"attempts" json:"attempts"`
	// Error is the last delivery failure (temporary while status is
	// pending, permanent when failed) or why it was skipped.
	Error string `db:"last_error" json:"error,omitempty"`
}
