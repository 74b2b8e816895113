package rapport

import (
	"fmt"
	"strings"
)

// How a CSV of raters may be written: what Excel and Google Sheets export in
// any locale, and what people type. UTF-8 with or without a byte order mark,
// CRLF or LF, a comma, a semicolon (Excel in France or Germany) or a tab
// between cells, quoted cells holding separators or line breaks, empty rows
// (",,") anywhere, and an optional header row naming the columns in any
// order.

// separators are the cell separators a file may use, in order of preference
// when a file does not tell them apart.
var separators = []rune{',', ';', '\t'}

// detectSeparator picks the separator that splits the most of the first
// rows into at least three cells, counting only outside quotes; ties go to
// the earlier of separators, so a file with no separator at all is read as
// commas.
func detectSeparator(text string) rune {
	lines := firstRows(text, 10)
	best, bestRows, bestCount := ',', -1, -1
	for _, sep := range separators {
		rows, count := 0, 0
		for _, l := range lines {
			n := countOutsideQuotes(l, sep)
			count += n
			if n >= 2 {
				rows++
			}
		}
		if rows > bestRows || (rows == bestRows && count > bestCount) {
			best, bestRows, bestCount = sep, rows, count
		}
	}
	return best
}

// firstRows is up to n non-blank rows of text, split at line breaks outside
// quotes, so that a cell holding a line break stays in its row.
func firstRows(text string, n int) []string {
	var rows []string
	inQuotes, start := false, 0
	for i, r := range text {
		switch {
		case r == '"':
			inQuotes = !inQuotes
		case r == '\n' && !inQuotes:
			if l := strings.TrimSpace(text[start:i]); l != "" {
				rows = append(rows, l)
			}
			start = i + 1
		}
		if len(rows) == n {
			return rows
		}
	}
	if l := strings.TrimSpace(text[start:]); l != "" {
		rows = append(rows, l)
	}
	return rows
}

func countOutsideQuotes(line string, sep rune) int {
	n, inQuotes := 0, false
	for _, r := range line {
		switch {
		case r == '"':
			inQuotes = !inQuotes
		case r == sep && !inQuotes:
			n++
		}
	}
	return n
}

// rowCounter turns the file's line numbers into the spreadsheet's row
// numbers: a quoted cell with a line break takes two lines of the file but
// one row of the spreadsheet, and the coach looks for the row.
type rowCounter struct{ extraLines int }

func (c *rowCounter) row(fileLine int) int { return fileLine - c.extraLines }

// spanned counts the line breaks inside the cells of a record just read.
func (c *rowCounter) spanned(rec []string) {
	for _, cell := range rec {
		c.extraLines += strings.Count(cell, "\n")
	}
}

// blankRecord reports a row with nothing in it but separators and spaces.
func blankRecord(rec []string) bool {
	for _, cell := range rec {
		if strings.TrimSpace(cell) != "" {
			return false
		}
	}
	return true
}

// column names the three cells of a rater.
type column int

const (
	colName column = iota
	colEmail
	colRelationship
)

var columnNames = [...]string{"name", "email", "relationship"}

// headings are the usual names of each column, compared without case,
// spaces, hyphens, underscores or dots.
var headings = map[string]column{
	"name": colName, "fullname": colName, "ratername": colName,
	"email": colEmail, "mail": colEmail, "emailaddress": colEmail, "mailaddress": colEmail,
	"relationship": colRelationship, "relation": colRelationship, "group": colRelationship, "role": colRelationship,
}

func headingKey(cell string) string {
	return headingPunctuation.Replace(strings.ToLower(strings.TrimSpace(cell)))
}

// headingPunctuation is what headingKey ignores, built once.
var headingPunctuation = strings.NewReplacer(" ", "", "-", "", "_", "", ".", "")

// columns says in which cell of a row each column is.
type columns struct {
	at         [3]int
	width      int  // the header's cells; a row's cells beyond are unexpected
	positional bool // no header: name, email, relationship, in that order
}

// readHeader reads the first non-empty row: a header when it holds no
// address and names at least two of the columns, which then must name all
// three. Otherwise the columns are name, email, relationship, in order, and
// the row is a rater.
func readHeader(rec []string) (*columns, bool, error) {
	cols := &columns{at: [3]int{-1, -1, -1}, width: len(rec)}
	named := 0
	for i, cell := range rec {
		if strings.Contains(cell, "@") {
			return &columns{at: [3]int{0, 1, 2}, width: 3, positional: true}, false, nil
		}
		if c, ok := headings[headingKey(cell)]; ok && cols.at[c] < 0 {
			cols.at[c] = i
			named++
		}
	}
	if named < 2 {
		return &columns{at: [3]int{0, 1, 2}, width: 3, positional: true}, false, nil
	}
	for c, at := range cols.at {
		if at < 0 {
			return nil, false, FieldError("csv", "The header row names no %s column: add one headed %q.", columnNames[c], columnNames[c])
		}
	}
	return cols, true, nil
}

// rater reads a row into a rater's input, or says why its shape is wrong.
func (cols *columns) rater(rec []string) (RaterInput, string) {
	used := len(rec)
	for used > 0 && strings.TrimSpace(rec[used-1]) == "" {
		used-- // trailing empty cells: a spreadsheet's unused columns
	}
	if used > cols.width || (cols.positional && len(rec) < 3) {
		return RaterInput{}, fmt.Sprintf("Expected %d columns (%s), found %d.", cols.width, cols.headed(), used)
	}
	cell := func(c column) string {
		if i := cols.at[c]; i < len(rec) {
			return rec[i]
		}
		return ""
	}
	return RaterInput{Name: cell(colName), Email: cell(colEmail), Relationship: ParseRelationship(cell(colRelationship))}, ""
}

// headed lists the columns as the file has them: "name, email, relationship".
func (cols *columns) headed() string {
	names := make([]string, cols.width)
	for i := range names {
		names[i] = "unused"
	}
	for c, at := range cols.at {
		names[at] = columnNames[c]
	}
	return strings.Join(names, ", ")
}
