package cli

import (
	"github.com/rapporthq/rapport/internal/jobs"
	"github.com/rapporthq/rapport/internal/mail"
)

// newMailer builds the mail worker: SMTP when RAPPORT_SMTP_URL is set,
// otherwise .eml files in the data directory.
func newMailer(d *deps) (*jobs.Mailer, error) {
	composer, err := mail.NewComposer(d.cfg.BaseURL, d.cfg.MailFrom)
	if err != nil {
		return nil, err
	}
	var sender jobs.Sender
	if d.cfg.SMTPURL != "" {
		if sender, err = mail.NewSMTPSender(d.cfg.SMTPURL, mail.SMTPOptions{}); err != nil {
			return nil, err
		}
	} else {
		sender = &mail.FileSender{Dir: d.cfg.OutboxDir(), Log: d.log, LogLinks: mail.IsLoopbackURL(d.cfg.BaseURL)}
	}
	return &jobs.Mailer{Store: d.store, Sender: sender, Composer: composer, Log: d.log, MessageIDDomain: d.cfg.Base.Hostname(),
		RetryBase: d.cfg.MailRetryBase, Lease: d.cfg.MailLease}, nil
}
