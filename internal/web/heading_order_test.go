package web_test

import (
	"fmt"
	"testing"

	"golang.org/x/net/html"

	"github.com/rapporthq/rapport/internal/testkit"
)

// headingLevels lists a page's h1–h6 levels in document order.
func headingLevels(t *testing.T, body string) []int {
	t.Helper()
	var levels []int
	for n := range parsePage(t, body).Descendants() {
		if n.Type == html.ElementNode && len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '1' && n.Data[1] <= '6' {
			levels = append(levels, int(n.Data[1]-'0'))
		}
	}
	return levels
}

// TestCoachPagesHeadingOrder: screen reader users move through a page by
// its headings, so each of the coach's pages starts at its h1 and never
// skips a level going down (pa11y/HTML_CodeSniffer G141 warns otherwise;
// the preview's banner once came before the survey's h1 as an h2).
func TestCoachPagesHeadingOrder(t *testing.T) {
	app := testkit.NewApp(t)
	b := newBrowser(t, app)
	b.signIn()
	round := newLeaderAndRound(t, b, "Ines Duarte")
	db := rawDB(t, app)
	leader := fmt.Sprintf("/leaders/%d", count(t, db, `SELECT max(id) FROM leaders`))
	for _, path := range []string{"/", "/leaders", leader, leader + "/edit", "/rounds/new", round, round + "/edit",
		round + "/preview?as=self", round + "/preview?as=peer", "/frameworks", "/frameworks/leadership", "/settings", "/audit"} {
		p := b.get(path)
		expectStatus(t, p, 200)
		levels := headingLevels(t, p.Body)
		if len(levels) == 0 || levels[0] != 1 {
			t.Errorf("%s: headings %v do not start at h1", path, levels)
			continue
		}
		for i := 1; i < len(levels); i++ {
			if levels[i] > levels[i-1]+1 {
				t.Errorf("%s: headings %v skip from h%d to h%d", path, levels, levels[i-1], levels[i])
			}
		}
	}
}
