/* rules/citations.c - the citation family: hands the reference list of
 * the schema's `citations: apa7` section and the body's [n] markers to
 * the APA 7 checker (citation.c). */
#include <stdlib.h>
#include <string.h>

#include "cite/citation.h"
#include "parse/document.h"
#include "rules/internal.h"
#include "rules/rules.h"
#include "util/common.h"

typedef struct {
	ml_cite_marker *items;
	size_t len, cap;
	int failed;
} marker_list;

static void on_marker(void *ctx, int number, int line, int column)
{
	marker_list *m = ctx;

	if (ml_grow((void **)&m->items, &m->cap, m->len + 1,
		    sizeof(*m->items))) {
		m->failed = 1;
		return;
	}
	m->items[m->len].number = number;
	m->items[m->len].line = line;
	m->items[m->len].column = column;
	m->len++;
}

/* Is section `s` the reference list or inside it? */
static int in_section(const ml_document *d, int s, int refs)
{
	while (s >= 0 && s != refs)
		s = d->headings[s].parent;
	return s == refs && refs >= 0;
}

/* Markers from the prose: paragraphs' raw source, so "[1]" is seen
 * whole even where cmark splits it into several text nodes. */
static int scan_markers(const ml_document *d, int refs, int list,
			marker_list *m)
{
	int from = 0, to = -1; /* lines of a reference list found as a list */
	size_t i;
	int rc;

	if (list >= 0) {
		const ml_list *l = &d->lists[list];
		from = l->line;
		to = d->items[l->first_item + l->nitems - 1].end_line;
	}
	for (i = 0; i < d->nparagraphs; i++) {
		const ml_paragraph *p = &d->paragraphs[i];
		if (in_section(d, p->section, refs) ||
		    (p->line >= from && p->line <= to))
			continue;
		rc = ml_citation_scan_markers(p->src, p->src_len, p->line,
					      p->column, on_marker, m);
		if (rc || m->failed)
			return ML_ENOMEM;
	}
	return ML_OK;
}

/* One entry of a reference list written as paragraphs: "[3] Smith, J."
 * keeps its number, others are numbered in order. */
static void para_entry(ml_ref_entry *e, const char *src, size_t len, int line,
		       int column, long offset, int number)
{
	size_t k = 0;
	int n = 0;

	if (len > 3 && src[0] == '[') {
		for (k = 1; k < len && k < 5 && src[k] >= '0' && src[k] <= '9';
		     k++)
			n = n * 10 + (src[k] - '0');
		if (k > 1 && k + 1 < len && src[k] == ']' && src[k + 1] == ' ')
			k += 2;
		else
			k = n = 0;
	}
	e->number = n ? n : number;
	e->src = src + k;
	e->len = len - k;
	e->line = line;
	e->column = column + (int)k;
	e->offset = offset + (long)k;
}

/* A hard line break ("  " or "\\" before the newline) ends an entry in
 * a paragraph of references. */
static size_t entry_end(const char *s, size_t a, size_t len)
{
	size_t p;

	for (p = a; p < len; p++)
		if (s[p] == '\n' &&
		    ((p >= a + 2 && s[p - 1] == ' ' && s[p - 2] == ' ') ||
		     (p > a && s[p - 1] == '\\')))
			return p;
	return len;
}

/* The reference section holds no list: every paragraph in it (but an
 * introduction ending in ':') is an entry, or several when hard line
 * breaks separate them, so a list written as paragraphs is checked too. */
ML_WARN_UNUSED static int para_entries(const ml_document *d, int refs,
				       ml_ref_entry **out, size_t *n)
{
	size_t i, cap = 0, a, b;

	for (i = 0; i < d->nparagraphs; i++)
		if (d->paragraphs[i].section == refs)
			cap += 1 + d->paragraphs[i].src_len / 16;
	if (cap == 0)
		return ML_OK;
	*out = calloc(cap, sizeof(ml_ref_entry));
	if (!*out)
		return ML_ENOMEM;
	for (i = 0; i < d->nparagraphs; i++) {
		const ml_paragraph *p = &d->paragraphs[i];
		int line = p->line;

		if (p->section != refs ||
		    (p->flags & (ML_IN_LIST | ML_IN_QUOTE)) ||
		    (p->len > 0 && p->text[p->len - 1] == ':'))
			continue;
		for (a = 0; a < p->src_len && *n < cap; a = b + 1) {
			size_t e, k;

			b = entry_end(p->src, a, p->src_len);
			e = b;
			while (e > a &&
			       (p->src[e - 1] == ' ' || p->src[e - 1] == '\\' ||
				p->src[e - 1] == '\r'))
				e--;
			if (e > a) {
				int number = (int)*n + 1;

				para_entry(&(*out)[*n], p->src + a, e - a, line,
					   a == 0 ? p->column : 1,
					   p->offset + (long)a, number);
				(*n)++;
			}
			for (k = a; k <= b && k < p->src_len; k++)
				line += p->src[k] == '\n';
		}
	}
	return ML_OK;
}

