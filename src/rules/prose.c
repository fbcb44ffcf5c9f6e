/* rules/prose.c - the article's prose as plain text, block by block, with
 * the way back to file positions (rules/internal.h).
 *
 * The text runs of the document model (parse/document.h) are literal
 * text only: code spans, code blocks, HTML, link destinations and the
 * front matter are never runs, so they never reach the prose rules. Runs
 * of one block are joined as the reader sees them: with nothing between
 * runs that only emphasis marks separate, with a space across a line
 * break or a code span. */
#include "rules/internal.h"

#include <stdlib.h>
#include <string.h>

#include "parse/document.h"
#include "rules/rules.h"

int ml_prose_under(const ml_document *d, int section, int within)
{
	while (section >= 0 && section != within)
		section = d->headings[section].parent;
	return section == within && within >= 0;
}

int ml_prose_section(const ml_article *a, const char *id)
{
	size_t i;

	if (!a->sections)
		return -1;
	for (i = 0; i < a->profile->nsections; i++)
		if (!strcmp(a->profile->sections[i].id, id))
			return a->sections->first[i];
	return -1;
}

/* Runs q and r sit side by side with only emphasis marks between. */
static int adjacent(const ml_article *a, const ml_text *q, const ml_text *r)
{
	long from = q->offset + (long)q->src_len, k;

	if (r->line != q->line || r->offset < from)
		return 0;
	for (k = from; k < r->offset; k++)
		if (!strchr("*_~", a->text[k]))
			return 0;
	return 1;
}

static int add_seg(ml_prose_text *t, size_t run)
{
	if (ml_grow((void **)&t->segs, &t->capsegs, t->nsegs + 1,
		    sizeof(*t->segs)))
		return ML_ENOMEM;
	t->segs[t->nsegs].off = t->text.len;
	t->segs[t->nsegs].run = run;
	t->nsegs++;
	return ML_OK;
}

/* Ends the open block (if any) and opens one for run r. */
static int open_block(ml_prose_text *t, const ml_text *r, int para)
{
	ml_prose_block *b;

	if (t->nblocks && ml_buf_putc(&t->text, '\n'))
		return ML_ENOMEM;
	if (t->nblocks)
		t->blocks[t->nblocks - 1].end = t->text.len - 1;
	if (ml_grow((void **)&t->blocks, &t->capblocks, t->nblocks + 1,
		    sizeof(*t->blocks)))
		return ML_ENOMEM;
	b = &t->blocks[t->nblocks++];
	b->start = t->text.len;
	b->end = t->text.len;
	b->section = r->section;
	b->para = para;
	b->flags = r->flags;
	return ML_OK;
}

/* The paragraph holding run r, moving *p forward (both in file order);
 * -1 when r is in a heading or no paragraph. */
static int para_of(const ml_document *d, const ml_text *r, size_t *p)
{
	if (r->flags & ML_IN_HEADING)
		return -1;
	while (*p < d->nparagraphs &&
	       d->paragraphs[*p].offset + (long)d->paragraphs[*p].src_len <=
		       r->offset)
		(*p)++;
	if (*p < d->nparagraphs && d->paragraphs[*p].offset <= r->offset)
		return (int)*p;
	return -1;
}

/* 1 when run r is in the reference list. */
static int in_refs(const ml_document *d, const ml_text *r, int refs, int list)
{
	if (refs >= 0 && ml_prose_under(d, r->section, refs))
		return 1;
	return list >= 0 && r->item >= 0 &&
	       d->items[r->item].list == (size_t)list;
}

int ml_prose_text_build(const ml_article *a, unsigned skip, ml_prose_text *t)
{
	const ml_document *d = a->doc;
	size_t i, p = 0;
	int list = -1, refs = ml_rules_ref_heading(a, &list), para, prev = -2;
	const ml_text *q = NULL;

	memset(t, 0, sizeof(*t));
	ml_buf_init(&t->text, ML_LIMIT_TEXT);
	for (i = 0; i < d->ntexts; i++) {
		const ml_text *r = &d->texts[i];
		int same;

		if ((r->flags & (skip | ML_IN_TABLE)) ||
		    in_refs(d, r, refs, list))
			continue;
		para = para_of(d, r, &p);
		same = q && para == prev && r->section == q->section &&
		       ((r->flags ^ q->flags) & ML_IN_HEADING) == 0 &&
		       (para >= 0 || r->line == q->line);
		if (!same && open_block(t, r, para))
			return ML_ENOMEM;
		if (same && !adjacent(a, q, r) && ml_buf_putc(&t->text, ' '))
			return ML_ENOMEM;
		if (add_seg(t, i) || ml_buf_put(&t->text, r->text, r->len))
			return ML_ENOMEM;
		q = r, prev = para;
	}
	if (t->nblocks) {
		t->blocks[t->nblocks - 1].end = t->text.len;
		if (ml_buf_putc(&t->text, '\n'))
			return ML_ENOMEM;
	}
	return ML_OK;
}

