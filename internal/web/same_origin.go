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
