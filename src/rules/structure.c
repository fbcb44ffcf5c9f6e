/* structure.c - the section rules (section-missing, -order, -duplicate,
 * -empty, -content) and the PCRE2 helpers the rule families share.
 *
 * A section is a heading directly under the document, at the spec's
 * level, whose whole text matches the spec's heading pattern ignoring
 * case. {term} and {title} in a pattern expand, regex-escaped, to the
 * article's term and title, so those patterns are compiled per article;
 * the others are compiled once per thread and cached. */
#include "rules/rules.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/common.h"
#include "parse/document.h"
#include "parse/node.h"

/* ---- PCRE2 ---------------------------------------------------------- */

#define RX_CACHE 32
#define RX_MATCH_LIMIT 1000000 /* a hostile pattern or heading never hangs */

typedef struct {
	char *pattern;
	unsigned flags;
	pcre2_code *code; /* NULL: the pattern does not compile */
} rx_entry;

typedef struct {
	rx_entry e[RX_CACHE];
	size_t n;
	pcre2_match_data *md;
	pcre2_match_context *mc;
} rx_thread;

static pthread_key_t rx_key;
static pthread_once_t rx_once = PTHREAD_ONCE_INIT;
static int rx_key_ok;

static void rx_clear(rx_thread *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->e[i].pattern);
		pcre2_code_free(t->e[i].code);
	}
	t->n = 0;
}

static void rx_thread_free(void *arg)
{
	rx_thread *t = arg;

	rx_clear(t);
	pcre2_match_data_free(t->md);
	pcre2_match_context_free(t->mc);
	free(t);
}

static void rx_init(void)
{
	rx_key_ok = pthread_key_create(&rx_key, rx_thread_free) == 0;
}

/* This thread's cache and match data, made on first use and freed when
 * the thread exits. */
static rx_thread *rx_state(void)
{
	rx_thread *t;

	pthread_once(&rx_once, rx_init);
	if (!rx_key_ok)
		return NULL;
	if ((t = pthread_getspecific(rx_key)))
		return t;
	if (!(t = calloc(1, sizeof(*t))))
		return NULL;
	t->md = pcre2_match_data_create(16, NULL);
	t->mc = pcre2_match_context_create(NULL);
	if (!t->md || !t->mc || pthread_setspecific(rx_key, t)) {
		rx_thread_free(t);
		return NULL;
	}
	pcre2_set_match_limit(t->mc, RX_MATCH_LIMIT);
	return t;
}

static uint32_t rx_options(unsigned flags)
{
	uint32_t o = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;

	if (flags & ML_RX_CASELESS)
		o |= PCRE2_CASELESS;
	if (flags & ML_RX_WHOLE)
		o |= PCRE2_ANCHORED | PCRE2_ENDANCHORED;
	return o;
}

ml_regex *ml_regex_new(const char *pattern, size_t len, unsigned flags,
		       ml_buf *err)
{
	int ec;
	PCRE2_SIZE eo;
	PCRE2_UCHAR msg[256];
	pcre2_code *c = pcre2_compile((PCRE2_SPTR)pattern, len,
				      rx_options(flags), &ec, &eo, NULL);

	if (!c && err) {
		pcre2_get_error_message(ec, msg, sizeof(msg));
		ml_buf_printf(err, "%s at offset %zu", (const char *)msg,
			      (size_t)eo);
	}
	return (ml_regex *)c;
}

void ml_regex_free(ml_regex *re)
{
	pcre2_code_free((pcre2_code *)re);
}

const ml_regex *ml_regex_cached(const char *pattern, unsigned flags)
{
	rx_thread *t = rx_state();
	rx_entry *e;
	size_t i;

	if (!t)
		return NULL;
	for (i = 0; i < t->n; i++)
		if (t->e[i].flags == flags && !strcmp(t->e[i].pattern, pattern))
			return (const ml_regex *)t->e[i].code;
	if (t->n == RX_CACHE)
		rx_clear(t);
	e = &t->e[t->n];
	if (!(e->pattern = ml_strdup(pattern)))
		return NULL;
	e->flags = flags;
	e->code = (pcre2_code *)ml_regex_new(pattern, strlen(pattern), flags,
					     NULL);
	t->n++;
	return (const ml_regex *)e->code;
}

