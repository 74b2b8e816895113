package render

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"path"
	"strings"
)

// compressible tells the static files worth gzipping: text and SVG.
// Images in PNG or ICO are compressed already.
func compressible(name string) bool {
	switch path.Ext(name) {
	case ".css", ".js", ".svg", ".json", ".txt", ".html":
		return true
	}
	return false
}

// gzipBytes compresses b at the best level: it is done once, at start.
func gzipBytes(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, fmt.Errorf("render: gzip: %w", err)
	}
	if _, err := zw.Write(b); err != nil {
		return nil, fmt.Errorf("render: gzip: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("render: gzip: %w", err)
	}
	return buf.Bytes(), nil
}

// AcceptsGzip tells whether the client takes a gzipped body. A "gzip;q=0"
// refuses it; other weights are taken as a yes.
func AcceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			q := strings.ReplaceAll(params, " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}
