/* lsp/text.c - an open document: its text as the editor holds it, the
 * start of every line, and positions in the negotiated encoding.
 *
 * LSP positions are (line, character) where a character counts UTF-16
 * code units by default, or bytes (utf-8) or code points (utf-32) when
 * negotiated. Findings carry 1-based lines and byte columns; both meet
 * here as byte offsets into the text. A byte that does not start a
 * well-formed sequence counts as one character. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "lsp/internal.h"
#include "util/common.h"

static int index_lines(lsp_doc *d)
{
	size_t i, n = 1;

	for (i = 0; i < d->text.len; i++)
		n += d->text.ptr[i] == '\n';
	if (ml_grow((void **)&d->lines, &d->lcap, n, sizeof(size_t)))
		return ML_ENOMEM;
	d->lines[0] = 0;
	d->nlines = 1;
	for (i = 0; i < d->text.len; i++)
		if (d->text.ptr[i] == '\n')
			d->lines[d->nlines++] = i + 1;
	return ML_OK;
}

int lsp_doc_set_text(lsp_doc *d, const char *text, size_t len)
{
	ml_buf_clear(&d->text);
	d->too_large = 0;
	if (len > ML_MAX_FILE_BYTES) {
		d->too_large = 1;
		return index_lines(d) ? ML_ENOMEM : ML_ELIMIT;
	}
	/* An empty text still gets its terminating NUL. */
	if (ml_buf_put(&d->text, text, len))
		return ML_ENOMEM;
	return index_lines(d);
}

int lsp_doc_replace(lsp_doc *d, size_t a, size_t b, const char *text,
		    size_t len)
{
	size_t old = d->text.len, now;
	char *p;

	if (a > b || b > old)
		return ML_EINVAL;
	now = old - (b - a) + len;
	if (now > ML_MAX_FILE_BYTES) {
		ml_buf_clear(&d->text);
		d->too_large = 1;
		return index_lines(d) ? ML_ENOMEM : ML_ELIMIT;
	}
	if (ml_grow((void **)&d->text.ptr, &d->text.cap, now + 1, 1))
		return ML_ENOMEM;
	p = d->text.ptr;
	memmove(p + a + len, p + b, old - b);
	memcpy(p + a, text, len);
	d->text.len = now;
	p[now] = '\0';
	return index_lines(d);
}

/* The bytes of the sequence starting at s[0] (1 for a stray byte) and its
 * width in the encoding. */
static size_t char_at(const unsigned char *s, size_t n, lsp_enc enc,
		      long *units)
{
	size_t k = 1, i;
	unsigned c = s[0];

	if (c >= 0xF0 && c <= 0xF4)
		k = 4;
	else if (c >= 0xE0 && c <= 0xEF)
		k = 3;
	else if (c >= 0xC2 && c <= 0xDF)
		k = 2;
	if (k > n)
		k = 1;
	for (i = 1; i < k; i++)
		if ((s[i] & 0xC0) != 0x80)
			k = 1;
	*units = enc == LSP_ENC_UTF8		  ? (long)k
		 : enc == LSP_ENC_UTF16 && k == 4 ? 2
						  : 1;
	return k;
}

/* Start and end (before "\r\n" or "\n") of line l, 0-based. */
static void line_span(const lsp_doc *d, size_t l, size_t *a, size_t *b)
{
	*a = d->lines[l];
	*b = l + 1 < d->nlines ? d->lines[l + 1] - 1 : d->text.len;
	if (*b > *a && d->text.ptr[*b - 1] == '\r' && l + 1 < d->nlines)
		(*b)--;
}

size_t lsp_doc_offset(const lsp_doc *d, lsp_enc enc, lsp_pos p)
{
	const unsigned char *s = (const unsigned char *)d->text.ptr;
	size_t a, b;
	long u = 0, w;

	if (p.line < 0)
		return 0;
	if ((size_t)p.line >= d->nlines)
		return d->text.len;
	line_span(d, (size_t)p.line, &a, &b);
	while (a < b && u < p.character) {
		size_t k = char_at(s + a, b - a, enc, &w);
		if (u + w > p.character)
			break; /* inside a character: its start */
		u += w;
		a += k;
	}
	return a;
}

lsp_pos lsp_doc_position(const lsp_doc *d, lsp_enc enc, size_t off)
{
	const unsigned char *s = (const unsigned char *)d->text.ptr;
	size_t lo, a, b;
	lsp_pos p;
	long w;

	if (off > d->text.len)
		off = d->text.len;
	lo = ml_line_at(d->lines, d->nlines, off);
	p.line = (long)lo;
	p.character = 0;
	line_span(d, lo, &a, &b);
	if (off > b)
		off = b;
	while (a < off) {
		a += char_at(s + a, off - a, enc, &w);
		p.character += w;
	}
	return p;
}

size_t lsp_doc_line_col(const lsp_doc *d, int line, int column)
{
	size_t a, b;

	if (line < 1)
		return 0;
	if ((size_t)line > d->nlines)
		return d->text.len;
	line_span(d, (size_t)line - 1, &a, &b);
	if (column > 1 && (size_t)(column - 1) < b - a)
		return a + (size_t)(column - 1);
	return column > 1 ? b : a;
}

size_t lsp_doc_line_end(const lsp_doc *d, int line)
{
	return lsp_doc_line_col(d, line, INT_MAX);
}

void lsp_doc_free(lsp_doc *d)
{
	if (!d)
		return;
	free(d->uri);
	free(d->path);
	free(d->real);
	free(d->lang);
	ml_buf_dispose(&d->text);
	free(d->lines);
	ml_file_result_dispose(&d->res);
	free(d);
}

char *lsp_uri_to_path(const char *uri)
{
	ml_buf b = ML_BUF_INIT(ML_LIMIT_SHORT);
	const char *p;

	if (strncmp(uri, "file://", 7) != 0)
		return NULL;
	p = uri + 7;
	/* file://localhost/x and file:///x; no other host is ours */
	if (strncmp(p, "localhost/", 10) == 0)
		p += 9;
	if (*p != '/' || strchr(p, '?') || strchr(p, '#'))
		return NULL;
	if (ml_percent_decode(p, strlen(p), &b) || memchr(b.ptr, 0, b.len)) {
		ml_buf_dispose(&b);
		return NULL;
	}
	return ml_buf_detach(&b);
}
