package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
)

// The coach's settings page: how long a closed round's answers, comments
// and raters' names and addresses are kept.

const settingsTitle = "Settings"

func (s *Server) settingsPage(c *gin.Context) {
	set, err := s.store.Settings(c.Request.Context(), coachOf(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	f := newForm(map[string]string{"retention_days": strconv.Itoa(set.RetentionDays)})
	s.coachView(c, http.StatusOK, "settings", "settings", settingsTitle, f, nil)
}

func (s *Server) updateSettingsForm(c *gin.Context) {
	f := postedForm(c, "retention_days")
	in := rapport.SettingsInput{}
	// Anything but a whole number is refused by Validate as missing.
	if days, err := strconv.Atoi(strings.TrimSpace(f.Get("retention_days"))); err == nil {
		in.RetentionDays = &days
	}
	set, err := s.store.UpdateSettings(c.Request.Context(), coachOf(c), in)
	if err != nil {
		if !s.formFault(c, err) {
			return
		}
		f.setError(err)
		s.coachView(c, statusOf(err), "settings", "settings", settingsTitle, f, nil)
		return
	}
	s.auditSettings(c, set)
	s.flashRedirect(c, "Saved. Closed rounds are kept for "+f.Get("retention_days")+" days.", "/settings")
}
