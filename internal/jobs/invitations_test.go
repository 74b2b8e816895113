package jobs_test

import (
	"html"
	"net/mail"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
	"github.com/rapporthq/rapport/internal/testkit"
)

var (
	surveyLink      = regexp.MustCompile(`http://rapport\.test/s/[A-Za-z0-9_-]{43}`)
	messageIDHeader = regexp.MustCompile(`^<[0-9a-f]{32}@rapport\.test>$`)
)

func TestInvitations(t *testing.T) {
	f := newFixture(t)
	roundID := f.launch(t, roundOptions{}, fyodor, manager, report)
	if n := f.deliver(t); n != 4 {
		t.Fatalf("delivered %d emails, want 4 (three raters and the leader's self-assessment)", n)
	}

	t.Run("GoToEveryRaterSelfIncluded", func(t *testing.T) {
		for _, p := range []person{leader, fyodor, manager, report} {
			got := f.smtp.To(p.Email)
			if len(got) != 1 {
				t.Fatalf("%s received %d emails, want 1", p.Email, len(got))
			}
			if got[0].To.Name != p.Name || got[0].To.Address != p.Email {
				t.Errorf("To = %v, want %s <%s>", got[0].To, p.Name, p.Email)
			}
		}
		for _, o := range f.outbox(t, roundID) {
			if o.Kind != rapport.EmailInvitation || o.Status != store.OutboxSent || o.SentAt == nil || o.Attempts != 1 {
				t.Errorf("outbox row %+v, want a sent invitation after one attempt", o)
			}
		}
	})

	t.Run("CarryWellFormedHeaders", func(t *testing.T) {
		byID := map[string]bool{}
		for _, o := range f.outbox(t, roundID) {
			byID["<"+o.MessageID+">"] = true
		}
		for _, e := range f.smtp.Received() {
			date, err := mail.ParseDate(e.Header.Get("Date"))
			if err != nil || !date.Equal(start) {
				t.Errorf("Date %q (%v), want the send time %v", e.Header.Get("Date"), err, start)
			}
			id := e.Header.Get("Message-ID")
			if !messageIDHeader.MatchString(id) || !byID[id] {
				t.Errorf("Message-ID %q is not one recorded in the outbox", id)
			}
			if got := e.Header.Get("List-Unsubscribe-Post"); got != "List-Unsubscribe=One-Click" {
				t.Errorf("List-Unsubscribe-Post = %q", got)
			}
			if !regexp.MustCompile(`^<http://rapport\.test/u/[A-Za-z0-9_-]{43}>$`).MatchString(e.Header.Get("List-Unsubscribe")) {
				t.Errorf("List-Unsubscribe = %q", e.Header.Get("List-Unsubscribe"))
			}
			if e.Header.Get("Auto-Submitted") != "auto-generated" {
				t.Errorf("Auto-Submitted = %q", e.Header.Get("Auto-Submitted"))
			}
			if e.From.Name != f.coach.Name+" via Rapport" || e.From.Address != "rapport@localhost" {
				t.Errorf("From = %v", e.From)
			}
			// A reply would quote the rater's link to whoever reads it.
			if _, ok := e.Header["Reply-To"]; ok {
				t.Errorf("Reply-To = %q, want none", e.Header.Get("Reply-To"))
			}
			// Every header line is 7-bit: names and subjects travel as encoded words.
			head, _, _ := strings.Cut(string(e.Raw), "\r\n\r\n")
			for _, r := range head {
				if r > 127 {
					t.Fatalf("raw header holds a non-ASCII character %q:\n%s", r, head)
				}
			}
		}
	})

	t.Run("DecodeUTF8NamesAndSubjects", func(t *testing.T) {
		e := f.smtp.To(fyodor.Email)[0]
		if e.To.Name != "Фёдор Достоевский" {
			t.Errorf("To name = %q", e.To.Name)
		}
		if want := f.coach.Name + " asks for your feedback on Ζωή Παπαδοπούλου"; e.Subject != want {
			t.Errorf("Subject = %q, want %q", e.Subject, want)
		}
		self := f.smtp.To(leader.Email)[0]
		if self.To.Name != "Ζωή Παπαδοπούλου" || self.Subject != `Your self-assessment for "Spring 360 «Ζωή»"` {
			t.Errorf("self invitation: To %q, Subject %q", self.To.Name, self.Subject)
		}
	})

	t.Run("HaveTextAndHTMLPartsWithTheRatersOwnLink", func(t *testing.T) {
		for _, p := range []person{leader, fyodor, manager, report} {
			e := f.smtp.To(p.Email)[0]
			link := surveyLink.FindString(e.Text)
			if link == "" {
				t.Fatalf("%s: no survey link in the text part:\n%s", p.Email, e.Text)
			}
			if !strings.Contains(e.HTML, `href="`+link+`"`) {
				t.Errorf("%s: the HTML part does not link to %s", p.Email, link)
			}
			if holder := f.tokenHolder(t, strings.TrimPrefix(link, "http://rapport.test/s/")); holder != p.Email {
				t.Errorf("%s got the link of %q", p.Email, holder)
			}
			survey := strings.TrimPrefix(link, "http://rapport.test/s/")
			if e.Header.Get("List-Unsubscribe") != "<http://rapport.test/u/"+testkit.Keys(t).OptOutToken(survey)+">" {
				t.Errorf("%s: List-Unsubscribe is not the rater's own opt-out link: %q", p.Email, e.Header.Get("List-Unsubscribe"))
			}
			if strings.Contains(e.Header.Get("List-Unsubscribe"), survey) {
				t.Errorf("%s: List-Unsubscribe carries the survey token", p.Email)
			}
			// The link opens the rater's survey on the running server, and
			// opening it twice (a mail scanner, then the rater) uses nothing up.
			for range 2 {
				resp := f.app.Do("GET", f.pathOf(t, link), "", nil)
				mustStatus(t, resp, 200)
				page := string(resp.Body)
				if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(page, `<form class="survey-form"`) ||
					!strings.Contains(page, leader.Name) {
					t.Errorf("%s: the link does not open the survey about %s:\n%.600s", p.Email, leader.Name, page)
				}
			}
			if !strings.Contains(e.Text, "Hello "+p.Name) || !strings.Contains(e.HTML, "Hello "+p.Name) {
				t.Errorf("%s: not greeted by name", p.Email)
			}
			for _, line := range strings.Split(e.Text, "\n") {
				if len([]rune(strings.TrimRight(line, "\r"))) > 72 && !strings.Contains(line, "http") {
					t.Errorf("%s: text line longer than 72 columns: %q", p.Email, line)
				}
			}
		}
	})

	t.Run("ExplainConfidentialityByGroup", func(t *testing.T) {
		peer := f.smtp.To(fyodor.Email)[0]
		if !strings.Contains(flat(peer.Text), "a group is shown on its own only when at least 3 people in it have answered") {
			t.Errorf("peer invitation does not explain the anonymity threshold:\n%s", peer.Text)
		}
		boss := f.smtp.To(manager.Email)[0]
		if !strings.Contains(flat(boss.Text), "may be able to tell which ratings are yours") {
			t.Errorf("manager invitation does not say manager feedback is identifiable:\n%s", boss.Text)
		}
		for _, e := range f.smtp.Received() {
			if !strings.Contains(e.Text, f.coach.Name) || !strings.Contains(flat(e.Text), "You are receiving this because") {
				t.Errorf("footer does not say why %s got it", e.To.Address)
			}
		}
	})

	t.Run("WorkingUnsubscribeLinkPage", func(t *testing.T) {
		e := f.smtp.To(fyodor.Email)[0]
		u := strings.Trim(e.Header.Get("List-Unsubscribe"), "<>")
		resp := f.app.Do("GET", f.pathOf(t, u), "", nil)
		mustStatus(t, resp, 200)
		if !strings.Contains(string(resp.Body), `<form method="post">`) {
			t.Errorf("the unsubscribe page has no button that posts:\n%s", resp.Body)
		}
		if resp.Header.Get("Referrer-Policy") != "no-referrer" || resp.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("headers %v", resp.Header)
		}
	})

	t.Run("GoAtOnceToARaterAddedToAnOpenRound", func(t *testing.T) {
		f.clock.Advance(time.Hour)
		late := person{"Late Peer", "late@example.com", "peer"}
		f.addRater(t, roundID, late)
		if n := f.deliver(t); n != 1 {
			t.Fatalf("delivered %d, want the one invitation", n)
		}
		got := f.smtp.To(late.Email)
		if len(got) != 1 || surveyLink.FindString(got[0].Text) == "" {
			t.Fatalf("late rater got %d emails", len(got))
		}
		mustStatus(t, f.app.Do("GET", "/api/v1/survey/"+strings.TrimPrefix(surveyLink.FindString(got[0].Text), "http://rapport.test/s/"), "", nil), 200)
	})
}

