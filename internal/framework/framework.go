// Package framework holds the built-in questionnaires and reads frameworks
// from their JSON form (the shape of POST /api/v1/frameworks).
package framework

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"

	"github.com/rapporthq/rapport/internal/rapport"
)

//go:embed builtin/*.json
var builtinFS embed.FS

// Builtin returns the built-in frameworks, validated.
func Builtin() ([]rapport.Framework, error) {
	names, err := fs.Glob(builtinFS, "builtin/*.json")
	if err != nil {
		return nil, err
	}
	var list []rapport.Framework
	for _, name := range names {
		b, err := builtinFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		f, err := Decode(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("framework: %s: %w", name, err)
		}
		list = append(list, *f)
	}
	return list, nil
}

// Decode reads one framework from JSON, rejecting unknown fields, and validates it.
func Decode(r io.Reader) (*rapport.Framework, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var f rapport.Framework
	if err := dec.Decode(&f); err != nil {
		return nil, rapport.Errorf(rapport.EMALFORMED, "the framework is not valid JSON of the expected shape: %v", err)
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	return &f, nil
}