int ml_regex_match(const ml_regex *re, const char *s, size_t len,
		   size_t *group, size_t *glen)
{
	rx_thread *t = rx_state();
	PCRE2_SIZE *ov;
	int rc, k;

	if (!re)
		return ML_EINVAL;
	if (!t)
		return ML_ENOMEM;
	rc = pcre2_match((const pcre2_code *)re, (PCRE2_SPTR)s, len, 0, 0,
			 t->md, t->mc);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0)
		return ML_EINVAL;
	if (group) {
		ov = pcre2_get_ovector_pointer(t->md);
		k = (rc == 0 || rc > 1) && ov[2] != PCRE2_UNSET ? 1 : 0;
		*group = ov[2 * k];
		*glen = ov[2 * k + 1] - ov[2 * k];
	}
	return 1;
}

/* ---- {term} and {title} --------------------------------------------- */

typedef struct {
	const char *s; /* NULL when the article does not say */
	size_t len;
} name;

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static name trimmed(const char *s, size_t n)
{
	name r;

	while (n && is_space(*s)) {
		s++;
		n--;
	}
	while (n && is_space(s[n - 1]))
		n--;
	r.s = n ? s : NULL;
	r.len = n;
	return r;
}

/* Escapes ASCII punctuation and spaces: a backslash before any
 * non-alphanumeric ASCII character is a literal in PCRE2. */
static int put_escaped(ml_buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int meta = c < 0x80 && !(c >= '0' && c <= '9') &&
			   !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') &&
			   c != '_';
		if ((meta && ml_buf_putc(b, '\\')) || ml_buf_putc(b, (char)c))
			return ML_ENOMEM;
	}
	return ML_OK;
}

enum { EXPAND_REGEX, EXPAND_TEXT };

static int put_name(ml_buf *b, name v, const char *placeholder, int mode)
{
	if (!v.s)
		return ml_buf_puts(b, mode == EXPAND_REGEX ? ".+?" : placeholder);
	return mode == EXPAND_REGEX ? put_escaped(b, v.s, v.len)
				    : ml_buf_put(b, v.s, v.len);
}

/* pattern with {term}/{title} replaced; an unknown name matches any
 * text, so a missing title never makes every section "missing". */
static int expand(const char *pat, name term, name title, int mode,
		  ml_buf *out)
{
	const char *p = pat, *q;
	int rc = ML_OK;

	ml_buf_clear(out);
	while (!rc && (q = strchr(p, '{'))) {
		rc = ml_buf_put(out, p, (size_t)(q - p));
		if (!rc && !strncmp(q, "{term}", 6)) {
			rc = put_name(out, term, "{term}", mode);
			p = q + 6;
		} else if (!rc && !strncmp(q, "{title}", 7)) {
			rc = put_name(out, title, "{title}", mode);
			p = q + 7;
		} else if (!rc) {
			rc = ml_buf_putc(out, '{');
			p = q + 1;
		}
	}
	return rc ? rc : ml_buf_puts(out, p);
}

static int templated(const char *pat)
{
	return strstr(pat, "{term}") || strstr(pat, "{title}");
}

int ml_section_pattern_check(const char *pattern, ml_buf *err)
{
	ml_buf b = ML_BUF_INIT;
	name x = {"x", 1};
	ml_regex *re;
	int rc;

	ml_buf_init(&b, 1 << 20);
	rc = expand(pattern, x, x, EXPAND_REGEX, &b);
	if (rc) {
		ml_buf_dispose(&b);
		return rc;
	}
	re = ml_regex_new(ml_buf_cstr(&b), b.len, ML_RX_CASELESS | ML_RX_WHOLE,
			  err);
	ml_buf_dispose(&b);
	if (!re)
		return ML_EINVAL;
	ml_regex_free(re);
	return ML_OK;
}

