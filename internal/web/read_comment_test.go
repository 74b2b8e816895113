package web

import (
	"encoding/json"
	"testing"
)

// readComment takes an unescaped string as it is; every other value must
// read exactly as encoding/json reads it.
func TestReadCommentMatchesEncodingJSON(t *testing.T) {
	for _, raw := range []string{
		`"Listens before deciding — Zoë says so."`, `""`, `"a\nb"`, `"\u00e9t\u00e9"`, `"quote \" inside"`,
		`"tab\there"`, `"\ud83d\ude00"`, "\"bad \xff byte\"", `null`, `5`, `true`, `["a"]`, `{"a":"b"}`,
	} {
		got, err := readComment(json.RawMessage(raw))
		var want string
		wantErr := json.Unmarshal([]byte(raw), &want)
		if (err != nil) != (wantErr != nil) || got != want {
			t.Errorf("readComment(%s) = %q, %v; encoding/json reads %q, %v", raw, got, err, want, wantErr)
		}
	}
}
