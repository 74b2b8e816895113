package store

/*
#include <stdlib.h> // defines __GLIBC__ on glibc
#ifdef __GLIBC__
#include <malloc.h>
// An operator's own malloc settings win.
static void rapport_tune_malloc(void) {
	if (getenv("GLIBC_TUNABLES") || getenv("MALLOC_TRIM_THRESHOLD_") || getenv("MALLOC_MMAP_THRESHOLD_")) {
		return;
	}
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
}
#else
static void rapport_tune_malloc(void) {}
#endif
*/
import "C"

// SQLite allocates its page caches with the C library's malloc. A reader
// connection drops its whole cache whenever another connection has written
// since its last read, which under rater writes is every time, and then
// fills it again. With glibc's default thresholds each drop handed the
// pages back to the kernel (madvise) and each refill faulted them in again:
// about 11 page faults per submit in `make bench`, 1 with these settings.
// Keeping up to 64 MiB of freed memory in the process (and not mapping
// blocks under 4 MiB one by one) keeps no more than the peak SQLite
// already reached, and took a submit from about 345 to 280 µs of server
// CPU. Other C libraries are left alone, and so is a process started
// with its own glibc malloc settings (GLIBC_TUNABLES, MALLOC_*_).
func init() { C.rapport_tune_malloc() }
