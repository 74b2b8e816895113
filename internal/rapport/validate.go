package rapport

import (
	"strconv"
	"strings"
	"time"
)

// Round settings' defaults and bounds.
const (
	DefaultAnonymityThreshold = 3
	MinAnonymityThreshold     = 2
	MaxAnonymityThreshold     = 10
	DefaultReminderInterval   = 72 * time.Hour
	MinReminderInterval       = time.Hour // raters are people: reminders seconds apart are a flood
	MaxReminderInterval       = 30 * 24 * time.Hour
	DefaultMaxReminders       = 3
	MaxMaxReminders           = 10
	MaxRoundLength            = 366 * 24 * time.Hour
)

// CleanName trims a person's or a title's name and checks its length and
// that it holds no control characters (which would break emails and PDFs);
// bytes that are not UTF-8 become U+FFFD and bidi controls are dropped
// (see CleanText). label names the
// field in messages, as the person filling it in calls it ("the leader's
// name").
func CleanName(field, label, s string, required bool, max int) (string, error) {
	s = strings.TrimSpace(DropZeroWidth(strings.TrimSpace(CleanText(s))))
	if required && s == "" {
		return "", FieldError(field, "Enter %s.", label)
	}
	if len([]rune(s)) > max {
		return "", FieldError(field, "%s must be at most %s characters.", Capital(label), Thousands(max))
	}
	if HasControl(s, false) {
		return "", FieldError(field, "%s must be a single line of text, without control characters.", Capital(label))
	}
	return s, nil
}

// FormatDuration writes a duration the way people type it: "72h", "90m", "1h30m".
func FormatDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}

// Thousands writes a count the way people read it: 5000 is "5,000".
func Thousands(n int) string {
	digits := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, digits = "-", digits[1:]
	}
	var b strings.Builder
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return sign + b.String()
}
