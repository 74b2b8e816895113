package rapport_test

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rapporthq/rapport/internal/framework"
	"github.com/rapporthq/rapport/internal/rapport"
)

// jsonDecoded is what encoding/json makes of s inside a JSON string: the
// behaviour every other transport must match.
func jsonDecoded(t testing.TB, s string) (string, bool) {
	var out string
	quoted, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	// Marshal already replaced invalid bytes; put the raw bytes back between
	// the quotes so Unmarshal sees them as a client would send them.
	if !utf8.ValidString(s) {
		if strings.ContainsAny(s, "\"\\") || strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 }) {
			return "", false // would need escaping: not a raw JSON string
		}
		quoted = []byte(`"` + s + `"`)
	}
	if err := json.Unmarshal(quoted, &out); err != nil {
		t.Fatalf("unmarshal %q: %v", quoted, err)
	}
	return out, true
}

// FuzzValidUTF8MatchesJSON checks that ValidUTF8 replaces exactly as
// encoding/json does, so a form or a CSV stores what the same bytes in a
// JSON body store.
func FuzzValidUTF8MatchesJSON(f *testing.F) {
	for _, s := range []string{"", "plain", "Zoë 😀", "\x80", "\xc0\xaf", "\xf0\x9f\x98", "a\xffb\xfe", "\xed\xa0\x80 surrogate",
		"\xf4\x90\x80\x80 above U+10FFFF", "\xe2\x82", "ok \xf0\x9f\x98\x80 \xf0\x9f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, ok := jsonDecoded(t, s)
		if !ok {
			return
		}
		got := rapport.ValidUTF8(s)
		if got != want {
			t.Errorf("ValidUTF8(%q) = %q, encoding/json gives %q", s, got, want)
		}
		if !utf8.ValidString(got) {
			t.Errorf("ValidUTF8(%q) = %q is not valid UTF-8", s, got)
		}
	})
}

func TestHasControl(t *testing.T) {
	for _, tc := range []struct {
		s               string
		line, multiline bool
	}{
		{"Ana Lee", false, false},
		{"Zoë 😀 \u00a0", false, false},
		{"a\tb", true, false},
		{"a\nb\r\n", true, false},
		{"a\x00b", true, true},
		{"\x1b[31m", true, true},
		{"a\x7fb", true, true},
		{"a\u0085b", true, true},
	} {
		if got := rapport.HasControl(tc.s, false); got != tc.line {
			t.Errorf("HasControl(%q, single line) = %v, want %v", tc.s, got, tc.line)
		}
		if got := rapport.HasControl(tc.s, true); got != tc.multiline {
			t.Errorf("HasControl(%q, multiline) = %v, want %v", tc.s, got, tc.multiline)
		}
	}
}

func TestCleanName(t *testing.T) {
	t.Run("ReplacesBytesThatAreNotText", func(t *testing.T) {
		got, err := rapport.CleanName("name", "the name", " Ana \xff Lee ", true, 200)
		if err != nil || got != "Ana \uFFFD Lee" {
			t.Errorf("got %q, %v", got, err)
		}
	})
	t.Run("RefusesNULOnTheField", func(t *testing.T) {
		_, err := rapport.CleanName("title", "the title", "CEO\x00", false, 200)
		if rapport.ErrorField(err) != "title" || rapport.ErrorCode(err) != rapport.EINVALID {
			t.Errorf("err %v", err)
		}
	})
}

func TestFrameworkTexts(t *testing.T) {
	load := func(t *testing.T) *rapport.Framework {
		list, err := framework.Builtin()
		if err != nil {
			t.Fatal(err)
		}
		f := list[0]
		f.Competencies = append([]rapport.Competency(nil), f.Competencies...)
		f.Competencies[0].Items = append([]rapport.Item(nil), f.Competencies[0].Items...)
		return &f
	}
	t.Run("ReplacesBytesThatAreNotText", func(t *testing.T) {
		f := load(t)
		f.Name, f.Competencies[0].Items[0].TextOther = "Team \xff 360", "{leader} listens \xc0\xaf."
		if err := f.Validate(); err != nil {
			t.Fatal(err)
		}
		if f.Name != "Team \uFFFD 360" || f.Competencies[0].Items[0].TextOther != "{leader} listens \uFFFD\uFFFD." {
			t.Errorf("name %q, item %q", f.Name, f.Competencies[0].Items[0].TextOther)
		}
	})
	t.Run("RefusesNULOnTheField", func(t *testing.T) {
		f := load(t)
		f.Competencies[0].Items[0].TextSelf = "I listen\x00"
		if field := rapport.ErrorField(f.Validate()); field != "competencies[0].items[0].text_self" {
			t.Errorf("field %q", field)
		}
	})
	t.Run("KeepsLineBreaksInDescriptions", func(t *testing.T) {
		f := load(t)
		f.Description = "Line one\nLine two"
		if err := f.Validate(); err != nil {
			t.Error(err)
		}
	})
}
