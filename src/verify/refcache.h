/* verify/refcache.h - the reference verification cache: what a registry
 * said about each identifier that resolved, so that a rerun asks again
 * only for what changed.
 *
 * One line per work: "v1 TAB key TAB unix_time TAB" and the ml_work's
 * fields, tab-separated, with '\\', tab and newline escaped, and last
 * "found" or "elsewhere" (a DOI of another agency; its name in the title's
 * place). Only those are stored: a missing identifier (it may be
 * registered tomorrow) and registry trouble are asked again. Entries older than the
 * TTL are dropped on load; a file that is cut short or garbled is ignored
 * as a whole with a warning. Saving writes a temporary file in the same
 * folder, fsyncs it and renames it over the old one, and only over a
 * file that starts with ML_REFCACHE_HEADER (or is empty): an article
 * named as the cache is never emptied. The reader takes only a regular
 * file of at most 64 MiB and never blocks on a FIFO. */
#ifndef ML_REFCACHE_H
#define ML_REFCACHE_H

#include <stddef.h>

#include "verify/registry.h"
#include "util/buf.h"
#include "util/urlmap.h"

typedef struct {
	char *key; /* "doi:10.1000/x" (lower case), "pmid:1", "pmc:2" */
	long long time;
	ml_work w;
} ml_refcache_entry;

typedef struct {
	ml_refcache_entry *items;
	size_t len, cap;
	ml_urlmap index;
} ml_refcache;

void ml_refcache_init(ml_refcache *c);
void ml_refcache_dispose(ml_refcache *c);
/* Read path, keeping entries younger than ttl_s. A missing file is an
 * empty cache; a malformed one leaves it empty and appends a one-line
 * message to warn. ML_OK or ML_ENOMEM. */
int ml_refcache_load(ml_refcache *c, const char *path, long ttl_s,
		     long long now, ml_buf *warn);
/* The stored work for key, or NULL. */
const ml_work *ml_refcache_get(const ml_refcache *c, const char *key);
/* Store a copy of w (FOUND and ELSEWHERE; anything else is not stored). */
int ml_refcache_put(ml_refcache *c, const char *key, const ml_work *w,
		    long long now);
#define ML_REFCACHE_HEADER \
	"# medlint reference verification cache (--verify-refs)"

/* 1 when path may be replaced by a reference cache (util/trust.h); else
 * 0 with the reason in why. */
int ml_refcache_check(const char *path, ml_buf *why);
/* Write atomically. ML_OK, or ML_EIO with a message appended to warn. */
int ml_refcache_save(const ml_refcache *c, const char *path, ml_buf *warn);

#endif
