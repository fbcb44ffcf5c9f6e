/* parse/document.c - one cmark-gfm parse and one walk -> the document model of
 * document.h: headings and sections, paragraphs, lists, text runs, links,
 * HTML comments, with file positions.
 *
 * cmark-gfm's block start positions are trusted; inline positions are
 * not (0.29 ignores stripped indentation, lazy lines and link reference
 * definitions), so a cursor walks the raw source beside the inline nodes
 * and each literal is aligned with the bytes it came from. */
#include "parse/document.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/internal.h"
#include "parse/node.h"
#include "util/buf.h"
#include "util/common.h"

#define NOPOS SIZE_MAX
/* How far a literal is looked for past the cursor: inline markup between
 * two text nodes is short; the first node of a paragraph may sit after
 * link reference definitions. */
#define SCAN_NEAR 4096
#define SCAN_FIRST 65536

struct ml_document_priv {
	cmark_node *root;
	parse_arena *cm;  /* cmark-gfm's memory */
	size_t reserved;  /* taken from the run-wide pool */
	ml_tree *arena;	  /* plain texts and bare URLs */
	const char *body; /* after a BOM, if any */
	size_t len;
	size_t *lines; /* body offset where each line starts */
	size_t nlines;
	/* The same for LF line ends only, when the body has a lone CR:
	 * cmark-gfm ends a line there, but positions are reported as
	 * editors, git and GitHub number lines (NULL: lines). */
	size_t *flines;
	size_t nflines;
	/* the lines last answered for each: positions are asked for mostly
	 * in order, so the next is nearly always that line or the next */
	size_t hint, fhint;
	int first_line;
	long base; /* file offset of body[0] */
	size_t cap_headings, cap_paragraphs, cap_lists, cap_items, cap_texts,
		cap_links, cap_comments;
};

typedef struct ml_document_priv priv;

/* ---- cmark-gfm setup ------------------------------------------------ */

static pthread_once_t cm_once = PTHREAD_ONCE_INIT;
static cmark_syntax_extension *cm_table;
static cmark_node_type cm_cell = CMARK_NODE_NONE;

/* Byte classes for the one pass over each text literal. A word has a
 * letter or digit: ASCII, or a UTF-8 lead byte outside the U+2000-U+2FFF
 * block of punctuation and symbols. */
enum { C_WS = 1, C_WORD = 2 };
static unsigned char cls[256];

static void cls_init(void)
{
	int c;

	for (c = 0; c < 256; c++) {
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f' || c == '\v')
			cls[c] = C_WS;
		else if ((c >= '0' && c <= '9') ||
			 ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
			 (c >= 0xC3 && c != 0xE2 && (c & 0xC0) == 0xC0))
			cls[c] = C_WORD;
	}
}

/* The table extension is a block extension: unlike autolink and
 * strikethrough it never touches cmark-gfm's global inline tables, so it
 * is safe with several parsers at once. Its node types are only known at
 * run time; a probe parse finds the cell type. */
static void cm_init(void)
{
	static const char probe[] = "|a|\n|-|\n";
	cmark_parser *p;
	cmark_node *root, *n;

	cls_init();
	cmark_gfm_core_extensions_ensure_registered();
	cm_table = cmark_find_syntax_extension("table");
	if (!cm_table)
		return;
	p = cmark_parser_new(CMARK_OPT_DEFAULT);
	cmark_parser_attach_syntax_extension(p, cm_table);
	cmark_parser_feed(p, probe, sizeof(probe) - 1);
	root = cmark_parser_finish(p);
	n = cmark_node_first_child(root);
	n = n ? cmark_node_first_child(n) : NULL;
	n = n ? cmark_node_first_child(n) : NULL;
	if (n)
		cm_cell = cmark_node_get_type(n);
	cmark_node_free(root);
	cmark_parser_free(p);
}

/* ---- lines and positions -------------------------------------------- */

/* ml_grow without the call when there is room, as there mostly is. */
static int grow(void **items, size_t *cap, size_t need, size_t elem)
{
	return need <= *cap ? ML_OK : ml_grow(items, cap, need, elem);
}

static int push_at(size_t **lines, size_t *n, size_t *cap, size_t off)
{
	if (grow((void **)lines, cap, *n + 1, sizeof(size_t)))
		return ML_ENOMEM;
	(*lines)[(*n)++] = off;
	return ML_OK;
}

static int push_line(priv *p, size_t *cap, size_t off)
{
	return push_at(&p->lines, &p->nlines, cap, off);
}

