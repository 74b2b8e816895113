package web

import (
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/time/rate"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/secrets"
)

// Misses on secret links (/s/, /api/v1/survey/, /u/, /r/) are limited per
// client address: ten, then one a minute.
const (
	linkMissBurst = 10
	linkMissEvery = time.Minute
)

// errTooManyMisses answers a miss beyond the address's allowance.
var errTooManyMisses = rapport.Errorf(rapport.ERATELIMIT,
	"Too many links that do not exist were tried from your network. Please wait a minute and try again.")

// missLimiter counts link lookups that found nothing, per client address.
// Real raters almost never miss; someone trying tokens does, and is slowed
// to a trickle. The client address comes from gin's ClientIP, which trusts
// X-Forwarded-For only from the configured proxies.
//
// Only misses are limited, never a valid link: many people share one
// address (a company behind one NAT), and one of them mistyping links must
// not lock the others out of their surveys. Tokens are 256 bits, so it is
// not the limiter that keeps them unguessable; it keeps a scan slow and
// visible.
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

// Miss records a miss by ip and reports whether it was within the
// address's allowance.
func (m *missLimiter) Miss(ip string) bool {
	now := time.Now()
	m.mu.Lock()
	defer m.mu.Unlock()
	c := m.clients[ip]
	if c == nil {
		c = &missClient{lim: rate.NewLimiter(rate.Every(m.every), m.burst)}
		m.clients[ip] = c
	}
	c.seen = now
	m.forgetIdle(now)
	return c.lim.AllowN(now, 1)
}

// Exhausted reports whether ip has no misses left just now.
func (m *missLimiter) Exhausted(ip string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	c := m.clients[ip]
	return c != nil && c.lim.Tokens() < 1
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

// errNothingHere answers a secret link that opened nothing while its
// address has misses left: the same 404 for every kind of miss.
var errNothingHere = rapport.Errorf(rapport.ENOTFOUND, "there is nothing at this address")

// linkMiss counts a secret link that opened nothing against the client's
// address and returns the answer to give: errNothingHere while the
// address has misses left, errTooManyMisses (429) beyond that.
func (s *Server) linkMiss(c *gin.Context) error {
	if !s.linkMisses.Miss(c.ClientIP()) {
		c.Header("Retry-After", "60")
		return errTooManyMisses
	}
	return errNothingHere
}

// missed is the answer to a lookup by a secret link that failed: one that
// found nothing counts as a miss (linkMiss); any other error stands.
func (s *Server) missed(c *gin.Context, err error) error {
	if rapport.ErrorCode(err) == rapport.ENOTFOUND {
		return s.linkMiss(c)
	}
	return err
}

// linkHash reads the token in the path of /u/ and /r/; junk is a miss
// before any database work.
func (s *Server) linkHash(c *gin.Context) ([]byte, bool) {
	token := c.Param("token")
	if !secrets.WellFormed(token) {
		s.fail(c, s.linkMiss(c))
		return nil, false
	}
	return s.keys.Hash(token), true
}
