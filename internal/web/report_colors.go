package web

import "fmt"

// The groups' colours come from internal/palette, as the PDF's do; only the
// scale's colours, which the page lightens for its dark ink, are the page's.

// pointColor colours point i of n of the scale from low (warm) through
// grey to high (green), as the PDF's spreads do, but lighter. No text is
// written on them (the counts stand under the columns), so the grey is dark
// enough to show on the page's pale background.
func pointColor(i, n int) string {
	type rgb struct{ r, g, b float64 }
	low, mid, high := rgb{214, 130, 115}, rgb{196, 198, 201}, rgb{126, 186, 159}
	t := 0.5
	if n > 1 {
		t = float64(i) / float64(n-1)
	}
	a, b, f := low, mid, t*2
	if t >= 0.5 {
		a, b, f = mid, high, (t-0.5)*2
	}
	mix := func(x, y float64) int { return int(x + (y-x)*f + 0.5) }
	return fmt.Sprintf("#%02x%02x%02x", mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b))
}
