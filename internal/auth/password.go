// Package auth hashes and checks coach passwords and signs coaches in.
package auth

import (
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"github.com/rapporthq/rapport/internal/rapport"
)

// MinPasswordLen is the shortest password accepted; long passphrases beat
// composition rules.
const MinPasswordLen = 10

// HashPassword checks a new password's length and hashes it with bcrypt.
func HashPassword(password string) (string, error) {
	if utf8.RuneCountInString(password) < MinPasswordLen {
		return "", rapport.FieldError("password", "The password must be at least %d characters.", MinPasswordLen)
	}
	if len(password) > 72 {
		// bcrypt reads only 72 bytes; refuse rather than silently ignore the rest.
		return "", rapport.FieldError("password", "The password is too long: at most 72 characters (fewer with accented letters).")
	}
	h, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return "", err
	}
	return string(h), nil
}

// dummyHash is compared against when the account does not exist, so that a
// wrong email takes as long as a wrong password.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("no account has this password"), bcrypt.DefaultCost)

// CheckPassword reports whether password matches hash. An empty hash (no
// such account) still costs one bcrypt comparison.
func CheckPassword(hash, password string) bool {
	if hash == "" {
		_ = bcrypt.CompareHashAndPassword(dummyHash, []byte(password))
		return false
	}
	err := bcrypt.CompareHashAndPassword([]byte(hash), []byte(password))
	return err == nil
}
