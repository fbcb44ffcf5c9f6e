/* lsp/rpc.c - JSON-RPC framing: Content-Length headers in, messages out.
 *
 * The reader never trusts the client: a header block is bounded
 * (LSP_RPC_MAX_HEADER), a body is bounded (LSP_RPC_MAX_BODY; a larger one
 * is skipped as it arrives, never held), and a block without a usable
 * Content-Length is dropped with a reason, so that the next well-formed
 * message is read again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lsp/internal.h"

void lsp_rpc_reader_init(lsp_rpc_reader *r)
{
	memset(r, 0, sizeof(*r));
	r->max_body = LSP_RPC_MAX_BODY;
}

void lsp_rpc_reader_dispose(lsp_rpc_reader *r)
{
	free(r->buf);
	memset(r, 0, sizeof(*r));
}

/* Drop the bytes already read, so that buf holds only unread ones. */
static void compact(lsp_rpc_reader *r)
{
	if (r->start == 0)
		return;
	memmove(r->buf, r->buf + r->start, r->len - r->start);
	r->len -= r->start;
	r->start = 0;
}

int lsp_rpc_reader_put(lsp_rpc_reader *r, const char *data, size_t len)
{
	if (!len)
		return ML_OK;
	compact(r);
	if (ml_grow((void **)&r->buf, &r->cap, r->len + len + 1, 1))
		return ML_ENOMEM;
	memcpy(r->buf + r->len, data, len);
	r->len += len;
	return ML_OK;
}

/* The end of the header block at p (n bytes): offset just past the empty
 * line, or 0 when it has not arrived. Lines end in CRLF or LF. */
static size_t header_end(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i++) {
		if (p[i] != '\n')
			continue;
		if (p[i + 1] == '\n')
			return i + 2;
		if (p[i + 1] == '\r' && i + 2 < n && p[i + 2] == '\n')
			return i + 3;
	}
	return 0;
}

/* Content-Length from the header block h[0..n): the value, or -1 with
 * why filled. Other headers (Content-Type) are accepted and ignored. */
static long long content_length(const char *h, size_t n, ml_buf *why)
{
	long long length = -1;
	size_t i = 0;

	while (i < n) {
		const char *line = h + i, *nl = memchr(line, '\n', n - i);
		size_t ll = nl ? (size_t)(nl - line) : n - i;
		const char *colon;

		i += ll + 1;
		if (ll && line[ll - 1] == '\r')
			ll--;
		if (!ll)
			continue;
		colon = memchr(line, ':', ll);
		if (!colon) {
			(void)ml_buf_printf(why,
					    "malformed header line \"%.*s\"",
					    (int)(ll > 60 ? 60 : ll), line);
			return -1;
		}
		if ((size_t)(colon - line) == 14 &&
		    strncasecmp(line, "Content-Length", 14) == 0) {
			const char *v = colon + 1, *end = line + ll;
			long long x = 0;
			int digits = 0;

			while (v < end && (*v == ' ' || *v == '\t'))
				v++;
			for (; v < end && *v >= '0' && *v <= '9'; v++) {
				if (++digits > 18)
					break;
				x = x * 10 + (*v - '0');
			}
			while (v < end && (*v == ' ' || *v == '\t'))
				v++;
			if (!digits || v != end) {
				(void)ml_buf_printf(
					why,
					"Content-Length \"%.*s\" is "
					"not a number",
					(int)(ll > 60 ? 60 : ll), line);
				return -1;
			}
			length = x;
		}
	}
	if (length < 0)
		(void)ml_buf_puts(why, "header without Content-Length");
	return length;
}

/* After a bad header: go on at the next "Content-Length" after the
 * first unread byte (a client that lost a header resends one there), or
 * keep only a tail that may be the start of one. Always drops at least a
 * byte: a bad block holds a line break, which no such tail does. */
static void resync(lsp_rpc_reader *r)
{
	static const char name[] = "content-length";
	size_t i, k, n = sizeof(name) - 1;

	for (i = r->start + 1; i + n <= r->len; i++)
		if (strncasecmp(r->buf + i, name, n) == 0) {
			r->start = i;
			return;
		}
	for (k = n - 1; k > 0; k--)
		if (r->len - r->start > k &&
		    strncasecmp(r->buf + r->len - k, name, k) == 0) {
			r->start = r->len - k;
			return;
		}
	r->start = r->len;
}

/* After a body over the limit: its declared bytes are dropped as they
 * arrive, never held, but a header inside them ends the drop (a length
 * that lied must not swallow the session: no valid JSON body holds
 * "Content-Length" outside a string). 1 when back in step. */
