package web

import (
	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/mail"
	"github.com/rapporthq/rapport/internal/store"
)

// eraseLeaderData erases one of the coach's leaders and everything about them
// (store.EraseLeader), the .eml files of their emails and the cached
// questionnaires, and records it: for the API and the leader's page.
func (s *Server) eraseLeaderData(c *gin.Context, id int64) error {
	erased, err := s.store.EraseLeader(c.Request.Context(), coachOf(c), id)
	if err != nil {
		return err
	}
	s.removeMailFiles(erased)
	s.questionnaires.forget()
	s.audit(c, "leader.erased", store.LeaderSubject(id), "")
	return nil
}

// removeRaterData removes a rater from a running round, or erases their
// name and email from a closed one (store.RemoveRater), removes the .eml
// files of their emails and records which it was: for the API and the
// round page. erased tells whether the rater was erased.
func (s *Server) removeRaterData(c *gin.Context, roundID, raterID int64) (erased bool, err error) {
	e, err := s.store.RemoveRater(c.Request.Context(), coachOf(c), roundID, raterID)
	if err != nil {
		return false, err
	}
	s.removeMailFiles(e)
	action := "rater.removed"
	if e.Rater {
		action = "rater.erased"
	}
	s.audit(c, action, store.RaterSubject(roundID, raterID), "")
	return e.Rater, nil
}

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
