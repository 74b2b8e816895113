// Package templates embeds the HTML and email templates: layouts/ and
// partials/ are shared, each file in pages/ is one page, email/ holds mail.
package templates

import "embed"

//go:embed pages
var FS embed.FS
