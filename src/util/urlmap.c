/* util/urlmap.c - string-keyed open-addressing hash map (see urlmap.h). */
#include "util/urlmap.h"

#include <stdlib.h>
#include <string.h>

#include "util/common.h"

static size_t hash(const char *s, size_t len)
{
	size_t h = (size_t)14695981039346656037ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= (size_t)1099511628211ULL;
	}
	return h;
}

/* The slot holding key, or the empty slot where it belongs. */
static size_t find_slot(const ml_urlmap *m, const char *key, size_t len)
{
	size_t mask = m->cap - 1;
	size_t i = hash(key, len) & mask;

	while (m->keys[i]) {
		if (strncmp(m->keys[i], key, len) == 0 &&
		    m->keys[i][len] == '\0')
			return i;
		i = (i + 1) & mask;
	}
	return i;
}

void ml_urlmap_init(ml_urlmap *m)
{
	m->keys = NULL;
	m->values = NULL;
	m->cap = m->len = 0;
}

void ml_urlmap_dispose(ml_urlmap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->values);
	ml_urlmap_init(m);
}

int ml_urlmap_getn(const ml_urlmap *m, const char *key, size_t len,
		   size_t *value)
{
	size_t i;

	if (!m->cap)
		return 0;
	i = find_slot(m, key, len);
	if (!m->keys[i])
		return 0;
	if (value)
		*value = m->values[i];
	return 1;
}

int ml_urlmap_get(const ml_urlmap *m, const char *key, size_t *value)
{
	return ml_urlmap_getn(m, key, strlen(key), value);
}

static int rehash(ml_urlmap *m, size_t ncap)
{
	ml_urlmap n;
	size_t i, j;

	n.keys = calloc(ncap, sizeof(*n.keys));
	n.values = calloc(ncap, sizeof(*n.values));
	if (!n.keys || !n.values) {
		free(n.keys);
		free(n.values);
		return ML_ENOMEM;
	}
	n.cap = ncap;
	n.len = m->len;
	for (i = 0; i < m->cap; i++) {
		if (!m->keys[i])
			continue;
		j = find_slot(&n, m->keys[i], strlen(m->keys[i]));
		n.keys[j] = m->keys[i];
		n.values[j] = m->values[i];
	}
	free(m->keys);
	free(m->values);
	*m = n;
	return ML_OK;
}

int ml_urlmap_putn(ml_urlmap *m, const char *key, size_t len, size_t value)
{
	size_t i;
	int rc;

	/* Keep the load factor under 1/2 so that probes stay short. */
	if ((m->len + 1) * 2 > m->cap) {
		if (m->cap > ((size_t)-1) / 4)
			return ML_ENOMEM;
		rc = rehash(m, m->cap ? m->cap * 2 : 16);
		if (rc)
			return rc;
	}
	i = find_slot(m, key, len);
	if (!m->keys[i]) {
		m->keys[i] = ml_strndup(key, len);
		if (!m->keys[i])
			return ML_ENOMEM;
		m->len++;
	}
	m->values[i] = value;
	return ML_OK;
}

int ml_urlmap_put(ml_urlmap *m, const char *key, size_t value)
{
	return ml_urlmap_putn(m, key, strlen(key), value);
}
