package mail

import (
	htmltemplate "html/template"
	"strings"
)

// htmlFuncs are the functions the HTML templates call.
var htmlFuncs = htmltemplate.FuncMap{
	"button":    button,
	"breakable": breakable,
	// html/template drops comments, and Outlook for Windows reads its
	// layout from conditional ones: it ignores max-width, so it gets a
	// fixed-width table that other clients never see.
	"outlookOpen":  func() htmltemplate.HTML { return outlookOpen },
	"outlookClose": func() htmltemplate.HTML { return outlookClose },
}

const (
	outlookOpen  = `<!--[if mso]><table role="presentation" width="560" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->`
	outlookClose = `<!--[if mso]></td></tr></table><![endif]-->`
)

// breakable is a link's address as text that may wrap on a phone: a
// <wbr> after each slash and every 16 characters. word-break, which would
// do it in CSS, is ignored by a third of mail clients; where <wbr> is
// ignored the address simply stays on one line. Copying the text gives
// the address unchanged.
func breakable(url string) htmltemplate.HTML {
	var b strings.Builder
	run := 0
	for _, r := range url {
		b.WriteString(htmltemplate.HTMLEscapeString(string(r)))
		run++
		if r == '/' || run == 16 {
			b.WriteString("<wbr>")
			run = 0
		}
	}
	return htmltemplate.HTML(b.String())
}