/* Line starts, with cmark's line ends: LF, CRLF and a lone CR. */
static int build_lines(priv *p)
{
	const char *s = p->body, *q = s, *end = s + p->len;
	size_t cap = 0, i;
	int lone = 0;

	if (push_line(p, &cap, 0))
		return ML_ENOMEM;
	if (!memchr(s, '\r', p->len)) {
		while ((q = memchr(q, '\n', (size_t)(end - q))) && ++q < end)
			if (push_line(p, &cap, (size_t)(q - s)))
				return ML_ENOMEM;
		return ML_OK;
	}
	for (i = 0; i + 1 < p->len; i++) {
		if (s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n'))
			if (push_line(p, &cap, i + 1))
				return ML_ENOMEM;
		lone |= s[i] == '\r' && s[i + 1] != '\n';
	}
	if (!lone)
		return ML_OK;
	cap = 0;
	if (push_at(&p->flines, &p->nflines, &cap, 0))
		return ML_ENOMEM;
	for (i = 0; i + 1 < p->len; i++)
		if (s[i] == '\n' &&
		    push_at(&p->flines, &p->nflines, &cap, i + 1))
			return ML_ENOMEM;
	return ML_OK;
}

/* ml_line_at, first trying the line of the last answer and the next. */
static size_t near_line(const size_t *starts, size_t n, size_t off,
			size_t *hint)
{
	size_t k = *hint;

	if (k < n && starts[k] <= off) {
		if (k + 1 == n || off < starts[k + 1])
			return k;
		if (k + 2 == n || off < starts[k + 2])
			return *hint = k + 1;
	}
	return *hint = ml_line_at(starts, n, off);
}

/* 0-based index of the line holding body offset off. The hint is a
 * cache, not part of the document's value: it changes under const. */
static size_t line_of(const priv *p, size_t off)
{
	return near_line(p->lines, p->nlines, off, &((priv *)p)->hint);
}

/* Offset just past the content of line k (before its line end). */
static size_t line_end(const priv *p, size_t k)
{
	size_t start, e;

	if (k >= p->nlines)
		k = p->nlines - 1;
	start = p->lines[k];
	e = k + 1 < p->nlines ? p->lines[k + 1] : p->len;
	if (e > start && p->body[e - 1] == '\n')
		e--;
	if (e > start && p->body[e - 1] == '\r')
		e--;
	return e;
}

/* Body offset of a cmark (line, column), both 1-based in the body. */
static size_t offset_of(const priv *p, int line, int col)
{
	size_t k = line > 0 ? (size_t)line - 1 : 0, off, e;

	if (k >= p->nlines)
		k = p->nlines - 1;
	off = p->lines[k] + (col > 1 ? (size_t)col - 1 : 0);
	e = line_end(p, k);
	return off < e ? off : e;
}

/* 0-based file line (LF line ends) of body offset off. */
static size_t file_line_of(const priv *p, size_t off)
{
	return p->flines ? near_line(p->flines, p->nflines, off,
				     &((priv *)p)->fhint)
			 : line_of(p, off);
}

static void file_pos(const priv *p, size_t off, int *line, int *col,
		     long *offset)
{
	size_t k = file_line_of(p, off);

	if (line)
		*line = p->first_line + (int)k;
	if (col)
		*col = (int)(off - (p->flines ? p->flines : p->lines)[k]) + 1;
	if (offset)
		*offset = p->base + (long)off;
}

/* ---- aligning literals with the source ------------------------------ */

static int is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

static int is_punct(unsigned char c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
	       (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

static int is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

static int is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

/* Length of the entity reference at s ("&amp;", "&#35;", "&#x23;"), or 0. */
static size_t entity_len(const char *s, size_t n)
{
	size_t i = 1, k = 0;

	if (i < n && s[i] == '#') {
		int hex = ++i < n && (s[i] == 'x' || s[i] == 'X');
		i += (size_t)hex;
		for (; i < n && k < (hex ? 6u : 7u) &&
		       (hex ? is_hex((unsigned char)s[i])
			    : s[i] >= '0' && s[i] <= '9');
		     i++, k++)
			;
	} else {
		for (; i < n && k < 32 && is_alnum((unsigned char)s[i]);
		     i++, k++)
			;
		if (k < 2)
			return 0;
	}
	return k > 0 && i < n && s[i] == ';' ? i + 1 : 0;
}

/* Advances (*s in src, *i in lit) until *i reaches stop. A backslash
 * escape or an entity in the source stands for one literal character.
 * Returns 0, or -1 when the two disagree. */
static int align(const char *src, size_t end, size_t *s, const char *lit,
		 size_t n, size_t *i, size_t stop)
{
	size_t e;

	while (*i < stop) {
		unsigned char c, l = (unsigned char)lit[*i];
		if (*s >= end)
			return -1;
		c = (unsigned char)src[*s];
		if (c == '\\' && *s + 1 < end &&
		    is_punct((unsigned char)src[*s + 1]) &&
		    (unsigned char)src[*s + 1] == l) {
			*s += 2;
			(*i)++;
		} else if (c == '&' && (e = entity_len(src + *s, end - *s)) &&
			   (l != '&' ||
			    (e == 5 && !memcmp(src + *s, "&amp;", 5)))) {
			*s += e;
			for ((*i)++;
			     *i < n && ((unsigned char)lit[*i] & 0xC0) == 0x80;)
				(*i)++;
		} else if (c == l) {
			(*s)++;
			(*i)++;
		} else {
			return -1;
		}
	}
	return 0;
}

/* ---- the walk --------------------------------------------------------- */

enum { LEAF_NONE, LEAF_PARA, LEAF_HEADING, LEAF_CELL };

typedef struct {
	size_t link;
	char form; /* '[' bracketed, '<' autolink, 0 unknown */
} open_link;

typedef struct {
	size_t list, next; /* index into lists, next item number */
} open_list;

typedef struct {
	ml_document *d;
	priv *p;
	int quotes; /* block quote depth */
	int *items; /* open list items (indices) */
	size_t nitems, cap_items;
	open_list *lists;
	size_t nlists, cap_lists;
	open_link *links;
	size_t nlinks, cap_links;
	int *pending; /* items whose end waits for the next block */
	size_t npending, cap_pending;
	/* the leaf block whose inlines are being walked */
	int leaf;
	int leaf_heading; /* index of a section heading, or -1 */
	size_t leaf_start, leaf_end, cursor, first_text;
	int first_inline;
	unsigned leaf_flags;
	char *pt; /* the leaf's plain text */
	size_t plen, pcap;
	int pending_space;
	int in_word, word_alnum;
	size_t words;
} walker;

static const char *body(const walker *w)
{
	return w->p->body;
}

static unsigned flags_now(const walker *w)
{
	return (w->quotes ? ML_IN_QUOTE : 0) | (w->nitems ? ML_IN_LIST : 0) |
	       w->leaf_flags | (w->nlinks ? ML_IN_LINK : 0);
}

static int section_now(const walker *w)
{
	return (int)w->d->nheadings - 1;
}

static void word_break(walker *w)
{
	if (w->in_word && w->word_alnum)
		w->words++;
	w->in_word = w->word_alnum = 0;
}

static int is_www(const char *s, size_t i)
{
	return i >= 3 && (s[i - 1] | 0x20) == 'w' && (s[i - 2] | 0x20) == 'w' &&
	       (s[i - 3] | 0x20) == 'w';
}

/* Whether s holds "www." (three w's before a dot, any case). */
static int has_www(const char *s, size_t n)
{
	const char *q;
	size_t i;

	for (i = 3; i < n; i = (size_t)(q - s) + 1) {
		q = memchr(s + i, '.', n - i);
		if (!q)
			return 0;
		if (is_www(s, (size_t)(q - s)))
			return 1;
	}
	return 0;
}

/* The first white space byte of s at or after i, or n. Eight bytes at a
 * time while none is below '!' (a white space byte is); the lowest byte
 * the mask flags is one (borrows only flag bytes above it). */
static size_t ws_find(const char *s, size_t i, size_t n)
{
	const uint64_t low = 0x2121212121212121ULL,
		       high = 0x8080808080808080ULL;
	uint64_t x, m;

	while (i + 8 <= n) {
		memcpy(&x, s + i, 8);
		m = (x - low) & ~x & high;
		if (!m) {
			i += 8;
			continue;
		}
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
	__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		i += (size_t)__builtin_ctzll(m) / 8;
#else
		while ((unsigned char)s[i] > ' ')
			i++;
#endif
		if (cls[(unsigned char)s[i]] & C_WS)
			return i;
		i++; /* a control byte that is not white space */
	}
	for (; i < n; i++)
		if (cls[(unsigned char)s[i]] & C_WS)
			return i;
	return n;
}

/* The end of the word at s[i] (the first white space byte, or n); *al
 * is set once a byte of it is a letter or digit. */
static size_t word_end(const char *s, size_t i, size_t n, int *al)
{
	unsigned k;

	if (!*al)
		for (; i < n; i++) {
			k = cls[(unsigned char)s[i]];
			if (k & C_WS)
				return i;
			if (k & C_WORD) {
				*al = 1;
				break;
			}
		}
	return ws_find(s, i, n);
}

/* Appends s[from, to), a stretch that starts with a word, after the
 * pending space, if any. */
static char *put_stretch(char *o, int *pend, const char *s, size_t from,
			 size_t to)
{
	if (to > from) {
		if (*pend)
			*o++ = ' ';
		*pend = 0;
		memcpy(o, s + from, to - from);
		o += to - from;
	}
	return o;
}

/* One pass over a literal: append it to the plain text with white space
 * collapsed, count its words unless words is 0, and tell whether it may
 * hold a bare URL (a ':' or "www."). Words are found by their ends (the
 * first white space byte); text whose white space needs no collapsing
 * (one ' ' between two words) is copied as one stretch. */
static int text_feed(walker *w, const char *s, size_t n, int words, int *url)
{
	int in = w->in_word, al = w->word_alnum, pend = w->pending_space;
	size_t i = 0, e, cnt = 0, from = 0;
	char *o;

	if (grow((void **)&w->pt, &w->pcap, w->plen + n + 2, 1))
		return ML_ENOMEM;
	o = w->pt + w->plen;
	for (;;) {
		e = word_end(s, i, n, &al);
		in |= e > i;
		if (e == n)
			break;
		cnt += (size_t)(in && al);
		in = al = 0;
		i = e + 1;
		if (s[e] == ' ' && e > from && i < n &&
		    !(cls[(unsigned char)s[i]] & C_WS))
			continue;
		o = put_stretch(o, &pend, s, from, e);
		while (i < n && (cls[(unsigned char)s[i]] & C_WS))
			i++;
		pend = o != w->pt;
		from = i;
	}
	o = put_stretch(o, &pend, s, from, n);
	*o = '\0';
	w->plen = (size_t)(o - w->pt);
	w->pending_space = pend;
	if (words && w->leaf != LEAF_HEADING) {
		w->in_word = in;
		w->word_alnum = al;
		w->words += cnt;
	}
	if (url)
		*url = memchr(s, ':', n) || has_www(s, n);
	return ML_OK;
}

/* First offset in [from, to) where needle starts, or NOPOS. */
static size_t find_str(const char *s, size_t from, size_t to,
		       const char *needle, size_t n)
{
	const char *q;

	while (from + n <= to) {
		q = memchr(s + from, needle[0], to - from - n + 1);
		if (!q)
			return NOPOS;
		from = (size_t)(q - s);
		if (!memcmp(q, needle, n))
			return from;
		from++;
	}
	return NOPOS;
}

/* Where the search for the next inline may end. */
static size_t scan_limit(const walker *w)
{
	size_t lim = w->first_inline ? w->leaf_end
				     : line_end(w->p, line_of(w->p, w->cursor));
	size_t cap = w->cursor + (w->first_inline ? SCAN_FIRST : SCAN_NEAR);

	if (lim > w->leaf_end)
		lim = w->leaf_end;
	if (lim > cap)
		lim = cap;
	return lim > w->cursor ? lim : w->cursor;
}

/* Finds literal lit at or after the cursor; returns its source start and
 * sets *end, or returns NOPOS. */
static size_t find_literal(const walker *w, const char *lit, size_t n,
			   size_t *end)
{
	const char *src = body(w);
	size_t s, lim = scan_limit(w);
	unsigned char first = (unsigned char)lit[0];

	for (s = w->cursor; s < lim; s++) {
		unsigned char c = (unsigned char)src[s];
		size_t at = s, i = 0;
		if (c == first && s + n <= w->leaf_end &&
		    !memcmp(src + s, lit, n)) {
			*end = s + n;
			return s;
		}
		if (c != first && c != '\\' && c != '&')
			continue;
		if (!align(src, w->leaf_end, &at, lit, n, &i, n)) {
			*end = at;
			return s;
		}
	}
	return NOPOS;
}

/* ---- records ---------------------------------------------------------- */

/* Appends a zeroed element to d->arr; NULL when out of memory. */
#define PUSH(w, arr, n, cap)                                      \
	(grow((void **)&(w)->d->arr, &(w)->p->cap, (w)->d->n + 1, \
	      sizeof(*(w)->d->arr))                               \
		 ? NULL                                           \
		 : memset(&(w)->d->arr[(w)->d->n++], 0, sizeof(*(w)->d->arr)))

static int add_link(walker *w, const char *url, size_t at, ml_link_kind kind,
		    int image)
{
	ml_link *l = PUSH(w, links, nlinks, cap_links);

	if (!l)
		return ML_ENOMEM;
	l->url = url ? url : "";
	file_pos(w->p, at, &l->line, &l->column, &l->offset);
	l->kind = kind;
	l->image = image;
	l->section = section_now(w);
	l->flags = flags_now(w);
	return ML_OK;
}

static int add_comment(walker *w, size_t open, size_t close, int inl)
{
	ml_comment *c = PUSH(w, comments, ncomments, cap_comments);

	if (!c)
		return ML_ENOMEM;
	c->text = body(w) + open + 4;
	c->len = close - open - 4;
	file_pos(w->p, open, &c->line, &c->column, &c->offset);
	file_pos(w->p, close, &c->end_line, NULL, NULL);
	c->in_paragraph = inl;
	return ML_OK;
}

/* ---- bare URLs (GFM extended autolinks) -------------------------------- */

static int prefix_ci(const char *s, size_t n, const char *lower)
{
	size_t i, m = strlen(lower);

	if (n < m)
		return 0;
	for (i = 0; i < m; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		if (c != (unsigned char)lower[i])
			return 0;
	}
	return 1;
}

/* Length of "https://", "http://" or "www." at s, or 0. */
static size_t url_prefix(const char *s, size_t n, int *www)
{
	*www = 0;
	if (prefix_ci(s, n, "https://"))
		return 8;
	if (prefix_ci(s, n, "http://"))
		return 7;
	*www = 1;
	return prefix_ci(s, n, "www.") ? 4 : 0;
}

/* End of the URL starting at s[i]: up to white space or '<', minus
 * trailing punctuation, unbalanced ')' and an entity-like ";" suffix. */
static size_t url_end(const char *s, size_t i, size_t n)
{
	size_t e = i, open = 0, close = 0, k;

	for (; e < n && !is_ws((unsigned char)s[e]) && s[e] != '<'; e++) {
		open += s[e] == '(';
		close += s[e] == ')';
	}
	while (e > i) {
		char c = s[e - 1];
		if (c && strchr("?!.,:*_~'\"", c)) {
			e--;
		} else if (c == ')' && close > open) {
			e--;
			close--;
		} else if (c == ';') {
			for (k = e - 1;
			     k > i && is_alnum((unsigned char)s[k - 1]); k--)
				;
			if (k == e - 1 || k <= i || s[k - 1] != '&')
				break;
			e = k - 1;
		} else {
			break;
		}
	}
	return e;
}

static int url_start_ok(const char *s, size_t i)
{
	unsigned char c;

	if (i == 0)
		return 1;
	c = (unsigned char)s[i - 1];
	return !is_alnum(c) && !strchr("/:.@-", c);
}

static int has_alnum(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (is_alnum((unsigned char)s[i]) ||
		    (unsigned char)s[i] >= 0x80)
			return 1;
	return 0;
}

/* Source offset of byte stop of run t, walking on from (*s, *i). */
static size_t run_src(const priv *p, const ml_text *t, size_t *s, size_t *i,
		      size_t stop)
{
	size_t start = (size_t)(t->offset - p->base);

	if (t->verbatim)
		return start + stop;
	if (!t->src_len)
		return start;
	align(p->body, start + t->src_len, s, t->text, t->len, i, stop);
	return *s;
}

static int scan_bare(walker *w, size_t ti)
{
	const ml_text *t = &w->d->texts[ti];
	const char *s = t->text, *url;
	size_t n = t->len, i, e, m, ws = (size_t)(t->offset - w->p->base),
	       wi = 0;
	ml_buf b = ML_BUF_INIT(ML_LIMIT_TEXT);
	int www, rc = ML_OK;

	for (i = 0; i < n && !rc; i++) {
		char c = (char)(s[i] | 0x20);
		if ((c != 'h' && c != 'w') || !url_start_ok(s, i) ||
		    !(m = url_prefix(s + i, n - i, &www)))
			continue;
		e = url_end(s, i, n);
		if (e <= i + m || !has_alnum(s + i + m, e - i - m))
			continue;
		ml_buf_clear(&b);
		if ((www && ml_buf_puts(&b, "http://")) ||
		    ml_buf_put(&b, s + i, e - i) ||
		    !(url = ml_tree_strndup(w->p->arena, b.ptr, b.len)))
			rc = ML_ENOMEM;
		else
			rc = add_link(w, url, run_src(w->p, t, &ws, &wi, i),
				      ML_LINK_BARE, 0);
		i = e - 1;
	}
	ml_buf_dispose(&b);
	return rc;
}

/* ---- leaf blocks ------------------------------------------------------ */

static void leaf_begin(walker *w, cmark_node *n, int kind, unsigned lflags)
{
	int sl = cmark_node_get_start_line(n), el = cmark_node_get_end_line(n);

	sl = sl > 0 ? sl : 1;
	w->leaf = kind;
	w->leaf_flags = lflags;
	w->leaf_start = w->cursor =
		offset_of(w->p, sl, cmark_node_get_start_column(n));
	w->leaf_end = line_end(w->p, (size_t)(el > sl ? el : sl) - 1);
	w->first_inline = 1;
	w->first_text = NOPOS;
	w->plen = 0;
	if (w->pt)
		w->pt[0] = '\0';
	w->pending_space = 0;
	w->in_word = w->word_alnum = 0;
	w->words = 0;
}

/* Prose words go to the innermost section; headings have none. */
static void leaf_finish(walker *w)
{
	word_break(w);
	if (w->leaf != LEAF_HEADING) {
		int sec = section_now(w);
		if (sec >= 0)
			w->d->headings[sec].own_words += w->words;
		else
			w->d->preamble_words += w->words;
	}
	w->leaf = LEAF_NONE;
	w->leaf_flags = 0;
}

static int heading_enter(walker *w, cmark_node *n)
{
	ml_heading *h;
	size_t s;

	leaf_begin(w, n, LEAF_HEADING, ML_IN_HEADING);
	w->leaf_heading = -1;
	if (cmark_node_get_type(cmark_node_parent(n)) != CMARK_NODE_DOCUMENT)
		return ML_OK;
	if (!(h = PUSH(w, headings, nheadings, cap_headings)))
		return ML_ENOMEM;
	h->level = cmark_node_get_heading_level(n);
	for (s = w->leaf_start; s < w->leaf_end && body(w)[s] == ' '; s++)
		;
	h->setext = s >= w->leaf_end || body(w)[s] != '#';
	file_pos(w->p, w->leaf_start, &h->line, &h->column, &h->offset);
	h->first_paragraph = w->d->nparagraphs;
	h->text = "";
	w->leaf_heading = (int)w->d->nheadings - 1;
	return ML_OK;
}

static int heading_exit(walker *w)
{
	ml_heading *h;

	leaf_finish(w);
	if (w->leaf_heading < 0)
		return ML_OK;
	h = &w->d->headings[w->leaf_heading];
	h->text = ml_tree_strndup(w->p->arena, w->pt ? w->pt : "", w->plen);
	h->len = w->plen;
	w->leaf_heading = -1;
	return h->text ? ML_OK : ML_ENOMEM;
}

/* A paragraph that starts with link reference definitions begins, for
 * the reader, where its first text does. */
static size_t para_start(const walker *w)
{
	const char *src = body(w);
	size_t s = w->leaf_start, k = line_of(w->p, s);

	if (src[s] != '[' || w->first_text == NOPOS ||
	    line_of(w->p, w->first_text) == k ||
	    find_str(src, s, line_end(w->p, k), "]:", 2) == NOPOS)
		return s;
	return w->first_text;
}

static int para_exit(walker *w, cmark_node *n)
{
	ml_paragraph *g;
	size_t s = para_start(w), e;
	int el = cmark_node_get_end_line(n);

	leaf_finish(w);
	if (!(g = PUSH(w, paragraphs, nparagraphs, cap_paragraphs)))
		return ML_ENOMEM;
	g->text = ml_tree_strndup(w->p->arena, w->pt ? w->pt : "", w->plen);
	g->len = w->plen;
	file_pos(w->p, s, &g->line, &g->column, &g->offset);
	e = el > 0 ? line_end(w->p, (size_t)el - 1) : s;
	e = e > s ? e : line_end(w->p, line_of(w->p, s));
	g->src = body(w) + s;
	g->src_len = e - s;
	file_pos(w->p, e > s ? e - 1 : s, &g->end_line, NULL, NULL);
	g->section = section_now(w);
	g->flags = (w->quotes ? ML_IN_QUOTE : 0) | (w->nitems ? ML_IN_LIST : 0);
	return g->text ? ML_OK : ML_ENOMEM;
}

/* ---- inlines ---------------------------------------------------------- */

static int on_text(walker *w, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	size_t len = lit ? strlen(lit) : 0, start, end = 0;
	ml_text *t;
	int url;

	if (!len)
		return ML_OK;
	start = find_literal(w, lit, len, &end);
	if (!(t = PUSH(w, texts, ntexts, cap_texts)))
		return ML_ENOMEM;
	t->text = lit;
	t->len = len;
	if (start != NOPOS) {
		t->src_len = end - start;
		t->verbatim = t->src_len ==
			      len; /* an escape or entity is longer */
		w->cursor = end;
	} else {
		start = w->cursor;
	}
	file_pos(w->p, start, &t->line, &t->column, &t->offset);
	t->section = section_now(w);
	t->flags = flags_now(w);
	t->item = w->nitems ? w->items[w->nitems - 1] : -1;
	if (w->first_text == NOPOS)
		w->first_text = start;
	w->first_inline = 0;
	if (text_feed(w, lit, len, 1, &url))
		return ML_ENOMEM;
	return w->nlinks || !url ? ML_OK : scan_bare(w, w->d->ntexts - 1);
}

/* A soft or hard break: the next inline is on the next line. */
static int on_break(walker *w)
{
	size_t k = line_of(w->p, w->cursor);

	word_break(w);
	if (k + 1 < w->p->nlines && w->p->lines[k + 1] <= w->leaf_end)
		w->cursor = w->p->lines[k + 1];
	w->first_inline = 0;
	return text_feed(w, " ", 1, 1, NULL);
}

/* Moves the cursor past the code span that starts at or after it. */
static void skip_code(walker *w)
{
	const char *src = body(w), *q;
	size_t s, k, j, r, end = w->leaf_end;

	if (w->cursor >= end ||
	    !(q = memchr(src + w->cursor, '`', end - w->cursor)))
		return;
	s = (size_t)(q - src);
	for (k = 0; s + k < end && src[s + k] == '`'; k++)
		;
	for (j = s + k; j < end; j += r) {
		q = memchr(src + j, '`', end - j);
		if (!q)
			return;
		j = (size_t)(q - src);
		for (r = 0; j + r < end && src[j + r] == '`'; r++)
			;
		if (r == k) {
			w->cursor = j + r;
			return;
		}
	}
}

static int on_code(walker *w, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);

	word_break(w);
	skip_code(w);
	w->first_inline = 0;
	return lit ? text_feed(w, lit, strlen(lit), 0, NULL) : ML_OK;
}

static int on_html_inline(walker *w, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n), *src = body(w);
	size_t lim = scan_limit(w), o, c, first;

	word_break(w);
	w->first_inline = 0;
	if (!lit)
		return ML_OK;
	if (!strncmp(lit, "<!--", 4)) {
		o = find_str(src, w->cursor, lim, "<!--", 4);
		c = o == NOPOS ? NOPOS
			       : find_str(src, o + 4, w->leaf_end, "-->", 3);
		if (c == NOPOS)
			return ML_OK;
		w->cursor = c + 3;
		return add_comment(w, o, c, 1);
	}
	first = strcspn(lit, "\n");
	if (first && (o = find_str(src, w->cursor, lim, lit, first)) != NOPOS)
		w->cursor = o + first;
	return ML_OK;
}

static int link_enter(walker *w, cmark_node *n)
{
	int image = cmark_node_get_type(n) == CMARK_NODE_IMAGE;
	const char *src = body(w);
	size_t s, lim = scan_limit(w), at = w->cursor;
	open_link *o;
	char form = 0;

	for (s = w->cursor; s < lim; s++) {
		if (image ? src[s] == '!' && s + 1 < lim && src[s + 1] == '['
			  : src[s] == '[' || src[s] == '<') {
			at = s;
			form = (char)(image ? '[' : src[s]);
			w->cursor = s + (image ? 2 : 1);
			break;
		}
	}
	w->first_inline = 0;
	if (grow((void **)&w->links, &w->cap_links, w->nlinks + 1,
		 sizeof(open_link)))
		return ML_ENOMEM;
	o = &w->links[w->nlinks];
	o->link = w->d->nlinks;
	o->form = form;
	if (add_link(w, cmark_node_get_url(n), at,
		     form == '<' ? ML_LINK_AUTOLINK : ML_LINK_INLINE, image))
		return ML_ENOMEM;
	w->nlinks++;
	return ML_OK;
}

static size_t skip_ws(const char *s, size_t i, size_t end)
{
	while (i < end && is_ws((unsigned char)s[i]))
		i++;
	return i;
}

/* Past "(dest "title")" starting at the '(' at i; NOPOS if malformed. */
static size_t skip_dest(const char *s, size_t i, size_t end)
{
	int depth = 0;
	char close;

	i = skip_ws(s, i + 1, end);
	if (i < end && s[i] == '<') {
		while (i < end && s[i] != '>' && s[i] != '\n')
			i += s[i] == '\\' ? 2 : 1;
		i++;
	} else {
		for (; i < end && !is_ws((unsigned char)s[i]); i++) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '(')
				depth++;
			else if (s[i] == ')' && depth-- == 0)
				break;
		}
	}
	i = skip_ws(s, i, end);
	if (i < end && (s[i] == '"' || s[i] == '\'' || s[i] == '(')) {
		close = (char)(s[i] == '(' ? ')' : s[i]);
		for (i++; i < end && s[i] != close; i++)
			i += s[i] == '\\';
		i = skip_ws(s, i + 1, end);
	}
	return i < end && s[i] == ')' ? i + 1 : NOPOS;
}

