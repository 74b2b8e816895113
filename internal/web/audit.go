package web

import (
	"context"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// The audit trail's recording side (store/audit.go). Each action a coach
// takes is recorded by one line in its handler, after the action succeeded:
//
//	s.audit(c, "leader.erased", store.LeaderSubject(id), "")
//
// The line is a write of its own on the single writer, right after the
// action's: a failure is logged and the action stands, and a client that
// hangs up does not cancel it.

// audit records what the signed-in coach (session or API token) just did.
// A HEAD probe did nothing a person did, and records nothing.
func (s *Server) audit(c *gin.Context, action string, subject store.AuditSubject, detail string) {
	if isHeadProbe(c) {
		return
	}
	s.record(context.WithoutCancel(c.Request.Context()), store.AuditEntry{CoachID: coachOf(c), Actor: store.ActorCoach,
		Action: action, Subject: subject, Detail: detail})
}

// auditLater records a line without keeping the request waiting for the
// writer: for the leader's report link, which must stay a fast read, and
// for failed sign-ins, whose answer must take the same time whether or not
// the address is a coach's. WaitAudits waits for these at shutdown. A
// HEAD probe records nothing.
func (s *Server) auditLater(c *gin.Context, e store.AuditEntry) {
	if isHeadProbe(c) {
		return
	}
	s.later(c, func(ctx context.Context) { s.record(ctx, e) })
}

// maxPendingAudits bounds the lines written in the background at once. Past
// it a request writes its line itself: a flood then waits for the writer
// instead of piling up goroutines, and no line is lost.
const maxPendingAudits = 32

// later runs write in the background, or at once past maxPendingAudits.
func (s *Server) later(c *gin.Context, write func(ctx context.Context)) {
	ctx := context.WithoutCancel(c.Request.Context())
	if s.auditsPending.Add(1) > maxPendingAudits {
		s.auditsPending.Add(-1)
		write(ctx)
		return
	}
	s.audits.Add(1)
	go func() {
		defer s.audits.Done()
		defer s.auditsPending.Add(-1)
		write(ctx)
	}()
}

// WaitAudits waits for the audit lines still being written; serve calls it
// after the last request and before closing the store.
func (s *Server) WaitAudits() { s.audits.Wait() }

func (s *Server) record(ctx context.Context, e store.AuditEntry) {
	if err := s.store.Audit(ctx, e); err != nil {
		s.log.Error("audit line not recorded", "action", e.Action, "err", err)
	}
}

// auditFailedSignIn records a wrong password for an address that is a
// coach's, in that coach's trail. An unknown address records nothing: a
// line would belong to no coach, so nobody could read it, and keeping
// addresses people mistyped (or hashes of them) would be personal data
// with no purpose. Neither the password nor the address goes in the line.
func (s *Server) auditFailedSignIn(c *gin.Context, email, via string) {
	s.later(c, func(ctx context.Context) {
		coach, err := s.store.CoachByEmail(ctx, email)
		if err != nil {
			if rapport.ErrorCode(err) != rapport.ENOTFOUND {
				s.log.Error("audit line not recorded", "action", "signin.failed", "err", err)
			}
			return
		}
		s.record(ctx, store.AuditEntry{CoachID: coach.ID, Actor: store.ActorUnknown, Action: "signin.failed",
			Subject: store.AccountSubject(), Detail: "wrong password, " + via})
	})
}

// countDetail is "n raters" for a line about several raters at once.
func countDetail(n int) string {
	if n == 1 {
		return "1 rater"
	}
	return strconv.Itoa(n) + " raters"
}

// auditSignIn records a successful sign-in (page) or token (API): the
// coach is not in the request yet.
func (s *Server) auditSignIn(c *gin.Context, coachID int64, action, detail string) {
	s.record(context.WithoutCancel(c.Request.Context()), store.AuditEntry{CoachID: coachID, Actor: store.ActorCoach,
		Action: action, Subject: store.AccountSubject(), Detail: detail})
}

// signInChannel names where a sign-in came from, for its audit line.
func signInChannel(c *gin.Context) string {
	if strings.HasPrefix(c.FullPath(), "/api/") {
		return "API"
	}
	return "sign-in page"
}

// leaderChanges names the fields an edit changed, never their values.
func leaderChanges(before, after *rapport.Leader) string {
	var changed []string
	for _, f := range []struct {
		name       string
		old, value string
	}{{"name", before.Name, after.Name}, {"email", before.Email, after.Email}, {"title", before.Title, after.Title},
		{"organization", before.Organization, after.Organization}, {"pronoun", string(before.Pronoun), string(after.Pronoun)}} {
		if f.old != f.value {
			changed = append(changed, f.name)
		}
	}
	return changedDetail(changed)
}

func changedDetail(fields []string) string {
	if len(fields) == 0 {
		return "nothing changed"
	}
	return "changed " + strings.Join(fields, ", ")
}

// audited wraps a round action so that, once it succeeded, it is recorded
// as action: for the API handlers that answer through roundAction.
func (s *Server) audited(action string, do func(ctx context.Context, coachID, id int64) (*rapport.Round, error)) func(ctx context.Context, coachID, id int64) (*rapport.Round, error) {
	return func(ctx context.Context, coachID, id int64) (*rapport.Round, error) {
		r, err := do(ctx, coachID, id)
		if err == nil {
			s.record(context.WithoutCancel(ctx), store.AuditEntry{CoachID: coachID, Actor: store.ActorCoach, Action: action,
				Subject: store.RoundSubject(id)})
		}
		return r, err
	}
}

// roundChanges names the settings an edit changed, never their values.
func roundChanges(before, after *rapport.Round) string {
	if after == nil {
		return ""
	}
	var changed []string
	add := func(name string, differs bool) {
		if differs {
			changed = append(changed, name)
		}
	}
	add("title", before.Title != after.Title)
	add("closes_at", !before.ClosesAt.Equal(after.ClosesAt))
	add("time_zone", before.TimeZone != after.TimeZone)
	add("anonymity_threshold", before.AnonymityThreshold != after.AnonymityThreshold)
	add("reminder_interval", before.ReminderSeconds != after.ReminderSeconds)
	add("max_reminders", before.MaxReminders != after.MaxReminders)
	return changedDetail(changed)
}