void ml_prose_text_dispose(ml_prose_text *t)
{
	ml_buf_dispose(&t->text);
	free(t->blocks);
	free(t->segs);
	memset(t, 0, sizeof(*t));
}

static void text_pos(const ml_article *a, const ml_prose_text *t, size_t off,
		     int end, int *line, int *column, long *offset)
{
	size_t lo = 0, hi = t->nsegs, lit;
	const ml_text *r;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->segs[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	if (end && lo > 0 && t->segs[lo].off == off)
		lo--;
	r = &a->doc->texts[t->segs[lo].run];
	lit = off - t->segs[lo].off;
	if (lit > r->len)
		lit = r->len;
	ml_document_text_pos(a->doc, r, lit, line, column, offset);
}

void ml_prose_text_pos(const ml_article *a, const ml_prose_text *t, size_t off,
		       int *line, int *column, long *offset)
{
	text_pos(a, t, off, 0, line, column, offset);
}

void ml_prose_text_end(const ml_article *a, const ml_prose_text *t, size_t off,
		       int *line, int *column, long *offset)
{
	text_pos(a, t, off, 1, line, column, offset);
}

/* ---- the shared pass ------------------------------------------------- */

/* One split feeds readability (the whole article's counts) and
 * claim-uncited (the sentences of its blocks) at once. */
typedef struct {
	ml_prose_measure *m; /* NULL: readability counts no whole article */
	ml_claims_ctx *c;
	int claims; /* this block is claim-uncited's */
} prose_pass;

static void pass_word(void *ctx, size_t off, size_t len, int syllables)
{
	prose_pass *p = ctx;

	if (p->m)
		ml_readability_word(p->m, off, len, syllables);
	if (p->claims)
		ml_claims_word(p->c, off, len, syllables);
}

static void pass_sentence(void *ctx, size_t start, size_t end, size_t words)
{
	prose_pass *p = ctx;

	if (p->m)
		ml_readability_sentence(p->m, start, end, words);
	if (p->claims)
		ml_claims_sentence(p->c, start, end, words);
}

/* readability and claim-uncited over one prose text (headings included:
 * claim-uncited reads paragraphs only, whose blocks are the same). */
static int read_and_claims(const ml_article *a, unsigned which,
			   ml_findings *out)
{
	int whole = (which & ML_PROSE_READABILITY) &&
		    !a->profile->readability.nsections;
	ml_prose_measure m;
	ml_claims_ctx c;
	prose_pass p = { whole ? &m : NULL, &c, 0 };
	ml_prose_cb cb = { pass_word, pass_sentence, &p, !whole };
	ml_prose_text t;
	const char *text;
	size_t i;
	int rc;

	rc = ml_prose_text_build(a, 0, &t);
	text = ml_buf_cstr(&t.text);
	memset(&m, 0, sizeof(m));
	m.text = text;
	if (!rc && (which & ML_PROSE_CLAIMS)) {
		rc = ml_claims_open(&c, a, &t, out);
		for (i = 0; !rc && i < t.nblocks; i++) {
			const ml_prose_block *b = &t.blocks[i];
			rc = ml_claims_block(&c, b);
			if (rc < 0)
				break;
			p.claims = rc;
			rc = ML_OK;
			if (!whole && !p.claims)
				continue;
			m.base = b->start;
			ml_prose_split(text + b->start, b->end - b->start, &cb);
			rc = c.rc;
		}
		rc = ml_claims_close(&c, rc);
	} else if (!rc && whole) {
		for (i = 0; i < t.nblocks; i++) {
			m.base = t.blocks[i].start;
			ml_prose_split(text + t.blocks[i].start,
				       t.blocks[i].end - t.blocks[i].start,
				       &cb);
		}
	}
	if (!rc && (which & ML_PROSE_READABILITY))
		rc = ml_readability_report(a, &t, whole ? &m : NULL, out);
	ml_prose_text_dispose(&t);
	return rc;
}

int ml_check_prose(const ml_article *a, unsigned which, ml_findings *out)
{
	int rc = ML_OK;

	if (!a->doc)
		return ML_OK;
	if (which & (ML_PROSE_READABILITY | ML_PROSE_CLAIMS))
		rc = read_and_claims(a, which, out);
	if (!rc && (which & ML_PROSE_WORDING))
		rc = ml_check_wording(a, out, NULL);
	return rc;
}
