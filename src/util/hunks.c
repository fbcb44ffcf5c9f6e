/* util/hunks.c - the changed lines of a unified diff (util/hunks.h). */
#include "util/hunks.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

void ml_hunks_init(ml_hunks_parser *p, long (*file)(void *, const char *),
		   int (*range)(void *, long, int, int), void *ctx)
{
	memset(p, 0, sizeof(*p));
	ml_buf_init(&p->line, ML_HUNKS_LINE_MAX);
	p->file = file;
	p->range = range;
	p->ctx = ctx;
	p->cur = -1;
}

void ml_hunks_dispose(ml_hunks_parser *p)
{
	ml_buf_dispose(&p->line);
}

static int octal(const char *s, size_t n, size_t i)
{
	return i + 2 < n && s[i] >= '0' && s[i] <= '3' && s[i + 1] >= '0' &&
	       s[i + 1] <= '7' && s[i + 2] >= '0' && s[i + 2] <= '7';
}

/* Git's C-style quoting of a path (quote_c_style). */
static void unquote(const char *s, size_t n, ml_buf *out)
{
	static const char from[] = "abtnvfr\"\\", to[] = "\a\b\t\n\v\f\r\"\\";
	size_t i;
	const char *k;

	for (i = 0; i < n; i++) {
		int escape = s[i] == '\\' && i + 1 < n;

		if (escape && octal(s, n, i + 1)) {
			ml_buf_putc(out, (char)((s[i + 1] - '0') * 64 +
						(s[i + 2] - '0') * 8 +
						(s[i + 3] - '0')));
			i += 3;
		} else if (escape && (k = strchr(from, s[i + 1])) && *k) {
			ml_buf_putc(out, to[k - from]);
			i++;
		} else {
			ml_buf_putc(out, s[i]); /* a lone backslash kept */
		}
	}
}

int ml_hunks_path(const char *s, size_t n, const char *prefix, ml_buf *out)
{
	size_t pl = strlen(prefix);
	int rc;

	ml_buf_clear(out);
	while (n && (s[n - 1] == '\r' || s[n - 1] == '\t'))
		n--; /* git ends a name holding spaces with a tab */
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"')
		unquote(s + 1, n - 2, out);
	else
		ml_buf_put(out, s, n);
	if ((rc = ml_buf_failed(out)))
		return rc;
	if (out->len < pl || memcmp(out->ptr, prefix, pl) != 0) {
		ml_buf_clear(out);
		return 0;
	}
	memmove(out->ptr, out->ptr + pl, out->len - pl + 1);
	out->len -= pl;
	return 1;
}

/* "-12,3" or "+12" after the sign: start and count (1 when absent). */
static const char *range_of(const char *s, char sign, long *start, long *count)
{
	char *end;

	if (*s != sign)
		return NULL;
	errno = 0;
	*start = strtol(s + 1, &end, 10);
	if (end == s + 1 || errno || *start < 0 || *start > INT_MAX)
		return NULL;
	*count = 1;
	if (*end == ',') {
		s = end + 1;
		*count = strtol(s, &end, 10);
		if (end == s || errno || *count < 0 || *count > INT_MAX)
			return NULL;
	}
	return end;
}

/* "@@ -a,b +c,d @@": the body's length, and the changed lines. */
static int hunk(ml_hunks_parser *p, const char *l)
{
	long a, b, c, d;

	if (!(l = range_of(l + 3, '-', &a, &b)) || *l++ != ' ' ||
	    !(l = range_of(l, '+', &c, &d)) || strncmp(l, " @@", 3) != 0)
		return ML_OK; /* not a header git writes: ignored */
	p->old_left = b;
	p->new_left = d;
	if (p->cur < 0)
		return ML_OK;
	if (d > 0)
		return p->range(p->ctx, p->cur, (int)c,
				(int)(c + d - 1 > INT_MAX ? INT_MAX
							  : c + d - 1));
	return c < INT_MAX ? p->range(p->ctx, p->cur, (int)c + 1, (int)c + 1)
			   : ML_OK;
}

static int header(ml_hunks_parser *p, const char *l, size_t n)
{
	ml_buf path = ML_BUF_INIT(ML_HUNKS_LINE_MAX);
	int rc;

	if (strncmp(l, "diff ", 5) == 0) {
		p->cur = -1;
		return ML_OK;
	}
	if (strncmp(l, "@@ ", 3) == 0)
		return hunk(p, l);
	if (strncmp(l, "+++ ", 4) != 0)
		return ML_OK;
	rc = ml_hunks_path(l + 4, n - 4, "b/", &path);
	p->cur = rc == 1 ? p->file(p->ctx, ml_buf_cstr(&path)) : -1;
	ml_buf_dispose(&path);
	return rc < 0 ? rc : ML_OK;
}

/* One whole line (up to ML_HUNKS_LINE_MAX bytes of it). */
static int line(ml_hunks_parser *p)
{
	const char *l = ml_buf_cstr(&p->line);
	size_t n = p->line.len;

	if (p->old_left > 0 || p->new_left > 0) {
		if (l[0] == '-' && p->old_left > 0) {
			p->old_left--;
			return ML_OK;
		}
		if (l[0] == '+' && p->new_left > 0) {
			p->new_left--;
			return ML_OK;
		}
		if (l[0] == ' ' && p->old_left > 0 && p->new_left > 0) {
			p->old_left--, p->new_left--;
			return ML_OK;
		}
		if (l[0] == '\\')
			return ML_OK;
		p->old_left = p->new_left = 0;
	}
	if (l[0] == '\\')
		return ML_OK; /* "\ No newline at end of file" */
	return header(p, l, n);
}

int ml_hunks_feed(ml_hunks_parser *p, const char *data, size_t n)
{
	size_t i = 0;

	while (!p->rc && i < n) {
		const char *nl = memchr(data + i, '\n', n - i);
		size_t k = nl ? (size_t)(nl - data) - i : n - i;
		size_t room = ML_HUNKS_LINE_MAX - p->line.len;

		/* beyond the limit, a line's bytes are not needed */
		if (room)
			(void)ml_buf_put(&p->line, data + i,
					 k < room ? k : room);
		if (ml_buf_failed(&p->line) == ML_ENOMEM)
			p->rc = ML_ENOMEM;
		i += k;
		if (!nl)
			break;
		i++;
		if (!p->rc)
			p->rc = line(p);
		ml_buf_clear(&p->line);
	}
	return p->rc;
}

int ml_hunks_finish(ml_hunks_parser *p)
{
	if (!p->rc && p->line.len)
		p->rc = line(p);
	ml_buf_clear(&p->line);
	return p->rc;
}
