/* verify/refcache.c - the reference verification cache file. */
#include "verify/refcache.h"

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

#define REFCACHE_MAX_LINE ((size_t)64 * 1024)
#define NFIELDS 20
#define REFCACHE_MAX_BYTES ((long long)64 << 20)

void ml_refcache_init(ml_refcache *c)
{
	memset(c, 0, sizeof(*c));
	ml_urlmap_init(&c->index);
}

static void drop_all(ml_refcache *c)
{
	size_t i;

	for (i = 0; i < c->len; i++) {
		free(c->items[i].key);
		ml_work_dispose(&c->items[i].w);
	}
	free(c->items);
	ml_urlmap_dispose(&c->index);
	ml_refcache_init(c);
}

void ml_refcache_dispose(ml_refcache *c)
{
	drop_all(c);
}

const ml_work *ml_refcache_get(const ml_refcache *c, const char *key)
{
	size_t i;

	return ml_urlmap_get(&c->index, key, &i) ? &c->items[i].w : NULL;
}

static int copy_str(char **dst, const char *s)
{
	*dst = ml_strdup(s ? s : "");
	return *dst ? ML_OK : ML_ENOMEM;
}

int ml_refcache_put(ml_refcache *c, const char *key, const ml_work *w,
		    long long now)
{
	ml_refcache_entry *e;
	size_t i;
	int rc;

	if (w->state != ML_WORK_FOUND && w->state != ML_WORK_ELSEWHERE)
		return ML_OK;
	if (ml_urlmap_get(&c->index, key, &i)) {
		ml_work_dispose(&c->items[i].w);
		c->items[i].time = now;
		return ml_work_copy(&c->items[i].w, w);
	}
	rc = ml_grow((void **)&c->items, &c->cap, c->len + 1, sizeof(*e));
	if (rc)
		return rc;
	e = &c->items[c->len];
	memset(e, 0, sizeof(*e));
	e->time = now;
	if (!(e->key = ml_strdup(key)))
		return ML_ENOMEM;
	rc = ml_work_copy(&e->w, w);
	if (!rc)
		rc = ml_urlmap_put(&c->index, key, c->len);
	if (rc) {
		free(e->key);
		ml_work_dispose(&e->w);
		return rc;
	}
	c->len++;
	return ML_OK;
}

/* --- reading ------------------------------------------------------------- */

/* Split line (NUL-terminated, no newline) at tabs in place and unescape
 * each field; the number of fields, or -1 when an escape is bad. */
