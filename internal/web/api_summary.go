package web

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/scoring"
)

// getSummary answers with a closed round's figures, as the report shows them.
func (s *Server) getSummary(c *gin.Context) {
	r, ok := s.closedRound(c)
	if !ok {
		return
	}
	sum, _, err := s.summaryOf(c.Request.Context(), r)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, sum)
}

// closedRound loads the coach's round named in the path and refuses one
// that is not closed yet: figures computed while raters still answer would
// leak answer by answer.
func (s *Server) closedRound(c *gin.Context) (*rapport.Round, bool) {
	id, err := idParam(c, "id", "round")
	if err != nil {
		s.fail(c, err)
		return nil, false
	}
	r, err := s.store.Round(c.Request.Context(), coachOf(c), id)
	if err != nil {
		s.fail(c, err)
		return nil, false
	}
	if r.Status != rapport.RoundClosed {
		s.fail(c, rapport.Errorf(rapport.ECONFLICT, "the round is %s; its report exists only once it is closed", r.Status))
		return nil, false
	}
	return r, true
}

// summaryOf computes a closed round's summary, with the change since the
// leader's previous closed round on the same framework (read once for both).
func (s *Server) summaryOf(ctx context.Context, r *rapport.Round) (*scoring.Summary, *rapport.Framework, error) {
	fw, err := s.store.FrameworkByID(ctx, r.FrameworkID)
	if err != nil {
		return nil, nil, err
	}
	in, err := s.scoringInput(ctx, r, fw)
	if err != nil {
		return nil, nil, err
	}
	prev, err := s.store.PreviousRound(ctx, r)
	if err != nil {
		return nil, nil, err
	}
	if prev != nil {
		prevIn, err := s.scoringInput(ctx, prev, fw)
		if err != nil {
			return nil, nil, err
		}
		in.Previous = scoring.Compute(prevIn)
		in.PreviousRound = &scoring.RoundRef{RoundID: prev.ID, Title: prev.Title, ClosedAt: *prev.ClosedAt}
	}
	return scoring.Compute(in), fw, nil
}

func (s *Server) scoringInput(ctx context.Context, r *rapport.Round, fw *rapport.Framework) (scoring.Input, error) {
	responses, err := s.store.SubmittedResponses(ctx, r.ID)
	if err != nil {
		return scoring.Input{}, err
	}
	questionKey := map[int64]string{}
	for _, q := range fw.OpenQuestions {
		questionKey[q.ID] = q.Key
	}
	in := scoring.Input{RoundID: r.ID, Threshold: r.AnonymityThreshold, Scale: fw.Scale, Competencies: fw.Competencies,
		Questions: fw.OpenQuestions, LeaderName: r.LeaderName, CommentKey: s.keys.Hash("report/comment-order"),
		Counts: responses.Counts}
	for _, resp := range responses.Responses {
		comments := map[string]string{}
		for qid, text := range resp.Comments {
			comments[questionKey[qid]] = text
		}
		in.Responses = append(in.Responses, scoring.Response{Relationship: resp.Relationship, Group: resp.Group,
			Scores: resp.Scores, Comments: comments})
	}
	for _, c := range responses.Comments {
		in.Comments = append(in.Comments, scoring.GroupComment{Group: c.Group, QuestionKey: questionKey[c.QuestionID], Text: c.Text})
	}
	return in, nil
}
