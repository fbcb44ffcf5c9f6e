/* util/trust.h - what the trust boundary (README "Security") asks of the
 * files a repository names: a path a config gives stays inside the
 * repository, and a file is only replaced as a cache when it is one.
 *
 * The command line and the environment are trusted; the repository being
 * linted (articles, .medlint.yaml, schemas) is not, so the paths its config
 * names are confined here before anything is read or written there. */
#ifndef ML_TRUST_H
#define ML_TRUST_H

#include <stddef.h>

#include "util/atomic.h"
#include "util/buf.h"

/* 1 when path (absolute) lies inside the folder root once every symbolic
 * link of the part of it that exists is resolved, and the part that does
 * not exist yet holds no ".." and no dangling link; else 0 with the reason
 * in why ("leads outside ROOT", ...). */
int ml_path_within(const char *root, const char *path, ml_buf *why);

/* The repository root of dir: the nearest folder at or above it holding
 * .git, else dir itself, into out (n bytes). ML_OK, ML_EIO when dir does
 * not resolve, ML_ELIMIT when out is short. */
int ml_repo_root(const char *dir, char *out, size_t n);

/* Whether the first line of a file looks like this kind of cache. */
typedef int (*ml_cache_line_fn)(const char *line, size_t len);

/* 1 when path may be replaced by a cache whose first line is header:
 * nothing is there, or an empty regular file, or a regular file whose
 * first line is header (or one legacy accepts, when not NULL). Else 0 with
 * why ("not a regular file", "not a medlint link cache ..."): an article
 * or any other file named as a cache is never emptied. Reads at most a
 * few hundred bytes, never blocks (a FIFO is refused unopened). */
int ml_cache_replaceable(const char *path, const char *header,
			 ml_cache_line_fn legacy, ml_buf *why);

/* Saves a cache: path replaced whole (ml_replace_file) by what fill
 * writes, only when ml_cache_replaceable(path, header, legacy) allows it.
 * Else, or when it cannot be written, ML_EIO with one line in warn (when
 * not NULL) naming the cache as `what` ("link cache") and why. */
int ml_cache_save(const char *path, const char *what, const char *header,
		  ml_cache_line_fn legacy, ml_fill_fn fill, void *ctx,
		  ml_buf *warn);

/* Opens path for reading as a cache: a regular file of at most max bytes,
 * opened without blocking (a FIFO or device is refused). The descriptor,
 * or -1 with errno set (ENOENT: no cache yet) or with *why set. */
int ml_cache_open(const char *path, long long max, const char **why);

#endif
