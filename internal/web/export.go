package web

import (
	"bytes"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// The exports (package export) as downloads, for the API and the coach's
// pages alike: each route group answers failures its own way.

// maxExports bounds the exports built at once, server-wide: each renders
// the PDF of every closed round it holds, in memory, and the machine's
// cores are shared with the surveys.
const maxExports = 2

// errExportBusy answers an export while maxExports are being built.
var errExportBusy = rapport.Errorf(rapport.ERATELIMIT,
	"Other exports are being prepared right now. Please try again in a minute.")

// exportSlot takes one of the maxExports slots, or answers 429 (with
// Retry-After) and reports false; release the slot when done.
func (s *Server) exportSlot(c *gin.Context) bool {
	select {
	case s.exportSlots <- struct{}{}:
		return true
	default:
		c.Header("Retry-After", "30")
		s.fail(c, errExportBusy)
		return false
	}
}

func (s *Server) releaseExportSlot() { <-s.exportSlots }

// exportLeader answers with a zip of one of the coach's leaders: 404 for
// an unknown id or another coach's leader.
func (s *Server) exportLeader(c *gin.Context) {
	l, ok := s.coachLeader(c)
	if !ok {
		return
	}
	if !s.exportSlot(c) {
		return
	}
	defer s.releaseExportSlot()
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
	if !s.exportSlot(c) {
		return
	}
	defer s.releaseExportSlot()
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
