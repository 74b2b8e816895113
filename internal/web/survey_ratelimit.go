package web

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// missLimiter counts link lookups that found nothing, per client address.
// Real raters almost never miss; someone trying tokens does, and is slowed
// to a trickle. The client address comes from gin's ClientIP, which trusts
// X-Forwarded-For only from the configured proxies.
type missLimiter struct {
	every time.Duration // one more miss allowed per this interval
	burst int           // misses allowed in a row

	mu      sync.Mutex
	clients map[string]*missClient
	sweep   time.Time
}

type missClient struct {
	lim  *rate.Limiter
	seen time.Time
}

func newMissLimiter(every time.Duration, burst int) *missLimiter {
	return &missLimiter{every: every, burst: burst, clients: map[string]*missClient{}}
}

// Blocked reports whether ip has used up its misses for now.
func (m *missLimiter) Blocked(ip string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	c := m.clients[ip]
	return c != nil && c.lim.Tokens() < 1
}

// Miss records a miss by ip.
func (m *missLimiter) Miss(ip string) {
	now := time.Now()
	m.mu.Lock()
	defer m.mu.Unlock()
	c := m.clients[ip]
	if c == nil {
		c = &missClient{lim: rate.NewLimiter(rate.Every(m.every), m.burst)}
		m.clients[ip] = c
	}
	c.lim.AllowN(now, 1)
	c.seen = now
	m.forgetIdle(now)
}

// forgetIdle drops clients whose allowance has refilled completely, at
// most once a minute, so the map cannot grow without bound.
func (m *missLimiter) forgetIdle(now time.Time) {
	if now.Sub(m.sweep) < time.Minute {
		return
	}
	m.sweep = now
	full := m.every * time.Duration(m.burst)
	for ip, c := range m.clients {
		if now.Sub(c.seen) > full {
			delete(m.clients, ip)
		}
	}
}
