package cli

import (
	"context"
	"log/slog"
	"net/mail"

	"github.com/rapporthq/rapport/internal/store"
)

// warnIfMailFromIsACoach logs a warning when RAPPORT_MAIL_FROM's address is
// a coach account's. Rater emails carry no Reply-To, so a rater's ordinary
// reply goes to the From address; if a coach reads that mailbox, the reply
// quotes the rater's survey link to them, and with it the rater's answers.
func warnIfMailFromIsACoach(ctx context.Context, st *store.Store, from string, log *slog.Logger) {
	addr, err := mail.ParseAddress(from)
	if err != nil {
		return // NewComposer refuses it with the reason
	}
	coach, err := st.IsCoachAddress(ctx, addr.Address)
	if err != nil {
		log.Warn("could not check RAPPORT_MAIL_FROM against coach accounts", "err", err)
		return
	}
	if coach {
		log.Warn("RAPPORT_MAIL_FROM is a coach account's address: raters' replies to their invitations and reminders "+
			"go to it and quote their survey link, which opens their answers; use an address no coach reads, such as no-reply@",
			"mail_from", addr.Address)
	}
}