static void link_exit(walker *w)
{
	open_link o = w->links[--w->nlinks];
	const char *src = body(w), *q;
	size_t end = w->leaf_end, lim = scan_limit(w), k, after;

	q = o.form ? memchr(src + w->cursor, o.form == '<' ? '>' : ']',
			    lim - w->cursor)
		   : NULL;
	if (!q)
		return;
	k = (size_t)(q - src);
	w->cursor = k + 1;
	if (o.form == '<')
		return;
	if (k + 1 < end && src[k + 1] == '(') {
		after = skip_dest(src, k + 1, end);
		if (after != NOPOS)
			w->cursor = after;
		return;
	}
	w->d->links[o.link].kind = ML_LINK_REFERENCE;
	if (k + 1 < end && src[k + 1] == '[' &&
	    (q = memchr(src + k + 2, ']', end - k - 2)))
		w->cursor = (size_t)(q - src) + 1;
}

/* ---- container and other blocks --------------------------------------- */

static int list_enter(walker *w, cmark_node *n)
{
	ml_list *l;
	cmark_node *c;
	size_t cnt = 0, s;
	open_list *o;

	for (c = cmark_node_first_child(n); c; c = cmark_node_next(c))
		cnt++;
	if (!(l = PUSH(w, lists, nlists, cap_lists)))
		return ML_ENOMEM;
	l->ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
	l->start = l->ordered ? cmark_node_get_list_start(n) : 1;
	s = offset_of(w->p, cmark_node_get_start_line(n),
		      cmark_node_get_start_column(n));
	file_pos(w->p, s, &l->line, &l->column, &l->offset);
	l->section = section_now(w);
	l->flags = (w->quotes ? ML_IN_QUOTE : 0) | (w->nitems ? ML_IN_LIST : 0);
	l->first_item = w->d->nitems;
	l->nitems = cnt;
	/* Items of nested lists come later in the array: this list's items
	 * stay contiguous. */
	if (grow((void **)&w->d->items, &w->p->cap_items, w->d->nitems + cnt,
		 sizeof(ml_list_item)) ||
	    grow((void **)&w->lists, &w->cap_lists, w->nlists + 1,
		 sizeof(open_list)))
		return ML_ENOMEM;
	memset(w->d->items + w->d->nitems, 0, cnt * sizeof(ml_list_item));
	w->d->nitems += cnt;
	o = &w->lists[w->nlists++];
	o->list = w->d->nlists - 1;
	o->next = 0;
	return ML_OK;
}

