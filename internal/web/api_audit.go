package web

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// The audit trail's pages: GET /api/v1/audit and /audit show the coach's own
// lines, newest first, a page at a time.
const (
	auditDefaultLimit = 100
	auditMaxLimit     = 500
)

// auditPage is the query of a page of the trail: up to limit lines older
// than the line with id before (0: from the newest). Paging by id, not by
// time, because many lines share a second.
type auditPage struct {
	Before int64
	Limit  int
}

// auditQuery reads ?limit= and ?before=; a bad value is a 422 naming it.
func auditQuery(c *gin.Context) (auditPage, error) {
	p := auditPage{Limit: auditDefaultLimit}
	if v, ok := c.GetQuery("limit"); ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > auditMaxLimit {
			return p, rapport.FieldError("limit", "limit must be a whole number from 1 to %d.", auditMaxLimit)
		}
		p.Limit = n
	}
	if v, ok := c.GetQuery("before"); ok {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			return p, rapport.FieldError("before", "before must be the id of a line, a whole number from 1, as the last line of the previous page gives it.")
		}
		p.Before = n
	}
	return p, nil
}

// trail reads one page of the coach's trail, and whether older lines follow.
func (s *Server) trail(c *gin.Context, p auditPage) ([]store.AuditLine, bool, error) {
	lines, err := s.store.AuditTrail(c.Request.Context(), coachOf(c), p.Before, p.Limit+1)
	if err != nil {
		return nil, false, err
	}
	if len(lines) > p.Limit {
		return lines[:p.Limit], true, nil
	}
	return lines, false, nil
}

// getAudit answers GET /api/v1/audit: a JSON array, newest first. The next
// page is ?before= the id of the last line.
func (s *Server) getAudit(c *gin.Context) {
	p, err := auditQuery(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	lines, _, err := s.trail(c, p)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, lines)
}
