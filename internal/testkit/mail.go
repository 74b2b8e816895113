package testkit

import (
	"testing"

	"github.com/rapporthq/rapport/internal/jobs"
	"github.com/rapporthq/rapport/internal/mail"
	"github.com/rapporthq/rapport/internal/store"
)

// Mailer is the mail worker of an instance, delivering by SMTP to ms
// (STARTTLS and AUTH as in production) from the given store handle.
func Mailer(t testing.TB, app *App, st *store.Store, ms *MailServer) *jobs.Mailer {
	t.Helper()
	sender, err := mail.NewSMTPSender(ms.URL, mail.SMTPOptions{TLSConfig: ms.TLSConfig()})
	if err != nil {
		t.Fatal(err)
	}
	return &jobs.Mailer{Store: st, Sender: sender, Composer: Composer(t, app), Log: Logger(), MessageIDDomain: "rapport.test"}
}

// Composer renders emails for app's base URL and From address.
func Composer(t testing.TB, app *App) *mail.Composer {
	t.Helper()
	c, err := mail.NewComposer(app.Cfg.BaseURL, app.Cfg.MailFrom)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
