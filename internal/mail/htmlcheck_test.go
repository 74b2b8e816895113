package mail_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/mail"
	"github.com/rapporthq/rapport/internal/testkit"
)

// TestEveryEmailPassesMailpitsHTMLCheck sends every kind of email through
// the real SMTP sender to mailpit and asks its HTML compatibility check:
// no feature may be unsupported in more than 5% of the clients it tests.
func TestEveryEmailPassesMailpitsHTMLCheck(t *testing.T) {
	mp := testkit.StartMailpit(t)
	sender, err := mail.NewSMTPSender(mp.SMTPURL, mail.SMTPOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c := composer(t)
	for _, kind := range mail.Kinds {
		m, err := c.Compose(email(kind))
		if err != nil {
			t.Fatal(err)
		}
		if err := sender.Send(context.Background(), m); err != nil {
			t.Fatalf("%s: send: %v", kind, err)
		}
	}
	msgs := mp.Messages(t)
	if len(msgs) != len(mail.Kinds) {
		t.Fatalf("mailpit holds %d messages, want %d", len(msgs), len(mail.Kinds))
	}
	for _, msg := range msgs {
		for _, fault := range mp.HTMLFaults(t, msg.ID) {
			t.Errorf("%q: %s", msg.Subject, fault)
		}
	}
}

// TestTheFallbackLinkReadsAsTheAddress: the address shown under the button
// may wrap on a phone (<wbr>) but must read, and copy, as the link itself.
func TestTheFallbackLinkReadsAsTheAddress(t *testing.T) {
	m, err := composer(t).Compose(email("invitation"))
	if err != nil {
		t.Fatal(err)
	}
	shown := regexp.MustCompile(`<a href="` + regexp.QuoteMeta(m.Link) + `" style="color:#0b6e64;">([^<]*(?:<wbr>[^<]*)*)</a>`).FindStringSubmatch(m.HTML)
	if shown == nil {
		t.Fatalf("no fallback link to %s in:\n%s", m.Link, m.HTML)
	}
	if text := strings.ReplaceAll(shown[1], "<wbr>", ""); text != m.Link {
		t.Errorf("the fallback link reads %q, want %q", text, m.Link)
	}
	if !strings.Contains(shown[1], "<wbr>") {
		t.Error("the fallback address has no place to wrap on a phone")
	}
	if strings.Contains(m.HTML, "word-break") || strings.Contains(m.HTML, "display:none") {
		t.Error("the email still uses CSS that many mail clients ignore")
	}
}
