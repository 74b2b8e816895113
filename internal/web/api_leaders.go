package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

func (s *Server) createLeader(c *gin.Context) {
	var in rapport.LeaderInput
	if err := decodeJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	l, err := s.store.CreateLeader(c.Request.Context(), coachOf(c), in)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.audit(c, "leader.created", store.LeaderSubject(l.ID), "")
	c.JSON(http.StatusCreated, l)
}

func (s *Server) listLeaders(c *gin.Context) {
	list, err := s.store.Leaders(c.Request.Context(), coachOf(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, list)
}

func (s *Server) getLeader(c *gin.Context) {
	if l, ok := s.coachLeader(c); ok {
		c.JSON(http.StatusOK, l)
	}
}
