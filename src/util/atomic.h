/* util/atomic.h - replace a file whole or not at all.
 *
 * The caches medlint keeps between runs (links/cache.c, verify/
 * refcache.c), the report of --output (cli/run.c) and the baseline of
 * --write-baseline (report/baseline.c) are written
 * through a temporary file in the same folder, fsynced, renamed over the
 * old one and the folder fsynced, so a crash or a concurrent run leaves
 * the old file or the new one, never a mix.
 * What stands at the path must be a regular file or nothing: a device,
 * FIFO, folder or symbolic link there is refused, never replaced. */
#ifndef ML_ATOMIC_H
#define ML_ATOMIC_H

#include <stdio.h>

#include "util/common.h"

/* Writes the whole file to f; returns ML_OK or an ML_E* code. */
typedef int (*ml_fill_fn)(void *ctx, FILE *f);

/* Replaces path with what fill writes (mode 0644). Returns ML_OK;
 * ML_EINVAL when path exists and is not a regular file (nothing
 * written); ML_EIO with *err set to the errno that stopped it; or what
 * fill returned. */
ML_WARN_UNUSED int ml_replace_file(const char *path, ml_fill_fn fill, void *ctx,
				   int *err);

#endif
