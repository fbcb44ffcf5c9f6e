/* fuzz_document.c - libFuzzer target: the document model (parse/document.c
 * over cmark-gfm, its parse budget, parse/slug.c) from arbitrary bytes.
 *
 * The input is a body. Either it is refused by the budget with a reason
 * and a line inside it, or every block, item, text run and link the model
 * gives lies inside the body, with positions inside its lines, and every
 * heading gets a slug. Built with -fsanitize=fuzzer when MEDLINT_FUZZ is
 * on; otherwise replay.c feeds it the seed corpus tests/fuzz/
 * document-corpus under ctest. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/document.h"
#include "parse/slug.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FIRST_LINE 7 /* as if after a six-line front matter */
#define BASE 100L

static const char *body;
static size_t body_len;
static int lines;

/* A broken promise of the model: say which, then crash for libFuzzer. */
static void fail(const char *what, size_t i, int line, int column, long offset)
{
	fprintf(stderr,
		"fuzz_document: %s %zu at %d:%d offset %ld, body is lines "
		"%d..%d, offsets %ld..%ld\n",
		what, i, line, column, offset, FIRST_LINE, FIRST_LINE + lines,
		BASE, BASE + (long)body_len);
	abort();
}

static void inside(const char *what, size_t i, const char *src, size_t len)
{
	if (len && (src < body || src + len > body + body_len))
		fail(what, i, 0, 0, src - body);
}

static void at(const char *what, size_t i, int line, int column, long offset)
{
	if (line < FIRST_LINE || line > FIRST_LINE + lines || column < 1 ||
	    offset < BASE || offset > BASE + (long)body_len)
		fail(what, i, line, column, offset);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ml_buf slug = ML_BUF_INIT(ML_LIMIT_SHORT);
	ml_document_limit why;
	ml_document *d = NULL;
	ml_slug_set set;
	char *text;
	size_t i;
	int rc, l, c;

	if (!(text = malloc(size + 1)))
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	body = text;
	body_len = size;
	lines = 0;
	/* Positions count LF line ends, as editors and git do (cmark-gfm
	 * also ends a line at a lone CR; the model reports file lines). */
	for (i = 0; i < size; i++)
		lines += text[i] == '\n';
	rc = ml_document_parse_bounded(text, size, FIRST_LINE, BASE, &d, &why);
	if (rc == ML_ELIMIT) {
		/* Refused: the finding names a line of the body and why. */
		if (d || !why.what[0] || why.line < FIRST_LINE ||
		    why.line > FIRST_LINE + lines)
			abort();
		goto done;
	}
	if (rc != ML_OK || !d)
		goto done; /* out of memory */
	ml_slug_set_init(&set);
	for (i = 0; i < d->nheadings; i++) {
		const ml_heading *h = &d->headings[i];

		at("heading", i, h->line, h->column, h->offset);
		if (h->level < 1 || h->level > 6 || h->end_line < h->line ||
		    strlen(h->text) > h->len ||
		    h->end_paragraph < h->first_paragraph ||
		    h->end_paragraph > d->nparagraphs || h->parent >= (int)i)
			abort();
		if (ml_slug_set_add(&set, h->text, h->len, &slug) == ML_OK &&
		    !ml_slug_set_has(&set, ml_buf_cstr(&slug)))
			abort();
	}
	ml_slug_set_dispose(&set);
	for (i = 0; i < d->nparagraphs; i++) {
		const ml_paragraph *p = &d->paragraphs[i];

		at("paragraph", i, p->line, p->column, p->offset);
		inside("paragraph", i, p->src, p->src_len);
		if (p->end_line < p->line || p->section >= (int)d->nheadings)
			abort();
	}
	for (i = 0; i < d->nlists; i++)
		if (d->lists[i].first_item + d->lists[i].nitems > d->nitems)
			abort();
	for (i = 0; i < d->nitems; i++) {
		const ml_list_item *it = &d->items[i];

		at("item", i, it->line, it->column, it->offset);
		inside("item", i, it->src, it->len);
		if (it->list >= d->nlists ||
		    (it->len && it->offset != BASE + (it->src - body)))
			abort();
	}
	for (i = 0; i < d->ntexts; i++) {
		const ml_text *t = &d->texts[i];
		long off;

		at("text", i, t->line, t->column, t->offset);
		ml_document_text_pos(d, t, t->len, &l, &c, &off);
		at("text end", i, l, c, off);
		ml_document_text_pos(d, t, t->len / 2, &l, &c, &off);
		at("text middle", i, l, c, off);
	}
	for (i = 0; i < d->nlinks; i++) {
		at("link", i, d->links[i].line, d->links[i].column,
		   d->links[i].offset);
		if (!d->links[i].url)
			abort();
	}
	for (i = 0; i < d->ncomments; i++) {
		at("comment", i, d->comments[i].line, d->comments[i].column,
		   d->comments[i].offset);
		inside("comment", i, d->comments[i].text, d->comments[i].len);
	}
	for (i = 0; i <= size; i += 1 + size / 16) {
		ml_document_pos(d, BASE + (long)i, &l, &c);
		at("offset", i, l, c, BASE + (long)i);
	}
	ml_document_free(d);
done:
	ml_buf_dispose(&slug);
	free(text);
	return 0;
}
