// Package render turns embedded templates into HTML pages. Each page in
// pages/ is parsed into its own template set together with layouts/ and
// partials/, so one page's "main" block never overwrites another's (the
// pitfall of gin's LoadHTMLGlob). Pages render into a buffer: a template
// error surfaces as an error before any byte reaches the client.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
	"sync"
)

// Layout is the template every page is executed through.
const Layout = "base"

// Templates is the cache of parsed pages, by name ("survey" for pages/survey.html).
type Templates struct {
	pages map[string]*template.Template
	bufs  sync.Pool
}

// New parses layouts/*.html and partials/*.html from fsys once, then each
// pages/*.html into a clone of that shared set. funcs are available to all.
func New(fsys fs.FS, funcs template.FuncMap) (*Templates, error) {
	root := template.New("").Option("missingkey=error").Funcs(funcs)
	for _, pattern := range []string{"layouts/*.html", "partials/*.html"} {
		matches, err := fs.Glob(fsys, pattern)
		if err != nil {
			return nil, fmt.Errorf("render: %s: %w", pattern, err)
		}
		if len(matches) == 0 {
			continue
		}
		if root, err = root.ParseFS(fsys, matches...); err != nil {
			return nil, fmt.Errorf("render: parse %s: %w", pattern, err)
		}
	}
	if root.Lookup(Layout) == nil {
		return nil, fmt.Errorf("render: no %q layout in layouts/", Layout)
	}
	pages, err := fs.Glob(fsys, "pages/*.html")
	if err != nil {
		return nil, fmt.Errorf("render: pages: %w", err)
	}
	t := &Templates{pages: map[string]*template.Template{}}
	t.bufs.New = func() any { return new(bytes.Buffer) }
	for _, p := range pages {
		set, err := root.Clone()
		if err != nil {
			return nil, fmt.Errorf("render: clone for %s: %w", p, err)
		}
		if set, err = set.ParseFS(fsys, p); err != nil {
			return nil, fmt.Errorf("render: parse %s: %w", p, err)
		}
		t.pages[strings.TrimSuffix(path.Base(p), ".html")] = set
	}
	return t, nil
}

// Has reports whether a page exists.
func (t *Templates) Has(page string) bool { return t.pages[page] != nil }

// Render executes a page through the layout and returns the complete HTML.
func (t *Templates) Render(page string, data any) ([]byte, error) {
	set := t.pages[page]
	if set == nil {
		return nil, fmt.Errorf("render: no page %q", page)
	}
	buf := t.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer t.bufs.Put(buf)
	if err := set.ExecuteTemplate(buf, Layout, data); err != nil {
		return nil, fmt.Errorf("render: page %s: %w", page, err)
	}
	return bytes.Clone(buf.Bytes()), nil
}
