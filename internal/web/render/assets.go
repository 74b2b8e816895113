package render

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

// Assets serves the embedded static files. Each file's URL carries a hash of
// its content (?v=...), so browsers may cache it for a year: a new release
// changes the URL, never the meaning of an old one.
type Assets struct {
	prefix string            // where the files are served, e.g. "/static/"
	files  map[string][]byte // by path inside fsys
	hashes map[string]string
	// gzipped holds the gzip form of the files that shrink by it (text,
	// SVG), compressed once here rather than on every request.
	gzipped map[string][]byte
}

// NewAssets reads every file of fsys into memory (a few kilobytes),
// minifies the stylesheets and hashes each file. URLs start with prefix.
func NewAssets(fsys fs.FS, prefix string) (*Assets, error) {
	a := &Assets{prefix: strings.TrimSuffix(prefix, "/") + "/", files: map[string][]byte{}, hashes: map[string]string{},
		gzipped: map[string][]byte{}}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".go") {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		if path.Ext(p) == ".css" {
			b = minifyCSS(string(b))
		}
		sum := sha256.Sum256(b)
		a.files[p] = b
		a.hashes[p] = hex.EncodeToString(sum[:6])
		if compressible(p) {
			if a.gzipped[p], err = gzipBytes(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("render: static files: %w", err)
	}
	return a, nil
}

// URL is the versioned address of a static file ("css/app.css"). It is the
// template function "asset"; an unknown name is a template error, caught
// when the page renders.
func (a *Assets) URL(name string) (string, error) {
	h, ok := a.hashes[name]
	if !ok {
		return "", fmt.Errorf("render: no static file %q", name)
	}
	return a.prefix + name + "?v=" + h, nil
}

// ServeHTTP serves the file named by the path after the prefix. Requests
// with the current version are cached for a year; others must revalidate.
func (a *Assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.ServeFile(w, r, strings.TrimPrefix(path.Clean("/"+strings.TrimPrefix(r.URL.Path, a.prefix)), "/"))
}

// ServeFile serves the static file name ("icons/favicon.ico") whatever the
// request's path: browsers ask for some files at fixed addresses.
func (a *Assets) ServeFile(w http.ResponseWriter, r *http.Request, name string) {
	b, ok := a.files[name]
	if !ok || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
		http.NotFound(w, r)
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	etag := `"` + a.hashes[name] + `"`
	if gz, ok := a.gzipped[name]; ok {
		w.Header().Add("Vary", "Accept-Encoding")
		if AcceptsGzip(r) {
			// The gzipped file is a different representation: its own ETag.
			b, etag = gz, `"`+a.hashes[name]+`-gz"`
			w.Header().Set("Content-Encoding", "gzip")
		}
	}
	w.Header().Set("ETag", etag)
	if r.URL.Query().Get("v") == a.hashes[name] {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Length", fmt.Sprint(len(b)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(b)
}
