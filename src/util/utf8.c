/* util/utf8.c - letters and upper case in UTF-8 prose. */
#include "util/utf8.h"

#include <stdio.h>
#include <string.h>

#include "util/buf.h"
#include "util/common.h"

/* The code point at p when it is a two-byte sequence, else 0. */
static unsigned cp2(const char *s, size_t len, size_t p)
{
	const unsigned char *u = (const unsigned char *)s + p;

	if (p + 1 < len && u[0] >= 0xC2 && u[0] <= 0xDF &&
	    (u[1] & 0xC0) == 0x80)
		return ((unsigned)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
	return 0;
}

/* Upper case in Latin-1, Latin Extended-A, Greek and Cyrillic. */
static int cp_upper(unsigned cp)
{
	if (cp >= 0xC0 && cp <= 0xDE)
		return cp != 0xD7;
	if (cp >= 0x100 && cp <= 0x137)
		return cp % 2 == 0;
	if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
		return cp % 2 == 1;
	if (cp >= 0x14A && cp <= 0x177)
		return cp % 2 == 0;
	if (cp == 0x178)
		return 1;
	return (cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x400 && cp <= 0x42F);
}

int ml_utf8_is_upper(const char *s, size_t len, size_t p)
{
	unsigned cp;

	if (p >= len)
		return 0;
	if (s[p] >= 'A' && s[p] <= 'Z')
		return 1;
	cp = cp2(s, len, p);
	return cp && cp_upper(cp);
}

int ml_utf8_is_letter(const char *s, size_t len, size_t p)
{
	unsigned char ch;
	unsigned cp;

	if (p >= len)
		return 0;
	ch = (unsigned char)s[p];
	if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))
		return 1;
	cp = cp2(s, len, p);
	if (cp)
		return cp >= 0xC0 && cp != 0xD7 && cp != 0xF7;
	/* other scripts; U+2000..U+2BFF (lead byte 0xE2) is punctuation and
	 * symbols */
	return ch >= 0xE0 && ch != 0xE2;
}

/* Length of the valid UTF-8 sequence at s[0..n), 0 when there is none. */
static size_t seq_len(const unsigned char *s, size_t n)
{
	size_t k, need;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		need = 2;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		need = 3;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		need = 4;
	else
		return 0;
	if (n < need)
		return 0;
	for (k = 1; k < need; k++)
		if ((s[k] & 0xC0) != 0x80)
			return 0;
	if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F) ||
	    (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] > 0x8F))
		return 0; /* overlong, surrogate, past U+10FFFF */
	return need;
}

/* A three-byte sequence that reorders or hides the text around it, or
 * ends a line where a reader of JSON, JavaScript or an editor does not
 * expect one: zero-width marks (U+200B..U+200F), the line and paragraph
 * separators U+2028/U+2029, the bidirectional embeddings, overrides
 * (U+202A..U+202E) and isolates (U+2066..U+2069), and U+FEFF. */
static int hidden_format(const unsigned char *s)
{
	if (s[0] == 0xEF)
		return s[1] == 0xBB && s[2] == 0xBF;
	if (s[0] != 0xE2)
		return 0;
	return (s[1] == 0x80 && s[2] >= 0x8B && s[2] <= 0x8F) ||
	       (s[1] == 0x80 && s[2] >= 0xA8 && s[2] <= 0xAE) ||
	       (s[1] == 0x81 && s[2] >= 0xA6 && s[2] <= 0xA9);
}

/* A refused write (past b's limit, out of memory) stays in b, as every
 * ml_buf write's does (ml_buf_failed). */
static int put_escape(ml_buf *b, const char *e, size_t len)
{
	return ml_buf_put(b, e, len);
}

int ml_text_escape(ml_buf *b, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	char e[16];
	size_t i = 0, k, run;
	int rc = ML_OK;

	while (i < n && rc == ML_OK) {
		/* The common case: a run of printable ASCII. */
		for (run = i; run < n && s[run] >= 0x20 && s[run] < 0x7f; run++)
			;
		if (run > i) {
			rc = put_escape(b, str + i, run - i);
			i = run;
			continue;
		}
		k = seq_len(s + i, n - i);
		if (k == 1 || k == 0) {
			unsigned c = s[i];
			(void)snprintf(e, sizeof(e), "%s",
				       c == '\n'   ? "\\n"
				       : c == '\r' ? "\\r"
				       : c == '\t' ? "\\t"
						   : "");
			if (!e[0])
				(void)snprintf(e, sizeof(e), "\\x%02X", c);
			rc = put_escape(b, e, strlen(e));
			i++;
			continue;
		}
		if (k == 2 && s[i] == 0xC2 && s[i + 1] <= 0x9F) { /* C1 */
			(void)snprintf(e, sizeof(e), "\\x%02X", s[i + 1]);
			rc = put_escape(b, e, strlen(e));
		} else if (k == 3 && hidden_format(s + i)) {
			(void)snprintf(e, sizeof(e), "\\u{%04X}",
				       ((s[i] & 0x0Fu) << 12) |
					       ((s[i + 1] & 0x3Fu) << 6) |
					       (s[i + 2] & 0x3Fu));
			rc = put_escape(b, e, strlen(e));
		} else {
			rc = put_escape(b, str + i, k);
		}
		i += k;
	}
	return rc;
}

int ml_text_oneline(ml_buf *b)
{
	ml_buf tmp = ML_BUF_INIT(b->limit);
	ml_buf swap;
	int rc = ml_text_escape(&tmp, ml_buf_cstr(b), b->len);

	if (rc == ML_ENOMEM) {
		ml_buf_dispose(&tmp);
		return rc;
	}
	swap = *b;
	*b = tmp;
	ml_buf_dispose(&swap);
	return ML_OK;
}

int ml_text_note(ml_buf *all, int *n, ml_buf *err, const char *file, int rc)
{
	if (rc == ML_OK || rc == ML_ENOMEM)
		return rc;
	if (!err->len)
		(void)ml_buf_printf(err, "%s: cannot be read", file);
	if (ml_text_oneline(err) ||
	    ml_buf_printf(all, "%s%s", *n ? "\n" : "", ml_buf_cstr(err)))
		return ML_ENOMEM;
	ml_buf_clear(err);
	(*n)++;
	return ML_OK;
}
