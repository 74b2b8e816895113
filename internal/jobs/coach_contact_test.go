package jobs_test

import (
	"fmt"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

// TestRaterEmailsReachTheCoachByANewMessage: an email that carries a
// rater's personal link (invitation, reminder, last call) has no Reply-To,
// so an ordinary reply does not quote the link to the coach; it gives the
// coach's address as a mailto: link that starts a new message instead.
// The leader's report email, whose link opens only the leader's own
// report, is answered to the coach.
func TestRaterEmailsReachTheCoachByANewMessage(t *testing.T) {
	f := newFixture(t)
	roundID := f.launch(t, roundOptions{interval: "12h", max: 5, closesIn: 40 * time.Hour}, fyodor, manager)
	f.deliver(t)
	f.clock.Advance(12 * time.Hour) // 28 h left: a reminder
	f.sweep(t)
	f.clock.Advance(12 * time.Hour) // 16 h left: a last call
	f.sweep(t)
	f.deliver(t)

	t.Run("RaterEmailsHaveNoReplyToAndAMailtoLink", func(t *testing.T) {
		for _, p := range []person{leader, fyodor, manager} {
			got := map[string]*testkit.Email{}
			for _, e := range f.smtp.To(p.Email) {
				got[emailKind(e)] = e
			}
			for _, kind := range []string{rapport.EmailInvitation, rapport.EmailReminder, rapport.EmailLastCall} {
				e := got[kind]
				if e == nil {
					t.Fatalf("%s received no %s (got %v)", p.Email, kind, got)
				}
				expectCoachByNewMessage(t, f, p.Email+" "+kind, e)
			}
		}
	})

	t.Run("TheReportEmailIsAnsweredToTheCoach", func(t *testing.T) {
		for _, p := range []person{leader, fyodor, manager} {
			f.answerFromInvitation(t, p, 3)
		}
		mustStatus(t, f.app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/close", roundID), f.token, nil), 200)
		mustStatus(t, f.app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/release", roundID), f.token, nil), 200)
		f.deliver(t)
		got := f.smtp.To(leader.Email)
		e := got[len(got)-1]
		if !reportLink.MatchString(e.Text) {
			t.Fatalf("the leader's last email is not the report email: %q", e.Subject)
		}
		if rt, err := mail.ParseAddress(e.Header.Get("Reply-To")); err != nil || rt.Address != f.coach.Email {
			t.Errorf("report email Reply-To = %q, want the coach", e.Header.Get("Reply-To"))
		}
		closed := f.smtp.To(f.coach.Email)
		if len(closed) != 1 {
			t.Fatalf("the coach received %d emails, want the close notice", len(closed))
		}
		if _, ok := closed[0].Header["Reply-To"]; ok {
			t.Errorf("the coach's close notice has Reply-To %q, want none", closed[0].Header.Get("Reply-To"))
		}
	})
}

// expectCoachByNewMessage checks that e has no Reply-To, comes from the
// service, and gives the coach's address as a mailto: link in both parts.
func expectCoachByNewMessage(t *testing.T, f *fixture, what string, e *testkit.Email) {
	t.Helper()
	if _, ok := e.Header["Reply-To"]; ok {
		t.Errorf("%s: Reply-To %q, want none: a reply would quote the personal link", what, e.Header.Get("Reply-To"))
	}
	if e.From.Address != "rapport@localhost" {
		t.Errorf("%s: From %v, want the service's address", what, e.From)
	}
	mailto := "mailto:" + f.coach.Email
	text := flat(e.Text)
	if !strings.Contains(text, mailto) || !strings.Contains(text, "start a new message to "+f.coach.Email) ||
		!strings.Contains(text, "rather than replying, so that your personal link stays private") {
		t.Errorf("%s: the text part does not give the coach's address to write to anew:\n%s", what, e.Text)
	}
	if !strings.Contains(e.HTML, `href="`+mailto+`"`) || !strings.Contains(flat(e.HTML), "rather than replying") {
		t.Errorf("%s: the HTML part has no mailto: link to the coach:\n%s", what, e.HTML)
	}
	if strings.Contains(text, "Reply to this email") || strings.Contains(flat(e.HTML), "Reply to this email") {
		t.Errorf("%s: still asks for a reply", what)
	}
}

// emailKind tells a rater email's kind by its subject.
func emailKind(e *testkit.Email) string {
	switch {
	case strings.HasPrefix(e.Subject, "Reminder:"):
		return rapport.EmailReminder
	case strings.HasPrefix(e.Subject, "Last call:"):
		return rapport.EmailLastCall
	}
	return rapport.EmailInvitation
}
