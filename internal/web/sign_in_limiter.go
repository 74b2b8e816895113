package web

import (
	"strings"
	"sync"
	"time"
)

// signInLimiter bounds failed sign-in attempts per client address, and per
// client address and email together, so a password cannot be guessed
// quickly from one machine.
//
// Only failures count: a coach signing in five times in a row is not an
// attack. And there is no budget per email alone: then anyone could lock a
// coach out with one wrong try a minute from anywhere. Guessing one
// account's password from many addresses is left to the password's strength
// (auth enforces a long one) and to the slow hash.
type signInLimiter struct {
	mu     sync.Mutex
	byIP   map[string]*limiterEntry
	byPair map[string]*limiterEntry
}

// limiterEntry is a token bucket: burst tries, refilled one per every.
// (Not x/time/rate: a try must be given back when the sign-in succeeds,
// and rate.Reservation cannot cancel a reservation once it is due.)
type limiterEntry struct {
	tries float64
	at    time.Time // when tries was last brought up to date
	every time.Duration
	burst int
	seen  time.Time
}

func (e *limiterEntry) refill(now time.Time) {
	e.tries = min(float64(e.burst), e.tries+float64(now.Sub(e.at))/float64(e.every))
	e.at = now
}

// A person mistyping gets several tries at once; after that one every few
// seconds per address, and one a minute per address and account.
const (
	perIPEvery     = 6 * time.Second
	perIPBurst     = 20
	perPairEvery   = time.Minute
	perPairBurst   = 5
	limiterMaxKeys = 10000
)

func newSignInLimiter() *signInLimiter {
	return &signInLimiter{byIP: map[string]*limiterEntry{}, byPair: map[string]*limiterEntry{}}
}

// signInAttempt is an attempt that holds one try from each budget until it
// is known whether it failed.
type signInAttempt struct {
	l     *signInLimiter
	taken []*limiterEntry
}

// begin takes one try from the address's and the (address, email) pair's
// budgets, or reports false (taking nothing) if either has none left. The
// try is taken before the password is checked, so that many attempts sent at
// once cannot all pass before the first failure is counted.
func (l *signInLimiter) begin(ip, email string) (*signInAttempt, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	pair := ip + "\x00" + strings.ToLower(strings.TrimSpace(email))
	entries := []*limiterEntry{
		entry(l.byIP, ip, perIPEvery, perIPBurst, now),
		entry(l.byPair, pair, perPairEvery, perPairBurst, now),
	}
	for _, e := range entries {
		e.refill(now)
		if e.tries < 1 {
			return nil, false
		}
	}
	for _, e := range entries {
		e.tries--
	}
	return &signInAttempt{l: l, taken: entries}, true
}

// succeeded gives the tries back: a successful sign-in does not count.
func (a *signInAttempt) succeeded() {
	a.l.mu.Lock()
	defer a.l.mu.Unlock()
	for _, e := range a.taken {
		e.tries = min(float64(e.burst), e.tries+1)
	}
	a.taken = nil
}

func entry(m map[string]*limiterEntry, key string, every time.Duration, burst int, now time.Time) *limiterEntry {
	e := m[key]
	if e == nil {
		if len(m) >= limiterMaxKeys {
			prune(m, now)
		}
		e = &limiterEntry{tries: float64(burst), at: now, every: every, burst: burst}
		m[key] = e
	}
	e.seen = now
	return e
}

// prune forgets keys not seen for an hour: by then their budget is full
// again, so forgetting them changes nothing.
func prune(m map[string]*limiterEntry, now time.Time) {
	for k, e := range m {
		if now.Sub(e.seen) > time.Hour {
			delete(m, k)
		}
	}
}
