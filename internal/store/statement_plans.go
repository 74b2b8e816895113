package store

/*
// Declared here rather than included: the SQLite library is the one
// github.com/mattn/go-sqlite3 compiles into the binary, and these are
// resolved against it when the program is linked.
typedef struct sqlite3 sqlite3;
typedef struct sqlite3_api_routines sqlite3_api_routines;
extern int sqlite3_auto_extension(void (*)(void));
extern int sqlite3_db_config(sqlite3 *, int, ...);

#define RAPPORT_DBCONFIG_ENABLE_QPSG 1007 // SQLITE_DBCONFIG_ENABLE_QPSG

static int rapport_enable_qpsg(sqlite3 *db, char **err, const sqlite3_api_routines *api) {
	return sqlite3_db_config(db, RAPPORT_DBCONFIG_ENABLE_QPSG, 1, (int *)0);
}

static int rapport_register_qpsg(void) {
	return sqlite3_auto_extension((void (*)(void))rapport_enable_qpsg);
}
*/
import "C"

import "fmt"

// Every connection this process opens turns on SQLite's query planner
// stability guarantee (QPSG): a statement keeps the plan it was prepared
// with, whatever values are bound to it later.
//
// Why: without it, SQLite (3.54) marks a statement to be prepared again
// when a parameter it compared with "=" is bound anew, and the driver
// clears the bindings of every cached statement before reuse, so each
// statement with a "col = ?" term was parsed and planned again on every
// run. The survey link lookup cost 39 µs instead of 7.5 µs; the statement
// cache (_stmt_cache_size) did nothing for such statements. What QPSG
// gives up, plans chosen from bound values (partial indexes matched by a
// parameter, LIKE with a parameter), Rapport does not use: queries that
// need a partial index name its condition in the SQL text, and
// TestSchedulerQueriesUseIndexes checks the plans.
func init() {
	if rc := C.rapport_register_qpsg(); rc != 0 {
		panic(fmt.Sprintf("store: register SQLite QPSG setting: code %d", rc))
	}
}
