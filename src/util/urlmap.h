/* util/urlmap.h - a string-keyed hash map to size_t values.
 *
 * The link checker keys its URLs, hosts and cache entries with it; the
 * anchor and slug code use it as a set. Keys are copied; there is no
 * removal (callers mark values instead). Open addressing, linear probing,
 * FNV-1a. */
#ifndef ML_URLMAP_H
#define ML_URLMAP_H

#include <stddef.h>

typedef struct {
	char **keys; /* cap slots, NULL when empty */
	size_t *values;
	size_t cap; /* 0 or a power of two */
	size_t len;
} ml_urlmap;

void ml_urlmap_init(ml_urlmap *m);
void ml_urlmap_dispose(ml_urlmap *m);
/* 1 and *value (when value is not NULL) if key is present, else 0. */
int ml_urlmap_get(const ml_urlmap *m, const char *key, size_t *value);
int ml_urlmap_getn(const ml_urlmap *m, const char *key, size_t len,
		   size_t *value);
/* Insert or replace. ML_OK or ML_ENOMEM. */
int ml_urlmap_put(ml_urlmap *m, const char *key, size_t value);
int ml_urlmap_putn(ml_urlmap *m, const char *key, size_t len, size_t value);

#endif
