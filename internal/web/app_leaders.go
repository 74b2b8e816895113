package web

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

var leaderFields = []string{"name", "email", "title", "organization", "pronoun"}

// leaderInput reads the leader form's fields.
func leaderInput(f *form) rapport.LeaderInput {
	return rapport.LeaderInput{Name: f.Get("name"), Email: f.Get("email"), Title: f.Get("title"),
		Organization: f.Get("organization"), Pronoun: rapport.Pronoun(f.Get("pronoun"))}
}

type leadersData struct {
	Leaders []rapport.Leader
}

func (s *Server) leadersPage(c *gin.Context) {
	s.renderLeaders(c, http.StatusOK, newForm(nil))
}

func (s *Server) renderLeaders(c *gin.Context, status int, f *form) {
	list, err := s.store.Leaders(c.Request.Context(), coachOf(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.coachView(c, status, "leaders", "leaders", "Leaders", f, leadersData{Leaders: list})
}

func (s *Server) createLeaderForm(c *gin.Context) {
	f := postedForm(c, leaderFields...)
	l, err := s.store.CreateLeader(c.Request.Context(), coachOf(c), leaderInput(f))
	if err != nil {
		if !s.formFault(c, err) {
			return
		}
		f.setError(err)
		s.renderLeaders(c, statusOf(err), f)
		return
	}
	s.audit(c, "leader.created", store.LeaderSubject(l.ID), "")
	s.flashRedirect(c, l.Name+" was added. Next: create a feedback round for "+l.Naming().Object()+".", "/leaders/"+strconv.FormatInt(l.ID, 10))
}

type leaderData struct {
	Leader *rapport.Leader
	Rounds []rapport.Round
}

func (s *Server) leaderPage(c *gin.Context) {
	if l, ok := s.coachLeader(c); ok {
		s.renderLeader(c, http.StatusOK, l, nil)
	}
}

// renderLeader renders the leader's page; f is the erase form.
func (s *Server) renderLeader(c *gin.Context, status int, l *rapport.Leader, f *form) {
	rounds, err := s.store.LeaderRounds(c.Request.Context(), coachOf(c), l.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.coachView(c, status, "leader", "leaders", l.Name, f, leaderData{Leader: l, Rounds: rounds})
}
