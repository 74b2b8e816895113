package web

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// dashboard shows every round of the coach: those needing attention first.
func (s *Server) dashboard(c *gin.Context) {
	ctx := c.Request.Context()
	rounds, err := s.store.Dashboard(ctx, coachOf(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	leaders, err := s.store.Leaders(ctx, coachOf(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	d := newDashboard(rounds, len(leaders), s.store.Now().UTC().Truncate(time.Second))
	s.coachView(c, http.StatusOK, "dashboard", "dashboard", "Rounds", nil, d)
}
