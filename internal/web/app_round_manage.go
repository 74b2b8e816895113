package web

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// The draft round's own actions on its page: copy the raters of an
// earlier round, delete the draft. Each reports back with a flash message.

func (s *Server) copyRatersForm(c *gin.Context) {
	r, ok := s.coachRound(c)
	if !ok {
		return
	}
	from, _ := strconv.ParseInt(c.PostForm("from_round_id"), 10, 64)
	n, err := s.store.CopyRaters(c.Request.Context(), coachOf(c), r.ID, from)
	if err != nil {
		if !s.formFault(c, err) {
			return
		}
		s.flashRedirect(c, "No raters were copied: "+rapport.ErrorMessage(err), roundPath(r.ID)+"#raters")
		return
	}
	s.audit(c, "raters.copied", store.RoundSubject(r.ID), countDetail(n))
	msg := strconv.Itoa(n) + " raters copied. Review them before you launch."
	switch n {
	case 0:
		msg = "Nobody was copied: everyone from that round is already here."
	case 1:
		msg = "1 rater copied. Review them before you launch."
	}
	s.flashRedirect(c, msg, roundPath(r.ID)+"#raters")
}

func (s *Server) deleteRoundForm(c *gin.Context) {
	r, ok := s.coachRound(c)
	if !ok {
		return
	}
	if err := s.store.DeleteDraftRound(c.Request.Context(), coachOf(c), r.ID); err != nil {
		s.actionRefused(c, r, "The round was not deleted", err)
		return
	}
	s.audit(c, "round.deleted", store.RoundSubject(r.ID), "")
	s.flashRedirect(c, "The draft “"+r.Title+"” was deleted.", "/leaders/"+strconv.FormatInt(r.LeaderID, 10))
}

// backToRound answers a GET of a URL that only takes a form's POST (a
// reload of the page a refused form rendered): the round page, at the form.
func (s *Server) backToRound(anchor string) gin.HandlerFunc {
	return func(c *gin.Context) {
		if r, ok := s.coachRound(c); ok {
			c.Redirect(http.StatusSeeOther, roundPath(r.ID)+anchor)
		}
	}
}
