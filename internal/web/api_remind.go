package web

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// SetMailWaker sets what to call after a request queued mail, so that the
// mail worker delivers it at once instead of at its next poll.
func (s *Server) SetMailWaker(wake func()) { s.wakeMail = wake }

// remindRound queues a reminder now to every rater of an open round who has
// not answered or declined and has not opted out, ignoring the round's
// interval and cap: {"sent": n}.
func (s *Server) remindRound(c *gin.Context) {
	id, err := idParam(c, "id", "round")
	if err != nil {
		s.fail(c, err)
		return
	}
	n, err := s.store.RemindNow(c.Request.Context(), coachOf(c), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	if n > 0 {
		s.wake()
	}
	c.JSON(http.StatusOK, gin.H{"sent": n})
}
