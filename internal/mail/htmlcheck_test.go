package mail_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/mail"
	"github.com/rapporthq/rapport/internal/testkit"
)

// degradesGracefully lists the features mailpit's HTML check may find
// unsupported in many clients because the email reads the same without
// them: each with the reason.
var degradesGracefully = map[string]string{
	"css-border-radius":   "rounded corners on the card and the button; square ones read the same",
	"css-text-decoration": "only removes the underline of the button's link; an underlined button reads the same",
	"css-max-width": "keeps the card narrow on wide screens; Outlook for Windows, which ignores it, gets a " +
		"560-pixel table from a conditional comment, and the other clients missing it are phones, already narrow",
	"html-body": "the <body> carries no style (the wrapper table does), so a client that drops it loses nothing",
}

// mostClientsMiss is the share of the clients mailpit tests (caniemail's
// data) above which a feature may not be used.
const mostClientsMiss = 5.0

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
		var check struct {
			Warnings []struct {
				Slug, Title string
				Score       struct {
					Found       int
					Unsupported float64
					Partial     float64
				}
			}
			Total struct{ Supported float64 }
		}
		mp.Get(t, "/message/"+msg.ID+"/html-check", &check)
		for _, w := range check.Warnings {
			if _, ok := degradesGracefully[w.Slug]; ok {
				t.Logf("%q: %s unsupported in %.0f%% of clients, allowed: %s", msg.Subject, w.Slug, w.Score.Unsupported, degradesGracefully[w.Slug])
				continue
			}
			if w.Score.Unsupported > mostClientsMiss {
				t.Errorf("%q: %s (%s, %d uses) is unsupported in %.0f%% of clients", msg.Subject, w.Title, w.Slug, w.Score.Found, w.Score.Unsupported)
			}
		}
		t.Logf("%q: %s supported", msg.Subject, fmt.Sprintf("%.0f%%", check.Total.Supported))
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
