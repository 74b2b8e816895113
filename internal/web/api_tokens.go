package web

import (
	"fmt"
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
	coach, err := s.checkSignIn(c, in.Email, in.Password)
	if err != nil {
		if rapport.ErrorCode(err) == rapport.ERATELIMIT {
			c.Header("Retry-After", "60")
		}
		s.fail(c, err)
		return
	}
	token := secrets.NewToken()
	if err := s.store.CreateAPIToken(c.Request.Context(), coach.ID, s.keys.Hash(token), apiTokenTTL); err != nil {
		s.fail(c, err)
		return
	}
	s.auditSignIn(c, coach.ID, "token.created", fmt.Sprintf("valid %d days", int(apiTokenTTL.Hours()/24)))
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusCreated, gin.H{"token": token, "expires_in": int(apiTokenTTL.Seconds())})
}

// checkSignIn checks a coach's email and password (auth.SignIn) for the
// sign-in page and the API alike, within the failed sign-in limits per
// client address and email (signInLimit). The errors carry the API's
// wording: ERATELIMIT when the allowance is used up, EUNAUTHORIZED for a
// wrong email or password.
func (s *Server) checkSignIn(c *gin.Context, email, password string) (*rapport.Coach, error) {
	attempt, ok := s.signInLimit.begin(c.ClientIP(), email)
	if !ok {
		return nil, rapport.Errorf(rapport.ERATELIMIT, "too many failed sign-in attempts; wait a minute, then try again")
	}
	coach, err := auth.SignIn(c.Request.Context(), s.store, email, password)
	if err != nil {
		if rapport.ErrorCode(err) == rapport.EUNAUTHORIZED {
			s.auditFailedSignIn(c, email, signInChannel(c))
		}
		return nil, err
	}
	attempt.succeeded()
	return coach, nil
}
