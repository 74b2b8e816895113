package web_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// checkChartText checks the charts' HTML text against their shapes: each
// bar's figure on its bar's line, right of the chart, on screen, each
// spread's counts under their columns (a column for each count above 0),
// and each scale label over its tick (barStep and the ticks in
// report_charts.go).
func checkChartText(t *testing.T, ctx context.Context, width int64) {
	t.Helper()
	off := browserEval[[]string](t, ctx, `[...document.querySelectorAll(".report-bars__item")].flatMap(fig => {
		const svg = fig.querySelector("svg").getBoundingClientRect(), out = [];
		fig.querySelectorAll(".report-bars__values li").forEach((li, i) => {
			const b = li.getBoundingClientRect(), mid = (b.top + b.bottom) / 2;
			if (Math.abs(mid - (svg.top + 8 + 17 * i)) > 2 || b.left < svg.right || b.right > document.documentElement.clientWidth) {
				out.push(fig.querySelector("figcaption").textContent + " " + li.textContent);
			}
		});
		return out;
	})`)
	if len(off) > 0 {
		t.Errorf("%d px: %d bar figures are not beside their bars: %q", width, len(off), off)
	}
	unmatched := browserEval[[]string](t, ctx, `[...document.querySelectorAll(".report-spread")].flatMap(svg => {
		const counts = [...svg.nextElementSibling.children], rects = [...svg.querySelectorAll("rect")];
		const under = rects.filter(r => {
			const b = r.getBoundingClientRect(), mid = (b.left + b.right) / 2;
			return counts.some(li => { const c = li.getBoundingClientRect(); return c.left <= mid && mid <= c.right && li.textContent !== "0"; });
		});
		const shown = counts.filter(li => li.textContent !== "0").length;
		return under.length === rects.length && rects.length === shown ? [] : [svg.getAttribute("aria-label")];
	})`)
	if len(unmatched) > 0 {
		t.Errorf("%d px: %d spreads whose counts are not under their columns: %q", width, len(unmatched), unmatched)
	}
	for _, chart := range []struct{ scale, svg string }{
		{".report-bars > .report-bars__row .report-scale", ".report-bars__item svg"},
		{".report-dots .report-scale", ".report-dots__chart"},
	} {
		apart := browserEval[[]float64](t, ctx, fmt.Sprintf(`(() => {
			const labels = [...document.querySelectorAll(%q + " span")];
			const ticks = [...document.querySelector(%q).querySelectorAll("line")].slice(0, labels.length);
			if (labels.length < 2 || labels.length !== ticks.length) return [999];
			return labels.map((l, i) => {
				const a = l.getBoundingClientRect(), b = ticks[i].getBoundingClientRect();
				return Math.abs((a.left + a.right) / 2 - (b.left + b.right) / 2);
			}).filter(d => d > 1.5);
		})()`, chart.scale, chart.svg))
		if len(apart) > 0 {
			t.Errorf("%d px: %s: scale labels off their ticks by %v px", width, chart.scale, apart)
		}
	}
}

// checkableText lists the report page's text whose contrast the outside
// checkers (axe, HTML_CodeSniffer, run by pa11y) cannot decide, and the
// structure they warn about. axe's color-contrast leaves text undecided
// ("incomplete") inside or over an SVG, on a background that only partly
// covers it, or in a box wider than the page; HTML_CodeSniffer gives up
// on text in an absolutely positioned box still on screen and on
// translucent colours, and asks every table for a caption and every
// paragraph that is all emphasis whether it is a heading.
func checkableText(t *testing.T, ctx context.Context) []string {
	t.Helper()
	if !browserEval[bool](t, ctx, `typeof axe === "object"`) {
		t.Fatal("axe is not loaded on the page (checkPage loads it)")
	}
	undecided, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`axe.run(document, {runOnly: ["color-contrast"], resultTypes: ["incomplete"]})
		.then(r => r.incomplete.flatMap(x => x.nodes.map(n => n.target.join(" ") + ": " + n.any.map(a => a.data && a.data.messageKey).join(","))))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	var faults []string
	for _, u := range undecided {
		faults = append(faults, "axe cannot decide the contrast of "+u)
	}
	return append(faults, browserEval[[]string](t, ctx, `(() => {
		const out = [], text = el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
		const alpha = c => { const m = c.match(/rgba?\(([^)]*)\)/); const p = m ? m[1].split(",") : []; return p.length === 4 ? parseFloat(p[3]) : 1; };
		document.querySelectorAll("main svg text").forEach(x => out.push("text drawn in an SVG: " + x.textContent));
		document.querySelectorAll("main *").forEach(el => {
			if (!text(el) || el.getClientRects().length === 0) return;
			for (let a = el; a && a !== document.body; a = a.parentElement) {
				const s = getComputedStyle(a);
				if (parseInt(s.left, 10) + parseInt(s.width, 10) < 0) break;
				if (s.position === "absolute") { out.push("text in an absolutely positioned box: " + el.textContent.trim().slice(0, 40)); break; }
			}
			let bg = "rgba(0, 0, 0, 0)";
			for (let a = el; a && alpha(bg) === 0; a = a.parentElement) bg = getComputedStyle(a).backgroundColor;
			const fg = getComputedStyle(el).color;
			if ((alpha(fg) > 0 && alpha(fg) < 1) || (alpha(bg) > 0 && alpha(bg) < 1)) out.push("translucent text or background: " + el.textContent.trim().slice(0, 40));
		});
		document.querySelectorAll("main table").forEach(tb => { if (!tb.caption || !tb.caption.textContent.trim()) out.push("table without a caption: " + tb.textContent.trim().slice(0, 40)); });
		document.querySelectorAll("main p").forEach(p => {
			const only = p.children.length === 1 && p.children[0];
			if (only && ["EM", "STRONG", "B", "I"].includes(only.tagName) && only.textContent.trim() === p.textContent.trim()) out.push("a paragraph that looks like a heading: " + p.textContent.trim().slice(0, 40));
		});
		return out;
	})()`)...)
}
