/* links/cache.c - the link cache TSV: load, lookup, atomic save. */
#include "links/cache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/atomic.h"
#include "util/common.h"
#include "util/trust.h"

#define ML_CACHE_MAX_LINE 16384

void ml_linkcache_init(ml_linkcache *c)
{
	c->items = NULL;
	c->len = c->cap = 0;
	c->allow_private = c->unusable = 0;
	ml_urlmap_init(&c->index);
}

/* The key as stored: bytes up to space and DEL as %XX. The same URL
 * written with %XX already maps to the same key, which names the same
 * resource. NULL when out of memory; *own is what to free. */
static const char *key_of(const char *url, char **own)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	size_t n = 0;
	char *out, *q;

	*own = NULL;
	for (p = (const unsigned char *)url; *p; p++)
		n += *p <= ' ' || *p == 0x7f;
	if (!n)
		return url;
	if (!(out = malloc(strlen(url) + 2 * n + 1)))
		return NULL;
	for (p = (const unsigned char *)url, q = out; *p; p++) {
		if (*p <= ' ' || *p == 0x7f) {
			*q++ = '%';
			*q++ = hex[*p >> 4];
			*q++ = hex[*p & 15];
		} else {
			*q++ = (char)*p;
		}
	}
	*q = '\0';
	return *own = out;
}

void ml_linkcache_dispose(ml_linkcache *c)
{
	size_t i;

	for (i = 0; i < c->len; i++)
		free(c->items[i].url);
	free(c->items);
	ml_urlmap_dispose(&c->index);
	ml_linkcache_init(c);
}

int ml_linkcache_storable(int status)
{
	return status >= 200 && status <= 299;
}

int ml_linkcache_get(const ml_linkcache *c, const char *url, long long *time)
{
	char *own;
	const char *key = key_of(url, &own);
	size_t i;
	int found = key && ml_urlmap_get(&c->index, key, &i);

	free(own);
	if (!found || !c->items[i].status)
		return 0;
	if (time)
		*time = c->items[i].time;
	return c->items[i].status;
}

void ml_linkcache_forget(ml_linkcache *c, const char *url)
{
	char *own;
	const char *key = key_of(url, &own);
	size_t i;

	if (key && ml_urlmap_get(&c->index, key, &i))
		c->items[i].status = 0;
	free(own);
}

static int put_key(ml_linkcache *c, const char *url, int status, long long time,
		   int priv);

int ml_linkcache_put(ml_linkcache *c, const char *url, int status,
		     long long time)
{
	char *own;
	const char *key = key_of(url, &own);
	int rc;

	if (!key)
		return ML_ENOMEM;
	rc = put_key(c, key, status, time, c->allow_private);
	free(own);
	return rc;
}

static int put_key(ml_linkcache *c, const char *url, int status, long long time,
		   int priv)
{
	ml_linkcache_entry *e;
	size_t i;
	int rc;

	if (!ml_linkcache_storable(status)) {
		if (ml_urlmap_get(&c->index, url, &i))
			c->items[i].status = 0;
		return ML_OK;
	}
	if (ml_urlmap_get(&c->index, url, &i)) {
		c->items[i].status = status;
		c->items[i].time = time;
		c->items[i].priv = priv;
		return ML_OK;
	}
	rc = ml_grow((void **)&c->items, &c->cap, c->len + 1,
		     sizeof(*c->items));
	if (rc)
		return rc;
	e = &c->items[c->len];
	e->url = ml_strdup(url);
	if (!e->url)
		return ML_ENOMEM;
	rc = ml_urlmap_put(&c->index, url, c->len);
	if (rc) {
		free(e->url);
		return rc;
	}
	e->status = status;
	e->time = time;
	e->priv = priv;
	c->len++;
	return ML_OK;
}

