package web

import (
	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// coachPage is what every page of the coach's app gets: who is signed in,
// the one-time message from the last action, which part of the navigation
// is current, the form being shown, and the page's own data.
type coachPage struct {
	Coach       *rapport.Coach
	Flash       string
	Nav         string // dashboard, leaders, frameworks, coaches
	Title       string
	AllowSignup bool
	Form        *form
	Data        any
}

// coachView renders one of the coach's pages.
func (s *Server) coachView(c *gin.Context, status int, name, nav, title string, f *form, data any) {
	if f == nil {
		f = newForm(nil)
	}
	p := coachPage{Nav: nav, Title: title, Form: f, Data: data, AllowSignup: s.cfg.AllowCoachSignup}
	if v, ok := c.Get(sessionKey); ok {
		sess := v.(*store.Session)
		p.Coach, p.Flash = sess.Coach, sess.Flash
	}
	s.page(c, status, name, p)
}

// formFault reports whether err is a fault the user can fix in the form
// (shown on the re-rendered form, with statusOf(err)); other errors, which
// no form can fix (not found, also another coach's ids, or an internal
// error), are answered here.
func (s *Server) formFault(c *gin.Context, err error) bool {
	switch rapport.ErrorCode(err) {
	case rapport.EINVALID, rapport.ECONFLICT, rapport.EMALFORMED, rapport.ERATELIMIT:
		return true
	}
	s.fail(c, err)
	return false
}
