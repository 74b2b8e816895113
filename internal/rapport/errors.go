// Package rapport holds Rapport's domain: its types, the inputs a coach
// gives and their validation, the rules on what may happen to a round and
// who may rate in it, the one error type the rest of the program speaks
// and every phrase that names a relationship (relationship.go). It imports
// nothing of the project.
package rapport

import (
	"errors"
	"fmt"
)

// Error codes, mapped to HTTP statuses in one place (internal/web).
const (
	EMALFORMED    = "malformed"    // the request could not be read at all (400)
	EUNAUTHORIZED = "unauthorized" // missing or wrong credentials (401)
	ENOTFOUND     = "not_found"    // unknown, or not the caller's (404)
	ECONFLICT     = "conflict"     // wrong state or duplicate (409)
	ETOOLARGE     = "too_large"    // body over the limit (413)
	EINVALID      = "invalid"      // readable but breaks a rule (422)
	ERATELIMIT    = "rate_limited" // too many attempts (429)
	EINTERNAL     = "internal"     // anything else (500)
)

// Error is an application error with a code, a message safe to show to the
// user and, where one field is at fault, that field's name.
type Error struct {
	Code    string
	Message string
	Field   string
	// Faults holds every field at fault when the input had several (the
	// first is Field and Message): pages point them all out at once, the
	// API names the first.
	Faults []FieldFault
}

// FieldFault is what is wrong with one field, in the user's words.
type FieldFault struct {
	Field   string
	Message string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s (%s)", e.Code, e.Message, e.Field)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Errorf builds an *Error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError builds an invalid-input error that points at one field.
func FieldError(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of an application error, or EINTERNAL.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of an application error, or a
// generic one for internal errors (whose details belong in the logs only).
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Something went wrong on our side. Please try again."
}

// ErrorField returns the field an application error points at, if any.
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

// ErrorFaults returns every field an application error points at, in the
// order they were found; nil when it points at none.
func ErrorFaults(err error) []FieldFault {
	var e *Error
	if !errors.As(err, &e) {
		return nil
	}
	if len(e.Faults) > 0 {
		return e.Faults
	}
	if e.Field != "" {
		return []FieldFault{{Field: e.Field, Message: e.Message}}
	}
	return nil
}
