package mail_test

import (
	"bytes"
	"context"
	"log/slog"
	netmail "net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rapporthq/rapport/internal/mail"
	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

const (
	token       = "HF9Sgoi1upVyZm3pKrcFdtp8rqOWW163g0JNQaSG5GU"
	optOutToken = "Qm9ZqO3t5eWk1xN0aVZ2cF8tR1h6YkU0dU1yTjdzQ2k"
)

func composer(t *testing.T) *mail.Composer {
	t.Helper()
	c, err := mail.NewComposer("https://feedback.example.com", "Rapport <rapport@feedback.example.com>")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func email(kind string) mail.Email {
	return mail.Email{OutboxID: 7, Kind: kind, To: netmail.Address{Name: "Фёдор Достоевский", Address: "fyodor@example.com"},
		MessageID: "0123456789abcdef@feedback.example.com", Date: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC),
		RoundTitle: "Spring 360", LeaderName: "Ζωή Παπαδοπούλου", CoachName: "Dana Coach", CoachEmail: "dana@coach.example",
		ClosesAt: time.Date(2026, 3, 16, 17, 0, 0, 0, time.UTC), AnonymityThreshold: 3, Responded: 4, Raters: 6,
		Relationship: rapport.Peer, Token: token, OptOutToken: optOutToken}
}

func TestComposer(t *testing.T) {
	c := composer(t)
	t.Run("RendersEveryKind", func(t *testing.T) {
		for _, kind := range mail.Kinds {
			m, err := c.Compose(email(kind))
			if err != nil {
				t.Fatalf("%s: %v", kind, err)
			}
			if m.Subject == "" || !strings.Contains(m.Text, "Hello Фёдор Достоевский") || !strings.Contains(m.HTML, "<table") {
				t.Errorf("%s: subject %q, text %q", kind, m.Subject, m.Text)
			}
		}
	})
	t.Run("ReportReleasedLinksTheReport", func(t *testing.T) {
		m, err := c.Compose(email("report_released"))
		if err != nil {
			t.Fatal(err)
		}
		link := "https://feedback.example.com/r/" + token
		if m.Link != link || !strings.Contains(m.Text, link) || !strings.Contains(m.HTML, `href="`+link+`"`) || m.Unsubscribe != "" {
			t.Errorf("report link missing or unsubscribe set: %+v", m)
		}
		if m.Subject != `Your 360-degree feedback report: "Spring 360"` {
			t.Errorf("subject %q", m.Subject)
		}
	})
	t.Run("TheRatersInvitationNamesTheRoundAndItsDeadline", func(t *testing.T) {
		m, err := c.Compose(email("invitation"))
		if err != nil {
			t.Fatal(err)
		}
		// The same words FormatDeadline gives, right after the round's title.
		want := `in the round "Spring 360", open until Monday 16 March 2026, 17:00 UTC.`
		if !strings.Contains(strings.Join(strings.Fields(m.Text), " "), want) {
			t.Errorf("text lacks %q:\n%s", want, m.Text)
		}
		if !strings.Contains(m.HTML, "in the round <strong>Spring 360</strong>, open until Monday 16 March 2026, 17:00 UTC.") {
			t.Errorf("HTML lacks the round and its deadline:\n%s", m.HTML)
		}
	})
	t.Run("RaterEmailsNeedAToken", func(t *testing.T) {
		e := email("invitation")
		e.Token = ""
		if _, err := c.Compose(e); err == nil {
			t.Error("an invitation without a link was rendered")
		}
		e = email("invitation")
		e.OptOutToken = ""
		if _, err := c.Compose(e); err == nil {
			t.Error("an invitation without an unsubscribe link was rendered")
		}
		e.OptOutToken = e.Token
		if _, err := c.Compose(e); err == nil {
			t.Error("an invitation whose unsubscribe link is the survey token was rendered")
		}
	})
	t.Run("UnsubscribeLinkCarriesTheOptOutTokenNotTheSurveyToken", func(t *testing.T) {
		for _, kind := range []string{"invitation", "reminder", "last_call"} {
			m, err := c.Compose(email(kind))
			if err != nil {
				t.Fatal(err)
			}
			want := "https://feedback.example.com/u/" + optOutToken
			if m.Unsubscribe != want || !strings.Contains(m.Text, want) || !strings.Contains(m.HTML, `href="`+want+`"`) {
				t.Errorf("%s: unsubscribe %q, want %q in the header and both parts", kind, m.Unsubscribe, want)
			}
			if strings.Contains(m.Unsubscribe, token) || strings.Count(m.Text, token) != 1 {
				t.Errorf("%s: the survey token is outside the survey link", kind)
			}
		}
	})
	t.Run("WritesBytesThatAreNotTextAsReplacementCharacters", func(t *testing.T) {
		for _, kind := range mail.Kinds {
			e := email(kind)
			e.LeaderName, e.RoundTitle, e.CoachName, e.To.Name = "Lee \xff\xfe Leader", "Spring \xc0 360", "Dana \xff", "Ana \xfe"
			m, err := c.Compose(e)
			if err != nil {
				t.Fatal(err)
			}
			for part, s := range map[string]string{"subject": m.Subject, "text": m.Text, "html": m.HTML, "from": m.From.Name, "to": m.To.Name} {
				if !utf8.ValidString(s) {
					t.Errorf("%s: the %s is not valid UTF-8: %q", kind, part, s)
				}
			}
			if !strings.Contains(m.Text, "Lee \uFFFD\uFFFD Leader") && !strings.Contains(m.Text, "Spring \uFFFD 360") {
				t.Errorf("%s: the names are not in the text with U+FFFD for each bad byte: %q", kind, m.Text)
			}
		}
	})
	t.Run("EscapesNamesInHTML", func(t *testing.T) {
		e := email("invitation")
		e.LeaderName = `<script>alert(1)</script>`
		m, err := c.Compose(e)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(m.HTML, "<script>") {
			t.Error("a name was not escaped in the HTML part")
		}
	})
}

func TestSMTPSender(t *testing.T) {
	ctx := context.Background()
	send := func(t *testing.T, ms *testkit.MailServer) error {
		s, err := mail.NewSMTPSender(ms.URL, mail.SMTPOptions{TLSConfig: ms.TLSConfig(), Timeout: 10 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		m, err := composer(t).Compose(email("invitation"))
		if err != nil {
			t.Fatal(err)
		}
		return s.Send(ctx, m)
	}
	t.Run("DeliversOverSTARTTLSWithAuth", func(t *testing.T) {
		ms := testkit.NewMailServer(t)
		if err := send(t, ms); err != nil {
			t.Fatal(err)
		}
		if got := ms.Received(); len(got) != 1 || got[0].EnvelopeFrom != "rapport@feedback.example.com" || ms.AuthAttempts() != 1 {
			t.Fatalf("received %d, auth attempts %d", len(got), ms.AuthAttempts())
		}
	})
	t.Run("DeliversOverSMTPS", func(t *testing.T) {
		ms := testkit.NewMailServerWith(t, testkit.MailServerOptions{ImplicitTLS: true})
		if !strings.HasPrefix(ms.URL, "smtps://") {
			t.Fatal(ms.URL)
		}
		if err := send(t, ms); err != nil {
			t.Fatal(err)
		}
		if len(ms.Received()) != 1 {
			t.Fatal("not delivered")
		}
	})
	t.Run("NeverSendsThePasswordInTheClear", func(t *testing.T) {
		ms := testkit.NewMailServerWith(t, testkit.MailServerOptions{NoTLS: true})
		err := send(t, ms)
		if err == nil || mail.IsPermanent(err) {
			t.Fatalf("err %v, want a temporary failure", err)
		}
		if ms.AuthAttempts() != 0 || len(ms.Received()) != 0 {
			t.Errorf("AUTH attempted %d times over plain text", ms.AuthAttempts())
		}
	})
	t.Run("ClassifiesReplies", func(t *testing.T) {
		ms := testkit.NewMailServer(t)
		ms.FailNext(1, 450, "mailbox busy")
		if err := send(t, ms); err == nil || mail.IsPermanent(err) {
			t.Errorf("450: %v, want temporary", err)
		}
		ms.FailNext(1, 550, "no such user")
		if err := send(t, ms); !mail.IsPermanent(err) || !strings.Contains(err.Error(), "no such user") {
			t.Errorf("550: %v, want permanent with the reason", err)
		}
	})
	t.Run("RefusesBadURLs", func(t *testing.T) {
		for _, u := range []string{"http://host", "smtp://", "smtp://host:port"} {
			if _, err := mail.NewSMTPSender(u, mail.SMTPOptions{}); err == nil {
				t.Errorf("%q accepted", u)
			}
		}
	})
}

func TestFileSender(t *testing.T) {
	m, err := composer(t).Compose(email("invitation"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		logLinks bool
	}{{"LogsThePathNotTheLink", false}, {"LogsTheLinkOnlyWhenAskedForDevelopment", true}} {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			dir := t.TempDir()
			s := &mail.FileSender{Dir: dir, Log: slog.New(slog.NewTextHandler(&logs, nil)), LogLinks: tc.logLinks}
			if err := s.Send(context.Background(), m); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, "20260302T090000Z-invitation-7.eml")
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := testkit.ParseEmail(raw); err != nil {
				t.Fatalf("the .eml does not parse: %v", err)
			}
			if !strings.Contains(logs.String(), path) || !strings.Contains(logs.String(), "fyodor@example.com") {
				t.Errorf("log lacks the path or the recipient: %s", logs.String())
			}
			if strings.Contains(logs.String(), token) != tc.logLinks {
				t.Errorf("token in the log: %v, want %v: %s", !tc.logLinks, tc.logLinks, logs.String())
			}
		})
	}
}

func TestIsLoopbackURL(t *testing.T) {
	for u, want := range map[string]bool{
		"http://localhost:8080": true, "http://127.0.0.1:8080/": true, "http://[::1]:8080": true, "http://app.localhost": true,
		"https://feedback.example.com": false, "http://localhost.example.com": false, "http://10.0.0.1": false,
	} {
		if got := mail.IsLoopbackURL(u); got != want {
			t.Errorf("IsLoopbackURL(%q) = %v, want %v", u, got, want)
		}
	}
}
