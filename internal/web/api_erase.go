package web

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// eraseLeader deletes one of the coach's leaders and everything about
// them (store.EraseLeader), and the .eml files of their emails.
func (s *Server) eraseLeader(c *gin.Context) {
	id, err := idParam(c, "id", "leader")
	if err != nil {
		s.fail(c, err)
		return
	}
	if err := s.eraseLeaderData(c, id); err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
