package store

import (
	"context"
	"sync"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// SurveyLink is a rater's link as a write needs it: the hash of its token
// and, once resolved, what it leads to. An unresolved link (from
// WriteLink, on its first write) has only the hash: its Framework is nil
// and the write finds the rest inside its transaction. The target of a
// cached link may be out of date but for what never changes (the rater's
// id and relationship, the framework): writes read the rest afresh.
type SurveyLink struct {
	LinkTarget
	hash string
}

// resolved reports whether the link's rater and framework are known.
func (l *SurveyLink) resolved() bool { return l.Framework != nil }

// linkCache remembers, for links this process has already resolved, which
// rater and framework they lead to. Neither ever changes for a link, so a
// write can skip the read that a fresh lookup costs; the write itself then
// reads the rater and round as they are now, inside its transaction, and
// a link whose rater was removed is forgotten there (and by RemoveRater).
type linkCache struct {
	mu    sync.Mutex
	links map[string]*SurveyLink
}

// linkCacheMax bounds the cache; past it the cache starts afresh.
const linkCacheMax = 20000

// WriteLink returns the link of a write (save, submit, decline) without
// reading the database. A link this process has written through before
// comes from the cache with its rater's id, relationship and framework
// (its other fields may be out of date; the write does not use them). Any
// other link is returned unresolved: the write finds it by its hash
// inside its own transaction, which is cheaper than a separate read before
// it, and answers ENOTFOUND if it opens no survey.
func (s *Store) WriteLink(tokenHash []byte) *SurveyLink {
	key := string(tokenHash)
	s.links.mu.Lock()
	link, ok := s.links.links[key]
	s.links.mu.Unlock()
	if ok {
		return link
	}
	return &SurveyLink{hash: key}
}

// writableLink reads the rater and round of link inside the write
// transaction and refuses a write when the survey can no longer change:
// submitted, declined, closed or removed. The rater is found by the link's
// token hash even when the link is cached: rater ids are reused after a
// delete, token hashes never. A link not resolved before the write gets
// its framework here, d is checked against it (a resolved link's draft was
// checked before the write), and the link is remembered for the next write.
func (s *Store) writableLink(ctx context.Context, tx *sqlx.Tx, link *SurveyLink, d *rapport.Draft) (*rapport.Rater, *rapport.Round, *rapport.Framework, error) {
	rater, round, err := surveyRater(ctx, tx, []byte(link.hash))
	if err != nil {
		return nil, nil, nil, err
	}
	f := link.Framework
	if !link.resolved() {
		if f, err = s.roundFramework(ctx, tx, round.FrameworkID); err != nil {
			return nil, nil, nil, err
		}
		// Remembered whatever becomes of this write, even if its
		// transaction rolls back: a link's rater and framework never change.
		s.rememberLink(&SurveyLink{LinkTarget: LinkTarget{Rater: *rater, Round: *round, Framework: f}, hash: link.hash})
		if err := d.Check(f); err != nil {
			return nil, nil, nil, err
		}
	}
	switch {
	case rater.Status == rapport.RaterSubmitted:
		return nil, nil, nil, rapport.ErrSubmitted()
	case rater.Status == rapport.RaterDeclined:
		return nil, nil, nil, rapport.ErrDeclined()
	case round.Status != rapport.RoundOpen || !round.ClosesAt.After(s.now()):
		return nil, nil, nil, rapport.ErrSurveyClosed()
	}
	return rater, round, f, nil
}

// rememberLink caches a resolved link under its token hash.
func (s *Store) rememberLink(link *SurveyLink) {
	s.links.mu.Lock()
	defer s.links.mu.Unlock()
	if s.links.links == nil || len(s.links.links) >= linkCacheMax {
		s.links.links = map[string]*SurveyLink{}
	}
	s.links.links[link.hash] = link
}

// forgetLinkIfGone drops a link from the cache when a write found that it
// no longer opens anything, and passes the error on.
func (s *Store) forgetLinkIfGone(link *SurveyLink, err error) error {
	if link.hash != "" && rapport.ErrorCode(err) == rapport.ENOTFOUND {
		s.forgetLink(link.hash)
	}
	return err
}

// forgetLink drops the link with this token hash from the cache.
func (s *Store) forgetLink(hash string) {
	s.links.mu.Lock()
	delete(s.links.links, hash)
	s.links.mu.Unlock()
}
