package web_test

import (
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// parsePage parses a page for the tests that read its elements (with
// Descendants, in document order).
func parsePage(t *testing.T, body string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// attr returns the value of n's attribute key, and whether n has it.
func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// menu is one <select> of a page: its id, the labels of its <optgroup>s,
// and its options.
type menu struct {
	id      string
	groups  []string
	options []menuOption
}

// menuOption is one <option>: the label of its <optgroup> (if any), its
// value, its text, and whether it is marked selected.
type menuOption struct {
	group, value, label string
	selected            bool
}

func (m menu) values() []string {
	var out []string
	for _, o := range m.options {
		out = append(out, o.value)
	}
	return out
}

func (m menu) selected() []string {
	var out []string
	for _, o := range m.options {
		if o.selected {
			out = append(out, o.value)
		}
	}
	return out
}

func pageMenus(t *testing.T, body string) []menu {
	t.Helper()
	var menus []menu
	for n := range parsePage(t, body).Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if n.Data == "select" {
			id, _ := attr(n, "id")
			menus = append(menus, menu{id: id})
			continue
		}
		if len(menus) == 0 {
			continue
		}
		// Options and groups come after their <select>, before the next.
		m := &menus[len(menus)-1]
		switch n.Data {
		case "optgroup":
			label, _ := attr(n, "label")
			m.groups = append(m.groups, label)
		case "option":
			var o menuOption
			if n.Parent.Data == "optgroup" {
				o.group, _ = attr(n.Parent, "label")
			}
			o.value, _ = attr(n, "value")
			_, o.selected = attr(n, "selected")
			if n.FirstChild != nil {
				o.label = n.FirstChild.Data
			}
			m.options = append(m.options, o)
		}
	}
	return menus
}

func menuByID(t *testing.T, body, id string) menu {
	t.Helper()
	for _, m := range pageMenus(t, body) {
		if m.id == id {
			return m
		}
	}
	t.Fatalf("no menu #%s in %s", id, regexp.MustCompile(`<title>.*?</title>`).FindString(body))
	return menu{}
}
