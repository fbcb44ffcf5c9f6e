/* rules/citations.c - the citation family: hands the reference list of
 * the schema's `citations:` section and the body's [n] markers to the
 * reference checker (cite/), and GFM footnotes ([^n] markers, "[^n]: "
 * definitions) as a second list, checked in the same style. A "[1]"
 * that Markdown reads as a link (a link reference definition "[1]: url"
 * exists) is a link, never a marker. */
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
	const ml_document *doc;
} marker_list;

/* Does a reference link ("[1]" with a definition "[1]: url") start at
 * line:column? Then the brackets are Markdown's, not a citation. */
static int link_use_at(const ml_document *d, int line, int column)
{
	size_t i;

	for (i = 0; i < d->nlinks; i++)
		if (d->links[i].kind == ML_LINK_REFERENCE &&
		    d->links[i].line == line && d->links[i].column == column)
			return 1;
	return 0;
}

static ml_cite_marker *add_marker(marker_list *m, int line, int column)
{
	ml_cite_marker *k;

	if (link_use_at(m->doc, line, column))
		return NULL;
	if (ml_grow((void **)&m->items, &m->cap, m->len + 1,
		    sizeof(*m->items))) {
		m->failed = 1;
		return NULL;
	}
	k = &m->items[m->len++];
	memset(k, 0, sizeof(*k));
	k->line = line;
	k->column = column;
	return k;
}

static void on_marker(void *ctx, int number, int line, int column)
{
	ml_cite_marker *k = add_marker(ctx, line, column);

	if (k)
		k->number = number;
}

static void on_footnote(void *ctx, const char *label, size_t label_len,
			int line, int column)
{
	ml_cite_marker *k = add_marker(ctx, line, column);

	if (k) {
		k->label = label;
		k->label_len = label_len;
	}
}

/* "[1]: https://…" (a link reference definition cmark did not take, or
 * a list item holding one): never an entry. */
static int refdef_like(const char *s, size_t len)
{
	size_t k;

	if (len < 4 || s[0] != '[')
		return 0;
	for (k = 1; k < len && s[k] != ']' && s[k] != '\n'; k++)
		;
	return k + 1 < len && s[k] == ']' && s[k + 1] == ':';
}

/* An item's source may run on over link reference definitions after
 * it (cmark drops them from the tree, not from the text): cut it at the
 * first line that is one. */
static size_t before_refdefs(const char *s, size_t len)
{
	size_t k, e;

	for (k = 0; k < len; k++) {
		if (s[k] != '\n')
			continue;
		for (e = k + 1; e < len && e < k + 4 && s[e] == ' '; e++)
			;
		if (refdef_like(s + e, len - e)) {
			while (k > 0 && (s[k - 1] == '\n' || s[k - 1] == ' ' ||
					 s[k - 1] == '\r'))
				k--;
			return k;
		}
	}
	return len;
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
		    (p->len > 0 && p->text[p->len - 1] == ':') ||
		    refdef_like(p->src, p->src_len))
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
			ml_ref_entry *e = &(*out)[*n];
			if (refdef_like(it->src, it->len))
				continue;
			e->number = it->number;
			e->src = it->src;
			e->len = before_refdefs(it->src, it->len);
			e->line = it->line;
			e->column = it->column;
			e->offset = it->offset;
			(*n)++;
		}
		return ML_OK;
	}
	return only >= 0 || refs < 0 ? ML_OK : para_entries(d, refs, out, n);
}

/* The schema's reference section (the first with `citations:`): where
 * it is (refs, or list when it was found as a list; both -1 when it is
 * missing); NULL when the schema has none. */
static const ml_section_spec *cite_spec(const ml_article *a, int *refs,
					int *list)
{
	const ml_profile *p = a->profile;
	size_t i;

	*refs = *list = -1;
	if (!a->doc || !a->sections)
		return NULL;
	for (i = 0; i < p->nsections; i++)
		if (p->sections[i].citations != ML_CITE_NONE) {
			*refs = a->sections->first[i];
			*list = *refs < 0 ? a->sections->list[i] : -1;
			return &p->sections[i];
		}
	return NULL;
}

