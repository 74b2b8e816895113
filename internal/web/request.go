package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
)

// maxBodyBytes bounds every JSON body; the largest real one, a framework of
// 120 items, is far below it.
const maxBodyBytes = 1 << 20

// decodeJSON reads the request body into dst: exactly one JSON value, no
// unknown fields, at most maxBodyBytes. Shape problems are malformed (400);
// rules about values are checked afterwards (422).
func decodeJSON(c *gin.Context, dst any) error {
	body := http.MaxBytesReader(c.Writer, c.Request.Body, maxBodyBytes)
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	err := dec.Decode(dst)
	if err == nil {
		if dec.More() || dec.Decode(&struct{}{}) != io.EOF {
			return rapport.Errorf(rapport.EMALFORMED, "the body must hold a single JSON object")
		}
		return nil
	}
	var tooLarge *http.MaxBytesError
	var syntax *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooLarge):
		return rapport.Errorf(rapport.ETOOLARGE, "the body is larger than %d bytes", maxBodyBytes)
	case errors.Is(err, io.EOF):
		return rapport.Errorf(rapport.EMALFORMED, "the body is empty; send a JSON object")
	case errors.As(err, &syntax), errors.Is(err, io.ErrUnexpectedEOF):
		return rapport.Errorf(rapport.EMALFORMED, "the body is not valid JSON")
	case errors.As(err, &typeErr):
		field := typeErr.Field
		return &rapport.Error{Code: rapport.EMALFORMED, Field: field,
			Message: fmt.Sprintf("%s must be a %s, not a JSON %s", orBody(field), jsonKind(typeErr.Type.Kind().String()), typeErr.Value)}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &rapport.Error{Code: rapport.EMALFORMED, Field: field, Message: fmt.Sprintf("unknown field %q", field)}
	}
	return rapport.Errorf(rapport.EMALFORMED, "the body could not be read: %v", err)
}

// readForm reads a posted form; one over the body limit is too large
// (413), one that cannot be read malformed (400).
func readForm(c *gin.Context) error {
	err := c.Request.ParseForm()
	if err == nil {
		return nil
	}
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return rapport.Errorf(rapport.ETOOLARGE, "The form is larger than we accept.")
	}
	return rapport.Errorf(rapport.EMALFORMED, "The form could not be read. Please try again.")
}

func orBody(field string) string {
	if field == "" {
		return "the body"
	}
	return field
}

func jsonKind(goKind string) string {
	switch {
	case strings.HasPrefix(goKind, "int"), strings.HasPrefix(goKind, "uint"), strings.HasPrefix(goKind, "float"):
		return "number"
	case goKind == "struct", goKind == "map":
		return "JSON object"
	case goKind == "slice":
		return "JSON array"
	}
	return goKind
}

// idParam reads a numeric path parameter; anything else is simply not found.
func idParam(c *gin.Context, name, what string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, rapport.Errorf(rapport.ENOTFOUND, "%s not found", what)
	}
	return id, nil
}
