/* util/buf.h - the one growable byte buffer of medlint.
 *
 * Every buffer carries a limit (like curl's dynbuf) so that hostile input
 * can never make one grow without bound. The contents are always
 * NUL-terminated once anything was written.
 *
 * A buffer remembers the first write it refused (as libgit2's git_str
 * remembers running out of memory): code that builds a text in many
 * writes, a report page or row, checks ml_buf_failed() once at the end
 * instead of every write, and never passes on a text with a hole in it. */
#ifndef ML_BUF_H
#define ML_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "util/common.h"

typedef struct {
	char *ptr;
	size_t len;
	size_t cap;
	size_t limit; /* maximum len, stated by whoever makes the buffer */
	int failed;   /* the first write refused (ML_E*), or ML_OK */
} ml_buf;

/* The limits buffers state. Nothing grows past its limit: a write that
 * would is refused with ML_ELIMIT and leaves the buffer as it was (a
 * later write that fits is still taken: a caller may cut a text and say
 * so; ml_buf_failed() keeps the refusal). */
#define ML_LIMIT_SHORT ((size_t)64 * 1024)	 /* a message, key, slug, URL */
#define ML_LIMIT_TEXT ((size_t)17 * 1024 * 1024) /* up to a whole article */
/* Articles larger than this are reported, not linted. */
#define ML_MAX_FILE_BYTES ((size_t)16 * 1024 * 1024)
#define ML_LIMIT_OUTPUT ((size_t)1024 * 1024 * 1024) /* a whole report */

#define ML_BUF_INIT(limit)             \
	{                              \
		NULL, 0, 0, (limit), 0 \
	}

void ml_buf_init(ml_buf *b, size_t limit);
void ml_buf_dispose(ml_buf *b);
/* Empties the buffer, keeping its memory and limit, and forgets a
 * failure: it is as new. */
void ml_buf_clear(ml_buf *b);
/* The first failure of a write (put, puts, putc, printf, vprintf,
 * read_file) since the buffer was made, cleared, detached or disposed:
 * ML_ENOMEM, ML_ELIMIT or ML_EINVAL (a format vsnprintf refused); ML_OK
 * when every write was taken whole. */
ML_WARN_UNUSED int ml_buf_failed(const ml_buf *b);
/* Each write returns ML_OK or what ml_buf_failed() will report. */
/* Makes room for add more bytes (and the NUL) at once, so that writes
 * up to that size move nothing: ML_OK, or refused as a write would be. */
int ml_buf_reserve(ml_buf *b, size_t add);
int ml_buf_put(ml_buf *b, const char *data, size_t len);
int ml_buf_puts(ml_buf *b, const char *s);
int ml_buf_putc(ml_buf *b, char c);
int ml_buf_printf(ml_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int ml_buf_vprintf(ml_buf *b, const char *fmt, va_list ap);
/* Hand the contents to the caller (free() it) and reset the buffer (a
 * failure is forgotten: a caller that cares asks ml_buf_failed() first).
 * Never returns NULL unless out of memory: an empty buffer gives "". */
ML_WARN_UNUSED char *ml_buf_detach(ml_buf *b);
/* Contents as a C string; "" when empty. */
const char *ml_buf_cstr(const ml_buf *b);

/* The value of a hexadecimal digit, or -1. */
int ml_hexval(int c);
/* Replace out with s[0..n) percent-decoded; a '%' not followed by two hex
 * digits is kept as it is. */
ML_WARN_UNUSED int ml_percent_decode(const char *s, size_t n, ml_buf *out);
/* Replace out with the contents of the regular file at path; ML_ELIMIT
 * (nothing read) when it is larger than out's limit, ML_EIO with errno
 * set when it cannot be opened or read or is not a regular file (EISDIR
 * for a folder). st, when not NULL, gets the status of the file as
 * opened. Interrupted reads are resumed. */
struct stat;
ML_WARN_UNUSED int ml_buf_read_file(ml_buf *out, const char *path,
				    struct stat *st);

#endif
