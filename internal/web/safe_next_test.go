package web_test

import (
	"html"
	"net/url"
	"regexp"
	"testing"

	"github.com/rapporthq/rapport/internal/testkit"
)

var nextFieldRE = regexp.MustCompile(`<input type="hidden" name="next" value="([^"]*)">`)

// TestSignInNext checks the sign-in destination through the real form:
// POST /login redirects only to a path of this site, and GET /login?next=
// never puts another value in its hidden field. The refused cases are the
// ones browsers' URL parsers turn into another site (they delete tabs and
// line breaks, strip leading controls and spaces, read "\" as "/").
func TestSignInNext(t *testing.T) {
	app := testkit.NewApp(t)
	coach, password := testkit.Coach(t, app.Store)
	refused := map[string]string{
		"ProtocolRelative":          "//evil.example/x",
		"TripleSlash":               "///evil.example",
		"TabBetweenSlashes":         "/\t/evil.example",
		"LineFeedBetweenSlashes":    "/\n/evil.example",
		"CarriageReturn":            "/\r/evil.example",
		"LeadingTab":                "\t//evil.example",
		"LeadingSpace":              " //evil.example",
		"SpaceBetweenSlashes":       "/ /evil.example",
		"TrailingControl":           "/leaders\x01",
		"NUL":                       "/\x00/evil.example",
		"DEL":                       "/\x7f/evil.example",
		"C1NextLine":                "/\u0085/evil.example",
		"NoBreakSpace":              "/\u00a0/evil.example",
		"BackslashSecond":           "/\\evil.example",
		"BackslashThenSlash":        "/\\/evil.example",
		"BackslashesOnly":           "\\\\evil.example",
		"BackslashLater":            "/leaders\\..\\..\\evil",
		"EncodedTab":                "/%09/evil.example",
		"EncodedSlash":              "/%2F/evil.example",
		"EncodedBackslash":          "/%5Cevil.example",
		"AbsoluteURL":               "https://evil.example/",
		"SchemeWithoutSlashes":      "https:evil.example",
		"JavaScript":                "javascript:alert(1)",
		"UserInfo":                  "//user@evil.example",
		"NoLeadingSlash":            "evil.example",
		"FullWidthSolidusIsNotPath": "\uff0f\uff0fevil.example",
	}
	kept := map[string]string{
		"Root":          "/",
		"Page":          "/leaders",
		"WithQuery":     "/rounds/12?tab=raters&x=a%20b",
		"WithFragment":  "/rounds/12#raters",
		"DotsInTheName": "/frameworks/my.key/edit",
	}
	check := func(t *testing.T, next, want string) {
		t.Helper()
		// The page's hidden field carries only a value safe to post back.
		p := newBrowser(t, app).get("/login?" + url.Values{"next": {next}}.Encode())
		expectStatus(t, p, 200)
		m := nextFieldRE.FindStringSubmatch(p.Body)
		if m == nil {
			t.Fatalf("no hidden next field: %.1500s", p.Body)
		}
		if got := html.UnescapeString(m[1]); got != want {
			t.Errorf("GET /login?next=%q: hidden next = %q, want %q", next, got, want)
		}
		// Signing in goes there, and nowhere else.
		p = newBrowser(t, app).post("/login", url.Values{"email": {coach.Email}, "password": {password}, "next": {next}})
		expectRedirect(t, p, "/")
		if p.Location != want {
			t.Errorf("POST /login next=%q redirected to %q, want %q", next, p.Location, want)
		}
	}
	for name, next := range refused {
		t.Run("Refuses"+name, func(t *testing.T) { check(t, next, "/") })
	}
	for name, next := range kept {
		t.Run("Keeps"+name, func(t *testing.T) { check(t, next, next) })
	}
}
