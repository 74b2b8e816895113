package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
)

// previewData is a round's questionnaire worded for one audience.
type previewData struct {
	Round     *rapport.Round
	Framework *rapport.Framework
	AsSelf    bool
	Sections  []previewSection
	Questions []string
}

type previewSection struct {
	Name, Description string
	Items             []string
}

// previewPage shows the questionnaire as the leader sees it (as=self) or
// as every other rater sees it (naming the leader by first name).
func (s *Server) previewPage(c *gin.Context) {
	r, ok := s.coachRound(c)
	if !ok {
		return
	}
	fw, err := s.store.FrameworkByID(c.Request.Context(), r.FrameworkID)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	d := previewData{Round: r, Framework: fw, AsSelf: c.Query("as") == "self"}
	name := rapport.FirstName(r.LeaderName)
	for _, comp := range fw.Competencies {
		sec := previewSection{Name: comp.Name, Description: comp.Description}
		for _, it := range comp.Items {
			if d.AsSelf {
				sec.Items = append(sec.Items, it.TextSelf)
			} else {
				sec.Items = append(sec.Items, rapport.ForLeader(it.TextOther, name))
			}
		}
		d.Sections = append(d.Sections, sec)
	}
	for _, q := range fw.OpenQuestions {
		if d.AsSelf {
			d.Questions = append(d.Questions, rapport.ForLeader(q.Text, "you"))
		} else {
			d.Questions = append(d.Questions, rapport.ForLeader(q.Text, name))
		}
	}
	s.coachView(c, http.StatusOK, "round_preview", "dashboard", "Preview: "+r.Title, nil, d)
}
