package web

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/secrets"
	"github.com/rapporthq/rapport/internal/store"
)

const (
	surveyKey     = "survey"
	surveyHashKey = "survey_hash"
)

// errNoSurvey answers every token that opens nothing: unknown, malformed
// or revoked tokens are indistinguishable.
var errNoSurvey = rapport.Errorf(rapport.ENOTFOUND, "there is no survey at this address")

// surveyLink resolves the :token of a survey route, for pages and the API
// alike. A well-formed token is always looked up, and a valid one served;
// misses count against the client's address (see linkMissed).
func (s *Server) surveyLink(c *gin.Context) {
	token := c.Param("token")
	if !secrets.WellFormed(token) {
		s.linkMissed(c, s.surveyFail)
		return
	}
	hash := s.keys.Hash(token)
	if c.Request.Method != http.MethodGet && strings.HasPrefix(c.Request.URL.Path, "/api/") &&
		!s.linkMisses.Exhausted(c.ClientIP()) {
		// API writes find the link inside their own transaction (see
		// surveyWriteFail for a miss there). An address out of misses is
		// looked up here instead: trying tokens then costs the single
		// writer one indexed lookup per miss the address has left, plus
		// those of its requests already in flight when the last one is
		// counted (a few microseconds each).
		c.Set(surveyKey, s.store.WriteLink(hash))
		c.Set(surveyHashKey, hash)
		c.Next()
		return
	}
	link, err := s.store.ResolveLink(c.Request.Context(), hash)
	if rapport.ErrorCode(err) == rapport.ENOTFOUND {
		s.linkMissed(c, s.surveyFail)
		return
	}
	if err != nil {
		s.surveyFail(c, err)
		return
	}
	c.Set(surveyKey, link)
	c.Set(surveyHashKey, hash)
	c.Next()
}

// surveyFail answers a survey request with err: JSON on the API, a page
// otherwise. A vanished survey gets the same answer as an unknown link.
func (s *Server) surveyFail(c *gin.Context, err error) {
	if rapport.ErrorCode(err) == rapport.ENOTFOUND {
		err = errNoSurvey
	}
	s.failFor(c, err)
}

// surveyWriteFail answers an API write that failed: a link the write
// found to open nothing counts as a miss, like one looked up beforehand.
func (s *Server) surveyWriteFail(c *gin.Context, err error) {
	if rapport.ErrorCode(err) == rapport.ENOTFOUND {
		s.linkMissed(c, s.surveyFail)
		return
	}
	s.surveyFail(c, err)
}

// linkOf is the link surveyLink put on the request: resolved, bar an API
// write's (see store.WriteLink).
func linkOf(c *gin.Context) *store.SurveyLink { return c.MustGet(surveyKey).(*store.SurveyLink) }

func surveyHashOf(c *gin.Context) []byte { return c.MustGet(surveyHashKey).([]byte) }
