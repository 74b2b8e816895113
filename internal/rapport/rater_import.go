package rapport

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// MaxImportRows bounds one CSV import; a 360 round has a few dozen raters.
const MaxImportRows = 500

// RowError is what is wrong with one line of an imported CSV.
type RowError struct {
	Line    int    `json:"line"`            // the spreadsheet's row, 1-based
	Field   string `json:"field,omitempty"` // name, email or relationship, when one is at fault
	Message string `json:"error"`
}

// ImportError is the refusal of a whole import: one entry per fault.
// Nothing of the file was stored.
type ImportError struct {
	Rows []RowError
}

func (e *ImportError) Error() string { return e.Unwrap().Error() }

// Unwrap gives the import's refusal as an invalid-input error, so that it
// maps to 422 like any other.
func (e *ImportError) Unwrap() error {
	lines := map[int]bool{}
	for _, r := range e.Rows {
		lines[r.Line] = true
	}
	return Errorf(EINVALID, "%d line(s) of the CSV have problems; nothing was imported.", len(lines))
}

// ImportRow is one parsed line of a CSV that still has to pass the checks.
type ImportRow struct {
	Line  int
	Input RaterInput
}

// RaterImport is a CSV of raters as read: the lines that parsed, and those
// that could not be read at all.
type RaterImport struct {
	Rows []ImportRow
	Bad  []RowError
}

// ParseRatersCSV reads raters as spreadsheets write them (see csv_dialect.go
// for the separators, header names and row numbering it accepts). It reports
// every bad line, not only the first, and refuses a file with no rater.
func ParseRatersCSV(text string) (*RaterImport, error) {
	// Bytes that are not UTF-8 become U+FFFD, as in a JSON body (see ValidUTF8).
	text = strings.TrimPrefix(ValidUTF8(text), "\ufeff")
	sep := detectSeparator(text)
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sep
	r.FieldsPerRecord = -1
	// Leading spaces after a comma are common in typed files; a tab file's
	// empty cells must not be swallowed as "leading space".
	r.TrimLeadingSpace = sep != '\t'
	// A quote inside an unquoted field (Gina "G" Ruiz) is kept as typed:
	// nicknames are common and spreadsheets write them that way.
	r.LazyQuotes = true
	imp := &RaterImport{}
	rows := rowCounter{}
	var cols *columns
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			imp.Bad = append(imp.Bad, RowError{Line: rows.row(perr.StartLine), Message: "This line is not valid CSV (check the quotes)."})
			continue
		}
		if err != nil {
			return nil, Errorf(EINVALID, "The CSV could not be read (%v).", err)
		}
		// Only after a successful Read: FieldPos panics when there are no fields.
		fileLine, _ := r.FieldPos(0)
		line := rows.row(fileLine)
		rows.spanned(rec)
		if blankRecord(rec) {
			continue // an empty spreadsheet row: ",," or nothing
		}
		if cols == nil {
			var header bool
			if cols, header, err = readHeader(rec); err != nil {
				return nil, err
			}
			if header {
				continue
			}
		}
		if len(imp.Rows)+len(imp.Bad) >= MaxImportRows {
			return nil, Errorf(EINVALID, "A CSV can hold at most %d raters.", MaxImportRows)
		}
		in, bad := cols.rater(rec)
		if bad != "" {
			imp.Bad = append(imp.Bad, RowError{Line: line, Message: bad})
			continue
		}
		imp.Rows = append(imp.Rows, ImportRow{Line: line, Input: in})
	}
	if len(imp.Rows) == 0 && len(imp.Bad) == 0 {
		return nil, FieldError("csv", "The CSV holds no raters: write one line per rater, as name,email,relationship.")
	}
	return imp, nil
}

// Check validates every line against the round's addresses (bad field, an
// email twice in the file, an email already in the round, a coach's or the
// leader's address: all compared as EmailKey). It returns the raters to
// add, or an *ImportError naming every fault, those of lines that could not
// be read included, in file order.
func (imp *RaterImport) Check(addrs *RaterAddresses) ([]RaterInput, error) {
	bad := slices.Clone(imp.Bad)
	firstLine := map[string]int{}
	var valid []RaterInput
	for _, row := range imp.Rows {
		in := row.Input
		if err := in.Validate(); err != nil {
			for _, ff := range ErrorFaults(err) {
				bad = append(bad, RowError{Line: row.Line, Field: ff.Field, Message: ff.Message})
			}
			continue
		}
		key := EmailKey(in.Email)
		padding := addrs.Padding(in.Email, in.Relationship)
		switch {
		case in.Relationship == Self:
			bad = append(bad, RowError{Line: row.Line, Field: "relationship", Message: "The leader is already the round's self rater; use " + RaterChoices() + "."})
		case padding != nil:
			bad = append(bad, RowError{Line: row.Line, Field: "email", Message: ErrorMessage(padding)})
		case addrs.Duplicate(in.Email) != nil:
			bad = append(bad, RowError{Line: row.Line, Field: "email", Message: in.Email + " is already a rater in this round."})
		case firstLine[key] != 0:
			bad = append(bad, RowError{Line: row.Line, Field: "email", Message: fmt.Sprintf("%s is also on line %d.", in.Email, firstLine[key])})
		default:
			firstLine[key] = row.Line
			valid = append(valid, in)
		}
	}
	if len(bad) > 0 {
		slices.SortStableFunc(bad, func(a, b RowError) int { return cmp.Compare(a.Line, b.Line) })
		return nil, &ImportError{Rows: bad}
	}
	return valid, nil
}