/* Past "1." / "1)" / "-" and the spaces after it. */
static size_t after_marker(const priv *p, size_t s)
{
	size_t e = line_end(p, line_of(p, s));

	while (s < e && p->body[s] >= '0' && p->body[s] <= '9')
		s++;
	if (s < e)
		s++;
	while (s < e && (p->body[s] == ' ' || p->body[s] == '\t'))
		s++;
	return s;
}

/* Where an item's content starts: its first block, or after the marker
 * when it is empty. Its end is known once the walk leaves it. */
static void item_start(walker *w, cmark_node *n, ml_list_item *it)
{
	const priv *p = w->p;
	cmark_node *c = cmark_node_first_child(n);
	size_t s;

	if (c)
		s = offset_of(p, cmark_node_get_start_line(c),
			      cmark_node_get_start_column(c));
	else
		s = after_marker(p, offset_of(p, cmark_node_get_start_line(n),
					      cmark_node_get_start_column(n)));
	it->src = p->body + s;
	file_pos(p, s, &it->line, &it->column, &it->offset);
	it->end_line = it->line;
}

/* The items left since the last block started end before line next
 * (the first block after them, 1-based in the body; 0: the last line),
 * minus trailing blank space. Each item is settled once: O(n). */
static void items_end(walker *w, int next)
{
	const priv *p = w->p;

	while (w->npending) {
		ml_list_item *it = &w->d->items[w->pending[--w->npending]];
		size_t s = (size_t)(it->src - p->body), k, e;
		k = next > 1 ? (size_t)next - 2 : p->nlines - 1;
		if (k < line_of(p, s))
			k = line_of(p, s);
		e = line_end(p, k);
		while (e > s && is_ws((unsigned char)p->body[e - 1]))
			e--;
		it->len = e - s;
		file_pos(p, e > s ? e - 1 : s, &it->end_line, NULL, NULL);
	}
}

