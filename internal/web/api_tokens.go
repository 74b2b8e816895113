package web

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/auth"
	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/secrets"
)

// apiTokenTTL is how long an API token works.
const apiTokenTTL = 30 * 24 * time.Hour

// createToken exchanges a coach's email and password for an API token.
// Failures share the sign-in page's limits (see signInLimiter).
func (s *Server) createToken(c *gin.Context) {
	var in struct {
		Email    string `json:"email"`
		Password string `json:"password"`
	}
	if err := decodeJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	if in.Email == "" || in.Password == "" {
		s.fail(c, rapport.Errorf(rapport.EINVALID, "email and password are required"))
		return
	}
	attempt, ok := s.signInLimit.begin(c.ClientIP(), in.Email)
	if !ok {
		c.Header("Retry-After", "60")
		s.fail(c, rapport.Errorf(rapport.ERATELIMIT, "too many failed sign-in attempts; wait a minute, then try again"))
		return
	}
	hash := ""
	coach, err := s.store.CoachByEmail(c.Request.Context(), in.Email)
	if err == nil {
		hash = coach.PasswordHash
	} else if rapport.ErrorCode(err) != rapport.ENOTFOUND {
		s.fail(c, err)
		return
	}
	if !auth.CheckPassword(hash, in.Password) {
		s.fail(c, rapport.Errorf(rapport.EUNAUTHORIZED, "the email or the password is wrong"))
		return
	}
	attempt.succeeded()
	token := secrets.NewToken()
	if err := s.store.CreateAPIToken(c.Request.Context(), coach.ID, s.keys.Hash(token), apiTokenTTL); err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusCreated, gin.H{"token": token, "expires_in": int(apiTokenTTL.Seconds())})
}
