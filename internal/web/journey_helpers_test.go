package web_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rapporthq/rapport/internal/testkit"
)

// fillSurvey ticks one answer per statement on the survey page now shown,
// score(i) for the i-th statement (0 for "not able to observe"), the way a
// rater's clicks would leave the form; the page's own submit button then
// posts it. It returns how many statements there were.
func fillSurvey(t *testing.T, ctx context.Context, score func(i int) int) int {
	t.Helper()
	names := browserEval[[]string](t, ctx, `[...new Set([...document.querySelectorAll("input[type=radio]")].map(i => i.name))]`)
	var js strings.Builder
	for i, name := range names {
		v := "na"
		if s := score(i); s > 0 {
			v = fmt.Sprint(s)
		}
		fmt.Fprintf(&js, "document.querySelector('input[name=%q][value=%q]').checked = true;\n", name, v)
	}
	browserDo(t, ctx, chromedp.Evaluate[chromedp.Void](js.String()))
	return len(names)
}

// answerByAPI submits a whole survey through the rater's JSON API, the
// way a survey client would, with every statement scored score.
func answerByAPI(t *testing.T, app *testkit.App, surveyPath string, score int) {
	t.Helper()
	token := strings.TrimPrefix(surveyPath, "/s/")
	s := getSurvey(t, app, token)
	answers := map[string]any{}
	for _, id := range s.itemIDs() {
		answers[fmt.Sprint(id)] = score
	}
	resp := app.Do("POST", "/api/v1/survey/"+token+"/submit", "", map[string]any{"answers": answers})
	if resp.Status != http.StatusOK {
		t.Fatalf("submit through the API: %d %s", resp.Status, resp.Body)
	}
}

// download is a file fetched by the page with its session cookie.
type download struct {
	Status int    `json:"status"`
	Type   string `json:"type"`
	Data   string `json:"data"` // a data: URL
}

// downloadLink fetches the href of the link matched by sel from inside the
// page, as the browser would on a click, and returns the body.
func downloadLink(t *testing.T, ctx context.Context, sel string) (*download, []byte) {
	t.Helper()
	d, err := chromedp.Run(ctx, chromedp.Evaluate[download](fmt.Sprintf(`fetch(document.querySelector(%q).href).then(r => r.blob().then(b =>
		new Promise(done => { const fr = new FileReader(); fr.onload = () => done({status: r.status, type: r.headers.get("content-type"), data: fr.result}); fr.readAsDataURL(b); })))`, sel),
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("download %s: %v", sel, err)
	}
	_, b64, _ := strings.Cut(d.Data, ",")
	body, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatalf("download %s: %v", sel, err)
	}
	return &d, body
}

// getPath fetches a path from the test server with no credentials at all,
// as a link opened from an email would be.
func getPath(t *testing.T, app *testkit.App, path string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(app.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// pdfText is the text of a PDF with its whitespace folded, for looking up
// sentences that may wrap.
func pdfText(t *testing.T, body []byte) string {
	t.Helper()
	return strings.Join(strings.Fields(testkit.Tool(t, "pdftotext", "-enc", "UTF-8", writePDF(t, body), "-")), " ")
}

// pageSteps returns the steps the browser journeys share. run does actions
// or fails the test. look checks the page now shown: it holds want, passes
// checkPage (saved as shots+name) and is left at 1280 px. follow clicks sel
// and waits for the next page: the old one is marked first, so a selector
// both pages share cannot match too early.
func pageSteps(t *testing.T, ctx context.Context, shots string) (run func(...chromedp.Action[chromedp.Void]), look func(name string, want ...string), follow func(sel, wait string)) {
	run = func(actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		browserDo(t, ctx, actions...)
	}
	look = func(name string, want ...string) {
		t.Helper()
		body, err := chromedp.Run(ctx, chromedp.Text("body"))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Fatalf("%s: page lacks %q:\n%s", name, w, body)
			}
		}
		checkPage(t, ctx, shots+name)
		run(testkit.Viewport(1280, 900))
	}
	follow = func(sel, wait string) {
		t.Helper()
		run(chromedp.Evaluate[chromedp.Void](`document.body.dataset.left = "1"`), chromedp.Click(sel),
			chromedp.WaitReady(`body:not([data-left])`), chromedp.WaitVisible(wait))
	}
	return run, look, follow
}
