package web

import (
	"bytes"
	"context"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/report"
)

// getReportPDF answers with a closed round's report for the coach.
func (s *Server) getReportPDF(c *gin.Context) {
	r, ok := s.closedRound(c)
	if !ok {
		return
	}
	s.sendReport(c, r, "inline")
}

// releaseRound gives the leader their report by email.
func (s *Server) releaseRound(c *gin.Context) {
	s.roundAction(c, s.releaseDrawn)
}

// releaseDrawn releases a round's report only once it has been drawn: a
// report that cannot be drawn is never sent to the leader, and the coach
// learns why (409) while the round stays closed and unreleased.
func (s *Server) releaseDrawn(ctx context.Context, coachID, id int64) (*rapport.Round, error) {
	r, err := s.store.Round(ctx, coachID, id)
	if err != nil {
		return nil, err
	}
	if r.Status == rapport.RoundClosed && !r.Released() { // otherwise ReleaseRound says why not
		if _, err := s.renderReport(ctx, r, &bytes.Buffer{}); err != nil {
			s.log.Error("report cannot be drawn", "round", id, "err", err)
			return nil, rapport.Errorf(rapport.ECONFLICT, "The report cannot be drawn, so it was not released (%s) "+
				"Nothing was sent to the leader.", strings.TrimSuffix(rapport.ErrorMessage(err), "."))
		}
	}
	return s.store.ReleaseRound(ctx, coachID, id)
}

// leaderReport is the leader's personal report link, /r/{token}. Like a
// survey link it is a secret: anything unknown gets the same 404 as any
// other missing page, the token never reaches the logs (they hold the route
// pattern only), and privateHeaders keep it out of referrers and caches.
func (s *Server) leaderReport(c *gin.Context) {
	hash, ok := s.linkHash(c)
	if !ok {
		return
	}
	r, err := s.store.RoundByReportToken(c.Request.Context(), hash)
	if rapport.ErrorCode(err) == rapport.ENOTFOUND {
		err = s.linkMiss(c)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.sendReport(c, r, "inline")
}

// sendReport renders a closed round's PDF into memory first, so that a
// failure is a clean error rather than half a file.
// disposition is "inline" to open it, "attachment" to download it.
func (s *Server) sendReport(c *gin.Context, r *rapport.Round, disposition string) {
	var buf bytes.Buffer
	meta, err := s.renderReport(c.Request.Context(), r, &buf)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Header("Content-Disposition", reportDisposition(disposition, meta.LeaderName, meta.RoundTitle))
	c.Data(http.StatusOK, "application/pdf", buf.Bytes())
}

// renderReport draws a closed round's report into buf and returns what it
// was drawn from (the leader's name and the round's title name the file).
func (s *Server) renderReport(ctx context.Context, r *rapport.Round, buf *bytes.Buffer) (report.Meta, error) {
	sum, fw, err := s.summaryOf(ctx, r)
	if err != nil {
		return report.Meta{}, err
	}
	leader, err := s.store.Leader(ctx, r.CoachID, r.LeaderID)
	if err != nil {
		return report.Meta{}, err
	}
	coach, err := s.store.CoachByID(ctx, r.CoachID)
	if err != nil {
		return report.Meta{}, err
	}
	counts, err := s.store.Counts(ctx, r.ID)
	if err != nil {
		return report.Meta{}, err
	}
	meta := report.Meta{LeaderName: leader.Name, LeaderTitle: leader.Title, Organization: leader.Organization,
		CoachName: coach.Name, RoundTitle: r.Title, FrameworkName: fw.Name, LaunchedAt: r.LaunchedAt, ClosedAt: *r.ClosedAt,
		Scale: fw.Scale, Competencies: fw.Competencies, Questions: fw.OpenQuestions, Invited: counts.Invited}
	return meta, report.Render(buf, meta, sum)
}
