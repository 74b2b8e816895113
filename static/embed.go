// Package static embeds the stylesheets, scripts and images served under
// /static/. Nothing is loaded from other origins.
package static

import "embed"

// FS holds every static file, by path ("css/app.css").
//
//go:embed css js icons
var FS embed.FS
