package web

import (
	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// The coach's side of the nomination on the round page: send the leader
// the link, approve what they proposed (removal is removeRaterForm).

func (s *Server) sendNominationForm(c *gin.Context) {
	r, ok := s.coachRound(c)
	if !ok {
		return
	}
	to, err := s.store.SendNomination(c.Request.Context(), coachOf(c), r.ID)
	if err != nil {
		s.actionRefused(c, r, "No nomination link was sent", err)
		return
	}
	s.audit(c, "nomination.sent", store.RoundSubject(r.ID), "")
	s.flashRedirect(c, "A nomination link is on its way to "+to+". You will get an email when "+
		rapport.FirstName(r.LeaderName)+" sends the list.", roundPath(r.ID)+"#nomination")
}

func (s *Server) approveRaterForm(c *gin.Context) {
	r, ok := s.coachRound(c)
	if !ok {
		return
	}
	raterID, err := idParam(c, "rater_id", "rater")
	var rt *rapport.Rater
	if err == nil {
		rt, err = s.store.ApproveRater(c.Request.Context(), coachOf(c), r.ID, raterID)
	}
	if err != nil {
		s.actionRefused(c, r, "Not approved", err)
		return
	}
	s.audit(c, "rater.approved", store.RaterSubject(r.ID, raterID), string(rt.Relationship))
	s.flashRedirect(c, rt.Name+" was approved as "+rt.Relationship.Member()+" and will be invited at launch.", roundPath(r.ID)+"#raters")
}
