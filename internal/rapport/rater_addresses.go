package rapport

import (
	"fmt"
	"strings"
)

// RaterAddresses holds what a round's rater addresses are checked
// against, every address as its EmailKey: a coach must not pad a group
// with themself (two fake peers beside one real peer would reveal the real
// one's answers), so no rater may have any coach account's address, nor
// the leader's outside the self group, nor another rater's.
type RaterAddresses struct {
	coaches map[string]bool // every coach account on this instance
	leader  string          // the round's leader
	raters  map[string]bool // the round's raters
}

// NewRaterAddresses keys the addresses of every coach account, of the
// round's leader and of its raters.
func NewRaterAddresses(coaches []string, leader string, raters []string) *RaterAddresses {
	a := &RaterAddresses{coaches: map[string]bool{}, leader: EmailKey(leader), raters: map[string]bool{}}
	for _, e := range coaches {
		a.coaches[EmailKey(e)] = true
	}
	for _, e := range raters {
		a.raters[EmailKey(e)] = true
	}
	return a
}

// Padding says why a rater with this address and relationship would let
// the coach or the leader answer in another's place (422 on email), or nil.
// The self rater is the leader, identified by design: neither rule applies
// to them (a leader may hold a coach account too).
func (a *RaterAddresses) Padding(email string, rel Relationship) error {
	key := EmailKey(email)
	switch {
	case rel == Self:
		return nil
	case a.coaches[key]:
		return FieldError("email", "%s is the address of a coach account on this service; a coach cannot rate a leader. Use the rater's own address.", email)
	case key == a.leader:
		return FieldError("email", "%s is the leader's own address; the leader answers once, as the round's self rater. Use the rater's own address.", email)
	}
	return nil
}

// Coach says whether the address is a coach account's, however written.
func (a *RaterAddresses) Coach(email string) bool { return a.coaches[EmailKey(email)] }

// Duplicate says that a rater with this address is in the round already
// (409 on email), however the address is written, or nil.
func (a *RaterAddresses) Duplicate(email string) error {
	if a.raters[EmailKey(email)] {
		return ErrRaterTaken(email)
	}
	return nil
}

// Add counts an address as the round's from now on, so that a second
// rater with it is a duplicate.
func (a *RaterAddresses) Add(email string) { a.raters[EmailKey(email)] = true }

// PaddedRaters refuses a launch, naming the raters who fail the padding
// rule now: a coach account may have been created with their address
// after they were added. Nil when none does.
func (a *RaterAddresses) PaddedRaters(raters []Rater) error {
	var bad []string
	for _, rt := range raters {
		if a.Padding(rt.Email, rt.Relationship) != nil {
			bad = append(bad, fmt.Sprintf("%s (%s)", rt.Name, rt.Email))
		}
	}
	if len(bad) == 0 {
		return nil
	}
	return Errorf(EINVALID, "These raters have a coach account's or the leader's own address and cannot rate: %s. Remove them before launching.",
		strings.Join(bad, ", "))
}

// ErrRaterTaken refuses a second rater with an address already in the round.
func ErrRaterTaken(email string) error {
	return &Error{Code: ECONFLICT, Field: "email", Message: fmt.Sprintf("%s is already a rater in this round.", email)}
}

// ErrSelfTaken refuses a second self rater: the leader already is one.
func ErrSelfTaken() error {
	return &Error{Code: ECONFLICT, Field: "relationship",
		Message: "The leader is already the round's self rater; choose " + RaterChoices() + "."}
}

// ErrLeaderTaken refuses a coach's second leader with one mailbox.
func ErrLeaderTaken(email string) error {
	return &Error{Code: ECONFLICT, Field: "email", Message: fmt.Sprintf("You already have a leader with the email address %s.", email)}
}

// ErrCoachTaken refuses a second coach account with one mailbox.
func ErrCoachTaken() error {
	return &Error{Code: ECONFLICT, Field: "email", Message: "A coach with this email address already exists."}
}

// EmailTaken reports whether addr is one of list, compared as EmailKey.
func EmailTaken(addr string, list []string) bool {
	key := EmailKey(addr)
	for _, e := range list {
		if EmailKey(e) == key {
			return true
		}
	}
	return false
}
