package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
)

// The leader's nomination page, /n/{token}: a list of rows (name, email,
// relationship) that works without JavaScript. Saving stores the list and
// comes back with blank rows to add more; sending it proposes the raters
// to the coach. Blank rows are ignored.

// nomineeRow is one row of the form as typed, with its faults by field.
type nomineeRow struct {
	Name, Email  string
	Relationship rapport.Relationship
	Errors       map[string]string
}

// nominationGroup is how many people of one group the list holds, against
// the number the report needs to show that group on its own.
type nominationGroup struct {
	Relationship rapport.Relationship
	Count        int
	Threshold    int // 0 for the identified group (the manager)
}

type nominationPageData struct {
	N      *rapport.Nomination
	Path   string
	Rows   []nomineeRow
	Groups []nominationGroup
	Faults []rapport.FieldFault // with Field rewritten to the input's id
	Saved  bool
	// Closed says why the list can no longer change, or is empty.
	Closed string
}

// blankRows is how many empty rows follow the saved list, and minRows the
// fewest rows the form shows.
const (
	blankRows = 3
	minRows   = 6
)

func (s *Server) nominationPage(c *gin.Context) {
	hash, ok := s.linkHash(c)
	if !ok {
		return
	}
	n, err := s.store.Nomination(c.Request.Context(), hash)
	if err != nil {
		s.fail(c, s.missed(c, err))
		return
	}
	rows := make([]nomineeRow, len(n.Nominees))
	for i, in := range n.Nominees {
		rows[i] = nomineeRow{Name: in.Name, Email: in.Email, Relationship: in.Relationship}
	}
	s.renderNomination(c, http.StatusOK, n, rows, nil, c.Query("saved") == "1")
}

func (s *Server) nominationPost(c *gin.Context) {
	hash, ok := s.linkHash(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxCSVBytes)
	// A form cut off or over the limit would read as an empty list: refuse
	// it rather than save that over the leader's list.
	if err := readForm(c); err != nil {
		s.fail(c, err)
		return
	}
	action := c.PostForm("action")
	if action != actionSave && action != actionSubmit {
		s.fail(c, rapport.Errorf(rapport.EMALFORMED, "The form could not be read. Please try again."))
		return
	}
	rows, in, at := postedNominees(c)
	n, err := s.store.SaveNomination(ctx, hash, in)
	if err == nil && action == actionSubmit {
		n, err = s.store.SubmitNomination(ctx, hash)
	}
	switch rapport.ErrorCode(err) {
	case "":
		target := c.Request.URL.Path
		if n.Status == rapport.NominationOpen {
			target += "?saved=1"
		}
		c.Redirect(http.StatusSeeOther, target)
	case rapport.ENOTFOUND:
		s.fail(c, s.linkMiss(c))
	case rapport.EINVALID:
		// Show the list as typed, each fault beside its row.
		if n, err2 := s.store.Nomination(ctx, hash); err2 == nil {
			s.renderNomination(c, http.StatusUnprocessableEntity, n, rows, faultsAt(err, at), false)
			return
		}
		s.fail(c, err)
	default:
		s.fail(c, err)
	}
}

// postedNominees reads the form's rows: every row as typed, the nominees
// (rows that are not blank) and, for each nominee, its row's index.
func postedNominees(c *gin.Context) ([]nomineeRow, rapport.NominationInput, []int) {
	names, emails, rels := c.PostFormArray("name"), c.PostFormArray("email"), c.PostFormArray("relationship")
	n := min(max(len(names), len(emails), len(rels)), rapport.MaxRatersPerRound+1)
	get := func(list []string, i int) string {
		if i < len(list) {
			return list[i]
		}
		return ""
	}
	var rows []nomineeRow
	in := rapport.NominationInput{Nominees: []rapport.RaterInput{}}
	var at []int
	for i := range n {
		row := nomineeRow{Name: get(names, i), Email: get(emails, i), Relationship: rapport.Relationship(get(rels, i))}
		if strings.TrimSpace(row.Name) == "" && strings.TrimSpace(row.Email) == "" {
			continue
		}
		at = append(at, len(rows))
		rows = append(rows, row)
		in.Nominees = append(in.Nominees, rapport.RaterInput{Name: row.Name, Email: row.Email, Relationship: row.Relationship})
	}
	return rows, in, at
}

// faultsAt turns the faults of a refused list (nominees.2.email) into
// faults on the page's inputs (n1-email, when nominee 2 is row 1).
func faultsAt(err error, at []int) []rapport.FieldFault {
	var out []rapport.FieldFault
	for _, f := range rapport.ErrorFaults(err) {
		parts := strings.Split(f.Field, ".")
		if len(parts) == 3 && parts[0] == "nominees" {
			if i, e := strconv.Atoi(parts[1]); e == nil && i >= 0 && i < len(at) {
				f.Field = "n" + strconv.Itoa(at[i]) + "-" + parts[2]
			}
		}
		out = append(out, f)
	}
	if len(out) == 0 {
		out = append(out, rapport.FieldFault{Message: rapport.ErrorMessage(err)})
	}
	return out
}

func (s *Server) renderNomination(c *gin.Context, status int, n *rapport.Nomination, rows []nomineeRow, faults []rapport.FieldFault, saved bool) {
	d := nominationPageData{N: n, Path: c.Request.URL.Path, Faults: faults, Saved: saved}
	if err := n.CanChange(); err != nil {
		d.Closed = rapport.ErrorMessage(err)
	} else {
		for range max(blankRows, minRows-len(rows)) {
			rows = append(rows, nomineeRow{Relationship: rapport.Peer})
		}
	}
	for _, f := range faults {
		id, field, ok := strings.Cut(f.Field, "-")
		if i, err := strconv.Atoi(strings.TrimPrefix(id, "n")); ok && err == nil && i < len(rows) {
			if rows[i].Errors == nil {
				rows[i].Errors = map[string]string{}
			}
			rows[i].Errors[field] = f.Message
		}
	}
	d.Rows = rows
	counts := map[rapport.Relationship]int{}
	for _, in := range n.Nominees {
		counts[in.Relationship]++
	}
	for _, rel := range rapport.RaterRelationships {
		g := nominationGroup{Relationship: rel, Count: counts[rel]}
		if rel.Anonymous() {
			g.Threshold = n.AnonymityThreshold
		}
		d.Groups = append(d.Groups, g)
	}
	s.page(c, status, "nomination", d)
}