static int item_exit(walker *w)
{
	int idx = w->nitems ? w->items[--w->nitems] : -1;

	if (idx < 0)
		return ML_OK;
	if (grow((void **)&w->pending, &w->cap_pending, w->npending + 1,
		 sizeof(int)))
		return ML_ENOMEM;
	w->pending[w->npending++] = idx;
	return ML_OK;
}

static int item_enter(walker *w, cmark_node *n)
{
	int idx = -1;

	if (w->nlists) {
		open_list *o = &w->lists[w->nlists - 1];
		const ml_list *l = &w->d->lists[o->list];
		if (o->next < l->nitems) {
			ml_list_item *it =
				&w->d->items[l->first_item + o->next];
			it->number = l->ordered ? l->start + (int)o->next
						: (int)o->next + 1;
			it->list = o->list;
			item_start(w, n, it);
			idx = (int)(l->first_item + o->next++);
		}
	}
	if (grow((void **)&w->items, &w->cap_items, w->nitems + 1, sizeof(int)))
		return ML_ENOMEM;
	w->items[w->nitems++] = idx;
	return ML_OK;
}

/* Comments in an HTML block, found in the block's source lines. */
static int on_html_block(walker *w, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n), *q, *src = body(w);
	int sl = cmark_node_get_start_line(n), nl = 0;
	size_t s, e, o, c, len;

	if (!lit || sl < 1)
		return ML_OK;
	len = strlen(lit);
	for (q = lit; (q = memchr(q, '\n', (size_t)(lit + len - q))); q++)
		nl++;
	nl += len && lit[len - 1] != '\n';
	s = offset_of(w->p, sl, cmark_node_get_start_column(n));
	e = line_end(w->p, (size_t)sl - 1 + (nl > 0 ? (size_t)nl - 1 : 0));
	while ((o = find_str(src, s, e, "<!--", 4)) != NOPOS) {
		c = find_str(src, o + 4, e, "-->", 3);
		if (c == NOPOS)
			break;
		if (add_comment(w, o, c, 0))
			return ML_ENOMEM;
		s = c + 3;
	}
	return ML_OK;
}

