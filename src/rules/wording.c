/* rules/wording.c - wording: the schema's avoid and prefer entries and
 * the shipped health defaults (schemas/wording-defaults.yaml), matched
 * as whole words in the prose, never in code, links, block quotes,
 * quotation marks, proper names or the reference list. */
#include <stdlib.h>
#include <string.h>

#include "rules/internal.h"
#include "rules/rules.h"
#include "util/prose.h"

static int lower_ascii(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* The word of t that ends right before i (skipping spaces): [*s, e). */
static int word_before(const char *t, size_t from, size_t i, size_t *s,
		       size_t *e)
{
	size_t k = i;

	while (k > from && t[k - 1] == ' ')
		k--;
	*e = k;
	while (k > from && ml_prose_word_byte(t, i, k - 1))
		k--;
	*s = k;
	return *e > *s;
}

static int word_after(const char *t, size_t n, size_t i, size_t *s, size_t *e)
{
	size_t k = i;

	while (k < n && t[k] == ' ')
		k++;
	*s = k;
	while (k < n && ml_prose_word_byte(t, n, k))
		k++;
	*e = k;
	return *e > *s;
}

static int in_list(const char *w, size_t n, const char **list, size_t nlist)
{
	size_t i, k;

	for (i = 0; i < nlist; i++) {
		if (strlen(list[i]) != n)
			continue;
		for (k = 0;
		     k < n && lower_ascii((unsigned char)w[k]) ==
				      lower_ascii((unsigned char)list[i][k]);
		     k++)
			;
		if (k == n)
			return 1;
	}
	return 0;
}

/* A capitalised word that does not open a sentence names something
 * ("Cure Parkinson's", "Miracle-Gro"); the entry's own capitals (AIDS)
 * say nothing. */
static int proper_name(const char *t, size_t from, size_t at,
		       const char *phrase)
{
	size_t k = at;

	if (!(t[at] >= 'A' && t[at] <= 'Z') ||
	    (phrase[0] >= 'A' && phrase[0] <= 'Z'))
		return 0;
	while (k > from && (t[k - 1] == ' ' || strchr("\"'([", t[k - 1])))
		k--;
	return k > from && !strchr(".!?:", t[k - 1]);
}

typedef struct {
	const ml_article *a;
	const ml_prose_text *pt;
	ml_findings *out;
} wctx;

/* Replacement cased as the match: "Diabetics" -> "People with ...". */
static int add_fix(ml_finding *fd, const ml_wording_entry *e, const char *m,
		   long off, size_t len)
{
	char *r = ml_strdup(e->replace);
	int rc;

	if (!r)
		return ML_ENOMEM;
	if (m[0] >= 'A' && m[0] <= 'Z' && r[0] >= 'a' && r[0] <= 'z')
		r[0] = (char)(r[0] - 32);
	rc = ml_finding_set_fix(fd, off, len, r) ? ML_ENOMEM : ML_OK;
	free(r);
	return rc;
}

static int report(wctx *w, const ml_wording_entry *e, size_t at, size_t len,
		  int exact)
{
	const char *t = ml_buf_cstr(&w->pt->text);
	int line, col, eline, ecol;
	long off, eoff;
	ml_finding *fd;

	ml_prose_text_pos(w->a, w->pt, at, &line, &col, &off);
	ml_prose_text_end(w->a, w->pt, at + len, &eline, &ecol, &eoff);
	fd = ml_findings_add(w->out, ML_RULE_WORDING, line, col,
			     e->replace ? "\"%.*s\": %s; write \"%s\" (wording "
					  "entry %s)"
					: "\"%.*s\": %s (wording entry %s%s)",
			     (int)len, t + at, e->message,
			     e->replace ? e->replace : e->id,
			     e->replace ? e->id : "");
	if (!fd)
		return ML_ENOMEM;
	fd->end_line = eline;
	fd->end_column = ecol;
	fd->at_least_error = e->error;
	/* the fix replaces exactly the phrase, written in the file as it
	 * reads (no markup or line break inside) */
	if (e->replace && e->fix && exact && eline == line &&
	    eoff - off == (long)len && !memcmp(w->a->text + off, t + at, len))
		return add_fix(fd, e, t + at, off, len);
	return ML_OK;
}

/* The entries at a word start: the first that matches and is not let
 * go by its neighbours; returns the length matched (0: none). */
static size_t try_entries(wctx *w, const char *t, size_t from, size_t end,
			  size_t at)
{
	const ml_profile *p = w->a->profile;
	size_t i, k, len, ws, we;
	int exact;

	for (i = 0; i < p->nwording; i++) {
		const ml_wording_entry *e = &p->wording[i];
		for (k = 0; k < e->nmatch; k++) {
			len = ml_prose_match(t, end, at, e->match[k],
					     e->inflect, &exact);
			if (!len || proper_name(t, from, at, e->match[k]))
				continue;
			if (word_before(t, from, at, &ws, &we) &&
			    in_list(t + ws, we - ws, e->unless_after,
				    e->nunless_after))
				continue;
			if (word_after(t, end, at + len, &ws, &we) &&
			    in_list(t + ws, we - ws, e->unless_before,
				    e->nunless_before))
				continue;
			return report(w, e, at, len, exact) ? (size_t)-1 : len;
		}
	}
	return 0;
}

/* Opening and closing quotation marks: " and the curly pair. */
static int quote_mark(const char *t, size_t n, size_t i, size_t *len)
{
	const unsigned char *u = (const unsigned char *)t;

	*len = 1;
	if (t[i] == '"')
		return 1;
	*len = 3;
	return i + 2 < n && u[i] == 0xE2 && u[i + 1] == 0x80 &&
	       (u[i + 2] == 0x9C || u[i + 2] == 0x9D);
}

static int scan_block(wctx *w, const ml_prose_block *b)
{
	const char *t = ml_buf_cstr(&w->pt->text);
	size_t i = b->start, q, len;
	int quoted = 0;

	while (i < b->end) {
		if (quote_mark(t, b->end, i, &q)) {
			quoted = !quoted;
			i += q;
			continue;
		}
		if (quoted || !ml_prose_word_byte(t, b->end, i) ||
		    (i > b->start && ml_prose_word_byte(t, b->end, i - 1))) {
			i++;
			continue;
		}
		len = try_entries(w, t, b->start, b->end, i);
		if (len == (size_t)-1)
			return ML_ENOMEM;
		i += len ? len : 1;
	}
	return ML_OK;
}

int ml_check_wording(const ml_article *a, ml_findings *out, ml_link_list *links)
{
	ml_prose_text t;
	wctx w = { a, &t, out };
	size_t i;
	int rc;

	(void)links;
	if (!a->doc || !a->profile->nwording)
		return ML_OK;
	rc = ml_prose_text_build(a, ML_IN_LINK | ML_IN_QUOTE, &t);
	for (i = 0; !rc && i < t.nblocks; i++)
		rc = scan_block(&w, &t.blocks[i]);
	ml_prose_text_dispose(&t);
	return rc;
}
