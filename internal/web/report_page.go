package web

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// errNoReportYet refuses a report of a round still open or in draft.
var errNoReportYet = rapport.Errorf(rapport.ECONFLICT,
	"The report exists only once the round is closed: figures shown earlier would reveal answers one by one.")

// reportHeaders keep a report, as a page or a PDF, out of shared and
// back-button caches, Referer headers and search engines, wherever it is
// opened from.
func reportHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Robots-Tag", "noindex, nofollow")
}

// coachReportPage is the report of one of the coach's closed rounds as a
// page, /rounds/{id}/report.
func (s *Server) coachReportPage(c *gin.Context) {
	r, ok := s.coachRound(c)
	if !ok {
		return
	}
	if r.Status != rapport.RoundClosed {
		s.fail(c, errNoReportYet)
		return
	}
	view, ok := s.reportView(c, r)
	if !ok {
		return
	}
	view.PDFURL = fmt.Sprintf("/rounds/%d/report.pdf", r.ID)
	view.RoundURL = roundPath(r.ID)
	reportHeaders(c)
	s.coachView(c, http.StatusOK, "report", "dashboard", "Report: "+r.LeaderName, nil, view)
	s.audit(c, "report.viewed", store.RoundSubject(r.ID), "page")
}

// leaderReport is the leader's personal report link, /r/{token}: the
// report as a page, with a link to the PDF. Like a survey link it is a
// secret: anything unknown gets the same 404 as any other missing page, the
// token never reaches the logs (they hold the route pattern only), and
// privateHeaders keep it out of referrers and caches.
func (s *Server) leaderReport(c *gin.Context) {
	r, ok := s.leaderReportRound(c)
	if !ok {
		return
	}
	view, ok := s.reportView(c, r)
	if !ok {
		return
	}
	view.PDFURL = "/r/" + c.Param("token") + "/report.pdf"
	reportHeaders(c)
	s.page(c, http.StatusOK, "report", coachPage{Title: "Report: " + r.LeaderName, Form: newForm(nil), Data: view})
	s.auditLeaderOpen(c, r, "page")
}

// auditLeaderOpen records that the leader's link opened the report, once
// per round and form an hour (audit_throttle.go); a HEAD probe opened
// nothing.
func (s *Server) auditLeaderOpen(c *gin.Context, r *rapport.Round, as string) {
	if isHeadProbe(c) || !s.reportOpens.due(r.ID, as, s.store.Now()) {
		return
	}
	s.auditLater(c, store.AuditEntry{CoachID: r.CoachID, Actor: store.ActorLeaderLink, Action: "report.opened",
		Subject: store.RoundSubject(r.ID), Detail: as})
}

// leaderReportPDF is the same report as a PDF, /r/{token}/report.pdf.
func (s *Server) leaderReportPDF(c *gin.Context) {
	r, ok := s.leaderReportRound(c)
	if !ok {
		return
	}
	reportHeaders(c)
	if s.sendReport(c, r, "inline") {
		s.auditLeaderOpen(c, r, "PDF")
	}
}

// leaderReportRound finds the round of a leader's report link; a miss is
// answered (and counted) here.
func (s *Server) leaderReportRound(c *gin.Context) (*rapport.Round, bool) {
	hash, ok := s.linkHash(c)
	if !ok {
		return nil, false
	}
	r, err := s.store.RoundByReportToken(c.Request.Context(), hash)
	if err != nil {
		s.fail(c, s.missed(c, err))
		return nil, false
	}
	return r, true
}

// reportView reads a closed round's report and lays it out for the page.
func (s *Server) reportView(c *gin.Context, r *rapport.Round) (*reportView, bool) {
	meta, sum, err := s.debriefs.Report(c.Request.Context(), r)
	if err != nil {
		s.fail(c, err)
		return nil, false
	}
	return newReportView(meta, sum), true
}