/* The same, NULL when the section is missing too. */
static const ml_section_spec *ref_section(const ml_article *a, int *refs,
					  int *list)
{
	const ml_section_spec *s = cite_spec(a, refs, list);

	return *refs < 0 && *list < 0 ? NULL : s;
}

/* GFM footnote definitions: top-level paragraphs "[^label]: text". */
ML_WARN_UNUSED static int footnote_defs(const ml_document *d,
					ml_ref_entry **out, size_t *n)
{
	size_t i, cap = 0, off, ll, k;

	*out = NULL;
	*n = 0;
	for (i = 0; i < d->nparagraphs; i++) {
		const ml_paragraph *p = &d->paragraphs[i];
		ml_ref_entry *e;
		if ((p->flags & (ML_IN_LIST | ML_IN_QUOTE)) ||
		    !(off = ml_footnote_def(p->src, p->src_len, &ll)))
			continue;
		if (ml_grow((void **)out, &cap, *n + 1, sizeof(**out)))
			return ML_ENOMEM;
		e = &(*out)[(*n)++];
		memset(e, 0, sizeof(*e));
		e->number = (int)*n;
		e->label = p->src + 2;
		e->label_len = ll;
		e->src = p->src + off;
		e->len = p->src_len - off;
		e->line = p->line;
		e->column = p->column + (int)off;
		for (k = 0; k < off; k++)
			if (p->src[k] == '\n') {
				e->line++;
				e->column = (int)(off - k);
			}
		e->offset = p->offset + (long)off;
	}
	return ML_OK;
}

/* Footnotes as citations: the definitions that read as references are
 * checked as entries; markers against definitions by label. */
ML_WARN_UNUSED static int
check_footnotes(const ml_article *a, const ml_cite_opts *o, ml_findings *out)
{
	const ml_document *d = a->doc;
	marker_list m = { NULL, 0, 0, 0, d };
	ml_ref_entry *defs = NULL;
	size_t i, n = 0;
	int rc = footnote_defs(d, &defs, &n);

	for (i = 0; i < n && !rc; i++)
		if (ml_citation_reads_as_entry(defs[i].src, defs[i].len))
			rc = ml_citation_check_entry(&defs[i], o, out);
	for (i = 0; i < d->nparagraphs && !rc; i++) {
		const ml_paragraph *p = &d->paragraphs[i];
		rc = ml_footnote_scan_markers(p->src, p->src_len, p->line,
					      p->column, on_footnote, &m);
		if (!rc && m.failed)
			rc = ML_ENOMEM;
	}
	if (!rc && (n || m.len))
		rc = ml_citation_check_footnotes(defs, n, m.items, m.len, out);
	free(defs);
	free(m.items);
	return rc;
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
	return ml_check_citations_age(a, 0, out, links);
}

int ml_check_citations_age(const ml_article *a, int age, ml_findings *out,
			   ml_link_list *links)
{
	const ml_profile *p = a->profile;
	ml_cite_opts o = { p->proper_nouns, p->nproper_nouns,
			   p->double_hyphen_dash, ML_CITE_APA7 };
	marker_list m = { NULL, 0, 0, 0, a->doc };
	ml_ref_entry *entries = NULL;
	size_t i, n = 0;
	int refs = -1, list = -1, rc = ML_OK;
	const ml_section_spec *spec = cite_spec(a, &refs, &list);

	if (!spec)
		return ML_OK;
	o.style = spec->citations;
	rc = check_footnotes(a, &o, out);
	if (rc || (refs < 0 && list < 0))
		return rc; /* section-missing says so */
	rc = collect_entries(a->doc, refs, list, &entries, &n);
	for (i = 0; i < n && !rc; i++) {
		int year;

		rc = ml_citation_check_entry_year(&entries[i], &o, out, &year);
		if (!rc && age)
			rc = ml_citeage_entry(a, &entries[i], year, out);
	}
	if (!rc)
		rc = scan_markers(a->doc, refs, list, &m);
	if (!rc)
		rc = ml_citation_check_list(entries, n, m.items, m.len,
					    spec->order, out);
	free(entries);
	free(m.items);
	return rc;
}
