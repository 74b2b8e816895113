package store

import (
	"context"
	"testing"

	"github.com/rapporthq/rapport/internal/secrets"
)

// A table added later with a leader's, round's or rater's rows would
// survive an erasure unless leaderOwnedTables names it.
func TestEraseLeader_ListsEveryTableWithARoundOrRater(t *testing.T) {
	keys, err := secrets.New([]byte("erase-test-secret-erase-test-secret-0123"))
	if err != nil {
		t.Fatal(err)
	}
	st, err := Open(t.TempDir()+"/rapport.db", keys)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	// Tables that keep their rows and lose the names in them instead.
	stripped := map[string]string{
		"audit_log": "append-only: EraseLeader strips its names (StripAuditPersonalData) and keeps the lines",
	}
	listed := map[string]bool{}
	for _, table := range leaderOwnedTables {
		listed[table.name] = true
	}
	var tables []string
	if err := st.r.SelectContext(ctx, &tables, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`); err != nil {
		t.Fatal(err)
	}
	for _, table := range tables {
		var owned int
		if err := st.r.GetContext(ctx, &owned, `SELECT count(*) FROM pragma_table_info(?)
			WHERE name IN ('leader_id', 'round_id', 'rater_id', 'response_id')`, table); err != nil {
			t.Fatal(err)
		}
		if _, ok := stripped[table]; owned > 0 && !listed[table] && !ok {
			t.Errorf("table %s holds a leader's rows but is not in leaderOwnedTables", table)
		}
	}
	if !listed["leaders"] || !listed["rounds"] {
		t.Error("leaderOwnedTables misses leaders or rounds")
	}
}
