package jobs

import (
	"context"
	"fmt"
	"log/slog"
	netmail "net/mail"
	"sync"
	"time"

	"github.com/rapporthq/rapport/internal/config"
	"github.com/rapporthq/rapport/internal/mail"
	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// Sender delivers one rendered email: mail.SMTPSender or mail.FileSender.
// A returned *mail.PermanentError stops the message; any other error is
// retried with backoff.
type Sender interface {
	Send(ctx context.Context, m *mail.Message) error
}

// Delivery settings. The lease must outlast the slowest send (the SMTP
// timeout is 30 s), or a second worker could take a row that is still
// being sent.
const (
	DefaultPoll      = time.Second
	DefaultLease     = 5 * time.Minute
	MaxAttempts      = 12 // about five hours of retries with the default backoff
	DefaultRetryBase = config.DefaultMailRetryBase
	maxRetryDelay    = time.Hour
	sendTimeout      = 2 * time.Minute
)

// Mailer is the mail worker: it delivers due outbox rows one at a time.
//
// Each row is claimed in a transaction before it is sent (status 'sending'
// with a lease), so two workers, in one process or several, never send the
// same row. A row is sent twice only if SMTP accepted it and the process died
// before the result was recorded: its lease then runs out and it is sent
// again, with the same Message-ID.
type Mailer struct {
	Store    *store.Store
	Sender   Sender
	Composer *mail.Composer
	Log      *slog.Logger
	// MessageIDDomain is the right-hand side of Message-IDs (the host of
	// RAPPORT_BASE_URL).
	MessageIDDomain string
	Poll            time.Duration // how often to look for due rows; DefaultPoll if zero
	Lease           time.Duration // DefaultLease if zero
	// RetryBase is the wait after a first temporary failure
	// (RAPPORT_MAIL_RETRY_BASE); DefaultRetryBase if zero.
	RetryBase time.Duration

	wakeOnce sync.Once
	wake     chan struct{}
}

// Wake makes a running worker look for due rows now rather than at its next
// poll; the store calls it after a commit that queued mail
// (store.OnMailQueued).
func (m *Mailer) Wake() {
	select {
	case m.wakeChan() <- struct{}{}:
	default:
	}
}

func (m *Mailer) wakeChan() chan struct{} {
	m.wakeOnce.Do(func() { m.wake = make(chan struct{}, 1) })
	return m.wake
}

// Run delivers mail until ctx is cancelled. A message being sent when ctx
// ends is finished (within the send timeout) and recorded, so a SIGTERM
// never leaves a sent message marked unsent.
func (m *Mailer) Run(ctx context.Context) {
	poll := m.Poll
	if poll == 0 {
		poll = DefaultPoll
	}
	wake := m.wakeChan()
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		case <-wake:
		}
		if _, err := m.DeliverDue(ctx); err != nil && ctx.Err() == nil {
			m.Log.Error("mail worker", "err", err)
		}
		timer.Reset(poll)
	}
}

// DeliverDue delivers every row that is due now and returns how many it
// handled (sent, failed or skipped).
func (m *Mailer) DeliverDue(ctx context.Context) (int, error) {
	n := 0
	for ctx.Err() == nil {
		done, err := m.deliverOne(ctx)
		if err != nil || !done {
			return n, err
		}
		n++
	}
	return n, nil
}

// deliverOne claims and delivers one due row; false when none is due.
func (m *Mailer) deliverOne(ctx context.Context) (bool, error) {
	lease := m.Lease
	if lease == 0 {
		lease = DefaultLease
	}
	claimed, err := m.Store.ClaimDue(ctx, lease, 1, m.MessageIDDomain)
	if err != nil || len(claimed) == 0 {
		return false, err
	}
	row := &claimed[0]
	// From here the row is ours: finish it even if ctx is cancelled.
	sendCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sendTimeout)
	defer cancel()
	return true, m.deliver(sendCtx, row)
}

func (m *Mailer) deliver(ctx context.Context, row *store.OutboxMessage) error {
	if reason := skipReason(row); reason != "" {
		m.Log.Info("email skipped", "outbox_id", row.ID, "kind", row.Kind, "reason", reason)
		return m.Store.MarkSkipped(ctx, row, reason)
	}
	msg, err := m.compose(row)
	if err != nil {
		m.Log.Error("email cannot be rendered", "outbox_id", row.ID, "kind", row.Kind, "err", err)
		return m.Store.MarkFailed(ctx, row, err.Error())
	}
	err = m.Sender.Send(ctx, msg)
	switch {
	case err == nil:
		m.Log.Info("email sent", "outbox_id", row.ID, "kind", row.Kind, "attempt", row.Attempts)
		if err := m.Store.MarkSent(ctx, row); err != nil {
			return err
		}
		return m.removeIfErased(ctx, row.ID)
	case mail.IsPermanent(err):
		m.Log.Warn("email refused for good", "outbox_id", row.ID, "kind", row.Kind, "err", err)
		return m.Store.MarkFailed(ctx, row, reason(err))
	case row.Attempts >= MaxAttempts:
		m.Log.Warn("email given up", "outbox_id", row.ID, "kind", row.Kind, "attempts", row.Attempts, "err", err)
		return m.Store.MarkFailed(ctx, row, fmt.Sprintf("gave up after %d attempts: %s", row.Attempts, reason(err)))
	default:
		next := m.Store.Now().Add(RetryDelayFrom(m.RetryBase, row.Attempts))
		m.Log.Warn("email will be retried", "outbox_id", row.ID, "kind", row.Kind, "attempt", row.Attempts, "next", next, "err", err)
		return m.Store.MarkRetry(ctx, row, reason(err), next)
	}
}

