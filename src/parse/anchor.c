/* parse/anchor.c - collect #fragment targets from HTML and Markdown bodies. */
#include "parse/anchor.h"

#include <cmark-gfm.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/document.h"
#include "parse/slug.h"
#include "util/common.h"

static const char *find_ci(const char *s, const char *end, const char *pat)
{
	size_t m = strlen(pat);

	for (; (size_t)(end - s) >= m; s++)
		if (strncasecmp(s, pat, m) == 0)
			return s;
	return NULL;
}

static int put_cp(ml_buf *b, unsigned long c)
{
	char t[4];

	if (c == 0 || c > 0x10FFFF)
		c = 0xFFFD;
	if (c < 0x80)
		return ml_buf_putc(b, (char)c);
	if (c < 0x800) {
		t[0] = (char)(0xC0 | c >> 6);
		t[1] = (char)(0x80 | (c & 0x3F));
		return ml_buf_put(b, t, 2);
	}
	if (c < 0x10000) {
		t[0] = (char)(0xE0 | c >> 12);
		t[1] = (char)(0x80 | (c >> 6 & 0x3F));
		t[2] = (char)(0x80 | (c & 0x3F));
		return ml_buf_put(b, t, 3);
	}
	t[0] = (char)(0xF0 | c >> 18);
	t[1] = (char)(0x80 | (c >> 12 & 0x3F));
	t[2] = (char)(0x80 | (c >> 6 & 0x3F));
	t[3] = (char)(0x80 | (c & 0x3F));
	return ml_buf_put(b, t, 4);
}

/* One character reference at s (which starts with '&'); the number of
 * bytes consumed, 0 when it is not one we know. */
static size_t char_ref(const char *s, const char *end, ml_buf *out, int *rc)
{
	static const struct {
		const char *name;
		char c;
	} named[] = { { "&amp;", '&' },
		      { "&lt;", '<' },
		      { "&gt;", '>' },
		      { "&quot;", '"' },
		      { "&apos;", '\'' } };
	const char *p = s + 2;
	unsigned long v = 0;
	int base = 10, d;
	size_t i;

	for (i = 0; i < ML_ARRAY_LEN(named); i++) {
		size_t m = strlen(named[i].name);
		if ((size_t)(end - s) >= m &&
		    memcmp(s, named[i].name, m) == 0) {
			*rc = ml_buf_putc(out, named[i].c);
			return m;
		}
	}
	if (end - s < 4 || s[1] != '#')
		return 0;
	if (*p == 'x' || *p == 'X')
		base = 16, p++;
	while (p < end && (d = ml_hexval((unsigned char)*p)) >= 0 && d < base &&
	       v < 0x110000)
		v = v * (unsigned long)base + (unsigned long)d, p++;
	if (p >= end || *p != ';' || p == s + 2 + (base == 16))
		return 0;
	*rc = put_cp(out, v);
	return (size_t)(p + 1 - s);
}

