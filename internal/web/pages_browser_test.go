package web_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rapporthq/rapport/internal/testkit"
)

// TestNotFoundPageInBrowser checks the common 404 page in a real browser:
// no accessibility violations and no sideways scrolling on a phone.
func TestNotFoundPageInBrowser(t *testing.T) {
	app := testkit.NewApp(t)
	ctx := testkit.Browser(t)
	for _, width := range []int64{375, 1280} {
		if err := chromedp.Do(ctx, testkit.Viewport(width, 800), chromedp.Navigate(app.URL+"/no/such/page")); err != nil {
			t.Fatal(err)
		}
		for _, v := range testkit.Axe(t, ctx) {
			t.Errorf("%d px: %s", width, v)
		}
		assertNoHorizontalScroll(t, ctx, width)
		testkit.Screenshot(t, ctx, "not_found_"+itoa(width))
	}
}

func assertNoHorizontalScroll(t *testing.T, ctx context.Context, width int64) {
	t.Helper()
	scroll, err := chromedp.Run(ctx, chromedp.Evaluate[int64](`document.documentElement.scrollWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if scroll > width {
		t.Errorf("%d px: the page scrolls sideways (scrollWidth %d)", width, scroll)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
