package rapport_test

import (
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
)

func TestEmailKey(t *testing.T) {
	same := [][2]string{
		{"coach@example.com", "Coach@Example.COM"},
		{"coach@example.com", "coach+2@example.com"},
		{"coach@example.com", "COACH+peer+x@example.com"},
		{"coach@example.com", "ｃｏａｃｈ@ｅｘａｍｐｌｅ.ｃｏｍ"},
		{"zoë@example.com", "ZOË@example.com"},
		{"zoë@example.com", "zoe\u0308@example.com"}, // decomposed ë
		{" ana@example.com ", "ana@example.com"},
	}
	for _, p := range same {
		if a, b := rapport.EmailKey(p[0]), rapport.EmailKey(p[1]); a != b {
			t.Errorf("%q and %q differ: %q, %q", p[0], p[1], a, b)
		}
	}
	different := [][2]string{
		{"coach@example.com", "coach@example.org"},
		{"coach@example.com", "coach2@example.com"},
		{"+tag@example.com", "@example.com"},
		{"ana@example.com", "ana+x@other.example.com"},
	}
	for _, p := range different {
		if a, b := rapport.EmailKey(p[0]), rapport.EmailKey(p[1]); a == b {
			t.Errorf("%q and %q compare equal (%q)", p[0], p[1], a)
		}
	}
}

func TestNormalizeEmail(t *testing.T) {
	t.Run("KeepsTheAddressAsTyped", func(t *testing.T) {
		if got, err := rapport.NormalizeEmail("email", "the", "  Ana+Peer@Example.com "); err != nil || got != "Ana+Peer@Example.com" {
			t.Errorf("got %q, %v", got, err)
		}
	})
	for name, addr := range map[string]string{"BytesThatAreNotText": "an\xffa@example.com", "AReplacementCharacter": "an\uFFFDa@example.com",
		"NUL": "ana\x00@example.com", "DisplayName": "Ana <ana@example.com>", "NoDotInTheDomain": "ana@localhost"} {
		t.Run("Refuses"+name, func(t *testing.T) {
			if _, err := rapport.NormalizeEmail("email", "the", addr); rapport.ErrorField(err) != "email" {
				t.Errorf("%q: err %v", addr, err)
			}
		})
	}
}
