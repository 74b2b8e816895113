package rapport

import "time"

// The rules on what may happen to a round in each state. The store checks
// them inside the transaction that makes the change, on the round as it
// reads it there; each is nil when the change may go ahead.

// CanEdit: only a draft's settings change; once launched, raters were
// told these terms.
func (r *Round) CanEdit() error {
	if r.Status != RoundDraft {
		return Errorf(ECONFLICT, "the round is %s; only a draft round can be edited", r.Status)
	}
	return nil
}

// CanLaunch: a draft whose deadline is still ahead, with at least one
// rater besides the leader (others counts them).
func (r *Round) CanLaunch(now time.Time, others int) error {
	if r.Status != RoundDraft {
		return Errorf(ECONFLICT, "the round is %s; only a draft round can be launched", r.Status)
	}
	if !r.ClosesAt.After(now) {
		return FieldError("closes_at", "the deadline has passed; set a later one before launching")
	}
	if others == 0 {
		return Errorf(EINVALID, "add at least one rater besides the leader before launching")
	}
	return nil
}

// CanClose: only an open round closes.
func (r *Round) CanClose() error {
	if r.Status != RoundOpen {
		return Errorf(ECONFLICT, "the round is %s; only an open round can be closed", r.Status)
	}
	return nil
}

// CanRelease: a closed round's report is released once.
func (r *Round) CanRelease() error {
	if r.Status != RoundClosed {
		return Errorf(ECONFLICT, "the round is %s; only a closed round's report can be released", r.Status)
	}
	if r.Released() {
		return Errorf(ECONFLICT, "the report was already released on %s", r.ReleasedAt.Format("2 January 2006"))
	}
	return nil
}

// CanRemind: reminders go only to an open round.
func (r *Round) CanRemind() error {
	if r.Status != RoundOpen {
		return Errorf(ECONFLICT, "the round is %s; reminders go only to an open round", r.Status)
	}
	return nil
}

// CanAddRaters: a closed round takes no new raters, since a late answer
// would show in the difference between two reports.
func (r *Round) CanAddRaters() error {
	if r.Status == RoundClosed {
		return Errorf(ECONFLICT, "the round is closed; raters can no longer be added")
	}
	return nil
}

// CanRemoveRater: a rater leaves a round that is not closed, and only
// before they start answering.
func (r *Round) CanRemoveRater(status RaterStatus) error {
	if r.Status == RoundClosed {
		return Errorf(ECONFLICT, "the round is closed; its raters can no longer change")
	}
	if status.Started() {
		return Errorf(ECONFLICT, "this rater has already started answering and cannot be removed")
	}
	return nil
}

// CanCopyRaters: raters are copied into a draft only, before anyone is
// invited, so the coach reviews the list before launch.
func (r *Round) CanCopyRaters() error {
	if r.Status != RoundDraft {
		return Errorf(ECONFLICT, "the round is %s; raters are copied only into a draft round", r.Status)
	}
	return nil
}

// CanDelete: only a draft is deleted; once launched, raters were invited
// and their answers belong to the record.
func (r *Round) CanDelete() error {
	if r.Status != RoundDraft {
		return Errorf(ECONFLICT, "the round is %s; only a draft round can be deleted", r.Status)
	}
	return nil
}