/* ---- one article ---------------------------------------------------- */

#define HEADING_FLAGS (ML_RX_CASELESS | ML_RX_WHOLE)

typedef struct {
	const ml_article *a;
	const ml_document *d;
	const ml_profile *pr;
	ml_findings *out;
	name term, title;
	const ml_regex **re; /* per spec; NULL when its pattern is bad */
	ml_regex **own;      /* per spec, compiled for this article */
	size_t *lit;         /* per spec: offset + 1 in lits of its literal
				heading (no regex needed), or 0 */
	ml_buf lits;
	int *first;          /* per spec: heading of its first copy, or -1 */
	int *kept;           /* per spec: that copy is in the kept order */
	int *spec_of;        /* per heading: the spec it is, or -1 */
	ml_buf buf, buf2;
} sctx;

static const char *fm_str(const ml_node *fm, const char *key)
{
	const ml_node *n = fm ? ml_node_get(fm, key) : NULL;

	return n && n->type != ML_NODE_NULL ? ml_node_str(n) : NULL;
}

static name before_colon(const char *s)
{
	const char *colon = strchr(s, ':');

	return trimmed(s, colon ? (size_t)(colon - s) : strlen(s));
}

/* term: front matter `term`, else the title (front matter, else H1)
 * before its first colon. */
static void article_names(sctx *c)
{
	const char *t = fm_str(c->a->fm, "title");
	const char *term = fm_str(c->a->fm, "term");
	const char *h1 = c->d->title >= 0 ? c->d->headings[c->d->title].text
					  : NULL;

	c->title.s = NULL;
	c->title.len = 0;
	c->term = c->title;
	if (t || h1)
		c->title = trimmed(t ? t : h1, strlen(t ? t : h1));
	if (term)
		c->term = trimmed(term, strlen(term));
	if (!c->term.s && (t || h1))
		c->term = before_colon(t ? t : h1);
}

static int has_meta(const char *pat);
static int human_heading(sctx *c, const char *pat, ml_buf *out);

static int ascii(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

/* Most heading patterns are plain text once {term} is filled in: those
 * are compared without PCRE2 (ASCII case folding, as PCRE2 would).
 * Returns 1 when spec i is such a literal, 0 when it needs PCRE2. */
static int literal_spec(sctx *c, size_t i, const char *pat)
{
	if (has_meta(pat) || (strstr(pat, "{term}") && !c->term.s) ||
	    (strstr(pat, "{title}") && !c->title.s))
		return 0;
	if (human_heading(c, pat, &c->buf))
		return ML_ENOMEM;
	if (!ascii(ml_buf_cstr(&c->buf), c->buf.len))
		return 0;
	c->lit[i] = c->lits.len + 1;
	return ml_buf_put(&c->lits, ml_buf_cstr(&c->buf), c->buf.len + 1)
		       ? ML_ENOMEM
		       : 1;
}

static int compile_specs(sctx *c)
{
	size_t i;
	int rc;

	for (i = 0; i < c->pr->nsections; i++) {
		const char *pat = c->pr->sections[i].heading;
		if (!pat)
			continue;
		if ((rc = literal_spec(c, i, pat)) != 0) {
			if (rc < 0)
				return rc;
			continue;
		}
		if (!templated(pat)) {
			c->re[i] = ml_regex_cached(pat, HEADING_FLAGS);
			continue;
		}
		if (expand(pat, c->term, c->title, EXPAND_REGEX, &c->buf))
			return ML_ENOMEM;
		c->own[i] = ml_regex_new(ml_buf_cstr(&c->buf), c->buf.len,
					 HEADING_FLAGS, NULL);
		c->re[i] = c->own[i];
	}
	return ML_OK;
}

/* lit (NUL-terminated, ASCII) equals s[0..n) ignoring ASCII case. */
static int same_text(const char *lit, const char *s, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		char x = s[k], y = lit[k], lx = (char)(x | 0x20);
		if (!y || (x != y && !(lx == (char)(y | 0x20) && lx >= 'a' && lx <= 'z')))
			return 0;
	}
	return lit[n] == '\0';
}

