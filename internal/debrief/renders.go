package debrief

import (
	"context"
	"runtime"
)

// Reports are drawn a few at a time. Drawing one is CPU work that holds
// about 20 MB while it runs (docs/benchmarks.md): twenty downloads at once
// on two cores finish no sooner than four at a time, but hold five times the
// memory, and took the server's peak RSS past 200 MiB. The rest wait for a
// turn, or for their request to end.
var maxConcurrentRenders = 2 * runtime.GOMAXPROCS(0)

// renderTurns hands out the turns to draw a report.
type renderTurns chan struct{}

func newRenderTurns() renderTurns { return make(renderTurns, maxConcurrentRenders) }

// take waits for a turn, or for ctx to end; the turn is handed back with
// the function it returns.
func (t renderTurns) take(ctx context.Context) (release func(), err error) {
	select {
	case t <- struct{}{}:
		return func() { <-t }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
