/* pipeline/ranges.c - the end of every finding and its code-point columns
 * (pipeline/ranges.h).
 *
 * A rule that knows its end sets it (frontmatter-schema on a scalar, the
 * citation checks on a reference part); the rest is decided here by what
 * the rule points at: a front matter node found by its start, a heading
 * or byline line, a link's target, a citation marker, a word. */
#include "pipeline/ranges.h"

#include <stdlib.h>
#include <string.h>

#include "parse/node.h"
#include "util/common.h"

typedef struct {
	const char *s;
	size_t len;
	size_t *start; /* of each line */
	size_t n;
	ml_node_index *fm; /* the front matter's scalars by position */
	int fm_built;
} text_lines;

/* memchr finds the newlines: this runs on every article with a finding
 * or a link, so it is one of the run's hot loops. */
static int lines_index(text_lines *t, const char *s, size_t len)
{
	const char *p, *end = s + len;
	size_t n = 1;

	t->s = s;
	t->len = len;
	t->fm = NULL;
	t->fm_built = 0;
	for (p = s; p < end && (p = memchr(p, '\n', (size_t)(end - p))); p++)
		n++;
	t->start = malloc(n * sizeof(size_t));
	if (!t->start)
		return -1;
	t->start[0] = 0;
	t->n = 1;
	for (p = s; p < end && (p = memchr(p, '\n', (size_t)(end - p))); p++)
		t->start[t->n++] = (size_t)(p - s) + 1;
	return 0;
}

/* Line l (1-based): its start and the end of its content (before CR LF
 * and trailing blanks). 0 when there is no such line. */
static int line_span(const text_lines *t, int l, size_t *a, size_t *b)
{
	if (l < 1 || (size_t)l > t->n)
		return 0;
	*a = t->start[l - 1];
	*b = (size_t)l < t->n ? t->start[l] - 1 : t->len;
	while (*b > *a && (t->s[*b - 1] == '\r' || t->s[*b - 1] == ' ' ||
			   t->s[*b - 1] == '\t'))
		(*b)--;
	return 1;
}

/* The front matter scalar starting at line:col, else NULL: from the
 * file's position index, built at the first finding that needs it (one
 * walk of the tree per file, not one per finding). */
