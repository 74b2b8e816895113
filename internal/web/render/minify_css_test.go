package render_test

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rapporthq/rapport/internal/testkit"
	"github.com/rapporthq/rapport/internal/web/render"
	"github.com/rapporthq/rapport/static"
)

// TestMinifyCSS: the served stylesheet is smaller than its source, and a
// browser reads exactly the same rules from both.
func TestMinifyCSS(t *testing.T) {
	src, err := static.FS.ReadFile("css/app.css")
	if err != nil {
		t.Fatal(err)
	}
	small := render.MinifyCSS(string(src))
	t.Logf("app.css: %d bytes (%d gzipped), minified %d (%d gzipped)", len(src), gzipSize(t, src), len(small), gzipSize(t, small))
	if len(small) > len(src)*8/10 {
		t.Errorf("minified %d bytes of %d: want at least a fifth less", len(small), len(src))
	}

	t.Run("SameRulesInTheBrowser", func(t *testing.T) {
		ctx := testkit.Browser(t)
		// The browser serialises the rules it parsed: equal text, equal CSS.
		// Custom properties keep their spaces, so commas are compared bare.
		rules := func(css []byte) string {
			arg, _ := json.Marshal(string(css))
			js := `(() => { const s = new CSSStyleSheet(); s.replaceSync(` + string(arg) + `);
				return [...s.cssRules].map(r => r.cssText.replace(/\s*,\s*/g, ",")).join("\n"); })()`
			if _, err := chromedp.Run(ctx, chromedp.Navigate("about:blank")); err != nil {
				t.Fatal(err)
			}
			out, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
		want, got := rules(src), rules(small)
		if strings.Count(want, "\n") < 100 {
			t.Fatalf("the browser read only %d rules of the source", strings.Count(want, "\n")+1)
		}
		if got != want {
			wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
			for i := range min(len(wl), len(gl)) {
				if wl[i] != gl[i] {
					t.Fatalf("rule %d differs:\nsource   %s\nminified %s", i, wl[i], gl[i])
				}
			}
			t.Fatalf("the source has %d rules, the minified %d", len(wl), len(gl))
		}
	})

	t.Run("KeepsStringsAndNeededSpaces", func(t *testing.T) {
		in := "/* c */ a  >  b ,\n .x :hover { content: \"a  /* b */\" ; width: calc(1px  +  2%) ; }\n@media (min-width: 40rem) and (hover: hover) { .y { color: red !important; } }"
		want := `a>b,.x :hover{content:"a  /* b */";width:calc(1px + 2%)}@media (min-width:40rem) and (hover:hover){.y{color:red!important}}`
		if got := string(render.MinifyCSS(in)); got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	})
}

func gzipSize(t *testing.T, b []byte) int {
	t.Helper()
	var n countWriter
	zw, _ := gzip.NewWriterLevel(&n, gzip.BestCompression)
	if _, err := io.Copy(zw, strings.NewReader(string(b))); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	return int(n)
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }
