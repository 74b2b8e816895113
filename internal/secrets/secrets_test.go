package secrets_test

import (
	"bytes"
	"testing"

	"github.com/rapporthq/rapport/internal/secrets"
)

func TestLinks(t *testing.T) {
	k, err := secrets.New([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	other, _ := secrets.New([]byte("another secret, another secret, 42"))

	token, hash, sealed := k.NewLink()
	t.Run("TokensAre256BitsOfBase64URL", func(t *testing.T) {
		if len(token) != secrets.TokenLen || !secrets.WellFormed(token) {
			t.Fatalf("token %q", token)
		}
		if token2, _, _ := k.NewLink(); token2 == token {
			t.Fatal("two links share a token")
		}
		for _, bad := range []string{"", "short", token + "x", token[:42] + "!"} {
			if secrets.WellFormed(bad) {
				t.Errorf("%q passes as well formed", bad)
			}
		}
	})
	t.Run("HashIsKeyedAndStable", func(t *testing.T) {
		if !bytes.Equal(hash, k.Hash(token)) {
			t.Fatal("hash not stable")
		}
		if bytes.Equal(hash, other.Hash(token)) {
			t.Fatal("hash does not depend on the secret")
		}
	})
	t.Run("SealedTokenOpensOnlyWithTheSecret", func(t *testing.T) {
		if bytes.Contains(sealed, []byte(token)) {
			t.Fatal("sealed copy holds the token in the clear")
		}
		got, err := k.Open(sealed)
		if err != nil || got != token {
			t.Fatalf("open: %q %v", got, err)
		}
		if _, err := other.Open(sealed); err == nil {
			t.Fatal("another secret opened the token")
		}
	})
	t.Run("OptOutTokenIsItsOwnSecret", func(t *testing.T) {
		optOut := k.OptOutToken(token)
		if !secrets.WellFormed(optOut) || optOut == token {
			t.Fatalf("opt-out token %q for %q", optOut, token)
		}
		if optOut != k.OptOutToken(token) {
			t.Fatal("opt-out token not stable")
		}
		if optOut == other.OptOutToken(token) {
			t.Fatal("opt-out token does not depend on the secret")
		}
		if bytes.Equal(k.Hash(optOut), hash) {
			t.Fatal("opt-out token hashes like the survey token")
		}
	})
	t.Run("RefusesAShortSecret", func(t *testing.T) {
		if _, err := secrets.New([]byte("short")); err == nil {
			t.Fatal("short secret accepted")
		}
	})
}