// fileRemover is a sender that keeps a copy of what it sent (the file
// outbox) and can delete it.
type fileRemover interface {
	Remove(outboxID int64) error
}

// removeIfErased deletes the sender's copy of a message whose row an
// erasure deleted while it was being sent: the erasure removed the copies
// that existed then, and this one was written after.
func (m *Mailer) removeIfErased(ctx context.Context, outboxID int64) error {
	remover, ok := m.Sender.(fileRemover)
	if !ok {
		return nil
	}
	erased, err := m.Store.OutboxErased(ctx, outboxID)
	if err != nil || !erased {
		return err
	}
	m.Log.Info("email erased while it was sent; its copy is deleted", "outbox_id", outboxID)
	return remover.Remove(outboxID)
}

// RetryDelay is the wait after a temporary failure of the given attempt
// with the default base: 30 s, 1 min, 2 min, ... doubling up to an hour.
func RetryDelay(attempt int) time.Duration { return RetryDelayFrom(DefaultRetryBase, attempt) }

// RetryDelayFrom is the wait after a temporary failure of the given
// attempt: base, 2×base, 4×base, ... up to an hour (base defaults to 30 s).
func RetryDelayFrom(base time.Duration, attempt int) time.Duration {
	if base <= 0 {
		base = DefaultRetryBase
	}
	d := base
	for i := 1; i < attempt && d < maxRetryDelay; i++ {
		d *= 2
	}
	return min(d, maxRetryDelay)
}

// skipReason says why a queued email should no longer go out: reminders
// wait in the queue while SMTP is down, and meanwhile the rater may have
// answered, declined or opted out, or the round may have closed. The
// demo coach's emails never go out: its addresses are not real people.
func skipReason(row *store.OutboxMessage) string {
	if row.DemoCoach {
		return "demo data: not sent"
	}
	if row.Kind == rapport.EmailNomination && row.RoundStatus != string(rapport.RoundDraft) {
		return "the round was launched before the leader's nomination link went out"
	}
	if row.Kind != rapport.EmailReminder && row.Kind != rapport.EmailLastCall {
		return ""
	}
	switch {
	case row.RaterStatus == nil:
		return "the rater was removed"
	case row.RaterOptedOut:
		return "the rater opted out of reminders"
	case rapport.RaterStatus(*row.RaterStatus).Done():
		return "the rater had already " + *row.RaterStatus
	case row.RoundStatus != string(rapport.RoundOpen):
		return "the round had closed"
	}
	return ""
}

// compose opens the link token (sealed in the database) and renders.
func (m *Mailer) compose(row *store.OutboxMessage) (*mail.Message, error) {
	e := mail.Email{
		OutboxID: row.ID, Kind: row.Kind, To: netmail.Address{Name: row.ToName, Address: row.ToEmail},
		MessageID: row.MessageID, Date: m.Store.Now(),
		RoundID: row.RoundID, RoundTitle: row.RoundTitle, LeaderName: row.LeaderName, LeaderPronoun: row.LeaderPronoun, CoachName: row.CoachName, CoachEmail: row.CoachEmail,
		ClosesAt: row.ClosesAt, TimeZone: row.TimeZone, AnonymityThreshold: row.AnonymityThreshold, Responded: row.Responded, Raters: row.Raters,
		Proposed: row.Proposed,
	}
	sealed := row.RaterTokenSealed
	if row.RaterRelationship != nil {
		e.Relationship = rapport.Relationship(*row.RaterRelationship)
		e.Started = rapport.RaterStatus(*row.RaterStatus).Started()
	}
	if row.Kind == rapport.EmailReportReleased {
		sealed = row.ReportTokenSealed
		if sealed == nil {
			return nil, fmt.Errorf("the round has no report link")
		}
	}
	if row.Kind == rapport.EmailNomination {
		sealed = row.NominationTokenSealed
		if sealed == nil {
			return nil, fmt.Errorf("the round has no nomination link")
		}
	}
	if sealed != nil {
		token, err := m.Store.Keys().Open(sealed)
		if err != nil {
			return nil, err
		}
		e.Token = token
		if row.RaterID != nil {
			e.OptOutToken = m.Store.Keys().OptOutToken(token)
		}
	}
	return m.Composer.Compose(e)
}

// reason is an error as recorded for the coach: one line, bounded.
func reason(err error) string {
	s := err.Error()
	if len(s) > 500 {
		s = s[:500] + "…"
	}
	return s
}
