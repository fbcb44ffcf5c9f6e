/* util/scratch.h - a thread's own zeroed tables, made on first use.
 *
 * A cache kept per thread (syllable counts, a folder's real path) was a
 * `static _Thread_local` array. The C library zeroes every such array
 * for every thread when the thread starts, the main thread included,
 * whether the run uses the cache or not: 213 KiB, 52 page faults, in
 * every one-file run (issue 29: on a VM a page fault costs some 15 µs).
 * A table made here costs nothing until the thread first asks for it,
 * and only the pages it writes; it is freed when the thread ends (the
 * main thread's at exit, by the system). */
#ifndef ML_SCRATCH_H
#define ML_SCRATCH_H

#include <stddef.h>

#include "util/common.h"

/* This thread's table for *slot, a `static _Thread_local void *` (or a
 * pointer of another type, through a cast) that starts NULL: size
 * zeroed bytes, aligned for any type, made on the first call and kept in
 * *slot; later calls return it. NULL when memory is short (the caller
 * goes on without its cache). */
ML_WARN_UNUSED void *ml_thread_table(void **slot, size_t size);

#endif