/* ---- the walk ---------------------------------------------------------- */

static int on_enter(walker *w, cmark_node *n)
{
	cmark_node_type t = cmark_node_get_type(n);

	if (w->npending && (t & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK)
		items_end(w, cmark_node_get_start_line(n));
	switch (t) {
	case CMARK_NODE_BLOCK_QUOTE: w->quotes++; return ML_OK;
	case CMARK_NODE_LIST: return list_enter(w, n);
	case CMARK_NODE_ITEM: return item_enter(w, n);
	case CMARK_NODE_HTML_BLOCK: return on_html_block(w, n);
	case CMARK_NODE_PARAGRAPH: leaf_begin(w, n, LEAF_PARA, 0); return ML_OK;
	case CMARK_NODE_HEADING: return heading_enter(w, n);
	case CMARK_NODE_TEXT: return w->leaf ? on_text(w, n) : ML_OK;
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK: return w->leaf ? on_break(w) : ML_OK;
	case CMARK_NODE_CODE: return w->leaf ? on_code(w, n) : ML_OK;
	case CMARK_NODE_HTML_INLINE:
		return w->leaf ? on_html_inline(w, n) : ML_OK;
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE: return w->leaf ? link_enter(w, n) : ML_OK;
	default:
		if (t == cm_cell && cm_cell != CMARK_NODE_NONE)
			leaf_begin(w, n, LEAF_CELL, ML_IN_TABLE);
		return ML_OK;
	}
}

static int on_exit(walker *w, cmark_node *n)
{
	cmark_node_type t = cmark_node_get_type(n);

	switch (t) {
	case CMARK_NODE_BLOCK_QUOTE: w->quotes--; return ML_OK;
	case CMARK_NODE_LIST: w->nlists -= w->nlists > 0; return ML_OK;
	case CMARK_NODE_ITEM: return item_exit(w);
	case CMARK_NODE_PARAGRAPH: return para_exit(w, n);
	case CMARK_NODE_HEADING: return heading_exit(w);
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE:
		if (w->nlinks)
			link_exit(w);
		return ML_OK;
	default:
		if (t == cm_cell && cm_cell != CMARK_NODE_NONE)
			leaf_finish(w);
		return ML_OK;
	}
}

static int walk(ml_document *d, priv *p)
{
	walker w;
	cmark_iter *it = cmark_iter_new(p->root);
	cmark_event_type ev;
	int rc = ML_OK;

	if (!it)
		return ML_ENOMEM;
	memset(&w, 0, sizeof(w));
	w.d = d;
	w.p = p;
	w.leaf_heading = -1;
	while (!rc && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		rc = ev == CMARK_EVENT_ENTER ? on_enter(&w, n) : on_exit(&w, n);
	}
	if (!rc)
		items_end(&w, 0);
	cmark_iter_free(it);
	free(w.items);
	free(w.lists);
	free(w.links);
	free(w.pending);
	free(w.pt);
	return rc;
}

/* ---- sections ----------------------------------------------------------- */

static void close_section(ml_document *d, int j, int end_line, size_t endp)
{
	ml_heading *h = &d->headings[j];

	h->end_line = end_line > h->line ? end_line : h->line;
	h->end_paragraph = endp;
	if (h->parent >= 0)
		d->headings[h->parent].words += h->words;
}

/* Section ends, parents and word totals. Levels strictly rise along the
 * stack of open sections, so it never holds more than six. */
static void close_sections(ml_document *d)
{
	int st[7], top = 0;
	size_t i;

	for (i = 0; i < d->nheadings; i++) {
		ml_heading *h = &d->headings[i];
		while (top > 0 && d->headings[st[top - 1]].level >= h->level) {
			top--;
			close_section(d, st[top], h->line - 1,
				      h->first_paragraph);
		}
		h->parent = top ? st[top - 1] : -1;
		h->words = h->own_words;
		if (top < 7)
			st[top++] = (int)i;
	}
	while (top > 0) {
		top--;
		close_section(d, st[top], d->last_line, d->nparagraphs);
	}
}

/* ---- public ------------------------------------------------------------ */

/* cmark-gfm's parse in p->cm; ML_ELIMIT when it ran past the budget (the
 * arena, parser state included, is dropped by the caller). */
static int parse_cmark(priv *p, const char *s, size_t len)
{
	jmp_buf jb;
	cmark_parser *parser;

	if (setjmp(jb))
		return ML_ELIMIT;
	parse_arena_guard(p->cm, &jb);
	parser =
		cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, parse_arena_mem());
	if (cm_table)
		cmark_parser_attach_syntax_extension(parser, cm_table);
	cmark_parser_feed(parser, s, len);
	p->root = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	parse_arena_guard(p->cm, NULL);
	return p->root ? ML_OK : ML_ENOMEM;
}

