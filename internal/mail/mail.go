// Package mail renders Rapport's emails from templates/email and delivers
// them, by SMTP (github.com/wneessen/go-mail) or as .eml files in a
// directory when no SMTP server is configured. Which emails to send, and
// when, is decided elsewhere (the store's outbox and the jobs package).
package mail

import (
	"errors"
	"fmt"
	"net/mail"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Message is one rendered email, ready for a sender.
type Message struct {
	OutboxID  int64 // for logs
	Kind      string
	From      mail.Address
	ReplyTo   *mail.Address
	To        mail.Address
	Subject   string
	Text      string
	HTML      string
	MessageID string // without angle brackets; kept across retries
	Date      time.Time
	// Unsubscribe is the one-click unsubscribe URL (RFC 8058); set on every
	// email to a rater, empty on emails to the coach or the leader.
	Unsubscribe string
	// Link is the main link of the email. It holds a secret token: only the
	// file outbox in development may log it (see FileSender).
	Link string
}

// build turns a Message into a go-mail message: multipart/alternative with
// a plain-text and an HTML part, names and subject encoded as UTF-8 words.
func (m *Message) build() (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	msg.FromMailAddress(&m.From)
	msg.ToMailAddress(&m.To)
	if m.ReplyTo != nil {
		msg.ReplyToMailAddress(m.ReplyTo)
	}
	msg.Subject(m.Subject)
	msg.SetDateWithValue(m.Date)
	if m.MessageID == "" {
		return nil, errors.New("mail: message without a Message-ID")
	}
	msg.SetMessageIDWithValue(m.MessageID)
	// Automated mail: out-of-office replies should not answer it (RFC 3834).
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	if m.Unsubscribe != "" {
		// go-mail's SetListUnsubscribeOneClick insists on https; a
		// development instance on http://localhost gets the same headers.
		msg.SetListUnsubscribe(m.Unsubscribe)
		msg.SetListUnsubscribePost()
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	return msg, nil
}

// PermanentError is a delivery failure that retrying will not cure: the
// server refused the message or the recipient for good (5xx).
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }

// IsPermanent reports whether err is a permanent delivery failure. Every
// other error (4xx, a refused connection, a timeout) is worth retrying.
func IsPermanent(err error) bool {
	var p *PermanentError
	return errors.As(err, &p)
}

// classify turns a go-mail error into a permanent one where the server
// said so with a 5xx reply to the message or its recipient.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var se *gomail.SendError
	if errors.As(err, &se) && !se.IsTemp() && se.ErrorCode() >= 500 && se.ErrorCode() < 600 {
		return &PermanentError{Err: fmt.Errorf("mail: %w", err)}
	}
	return fmt.Errorf("mail: %w", err)
}
