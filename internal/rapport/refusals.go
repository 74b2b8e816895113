package rapport

import "fmt"

// The refusals the store meets in its SQL, worded here with the rest of
// the domain's messages so that the store returns facts, not sentences.

// ErrNoSurvey is the one answer to every token that does not open a
// survey (unknown, malformed, removed, or a round not launched yet), so
// that none can be told from another.
var ErrNoSurvey = Errorf(ENOTFOUND, "there is no survey at this address")

// NotFound says that the named thing ("round", "leader") does not exist,
// or not for this coach: the two are never told apart.
func NotFound(what string) error { return Errorf(ENOTFOUND, "%s not found", what) }

// ErrSubmitted, ErrDeclined and ErrSurveyClosed refuse a write through a
// survey link whose answers can no longer change.
func ErrSubmitted() error {
	return Errorf(ECONFLICT, "these answers have already been submitted and can no longer change")
}

func ErrDeclined() error {
	return Errorf(ECONFLICT, "this survey was declined and can no longer change")
}

func ErrSurveyClosed() error {
	return Errorf(ECONFLICT, "this feedback round has closed; answers can no longer change")
}

// ErrRoundFull refuses a rater beyond MaxRatersPerRound.
func ErrRoundFull() error {
	return Errorf(EINVALID, "A round holds at most %d raters.", MaxRatersPerRound)
}

// ErrBuiltinFramework and ErrFrameworkInUse refuse changes to a
// framework whose items answers may point at.
func ErrBuiltinFramework() error {
	return Errorf(ECONFLICT, "built-in frameworks cannot be changed; duplicate it and edit the copy")
}

func ErrFrameworkInUse(rounds int) error {
	return Errorf(ECONFLICT, "this framework is used by %d round(s) and can no longer change; duplicate it and edit the copy", rounds)
}

// ErrSignInNeeded, ErrSessionExpired and ErrUnknownAPIToken refuse a
// request without a valid credential.
func ErrSignInNeeded() error { return Errorf(EUNAUTHORIZED, "please sign in") }

func ErrSessionExpired() error {
	return Errorf(EUNAUTHORIZED, "your session has expired; please sign in again")
}

func ErrUnknownAPIToken() error {
	return Errorf(EUNAUTHORIZED, "the API token is unknown or expired: create a new one with POST /api/v1/tokens")
}

// ErrFrameworkKeyTaken refuses a second framework with the same key.
func ErrFrameworkKeyTaken(key string) error {
	return &Error{Code: ECONFLICT, Field: "key", Message: fmt.Sprintf("A framework with the key %q already exists: choose another key.", key)}
}

// ErrNoFramework refuses a round on a framework key nobody has.
func ErrNoFramework(key string) error {
	return FieldError("framework_key", "There is no framework with the key %q.", key)
}
