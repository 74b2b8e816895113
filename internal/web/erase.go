package web

import (
	"github.com/rapporthq/rapport/internal/mail"
	"github.com/rapporthq/rapport/internal/store"
)

// removeMailFiles deletes the file outbox's .eml copies of the emails an
// erasure deleted. With SMTP there are none, but the directory may hold
// some from before SMTP was set. A failure is logged, not answered: the
// erasure itself has happened, and the files are named in the log for
// the operator.
func (s *Server) removeMailFiles(erased *store.Erased) {
	if erased == nil || len(erased.OutboxIDs) == 0 {
		return
	}
	if err := mail.RemoveFiles(s.cfg.OutboxDir(), erased.OutboxIDs); err != nil {
		s.log.Error("erasure: .eml files left in the file outbox; delete them by hand", "err", err)
	}
}
