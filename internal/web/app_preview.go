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
		s.fail(c, err)
		return
	}
	d := previewData{Round: r, Framework: fw, AsSelf: c.Query("as") == "self"}
	leader := r.LeaderNaming()
	for _, comp := range fw.Competencies {
		sec := previewSection{Name: comp.Name, Description: comp.Description}
		for _, it := range comp.Items {
			sec.Items = append(sec.Items, itemText(it, d.AsSelf, leader))
		}
		d.Sections = append(d.Sections, sec)
	}
	for _, q := range fw.OpenQuestions {
		d.Questions = append(d.Questions, questionText(q.Text, d.AsSelf, leader))
	}
	s.coachView(c, http.StatusOK, "round_preview", "dashboard", "Preview: "+r.Title, nil, d)
}
