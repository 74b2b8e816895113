package web

import (
	"errors"
	"html/template"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
)

// form is a submitted (or blank) form as a page shows it: the values to put
// back in the inputs and what is wrong, by field, so that a refused form
// comes back with the input kept and the fault pointed out.
type form struct {
	Values  map[string]string
	Errors  map[string]string
	Message string             // a fault not tied to one field
	Rows    []rapport.RowError // a refused CSV import, line by line
	// Focus is the field a refused form puts the cursor on (autofocus, so
	// the browser scrolls to it): the first at fault, or "" to focus the
	// form's message when no field is.
	Focus string
}

func newForm(values map[string]string) *form {
	if values == nil {
		values = map[string]string{}
	}
	return &form{Values: values, Errors: map[string]string{}}
}

// postedForm reads the named fields of a posted form.
func postedForm(c *gin.Context, names ...string) *form {
	f := newForm(nil)
	for _, n := range names {
		f.Values[n] = c.PostForm(n)
	}
	return f
}

// Get is a field's value ("" if none).
func (f *form) Get(name string) string { return f.Values[name] }

// Err is the fault of a field ("" if none).
func (f *form) Err(name string) string { return f.Errors[name] }

// HasErrors reports whether the form was refused.
func (f *form) HasErrors() bool { return len(f.Errors) > 0 || f.Message != "" || len(f.Rows) > 0 }

// setError records each fault of err on the field it names when the form
// has that field, and as the form's message otherwise: every fault is
// pointed out at once.
func (f *form) setError(err error) {
	var ie *rapport.ImportError
	if errors.As(err, &ie) {
		f.Rows = ie.Rows
		f.Message = "Nothing was imported. Fix the lines below and try again."
		f.Focus = "csv"
		return
	}
	faults := rapport.ErrorFaults(err)
	if len(faults) == 0 {
		f.Message = rapport.ErrorMessage(err)
		return
	}
	for _, ff := range faults {
		if _, ok := f.Values[ff.Field]; ok && ff.Field != "" {
			f.Errors[ff.Field] = ff.Message
			if f.Focus == "" {
				f.Focus = ff.Field
			}
		} else if f.Message == "" {
			f.Message = ff.Message
		} else {
			f.Message += " " + ff.Message
		}
	}
}

// fieldView is one input as the coach_field partial draws it.
type fieldView struct {
	Name, Label, Type, Autocomplete, Hint string
	Value, Error                          string
	Focus                                 bool              // the refused form's first fault
	Extra                                 template.HTMLAttr // e.g. min="2" max="10"
}

// field builds a fieldView from a form (the "field" template function).
// Optional trailing extra is a string of attributes written into the input.
func field(f *form, name, label, typ, autocomplete, hint string, extra ...string) fieldView {
	v := fieldView{Name: name, Label: label, Type: typ, Autocomplete: autocomplete, Hint: hint,
		Value: f.Get(name), Error: f.Err(name), Focus: f.Focus == name && f.Err(name) != ""}
	if len(extra) > 0 {
		v.Extra = template.HTMLAttr(extra[0]) // written only from our own templates
	}
	return v
}
