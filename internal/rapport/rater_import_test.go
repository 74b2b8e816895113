package rapport_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
)

// parsed is a CSV's raters as "name|email|relationship" with their lines.
func parsed(t *testing.T, text string) (rows []string, lines []int) {
	t.Helper()
	imp, err := rapport.ParseRatersCSV(text)
	if err != nil {
		t.Fatalf("ParseRatersCSV: %v", err)
	}
	if len(imp.Bad) > 0 {
		t.Fatalf("bad lines: %+v", imp.Bad)
	}
	for _, r := range imp.Rows {
		rows = append(rows, r.Input.Name+"|"+r.Input.Email+"|"+string(r.Input.Relationship))
		lines = append(lines, r.Line)
	}
	return rows, lines
}

func TestParseRatersCSV(t *testing.T) {
	want := []string{"Ana Novak|ana@example.com|peer", "Smith, Di|di@example.com|superior", "Bo Lee|bo@example.com|direct_report"}
	for name, file := range map[string]string{
		// Excel, "CSV UTF-8": a byte order mark, CRLF, empty rows written as separators.
		"ExcelUTF8WithBOMAndEmptyRows": "\ufeffName,Email,Relationship\r\nAna Novak,ana@example.com,Peer\r\n\"Smith, Di\",di@example.com,Manager\r\nBo Lee,bo@example.com,Direct report\r\n,,\r\n,,\r\n",
		// Excel in France or Germany: semicolons.
		"ExcelSemicolons": "Full Name;E-mail;Group\r\n" + "Ana Novak;ana@example.com;peer\r\nSmith, Di;di@example.com;boss\r\nBo Lee;bo@example.com;team member\r\n;;\r\n",
		// Google Sheets: LF, no trailing newline, quoting only where needed.
		"GoogleSheets":              "Full name,E-mail,Group\nAna Novak,ana@example.com,colleague\n\"Smith, Di\",di@example.com,supervisor\nBo Lee,bo@example.com,report",
		"TabsWithoutHeader":         "Ana Novak\tana@example.com\tpeer\nSmith, Di\tdi@example.com\tmanager\n\t\t\nBo Lee\tbo@example.com\tdirect_report\n",
		"ColumnsInAnyOrder":         " ROLE , mail , full_name\npeer,ana@example.com,Ana Novak\nmanager,di@example.com,\"Smith, Di\"\nreport,bo@example.com,Bo Lee\n",
		"SpreadsheetsUnusedColumns": "Ana Novak,ana@example.com,peer,,\nSmith; Di,di@example.com,manager,,\nBo Lee,bo@example.com,direct report,,\n",
	} {
		t.Run("Reads"+name, func(t *testing.T) {
			if name == "SpreadsheetsUnusedColumns" {
				want := []string{want[0], "Smith; Di|di@example.com|superior", want[2]}
				if got, _ := parsed(t, file); strings.Join(got, "\n") != strings.Join(want, "\n") {
					t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
				}
				return
			}
			if got, _ := parsed(t, file); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
	t.Run("NumbersLinesAsTheSpreadsheetDoes", func(t *testing.T) {
		// Row 2 holds a name with a line break: one spreadsheet row, two
		// lines of the file. Row 4 is empty.
		_, lines := parsed(t, "name,email,relationship\r\n\"Ana\r\nNovak\",ana@example.com,peer\r\nDi,di@example.com,manager\r\n,,\r\nBo,bo@example.com,report\r\n")
		if got := lines; len(got) != 3 || got[0] != 2 || got[1] != 3 || got[2] != 5 {
			t.Fatalf("lines %v, want [2 3 5]", got)
		}
	})
	t.Run("RefusesAHeaderWithoutARelationshipColumn", func(t *testing.T) {
		_, err := rapport.ParseRatersCSV("Name,Email\nAna,ana@example.com\n")
		if rapport.ErrorCode(err) != rapport.EINVALID || !strings.Contains(rapport.ErrorMessage(err), "relationship") {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("RefusesAFileOfEmptyRows", func(t *testing.T) {
		if _, err := rapport.ParseRatersCSV("\ufeff,,\r\n,,\r\n\r\n"); rapport.ErrorField(err) != "csv" {
			t.Fatalf("err %v, want a fault on csv", err)
		}
	})
	t.Run("NamesTheLineAndFieldOfEveryFault", func(t *testing.T) {
		imp, err := rapport.ParseRatersCSV("Name;E-mail;Group\n;not-an-email;peer\nBo;bo@example.com;friend\nToo;many;cells;here\n")
		if err != nil {
			t.Fatal(err)
		}
		_, err = imp.Check(rapport.NewRaterAddresses(nil, "leader@example.com", nil))
		var ie *rapport.ImportError
		if !errors.As(err, &ie) {
			t.Fatalf("err %v, want an ImportError", err)
		}
		var got []string
		for _, r := range ie.Rows {
			got = append(got, strings.TrimSpace(strings.Join([]string{strconv.Itoa(r.Line), r.Field}, " ")))
		}
		if strings.Join(got, ",") != "2 name,2 email,3 relationship,4" {
			t.Fatalf("faults %v (%+v)", got, ie.Rows)
		}
	})
}
