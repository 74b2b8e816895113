// Package static embeds the stylesheets, scripts and images served under
// /static/. Nothing is loaded from other origins.
package static

import "embed"

//go:embed css
var FS embed.FS