static int spec_matches(const sctx *c, size_t i, const ml_heading *h,
			int any_level)
{
	const ml_section_spec *s = &c->pr->sections[i];

	if (!any_level && s->level && s->level != h->level)
		return 0;
	if (c->lit[i])
		return same_text(c->lits.ptr + c->lit[i] - 1, h->text, h->len);
	return c->re[i] &&
	       ml_regex_match(c->re[i], h->text, h->len, NULL, NULL) == 1;
}

/* Each heading is the first spec it matches. */
static void classify(sctx *c)
{
	size_t h, i;

	for (i = 0; i < c->pr->nsections; i++)
		c->first[i] = -1;
	for (h = 0; h < c->d->nheadings; h++) {
		c->spec_of[h] = -1;
		for (i = 0; i < c->pr->nsections; i++) {
			if (!spec_matches(c, i, &c->d->headings[h], 0))
				continue;
			c->spec_of[h] = (int)i;
			if (c->first[i] < 0)
				c->first[i] = (int)h;
			break;
		}
	}
}

/* The longest run of first copies already in schema order is kept;
 * every other first copy is out of order. Ties keep the copy that comes
 * first in the document. O(k^2) in the number of specs present. */
static int keep_order(sctx *c)
{
	size_t n = c->pr->nsections, k = 0, t, u;
	int *seq = malloc(3 * (n ? n : 1) * sizeof(int)), *len, *prev;
	int best = -1;

	if (!seq)
		return ML_ENOMEM;
	len = seq + n;
	prev = len + n;
	for (t = 0; t < c->d->nheadings; t++)
		if (c->spec_of[t] >= 0 && c->first[c->spec_of[t]] == (int)t)
			seq[k++] = c->spec_of[t];
	for (t = 0; t < k; t++) {
		len[t] = 1;
		prev[t] = -1;
		for (u = 0; u < t; u++)
			if (seq[u] < seq[t] && len[u] + 1 > len[t]) {
				len[t] = len[u] + 1;
				prev[t] = (int)u;
			}
		if (best < 0 || len[t] > len[best])
			best = (int)t;
	}
	for (; best >= 0; best = prev[best])
		c->kept[seq[best]] = 1;
	free(seq);
	return ML_OK;
}

/* The nearest kept spec before (dir < 0) or after spec i, or -1. */
static int kept_near(const sctx *c, size_t i, int dir)
{
	long j;

	for (j = (long)i + dir; j >= 0 && j < (long)c->pr->nsections; j += dir)
		if (c->kept[j])
			return (int)j;
	return -1;
}

static const ml_heading *first_heading(const sctx *c, int spec)
{
	return &c->d->headings[c->first[spec]];
}

static int report_duplicates(sctx *c)
{
	size_t h;

	for (h = 0; h < c->d->nheadings; h++) {
		int i = c->spec_of[h];
		const ml_heading *x = &c->d->headings[h], *f;
		if (i < 0 || c->first[i] == (int)h)
			continue;
		f = first_heading(c, i);
		if (ml_findings_report(c->out, ML_RULE_SECTION_DUPLICATE, x->line, x->column,
			"section \"%s\" appears again (first on line %d): "
			"merge the two",
			x->text, f->line))
			return ML_ENOMEM;
	}
	return ML_OK;
}

static int report_order(sctx *c)
{
	size_t i;

	for (i = 0; i < c->pr->nsections; i++) {
		const ml_heading *h;
		int after = kept_near(c, i, -1), before = kept_near(c, i, 1);
		if (c->first[i] < 0 || c->kept[i])
			continue;
		h = first_heading(c, (int)i);
		if (ml_findings_report(c->out, ML_RULE_SECTION_ORDER, h->line, h->column,
			"section \"%s\" is out of order: it belongs %s \"%s\"",
			h->text, after >= 0 ? "after" : "before",
			first_heading(c, after >= 0 ? after : before)->text))
			return ML_ENOMEM;
	}
	return ML_OK;
}

static int is_meta(char ch)
{
	switch (ch) {
	case '.': case '|': case '?': case '*': case '+': case '(': case ')':
	case '[': case ']': case '{': case '}':
		return 1;
	default:
		return 0;
	}
}

/* 1 when a heading pattern has regex syntax beyond anchors and escaped
 * punctuation. */
static int has_meta(const char *pat)
{
	const char *p;

	for (p = pat; *p; p++) {
		if (*p == '{' && !strncmp(p, "{term}", 6)) {
			p += 5;
		} else if (*p == '{' && !strncmp(p, "{title}", 7)) {
			p += 6;
		} else if (*p == '\\') {
			char e = (char)(p[1] | 0x20);
			if (!p[1] || (e >= 'a' && e <= 'z') || (p[1] >= '0' && p[1] <= '9'))
				return 1;
			p++;
		} else if (is_meta(*p) || (*p == '^' && p != pat) ||
			   (*p == '$' && p[1])) {
			return 1;
		}
	}
	return 0;
}

/* The heading a pattern asks for, as an editor would write it: anchors
 * and escapes dropped, names filled in. A pattern with real regex syntax
 * is shown as /pattern/ with the names filled in. */
static int human_heading(sctx *c, const char *pat, ml_buf *out)
{
	const char *p;
	int rc = ML_OK;

	if (has_meta(pat)) {
		if (expand(pat, c->term, c->title, EXPAND_TEXT, &c->buf2))
			return ML_ENOMEM;
		ml_buf_clear(out);
		return ml_buf_printf(out, "/%s/", ml_buf_cstr(&c->buf2));
	}
	ml_buf_clear(out);
	for (p = pat; *p && !rc; p++) {
		if (*p == '{' && !strncmp(p, "{term}", 6)) {
			rc = put_name(out, c->term, "{term}", EXPAND_TEXT);
			p += 5;
		} else if (*p == '{' && !strncmp(p, "{title}", 7)) {
			rc = put_name(out, c->title, "{title}", EXPAND_TEXT);
			p += 6;
		} else if ((*p == '^' && p == pat) || (*p == '$' && !p[1])) {
			continue;
		} else if (*p == '\\' && p[1]) {
			rc = ml_buf_putc(out, *++p);
		} else {
			size_t run = 1 + strcspn(p + 1, "{\\$");
			rc = ml_buf_put(out, p, run);
			p += run - 1;
		}
	}
	return rc;
}

/* A heading that would be spec i but for its level, for the message. */
static const ml_heading *wrong_level(const sctx *c, size_t i)
{
	size_t h;

	for (h = 0; h < c->d->nheadings; h++)
		if (c->spec_of[h] < 0 && spec_matches(c, i, &c->d->headings[h], 1))
			return &c->d->headings[h];
	return NULL;
}

/* " after "A" and before "B"; "X" on line 9 is a level-3 heading" */
static int where_missing(sctx *c, size_t i, int after, int before, ml_buf *w)
{
	const ml_heading *x = wrong_level(c, i);
	int rc = ML_OK;

	ml_buf_clear(w);
	if (after >= 0)
		rc = ml_buf_printf(w, " after \"%s\"", first_heading(c, after)->text);
	if (!rc && before >= 0)
		rc = ml_buf_printf(w, "%s before \"%s\"", after >= 0 ? " and" : "",
				   first_heading(c, before)->text);
	if (!rc && before < 0 && after >= 0)
		rc = ml_buf_puts(w, ", at the end");
	if (!rc && x)
		rc = ml_buf_printf(w, "; \"%s\" on line %d is a level-%d heading",
				   x->text, x->line, x->level);
	return rc;
}

