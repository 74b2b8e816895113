package jobs_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/jobs"
	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
	"github.com/rapporthq/rapport/internal/testkit"
)

func TestReminders(t *testing.T) {
	t.Run("FollowTheIntervalAndStopAtTheCap", func(t *testing.T) {
		f := newFixture(t)
		roundID := f.launch(t, roundOptions{interval: "1h", max: 2}, fyodor, manager)
		f.deliver(t)
		f.sweep(t)
		f.clock.Advance(59 * time.Minute)
		f.sweep(t)
		if got := f.kinds(t, roundID, "")[rapport.EmailReminder]; got != 0 {
			t.Fatalf("%d reminders before the interval passed", got)
		}
		f.clock.Advance(time.Minute)
		f.sweep(t)
		f.sweep(t) // a second pass in the same instant finds nothing left to do
		if got := f.kinds(t, roundID, "")[rapport.EmailReminder]; got != 3 {
			t.Fatalf("%d reminders after one interval, want 3 (two raters and the leader)", got)
		}
		for range 5 {
			f.clock.Advance(time.Hour)
			f.sweep(t)
		}
		for _, p := range []person{leader, fyodor, manager} {
			if got := f.kinds(t, roundID, p.Email)[rapport.EmailReminder]; got != 2 {
				t.Errorf("%s got %d reminders, want the cap of 2", p.Email, got)
			}
		}
		f.deliver(t)
		e := f.smtp.To(fyodor.Email)
		if len(e) != 3 {
			t.Fatalf("fyodor received %d emails, want an invitation and two reminders", len(e))
		}
		invitationLink := surveyLink.FindString(e[0].Text)
		for _, r := range e[1:] {
			if r.Subject != "Reminder: your feedback on "+leader.Name {
				t.Errorf("reminder subject %q", r.Subject)
			}
			if surveyLink.FindString(r.Text) != invitationLink || !strings.Contains(r.HTML, invitationLink) {
				t.Errorf("the reminder's link differs from the invitation's")
			}
			if r.Header.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" {
				t.Errorf("reminder without one-click unsubscribe")
			}
		}
	})

	t.Run("NeverGoToRatersWhoAnsweredDeclinedOrOptedOut", func(t *testing.T) {
		f := newFixture(t)
		roundID := f.launch(t, roundOptions{interval: "1h", max: 3}, fyodor, manager, report)
		f.deliver(t)
		f.answerFromInvitation(t, manager, 4)
		f.declineFromInvitation(t, report)
		unsubscribe := strings.Trim(f.smtp.To(fyodor.Email)[0].Header.Get("List-Unsubscribe"), "<>")
		if resp := f.postForm(t, f.pathOf(t, unsubscribe), "List-Unsubscribe=One-Click"); resp.StatusCode != http.StatusOK {
			t.Fatalf("one-click unsubscribe: %d", resp.StatusCode)
		}
		f.clock.Advance(2 * time.Hour)
		f.sweep(t)
		for _, p := range []person{fyodor, manager, report} {
			if got := f.kinds(t, roundID, p.Email)[rapport.EmailReminder]; got != 0 {
				t.Errorf("%s got %d reminders", p.Email, got)
			}
		}
		if got := f.kinds(t, roundID, leader.Email)[rapport.EmailReminder]; got != 1 {
			t.Errorf("the leader, who has not answered, got %d reminders, want 1", got)
		}
	})

	t.Run("StillGoToARaterWhoStartedSayingTheAnswersAreSaved", func(t *testing.T) {
		f := newFixture(t)
		f.launch(t, roundOptions{interval: "1h", max: 3}, fyodor)
		f.deliver(t)
		f.startFromInvitation(t, fyodor)
		f.clock.Advance(time.Hour)
		f.sweep(t)
		f.deliver(t)
		got := f.smtp.To(fyodor.Email)
		if len(got) != 2 {
			t.Fatalf("fyodor, who saved a draft, received %d emails, want the invitation and a reminder", len(got))
		}
		if !strings.Contains(flat(got[1].Text), "Your answers so far are saved") {
			t.Errorf("the reminder does not say the draft is kept:\n%s", got[1].Text)
		}
		if surveyLink.FindString(got[1].Text) != surveyLink.FindString(got[0].Text) {
			t.Errorf("the reminder carries another link than the invitation")
		}
	})

	t.Run("OptOutNeedsAPostNotAGet", func(t *testing.T) {
		f := newFixture(t)
		roundID := f.launch(t, roundOptions{interval: "1h", max: 3}, fyodor)
		f.deliver(t)
		unsubscribe := f.pathOf(t, strings.Trim(f.smtp.To(fyodor.Email)[0].Header.Get("List-Unsubscribe"), "<>"))
		mustStatus(t, f.app.Do("GET", unsubscribe, "", nil), http.StatusOK) // a mail scanner opening the link
		f.clock.Advance(time.Hour)
		f.sweep(t)
		if got := f.kinds(t, roundID, fyodor.Email)[rapport.EmailReminder]; got != 1 {
			t.Fatalf("after a GET, %d reminders, want 1", got)
		}
		resp := f.app.Do("POST", unsubscribe, "", "")
		mustStatus(t, resp, http.StatusOK)
		if !strings.Contains(string(resp.Body), "Reminders stopped") {
			t.Errorf("the page after the POST does not confirm:\n%s", resp.Body)
		}
		mustStatus(t, f.app.Do("POST", unsubscribe, "", ""), http.StatusOK) // twice is fine
		mustStatus(t, f.app.Do("POST", "/u/not-a-token", "", ""), http.StatusNotFound)
		mustStatus(t, f.app.Do("POST", "/u/"+strings.Repeat("A", 43), "", ""), http.StatusNotFound)
		f.clock.Advance(time.Hour)
		f.sweep(t)
		if got := f.kinds(t, roundID, fyodor.Email)[rapport.EmailReminder]; got != 1 {
			t.Errorf("after opting out, %d reminders, want still 1", got)
		}
	})

	t.Run("SkipAQueuedReminderWhenTheRaterAnsweredMeanwhile", func(t *testing.T) {
		f := newFixture(t)
		roundID := f.launch(t, roundOptions{interval: "1h", max: 3}, fyodor)
		f.deliver(t)
		f.clock.Advance(time.Hour)
		f.sweep(t)
		f.answerFromInvitation(t, fyodor, 4)
		f.deliver(t)
		if got := len(f.smtp.To(fyodor.Email)); got != 1 {
			t.Fatalf("fyodor received %d emails, want only the invitation", got)
		}
		for _, o := range f.outbox(t, roundID) {
			if o.Kind == rapport.EmailReminder && o.ToEmail == fyodor.Email &&
				(o.Status != store.OutboxSkipped || o.LastError != "the rater had already submitted") {
				t.Errorf("reminder row %+v, want skipped with the reason", o)
			}
		}
	})

	t.Run("BecomeALastCallUnderADayBeforeTheDeadline", func(t *testing.T) {
		f := newFixture(t)
		roundID := f.launch(t, roundOptions{interval: "12h", max: 5, closesIn: 40 * time.Hour}, fyodor)
		f.deliver(t)
		f.clock.Advance(12 * time.Hour) // 28 h left
		f.sweep(t)
		f.clock.Advance(12 * time.Hour) // 16 h left
		f.sweep(t)
		f.clock.Advance(6 * time.Hour) // 10 h left, but the interval has not passed
		f.sweep(t)
		k := f.kinds(t, roundID, fyodor.Email)
		if k[rapport.EmailReminder] != 1 || k[rapport.EmailLastCall] != 1 {
			t.Fatalf("kinds %v, want one reminder then one last call", k)
		}
		f.deliver(t)
		got := f.smtp.To(fyodor.Email)
		last := got[len(got)-1]
		if last.Subject != "Last call: feedback on "+leader.Name+" closes soon" {
			t.Errorf("last call subject %q", last.Subject)
		}
		if !strings.Contains(flat(last.Text), "closes in less than 24 hours") || !strings.Contains(last.HTML, "Last call") {
			t.Errorf("last call wording missing:\n%s", last.Text)
		}
		if surveyLink.FindString(last.Text) != surveyLink.FindString(got[0].Text) {
			t.Errorf("the last call's link differs from the invitation's")
		}
	})

	t.Run("ConcurrentPassesFromTwoProcessesRemindOnce", func(t *testing.T) {
		f := newFixture(t)
		roundID := f.launch(t, roundOptions{interval: "1h", max: 3}, fyodor, manager, report)
		// A second handle on the same file, as `rapport sweep` or a second
		// instance would have, with the same clock.
		other := testkit.Store(t, f.app.Cfg)
		other.Now = f.clock.Now
		runners := []*jobs.Runner{f.runner, {Store: other, Log: testkit.Logger()}}
		for range 3 {
			f.clock.Advance(time.Hour)
			var wg sync.WaitGroup
			errs := make(chan error, 20)
			for i := range 20 {
				wg.Go(func() { errs <- runners[i%2].Sweep(context.Background()) })
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
		}
		f.clock.Advance(time.Hour)
		f.sweep(t)
		for _, p := range []person{leader, fyodor, manager, report} {
			if got := f.kinds(t, roundID, p.Email)[rapport.EmailReminder]; got != 3 {
				t.Errorf("%s: %d reminders after three intervals of 20 concurrent passes, want 3", p.Email, got)
			}
		}
	})

	t.Run("RemindNowIgnoresIntervalAndCap", func(t *testing.T) {
		f := newFixture(t)
		roundID := f.launch(t, roundOptions{interval: "72h", max: 0}, fyodor, manager, report)
		f.deliver(t)
		f.answerFromInvitation(t, manager, 4)
		f.clock.Advance(rapport.RemindQuietPeriod)
		path := fmt.Sprintf("/api/v1/rounds/%d/remind", roundID)
		resp := f.app.Do("POST", path, f.token, nil)
		mustStatus(t, resp, http.StatusOK)
		if string(resp.Body) != `{"sent":3,"skipped_recent":0}` {
			t.Fatalf("body %s, want 3 sent (leader, fyodor, report; not the manager who answered)", resp.Body)
		}
		f.deliver(t)
		if got := len(f.smtp.To(fyodor.Email)); got != 2 {
			t.Errorf("fyodor received %d emails, want invitation and reminder", got)
		}
		if got := len(f.smtp.To(manager.Email)); got != 1 {
			t.Errorf("the manager who answered received %d emails, want only the invitation", got)
		}
		_, otherToken := f.app.SignIn(t)
		mustStatus(t, f.app.Do("POST", path, otherToken, nil), http.StatusNotFound)
		mustStatus(t, f.app.Do("POST", path, "", nil), http.StatusUnauthorized)
		mustStatus(t, f.app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/close", roundID), f.token, nil), http.StatusOK)
		resp = f.app.Do("POST", path, f.token, nil)
		mustStatus(t, resp, http.StatusConflict)
		if !strings.Contains(string(resp.Body), `"error"`) {
			t.Errorf("409 without an error message: %s", resp.Body)
		}
	})
}

func TestRemindNowSparesRecentlyEmailed(t *testing.T) {
	f := newFixture(t)
	roundID := f.launch(t, roundOptions{interval: "72h", max: 10}, fyodor, manager)
	f.deliver(t)
	path := fmt.Sprintf("/api/v1/rounds/%d/remind", roundID)
	remind := func() string {
		resp := f.app.Do("POST", path, f.token, nil)
		mustStatus(t, resp, http.StatusOK)
		return string(resp.Body)
	}
	// The invitations went out just now: nobody is mailed again.
	f.clock.Advance(rapport.RemindQuietPeriod - time.Minute)
	if got := remind(); got != `{"sent":0,"skipped_recent":3}` {
		t.Fatalf("right after the invitations: %s", got)
	}
	// A rater added late gets an invitation; pressing five times after the
	// quiet period reminds everyone else once and the late rater not at all.
	late := person{Name: "Late Lena", Email: "lena@example.com", Relationship: "peer"}
	mustStatus(t, f.app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/raters", roundID), f.token, late), http.StatusCreated)
	f.clock.Advance(time.Minute)
	for i, want := range []string{`{"sent":3,"skipped_recent":1}`, `{"sent":0,"skipped_recent":4}`, `{"sent":0,"skipped_recent":4}`} {
		if got := remind(); got != want {
			t.Errorf("press %d: %s, want %s", i+1, got, want)
		}
	}
	f.deliver(t)
	if got := len(f.smtp.To(late.Email)); got != 1 {
		t.Errorf("the late rater got %d emails, want the invitation only", got)
	}
	if got := len(f.smtp.To(fyodor.Email)); got != 2 {
		t.Errorf("fyodor got %d emails, want invitation and one reminder", got)
	}
}

func TestDeadline(t *testing.T) {
	t.Run("ClosesTheRoundAndTellsTheCoach", func(t *testing.T) {
		f := newFixture(t)
		roundID := f.launch(t, roundOptions{interval: "1h", max: 3, closesIn: 48 * time.Hour}, fyodor, manager)
		f.deliver(t)
		f.answerFromInvitation(t, manager, 4)
		f.clock.Advance(48*time.Hour - time.Second)
		f.sweep(t)
		resp := f.app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d", roundID), f.token, nil)
		if !strings.Contains(string(resp.Body), `"status":"open"`) {
			t.Fatalf("closed before the deadline: %s", resp.Body)
		}
		f.clock.Advance(time.Second)
		f.sweep(t)
		f.sweep(t)
		resp = f.app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d", roundID), f.token, nil)
		if !strings.Contains(string(resp.Body), `"status":"closed"`) {
			t.Fatalf("still open after the deadline: %s", resp.Body)
		}
		f.deliver(t)
		got := f.smtp.To(f.coach.Email)
		if len(got) != 1 {
			t.Fatalf("the coach received %d emails, want one close notice", len(got))
		}
		e := got[0]
		if want := `Round closed: "Spring 360 «Ζωή»" for ` + leader.Name + `; the report is ready`; e.Subject != want {
			t.Errorf("subject %q, want %q", e.Subject, want)
		}
		if !strings.Contains(flat(e.Text), "1 of 3 raters answered") || !strings.Contains(e.HTML, "Spring 360 «Ζωή»") {
			t.Errorf("close notice body:\n%s", e.Text)
		}
		if e.Header.Get("List-Unsubscribe") != "" {
			t.Errorf("the coach's notice carries List-Unsubscribe")
		}
		// The notice links to the round's page, through sign-in.
		roundURL := fmt.Sprintf("http://rapport.test/rounds/%d", roundID)
		if !strings.Contains(e.Text, roundURL) || !strings.Contains(e.HTML, `href="`+roundURL+`"`) {
			t.Errorf("the close notice does not link to %s:\n%s", roundURL, e.Text)
		}
		noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		page, err := noFollow.Get(f.app.URL + f.pathOf(t, roundURL))
		if err != nil {
			t.Fatal(err)
		}
		page.Body.Close()
		if loc := page.Header.Get("Location"); page.StatusCode != 303 || loc != fmt.Sprintf("/login?next=%%2Frounds%%2F%d", roundID) {
			t.Errorf("the round link without a session: %d to %q, want sign-in coming back to the round", page.StatusCode, loc)
		}
		// No reminder is queued for a closed round.
		f.clock.Advance(5 * time.Hour)
		f.sweep(t)
		if got := f.kinds(t, roundID, "")[rapport.EmailReminder]; got != 0 {
			t.Errorf("%d reminders for a closed round", got)
		}
	})
}
