package web

import (
	"compress/gzip"
	"strings"

	gzipmw "github.com/gin-contrib/gzip"
	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/web/render"
)

// compress gzips pages and JSON for clients that accept it (the survey
// page shrinks to about a sixth), at the fastest level: most of the
// saving for a fraction of the CPU and memory. gin-contrib/gzip decides before the
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
	return gzipmw.Gzip(gzip.BestSpeed, gzipmw.WithCustomShouldCompressFn(func(c *gin.Context) bool {
		if !compressibleRoute(c.FullPath()) || raterWrite(c) {
			return false
		}
		if !render.AcceptsGzip(c.Request) {
			c.Writer.Header().Add("Vary", "Accept-Encoding")
			return false
		}
		return true // the middleware adds Vary itself
	}))
}

// raterWrite tells whether the request saves or submits a survey through
// the rater's API. Those answers are small (a status) or the rater's own
// draft echoed back, and they are the busiest writes: a gzip writer per
// concurrent save cost more CPU and memory (a pooled writer is about a
// megabyte, dropped at every GC) than the bytes it saved.
func raterWrite(c *gin.Context) bool {
	return c.Request.Method != "GET" && strings.HasPrefix(c.FullPath(), "/api/v1/survey/")
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
