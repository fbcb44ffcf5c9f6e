/* parse/slug.c - GitHub-style heading slugs (see slug.h). */
#include "parse/slug.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/common.h"

/* Decode one UTF-8 sequence; invalid bytes give 0xFFFFFFFF, length 1. */
static uint32_t utf8_next(const unsigned char *s, size_t n, size_t *adv)
{
	uint32_t c = s[0];
	size_t need, i;

	*adv = 1;
	if (c < 0x80)
		return c;
	if ((c & 0xE0) == 0xC0)
		need = 1, c &= 0x1F;
	else if ((c & 0xF0) == 0xE0)
		need = 2, c &= 0x0F;
	else if ((c & 0xF8) == 0xF0)
		need = 3, c &= 0x07;
	else
		return 0xFFFFFFFFu;
	if (need >= n)
		return 0xFFFFFFFFu;
	for (i = 1; i <= need; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0xFFFFFFFFu;
		c = c << 6 | (s[i] & 0x3F);
	}
	*adv = need + 1;
	return c;
}

static int put_utf8(ml_buf *b, uint32_t c)
{
	char t[4];
	size_t n;

	if (c < 0x80) {
		t[0] = (char)c, n = 1;
	} else if (c < 0x800) {
		t[0] = (char)(0xC0 | c >> 6);
		t[1] = (char)(0x80 | (c & 0x3F)), n = 2;
	} else if (c < 0x10000) {
		t[0] = (char)(0xE0 | c >> 12);
		t[1] = (char)(0x80 | (c >> 6 & 0x3F));
		t[2] = (char)(0x80 | (c & 0x3F)), n = 3;
	} else {
		t[0] = (char)(0xF0 | c >> 18);
		t[1] = (char)(0x80 | (c >> 12 & 0x3F));
		t[2] = (char)(0x80 | (c >> 6 & 0x3F));
		t[3] = (char)(0x80 | (c & 0x3F)), n = 4;
	}
	return ml_buf_put(b, t, n);
}

/* Blocks of punctuation, symbols and emoji that github-slugger drops. */
static const uint32_t dropped[][2] = {
	{ 0x00A0, 0x00A9 }, { 0x00AB, 0x00B1 }, { 0x00B4, 0x00B4 },
	{ 0x00B6, 0x00B8 }, { 0x00BB, 0x00BB }, { 0x00BF, 0x00BF },
	{ 0x00D7, 0x00D7 }, { 0x00F7, 0x00F7 }, { 0x2000, 0x206F },
	{ 0x20A0, 0x20CF }, { 0x2190, 0x23FF }, { 0x2500, 0x27BF },
	{ 0x2E00, 0x2E7F }, { 0x3000, 0x3004 }, { 0x3008, 0x3020 },
	{ 0xFE30, 0xFE4F }, { 0xFF01, 0xFF0F }, { 0xFF1A, 0xFF20 },
	{ 0xFF3B, 0xFF40 }, { 0xFF5B, 0xFF65 }, { 0x1F000, 0x1FAFF },
};

static int is_dropped(uint32_t c)
{
	size_t i;

	for (i = 0; i < ML_ARRAY_LEN(dropped); i++)
		if (c >= dropped[i][0] && c <= dropped[i][1])
			return 1;
	return 0;
}

static uint32_t lower(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if ((c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
	    (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) ||
	    (c >= 0x410 && c <= 0x42F))
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40F)
		return c + 0x50;
	if (c == 0x178)
		return 0xFF;
	if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177))
		return c | 1;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
		return (c & 1) ? c + 1 : c;
	return c;
}

static int is_ascii_alnum(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

int ml_heading_slug(const char *text, size_t len, ml_buf *out)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, adv;
	uint32_t c;
	int rc = ML_OK;

	ml_buf_clear(out);
	while (i < len && rc == ML_OK) {
		c = utf8_next(s + i, len - i, &adv);
		i += adv;
		if (c == ' ')
			rc = ml_buf_putc(out, '-');
		else if (c == '-' || c == '_' || is_ascii_alnum(c))
			rc = ml_buf_putc(out, (char)lower(c));
		else if (c >= 0x80 && c != 0xFFFFFFFFu && !is_dropped(c))
			rc = put_utf8(out, lower(c));
	}
	if (rc == ML_OK && !out->ptr)
		rc = ml_buf_put(out, "", 0);
	return rc;
}

void ml_slug_set_init(ml_slug_set *s)
{
	ml_urlmap_init(&s->seen);
}

void ml_slug_set_dispose(ml_slug_set *s)
{
	ml_urlmap_dispose(&s->seen);
}

/* github-slugger: while the candidate is taken, bump the base's counter
 * and try base-N; the result is then taken with a counter of 0. */
int ml_slug_set_add(ml_slug_set *s, const char *text, size_t len, ml_buf *out)
{
	ml_buf base = ML_BUF_INIT(ML_LIMIT_SHORT);
	size_t n = 0;
	int rc;

	rc = ml_heading_slug(text, len, out);
	if (rc == ML_OK)
		rc = ml_buf_put(&base, out->ptr, out->len);
	while (rc == ML_OK && ml_urlmap_get(&s->seen, out->ptr, NULL)) {
		ml_urlmap_get(&s->seen, base.ptr, &n);
		n++;
		rc = ml_urlmap_put(&s->seen, base.ptr, n);
		ml_buf_clear(out);
		if (rc == ML_OK)
			rc = ml_buf_printf(out, "%s-%zu", base.ptr, n);
	}
	if (rc == ML_OK)
		rc = ml_urlmap_put(&s->seen, out->ptr, 0);
	ml_buf_dispose(&base);
	return rc;
}

