package store

import (
	"context"
	"sync"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// SurveyLink is a rater's link as a write needs it: the hash of its token
// and, once resolved, what it leads to. A link from WriteLink carries its
// framework at most (from the cache), never its rater or round: the write
// reads those afresh inside its transaction, and an unresolved link (its
// first write here) finds its framework there too.
type SurveyLink struct {
	LinkTarget
	hash string
}

// resolved reports whether the link's framework is known, so that a draft
// can be checked before the write.
func (l *SurveyLink) resolved() bool { return l.Framework != nil }

// linkCache remembers, for links this process has saved a draft through,
// the framework they lead to, which never changes for a link: the next
// save's draft is checked before the write instead of on the single
// writer. Only the framework is kept (a pointer into the framework cache),
// and only for links that can still be written: a submit or a decline
// forgets its link, and a link is only remembered by a save. Under a
// stream of submits of links never seen before the cache then stays
// empty, instead of holding a rater and a round for each (about 14 MiB of
// live heap at its bound, which the garbage collector scanned at every
// cycle; docs/benchmarks.md).
type linkCache struct {
	mu         sync.Mutex
	frameworks map[string]*rapport.Framework // by token hash
}

// linkCacheMax bounds the cache; past it the cache starts afresh.
const linkCacheMax = 20000

// WriteLink returns the link of a write (save, submit, decline) without
// reading the database: with its framework if a draft was saved through it
// before, else unresolved. The write finds the link by its hash inside its
// own transaction, which is cheaper than a separate read before it, and
// answers ENOTFOUND if it opens no survey.
func (s *Store) WriteLink(tokenHash []byte) *SurveyLink {
	key := string(tokenHash)
	s.links.mu.Lock()
	f := s.links.frameworks[key]
	s.links.mu.Unlock()
	return &SurveyLink{LinkTarget: LinkTarget{Framework: f}, hash: key}
}

// writableLink reads the rater and round of link inside the write
// transaction and refuses a write when the survey can no longer change:
// submitted, declined, closed or removed. The rater is found by the link's
// token hash even when the link is cached: rater ids are reused after a
// delete, token hashes never. A link not resolved before the write gets
// its framework here, and d is checked against it (a resolved link's draft
// was checked before the write). response is the number the rater's
// answers are stored under (see surveyRater).
func (s *Store) writableLink(ctx context.Context, tx *sqlx.Tx, link *SurveyLink, d *rapport.Draft) (*rapport.Rater, *rapport.Round, *rapport.Framework, int64, error) {
	rater, round, response, err := surveyRater(ctx, tx, []byte(link.hash))
	if err != nil {
		return nil, nil, nil, 0, err
	}
	f := link.Framework
	if !link.resolved() {
		if f, err = s.roundFramework(ctx, tx, round.FrameworkID); err != nil {
			return nil, nil, nil, 0, err
		}
		if err := d.Check(f); err != nil {
			return nil, nil, nil, 0, err
		}
	}
	switch {
	case rater.Status == rapport.RaterSubmitted:
		return nil, nil, nil, 0, rapport.ErrSubmitted()
	case rater.Status == rapport.RaterDeclined:
		return nil, nil, nil, 0, rapport.ErrDeclined()
	case round.Status != rapport.RoundOpen || !round.ClosesAt.After(s.now()):
		return nil, nil, nil, 0, rapport.ErrSurveyClosed()
	}
	return rater, round, f, response, nil
}

// rememberLink caches the framework of a link a draft was saved through.
func (s *Store) rememberLink(hash string, f *rapport.Framework) {
	s.links.mu.Lock()
	defer s.links.mu.Unlock()
	if s.links.frameworks == nil || len(s.links.frameworks) >= linkCacheMax {
		s.links.frameworks = map[string]*rapport.Framework{}
	}
	s.links.frameworks[hash] = f
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
	delete(s.links.frameworks, hash)
	s.links.mu.Unlock()
}
