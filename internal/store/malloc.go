package store

/*
#include <stdlib.h> // defines __GLIBC__ on glibc
#ifdef __GLIBC__
#include <malloc.h>
static void rapport_tune_malloc(void) {
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
}
#else
static void rapport_tune_malloc(void) {}
#endif
*/
import "C"

// TuneProcessMemory sets the C library's malloc thresholds for the whole
// process; `rapport serve` calls it once, before opening the database.
// keepOperatorSettings is true when the operator gave glibc's own malloc
// settings (config.Config.MallocSettingsSet): they win, and nothing is
// changed. Other C libraries are left alone.
//
// Why: SQLite allocates its page caches with malloc. A reader connection
// drops its whole cache whenever another connection has written since its
// last read, which under rater writes is every time, and then fills it
// again. With glibc's default thresholds each drop handed the pages back
// to the kernel (madvise) and each refill faulted them in again. Keeping
// up to 64 MiB of freed memory in the process (and not mapping blocks
// under 4 MiB one by one) keeps no more than the peak SQLite already
// reached. The measured effect is in docs/benchmarks.md.
func TuneProcessMemory(keepOperatorSettings bool) {
	if keepOperatorSettings {
		return
	}
	C.rapport_tune_malloc()
}
