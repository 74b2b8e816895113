package web

import (
	"io"
	"mime"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// copyRatersRequest is the body of POST /api/v1/rounds/{id}/raters/copy.
type copyRatersRequest struct {
	FromRoundID int64 `json:"from_round_id"`
}

// copyRaters adds the raters of the leader's other round to a draft:
// 201 {"copied": n}.
func (s *Server) copyRaters(c *gin.Context) {
	id, err := idParam(c, "id", "round")
	if err != nil {
		s.fail(c, err)
		return
	}
	var req copyRatersRequest
	if err := decodeJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	if req.FromRoundID <= 0 {
		s.fail(c, rapport.FieldError("from_round_id", "Give the id of the round to copy raters from (from_round_id)."))
		return
	}
	n, err := s.store.CopyRaters(c.Request.Context(), coachOf(c), id, req.FromRoundID)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.audit(c, "raters.copied", store.RoundSubject(id), countDetail(n))
	c.JSON(http.StatusCreated, gin.H{"copied": n})
}

// importRaters adds the raters of a CSV body (text/csv), all or none:
// 201 {"imported": n}, or 422 with every fault by line (answerJSON).
func (s *Server) importRaters(c *gin.Context) {
	id, err := idParam(c, "id", "round")
	if err != nil {
		s.fail(c, err)
		return
	}
	if mt, _, _ := mime.ParseMediaType(c.GetHeader("Content-Type")); mt != "text/csv" && mt != "text/plain" {
		s.fail(c, rapport.Errorf(rapport.EMALFORMED, "send the CSV as the body, with Content-Type: text/csv"))
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, maxCSVBytes))
	if err != nil {
		s.fail(c, rapport.Errorf(rapport.ETOOLARGE, "a CSV of raters is at most %d KB", maxCSVBytes>>10))
		return
	}
	n, err := s.store.ImportRaters(c.Request.Context(), coachOf(c), id, string(body))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.audit(c, "raters.imported", store.RoundSubject(id), countDetail(n))
	c.JSON(http.StatusCreated, gin.H{"imported": n})
}
