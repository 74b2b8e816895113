package web

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
)

// TestAuditLaterWritesItselfPastTheCap: with maxPendingAudits lines already
// waiting, a request writes its line before it goes on, rather than
// leaving one more goroutine behind; below the cap it does not wait.
func TestAuditLaterWritesItselfPastTheCap(t *testing.T) {
	s := &Server{}
	c, _ := gin.CreateTestContext(httptest.NewRecorder())
	c.Request = httptest.NewRequest("GET", "/r/x", nil)

	release := make(chan struct{})
	for range maxPendingAudits {
		s.later(c, func(context.Context) { <-release })
	}
	written := false
	s.later(c, func(context.Context) { written = true })
	if !written {
		t.Error("past the cap the line was left to a goroutine")
	}
	close(release)
	s.WaitAudits()
	if n := s.auditsPending.Load(); n != 0 {
		t.Errorf("%d lines still counted as pending after they were written", n)
	}
}
