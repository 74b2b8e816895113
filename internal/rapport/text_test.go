package rapport_test

import (
	"encoding/json"
	"fmt"
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
		{"Ana\u2028Lee", true, false},
		{"Ana\u2029Lee", true, false},
		{"\u202eregnaM", false, false}, // bidi controls are dropped, not refused (DropBidiControls)
		{"a\u2066b\u2069", false, false},
		{"\u05e9\u05dc\u05d5\u05dd \u200f(RLM) \u200e", false, false}, // Hebrew with marks: not controls
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
	for name, s := range map[string]string{"LineSeparator": "Ana\u2028Lee", "ParagraphSeparator": "Ana\u2029Lee"} {
		t.Run("Refuses"+name+"OnTheField", func(t *testing.T) {
			_, err := rapport.CleanName("name", "the name", s, true, 200)
			if rapport.ErrorField(err) != "name" || rapport.ErrorCode(err) != rapport.EINVALID {
				t.Errorf("%q: err %v", s, err)
			}
		})
	}
	for name, s := range map[string]string{"BidiOverride": "Ana \u202eLee", "BidiIsolate": "Ana \u2067Lee\u2069",
		"BidiEmbedding": "\u202bAna Lee\u202c"} {
		t.Run("Drops"+name, func(t *testing.T) {
			got, err := rapport.CleanName("name", "the name", s, true, 200)
			if err != nil || got != "Ana Lee" {
				t.Errorf("%q: got %q, %v; want \"Ana Lee\"", s, got, err)
			}
		})
	}
}

func TestCleanNameDropsZeroWidthCharacters(t *testing.T) {
	for name, s := range map[string]string{"ByteOrderMark": "\uFEFFAna Lee", "ZeroWidthSpace": "Ana\u200B Lee",
		"WordJoiner": "Ana Lee\u2060", "JoinerAtTheEnd": "Ana Lee\u200D", "NonJoinerAtTheStart": " \u200CAna Lee "} {
		t.Run(name, func(t *testing.T) {
			got, err := rapport.CleanName("name", "the name", s, true, 200)
			if err != nil || got != "Ana Lee" {
				t.Errorf("%q: got %q, %v; want \"Ana Lee\"", s, got, err)
			}
		})
	}
	t.Run("KeepsJoinersBetweenLetters", func(t *testing.T) {
		persian := "\u0645\u06CC\u200C\u0631\u0648\u062F" // می‌رود: the non-joiner shapes the word
		if got, err := rapport.CleanName("name", "the name", persian, true, 200); err != nil || got != persian {
			t.Errorf("got %q, %v; want %q", got, err, persian)
		}
	})
	t.Run("ABlankNameIsStillRequired", func(t *testing.T) {
		if _, err := rapport.CleanName("name", "the name", "\uFEFF\u200B", true, 200); rapport.ErrorField(err) != "name" {
			t.Errorf("an invisible name was accepted: %v", err)
		}
	})
}

