package web

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// roundPatch is the body of PATCH /api/v1/rounds/{id}: the settings to
// change; an absent one keeps its value. The leader and the framework are
// not among them (an unknown field is a 400): a round about someone else
// is another round.
type roundPatch struct {
	Title              *string `json:"title"`
	ClosesAt           *string `json:"closes_at"`
	TimeZone           *string `json:"time_zone"`
	AnonymityThreshold *int    `json:"anonymity_threshold"`
	ReminderInterval   *string `json:"reminder_interval"`
	MaxReminders       *int    `json:"max_reminders"`
}

// over lays the patch over a round's settings, as a create request would
// give them, so that the same reading and the same rules apply.
func (p *roundPatch) over(r *rapport.Round) roundRequest {
	req := roundRequest{LeaderID: r.LeaderID, FrameworkKey: r.FrameworkKey, Title: r.Title,
		ClosesAt: r.ClosesAt.Format(time.RFC3339), TimeZone: r.TimeZone, AnonymityThreshold: &r.AnonymityThreshold,
		ReminderInterval: rapport.FormatDuration(r.ReminderInterval()), MaxReminders: &r.MaxReminders}
	set(&req.Title, p.Title)
	set(&req.ClosesAt, p.ClosesAt)
	set(&req.TimeZone, p.TimeZone)
	set(&req.ReminderInterval, p.ReminderInterval)
	if p.AnonymityThreshold != nil {
		req.AnonymityThreshold = p.AnonymityThreshold
	}
	if p.MaxReminders != nil {
		req.MaxReminders = p.MaxReminders
	}
	return req
}

func set[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

// updateRound changes a draft round's settings: 204, or 409 once launched.
func (s *Server) updateRound(c *gin.Context) {
	r, ok := s.coachRound(c)
	if !ok {
		return
	}
	var p roundPatch
	if err := decodeJSON(c, &p); err != nil {
		s.fail(c, err)
		return
	}
	if err := r.CanEdit(); err != nil {
		s.fail(c, err)
		return
	}
	req := p.over(r)
	in, err := req.toInput()
	var updated *rapport.Round
	if err == nil {
		updated, err = s.store.UpdateDraftRound(c.Request.Context(), coachOf(c), r.ID, in)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.audit(c, "round.changed", store.RoundSubject(r.ID), roundChanges(r, updated))
	c.Status(http.StatusNoContent)
}

// deleteRound deletes a draft round: 204, or 409 once launched.
func (s *Server) deleteRound(c *gin.Context) {
	id, err := idParam(c, "id", "round")
	if err == nil {
		err = s.store.DeleteDraftRound(c.Request.Context(), coachOf(c), id)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.audit(c, "round.deleted", store.RoundSubject(id), "")
	c.Status(http.StatusNoContent)
}
