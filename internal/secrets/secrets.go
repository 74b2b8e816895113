// Package secrets turns the instance secret into purpose-bound keys, and
// makes, hashes and seals the tokens in survey and report links.
//
// A link token is 32 random bytes (256 bits) in base64url. The database
// keeps only an HMAC of it for lookup, and, because reminders must repeat the
// same link, the token sealed with AES-GCM under a key derived from the
// secret: a copy of the database without the secret opens nothing.
package secrets

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
)

// Keys holds the keys derived from the instance secret.
type Keys struct {
	lookup []byte
	optOut []byte
	aead   cipher.AEAD
}

// New derives the keys from the instance secret.
func New(secret []byte) (*Keys, error) {
	if len(secret) < 32 {
		return nil, errors.New("secrets: the instance secret must be at least 32 bytes")
	}
	block, err := aes.NewCipher(Derive(secret, "link-token-seal"))
	if err != nil {
		return nil, fmt.Errorf("secrets: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("secrets: %w", err)
	}
	return &Keys{lookup: Derive(secret, "link-token-lookup"), optOut: Derive(secret, "opt-out"), aead: aead}, nil
}

// Derive returns a 32-byte key for one purpose, so that no two uses of the
// secret share a key.
func Derive(secret []byte, purpose string) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("rapport/v1/" + purpose))
	return m.Sum(nil)
}

// TokenLen is the length of a token in characters (32 bytes in base64url).
const TokenLen = 43

// NewToken returns a fresh random token.
func NewToken() string {
	b := make([]byte, 32)
	if _, err := io.ReadFull(rand.Reader, b); err != nil {
		panic("secrets: the system random source failed: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// WellFormed reports whether s could be a token, so that junk is turned
// away before any database work.
func WellFormed(s string) bool {
	if len(s) != TokenLen {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil
}

// Hash is the keyed hash stored for looking a token up.
func (k *Keys) Hash(token string) []byte {
	m := hmac.New(sha256.New, k.lookup)
	m.Write([]byte(token))
	return m.Sum(nil)
}

// Seal encrypts a token for storage.
func (k *Keys) Seal(token string) []byte {
	nonce := make([]byte, k.aead.NonceSize())
	if _, err := io.ReadFull(rand.Reader, nonce); err != nil {
		panic("secrets: the system random source failed: " + err.Error())
	}
	return k.aead.Seal(nonce, nonce, []byte(token), nil)
}

// Open decrypts a sealed token.
func (k *Keys) Open(sealed []byte) (string, error) {
	n := k.aead.NonceSize()
	if len(sealed) < n {
		return "", errors.New("secrets: sealed token too short")
	}
	plain, err := k.aead.Open(nil, sealed[:n], sealed[n:], nil)
	if err != nil {
		return "", errors.New("secrets: sealed token does not open with this secret")
	}
	return string(plain), nil
}

// NewLink makes a token with its hash and sealed copy, ready to store.
func (k *Keys) NewLink() (token string, hash, sealed []byte) {
	token = NewToken()
	return token, k.Hash(token), k.Seal(token)
}

// OptOutToken is the token of a rater's unsubscribe link, derived from their
// survey token. The unsubscribe link travels further than the survey link
// (List-Unsubscribe headers are read by mail providers and gateways), so it
// must not open the survey: it is an HMAC of the survey token under its own
// key, from which the survey token cannot be recovered. Being derived, it
// needs no storage of its own beyond its lookup hash.
func (k *Keys) OptOutToken(surveyToken string) string {
	m := hmac.New(sha256.New, k.optOut)
	m.Write([]byte(surveyToken))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}