static int hunt(lsp_rpc_reader *r)
{
	static const char name[] = "content-length";
	size_t n = sizeof(name) - 1, avail = r->len - r->start, i, keep;
	size_t span = (unsigned long long)avail < r->skip ? avail
							  : (size_t)r->skip;

	for (i = r->start; i < r->start + span && i + n <= r->len; i++)
		if (strncasecmp(r->buf + i, name, n) == 0) {
			r->start = i;
			r->skip = 0;
			return 1;
		}
	if ((unsigned long long)span == r->skip) {
		r->start += span;
		r->skip = 0;
		return 1;
	}
	/* keep a tail that may be the start of a header cut by the read */
	keep = avail < n - 1 ? avail : n - 1;
	r->start += avail - keep;
	r->skip -= avail - keep;
	compact(r);
	return 0;
}

/* Bodies whose JSON would cost far more memory than their bytes: more
 * values (objects, arrays, members, elements) than any LSP message holds.
 * Counted outside strings before jansson builds a tree. */
int lsp_rpc_too_complex(const char *body, size_t len, ml_buf *why)
{
	size_t i, values = 0;
	int in_str = 0;

	for (i = 0; i < len; i++) {
		char ch = body[i];
		if (in_str) {
			if (ch == '\\')
				i++;
			else if (ch == '"')
				in_str = 0;
		} else if (ch == '"') {
			in_str = 1;
		} else if (ch == '{' || ch == '[' || ch == ',') {
			if (++values > LSP_RPC_MAX_VALUES) {
				(void)ml_buf_printf(why,
						    "message holds more than "
						    "%d JSON values: refused",
						    LSP_RPC_MAX_VALUES);
				return 1;
			}
		}
	}
	return 0;
}

int lsp_rpc_next(lsp_rpc_reader *r, const char **body, size_t *len, ml_buf *why)
{
	const char *p;
	size_t n, hend;
	long long length;

	r->start += r->taken;
	r->taken = 0;
	if (r->skip && !hunt(r))
		return LSP_RPC_NONE;
	/* Blank lines between messages are tolerated. */
	while (r->start < r->len &&
	       (r->buf[r->start] == '\r' || r->buf[r->start] == '\n'))
		r->start++;
	p = r->buf + r->start;
	n = r->len - r->start;
	if (!n)
		return LSP_RPC_NONE;
	hend = header_end(p, n < LSP_RPC_MAX_HEADER ? n : LSP_RPC_MAX_HEADER);
	if (!hend) {
		if (n < LSP_RPC_MAX_HEADER)
			return LSP_RPC_NONE;
		(void)ml_buf_printf(why, "header block longer than %zu bytes",
				    LSP_RPC_MAX_HEADER);
		resync(r);
		return LSP_RPC_BAD;
	}
	length = content_length(p, hend, why);
	if (length < 0) {
		resync(r);
		return LSP_RPC_BAD;
	}
	if ((unsigned long long)length > r->max_body) {
		(void)ml_buf_printf(why,
				    "message of %lld bytes is larger than the "
				    "limit (%zu bytes): refused, reading on at "
				    "the next header",
				    length, r->max_body);
		r->start += hend;
		r->skip = (unsigned long long)length;
		return LSP_RPC_BAD;
	}
	if (n - hend < (size_t)length)
		return LSP_RPC_NONE;
	*body = p + hend;
	*len = (size_t)length;
	r->taken = hend + (size_t)length;
	return LSP_RPC_MESSAGE;
}

int lsp_rpc_send(ml_lsp_write_fn write, void *ctx, json_t *msg)
{
	char head[64];
	char *body;
	size_t len;
	int n, rc;

	if (!msg)
		return -1;
	body = json_dumps(msg, JSON_COMPACT);
	if (!body)
		return -1;
	len = strlen(body);
	n = snprintf(head, sizeof(head), "Content-Length: %zu\r\n\r\n", len);
	rc = write(ctx, head, (size_t)n) || write(ctx, body, len) ? -1 : 0;
	free(body);
	return rc;
}

/* Length of the well-formed UTF-8 sequence at s (n bytes), 0 if none. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	size_t k, i;
	unsigned c = s[0];

	if (c < 0x80)
		return 1;
	k = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
	if (c >= 0xF5 || !k || k > n)
		return 0;
	for (i = 1; i < k; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0) ||
	    (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))
		return 0;
	return k;
}

json_t *lsp_rpc_stringn(const char *s, size_t n)
{
	ml_buf b = ML_BUF_INIT(ML_LIMIT_TEXT * 2);
	json_t *j = json_stringn(s, n);
	size_t i = 0;

	if (j)
		return j;
	while (i < n) {
		size_t k = utf8_seq((const unsigned char *)s + i, n - i);
		if (k ? ml_buf_put(&b, s + i, k)
		      : ml_buf_put(&b, "\xEF\xBF\xBD", 3))
			break;
		i += k ? k : 1;
	}
	j = json_stringn(b.ptr ? b.ptr : "", b.len);
	ml_buf_dispose(&b);
	return j;
}

json_t *lsp_rpc_string(const char *s)
{
	return lsp_rpc_stringn(s ? s : "", s ? strlen(s) : 0);
}
