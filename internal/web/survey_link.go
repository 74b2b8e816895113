package web

import (
	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/secrets"
	"github.com/rapporthq/rapport/internal/store"
)

const (
	surveyKey     = "survey"
	surveyHashKey = "survey_hash"
)

// surveyLink resolves the :token of a survey route, for pages and the
// API's reads. A well-formed token is always looked up, and a valid one
// served; misses count against the client's address (see linkMiss).
func (s *Server) surveyLink(c *gin.Context) {
	token := c.Param("token")
	if !secrets.WellFormed(token) {
		s.fail(c, s.linkMiss(c))
		return
	}
	hash := s.keys.Hash(token)
	link, err := s.store.ResolveLink(c.Request.Context(), hash)
	if err != nil {
		s.fail(c, s.missed(c, err))
		return
	}
	c.Set(surveyKey, link)
	c.Set(surveyHashKey, hash)
	c.Next()
}

// surveyWriteLink resolves the :token of the API's survey writes, which
// find the link inside their own transaction (see missed for a miss
// there). An address out of misses, or a malformed token, is looked up
// here instead (surveyLink): trying tokens then costs the single writer
// one indexed lookup per miss the address has left, plus those of its
// requests already in flight when the last one is counted (a few
// microseconds each).
func (s *Server) surveyWriteLink(c *gin.Context) {
	token := c.Param("token")
	if !secrets.WellFormed(token) || s.linkMisses.Exhausted(c.ClientIP()) {
		s.surveyLink(c)
		return
	}
	hash := s.keys.Hash(token)
	c.Set(surveyKey, s.store.WriteLink(hash))
	c.Set(surveyHashKey, hash)
	c.Next()
}

// linkOf is the link surveyLink put on the request: resolved, bar an API
// write's (see store.WriteLink).
func linkOf(c *gin.Context) *store.SurveyLink { return c.MustGet(surveyKey).(*store.SurveyLink) }

func surveyHashOf(c *gin.Context) []byte { return c.MustGet(surveyHashKey).([]byte) }
