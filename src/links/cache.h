/* links/cache.h - the link cache file: one "url TAB status TAB unix_time"
 * line per URL that passed.
 *
 * Only passing results (2xx) are stored: errors and transient codes are
 * checked again on the next run. Entries older than the TTL are dropped
 * on load. A line that is cut short (no line end: a truncated URL could
 * name another page) or garbled is skipped, the others kept, and the
 * caller gets one warning. Keys are stored with bytes up to space and DEL
 * as %XX, so a decoded #fragment holding a tab or a line end can neither
 * forge an entry nor spoil the file. Entries stored in a run with
 * --allow-private carry a fourth field "private" and are ignored by runs
 * without it. At most ML_CACHE_MAX_ENTRIES are saved, the newest. A path
 * that is not a regular file (a device, a FIFO, a symbolic link) is
 * neither read nor replaced. Saving writes a temporary file in the same
 * directory, fsyncs it and renames it over the old one, so a crash leaves
 * the old or the new file, never half of one. The file starts with
 * ML_CACHE_HEADER; a file there that is neither empty, nor starts with it
 * (or with an entry: a cache of an older medlint) is no cache and is never
 * replaced: --cache article.md is refused, not emptied. */
#ifndef ML_LINKCACHE_H
#define ML_LINKCACHE_H

#include <stddef.h>

#include "util/buf.h"
#include "util/urlmap.h"

#define ML_CACHE_MAX_ENTRIES 100000
#define ML_CACHE_MAX_BYTES ((long long)64 << 20)
#define ML_CACHE_HEADER "# medlint link cache (--links all)"

typedef struct {
	char *url;	/* escaped */
	int status;	/* 0: forgotten */
	long long time; /* unix time of the check */
	int priv;	/* stored by a run with --allow-private */
} ml_linkcache_entry;

typedef struct {
	ml_linkcache_entry *items;
	size_t len, cap;
	ml_urlmap index;   /* url -> position in items */
	int allow_private; /* set before load: trust and tag "private" */
	int unusable;	   /* the path is no regular file: never saved */
} ml_linkcache;

void ml_linkcache_init(ml_linkcache *c);
void ml_linkcache_dispose(ml_linkcache *c);
/* 1 when status may be stored. */
int ml_linkcache_storable(int status);
/* Read path, keeping entries checked within ttl_s seconds before now. A
 * missing file is an empty cache. A malformed one leaves the cache empty
 * and appends a one-line message to warn. ML_OK or ML_ENOMEM. */
int ml_linkcache_load(ml_linkcache *c, const char *path, long ttl_s,
		      long long now, ml_buf *warn);
/* The stored status of url (0 when absent); *time when not NULL. */
int ml_linkcache_get(const ml_linkcache *c, const char *url, long long *time);
/* Store or refresh url; statuses that are not storable forget it. */
int ml_linkcache_put(ml_linkcache *c, const char *url, int status,
		     long long time);
void ml_linkcache_forget(ml_linkcache *c, const char *url);
/* Write atomically (sorted by URL). ML_OK, or ML_EIO with a message
 * appended to warn. */
/* 1 when path may be replaced by a link cache (util/trust.h); else 0
 * with the reason in why. */
int ml_linkcache_check(const char *path, ml_buf *why);
int ml_linkcache_save(const ml_linkcache *c, const char *path, ml_buf *warn);

#endif