/* The items of the first list directly in the reference section, or of
 * list `only` (>= 0) when the section was found as a list; else the
 * section's paragraphs (para_entries). */
ML_WARN_UNUSED static int collect_entries(const ml_document *d, int refs,
					  int only, ml_ref_entry **out,
					  size_t *n)
{
	size_t i, k;

	*out = NULL;
	*n = 0;
	for (i = 0; i < d->nlists; i++) {
		const ml_list *l = &d->lists[i];
		if (only >= 0 ? (int)i != only
			      : (l->section != refs ||
				 (l->flags & (ML_IN_LIST | ML_IN_QUOTE))))
			continue;
		*out = calloc(l->nitems ? l->nitems : 1, sizeof(ml_ref_entry));
		if (!*out)
			return ML_ENOMEM; /* never "no entries" */
		for (k = 0; k < l->nitems; k++) {
			const ml_list_item *it = &d->items[l->first_item + k];
			(*out)[k].number = it->number;
			(*out)[k].src = it->src;
			(*out)[k].len = it->len;
			(*out)[k].line = it->line;
			(*out)[k].column = it->column;
			(*out)[k].offset = it->offset;
		}
		*n = l->nitems;
		return ML_OK;
	}
	return only >= 0 || refs < 0 ? ML_OK : para_entries(d, refs, out, n);
}

/* The schema's reference section: where it is (refs, or list when it was
 * found as a list); NULL when the schema has none or it is missing. */
static const ml_section_spec *ref_section(const ml_article *a, int *refs,
					  int *list)
{
	const ml_profile *p = a->profile;
	size_t i;

	*refs = *list = -1;
	if (!a->doc || !a->sections)
		return NULL;
	for (i = 0; i < p->nsections; i++)
		if (p->sections[i].citations_apa7) {
			*refs = a->sections->first[i];
			*list = *refs < 0 ? a->sections->list[i] : -1;
			return *refs < 0 && *list < 0 ? NULL : &p->sections[i];
		}
	return NULL;
}

int ml_rules_ref_entries(const ml_article *a, ml_ref_entry **out, size_t *n)
{
	int refs, list;

	*out = NULL;
	*n = 0;
	if (!ref_section(a, &refs, &list))
		return ML_OK;
	return collect_entries(a->doc, refs, list, out, n);
}

int ml_rules_ref_heading(const ml_article *a, int *list)
{
	int refs;

	ref_section(a, &refs, list);
	return refs;
}

static const ml_ref_kind ref_kinds[] = { ML_REF_DOI, ML_REF_PMID,
					 ML_REF_PMCID };

static int add_ids(const ml_cite_meta *m, int entry, ml_ref_id_list *out)
{
	ml_ref_id r;
	size_t i;
	int rc = ML_OK;

	for (i = 0; i < m->nids && !rc; i++) {
		const ml_cite_id *id = &m->ids[i];
		memset(&r, 0, sizeof(r));
		r.kind = ref_kinds[id->kind];
		r.id = (char *)id->value;
		r.title = (char *)m->title;
		r.first_author = (char *)m->first_author;
		r.year = m->year;
		r.entry = entry;
		r.line = id->line;
		r.column = id->column;
		r.end_line = id->end_line;
		r.end_column = id->end_column;
		rc = ml_ref_id_list_add(out, &r);
	}
	return rc;
}

int ml_collect_ref_ids(const ml_article *a, ml_ref_id_list *out)
{
	ml_ref_entry *entries = NULL;
	ml_cite_meta *m;
	size_t i, n = 0;
	int refs, list, rc;

	if (!ref_section(a, &refs, &list))
		return ML_OK;
	if (!(m = malloc(sizeof(*m))))
		return ML_ENOMEM;
	rc = collect_entries(a->doc, refs, list, &entries, &n);
	for (i = 0; i < n && !rc; i++) {
		rc = ml_citation_extract(&entries[i], m);
		if (!rc)
			rc = add_ids(m, (int)i, out);
	}
	free(entries);
	free(m);
	return rc;
}

int ml_check_citations(const ml_article *a, ml_findings *out,
		       ml_link_list *links)
{
	const ml_profile *p = a->profile;
	ml_cite_opts o = { p->proper_nouns, p->nproper_nouns,
			   p->double_hyphen_dash };
	marker_list m = { NULL, 0, 0, 0 };
	ml_ref_entry *entries = NULL;
	size_t i, n = 0;
	int refs = -1, list = -1, rc = ML_OK;
	const ml_section_spec *spec = ref_section(a, &refs, &list);

	if (!spec)
		return ML_OK; /* section-missing says so */
	rc = collect_entries(a->doc, refs, list, &entries, &n);
	for (i = 0; i < n && !rc; i++)
		rc = ml_citation_check_entry(&entries[i], &o, out);
	if (!rc)
		rc = scan_markers(a->doc, refs, list, &m);
	if (!rc)
		rc = ml_citation_check_list(entries, n, m.items, m.len,
					    spec->order, out);
	free(entries);
	free(m.items);
	return rc;
}