func TestDropBidiControls(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Ana Lee", "Ana Lee"},
		// Android's BidiFormatter wraps pasted right-to-left text in isolates.
		{"Said \u2067\u05e9\u05dc\u05d5\u05dd\u2069 today", "Said \u05e9\u05dc\u05d5\u05dd today"},
		{"\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069", ""},
		// The marks draw nothing either, but turn nothing around: kept.
		{"\u05e9\u200f (RLM) \u200e", "\u05e9\u200f (RLM) \u200e"},
		{"a\x00b", "a\x00b"}, // other controls are refused later, not dropped
	} {
		if got := rapport.DropBidiControls(tc.in); got != tc.want {
			t.Errorf("DropBidiControls(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTidyLines(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"one line", "one line"},
		{"a\nb", "a\nb"},
		{"a\n\nb", "a\n\nb"},
		{"a" + strings.Repeat("\n", 1998) + "b", "a\n\nb"},
		{"a\r\n\r\n\r\n\r\nb\rc", "a\n\nb\nc"},
		{"a\n \t\n\u00a0\n\u200b\n\u3000\nb", "a\n\nb"},
		{"a\u2028\u2029\u2029b", "a\n\nb"},
		{"\n\n  \n a\n\n\n", " a"},
		{"  indented\n\n\n  still indented  ", "  indented\n\n  still indented  "},
		{"", ""},
	} {
		if got := rapport.TidyLines(tc.in); got != tc.want {
			t.Errorf("TidyLines(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// Every saved comment is tidied, and most are one line: that case must not
// copy the text or build anything.
func TestTidyLinesKeepsOneLineAsItIs(t *testing.T) {
	line := "Listens before deciding — Zoë and Ольга say so too."
	if got := rapport.TidyLines(line); got != line {
		t.Fatalf("TidyLines(%q) = %q", line, got)
	}
	if got := rapport.TidyLines(" \u200b\u00a0"); got != "" {
		t.Errorf("a line that shows nothing is tidied to %q, want empty", got)
	}
	if n := testing.AllocsPerRun(100, func() { rapport.TidyLines(line) }); n != 0 {
		t.Errorf("TidyLines of one line allocates %.0f times, want 0", n)
	}
}

func TestCommentsKeepNoRunOfBlankLines(t *testing.T) {
	list, err := framework.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	f := list[0]
	key := f.OpenQuestions[0].Key
	d := &rapport.Draft{Comments: map[string]string{key: "a" + strings.Repeat("\n", 1998) + "b"}}
	if err := d.Check(&f); err != nil {
		t.Fatal(err)
	}
	if got := d.Comments[key]; got != "a\n\nb" {
		t.Errorf("stored %q, want %q", got, "a\n\nb")
	}
	d = &rapport.Draft{Comments: map[string]string{key: "Great \u2067work\u2069\n\u202e!sgniteem"}}
	if err := d.Check(&f); err != nil {
		t.Fatalf("a comment with bidi controls is refused: %v", err)
	}
	if got := d.Comments[key]; got != "Great work\n!sgniteem" {
		t.Errorf("stored %q, want the bidi controls dropped", got)
	}
	d = &rapport.Draft{Comments: map[string]string{key: "Great\x00work"}}
	if field := rapport.ErrorField(d.Check(&f)); field != "comments."+key {
		t.Errorf("a NUL in a comment: field %q", field)
	}
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
	t.Run("DropsBidiControlsFromEveryText", func(t *testing.T) {
		f := load(t)
		f.Name, f.Description = "Team \u202e063", "Line \u2066one\u2069\nLine two"
		f.Competencies[0].Items[0].TextOther = "{leader} \u202blistens\u202c."
		if err := f.Validate(); err != nil {
			t.Fatal(err)
		}
		if f.Name != "Team 063" || f.Description != "Line one\nLine two" || f.Competencies[0].Items[0].TextOther != "{leader} listens." {
			t.Errorf("name %q, description %q, item %q", f.Name, f.Description, f.Competencies[0].Items[0].TextOther)
		}
	})
	t.Run("KeepsLineBreaksInDescriptions", func(t *testing.T) {
		f := load(t)
		f.Description = "Line one\nLine two"
		if err := f.Validate(); err != nil {
			t.Error(err)
		}
	})
	t.Run("CollapsesBlankRunsInDescriptions", func(t *testing.T) {
		f := load(t)
		f.Description, f.Competencies[0].Description = "One\n\n\n\n\nTwo", "A"+strings.Repeat("\n \n", 300)+"B"
		if err := f.Validate(); err != nil {
			t.Fatal(err)
		}
		if f.Description != "One\n\nTwo" || f.Competencies[0].Description != "A\n\nB" {
			t.Errorf("descriptions %q, %q", f.Description, f.Competencies[0].Description)
		}
	})
	singleLine := map[string]func(f *rapport.Framework, s string){
		"name":                                func(f *rapport.Framework, s string) { f.Name = s },
		"scale.labels[0]":                     func(f *rapport.Framework, s string) { f.Scale.Labels[0] = s },
		"competencies[0].name":                func(f *rapport.Framework, s string) { f.Competencies[0].Name = s },
		"competencies[0].items[0].text_self":  func(f *rapport.Framework, s string) { f.Competencies[0].Items[0].TextSelf = s },
		"competencies[0].items[0].text_other": func(f *rapport.Framework, s string) { f.Competencies[0].Items[0].TextOther = s },
		"open_questions[0].text":              func(f *rapport.Framework, s string) { f.OpenQuestions[0].Text = s },
	}
	for field, set := range singleLine {
		for _, brk := range []string{"\n", "\r\n", "\u2028", "\x00"} {
			t.Run(fmt.Sprintf("Refuses%qIn%s", brk, field), func(t *testing.T) {
				f := load(t)
				f.Scale.Labels = append([]string(nil), f.Scale.Labels...)
				f.OpenQuestions = append([]rapport.OpenQuestion(nil), f.OpenQuestions...)
				set(f, "Line one"+brk+"line two")
				if got := rapport.ErrorField(f.Validate()); got != field {
					t.Errorf("field %q, want %q", got, field)
				}
			})
		}
	}
}
