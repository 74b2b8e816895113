package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/store"
)

type dashboardData struct {
	Attention []store.RoundOverview
	Others    []store.RoundOverview
	Leaders   int
}

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
	d := dashboardData{Leaders: len(leaders)}
	for _, r := range rounds {
		if len(r.Attention) > 0 {
			d.Attention = append(d.Attention, r)
		} else {
			d.Others = append(d.Others, r)
		}
	}
	s.coachView(c, http.StatusOK, "dashboard", "dashboard", "Rounds", nil, d)
}
