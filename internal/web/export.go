package web

import (
	"bytes"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/store"
)

// The exports (package export) as downloads, for the API and the coach's
// pages alike: each route group answers failures its own way.

// exportLeader answers with a zip of one of the coach's leaders: 404 for
// an unknown id or another coach's leader.
func (s *Server) exportLeader(c *gin.Context) {
	l, ok := s.coachLeader(c)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := s.exports.Leader(c.Request.Context(), coachOf(c), l.ID, &buf); err != nil {
		s.fail(c, err)
		return
	}
	s.sendZip(c, disposition("attachment", ".zip", "Rapport export", l.Name), &buf)
	s.audit(c, "export.downloaded", store.LeaderSubject(l.ID), "zip")
}

// exportAll answers with a zip of all the coach's leaders.
func (s *Server) exportAll(c *gin.Context) {
	var buf bytes.Buffer
	if err := s.exports.Coach(c.Request.Context(), coachOf(c), &buf); err != nil {
		s.fail(c, err)
		return
	}
	s.sendZip(c, disposition("attachment", ".zip", "Rapport export", s.store.Now().UTC().Format("2006-01-02")), &buf)
	s.audit(c, "export.downloaded", store.AccountSubject(), "all leaders")
}

// sendZip sends an archive built in memory first, so that a failure is a
// clean error rather than half an archive.
func (s *Server) sendZip(c *gin.Context, contentDisposition string, buf *bytes.Buffer) {
	c.Header("Cache-Control", "no-store")
	c.Header("Content-Disposition", contentDisposition)
	c.Data(http.StatusOK, "application/zip", buf.Bytes())
}
