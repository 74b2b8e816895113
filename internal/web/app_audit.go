package web

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/store"
)

// auditData is what the audit page shows.
type auditData struct {
	Lines []store.AuditLine
	// Older is the link to the next page, when there is one.
	Older string
	// Paged is set on any page but the first, which links back to it.
	Paged bool
}

// auditPageView shows the coach's trail as a table, newest first, with a
// link to older lines.
func (s *Server) auditPageView(c *gin.Context) {
	p, err := auditQuery(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	lines, more, err := s.trail(c, p)
	if err != nil {
		s.fail(c, err)
		return
	}
	d := auditData{Lines: lines, Paged: p.Before != 0}
	if more {
		q := "?before=" + strconv.FormatInt(lines[len(lines)-1].ID, 10)
		if p.Limit != auditDefaultLimit {
			q += "&limit=" + strconv.Itoa(p.Limit)
		}
		d.Older = "/audit" + q
	}
	s.coachView(c, http.StatusOK, "audit", "audit", "Audit trail", nil, d)
}