static int add_value(ml_urlmap *set, const char *v, size_t n)
{
	ml_buf b = ML_BUF_INIT(ML_LIMIT_TEXT);
	const char *end = v + n;
	size_t used;
	int rc = ML_OK;

	while (v < end && rc == ML_OK) {
		if (*v == '&' && (used = char_ref(v, end, &b, &rc)) > 0) {
			v += used;
			continue;
		}
		rc = ml_buf_putc(&b, *v++);
	}
	if (rc == ML_OK && b.len)
		rc = ml_urlmap_put(set, b.ptr, 1);
	ml_buf_dispose(&b);
	return rc;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* The value after '=' at p, quoted or not; returns where it ends. */
static const char *attr_value(const char *p, const char *end, const char **val,
			      size_t *vlen)
{
	char q;

	while (p < end && is_space(*p))
		p++;
	if (p < end && (*p == '"' || *p == '\'')) {
		q = *p++;
		*val = p;
		while (p < end && *p != q)
			p++;
		*vlen = (size_t)(p - *val);
		return p < end ? p + 1 : p;
	}
	*val = p;
	while (p < end && !is_space(*p) && *p != '>')
		p++;
	*vlen = (size_t)(p - *val);
	return p;
}

/* Parse the attributes of a start tag from p; returns the position after
 * '>' (or end). is_a: the tag is <a>, whose name= is an anchor too. */
static const char *scan_attrs(const char *p, const char *end, int is_a,
			      ml_urlmap *set, int *rc)
{
	const char *name, *val;
	size_t nlen, vlen;

	while (p < end && *p != '>' && *rc == ML_OK) {
		if (is_space(*p) || *p == '/') {
			p++;
			continue;
		}
		name = p;
		while (p < end && !is_space(*p) && *p != '=' && *p != '>' &&
		       *p != '/')
			p++;
		nlen = (size_t)(p - name);
		if (nlen == 0)
			p++;
		while (p < end && is_space(*p))
			p++;
		if (p >= end || *p != '=')
			continue;
		p = attr_value(p + 1, end, &val, &vlen);
		if ((nlen == 2 && strncasecmp(name, "id", 2) == 0) ||
		    (is_a && nlen == 4 && strncasecmp(name, "name", 4) == 0))
			*rc = add_value(set, val, vlen);
	}
	return p < end ? p + 1 : end;
}

/* Skip the raw text of <script> or <style> up to its end tag. */
static const char *skip_raw(const char *p, const char *end, const char *tag)
{
	char close[16];
	const char *q;

	(void)snprintf(close, sizeof(close), "</%s", tag); /* script, style */
	q = find_ci(p, end, close);
	return q ? q : end;
}

/* One markup construct at lt ('<'); returns where scanning goes on. */
static const char *scan_tag(const char *lt, const char *end, ml_urlmap *set,
			    int *rc)
{
	const char *p = lt + 1, *name, *q;
	size_t nlen;

	if ((size_t)(end - p) >= 3 && memcmp(p, "!--", 3) == 0) {
		q = find_ci(p + 3, end, "-->");
		return q ? q + 3 : end;
	}
	if (p >= end || !isalpha((unsigned char)*p)) {
		if (p < end && (*p == '!' || *p == '?' || *p == '/')) {
			q = memchr(p, '>', (size_t)(end - p));
			return q ? q + 1 : end;
		}
		return p;
	}
	name = p;
	while (p < end && isalnum((unsigned char)*p))
		p++;
	nlen = (size_t)(p - name);
	p = scan_attrs(p, end, nlen == 1 && (*name | 32) == 'a', set, rc);
	if (nlen == 6 && strncasecmp(name, "script", 6) == 0)
		return skip_raw(p, end, "script");
	if (nlen == 5 && strncasecmp(name, "style", 5) == 0)
		return skip_raw(p, end, "style");
	return p;
}

int ml_anchors_html(const char *s, size_t n, ml_urlmap *set)
{
	const char *p = s, *end = s + n, *lt;
	int rc = ML_OK;

	while (p < end && rc == ML_OK) {
		lt = memchr(p, '<', (size_t)(end - p));
		if (!lt)
			break;
		p = scan_tag(lt, end, set, &rc);
	}
	return rc;
}

/* The text of a heading as GitHub's textContent sees it. */
static int heading_text(cmark_node *h, ml_buf *out)
{
	cmark_iter *it = cmark_iter_new(h);
	cmark_event_type ev;
	int rc = it ? ML_OK : ML_ENOMEM;

	while (rc == ML_OK && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		const char *lit;
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (t != CMARK_NODE_TEXT && t != CMARK_NODE_CODE)
			continue;
		lit = cmark_node_get_literal(n);
		if (lit)
			rc = ml_buf_puts(out, lit);
	}
	cmark_iter_free(it);
	return rc;
}

static int markdown_node(cmark_node *n, ml_slug_set *slugs, ml_urlmap *set,
			 ml_buf *tmp)
{
	cmark_node_type t = cmark_node_get_type(n);
	const char *lit;
	ml_buf text = ML_BUF_INIT(ML_LIMIT_TEXT);
	int rc = ML_OK;

	if (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE) {
		lit = cmark_node_get_literal(n);
		return lit ? ml_anchors_html(lit, strlen(lit), set) : ML_OK;
	}
	if (t != CMARK_NODE_HEADING)
		return ML_OK;
	rc = heading_text(n, &text);
	if (rc == ML_OK)
		rc = ml_slug_set_add(slugs, ml_buf_cstr(&text), text.len, tmp);
	if (rc == ML_OK && tmp->len)
		rc = ml_urlmap_put(set, tmp->ptr, 1);
	ml_buf_dispose(&text);
	return rc;
}

/* A remote body is parsed under the same budget as an article (time and
 * memory bounded by its size): over it, ML_ELIMIT and nothing is found. */
int ml_anchors_markdown(const char *s, size_t n, ml_urlmap *set)
{
	ml_document *d = NULL;
	ml_document_limit why;
	int rc = ml_document_parse_bounded(s, n, 1, 0, &d, &why);
	cmark_iter *it = NULL;
	ml_slug_set slugs;
	ml_buf tmp = ML_BUF_INIT(ML_LIMIT_TEXT);
	cmark_event_type ev;

	if (rc)
		return rc;
	if (!(it = cmark_iter_new(ml_document_cmark(d))))
		rc = ML_ENOMEM;

	ml_slug_set_init(&slugs);
	while (rc == ML_OK && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		if (ev == CMARK_EVENT_ENTER)
			rc = markdown_node(cmark_iter_get_node(it), &slugs, set,
					   &tmp);
	ml_buf_dispose(&tmp);
	ml_slug_set_dispose(&slugs);
	if (it)
		cmark_iter_free(it);
	ml_document_free(d);
	return rc;
}

int ml_fragment_decode(const char *frag, size_t len, ml_buf *out)
{
	return ml_percent_decode(frag, len, out);
}

int ml_fragment_trivial(const char *frag)
{
	return frag[0] == '\0' || strcasecmp(frag, "top") == 0 ||
	       frag[0] == '/' || frag[0] == '!' || strncmp(frag, ":~:", 3) == 0;
}

int ml_fragment_found(const ml_urlmap *set, const char *frag)
{
	ml_buf b = ML_BUF_INIT(ML_LIMIT_TEXT);
	int found = ml_urlmap_get(set, frag, NULL);

	if (!found && ml_buf_printf(&b, "user-content-%s", frag) == ML_OK)
		found = ml_urlmap_get(set, b.ptr, NULL);
	ml_buf_dispose(&b);
	return found;
}
