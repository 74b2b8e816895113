package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// leaderPatch is the body of PATCH /api/v1/leaders/{id}: the fields to
// change; an absent one keeps its value.
type leaderPatch struct {
	Name         *string          `json:"name"`
	Email        *string          `json:"email"`
	Title        *string          `json:"title"`
	Organization *string          `json:"organization"`
	Pronoun      *rapport.Pronoun `json:"pronoun"`
}

func (p *leaderPatch) over(l *rapport.Leader) rapport.LeaderInput {
	in := rapport.LeaderInput{Name: l.Name, Email: l.Email, Title: l.Title, Organization: l.Organization, Pronoun: l.Pronoun}
	set(&in.Name, p.Name)
	set(&in.Email, p.Email)
	set(&in.Title, p.Title)
	set(&in.Organization, p.Organization)
	set(&in.Pronoun, p.Pronoun)
	return in
}

// updateLeader changes a leader's details and answers with the leader.
func (s *Server) updateLeader(c *gin.Context) {
	l, ok := s.coachLeader(c)
	if !ok {
		return
	}
	var p leaderPatch
	if err := decodeJSON(c, &p); err != nil {
		s.fail(c, err)
		return
	}
	updated, err := s.store.UpdateLeader(c.Request.Context(), coachOf(c), l.ID, p.over(l))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.audit(c, "leader.changed", store.LeaderSubject(l.ID), leaderChanges(l, updated))
	c.JSON(http.StatusOK, updated)
}
