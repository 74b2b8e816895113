package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/auth"
	"github.com/rapporthq/rapport/internal/rapport"
)

// Coach accounts are created here only when the instance allows it
// (RAPPORT_ALLOW_COACH_SIGNUP) and only by a signed-in coach; otherwise
// with `rapport coach add` on the server.
func (s *Server) newCoachPage(c *gin.Context) {
	if !s.cfg.AllowCoachSignup {
		s.notFoundPage(c)
		return
	}
	s.coachView(c, http.StatusOK, "coach_new", "coaches", "Add a coach", nil, nil)
}

func (s *Server) createCoach(c *gin.Context) {
	if !s.cfg.AllowCoachSignup {
		s.notFoundPage(c)
		return
	}
	f := postedForm(c, "name", "email", "password")
	// Every fault at once: the store's checks of name and email, and the
	// password's own.
	var v rapport.Faults
	_, _, err := rapport.CheckCoach(f.Get("email"), f.Get("name"))
	v.Add(err)
	hash, err := auth.HashPassword(f.Get("password"))
	v.Add(err)
	err = v.Err()
	if err == nil {
		_, err = s.store.CreateCoach(c.Request.Context(), f.Get("email"), f.Get("name"), hash)
	}
	if err != nil {
		if !s.formFault(c, err) {
			return
		}
		f.setError(err)
		f.Values["password"] = ""
		s.coachView(c, statusOf(err), "coach_new", "coaches", "Add a coach", f, nil)
		return
	}
	s.flashRedirect(c, "Coach account created for "+f.Get("email")+". They can sign in now.", "/")
}
