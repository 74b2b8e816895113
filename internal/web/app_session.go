package web

import (
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/secrets"
	"github.com/rapporthq/rapport/internal/store"
)

// sessionLimits: a coach stays signed in through a working day of pauses,
// and signs in again at least once a week.
var sessionLimits = store.SessionLimits{Idle: 12 * time.Hour, Absolute: 7 * 24 * time.Hour}

const sessionKey = "session"

// sessionCookieName is the cookie holding the session id. Over https it
// takes the __Host- prefix, which browsers accept only from a secure,
// host-only cookie for the whole site.
func (s *Server) sessionCookieName() string {
	if s.secureCookies() {
		return "__Host-rapport_session"
	}
	return "rapport_session"
}

func (s *Server) secureCookies() bool { return s.cfg.Base.Scheme == "https" }

// setSessionCookie sends the session id (or clears it when id is empty).
func (s *Server) setSessionCookie(c *gin.Context, id string) {
	ck := &http.Cookie{Name: s.sessionCookieName(), Value: id, Path: "/", HttpOnly: true,
		Secure: s.secureCookies(), SameSite: http.SameSiteLaxMode}
	if id == "" {
		ck.MaxAge = -1
	} else {
		ck.MaxAge = int(sessionLimits.Absolute.Seconds())
	}
	http.SetCookie(c.Writer, ck)
}

// sessionToken is the session id the browser sent, if it is well formed.
func (s *Server) sessionToken(c *gin.Context) string {
	ck, err := c.Request.Cookie(s.sessionCookieName())
	if err != nil || !secrets.WellFormed(ck.Value) {
		return ""
	}
	return ck.Value
}

// requireSession lets through only signed-in coaches; others go to the
// sign-in page, which brings them back here afterwards (for a GET).
func (s *Server) requireSession(c *gin.Context) {
	token := s.sessionToken(c)
	var err error
	var sess *store.Session
	if token == "" {
		err = rapport.Errorf(rapport.EUNAUTHORIZED, "please sign in")
	} else {
		sess, err = s.store.SessionCoach(c.Request.Context(), s.keys.Hash(token), sessionLimits)
	}
	if err != nil {
		if rapport.ErrorCode(err) != rapport.EUNAUTHORIZED {
			s.fail(c, err)
			return
		}
		q := url.Values{}
		if c.Request.Method == http.MethodGet && c.Request.URL.Path != "/" {
			q.Set("next", c.Request.URL.RequestURI())
		}
		if token != "" {
			q.Set("expired", "1")
			s.setSessionCookie(c, "")
		}
		target := "/login"
		if len(q) > 0 {
			target += "?" + q.Encode()
		}
		c.Redirect(http.StatusSeeOther, target)
		c.Abort()
		return
	}
	// Pages of a signed-in coach are personal: never cache them.
	c.Header("Cache-Control", "no-store")
	c.Set(sessionKey, sess)
	c.Set(coachKey, sess.Coach)
	c.Next()
}

func sessionOf(c *gin.Context) *store.Session { return c.MustGet(sessionKey).(*store.Session) }

// flash leaves a message for the next page and redirects there (303, so
// that reloading it does not post the form again).
func (s *Server) flashRedirect(c *gin.Context, message, target string) {
	if err := s.store.SetFlash(c.Request.Context(), sessionOf(c).ID, message); err != nil {
		s.log.Error("set flash", "err", err)
	}
	c.Redirect(http.StatusSeeOther, target)
}
