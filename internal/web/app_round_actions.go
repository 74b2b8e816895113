package web

import (
	"fmt"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// The round's actions. Each is confirmed on the round page first (a
// <details> step, no JavaScript needed) and reports back with a flash
// message after the redirect. A refusal (wrong state, no raters) comes
// back the same way, so the coach reads why on the page they were on.

func (s *Server) launchRoundForm(c *gin.Context) {
	r, ok := s.coachRound(c)
	if !ok {
		return
	}
	if _, err := s.store.LaunchRound(c.Request.Context(), coachOf(c), r.ID); err != nil {
		s.actionRefused(c, r, "The round was not launched", err)
		return
	}
	s.audit(c, "round.launched", store.RoundSubject(r.ID), "")
	s.flashRedirect(c, "Launched. Invitations are on their way to every rater.", roundPath(r.ID))
}

func (s *Server) remindRoundForm(c *gin.Context) {
	r, ok := s.coachRound(c)
	if !ok {
		return
	}
	done, err := s.store.RemindNow(c.Request.Context(), coachOf(c), r.ID)
	if err != nil {
		s.actionRefused(c, r, "No reminders were sent", err)
		return
	}
	s.audit(c, "round.reminded", store.RoundSubject(r.ID), countDetail(done.Sent))
	s.flashRedirect(c, remindedMessage(done), roundPath(r.ID))
}

// remindedMessage tells the coach who got a reminder and who was spared.
func remindedMessage(done store.Reminded) string {
	var msg string
	switch done.Sent {
	case 0:
		msg = "No reminder was sent."
	case 1:
		msg = "A reminder was queued for 1 rater who has not answered yet."
	default:
		msg = fmt.Sprintf("Reminders queued for %d raters who have not answered yet.", done.Sent)
	}
	switch done.SkippedRecent {
	case 0:
		if done.Sent == 0 {
			msg += " Every rater has answered, declined or opted out."
		}
	case 1:
		msg += " 1 rater was skipped: they had an email in the last 12 hours."
	default:
		msg += fmt.Sprintf(" %d raters were skipped: they had an email in the last 12 hours.", done.SkippedRecent)
	}
	return msg
}

func (s *Server) closeRoundForm(c *gin.Context) {
	r, ok := s.coachRound(c)
	if !ok {
		return
	}
	if _, err := s.debriefs.Close(c.Request.Context(), coachOf(c), r.ID); err != nil {
		s.actionRefused(c, r, "The round was not closed", err)
		return
	}
	s.audit(c, "round.closed", store.RoundSubject(r.ID), "")
	s.flashRedirect(c, "Closed. Answers are final and the report is ready.", roundPath(r.ID))
}

func (s *Server) releaseRoundForm(c *gin.Context) {
	r, ok := s.coachRound(c)
	if !ok {
		return
	}
	if _, err := s.debriefs.Release(c.Request.Context(), coachOf(c), r.ID); err != nil {
		s.actionRefused(c, r, "The report was not released", err)
		return
	}
	s.audit(c, "round.released", store.RoundSubject(r.ID), "")
	s.flashRedirect(c, "Released. "+r.LeaderName+" is getting an email with a private link to the report.", roundPath(r.ID))
}

// actionRefused brings the coach back to the round with the reason.
func (s *Server) actionRefused(c *gin.Context, r *rapport.Round, what string, err error) {
	if !s.formFault(c, err) {
		return
	}
	s.flashRedirect(c, what+": "+rapport.ErrorMessage(err), roundPath(r.ID))
}

// reportPDF downloads a closed round's report, the same PDF as the API's.
func (s *Server) reportPDF(c *gin.Context) {
	r, ok := s.coachRound(c)
	if !ok {
		return
	}
	if r.Status != rapport.RoundClosed {
		s.fail(c, errNoReportYet)
		return
	}
	if s.sendReport(c, r, "attachment") {
		s.audit(c, "report.downloaded", store.RoundSubject(r.ID), "PDF")
	}
}
