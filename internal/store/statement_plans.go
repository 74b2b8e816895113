package store

/*
// Declared here rather than included: the SQLite library is the one
// github.com/mattn/go-sqlite3 compiles into the binary, and these are
// resolved against it when the program is linked.
typedef struct sqlite3 sqlite3;
extern int sqlite3_db_config(sqlite3 *, int, ...);

#define RAPPORT_DBCONFIG_ENABLE_QPSG 1007 // SQLITE_DBCONFIG_ENABLE_QPSG

// sqlite3_db_config is variadic, which cgo cannot call directly.
static int rapport_keep_statement_plans(void *db) {
	return sqlite3_db_config((sqlite3 *)db, RAPPORT_DBCONFIG_ENABLE_QPSG, 1, (int *)0);
}
*/
import "C"

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"reflect"

	"github.com/mattn/go-sqlite3"
)

// openDB opens a pool on dsn whose every connection keeps the plan each
// statement was prepared with (SQLite's query planner stability guarantee,
// QPSG), whatever values are bound to it later. The setting is applied by
// each new connection, through a driver of our own that is not registered
// by name: nothing outside this pool is touched.
//
// Why: without it, SQLite (3.54) marks a statement to be prepared again
// when a parameter it compared with "=" is bound anew, and the driver
// clears the bindings of every cached statement before reuse, so each
// statement with a "col = ?" term was parsed and planned again on every
// run, and the statement cache (_stmt_cache_size) did nothing for such
// statements (docs/benchmarks.md has the figures). What QPSG gives up,
// plans chosen from bound values (partial indexes matched by a parameter,
// LIKE with a parameter), Rapport does not use: queries that need a
// partial index name its condition in the SQL text, and
// TestSchedulerQueriesUseIndexes checks the plans.
//
// Each statement of pragmas (a setting that the DSN cannot carry) also runs
// on every new connection, after the guarantee is on.
func openDB(dsn string, pragmas ...string) *sql.DB {
	setUp := func(conn *sqlite3.SQLiteConn) error {
		if err := keepStatementPlans(conn); err != nil {
			return err
		}
		for _, p := range pragmas {
			if _, err := conn.Exec(p, nil); err != nil {
				return fmt.Errorf("store: %s: %w", p, err)
			}
		}
		return nil
	}
	return sql.OpenDB(stablePlansConnector{dsn: dsn, driver: &sqlite3.SQLiteDriver{ConnectHook: setUp}})
}

// stablePlansConnector opens connections through driver, whose
// ConnectHook sets the guarantee on each.
type stablePlansConnector struct {
	dsn    string
	driver *sqlite3.SQLiteDriver
}

func (c stablePlansConnector) Connect(context.Context) (driver.Conn, error) {
	return c.driver.Open(c.dsn)
}
func (c stablePlansConnector) Driver() driver.Driver { return c.driver }

// keepStatementPlans turns the guarantee on for one connection. The driver
// does not export the connection's SQLite handle, so it is read from its
// field; should a driver upgrade rename it, every connection fails to open
// with this error rather than running without the setting.
func keepStatementPlans(conn *sqlite3.SQLiteConn) error {
	handle := reflect.ValueOf(conn).Elem().FieldByName("db")
	if handle.Kind() != reflect.Pointer || handle.IsNil() {
		return fmt.Errorf("store: keep statement plans: go-sqlite3's connection has no SQLite handle named db")
	}
	if rc := C.rapport_keep_statement_plans(handle.UnsafePointer()); rc != 0 {
		return fmt.Errorf("store: keep statement plans: sqlite3_db_config code %d", rc)
	}
	return nil
}
