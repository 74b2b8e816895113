package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// raterAddresses holds what a round's rater addresses are checked
// against, every address as its rapport.EmailKey: a coach must not pad a
// group with themself (two fake peers beside one real peer would reveal
// the real one's answers), so no rater may have any coach account's
// address, nor the leader's outside the self group, nor another rater's.
type raterAddresses struct {
	coaches map[string]bool // every coach account on this instance
	leader  string          // the round's leader
	raters  map[string]bool // the round's raters
}

// loadRaterAddresses reads the addresses a rater of round r is checked against.
func loadRaterAddresses(ctx context.Context, tx *sqlx.Tx, r *rapport.Round) (*raterAddresses, error) {
	var coaches, raters []string
	var leader string
	if err := tx.SelectContext(ctx, &coaches, `SELECT email FROM coaches`); err != nil {
		return nil, fmt.Errorf("store: coach addresses: %w", err)
	}
	if err := tx.GetContext(ctx, &leader, `SELECT email FROM leaders WHERE id = ?`, r.LeaderID); err != nil {
		return nil, fmt.Errorf("store: leader address: %w", err)
	}
	if err := tx.SelectContext(ctx, &raters, `SELECT email FROM raters WHERE round_id = ?`, r.ID); err != nil {
		return nil, fmt.Errorf("store: rater addresses: %w", err)
	}
	a := &raterAddresses{coaches: map[string]bool{}, leader: rapport.EmailKey(leader), raters: map[string]bool{}}
	for _, e := range coaches {
		a.coaches[rapport.EmailKey(e)] = true
	}
	for _, e := range raters {
		a.raters[rapport.EmailKey(e)] = true
	}
	return a, nil
}

// padding says why a rater with this address and relationship would let
// the coach or the leader answer in another's place (422 on email), or nil.
// The self rater is the leader, identified by design: neither rule applies
// to them (a leader may hold a coach account too).
func (a *raterAddresses) padding(email string, rel rapport.Relationship) error {
	key := rapport.EmailKey(email)
	switch {
	case rel == rapport.Self:
		return nil
	case a.coaches[key]:
		return rapport.FieldError("email", "%s is the address of a coach account on this service; a coach cannot rate a leader. Use the rater's own address.", email)
	case key == a.leader:
		return rapport.FieldError("email", "%s is the leader's own address; the leader answers once, as the round's self rater. Use the rater's own address.", email)
	}
	return nil
}

// duplicate says that a rater with this address is in the round already
// (409 on email), however the address is written, or nil.
func (a *raterAddresses) duplicate(email string) error {
	if a.raters[rapport.EmailKey(email)] {
		return &rapport.Error{Code: rapport.ECONFLICT, Field: "email", Message: fmt.Sprintf("%s is already a rater in this round.", email)}
	}
	return nil
}

// paddedRaters refuses a launch, naming the raters who fail the padding
// rule now: a coach account may have been created with their address
// after they were added. Nil when none does.
func paddedRaters(ctx context.Context, tx *sqlx.Tx, r *rapport.Round) error {
	a, err := loadRaterAddresses(ctx, tx, r)
	if err != nil {
		return err
	}
	var raters []rapport.Rater
	if err := tx.SelectContext(ctx, &raters, `SELECT `+raterColumns+` FROM raters WHERE round_id = ? ORDER BY id`, r.ID); err != nil {
		return fmt.Errorf("store: launch check: %w", err)
	}
	var bad []string
	for _, rt := range raters {
		if a.padding(rt.Email, rt.Relationship) != nil {
			bad = append(bad, fmt.Sprintf("%s (%s)", rt.Name, rt.Email))
		}
	}
	if len(bad) == 0 {
		return nil
	}
	return rapport.Errorf(rapport.EINVALID, "These raters have a coach account's or the leader's own address and cannot rate: %s. Remove them before launching.",
		strings.Join(bad, ", "))
}

// emailTaken reports whether addr is one of list, compared as rapport.EmailKey.
func emailTaken(addr string, list []string) bool {
	key := rapport.EmailKey(addr)
	for _, e := range list {
		if rapport.EmailKey(e) == key {
			return true
		}
	}
	return false
}