static int report_missing(sctx *c)
{
	ml_buf w = ML_BUF_INIT;
	size_t i;
	int rc = ML_OK;

	for (i = 0; i < c->pr->nsections && !rc; i++) {
		const ml_section_spec *s = &c->pr->sections[i];
		int after = kept_near(c, i, -1), before = kept_near(c, i, 1);
		int line = c->d->last_line, col = 1;
		char level[32] = "heading";
		if (!s->required || c->first[i] >= 0 || (!c->re[i] && !c->lit[i]))
			continue;
		if (before >= 0) {
			line = first_heading(c, before)->line;
			col = first_heading(c, before)->column;
		}
		if (s->level)
			snprintf(level, sizeof(level), "level-%d heading", s->level);
		rc = human_heading(c, s->heading, &c->buf) ||
		     where_missing(c, i, after, before, &w);
		if (!rc)
			rc = ml_findings_report(c->out, ML_RULE_SECTION_MISSING, line, col,
				 "missing section \"%s\" (a %s): add it%s",
				 ml_buf_cstr(&c->buf), level, ml_buf_cstr(&w));
	}
	ml_buf_dispose(&w);
	return rc ? ML_ENOMEM : ML_OK;
}

static int report_empty(sctx *c)
{
	size_t i;

	for (i = 0; i < c->pr->nsections; i++) {
		const ml_section_spec *s = &c->pr->sections[i];
		const ml_heading *h;
		if (s->min_words <= 0 || c->first[i] < 0)
			continue;
		h = first_heading(c, (int)i);
		if (h->words >= (size_t)s->min_words)
			continue;
		if (ml_findings_report(c->out, ML_RULE_SECTION_EMPTY, h->line, h->column,
			"section \"%s\" has %zu word%s of prose; it needs at "
			"least %d",
			h->text, h->words, h->words == 1 ? "" : "s", s->min_words))
			return ML_ENOMEM;
	}
	return ML_OK;
}

/* Appends s to b in the form phrases are compared in: lowercase ASCII,
 * curly quotes as straight ones, every run of white space (and no-break
 * space) as one space. Every change shortens the text, so it is done in
 * place after one copy. */
static int norm_put(ml_buf *b, const char *s, size_t n)
{
	size_t r, w = b->len, end;
	char *p;

	if (ml_buf_put(b, s, n))
		return ML_ENOMEM;
	p = b->ptr;
	end = w + n;
	for (r = w; r < end; r++) {
		unsigned char ch = (unsigned char)p[r], k;
		char o = (char)ch;
		if (ch == 0xE2 && r + 2 < end && (unsigned char)p[r + 1] == 0x80) {
			k = (unsigned char)p[r + 2];
			if (k == 0x98 || k == 0x99 || k == 0x9C || k == 0x9D) {
				o = k < 0x9C ? '\'' : '"';
				r += 2;
			}
		} else if (ch == 0xC2 && r + 1 < end && (unsigned char)p[r + 1] == 0xA0) {
			o = ' ';
			r++;
		}
		if (is_space(o) || o == ' ') {
			if (w && p[w - 1] != ' ')
				p[w++] = ' ';
			continue;
		}
		p[w++] = o >= 'A' && o <= 'Z' ? (char)(o + 32) : o;
	}
	b->len = w;
	p[w] = '\0';
	return ML_OK;
}

