package web

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// getSettings answers with the coach's own settings.
func (s *Server) getSettings(c *gin.Context) {
	set, err := s.store.Settings(c.Request.Context(), coachOf(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, set)
}

// updateSettings replaces the coach's settings and answers with them.
func (s *Server) updateSettings(c *gin.Context) {
	var in rapport.SettingsInput
	if err := decodeJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	set, err := s.store.UpdateSettings(c.Request.Context(), coachOf(c), in)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.auditSettings(c, set)
	c.JSON(http.StatusOK, set)
}

// auditSettings records the settings as saved (nothing in them is personal).
func (s *Server) auditSettings(c *gin.Context, set *rapport.Settings) {
	s.audit(c, "settings.changed", store.AccountSubject(), fmt.Sprintf("retention_days %d", set.RetentionDays))
}
