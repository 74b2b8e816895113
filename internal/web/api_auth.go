package web

import (
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
)

// requireAPIToken lets through only requests with a valid bearer token and
// puts the coach in the context.
func (s *Server) requireAPIToken(c *gin.Context) {
	h := c.GetHeader("Authorization")
	token, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || token == "" {
		c.Header("WWW-Authenticate", `Bearer realm="rapport"`)
		s.fail(c, rapport.Errorf(rapport.EUNAUTHORIZED, "sign in first: send Authorization: Bearer <token> (POST /api/v1/tokens gives one)"))
		return
	}
	coach, err := s.store.CoachByAPIToken(c.Request.Context(), s.keys.Hash(strings.TrimSpace(token)))
	if err != nil {
		c.Header("WWW-Authenticate", `Bearer realm="rapport", error="invalid_token"`)
		s.fail(c, err)
		return
	}
	c.Set(coachKey, coach)
	c.Next()
}
