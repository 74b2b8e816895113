package rapport

import (
	"fmt"
	"time"
)

// RaterProposed is the status the coach sees on a rater the leader
// nominated and the coach has not yet approved. It is not a step of
// answering: a proposal exists only in a draft round, and launch waits
// until the coach has decided on every one (see ProposalsAwait).
const RaterProposed RaterStatus = "proposed"

// Nomination statuses: the leader is still choosing, or has sent their
// list to the coach.
const (
	NominationOpen      = "open"
	NominationSubmitted = "submitted"
)

// Nomination is what the leader sees at their nomination link.
type Nomination struct {
	RoundID            int64        `db:"round_id" json:"-"`
	RoundTitle         string       `db:"round_title" json:"round_title"`
	RoundStatus        RoundStatus  `db:"round_status" json:"-"`
	LeaderName         string       `db:"leader_name" json:"leader_name"`
	CoachName          string       `db:"coach_name" json:"-"`
	AnonymityThreshold int          `db:"anonymity_threshold" json:"anonymity_threshold"`
	Status             string       `db:"status" json:"status"`
	SubmittedAt        *time.Time   `db:"submitted_at" json:"-"`
	Nominees           []RaterInput `db:"-" json:"nominees"`
}

// CanChange: the leader edits and submits their list while it is open and
// the round is still a draft; after launch the coach's rater list stands.
func (n *Nomination) CanChange() error {
	if n.RoundStatus != RoundDraft {
		return Errorf(ECONFLICT, "The round has been launched, so the list of raters is closed. Please contact your coach.")
	}
	if n.Status == NominationSubmitted {
		return Errorf(ECONFLICT, "You have already sent your list to your coach. Please contact them to change it.")
	}
	return nil
}

// NominationInput is the leader's list of proposed raters.
type NominationInput struct {
	Nominees []RaterInput `json:"nominees"`
}

// Validate trims and checks every nominee like a rater the coach adds,
// reporting every fault with its place in the list (nominees.2.email).
// A leader proposes others: not themself, not a coach (addrs holds the
// padding rule), and nobody twice.
func (in *NominationInput) Validate(addrs *RaterAddresses) error {
	var v Faults
	if len(in.Nominees) > MaxRatersPerRound {
		return FieldError("nominees", "Propose at most %d people.", MaxRatersPerRound)
	}
	seen := map[string]int{}
	for i := range in.Nominees {
		n := &in.Nominees[i]
		at := func(field string) string { return fmt.Sprintf("nominees.%d.%s", i, field) }
		if err := n.Validate(); err != nil {
			for _, f := range ErrorFaults(err) {
				v.list = append(v.list, FieldFault{Field: at(f.Field), Message: f.Message})
			}
			continue
		}
		if n.Relationship == Self {
			v.list = append(v.list, FieldFault{Field: at("relationship"),
				Message: "You answer as yourself already; propose the people who work with you."})
			continue
		}
		if err := addrs.Padding(n.Email, n.Relationship); err != nil {
			msg := ErrorMessage(err)
			if addrs.Coach(n.Email) {
				// Which addresses hold coach accounts is not the leader's to learn.
				msg = fmt.Sprintf("%s cannot be proposed; please ask your coach.", n.Email)
			}
			v.list = append(v.list, FieldFault{Field: at("email"), Message: msg})
			continue
		}
		key := EmailKey(n.Email)
		if first, dup := seen[key]; dup {
			v.list = append(v.list, FieldFault{Field: at("email"),
				Message: fmt.Sprintf("%s is already on your list (person %d).", n.Email, first+1)})
			continue
		}
		seen[key] = i
	}
	return v.Err()
}

// ProposalsAwait refuses a launch while the coach has not decided on
// every rater the leader proposed.
func ProposalsAwait(n int) error {
	if n == 0 {
		return nil
	}
	return Errorf(ECONFLICT, "%d proposed rater(s) await your decision: approve or remove each before launching.", n)
}

// CanNominate: the leader is asked for raters only while the round is a
// draft.
func (r *Round) CanNominate() error {
	if r.Status != RoundDraft {
		return Errorf(ECONFLICT, "the round is %s; the leader can nominate raters only while it is a draft", r.Status)
	}
	return nil
}

// Kinds of email of the nomination: the link to the leader, and the
// notice to the coach that the list has arrived.
const (
	EmailNomination          = "nomination"
	EmailNominationSubmitted = "nomination_submitted"
)
