/* rules/structure.c - the section rules: section-missing, -order,
 * -duplicate, -empty, -content.
 *
 * Where each section is was settled by the pipeline (core/sections.h);
 * this family judges order, copies, length and required phrases. */
#include "rules/rules.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sections.h"
#include "parse/document.h"
#include "util/common.h"
#include "util/template.h"

/* ---- one article ---------------------------------------------------- */

typedef struct {
	const ml_article *a;
	const ml_document *d;
	const ml_profile *pr;
	const ml_sections *sec; /* located by the pipeline */
	ml_findings *out;
	const int *first;   /* per spec: heading of its first copy, or -1 */
	const int *spec_of; /* per heading: the spec it is, or -1 */
	int *kept;	    /* per spec: that copy is in the kept order */
	ml_buf buf, scratch;
} sctx;

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
		if (ml_findings_report(
			    c->out, ML_RULE_SECTION_DUPLICATE, x->line,
			    x->column,
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
		if (ml_findings_report(
			    c->out, ML_RULE_SECTION_ORDER, h->line, h->column,
			    "section \"%s\" is out of order: it belongs %s \"%s\"",
			    h->text, after >= 0 ? "after" : "before",
			    first_heading(c, after >= 0 ? after : before)->text))
			return ML_ENOMEM;
	}
	return ML_OK;
}

/* A heading that would be spec i but for its level, for the message. */
static const ml_heading *wrong_level(const sctx *c, size_t i)
{
	size_t h;

	for (h = 0; h < c->d->nheadings; h++)
		if (c->spec_of[h] < 0 && /* ML_ELIMIT: the pipeline reports */
		    ml_sections_match(c->sec, i, &c->d->headings[h], 1) == 1)
			return &c->d->headings[h];
	return NULL;
}

/* Edit distance of a and b, ASCII case ignored; both at most
 * NEAR_MAX bytes (longer headings are never "near"). */
#define NEAR_MAX 160

