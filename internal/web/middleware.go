package web

import (
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
)

// logRequests logs each request by its route pattern, never its raw path:
// survey and report paths hold secret tokens.
func (s *Server) logRequests(c *gin.Context) {
	start := time.Now()
	c.Next()
	route := c.FullPath()
	if route == "" {
		route = "(no route)"
	}
	s.log.Info("request", "method", c.Request.Method, "route", route, "status", c.Writer.Status(),
		"duration_ms", time.Since(start).Milliseconds())
}

// recoverPanics turns a panic into a logged 500 instead of a dropped connection.
func (s *Server) recoverPanics(c *gin.Context) {
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			s.fail(c, fmt.Errorf("panic: %v", p))
		}
	}()
	c.Next()
}

const coachKey = "coach"

// coachOf returns the signed-in coach's id.
func coachOf(c *gin.Context) int64 {
	return c.MustGet(coachKey).(*rapport.Coach).ID
}
