package web

import (
	"compress/gzip"
	"strings"

	gzipmw "github.com/gin-contrib/gzip"
	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/web/render"
)

// compress gzips pages and JSON for clients that accept it (the survey
// page shrinks to about a sixth). gin-contrib/gzip decides before the
// handler runs, so the choice is made by route:
//   - static files are compressed once at start (render.Assets) and served
//     by themselves;
//   - PDFs are not compressed: their streams are compressed already, and a
//     gzipped PDF would break byte ranges should they ever be served.
//
// Every compressible response says Vary: Accept-Encoding, whether or not
// this request was compressed, so no cache hands a gzipped body to a
// client that cannot read it. The private headers of secret links are
// left as they are.
func compress() gin.HandlerFunc {
	return gzipmw.Gzip(gzip.DefaultCompression, gzipmw.WithCustomShouldCompressFn(func(c *gin.Context) bool {
		if !compressibleRoute(c.FullPath()) {
			return false
		}
		if !render.AcceptsGzip(c.Request) {
			c.Writer.Header().Add("Vary", "Accept-Encoding")
			return false
		}
		return true // the middleware adds Vary itself
	}))
}

// compressibleRoute tells whether the route's answers are gzipped here.
func compressibleRoute(route string) bool {
	switch {
	case route == "", strings.HasPrefix(route, staticPrefix), route == "/favicon.ico", route == "/apple-touch-icon.png":
		return false // answered by noRoute or by render.Assets
	case strings.HasSuffix(route, ".pdf"):
		return false // PDFs
	case strings.HasSuffix(route, "/export"):
		return false // zip archives, compressed already
	}
	return true
}