static int split(char *line, char **f, int max)
{
	char *r = line, *w = line;
	int n = 0;

	f[n++] = w;
	for (; *r; r++) {
		if (*r == '\t') {
			*w++ = '\0';
			if (n == max)
				return -1;
			f[n++] = w;
		} else if (*r == '\\') {
			r++;
			if (*r == 't')
				*w++ = '\t';
			else if (*r == 'n')
				*w++ = '\n';
			else if (*r == '\\')
				*w++ = '\\';
			else
				return -1;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return n;
}

static int num(const char *s, long long *out)
{
	char *end;

	errno = 0;
	*out = strtoll(s, &end, 10);
	return *s && !*end && !errno;
}

static int parse_work(char **f, ml_work *w)
{
	long long v[8];
	static const int at[8] = { 6, 8, 9, 10, 11, 15, 0, 0 };
	int k, rc;

	memset(w, 0, sizeof(*w));
	for (k = 0; k < 6; k++)
		if (!num(f[at[k]], &v[k]))
			return ML_EINVAL;
	if (strcmp(f[19], "found") == 0)
		w->state = ML_WORK_FOUND;
	else if (strcmp(f[19], "elsewhere") == 0)
		w->state = ML_WORK_ELSEWHERE;
	else
		return ML_EINVAL;
	w->nauthors = (int)v[0];
	w->years[0] = (int)v[1], w->years[1] = (int)v[2],
	w->years[2] = (int)v[3];
	w->retracted = v[4] != 0;
	w->updated = v[5] != 0;
	rc = copy_str(&w->title, f[3]);
	if (!rc)
		rc = copy_str(&w->subtitle, f[4]);
	if (!rc)
		rc = copy_str(&w->first_author, f[5]);
	if (!rc)
		rc = copy_str(&w->journal, f[7]);
	if (!rc && w->retracted)
		rc = (copy_str(&w->retraction.kind, f[12]) ||
		      copy_str(&w->retraction.id, f[13]) ||
		      copy_str(&w->retraction.date, f[14]))
			     ? ML_ENOMEM
			     : ML_OK;
	if (!rc && w->state == ML_WORK_ELSEWHERE)
		rc = copy_str(&w->why, f[3]); /* the agency, kept as title */
	if (!rc && w->updated)
		rc = (copy_str(&w->update.kind, f[16]) ||
		      copy_str(&w->update.id, f[17]) ||
		      copy_str(&w->update.date, f[18]))
			     ? ML_ENOMEM
			     : ML_OK;
	return rc;
}

static int load_line(ml_refcache *c, char *line, long ttl_s, long long now)
{
	char *f[NFIELDS];
	long long t;
	ml_work w;
	int rc;

	if (split(line, f, NFIELDS) != NFIELDS || strcmp(f[0], "v1") != 0 ||
	    !f[1][0] || !num(f[2], &t))
		return ML_EINVAL;
	if (t > now || now - t > ttl_s)
		return ML_OK; /* expired (or from a clock ahead of ours) */
	rc = parse_work(f, &w);
	if (!rc)
		rc = ml_refcache_put(c, f[1], &w, t);
	ml_work_dispose(&w);
	return rc;
}

int ml_refcache_load(ml_refcache *c, const char *path, long ttl_s,
		     long long now, ml_buf *warn)
{
	const char *why;
	int fd = ml_cache_open(path, REFCACHE_MAX_BYTES, &why);
	FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
	char *line = NULL;
	size_t cap = 0, no = 0;
	ssize_t n;
	int rc = ML_OK;

	if (!f) {
		if (fd >= 0)
			close(fd);
		if ((why || errno != ENOENT) && warn)
			ml_buf_printf(warn,
				      "reference cache %s: %s; not used\n",
				      path, why ? why : strerror(errno));
		return ML_OK;
	}
	while (rc == ML_OK && (n = getline(&line, &cap, f)) >= 0) {
		no++;
		if (n == 0 || line[n - 1] != '\n' ||
		    (size_t)n > REFCACHE_MAX_LINE ||
		    memchr(line, '\0', (size_t)n))
			rc = ML_EINVAL; /* cut short, or not text */
		else if (n > 1 && line[0] != '#') {
			line[n - 1] = '\0';
			rc = load_line(c, line, ttl_s, now);
		}
	}
	if (rc == ML_OK && ferror(f))
		rc = ML_EIO;
	free(line);
	(void)fclose(f);
	if (rc == ML_ENOMEM)
		return rc;
	if (rc) {
		drop_all(c);
		if (warn)
			ml_buf_printf(warn,
				      "reference cache %s: line %zu is "
				      "malformed or cut short; ignoring the "
				      "cache\n",
				      path, no);
	}
	return ML_OK;
}

/* --- writing ------------------------------------------------------------- */

static int put_field(FILE *f, const char *s)
{
	if (fputc('\t', f) == EOF)
		return ML_EIO;
	for (; s && *s; s++) {
		const char *e = *s == '\t'   ? "\\t"
				: *s == '\n' ? "\\n"
				: *s == '\\' ? "\\\\"
					     : NULL;
		if (e ? fputs(e, f) == EOF : fputc(*s, f) == EOF)
			return ML_EIO;
	}
	return ML_OK;
}

static int write_entry(FILE *f, const ml_refcache_entry *e)
{
	const ml_work *w = &e->w;
	const ml_notice *r = &w->retraction, *u = &w->update;
	const char *s[] = {
		e->key,	 NULL,	     w->title, w->subtitle, w->first_author,
		NULL,	 w->journal, NULL,     NULL,	    NULL,
		NULL,	 r->kind,    r->id,    r->date,	    NULL,
		u->kind, u->id,	     u->date,  NULL
	};
	char nums[8][24];
	size_t i;
	int rc = fputs("v1", f) == EOF ? ML_EIO : ML_OK;

	if (w->state == ML_WORK_ELSEWHERE)
		s[2] = w->why; /* the agency, in the title's place */
	s[18] = w->state == ML_WORK_ELSEWHERE ? "elsewhere" : "found";
	(void)snprintf(nums[0], sizeof(nums[0]), "%lld", e->time);
	(void)snprintf(nums[1], sizeof(nums[1]), "%d", w->nauthors);
	(void)snprintf(nums[2], sizeof(nums[2]), "%d", w->years[0]);
	(void)snprintf(nums[3], sizeof(nums[3]), "%d", w->years[1]);
	(void)snprintf(nums[4], sizeof(nums[4]), "%d", w->years[2]);
	(void)snprintf(nums[5], sizeof(nums[5]), "%d", w->retracted);
	(void)snprintf(nums[6], sizeof(nums[6]), "%d", w->updated);
	s[1] = nums[0], s[5] = nums[1], s[7] = nums[2], s[8] = nums[3];
	s[9] = nums[4], s[10] = nums[5], s[14] = nums[6];
	for (i = 0; i < ML_ARRAY_LEN(s) && !rc; i++)
		rc = put_field(f, s[i]);
	if (!rc && fputc('\n', f) == EOF)
		rc = ML_EIO;
	return rc;
}

static int fill_cache(void *ctx, FILE *f)
{
	const ml_refcache *c = ctx;
	size_t i;
	int rc = ML_OK;

	if (fprintf(f, "%s\n", ML_REFCACHE_HEADER) < 0)
		rc = ML_EIO;
	for (i = 0; i < c->len && !rc; i++)
		rc = write_entry(f, &c->items[i]);
	return rc;
}

/* A cache that lost its header line (cut, edited) still starts with an
 * entry: it is replaced, its entries having been ignored on load. */
static int entry_line(const char *line, size_t len)
{
	return len > 3 && memcmp(line, "v1\t", 3) == 0;
}

int ml_refcache_check(const char *path, ml_buf *why)
{
	return ml_cache_replaceable(path, ML_REFCACHE_HEADER, entry_line, why);
}

int ml_refcache_save(const ml_refcache *c, const char *path, ml_buf *warn)
{
	return ml_cache_save(path, "reference cache", ML_REFCACHE_HEADER,
			     entry_line, fill_cache, (void *)c, warn);
}