static size_t distance(const char *a, size_t na, const char *b, size_t nb)
{
	size_t row[NEAR_MAX + 1], i, j;

	for (j = 0; j <= nb; j++)
		row[j] = j;
	for (i = 1; i <= na; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (j = 1; j <= nb; j++) {
			size_t up = row[j], best = diag;
			char x = a[i - 1], y = b[j - 1];
			if (x != y && (x | 0x20) != (y | 0x20))
				best++;
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[nb];
}

/* The heading that is no section but nearly spells `want` (at most a
 * quarter of its characters differ), for the section-missing message. */
static const ml_heading *near_miss(const sctx *c, const char *want, size_t n)
{
	const ml_heading *best = NULL;
	size_t h, best_d = 0;

	if (n == 0 || n > NEAR_MAX)
		return NULL;
	for (h = 0; h < c->d->nheadings; h++) {
		const ml_heading *x = &c->d->headings[h];
		size_t d, longer = x->len > n ? x->len : n;
		if (c->spec_of[h] >= 0 || (int)h == c->d->title ||
		    x->len > NEAR_MAX)
			continue;
		d = distance(want, n, x->text, x->len);
		if (4 * d <= longer && (!best || d < best_d)) {
			best = x;
			best_d = d;
		}
	}
	return best;
}

/* " after "A" and before "B"; "X" on line 9 is a level-3 heading" */
static int where_missing(sctx *c, size_t i, int after, int before, ml_buf *w)
{
	const ml_heading *x = wrong_level(c, i);
	int rc = ML_OK;

	ml_buf_clear(w);
	if (after >= 0)
		rc = ml_buf_printf(w, " after \"%s\"",
				   first_heading(c, after)->text);
	if (!rc && before >= 0)
		rc = ml_buf_printf(w, "%s before \"%s\"",
				   after >= 0 ? " and" : "",
				   first_heading(c, before)->text);
	if (!rc && before < 0 && after >= 0)
		rc = ml_buf_puts(w, ", at the end");
	if (!rc && x)
		rc = ml_buf_printf(w,
				   "; \"%s\" on line %d is a level-%d heading",
				   x->text, x->line, x->level);
	if (!rc && !x && (x = near_miss(c, ml_buf_cstr(&c->buf), c->buf.len)))
		rc = ml_buf_printf(w, "; line %d, \"%s\", looks like it",
				   x->line, x->text);
	if (!rc && ml_sections_names_unknown(c->sec, i))
		rc = ml_buf_puts(w, " (the article's term is unknown: no "
				    "title or term in the front matter and no "
				    "H1 title)");
	return rc;
}

static int report_missing(sctx *c)
{
	ml_buf w = ML_BUF_INIT(ML_LIMIT_TEXT);
	size_t i;
	int rc = ML_OK;

	for (i = 0; i < c->pr->nsections && !rc; i++) {
		const ml_section_spec *s = &c->pr->sections[i];
		int after = kept_near(c, i, -1), before = kept_near(c, i, 1);
		int line = c->d->last_line, col = 1;
		char level[32] = "heading";
		if (!s->required || ml_sections_found(c->sec, i) ||
		    !ml_sections_usable(c->sec, i))
			continue;
		if (before >= 0) {
			line = first_heading(c, before)->line;
			col = first_heading(c, before)->column;
		}
		if (s->level)
			(void)snprintf(level, sizeof(level), "level-%d heading",
				       s->level);
		rc = ml_sections_human(c->sec, i, &c->buf, &c->scratch) ||
		     where_missing(c, i, after, before, &w);
		if (!rc)
			rc = ml_findings_report(
				c->out, ML_RULE_SECTION_MISSING, line, col,
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
		if (ml_findings_report(
			    c->out, ML_RULE_SECTION_EMPTY, h->line, h->column,
			    "section \"%s\" has %zu word%s of prose; it needs at "
			    "least %d",
			    h->text, h->words, h->words == 1 ? "" : "s",
			    s->min_words))
			return ML_ENOMEM;
	}
	return ML_OK;
}

/* The missing phrases of spec i, as "a", "b", in w. */
static int missing_phrases(sctx *c, const ml_section_spec *s, size_t from,
			   size_t to, ml_buf *w)
{
	ml_buf ph = ML_BUF_INIT(ML_LIMIT_SHORT);
	size_t p, k;
	int rc = ML_OK;

	ml_buf_clear(&c->buf);
	ml_buf_clear(w);
	for (p = from; p < to && !rc; p++) {
		const ml_paragraph *g = &c->d->paragraphs[p];
		rc = ml_sections_fold(&c->buf, " ", 1) ||
		     ml_sections_fold(&c->buf, g->text, g->len);
	}
	for (k = 0; k < s->nmust_contain && !rc; k++) {
		ml_name t = ml_name_trimmed(s->must_contain[k],
					    strlen(s->must_contain[k]));
		ml_buf_clear(&ph);
		if (!t.s || (rc = ml_sections_fold(&ph, t.s, t.len)))
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
	ml_buf w = ML_BUF_INIT(ML_LIMIT_TEXT);
	size_t i;
	int rc = ML_OK;

	for (i = 0; i < c->pr->nsections && !rc; i++) {
		const ml_section_spec *s = &c->pr->sections[i];
		const ml_heading *h;
		int g = c->sec->para[i];
		if (!s->nmust_contain || (c->first[i] < 0 && g < 0))
			continue;
		if (c->first[i] < 0) {
			/* found by content: the paragraph says some phrases */
			const ml_paragraph *p = &c->d->paragraphs[g];
			rc = missing_phrases(c, s, (size_t)g, (size_t)g + 1,
					     &w);
			if (!rc && w.len)
				rc = ml_findings_report(
					c->out, ML_RULE_SECTION_CONTENT,
					p->line, p->column,
					"the %s paragraph must say %s", s->id,
					ml_buf_cstr(&w));
			continue;
		}
		h = first_heading(c, (int)i);
		rc = missing_phrases(c, s, h->first_paragraph, h->end_paragraph,
				     &w);
		if (!rc && w.len)
			rc = ml_findings_report(c->out, ML_RULE_SECTION_CONTENT,
						h->line, h->column,
						"section \"%s\" must say %s",
						h->text, ml_buf_cstr(&w));
	}
	ml_buf_dispose(&w);
	return rc ? ML_ENOMEM : ML_OK;
}

static void sctx_dispose(sctx *c)
{
	free(c->kept);
	ml_buf_dispose(&c->buf);
	ml_buf_dispose(&c->scratch);
}

int ml_check_structure(const ml_article *a, ml_findings *out,
		       ml_link_list *links)
{
	sctx c;
	int rc = ML_ENOMEM;

	if (!a->doc || !a->sections || !a->profile->nsections)
		return ML_OK;
	memset(&c, 0, sizeof(c));
	c.a = a;
	c.d = a->doc;
	c.pr = a->profile;
	c.sec = a->sections;
	c.out = out;
	c.first = a->sections->first;
	c.spec_of = a->sections->spec_of;
	ml_buf_init(&c.buf, ML_LIMIT_TEXT);
	ml_buf_init(&c.scratch, ML_LIMIT_TEXT);
	if (!(c.kept = calloc(c.pr->nsections, sizeof(int))))
		goto done;
	if (keep_order(&c) || report_duplicates(&c) || report_order(&c) ||
	    report_missing(&c) || report_empty(&c) || report_content(&c))
		goto done;
	rc = ML_OK;
done:
	sctx_dispose(&c);
	return rc;
}
