package web

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/store"
)

// headAsGet lets every GET route answer HEAD the same way. Mail security
// scanners and link checkers probe the links in emails with HEAD, and gin
// routes HEAD apart from GET, so without this every survey link looked
// dead to them. The request is routed as a GET; net/http itself drops the
// body of a response to a HEAD request and keeps its status and headers.
// The context remembers the probe, so that nothing is recorded for it.
func headAsGet(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			r = r.Clone(context.WithValue(r.Context(), headProbeKey{}, true))
			r.Method = http.MethodGet
		}
		next.ServeHTTP(w, r)
	})
}

type headProbeKey struct{}

// isHeadProbe tells a handler its answer is for a HEAD request: it must
// answer as to a GET but record nothing, as no person opened the link.
func isHeadProbe(c *gin.Context) bool {
	probe, _ := c.Request.Context().Value(headProbeKey{}).(bool)
	return probe
}

// openSurvey reads the survey of the request's link, recording that it was
// opened unless the request is a HEAD probe.
func (s *Server) openSurvey(c *gin.Context) (*store.Survey, error) {
	if isHeadProbe(c) {
		return s.store.PeekSurvey(c.Request.Context(), linkOf(c))
	}
	return s.store.OpenSurvey(c.Request.Context(), linkOf(c))
}
