/* cite/norm.c - a reference entry's Markdown to plain text with a byte map
 * back to the source, and the small text predicates the parsers share.
 *
 * Only the inline Markdown a pasted reference carries is understood:
 * emphasis, backslash escapes, autolinks, inline links (their text is
 * kept), a few HTML tags and entities. URLs are copied untouched so that
 * underscores and asterisks in them are not taken for emphasis. */
#include "cite/internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/common.h"

typedef struct {
	const char *src;
	size_t n;
	size_t i;
	int ital, bold, url, autolink;
	size_t link_close, link_end; /* "](...)" of the current inline link */
} norm_state;

/* Byte length of a white-space character at src[i], 0 when none. */
static size_t space_len(const char *src, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)src + i;
	size_t left = n - i;

	if (*u == ' ' || *u == '\t' || *u == '\n' || *u == '\r')
		return 1;
	if (left >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (left >= 3 && u[0] == 0xE2 && u[1] == 0x80 &&
	    (u[2] <= 0x8A || u[2] == 0xAF))
		return 3;
	if (left >= 3 && u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0x9F)
		return 3;
	if (left >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
		return 3;
	return 0;
}

/* Byte length of an invisible character to drop (ZWSP, BOM, SHY). */
static size_t invisible_len(const char *src, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)src + i;
	size_t left = n - i;

	if (left >= 2 && u[0] == 0xC2 && u[1] == 0xAD)
		return 2;
	if (left >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0x8B)
		return 3;
	if (left >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		return 3;
	return 0;
}

static int src_alnum(const norm_state *st, size_t i)
{
	unsigned char ch;

	if (i >= st->n)
		return 0;
	ch = (unsigned char)st->src[i];
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
	       (ch >= 'A' && ch <= 'Z') || ch >= 0x80;
}

static int src_space(const norm_state *st, size_t i)
{
	return i >= st->n || space_len(st->src, st->n, i) > 0;
}

static void put(cite_ctx *c, const norm_state *st, char ch, size_t at)
{
	c->s[c->len] = ch;
	c->map[c->len] = (uint32_t)at;
	c->it[c->len] = (unsigned char)st->ital;
	c->len++;
}

static int starts(const norm_state *st, size_t i, const char *lit)
{
	size_t k = strlen(lit);

	return st->n - i >= k && strncmp(st->src + i, lit, k) == 0;
}

static int starts_url(const norm_state *st, size_t i)
{
	return starts(st, i, "http://") || starts(st, i, "https://") ||
	       starts(st, i, "HTTP://") || starts(st, i, "HTTPS://");
}

/* '*' runs: an odd run toggles italics, a run of two or more bold. A
 * lone '*' between spaces is a literal. */
static int on_star(cite_ctx *c, norm_state *st)
{
	size_t k = st->i;

	while (k < st->n && st->src[k] == '*')
		k++;
	if (src_space(st, k) && (st->i == 0 || src_space(st, st->i - 1)))
		return 0;
	if ((k - st->i) % 2)
		st->ital = !st->ital;
	if (k - st->i >= 2)
		st->bold = !st->bold;
	st->i = k;
	(void)c;
	return 1;
}

/* '_' emphasises only at word edges (CommonMark's flanking rule, in
 * short): snake_case and URLs keep their underscores. */
static int on_underscore(norm_state *st)
{
	size_t k = st->i;
	int before, after;

	while (k < st->n && st->src[k] == '_')
		k++;
	before = st->i > 0 && src_alnum(st, st->i - 1);
	after = src_alnum(st, k);
	if (before && after)
		return 0;
	if (!before && src_space(st, k))
		return 0;
	if (!after && st->i > 0 && src_space(st, st->i - 1))
		return 0;
	if ((k - st->i) % 2)
		st->ital = !st->ital;
	st->i = k;
	return 1;
}

/* "[text](target)": remember where the text ends to skip the target. */
static int on_bracket(norm_state *st)
{
	size_t j, k;
	int depth = 0;

	for (j = st->i + 1; j < st->n && st->src[j] != ']'; j++)
		if (st->src[j] == '[')
			return 0;
	if (j + 1 >= st->n || st->src[j + 1] != '(')
		return 0;
	for (k = j + 2; k < st->n; k++) {
		if (st->src[k] == '(')
			depth++;
		else if (st->src[k] == ')' && depth-- == 0)
			break;
		else if (st->src[k] == ' ' || st->src[k] == '\n')
			return 0;
	}
	if (k >= st->n)
		return 0;
	st->link_close = j;
	st->link_end = k;
	st->i++;
	return 1;
}

/* "[DOI](https://doi.org/10.1000/x)" or "[Link](https://...)" at the end
 * of the entry: APA 7 shows the DOI or URL itself. The target goes into
 * the normalised text in the link text's place, so that the locator
 * checks and ml_citation_extract read it; c->hidden_link remembers where
 * (citation.c reports it). A link whose text is its target, or that is
 * not last, is left alone. */
static void on_hidden_link(cite_ctx *c, norm_state *st)
{
	size_t open = st->i - 1, close = st->link_close, end = st->link_end;
	size_t t, k;

	if (close == CITE_NONE || close + 2 >= end)
		return;
	t = close + 2;
	if (!starts_url(st, t) || starts_url(st, open + 1))
		return;
	for (k = end + 1; k < st->n; k++)
		if (!strchr(" .\t\r\n", st->src[k]))
			return;
	c->hidden_link = c->len;
	c->hidden_text_s = open + 1;
	c->hidden_text_e = close;
	put(c, st, st->src[t], open);
	for (k = t + 1; k < end; k++)
		put(c, st, st->src[k], k);
	st->i = end + 1;
	st->link_close = st->link_end = CITE_NONE;
}

static const struct {
	const char *name;
	const char *text;
} entities[] = {
	{ "&amp;", "&" },
	{ "&#38;", "&" },
	{ "&nbsp;", " " },
	{ "&ndash;", "\xE2\x80\x93" },
	{ "&mdash;", "\xE2\x80\x94" },
	{ "&quot;", "\"" },
	{ "&apos;", "'" },
	{ "&#39;", "'" },
	{ "&rsquo;", "\xE2\x80\x99" },
	{ "&hellip;", "\xE2\x80\xA6" },
};

static int on_entity(cite_ctx *c, norm_state *st)
{
	size_t k;

	for (k = 0; k < ML_ARRAY_LEN(entities); k++) {
		const char *t = entities[k].text;
		if (!starts(st, st->i, entities[k].name))
			continue;
		if (*t == ' ') {
			if (c->len && c->s[c->len - 1] != ' ')
				put(c, st, ' ', st->i);
		} else {
			for (; *t; t++)
				put(c, st, *t, st->i);
		}
		st->i += strlen(entities[k].name);
		return 1;
	}
	return 0;
}

/* CommonMark autolinks hold no space, '<' or '>' before their '>'. */
static int autolink_end(const norm_state *st, size_t i)
{
	for (; i < st->n; i++) {
		if (st->src[i] == '>')
			return 1;
		if (st->src[i] == '<' || space_len(st->src, st->n, i))
			return 0;
	}
	return 0;
}

static int on_angle(norm_state *st)
{
	static const char *const open[] = { "<i>", "<em>" };
	static const char *const close[] = { "</i>", "</em>" };
	size_t k;

	if (starts_url(st, st->i + 1) && autolink_end(st, st->i + 1)) {
		st->i++;
		st->url = st->autolink = 1;
		return 1;
	}
	for (k = 0; k < 2; k++) {
		if (starts(st, st->i, open[k])) {
			st->ital = 1;
			st->i += strlen(open[k]);
			return 1;
		}
		if (starts(st, st->i, close[k])) {
			st->ital = 0;
			st->i += strlen(close[k]);
			return 1;
		}
	}
	return 0;
}

static void on_space(cite_ctx *c, norm_state *st, size_t w)
{
	if (c->len && c->s[c->len - 1] != ' ')
		put(c, st, ' ', st->i);
	st->i += w;
	st->url = st->autolink = 0;
}

/* Inside a URL: copy until white space, '>' of an autolink, or the ']'
 * of the link text the URL is in. */
static void url_byte(cite_ctx *c, norm_state *st)
{
	char ch = st->src[st->i];

	if (st->autolink && ch == '>') {
		st->url = st->autolink = 0;
		st->i++;
		return;
	}
	if (st->i == st->link_close) {
		st->url = 0;
		return;
	}
	put(c, st, ch, st->i);
	st->i++;
}

static int at_token_start(const cite_ctx *c)
{
	return c->len == 0 || c->s[c->len - 1] == ' ' ||
	       c->s[c->len - 1] == '(';
}

/* Bytes that may start Markdown syntax or white space (1), or end a
 * URL (2); bytes >= 0x80 are both (NBSP, typographic spaces). */
static const unsigned char special_tab[128] = {
	['\0'] = 3, ['\t'] = 3, ['\n'] = 3, ['\r'] = 3, [' '] = 3,
	['\\'] = 1, ['*'] = 1,	['_'] = 1,  ['['] = 1,	[']'] = 1,
	['&'] = 1,  ['<'] = 1,	['>'] = 2,
};

static void norm_step(cite_ctx *c, norm_state *st)
{
	const char *src = st->src;
	char ch = src[st->i];
	size_t w;

	if (ch == '\0') {
		st->i++;
		return;
	}
	if ((w = space_len(src, st->n, st->i)) > 0) {
		on_space(c, st, w);
		return;
	}
	if (st->url) {
		url_byte(c, st);
		return;
	}
	if ((w = invisible_len(src, st->n, st->i)) > 0) {
		st->i += w;
		return;
	}
	if (st->i == st->link_close) {
		st->i = st->link_end + 1;
		st->link_close = st->link_end = CITE_NONE;
		return;
	}
	if (ch == '\\' && st->i + 1 < st->n &&
	    strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", src[st->i + 1]) &&
	    src[st->i + 1] != '\0') {
		put(c, st, src[st->i + 1], st->i + 1);
		st->i += 2;
		return;
	}
	if (ch == '[' && on_bracket(st)) {
		on_hidden_link(c, st);
		return;
	}
	if ((ch == '*' && on_star(c, st)) || (ch == '_' && on_underscore(st)) ||
	    (ch == '&' && on_entity(c, st)) || (ch == '<' && on_angle(st)))
		return;
	if ((ch == 'h' || ch == 'H') && at_token_start(c) &&
	    starts_url(st, st->i))
		st->url = 1;
	put(c, st, ch, st->i);
	st->i++;
}

/* The common bytes: copied with their offsets, nothing to parse. A URL
 * runs to white space; text stops at Markdown syntax and at an 'h' that
 * may start a URL. */
static void copy_plain(cite_ctx *c, norm_state *st)
{
	const char *src = st->src;
	char *s = c->s;
	uint32_t *map = c->map;
	unsigned char *it = c->it, ital = (unsigned char)st->ital, ch;
	size_t i = st->i, len = c->len;

	while (i < st->n && i != st->link_close) {
		ch = (unsigned char)src[i];
		if (ch >= 0x80 || (special_tab[ch] & (st->url ? 2 : 1)) ||
		    (!st->url && (ch == 'h' || ch == 'H') &&
		     (len == 0 || s[len - 1] == ' ' || s[len - 1] == '(')))
			break;
		s[len] = (char)ch;
		map[len] = (uint32_t)i;
		it[len] = ital;
		len++;
		i++;
	}
	st->i = i;
	c->len = len;
}

int cite_norm(cite_ctx *c, char *sbuf, uint32_t *mbuf, unsigned char *ibuf,
	      size_t cap)
{
	norm_state st;
	size_t need = c->e->len + 1;

	memset(&st, 0, sizeof(st));
	st.src = c->e->src;
	st.n = c->e->len;
	st.link_close = st.link_end = CITE_NONE;
	c->hidden_link = c->hidden_text_s = c->hidden_text_e = CITE_NONE;
	c->heap = NULL;
	if (need > cap) {
		/* output never outgrows the input: one block for all three */
		c->heap = malloc(need * (1 + sizeof(uint32_t) + 1));
		if (!c->heap)
			return ML_ENOMEM;
		mbuf = c->heap;
		sbuf = (char *)(mbuf + need);
		ibuf = (unsigned char *)(sbuf + need);
	}
	c->s = sbuf;
	c->map = mbuf;
	c->it = ibuf;
	c->len = 0;
	while (st.i < st.n) {
		copy_plain(c, &st);
		if (st.i < st.n)
			norm_step(c, &st);
	}
	while (c->len && c->s[c->len - 1] == ' ')
		c->len--;
	c->s[c->len] = '\0';
	c->it[c->len] = 0;
	c->map[c->len] = c->len ? c->map[c->len - 1] + 1 : 0;
	return ML_OK;
}

void cite_norm_dispose(cite_ctx *c)
{
	free(c->heap);
	c->heap = NULL;
}

size_t cite_src_off(const cite_ctx *c, size_t pos)
{
	return c->map[pos > c->len ? c->len : pos];
}

static void src_pos(const ml_ref_entry *e, size_t off, int *line, int *col)
{
	size_t i, ls = 0;
	int l = e->line, nl = 0;

	for (i = 0; i < off && i < e->len; i++) {
		if (e->src[i] == '\n') {
			l++;
			ls = i + 1;
			nl = 1;
		}
	}
	*line = l;
	*col = nl ? (int)(off - ls) + 1 : e->column + (int)off;
}

void cite_pos(const cite_ctx *c, size_t pos, int *line, int *col)
{
	src_pos(c->e, cite_src_off(c, pos), line, col);
}

void cite_note_id(cite_ctx *c, ml_cite_id_kind kind, size_t a, size_t b)
{
	if (c->nids == ML_CITE_MAX_IDS || b <= a)
		return;
	c->id_kind[c->nids] = kind;
	c->id_a[c->nids] = a;
	c->id_b[c->nids] = b;
	c->nids++;
}

ml_finding *cite_report(cite_ctx *c, ml_rule rule, size_t pos, const char *fmt,
			...)
{
	va_list ap;
	ml_finding *fd;
	int line, col;

	if (c->quiet)
		return NULL;
	src_pos(c->e, cite_src_off(c, pos), &line, &col);
	va_start(ap, fmt);
	fd = ml_findings_vadd(c->out, rule, line, col, fmt, ap);
	va_end(ap);
	if (!fd)
		c->rc = ML_ENOMEM;
	if (rule == ML_RULE_CITATION_AUTHOR)
		c->author_bad = 1;
	return fd;
}

void cite_span(cite_ctx *c, ml_finding *fd, size_t b)
{
	if (!fd || !b)
		return;
	/* one past the part's last source byte */
	src_pos(c->e, c->map[(b > c->len ? c->len : b) - 1] + 1, &fd->end_line,
		&fd->end_column);
}

void cite_fix(cite_ctx *c, ml_finding *fd, size_t a, size_t b, const char *text)
{
	size_t sa, sb;

	/* the text in place of a hidden link is not the source's text */
	if (!fd || (c->hidden_link != CITE_NONE && b > c->hidden_link))
		return;
	sa = cite_src_off(c, a);
	sb = b > a ? c->map[b - 1] + 1 : sa;
	if (ml_finding_set_fix(fd, c->e->offset + (long)sa, sb - sa, text))
		c->rc = ML_ENOMEM;
}

/* ---- text predicates ----------------------------------------------- */

int cite_lit_ci(const cite_ctx *c, size_t p, const char *lit)
{
	size_t k = strlen(lit), i;

	if (p > c->len || c->len - p < k)
		return 0;
	for (i = 0; i < k; i++) {
		char a = c->s[p + i], b = lit[i];
		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (b >= 'A' && b <= 'Z')
			b = (char)(b - 'A' + 'a');
		if (a != b)
			return 0;
	}
	return 1;
}

int cite_is_dash(const cite_ctx *c, size_t p, size_t *dlen)
{
	if (cite_lit(c, p, "\xE2\x80\x93") || cite_lit(c, p, "\xE2\x80\x94") ||
	    cite_lit(c, p, "\xE2\x80\x90") || cite_lit(c, p, "\xE2\x80\x91") ||
	    cite_lit(c, p, "\xE2\x88\x92")) {
		*dlen = 3;
		return 1;
	}
	if (cite_lit(c, p, "--")) {
		*dlen = 2;
		return 1;
	}
	if (p < c->len && c->s[p] == '-') {
		*dlen = 1;
		return 1;
	}
	return 0;
}

size_t cite_ital_end(const cite_ctx *c, size_t p)
{
	while (p < c->len && c->it[p])
		p++;
	return p;
}

size_t cite_word_end(const cite_ctx *c, size_t p)
{
	while (p < c->len) {
		if (cite_is_letter(c, p))
			p += cite_u8len(c, p);
		else if (c->s[p] == '\'' || c->s[p] == '-')
			p++;
		else if (cite_lit(c, p, "\xE2\x80\x99"))
			p += 3;
		else
			break;
	}
	return p;
}

const char *cite_snip(const cite_ctx *c, size_t a, size_t b, char *dst,
		      size_t cap)
{
	size_t n;

	if (b > c->len)
		b = c->len;
	n = b > a ? b - a : 0;
	if (n >= cap) {
		n = cap - 4;
		/* do not cut a UTF-8 sequence in half */
		while (n > 0 && ((unsigned char)c->s[a + n] & 0xC0) == 0x80)
			n--;
		memcpy(dst, c->s + a, n);
		memcpy(dst + n, "...", 4);
		return dst;
	}
	memcpy(dst, c->s + a, n);
	dst[n] = '\0';
	return dst;
}
