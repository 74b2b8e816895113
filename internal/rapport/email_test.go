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
		{"c@example.com", "c@ex\u00adample.com"},  // soft hyphen
		{"c@example.com", "c@exa\u200bmple.com"},  // zero-width space
		{"c@example.com", "c\u200d@example.com"},  // zero-width joiner
		{"c@example.com", "c@example.com."},       // the root's dot
		{"c@xn--exmple-cua.com", "c@exämple.com"}, // IDNA
		{"c@xn--exmple-cua.com", "c@EXÄMPLE.com"},
		{"c@mail.example.com", "c@mail.example\u3002com"}, // ideographic full stop
		{"coach@gmail.com", "c.o.a.c.h@gmail.com"},
		{"coach@gmail.com", "Co.ach+tag@googlemail.com"},
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
		{"c.oach@example.com", "coach@example.com"}, // dots matter outside Gmail
		{"coach@gmail.com", "coach@gmail.com.evil.example"},
	}
	for _, p := range different {
		if a, b := rapport.EmailKey(p[0]), rapport.EmailKey(p[1]); a == b {
			t.Errorf("%q and %q compare equal (%q)", p[0], p[1], a)
		}
	}
}

func TestNormalizeEmail(t *testing.T) {
	t.Run("AcceptsInternationalDomains", func(t *testing.T) {
		for _, addr := range []string{"zoë@exämple.com", "c@xn--exmple-cua.com", "ana@mail.example\u3002com"} {
			if _, err := rapport.NormalizeEmail("email", "the", addr); err != nil {
				t.Errorf("%q: %v", addr, err)
			}
		}
	})
	t.Run("KeepsTheAddressAsTyped", func(t *testing.T) {
		if got, err := rapport.NormalizeEmail("email", "the", "  Ana+Peer@Example.com "); err != nil || got != "Ana+Peer@Example.com" {
			t.Errorf("got %q, %v", got, err)
		}
	})
	for name, addr := range map[string]string{"BytesThatAreNotText": "an\xffa@example.com", "AReplacementCharacter": "an\uFFFDa@example.com",
		"NUL": "ana\x00@example.com", "DisplayName": "Ana <ana@example.com>", "NoDotInTheDomain": "ana@localhost",
		"SoftHyphen": "c@ex\u00adample.com", "ZeroWidthSpace": "c@exa\u200bmple.com", "ZeroWidthSpaceInTheLocalPart": "c\u200b@example.com",
		"BidiOverride": "c\u202e@example.com", "NoBreakSpace": "c\u00a0@example.com", "IPLiteral": "c@[127.0.0.1]",
		"DomainIDNARefuses": "c@xn--zz.com", "UnderscoreInDomain": "c@ex_ample.com"} {
		t.Run("Refuses"+name, func(t *testing.T) {
			if _, err := rapport.NormalizeEmail("email", "the", addr); rapport.ErrorField(err) != "email" {
				t.Errorf("%q: err %v", addr, err)
			}
		})
	}
}
