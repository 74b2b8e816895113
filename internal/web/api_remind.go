package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/store"
)

// remindRound queues a reminder now to every rater of an open round who has
// not answered or declined and has not opted out, ignoring the round's
// interval and cap but skipping those emailed within the last 12 hours:
// {"sent": n, "skipped_recent": m}.
func (s *Server) remindRound(c *gin.Context) {
	id, err := idParam(c, "id", "round")
	if err != nil {
		s.fail(c, err)
		return
	}
	done, err := s.store.RemindNow(c.Request.Context(), coachOf(c), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.audit(c, "round.reminded", store.RoundSubject(id), countDetail(done.Sent))
	c.JSON(http.StatusOK, done)
}
