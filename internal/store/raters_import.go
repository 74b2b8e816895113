package store

import (
	"cmp"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// MaxImportRows bounds one CSV import; a 360 round has a few dozen raters.
const MaxImportRows = 500

// RowError is what is wrong with one line of an imported CSV.
type RowError struct {
	Line    int // 1-based line in the file
	Message string
}

// ImportError is the refusal of a whole import: one entry per bad line.
// Nothing of the file was stored.
type ImportError struct {
	Rows []RowError
}

func (e *ImportError) Error() string { return e.Unwrap().Error() }

// Unwrap gives the import's refusal as an invalid-input error, so that it
// maps to 422 like any other.
func (e *ImportError) Unwrap() error {
	return rapport.Errorf(rapport.EINVALID, "%d line(s) of the CSV have problems; nothing was imported.", len(e.Rows))
}

// csvRow is one parsed line that still has to pass the checks.
type csvRow struct {
	line int
	in   RaterInput
}

// parseRatersCSV reads `name,email,relationship` lines, with or without a
// header line. It reports every bad line, not only the first.
func parseRatersCSV(text string) ([]csvRow, []RowError, error) {
	// Bytes that are not UTF-8 become U+FFFD, as in a JSON body (see rapport.ValidUTF8).
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(rapport.ValidUTF8(text), "\ufeff")))
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	// A quote inside an unquoted field (Gina "G" Ruiz) is kept as typed:
	// nicknames are common and spreadsheets write them that way.
	r.LazyQuotes = true
	var rows []csvRow
	var bad []RowError
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			bad = append(bad, RowError{Line: perr.Line, Message: "This line is not valid CSV (check the quotes)."})
			continue
		}
		if err != nil {
			return nil, nil, rapport.Errorf(rapport.EINVALID, "The CSV could not be read (%v).", err)
		}
		// Only after a successful Read: FieldPos panics when there are no fields.
		line, _ := r.FieldPos(0)
		if len(rows) == 0 && len(bad) == 0 && isHeader(rec) {
			continue
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rows)+len(bad) >= MaxImportRows {
			return nil, nil, rapport.Errorf(rapport.EINVALID, "A CSV can hold at most %d raters.", MaxImportRows)
		}
		if len(rec) != 3 {
			bad = append(bad, RowError{Line: line, Message: fmt.Sprintf("Expected 3 columns (name, email, relationship), found %d.", len(rec))})
			continue
		}
		rows = append(rows, csvRow{line: line, in: RaterInput{Name: rec[0], Email: rec[1], Relationship: ParseRelationship(rec[2])}})
	}
	return rows, bad, nil
}

func isHeader(rec []string) bool {
	return len(rec) == 3 && strings.EqualFold(strings.TrimSpace(rec[0]), "name") &&
		strings.EqualFold(strings.TrimSpace(rec[1]), "email") && strings.EqualFold(strings.TrimSpace(rec[2]), "relationship")
}

// ParseRelationship reads a relationship as people write it: "peer",
// "Direct report", "direct-report", "manager", "Other stakeholders".
// Anything unknown is returned as typed, to fail validation by name.
func ParseRelationship(s string) rapport.Relationship {
	k := strings.ToLower(strings.TrimSpace(s))
	k = strings.NewReplacer(" ", "_", "-", "_").Replace(k)
	switch k {
	case "manager", "boss", "superior":
		return rapport.Superior
	case "peer", "peers", "colleague":
		return rapport.Peer
	case "direct_report", "direct_reports", "report":
		return rapport.DirectReport
	case "other", "others", "other_stakeholder", "other_stakeholders", "stakeholder":
		return rapport.Other
	case "self":
		return rapport.Self
	}
	return rapport.Relationship(strings.TrimSpace(s))
}

// ImportRaters adds every rater of a CSV to one of the coach's rounds, in
// one transaction: if any line is wrong (bad field, an email twice in the
// file, an email already in the round, a coach's or the leader's address:
// all compared as rapport.EmailKey) nothing is added and every bad
// line is reported in an *ImportError. It returns how many were added.
func (s *Store) ImportRaters(ctx context.Context, coachID, roundID int64, text string) (int, error) {
	rows, bad, err := parseRatersCSV(text)
	if err != nil {
		return 0, err
	}
	if len(rows) == 0 && len(bad) == 0 {
		return 0, rapport.FieldError("csv", "The CSV holds no raters: write one line per rater, as name,email,relationship.")
	}
	added := 0
	err = s.write(ctx, func(tx *sqlx.Tx) error {
		r, err := getRound(ctx, tx, coachID, roundID)
		if err != nil {
			return err
		}
		if r.Status == rapport.RoundClosed {
			return rapport.Errorf(rapport.ECONFLICT, "the round is closed; raters can no longer be added")
		}
		addrs, err := loadRaterAddresses(ctx, tx, r)
		if err != nil {
			return err
		}
		firstLine := map[string]int{}
		var valid []RaterInput
		for _, row := range rows {
			in := row.in
			if err := in.Validate(); err != nil {
				var v rapport.Faults
				v.Add(err)
				bad = append(bad, RowError{Line: row.line, Message: v.Sentence()})
				continue
			}
			key := rapport.EmailKey(in.Email)
			padding := addrs.padding(in.Email, in.Relationship)
			switch {
			case in.Relationship == rapport.Self:
				bad = append(bad, RowError{Line: row.line, Message: "The leader is already the round's self rater; use Manager, Peer, Direct report or Other stakeholder."})
			case padding != nil:
				bad = append(bad, RowError{Line: row.line, Message: rapport.ErrorMessage(padding)})
			case addrs.duplicate(in.Email) != nil:
				bad = append(bad, RowError{Line: row.line, Message: in.Email + " is already a rater in this round."})
			case firstLine[key] != 0:
				bad = append(bad, RowError{Line: row.line, Message: fmt.Sprintf("%s is also on line %d.", in.Email, firstLine[key])})
			default:
				firstLine[key] = row.line
				valid = append(valid, in)
			}
		}
		if len(bad) > 0 {
			sortRowErrors(bad)
			return &ImportError{Rows: bad}
		}
		for _, in := range valid {
			id, err := s.insertRater(ctx, tx, roundID, in)
			if err != nil {
				return err
			}
			if r.Status == rapport.RoundOpen {
				if _, err := s.enqueueRaterEmails(ctx, tx, rapport.EmailInvitation, false, `id = ?`, id); err != nil {
					return err
				}
			}
			added++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return added, nil
}

func sortRowErrors(rows []RowError) {
	slices.SortStableFunc(rows, func(a, b RowError) int { return cmp.Compare(a.Line, b.Line) })
}
