package web

import (
	"bytes"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// getReportPDF answers with a closed round's report for the coach.
func (s *Server) getReportPDF(c *gin.Context) {
	r, ok := s.closedRound(c)
	if !ok {
		return
	}
	if s.sendReport(c, r, "inline") {
		s.audit(c, "report.downloaded", store.RoundSubject(r.ID), "PDF")
	}
}

// releaseRound gives the leader their report by email, once it has been
// drawn (see debrief.Release).
func (s *Server) releaseRound(c *gin.Context) {
	s.roundAction(c, s.audited("round.released", s.debriefs.Release))
}

// sendReport renders a closed round's PDF into memory first, so that a
// failure is a clean error rather than half a file.
// disposition is "inline" to open it, "attachment" to download it. It
// reports whether the PDF was sent (for the audit trail).
func (s *Server) sendReport(c *gin.Context, r *rapport.Round, disposition string) bool {
	var buf bytes.Buffer
	meta, err := s.debriefs.PDF(c.Request.Context(), r, &buf)
	if err != nil {
		s.fail(c, err)
		return false
	}
	c.Header("Cache-Control", "no-store")
	c.Header("Content-Disposition", reportDisposition(disposition, meta.LeaderName, meta.RoundTitle))
	c.Data(http.StatusOK, "application/pdf", buf.Bytes())
	return true
}
