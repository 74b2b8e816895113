package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
)

func (s *Server) listFrameworks(c *gin.Context) {
	list, err := s.store.Frameworks(c.Request.Context(), coachOf(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, list)
}

func (s *Server) getFramework(c *gin.Context) {
	f, err := s.store.Framework(c.Request.Context(), coachOf(c), c.Param("key"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, f)
}

func (s *Server) createFramework(c *gin.Context) {
	var f rapport.Framework
	if err := decodeJSON(c, &f); err != nil {
		s.fail(c, err)
		return
	}
	created, err := s.store.CreateFramework(c.Request.Context(), coachOf(c), &f)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, created)
}
