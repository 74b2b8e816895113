package store

import (
	"context"
	"sync"

	"github.com/rapporthq/rapport/internal/rapport"
)

// linkCache remembers, for links this process has already resolved, which
// rater and framework they lead to. Neither ever changes for a link, so a
// write can skip the read that a fresh lookup costs; the write itself then
// reads the rater and round as they are now, inside its transaction, and
// a link whose rater was removed is forgotten there.
type linkCache struct {
	mu    sync.Mutex
	links map[string]*Survey
}

// linkCacheMax bounds the cache; past it the cache starts afresh.
const linkCacheMax = 20000

// WriteLink resolves a link for a write (save, submit, decline). The
// survey it returns carries the rater's id, relationship and framework;
// its other fields may be out of date, and the write does not use them.
func (s *Store) WriteLink(ctx context.Context, tokenHash []byte) (*Survey, error) {
	key := string(tokenHash)
	s.links.mu.Lock()
	link, ok := s.links.links[key]
	s.links.mu.Unlock()
	if ok {
		return link, nil
	}
	link, err := s.SurveyLink(ctx, tokenHash)
	if err != nil {
		return nil, err
	}
	link.hash = key
	s.links.mu.Lock()
	if s.links.links == nil || len(s.links.links) >= linkCacheMax {
		s.links.links = map[string]*Survey{}
	}
	s.links.links[key] = link
	s.links.mu.Unlock()
	return link, nil
}

// forgetLinkIfGone drops a link from the cache when a write found that it
// no longer opens anything, and passes the error on.
func (s *Store) forgetLinkIfGone(link *Survey, err error) error {
	if link.hash != "" && rapport.ErrorCode(err) == rapport.ENOTFOUND {
		s.links.mu.Lock()
		delete(s.links.links, link.hash)
		s.links.mu.Unlock()
	}
	return err
}
