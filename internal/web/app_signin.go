package web

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/secrets"
)

// signInData is what the sign-in page shows besides the form.
type signInData struct {
	Next    string
	Expired bool
	Bye     bool
}

func (s *Server) signInPage(c *gin.Context) {
	// Already signed in: go straight on.
	if token := s.sessionToken(c); token != "" {
		if _, err := s.store.SessionCoach(c.Request.Context(), s.keys.Hash(token), sessionLimits); err == nil {
			c.Redirect(http.StatusSeeOther, safeNext(c.Query("next")))
			return
		}
	}
	d := signInData{Next: safeNext(c.Query("next")), Expired: c.Query("expired") != "", Bye: c.Query("bye") != ""}
	s.coachView(c, http.StatusOK, "signin", "", "Sign in", nil, d)
}

// signIn checks the email and password and starts a new session. Wrong
// email and wrong password get the same answer, in the same time.
func (s *Server) signIn(c *gin.Context) {
	f := postedForm(c, "email", "password")
	d := signInData{Next: safeNext(c.PostForm("next"))}
	refuse := func(status int, message string) {
		f.Values["password"] = "" // never echo a password back
		f.Message = message
		s.coachView(c, status, "signin", "", "Sign in", f, d)
	}
	email := strings.TrimSpace(f.Get("email"))
	if email == "" {
		f.Errors["email"] = "Enter your email address."
	}
	if f.Get("password") == "" {
		f.Errors["password"] = "Enter your password."
	}
	if f.HasErrors() {
		refuse(http.StatusUnprocessableEntity, "")
		return
	}
	coach, err := s.checkSignIn(c, email, f.Get("password"))
	if err != nil {
		switch rapport.ErrorCode(err) {
		case rapport.ERATELIMIT:
			refuse(http.StatusTooManyRequests, "Too many sign-in attempts. Please wait a minute, then try again.")
		case rapport.EUNAUTHORIZED:
			refuse(http.StatusUnprocessableEntity, "The email or the password is wrong.")
		default:
			s.fail(c, err)
		}
		return
	}
	// A fresh id at every sign-in: an id planted in the browser before
	// (session fixation) never becomes a signed-in session.
	if old := s.sessionToken(c); old != "" {
		_ = s.store.DeleteSession(c.Request.Context(), s.keys.Hash(old))
	}
	token := secrets.NewToken()
	if err := s.store.CreateSession(c.Request.Context(), coach.ID, s.keys.Hash(token), sessionLimits); err != nil {
		s.fail(c, err)
		return
	}
	s.setSessionCookie(c, token)
	s.auditSignIn(c, coach.ID, "signin", "sign-in page")
	c.Redirect(http.StatusSeeOther, d.Next)
}

// signOut ends the session in the database, not only in the browser.
func (s *Server) signOut(c *gin.Context) {
	if token := s.sessionToken(c); token != "" {
		if err := s.store.DeleteSession(c.Request.Context(), s.keys.Hash(token)); err != nil {
			s.fail(c, err)
			return
		}
	}
	s.setSessionCookie(c, "")
	c.Redirect(http.StatusSeeOther, "/login?bye=1")
}
