package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/debrief"
	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// getSummary answers with a closed round's figures, as the report shows them
// (its frozen summary, see debrief).
func (s *Server) getSummary(c *gin.Context) {
	r, ok := s.closedRound(c)
	if !ok {
		return
	}
	// The frozen summary, answered as it is kept: the same bytes every time.
	js, err := s.debriefs.SummaryJSON(c.Request.Context(), r)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.audit(c, "report.downloaded", store.RoundSubject(r.ID), "summary")
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, "application/json; charset=utf-8", js)
}

// closedRound loads the coach's round named in the path and refuses one
// that is not closed yet: figures computed while raters still answer would
// leak answer by answer.
func (s *Server) closedRound(c *gin.Context) (*rapport.Round, bool) {
	r, ok := s.coachRound(c)
	if !ok {
		return nil, false
	}
	if err := debrief.RequireClosed(r); err != nil {
		s.fail(c, err)
		return nil, false
	}
	return r, true
}
