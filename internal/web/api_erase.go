package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/store"
)

// eraseLeader deletes one of the coach's leaders and everything about
// them (store.EraseLeader), and the .eml files of their emails.
func (s *Server) eraseLeader(c *gin.Context) {
	id, err := idParam(c, "id", "leader")
	if err != nil {
		s.fail(c, err)
		return
	}
	erased, err := s.store.EraseLeader(c.Request.Context(), coachOf(c), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.removeMailFiles(erased)
	s.questionnaires.forget()
	s.audit(c, "leader.erased", store.LeaderSubject(id), "")
	c.Status(http.StatusNoContent)
}
