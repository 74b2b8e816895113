// Package templates embeds the HTML and email templates: layouts/ and
// partials/ are shared, each file in pages/ is one page, email/ holds mail.
package templates

import "embed"

// FS holds every template. The web server parses layouts/, partials/ and
// pages/ (see internal/web/render); internal/mail parses email/.
//
//go:embed layouts partials pages email
var FS embed.FS
