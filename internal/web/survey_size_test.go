package web_test

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/rapporthq/rapport/internal/testkit"
)

// countElements counts the elements of an HTML page, as a browser's DOM
// would hold them.
func countElements(t *testing.T, page []byte) int {
	t.Helper()
	n := 0
	for node := range parsePage(t, string(page)).Descendants() {
		if node.Type == html.ElementNode {
			n++
		}
	}
	return n
}

// TestSurveyPageIsLean: a 48-statement survey is long; each statement's
// answers are real radio inputs in a fieldset with a legend, and nothing
// more, so that phones lay the page out quickly (Lighthouse flags pages
// of more than about 1,400 elements; it was 1,703).
func TestSurveyPageIsLean(t *testing.T) {
	app := testkit.NewApp(t)
	lr := app.Launch(t, "Ana Souza", peerAna)
	page := app.Do("GET", "/s/"+lr.Links["pia@example.com"], "", nil).Body
	items := strings.Count(string(page), `<fieldset class="item`)
	n := countElements(t, page)
	t.Logf("survey page: %d elements for %d statements", n, items)
	if items != 48 {
		t.Fatalf("%d statements on the page, want the built-in 48", items)
	}
	if n > 1200 {
		t.Errorf("%d elements (%.1f per statement); want at most 1,200", n, float64(n)/float64(items))
	}
	// What must stay: one legend and six labelled radios per statement.
	for _, want := range []string{"<legend", `type="radio"`, "<label"} {
		if got := strings.Count(string(page), want); got < items {
			t.Errorf("%d %s for %d statements", got, want, items)
		}
	}
}