static const ml_node *node_at(const ml_article *a, text_lines *t, int line,
			      int col)
{
	if (!t->fm_built) {
		t->fm_built = 1;
		if (ml_node_index_build(a->fm, &t->fm))
			t->fm = NULL; /* no index: the ends fall back to words */
	}
	return ml_node_index_find(t->fm, line, col);
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A word from p: to the next blank, without a trailing , ; or : (a
 * credential "MD," is "MD"). A finding at a blank is an insertion point
 * (a missing period): zero-width. */
static size_t word_end(const char *s, size_t p, size_t b)
{
	size_t e = p;

	if (p < b && is_blank(s[p]))
		return p; /* at a blank: something belongs here */
	while (e < b && !is_blank(s[e]) && !(e > p && s[e] == '('))
		e++;
	/* "et al." is one fault */
	if (e - p == 2 && strncmp(s + p, "et", 2) == 0 && b - e >= 4 &&
	    strncmp(s + e, " al.", 4) == 0)
		return e + 4;
	while (e > p + 1 &&
	       (s[e - 1] == ',' || s[e - 1] == ';' || s[e - 1] == ':' ||
		s[e - 1] == ']' || s[e - 1] == ')'))
		e--;
	return e > p ? e : (p < b ? p + 1 : p);
}

/* A link at p, "[text](target ...)" or the target itself: the target. */
static void link_target(const char *s, size_t p, size_t b, size_t *ta,
			size_t *tb)
{
	size_t i = p, depth = 0;

	*ta = p;
	if (p < b && s[p] == '[') {
		for (i = p; i < b; i++) {
			if (s[i] == '[')
				depth++;
			else if (s[i] == ']' && --depth == 0)
				break;
		}
		if (i + 1 < b && s[i + 1] == '(')
			*ta = i + 2;
		else if (i < b)
			*ta = i + 1; /* a reference link: no target here */
	}
	if (*ta < b && s[*ta] == '<') {
		const char *gt = memchr(s + *ta, '>', b - *ta);
		*tb = gt ? (size_t)(gt - s) + 1 : b;
		return;
	}
	for (*tb = *ta; *tb < b && !is_blank(s[*tb]) && s[*tb] != ')'; (*tb)++)
		;
}

/* The end, as a byte offset in the text, of the finding at a (line l). */
static size_t end_of(const ml_article *a, text_lines *t, const ml_finding *f,
		     size_t at, size_t lb)
{
	const char *s = t->s;
	const ml_node *n;
	const char *close;

	switch (f->rule) {
	case ML_RULE_FRONTMATTER_MISSING:
	case ML_RULE_SECTION_MISSING:
	case ML_RULE_REVIEWER_BYLINE_MISSING:
		return at; /* missing: where it belongs */
	case ML_RULE_FILE_INVALID:
		return at < t->len ? at + 1 : at; /* the byte */
	case ML_RULE_CITATION_UNDEFINED:
		close = at < lb ? memchr(s + at, ']', lb - at) : NULL;
		return close ? (size_t)(close - s) + 1 : word_end(s, at, lb);
	case ML_RULE_INLINE_CONFIG:
		close = at < lb ? strstr(s + at, "-->") : NULL;
		return close && (size_t)(close - s) < lb
			       ? (size_t)(close - s) + 3
			       : lb;
	case ML_RULE_SECTION_ORDER:
	case ML_RULE_SECTION_EMPTY:
	case ML_RULE_SECTION_DUPLICATE:
	case ML_RULE_SECTION_CONTENT:
	case ML_RULE_REVIEWER_MISMATCH:
	case ML_RULE_FRONTMATTER_SYNTAX:
	case ML_RULE_CITATION_DUPLICATE:
	case ML_RULE_CITATION_UNUSED:
	case ML_RULE_CITATION_ORDER:
	case ML_RULE_CITATION_STYLE:
		return lb; /* the heading, the byline, the entry */
	default: break;
	}
	if (f->rule >= ML_RULE_LINK_BROKEN &&
	    f->rule <= ML_RULE_LINK_INSECURE) {
		size_t ta, tb;
		link_target(s, at, lb, &ta, &tb);
		return tb;
	}
	/* a required key missing from a mapping, an entry without a title:
	 * where it belongs */
	if ((f->rule == ML_RULE_FRONTMATTER_SCHEMA &&
	     strstr(f->message, "missing required key")) ||
	    (f->rule == ML_RULE_CITATION_TITLE &&
	     strncmp(f->message, "no title", 8) == 0))
		return at;
	if (a->fm && f->line < a->body_line) {
		n = node_at(a, t, f->line, f->column);
		if (n && n->end_line > 0) {
			size_t na, nb;
			if (line_span(t, n->end_line, &na, &nb) &&
			    n->end_column >= 1)
				return na + (size_t)(n->end_column - 1);
		}
	}
	return word_end(s, at, lb);
}

/* The link target's start for a link finding (its column is the '['). */
static size_t start_of(const ml_finding *f, const text_lines *t, size_t at,
		       size_t lb)
{
	size_t ta, tb;

	if (f->rule >= ML_RULE_LINK_BROKEN &&
	    f->rule <= ML_RULE_LINK_INSECURE) {
		link_target(t->s, at, lb, &ta, &tb);
		return ta;
	}
	return at;
}

/* Code points before byte column col of line l, plus one. */
static int ucol(const text_lines *t, int l, int col)
{
	size_t a, b, i, stop;
	int u = 1;

	if (col < 1 || l < 1 || (size_t)l > t->n)
		return col;
	a = t->start[l - 1];
	b = (size_t)l < t->n ? t->start[l] : t->len;
	stop = a + (size_t)(col - 1);
	for (i = a; i < stop && i < b; i++)
		u += ((unsigned char)t->s[i] & 0xC0) != 0x80;
	return u + (int)(stop > b ? stop - b : 0);
}

/* Byte offset to line and byte column. */
static void line_col(const text_lines *t, size_t off, int *l, int *c)
{
	size_t lo = ml_line_at(t->start, t->n, off);

	*l = (int)lo + 1;
	*c = (int)(off - t->start[lo]) + 1;
}

static void finish_one(const ml_article *a, text_lines *t, ml_finding *f)
{
	size_t la, lb, at, e;

	if (!f->end_line && line_span(t, f->line, &la, &lb)) {
		at = la + (size_t)(f->column > 0 ? f->column - 1 : 0);
		if (at > lb)
			at = lb;
		e = end_of(a, t, f, at, lb);
		at = start_of(f, t, at, lb);
		line_col(t, at, &f->line, &f->column);
		line_col(t, e < at ? at : e, &f->end_line, &f->end_column);
	} else if (f->end_line && !f->end_column) {
		if (line_span(t, f->end_line, &la, &lb))
			f->end_column = (int)(lb - la) + 1;
	}
	if (!f->end_line) { /* past the last line */
		f->end_line = f->line;
		f->end_column = f->column;
	}
	f->ucolumn = ucol(t, f->line, f->column);
	f->end_ucolumn = ucol(t, f->end_line, f->end_column);
}

void ml_ranges_finish(const ml_article *a, ml_file_result *res)
{
	text_lines t;
	size_t i;

	if (res->findings.len == 0 && res->links.len == 0)
		return;
	if (lines_index(&t, a->text ? a->text : "", a->text ? a->len : 0)) {
		/* out of memory: byte columns stand in for code points */
		for (i = 0; i < res->findings.len; i++) {
			ml_finding *f = &res->findings.items[i];
			f->ucolumn = f->column;
			f->end_ucolumn = f->end_column ? f->end_column
						       : f->column;
		}
		return;
	}
	for (i = 0; i < res->findings.len; i++)
		finish_one(a, &t, &res->findings.items[i]);
	for (i = 0; i < res->links.len; i++) {
		ml_link_ref *r = &res->links.items[i];
		size_t la, lb, ta, tb;

		r->end_line = r->line;
		r->end_column = r->column;
		if (line_span(&t, r->line, &la, &lb)) {
			size_t at = la +
				    (size_t)(r->column > 0 ? r->column - 1 : 0);
			link_target(t.s, at < lb ? at : lb, lb, &ta, &tb);
			line_col(&t, ta, &r->line, &r->column);
			line_col(&t, tb, &r->end_line, &r->end_column);
		}
		r->ucolumn = ucol(&t, r->line, r->column);
		r->end_ucolumn = ucol(&t, r->end_line, r->end_column);
	}
	ml_node_index_free(t.fm);
	free(t.start);
}
