/* core/inline.c - inline control comments (see inline.h).
 *
 * Each rule gets the lines where its state changes, in document order,
 * so a finding is judged with one binary search, whatever the number of
 * comments and findings. */
#include "core/inline.h"

#include <stdlib.h>
#include <string.h>

#include "core/ruletab.h"
#include "parse/document.h"
#include "util/common.h"

typedef struct {
	int line;
	int off; /* 1 disabled from this line on, 0 enabled */
} change;

typedef struct {
	change *ch;
	size_t n, cap;
} changes;

typedef struct {
	int line;
	int rule; /* -1: every rule */
} line_off;

struct ml_inline {
	unsigned char file_off[ML_RULE__COUNT];
	changes range[ML_RULE__COUNT];
	line_off *lines; /* disable-next-line / disable-line targets */
	size_t nlines, cap_lines;
};

typedef enum { D_DISABLE, D_ENABLE, D_NEXT_LINE, D_LINE, D_FILE } directive;

static int is_sep(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',';
}

static int push_change(ml_inline *in, int rule, int line, int off)
{
	changes *c = &in->range[rule];

	if (ml_grow((void **)&c->ch, &c->cap, c->n + 1, sizeof(change)))
		return ML_ENOMEM;
	c->ch[c->n].line = line;
	c->ch[c->n++].off = off;
	return ML_OK;
}

static int push_line(ml_inline *in, int rule, int line)
{
	if (ml_grow((void **)&in->lines, &in->cap_lines, in->nlines + 1,
		    sizeof(line_off)))
		return ML_ENOMEM;
	in->lines[in->nlines].line = line;
	in->lines[in->nlines++].rule = rule;
	return ML_OK;
}

/* Applies one directive to one rule (-1: all of them). */
static int apply(ml_inline *in, directive d, int rule, const ml_comment *c)
{
	int r, lo = rule < 0 ? 0 : rule,
	       hi = rule < 0 ? ML_RULE__COUNT : rule + 1;
	int rc = ML_OK;

	if (d == D_NEXT_LINE || d == D_LINE)
		return push_line(in, rule,
				 d == D_LINE ? c->line : c->end_line + 1);
	for (r = lo; r < hi && !rc; r++) {
		if (d == D_FILE)
			in->file_off[r] = 1;
		else
			rc = push_change(in, r, c->line, d == D_DISABLE);
	}
	return rc;
}

/* "medlint-disable-next-line" -> D_NEXT_LINE; length of the keyword in
 * *kw; -1 when it is no directive we know. */
static int parse_directive(const char *s, size_t n, size_t *kw)
{
	static const struct {
		const char *word;
		directive d;
	} words[] = {
		{ "medlint-disable-next-line", D_NEXT_LINE },
		{ "medlint-disable-line", D_LINE },
		{ "medlint-disable-file", D_FILE },
		{ "medlint-disable", D_DISABLE },
		{ "medlint-enable", D_ENABLE },
	};
	size_t i, k;

	for (k = 0; k < n && !is_sep(s[k]); k++)
		;
	*kw = k;
	for (i = 0; i < ML_ARRAY_LEN(words); i++)
		if (strlen(words[i].word) == k && !memcmp(s, words[i].word, k))
			return (int)words[i].d;
	return -1;
}

static int warn(ml_findings *w, const ml_comment *c, const char *fmt,
		const char *s, size_t n)
{
	return ml_findings_add(w, ML_RULE_INLINE_CONFIG, c->line, c->column,
			       fmt, (int)n, s)
		       ? ML_OK
		       : ML_ENOMEM;
}

static int read_comment(ml_inline *in, const ml_comment *c, ml_findings *w)
{
	const char *s = c->text, *end = c->text + c->len;
	char id[64];
	size_t kw, k;
	int d, any = 0, rc = ML_OK, rule;

	while (s < end && is_sep(*s))
		s++;
	if ((size_t)(end - s) < 8 || memcmp(s, "medlint-", 8) != 0)
		return ML_OK;
	if ((d = parse_directive(s, (size_t)(end - s), &kw)) < 0)
		return warn(w, c,
			    "unknown directive \"%.*s\": use medlint-disable, "
			    "-enable, -disable-next-line, -disable-line or "
			    "-disable-file",
			    s, kw);
	for (s += kw; s < end && !rc; s += k) {
		while (s < end && is_sep(*s))
			s++;
		for (k = 0; s + k < end && !is_sep(s[k]); k++)
			;
		if (!k)
			break;
		any = 1;
		rule = -1;
		if (k < sizeof(id)) {
			memcpy(id, s, k);
			id[k] = '\0';
			rule = ml_rule_lookup(id);
		}
		rc = rule < 0 ? warn(w, c,
				     "unknown rule \"%.*s\" (see medlint "
				     "--list-rules)",
				     s, k)
			      : apply(in, (directive)d, rule, c);
	}
	return rc || any ? rc : apply(in, (directive)d, -1, c);
}

static int line_cmp(const void *a, const void *b)
{
	const line_off *x = a, *y = b;

	return (x->line > y->line) - (x->line < y->line);
}

int ml_inline_build(const ml_document *doc, ml_inline **out,
		    ml_findings *warnings)
{
	ml_inline *in = calloc(1, sizeof(*in));
	size_t i;
	int rc = ML_OK;

	*out = NULL;
	if (!in)
		return ML_ENOMEM;
	for (i = 0; doc && i < doc->ncomments && !rc; i++)
		rc = read_comment(in, &doc->comments[i], warnings);
	if (rc) {
		ml_inline_free(in);
		return rc;
	}
	if (in->nlines > 1)
		qsort(in->lines, in->nlines, sizeof(line_off), line_cmp);
	*out = in;
	return ML_OK;
}

/* The state of a rule at a line: the last change at or before it. */
static int range_off(const changes *c, int line)
{
	size_t lo = 0, hi = c->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->ch[mid].line <= line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && c->ch[lo - 1].off;
}

static int line_is_off(const ml_inline *in, int rule, int line)
{
	size_t lo = 0, hi = in->nlines;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (in->lines[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < in->nlines && in->lines[lo].line == line; lo++)
		if (in->lines[lo].rule < 0 || in->lines[lo].rule == rule)
			return 1;
	return 0;
}

static int suppressed(const ml_inline *in, const ml_finding *f)
{
	if (f->rule == ML_RULE_INLINE_CONFIG || (int)f->rule < 0 ||
	    f->rule >= ML_RULE__COUNT)
		return 0;
	return in->file_off[f->rule] ||
	       range_off(&in->range[f->rule], f->line) ||
	       line_is_off(in, (int)f->rule, f->line);
}

void ml_inline_filter(const ml_inline *in, ml_findings *f)
{
	size_t i, k = 0;

	if (!in)
		return;
	for (i = 0; i < f->len; i++) {
		if (suppressed(in, &f->items[i])) {
			free(f->items[i].message);
			free(f->items[i].fix_text);
			continue;
		}
		f->items[k++] = f->items[i];
	}
	f->len = k;
}

void ml_inline_free(ml_inline *in)
{
	size_t r;

	if (!in)
		return;
	for (r = 0; r < ML_RULE__COUNT; r++)
		free(in->range[r].ch);
	free(in->lines);
	free(in);
}