int ml_slug_set_has(const ml_slug_set *s, const char *slug)
{
	return ml_urlmap_get(&s->seen, slug, NULL);
}

/* ---- Python-Markdown's toc slugify (MkDocs) ------------------------ */

/* U+00C0..U+017F after NFKD with the marks dropped (what
 * .encode('ascii', 'ignore') keeps); other non-ASCII code points vanish. */
static const char *const ascii_fold[] = {
	"A", "A", "A",	"A",  "A", "A", "",  "C", "E", "E", "E", "E", "I", "I",
	"I", "I", "",	"N",  "O", "O", "O", "O", "O", "",  "",	 "U", "U", "U",
	"U", "Y", "",	"",   "a", "a", "a", "a", "a", "a", "",	 "c", "e", "e",
	"e", "e", "i",	"i",  "i", "i", "",  "n", "o", "o", "o", "o", "o", "",
	"",  "u", "u",	"u",  "u", "y", "",  "y", "A", "a", "A", "a", "A", "a",
	"C", "c", "C",	"c",  "C", "c", "C", "c", "D", "d", "",	 "",  "E", "e",
	"E", "e", "E",	"e",  "E", "e", "E", "e", "G", "g", "G", "g", "G", "g",
	"G", "g", "H",	"h",  "",  "",	"I", "i", "I", "i", "I", "i", "I", "i",
	"I", "",  "IJ", "ij", "J", "j", "K", "k", "",  "L", "l", "L", "l", "L",
	"l", "L", "l",	"",   "",  "N", "n", "N", "n", "N", "n", "n", "",  "",
	"O", "o", "O",	"o",  "O", "o", "",  "",  "R", "r", "R", "r", "R", "r",
	"S", "s", "S",	"s",  "S", "s", "S", "s", "T", "t", "T", "t", "",  "",
	"U", "u", "U",	"u",  "U", "u", "U", "u", "U", "u", "U", "u", "W", "w",
	"Y", "y", "Y",	"Z",  "z", "Z", "z", "Z", "z", "s",
};

/* slugify(value, '-'): NFKD to ASCII, drop [^\w\s-], strip, lowercase,
 * runs of [-\s] become one '-'. */
int ml_heading_slug_toc(const char *text, size_t len, ml_buf *out)
{
	const unsigned char *s = (const unsigned char *)text;
	ml_buf a = ML_BUF_INIT(ML_LIMIT_SHORT);
	size_t i = 0, adv, b, e;
	uint32_t c;
	int rc = ML_OK, dash = 0;

	while (i < len && rc == ML_OK) {
		c = utf8_next(s + i, len - i, &adv);
		i += adv;
		if (c >= 0xC0 && c < 0x180)
			rc = ml_buf_puts(&a, ascii_fold[c - 0xC0]);
		else if (c < 0x80 &&
			 (is_ascii_alnum(c) || c == '_' || c == '-' ||
			  c == ' ' || c == '\t' || c == '\n'))
			rc = ml_buf_putc(&a, (char)c);
	}
	ml_buf_clear(out);
	for (b = 0; b < a.len &&
		    (a.ptr[b] == ' ' || a.ptr[b] == '\t' || a.ptr[b] == '\n');
	     b++)
		;
	for (e = a.len; e > b && (a.ptr[e - 1] == ' ' || a.ptr[e - 1] == '\t' ||
				  a.ptr[e - 1] == '\n');
	     e--)
		;
	for (i = b; i < e && rc == ML_OK; i++) {
		char ch = a.ptr[i];
		if (ch == '-' || ch == ' ' || ch == '\t' || ch == '\n') {
			dash = 1;
			continue;
		}
		if (dash)
			rc = ml_buf_putc(out, '-');
		dash = 0;
		if (rc == ML_OK)
			rc = ml_buf_putc(out, (char)lower((unsigned char)ch));
	}
	if (rc == ML_OK && dash)
		rc = ml_buf_putc(out, '-');
	if (rc == ML_OK && !out->ptr)
		rc = ml_buf_put(out, "", 0);
	ml_buf_dispose(&a);
	return rc;
}

/* Python-Markdown's unique(): while taken (or empty), id_N with N one
 * more than a trailing _N, or id_1. */
int ml_slug_set_add_toc(ml_slug_set *s, const char *text, size_t len,
			ml_buf *out)
{
	ml_buf next = ML_BUF_INIT(ML_LIMIT_SHORT);
	int rc = ml_heading_slug_toc(text, len, out);

	while (rc == ML_OK &&
	       (out->len == 0 || ml_urlmap_get(&s->seen, out->ptr, NULL))) {
		const char *u = strrchr(out->ptr, '_');
		char *end = NULL;
		unsigned long n = 0;

		if (u && u[1] >= '0' && u[1] <= '9')
			n = strtoul(u + 1, &end, 10);
		ml_buf_clear(&next);
		if (end && *end == '\0')
			rc = ml_buf_printf(&next, "%.*s_%lu",
					   (int)(u - out->ptr), out->ptr,
					   n + 1);
		else
			rc = ml_buf_printf(&next, "%s_1", out->ptr);
		ml_buf_clear(out);
		if (rc == ML_OK)
			rc = ml_buf_put(out, next.ptr, next.len);
	}
	if (rc == ML_OK)
		rc = ml_urlmap_put(&s->seen, out->ptr, 0);
	ml_buf_dispose(&next);
	return rc;
}

int ml_slug_set_add_id(ml_slug_set *s, const char *id, size_t len)
{
	return ml_urlmap_putn(&s->seen, id, len, 0);
}
