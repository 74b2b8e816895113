package web_test

import (
	"fmt"
	"html"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/testkit"
)

var attentionRE = regexp.MustCompile(`(?s)<ul class="attention">(.*?)</ul>`)
var attentionItemRE = regexp.MustCompile(`<li>(.*?)</li>`)

// warningIconRE is a warning's icon: an inline SVG that screen readers skip,
// as the text beside it says what is wrong.
var warningIconRE = regexp.MustCompile(`^<svg class="icon" [^>]*aria-hidden="true"[^>]*>.*?</svg>`)

// attentionItems are the lines of every round card's attention list; each
// must start with the warning icon.
func attentionItems(t *testing.T, p *page) []string {
	t.Helper()
	var out []string
	for _, list := range attentionRE.FindAllStringSubmatch(p.Body, -1) {
		for _, li := range attentionItemRE.FindAllStringSubmatch(list[1], -1) {
			icon := warningIconRE.FindString(li[1])
			if icon == "" {
				t.Errorf("attention line without the warning icon: %s", li[1])
			}
			text := regexp.MustCompile(`<[^>]+>`).ReplaceAllString(strings.TrimPrefix(li[1], icon), "")
			out = append(out, html.UnescapeString(text))
		}
	}
	return out
}

func TestDashboardAttention(t *testing.T) {
	t.Run("NamesEverySmallGroupOnceOneIsWorthAWarning", func(t *testing.T) {
		app := testkit.NewApp(t)
		b := newBrowser(t, app)
		b.signIn()
		round := newLeaderAndRound(t, b, "Dash Leader")
		// Peers: 2 invited (can never reach 3). Direct reports: 3 invited,
		// none answered yet. Both are below the threshold by answers.
		for i, rel := range []string{"peer", "peer", "direct_report", "direct_report", "direct_report"} {
			expectRedirect(t, b.post(round+"/raters", url.Values{"name": {fmt.Sprint("R", i)}, "email": {fmt.Sprintf("r%d@example.com", i)}, "relationship": {rel}}), round)
		}
		expectRedirect(t, b.post(round+"/launch", nil), round)
		want := []string{"Peers: 0 of 2 answered, fewer than the threshold of 3", "Direct reports: 0 of 3 answered, fewer than the threshold of 3"}
		if got := attentionItems(t, b.get("/")); !slices.Equal(got, want) {
			t.Errorf("attention %q, want %q", got, want)
		}
	})
}
