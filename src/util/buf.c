/* util/buf.c - growable, size-limited byte buffer. */
#include "util/buf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <string.h>

#include "util/common.h"

char *ml_strndup(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *ml_strdup(const char *s)
{
	return ml_strndup(s, strlen(s));
}

int ml_grow(void **items, size_t *cap, size_t need, size_t elem)
{
	size_t ncap;
	void *p;

	if (need <= *cap)
		return ML_OK;
	ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (ncap > ((size_t)-1) / 2 / elem)
			return ML_ENOMEM;
		ncap *= 2;
	}
	p = realloc(*items, ncap * elem);
	if (!p)
		return ML_ENOMEM;
	*items = p;
	*cap = ncap;
	return ML_OK;
}

void ml_buf_init(ml_buf *b, size_t limit)
{
	b->ptr = NULL;
	b->len = 0;
	b->cap = 0;
	b->limit = limit;
	b->failed = ML_OK;
}

void ml_buf_dispose(ml_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
	b->failed = ML_OK;
}

void ml_buf_clear(ml_buf *b)
{
	b->len = 0;
	b->failed = ML_OK;
	if (b->ptr)
		b->ptr[0] = '\0';
}

int ml_buf_failed(const ml_buf *b)
{
	return b->failed;
}

/* Every refused write passes here: the first one is remembered. */
static int refused(ml_buf *b, int rc)
{
	if (b->failed == ML_OK)
		b->failed = rc;
	return rc;
}

static int buf_reserve(ml_buf *b, size_t add)
{
	size_t limit = b->limit;
	size_t need, ncap;
	char *p;

	if (add > limit || b->len > limit - add)
		return refused(b, ML_ELIMIT);
	need = b->len + add + 1;
	if (need <= b->cap)
		return ML_OK;
	ncap = b->cap ? b->cap : 64;
	while (ncap < need)
		ncap *= 2;
	p = realloc(b->ptr, ncap);
	if (!p)
		return refused(b, ML_ENOMEM);
	b->ptr = p;
	b->cap = ncap;
	return ML_OK;
}

int ml_buf_reserve(ml_buf *b, size_t add)
{
	int rc = buf_reserve(b, add);

	if (!rc)
		b->ptr[b->len] = '\0'; /* a string, even if nothing follows */
	return rc;
}

int ml_buf_put(ml_buf *b, const char *data, size_t len)
{
	int rc = buf_reserve(b, len);
	if (rc)
		return rc;
	if (len)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return ML_OK;
}

int ml_buf_puts(ml_buf *b, const char *s)
{
	return ml_buf_put(b, s, strlen(s));
}

int ml_buf_putc(ml_buf *b, char c)
{
	return ml_buf_put(b, &c, 1);
}

/* Formats into the spare capacity first; only a message that did not
 * fit is formatted a second time, into room made for it. */
int ml_buf_vprintf(ml_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	size_t room;
	int n, rc;

	/* room for a short message (the usual one) before the first try */
	if (b->cap < b->len + 128 && b->len <= b->limit &&
	    b->limit - b->len >= 128 && (rc = buf_reserve(b, 127)) != 0)
		return rc;
	room = b->cap > b->len ? b->cap - b->len : 0;
	va_copy(cp, ap);
	n = vsnprintf(room ? b->ptr + b->len : NULL, room, fmt, cp);
	va_end(cp);
	if (n < 0) {
		if (room)
			b->ptr[b->len] = '\0';
		return refused(b, ML_EINVAL);
	}
	if ((size_t)n < room) {
		if ((size_t)n > b->limit || b->len > b->limit - (size_t)n) {
			b->ptr[b->len] = '\0';
			return refused(b, ML_ELIMIT);
		}
		b->len += (size_t)n;
		return ML_OK;
	}
	if (room)
		b->ptr[b->len] = '\0';
	rc = buf_reserve(b, (size_t)n);
	if (rc)
		return rc;
	(void)vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return ML_OK;
}

int ml_buf_printf(ml_buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = ml_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

char *ml_buf_detach(ml_buf *b)
{
	char *p = b->ptr;
	if (!p)
		p = ml_strdup("");
	b->ptr = NULL;
	b->len = b->cap = 0;
	b->failed = ML_OK;
	return p;
}

const char *ml_buf_cstr(const ml_buf *b)
{
	return b->ptr ? b->ptr : "";
}

int ml_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int ml_percent_decode(const char *s, size_t n, ml_buf *out)
{
	size_t i;
	int hi, lo, rc = ML_OK;

	ml_buf_clear(out);
	for (i = 0; i < n && rc == ML_OK; i++) {
		if (s[i] == '%' && i + 2 < n &&
		    (hi = ml_hexval((unsigned char)s[i + 1])) >= 0 &&
		    (lo = ml_hexval((unsigned char)s[i + 2])) >= 0) {
			rc = ml_buf_putc(out, (char)(hi * 16 + lo));
			i += 2;
		} else {
			rc = ml_buf_putc(out, s[i]);
		}
	}
	if (rc == ML_OK && !out->ptr)
		rc = ml_buf_put(out, "", 0);
	return rc;
}

/* Reads fd to its end into out, straight into the buffer: the size from
 * fstat is only a hint (the file may grow or shrink meanwhile). */
static int read_fd(ml_buf *out, int fd, size_t hint)
{
	ssize_t n;
	size_t room;
	/* One byte past the hint: the read that finds the end needs room. */
	int rc = buf_reserve(out, hint < out->limit ? hint + 1 : hint);

	while (!rc) {
		room = out->limit - out->len < 65536 ? out->limit - out->len
						     : 65536;
		if (out->cap - out->len <= 1 && !room) {
			char probe; /* full to the limit: is that the end? */
			while ((n = read(fd, &probe, 1)) < 0 && errno == EINTR)
				;
			rc = n < 0   ? ML_EIO
			     : n > 0 ? refused(out, ML_ELIMIT)
				     : ML_OK;
			break;
		}
		if (out->cap - out->len <= 1 && (rc = buf_reserve(out, room)))
			break;
		n = read(fd, out->ptr + out->len, out->cap - out->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = n < 0 ? ML_EIO : ML_OK;
			break;
		}
		out->len += (size_t)n;
	}
	if (out->ptr)
		out->ptr[out->len] = '\0';
	return rc;
}

int ml_buf_read_file(ml_buf *out, const char *path, struct stat *st)
{
	struct stat own;
	int fd, rc, e;

	ml_buf_clear(out);
	if (!st)
		st = &own;
	/* O_NONBLOCK: a FIFO put in a file's place opens without waiting
	 * for a writer, and is then refused as not a regular file. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)) < 0)
		return ML_EIO;
	e = fstat(fd, st) != 0	   ? errno
	    : S_ISREG(st->st_mode) ? 0
	    : S_ISDIR(st->st_mode) ? EISDIR
				   : EINVAL;
	if (e) {
		close(fd);
		errno = e;
		return ML_EIO;
	}
	if ((unsigned long long)st->st_size > out->limit) {
		close(fd);
		return refused(out, ML_ELIMIT);
	}
	rc = read_fd(out, fd, (size_t)st->st_size);
	e = errno;
	close(fd);
	errno = e;
	return rc;
}