/* The missing phrases of spec i, as "a", "b", in w. */
static int missing_phrases(sctx *c, const ml_section_spec *s,
			   const ml_heading *h, ml_buf *w)
{
	ml_buf ph = ML_BUF_INIT;
	size_t p, k;
	int rc = ML_OK;

	ml_buf_clear(&c->buf);
	ml_buf_clear(w);
	for (p = h->first_paragraph; p < h->end_paragraph && !rc; p++) {
		const ml_paragraph *g = &c->d->paragraphs[p];
		rc = norm_put(&c->buf, " ", 1) || norm_put(&c->buf, g->text, g->len);
	}
	for (k = 0; k < s->nmust_contain && !rc; k++) {
		name t = trimmed(s->must_contain[k], strlen(s->must_contain[k]));
		ml_buf_clear(&ph);
		if (!t.s || (rc = norm_put(&ph, t.s, t.len)))
			continue;
		if (!strstr(ml_buf_cstr(&c->buf), ml_buf_cstr(&ph)))
			rc = ml_buf_printf(w, "%s\"%.*s\"", w->len ? ", " : "",
					   (int)t.len, t.s);
	}
	ml_buf_dispose(&ph);
	return rc;
}

static int report_content(sctx *c)
{
	ml_buf w = ML_BUF_INIT;
	size_t i;
	int rc = ML_OK;

	for (i = 0; i < c->pr->nsections && !rc; i++) {
		const ml_section_spec *s = &c->pr->sections[i];
		const ml_heading *h;
		if (!s->nmust_contain || c->first[i] < 0)
			continue;
		h = first_heading(c, (int)i);
		rc = missing_phrases(c, s, h, &w);
		if (!rc && w.len)
			rc = ml_findings_report(c->out, ML_RULE_SECTION_CONTENT, h->line, h->column,
				 "section \"%s\" must say %s", h->text,
				 ml_buf_cstr(&w));
	}
	ml_buf_dispose(&w);
	return rc ? ML_ENOMEM : ML_OK;
}

static void sctx_dispose(sctx *c)
{
	size_t i;

	if (c->own)
		for (i = 0; i < c->pr->nsections; i++)
			ml_regex_free(c->own[i]);
	free(c->re);
	free(c->own);
	free(c->first);
	free(c->kept);
	free(c->spec_of);
	free(c->lit);
	ml_buf_dispose(&c->lits);
	ml_buf_dispose(&c->buf);
	ml_buf_dispose(&c->buf2);
}

/* Allocates the per-article state and classifies every heading. */
static int sctx_init(sctx *c, const ml_article *a, ml_findings *out)
{
	size_t n, nh;

	memset(c, 0, sizeof(*c));
	c->a = a;
	c->d = a->doc;
	c->pr = a->profile;
	c->out = out;
	n = c->pr->nsections;
	nh = c->d->nheadings ? c->d->nheadings : 1;
	c->re = calloc(n, sizeof(*c->re));
	c->own = calloc(n, sizeof(*c->own));
	c->first = calloc(n, sizeof(int));
	c->kept = calloc(n, sizeof(int));
	c->spec_of = calloc(nh, sizeof(int));
	c->lit = calloc(n, sizeof(size_t));
	if (!c->re || !c->own || !c->first || !c->kept || !c->spec_of ||
	    !c->lit)
		return ML_ENOMEM;
	article_names(c);
	if (compile_specs(c))
		return ML_ENOMEM;
	classify(c);
	return ML_OK;
}

int ml_check_structure(const ml_article *a, ml_findings *out)
{
	sctx c;
	int rc = ML_ENOMEM;

	if (!a->doc || !a->profile || !a->profile->nsections)
		return ML_OK;
	if (sctx_init(&c, a, out))
		goto done;
	if (a->spec_heading)
		memcpy(a->spec_heading, c.first, a->profile->nsections * sizeof(int));
	if (keep_order(&c) || report_duplicates(&c) || report_order(&c) ||
	    report_missing(&c) || report_empty(&c) || report_content(&c))
		goto done;
	rc = ML_OK;
done:
	sctx_dispose(&c);
	return rc;
}

int ml_section_locate(const ml_article *a, size_t spec_index)
{
	sctx c;
	int h = -1;

	if (!a->doc || !a->profile || spec_index >= a->profile->nsections)
		return -1;
	if (a->spec_heading)
		return a->spec_heading[spec_index];
	if (sctx_init(&c, a, NULL) == ML_OK)
		h = c.first[spec_index];
	sctx_dispose(&c);
	return h;
}