// flat joins wrapped lines, for looking up sentences in the text part.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestInvitationInTheRoundsZone: a deadline typed as 17:00 in Athens reads
// 17:00 in Athens in the email and on the survey it links to, naming the zone.
func TestInvitationInTheRoundsZone(t *testing.T) {
	f := newFixture(t)
	// start is 09:00 UTC on Monday 2 March 2026; Athens is then UTC+2.
	closes := time.Date(2026, 3, 9, 17, 0, 0, 0, mustZone(t, "Europe/Athens"))
	f.launch(t, roundOptions{closesIn: closes.Sub(f.clock.Now()), zone: "Europe/Athens"}, fyodor)
	f.deliver(t)
	const want = "Monday 9 March 2026, 17:00 (Europe/Athens, UTC+2)"
	e := f.smtp.To(fyodor.Email)[0]
	if !strings.Contains(flat(e.Text), want) || !strings.Contains(flat(html.UnescapeString(e.HTML)), want) {
		t.Errorf("invitation does not give the deadline as %q:\n%s", want, e.Text)
	}
	if strings.Contains(e.Text, "15:00") {
		t.Errorf("invitation still gives the deadline in UTC:\n%s", e.Text)
	}
	resp := f.app.Do("GET", f.pathOf(t, surveyLink.FindString(e.Text)), "", nil)
	mustStatus(t, resp, 200)
	if page := flat(html.UnescapeString(string(resp.Body))); !strings.Contains(page, want) {
		t.Errorf("survey page does not give the deadline as %q", want)
	}
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
