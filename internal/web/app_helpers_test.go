package web_test

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

// browser is a client with a cookie jar that does not follow redirects, so
// each answer can be checked; it stands in for a coach's browser.
type browser struct {
	t      *testing.T
	app    *testkit.App
	client *http.Client
}

type page struct {
	Status   int
	Location string
	Body     string
	Header   http.Header
}

func newBrowser(t *testing.T, app *testkit.App) *browser {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &browser{t: t, app: app, client: c}
}

func (b *browser) do(req *http.Request) *page {
	b.t.Helper()
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return &page{Status: resp.StatusCode, Location: resp.Header.Get("Location"), Body: string(body), Header: resp.Header}
}

func (b *browser) get(path string) *page {
	b.t.Helper()
	req, _ := http.NewRequest("GET", b.app.URL+path, nil)
	return b.do(req)
}

// post sends a form as a same-origin browser would (Sec-Fetch-Site).
func (b *browser) post(path string, values url.Values) *page {
	b.t.Helper()
	return b.postFrom("same-origin", path, values)
}

func (b *browser) postFrom(site, path string, values url.Values) *page {
	b.t.Helper()
	req, _ := http.NewRequest("POST", b.app.URL+path, strings.NewReader(values.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", site)
	return b.do(req)
}

// signIn signs a new coach in through the form and returns it.
func (b *browser) signIn() *rapport.Coach {
	b.t.Helper()
	c, password := testkit.Coach(b.t, b.app.Store)
	p := b.post("/login", url.Values{"email": {c.Email}, "password": {password}})
	if p.Status != http.StatusSeeOther || p.Location != "/" {
		b.t.Fatalf("sign in: %d %q %s", p.Status, p.Location, p.Body)
	}
	return c
}

// expectRedirect checks a 303 to a path starting with prefix.
func expectRedirect(t *testing.T, p *page, prefix string) {
	t.Helper()
	if p.Status != http.StatusSeeOther || !strings.HasPrefix(p.Location, prefix) {
		t.Fatalf("got %d to %q, want 303 to %s...: %.400s", p.Status, p.Location, prefix, p.Body)
	}
}

func expectStatus(t *testing.T, p *page, status int, contains ...string) {
	t.Helper()
	if p.Status != status {
		t.Fatalf("status %d, want %d: %.600s", p.Status, status, p.Body)
	}
	for _, s := range contains {
		if !strings.Contains(p.Body, s) {
			t.Errorf("page lacks %q: %.2000s", s, p.Body)
		}
	}
}

var tagRE = regexp.MustCompile(`<[^>]+>`)

// text is a page's body without tags, for looking for sentences.
func text(p *page) string {
	return strings.Join(strings.Fields(tagRE.ReplaceAllString(p.Body, " ")), " ")
}

var invalidRE = regexp.MustCompile(`id="f-([a-z0-9_]+)"[^>]*aria-invalid="true"`)

// expectInvalid checks that exactly these inputs are marked as at fault.
func expectInvalid(t *testing.T, p *page, fields ...string) {
	t.Helper()
	var got []string
	for _, m := range invalidRE.FindAllStringSubmatch(p.Body, -1) {
		got = append(got, m[1])
	}
	if strings.Join(got, ",") != strings.Join(fields, ",") {
		t.Errorf("fields at fault %v, want %v", got, fields)
	}
}
