package web

import (
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// signInLimiter bounds sign-in attempts per client address and per email,
// so a password cannot be guessed quickly from one machine, nor one
// account's password from many.
type signInLimiter struct {
	mu      sync.Mutex
	byIP    map[string]*limiterEntry
	byEmail map[string]*limiterEntry
}

type limiterEntry struct {
	lim  *rate.Limiter
	seen time.Time
}

// A person mistyping gets several tries at once; after that one every few
// seconds per address, and one a minute per account.
var (
	perIPRate      = rate.Every(6 * time.Second)
	perIPBurst     = 20
	perEmailRate   = rate.Every(time.Minute)
	perEmailBurst  = 5
	limiterMaxKeys = 10000
)

func newSignInLimiter() *signInLimiter {
	return &signInLimiter{byIP: map[string]*limiterEntry{}, byEmail: map[string]*limiterEntry{}}
}

// allow spends one attempt from both the address's and the email's budget
// and reports whether both had one left.
func (l *signInLimiter) allow(ip, email string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	ipOK := take(l.byIP, ip, perIPRate, perIPBurst, now)
	emailOK := take(l.byEmail, strings.ToLower(strings.TrimSpace(email)), perEmailRate, perEmailBurst, now)
	return ipOK && emailOK
}

func take(m map[string]*limiterEntry, key string, r rate.Limit, burst int, now time.Time) bool {
	e := m[key]
	if e == nil {
		if len(m) >= limiterMaxKeys {
			prune(m, now)
		}
		e = &limiterEntry{lim: rate.NewLimiter(r, burst)}
		m[key] = e
	}
	e.seen = now
	return e.lim.AllowN(now, 1)
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