static size_t budget_for(size_t len)
{
	size_t max = (ML_DOC_BUDGET_MAX - ML_DOC_BUDGET_BASE) /
		     ML_DOC_BUDGET_PER_BYTE;

	return len >= max ? ML_DOC_BUDGET_MAX
			  : ML_DOC_BUDGET_BASE + len * ML_DOC_BUDGET_PER_BYTE;
}

static void over_budget(const priv *p, ml_document_limit *why)
{
	why->line = p->first_line;
	(void)snprintf(why->what, sizeof(why->what),
		       "parsing needs more memory than its budget (%zu MiB for "
		       "%zu bytes)",
		       budget_for(p->len) >> 20, p->len);
}

/* The arrays the walk fills, sized at once from the number of lines (a
 * text run or so a line, fewer of the rest), so that they are not grown
 * through every doubling; at most PRESIZE_MAX each, whatever the file. */
#define PRESIZE_MAX 256
static size_t presize_n(size_t nlines, unsigned shift)
{
	size_t n = (nlines >> shift) + 8;

	return n < PRESIZE_MAX ? n : PRESIZE_MAX;
}

static int presize(ml_document *d, priv *p)
{
	size_t n = p->nlines;

	return grow((void **)&d->texts, &p->cap_texts, presize_n(n, 0),
		    sizeof(*d->texts)) ||
	       grow((void **)&d->paragraphs, &p->cap_paragraphs,
		    presize_n(n, 2), sizeof(*d->paragraphs)) ||
	       grow((void **)&d->headings, &p->cap_headings, presize_n(n, 3),
		    sizeof(*d->headings)) ||
	       grow((void **)&d->links, &p->cap_links, presize_n(n, 3),
		    sizeof(*d->links));
}

