package web

import (
	"sync"
	"time"
)

// The leader's report link needs no sign-in, so anyone holding it (or a
// script, or a mail scanner) can open it as often as they like. Each open
// is an audit line, and the trail is append-only: without a bound, a loop
// on the link would fill it. An open is recorded at most once per round
// and form (page or PDF) per reportOpenInterval; the line says that the
// link was used, which is what a coach needs to know.

// reportOpenInterval is how long a recorded open covers the later ones.
const reportOpenInterval = time.Hour

// reportOpensMax bounds the throttle's memory: past it, entries older
// than the interval are dropped, and if that frees nothing it starts
// afresh (recording a few opens twice rather than growing without end).
const reportOpensMax = 10000

type reportOpenKey struct {
	roundID int64
	form    string // page or PDF
}

// reportOpens remembers when each round's link was last recorded as opened.
type reportOpens struct {
	mu   sync.Mutex
	last map[reportOpenKey]time.Time
}

// due reports whether an open of this round in this form at now should be
// recorded, and if so counts it as recorded.
func (o *reportOpens) due(roundID int64, form string, now time.Time) bool {
	key := reportOpenKey{roundID: roundID, form: form}
	o.mu.Lock()
	defer o.mu.Unlock()
	if last, ok := o.last[key]; ok && now.Sub(last) < reportOpenInterval && !now.Before(last) {
		return false
	}
	if o.last == nil || len(o.last) >= reportOpensMax {
		o.dropOlderThan(now.Add(-reportOpenInterval))
	}
	o.last[key] = now
	return true
}

func (o *reportOpens) dropOlderThan(cutoff time.Time) {
	for k, at := range o.last {
		if at.Before(cutoff) {
			delete(o.last, k)
		}
	}
	if o.last == nil || len(o.last) >= reportOpensMax {
		o.last = map[reportOpenKey]time.Time{}
	}
}
