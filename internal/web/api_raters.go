package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

func (s *Server) addRater(c *gin.Context) {
	id, err := idParam(c, "id", "round")
	if err != nil {
		s.fail(c, err)
		return
	}
	var in rapport.RaterInput
	if err := decodeJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	r, err := s.store.AddRater(c.Request.Context(), coachOf(c), id, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.audit(c, "rater.added", store.RaterSubject(id, r.ID), string(r.Relationship))
	c.JSON(http.StatusCreated, r)
}

// removeRater removes a rater from a round still running; once the round
// is closed it erases the rater's name and email, their answers staying
// in the report (store.RemoveRater).
func (s *Server) removeRater(c *gin.Context) {
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
	if _, err := s.removeRaterData(c, roundID, raterID); err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
