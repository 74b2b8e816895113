package auth

import (
	"context"

	"github.com/rapporthq/rapport/internal/rapport"
)

// Coaches finds a coach by email address: what SignIn reads (the store).
type Coaches interface {
	CoachByEmail(ctx context.Context, email string) (*rapport.Coach, error)
}

// SignIn checks a coach's email and password, for the sign-in page and the
// API alike, and returns the coach they belong to. An unknown email costs
// the same password check as a known one, so timing does not tell them
// apart, and both get the same EUNAUTHORIZED error. Limiting attempts is
// the caller's: it knows where they come from.
func SignIn(ctx context.Context, coaches Coaches, email, password string) (*rapport.Coach, error) {
	hash := ""
	coach, err := coaches.CoachByEmail(ctx, email)
	if err == nil {
		hash = coach.PasswordHash
	} else if rapport.ErrorCode(err) != rapport.ENOTFOUND {
		return nil, err
	}
	if !CheckPassword(hash, password) {
		return nil, rapport.Errorf(rapport.EUNAUTHORIZED, "the email or the password is wrong")
	}
	return coach, nil
}
