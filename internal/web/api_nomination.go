package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// The nomination: the coach sends the leader a link, the leader
// proposes raters there (no account: the token is the key), the coach
// approves or removes each proposal before launch.

// sendNomination emails the leader a nomination link for a draft round.
func (s *Server) sendNomination(c *gin.Context) {
	id, err := idParam(c, "id", "round")
	if err != nil {
		s.fail(c, err)
		return
	}
	to, err := s.store.SendNomination(c.Request.Context(), coachOf(c), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.audit(c, "nomination.sent", store.RoundSubject(id), "")
	c.JSON(http.StatusCreated, gin.H{"sent_to": to})
}

// approveRater accepts a rater the leader proposed.
func (s *Server) approveRater(c *gin.Context) {
	roundID, err := idParam(c, "id", "round")
	if err != nil {
		s.fail(c, err)
		return
	}
	raterID, err := idParam(c, "rater_id", "rater")
	if err != nil {
		s.fail(c, err)
		return
	}
	r, err := s.store.ApproveRater(c.Request.Context(), coachOf(c), roundID, raterID)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.audit(c, "rater.approved", store.RaterSubject(roundID, raterID), string(r.Relationship))
	c.JSON(http.StatusOK, r)
}

// The leader's side, as JSON: /api/v1/nomination/{token}.

func (s *Server) apiGetNomination(c *gin.Context) {
	hash, ok := s.linkHash(c)
	if !ok {
		return
	}
	n, err := s.store.Nomination(c.Request.Context(), hash)
	s.answerNomination(c, n, err)
}

func (s *Server) apiSaveNomination(c *gin.Context) {
	hash, ok := s.linkHash(c)
	if !ok {
		return
	}
	var in rapport.NominationInput
	if err := decodeJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	n, err := s.store.SaveNomination(c.Request.Context(), hash, in)
	s.answerNomination(c, n, err)
}

func (s *Server) apiSubmitNomination(c *gin.Context) {
	hash, ok := s.linkHash(c)
	if !ok {
		return
	}
	n, err := s.store.SubmitNomination(c.Request.Context(), hash)
	s.answerNomination(c, n, err)
}

// answerNomination answers with the nomination, or the failure; a link
// that opens nothing counts as a miss (link_misses.go).
func (s *Server) answerNomination(c *gin.Context, n *rapport.Nomination, err error) {
	if err != nil {
		s.fail(c, s.missed(c, err))
		return
	}
	c.JSON(http.StatusOK, n)
}