/* Parse a decimal number of at most maxd digits spanning [s, end). */
static int parse_digits(const char *s, const char *end, size_t maxd,
			long long *v)
{
	*v = 0;
	if (s >= end || (size_t)(end - s) > maxd)
		return -1;
	for (; s < end; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		*v = *v * 10 + (*s - '0');
	}
	return 0;
}

/* One line without its '\n': -1 when malformed. */
static int parse_line(char *line, size_t len, char **url, int *status,
		      long long *time, int *priv)
{
	char *t1 = memchr(line, '\t', len), *t2, *t3, *end = line + len, *p;
	long long st;

	if (!t1 || t1 == line)
		return -1;
	t2 = memchr(t1 + 1, '\t', (size_t)(end - t1 - 1));
	if (!t2)
		return -1;
	for (p = line; p < t1; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return -1;
	t3 = memchr(t2 + 1, '\t', (size_t)(end - t2 - 1));
	*priv = t3 != NULL;
	if (t3 &&
	    ((size_t)(end - t3 - 1) != 7 || memcmp(t3 + 1, "private", 7) != 0))
		return -1;
	if (parse_digits(t1 + 1, t2, 3, &st) || st < 100 ||
	    parse_digits(t2 + 1, t3 ? t3 : end, 19, time) ||
	    t2 + 1 == (t3 ? t3 : end))
		return -1;
	*t1 = '\0';
	*url = line;
	*status = (int)st;
	return 0;
}

/* A cache written before the header line: its first line is an entry. */
static int legacy_first_line(const char *line, size_t len)
{
	char copy[ML_CACHE_MAX_LINE], *url;
	long long t;
	int status, priv;

	if (len >= sizeof(copy))
		return 0;
	memcpy(copy, line, len);
	copy[len] = '\0';
	return parse_line(copy, len, &url, &status, &t, &priv) == 0;
}

int ml_linkcache_check(const char *path, ml_buf *why)
{
	return ml_cache_replaceable(path, ML_CACHE_HEADER, legacy_first_line,
				    why);
}

static int load_line(ml_linkcache *c, char *line, size_t len, long ttl_s,
		     long long now)
{
	char *url;
	int status, priv;
	long long t;

	if (parse_line(line, len, &url, &status, &t, &priv))
		return ML_EINVAL;
	if (t > now + 86400 || now - t > ttl_s)
		return ML_OK; /* expired, or from a clock far ahead */
	if (priv && !c->allow_private)
		return ML_OK; /* passed only because loopback was allowed */
	return put_key(c, url, status, t, priv);
}

/* Read every line; a malformed one is skipped and counted, the first's
 * number kept. */
static int load_stream(ml_linkcache *c, FILE *f, long ttl_s, long long now,
		       size_t *nbad, size_t *first_bad)
{
	char *line = NULL;
	size_t cap = 0, no = 0;
	ssize_t n;
	int rc = ML_OK;

	*nbad = *first_bad = 0;
	while (rc == ML_OK && (n = getline(&line, &cap, f)) >= 0) {
		int bad = 0;
		no++;
		if (n == 0 || line[n - 1] != '\n' || n > ML_CACHE_MAX_LINE ||
		    memchr(line, '\0', (size_t)n))
			bad = 1; /* cut short, or not text */
		else if (n > 1 && line[0] != '#')
			rc = load_line(c, line, (size_t)n - 1, ttl_s, now);
		if (rc == ML_EINVAL)
			bad = 1, rc = ML_OK;
		if (bad && !(*nbad)++)
			*first_bad = no;
	}
	if (rc == ML_OK && ferror(f))
		rc = ML_EIO;
	free(line);
	return rc;
}

/* Opens path for reading when it is a regular file of a sane size; NULL
 * with errno, or with *why set, when not. */
static FILE *open_cache(const char *path, const char **why)
{
	int fd = ml_cache_open(path, ML_CACHE_MAX_BYTES, why);
	FILE *f;

	if (fd < 0)
		return NULL;
	if (!(f = fdopen(fd, "r")))
		close(fd);
	return f;
}

int ml_linkcache_load(ml_linkcache *c, const char *path, long ttl_s,
		      long long now, ml_buf *warn)
{
	const char *why;
	FILE *f = open_cache(path, &why);
	size_t nbad, first_bad;
	struct stat st;
	int rc;

	if (!f) {
		if (why)
			c->unusable = 1;
		if ((why || errno != ENOENT) && warn)
			ml_buf_printf(warn, "link cache %s: %s; not used\n",
				      path, why ? why : strerror(errno));
		/* A dangling link is no cache to replace either. */
		if (!why && lstat(path, &st) == 0 && !S_ISREG(st.st_mode))
			c->unusable = 1;
		return ML_OK;
	}
	rc = load_stream(c, f, ttl_s, now, &nbad, &first_bad);
	(void)fclose(f); /* read only: nothing to lose */
	if (rc == ML_ENOMEM)
		return rc;
	if (rc == ML_EIO && warn)
		ml_buf_printf(warn, "link cache %s: unreadable; not used\n",
			      path);
	else if (nbad && warn)
		ml_buf_printf(warn,
			      "link cache %s: %zu malformed or cut-short "
			      "line%s skipped (the first: line %zu)\n",
			      path, nbad, nbad == 1 ? "" : "s", first_bad);
	return ML_OK;
}

static int cmp_entry(const void *a, const void *b)
{
	const ml_linkcache_entry *x = *(const ml_linkcache_entry *const *)a;
	const ml_linkcache_entry *y = *(const ml_linkcache_entry *const *)b;

	return strcmp(x->url, y->url);
}

/* Newest first; the same second by URL, so that eviction is stable. */
static int cmp_newest(const void *a, const void *b)
{
	const ml_linkcache_entry *x = *(const ml_linkcache_entry *const *)a;
	const ml_linkcache_entry *y = *(const ml_linkcache_entry *const *)b;

	if (x->time != y->time)
		return x->time > y->time ? -1 : 1;
	return strcmp(x->url, y->url);
}

static int write_entries(const ml_linkcache *c, FILE *f)
{
	const ml_linkcache_entry **v;
	size_t i, n = 0;
	int rc = ML_OK;

	/* NOLINTNEXTLINE(bugprone-sizeof-expression): pointers */
	v = malloc((c->len ? c->len : 1) * sizeof(*v));
	if (!v)
		return ML_ENOMEM;
	for (i = 0; i < c->len; i++)
		if (c->items[i].status)
			v[n++] = &c->items[i];
	if (n > ML_CACHE_MAX_ENTRIES) { /* the oldest go */
		/* NOLINTNEXTLINE(bugprone-sizeof-expression): pointers */
		qsort(v, n, sizeof(*v), cmp_newest);
		n = ML_CACHE_MAX_ENTRIES;
	}
	/* NOLINTNEXTLINE(bugprone-sizeof-expression): pointers */
	qsort(v, n, sizeof(*v), cmp_entry);
	for (i = 0; i < n && rc == ML_OK; i++)
		if (fprintf(f, "%s\t%d\t%lld%s\n", v[i]->url, v[i]->status,
			    v[i]->time, v[i]->priv ? "\tprivate" : "") < 0)
			rc = ML_EIO;
	free(v);
	return rc;
}

/* fsync the directory holding path so that the rename itself is durable;
 * best effort. */
static int fill_cache(void *ctx, FILE *f)
{
	if (fprintf(f, "%s\n", ML_CACHE_HEADER) < 0)
		return ML_EIO;
	return write_entries(ctx, f);
}

int ml_linkcache_save(const ml_linkcache *c, const char *path, ml_buf *warn)
{
	if (c->unusable)
		return ML_EIO; /* the load said so */
	return ml_cache_save(path, "link cache", ML_CACHE_HEADER,
			     legacy_first_line, fill_cache, (void *)c, warn);
}
