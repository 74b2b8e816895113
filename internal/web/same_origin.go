package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
)

// sameOrigin rejects state-changing requests sent by another site
// (Sec-Fetch-Site, or Origin against Host and the public origin) with a
// page saying message. It is what makes the coach's cookie-authenticated
// forms safe without a token in every form; on the survey form, whose link
// is itself the credential, it is a second lock.
func (s *Server) sameOrigin(message string) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := s.crossOrigin.Check(c.Request); err != nil {
			s.errorPage(c, http.StatusForbidden, &rapport.Error{Code: rapport.EUNAUTHORIZED, Message: message})
			return
		}
		c.Next()
	}
}

// sameOriginDownload refuses a GET that another site started, for the
// downloads that carry a coach's data (the exports). The session cookie
// is SameSite=Lax, so a link or redirect from anywhere would send it on
// a top-level GET: each such request would make the server build an
// archive of every leader. A click on the page's own button sends
// Sec-Fetch-Site same-origin, a typed or bookmarked URL none; a browser
// that sends no Sec-Fetch-Site at all is let through, as sameOrigin lets
// it through (bearer-token API routes do not need this: no site can send
// the token).
func (s *Server) sameOriginDownload(message string) gin.HandlerFunc {
	return func(c *gin.Context) {
		switch c.GetHeader("Sec-Fetch-Site") {
		case "", "same-origin", "none":
			c.Next()
		default:
			s.errorPage(c, http.StatusForbidden, &rapport.Error{Code: rapport.EUNAUTHORIZED, Message: message})
		}
	}
}
