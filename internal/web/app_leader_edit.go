package web

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// The leader's edit page. A leader is not deleted here: that is the
// erasure of everything about them (issue 16).

func (s *Server) editLeaderPage(c *gin.Context) {
	l, ok := s.coachLeader(c)
	if !ok {
		return
	}
	f := newForm(map[string]string{"name": l.Name, "email": l.Email, "title": l.Title, "organization": l.Organization,
		"pronoun": string(l.Pronoun)})
	s.coachView(c, http.StatusOK, "leader_edit", "leaders", "Edit leader", f, leaderData{Leader: l})
}

func (s *Server) updateLeaderForm(c *gin.Context) {
	l, ok := s.coachLeader(c)
	if !ok {
		return
	}
	f := postedForm(c, leaderFields...)
	updated, err := s.store.UpdateLeader(c.Request.Context(), coachOf(c), l.ID, leaderInput(f))
	if err != nil {
		if !s.formFault(c, err) {
			return
		}
		f.setError(err)
		s.coachView(c, statusOf(err), "leader_edit", "leaders", "Edit leader", f, leaderData{Leader: l})
		return
	}
	s.audit(c, "leader.changed", store.LeaderSubject(l.ID), leaderChanges(l, updated))
	s.flashRedirect(c, "Saved. Rounds not yet closed use the new details.", "/leaders/"+strconv.FormatInt(l.ID, 10))
}

// coachLeader loads the leader named in the path, answering 404 for an
// unknown id or another coach's leader.
func (s *Server) coachLeader(c *gin.Context) (*rapport.Leader, bool) {
	id, err := idParam(c, "id", "leader")
	if err == nil {
		var l *rapport.Leader
		if l, err = s.store.Leader(c.Request.Context(), coachOf(c), id); err == nil {
			return l, true
		}
	}
	s.fail(c, err)
	return nil, false
}