int ml_document_parse_bounded(const char *b, size_t len, int first_line,
			      long base_offset, ml_document **out,
			      ml_document_limit *why)
{
	ml_document *d;
	priv *p;
	parse_arena *prev;
	int rc;

	*out = NULL;
	pthread_once(&cm_once, cm_init);
	if (len >= 3 && !memcmp(b, "\xEF\xBB\xBF", 3)) {
		/* A BOM is invisible: columns start after it, offsets not. */
		b += 3;
		len -= 3;
		base_offset += 3;
	}
	if (ml_document_precheck(b, len, first_line, why))
		return ML_ELIMIT;
	d = calloc(1, sizeof(*d));
	p = calloc(1, sizeof(*p));
	if (!d || !p) {
		free(d);
		free(p);
		return ML_ENOMEM;
	}
	d->priv = p;
	p->body = b;
	p->len = len;
	p->first_line = d->first_line = first_line > 0 ? first_line : 1;
	p->base = base_offset;
	if (build_lines(p)) {
		ml_document_free(d);
		return ML_ENOMEM;
	}
	p->reserved = budget_for(len) + len +
		      (p->nlines + p->nflines) * sizeof(size_t);
	parse_pool_take(p->reserved);
	p->arena = ml_tree_new();
	p->cm = parse_arena_new(budget_for(len));
	if (!p->arena || !p->cm) {
		ml_document_free(d);
		return ML_ENOMEM;
	}
	d->last_line =
		p->first_line + (int)(len ? file_line_of(p, len - 1) : 0);
	if (presize(d, p)) {
		ml_document_free(d);
		return ML_ENOMEM;
	}
	prev = parse_arena_enter(p->cm);
	rc = parse_cmark(p, b, len);
	if (!rc)
		rc = walk(d, p);
	parse_arena_enter(prev);
	if (rc) {
		if (rc == ML_ELIMIT)
			over_budget(p, why);
		p->root = NULL;
		ml_document_free(d);
		return rc;
	}
	close_sections(d);
	d->title = d->nheadings && d->headings[0].level == 1 ? 0 : -1;
	*out = d;
	return ML_OK;
}

ml_document *ml_document_parse(const char *b, size_t len, int first_line,
			       long base_offset)
{
	ml_document *d;
	ml_document_limit why;

	if (ml_document_parse_bounded(b, len, first_line, base_offset, &d,
				      &why))
		return NULL;
	return d;
}

struct cmark_node *ml_document_cmark(const ml_document *d)
{
	return d->priv->root;
}

void ml_document_free(ml_document *d)
{
	priv *p;

	if (!d)
		return;
	p = d->priv;
	if (p) {
		parse_arena_free(p->cm); /* every cmark node, buffer, literal */
		if (p->reserved)
			parse_pool_give(p->reserved);
		ml_tree_free(p->arena);
		free(p->lines);
		free(p->flines);
		free(p);
	}
	free(d->headings);
	free(d->paragraphs);
	free(d->lists);
	free(d->items);
	free(d->texts);
	free(d->links);
	free(d->comments);
	free(d);
}

void ml_document_text_pos(const ml_document *d, const ml_text *t,
			  size_t lit_off, int *line, int *column, long *offset)
{
	const priv *p = d->priv;
	size_t s = (size_t)(t->offset - p->base), i = 0;

	s = run_src(p, t, &s, &i, lit_off < t->len ? lit_off : t->len);
	file_pos(p, s, line, column, offset);
}

void ml_document_pos(const ml_document *d, long offset, int *line, int *column)
{
	const priv *p = d->priv;
	long off = offset - p->base;

	if (off < 0)
		off = 0;
	if ((size_t)off > p->len)
		off = (long)p->len;
	file_pos(p, (size_t)off, line, column, NULL);
}
