/* cite/probe.c - does a piece of Markdown read as a reference at all,
 * and GFM footnotes as citations: the "[^label]" markers, the
 * "[^label]: text" definitions and their list-level checks (undefined,
 * unused, duplicate), by label. */
#include "cite/internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/common.h"

int ml_citation_reads_as_entry(const char *src, size_t len)
{
	pcre2_match_data *md;
	int yes;

	if (len == 0)
		return 0;
	if (!(md = cite_re_md()))
		return 0;
	yes = cite_re_match(CITE_RE_PROBE_ID, src, len, md) > 0 ||
	      (cite_re_match(CITE_RE_PROBE_YEAR, src, len, md) > 0 &&
	       cite_re_match(CITE_RE_PROBE_SHAPE, src, len, md) > 0);
	pcre2_match_data_free(md);
	return yes;
}

/* The label of "[^label]" at s[p] (p at '['): its length, 0 when none.
 * GFM: no white space, no brackets, at most 999 bytes. */
static size_t fn_label(const char *s, size_t len, size_t p)
{
	size_t k;

	if (p + 3 >= len || s[p] != '[' || s[p + 1] != '^')
		return 0;
	for (k = p + 2; k < len && k - p - 2 < 999; k++) {
		if (s[k] == ']')
			return k > p + 2 ? k - p - 2 : 0;
		if (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' ||
		    s[k] == '\r' || s[k] == '[')
			return 0;
	}
	return 0;
}

size_t ml_footnote_def(const char *src, size_t len, size_t *label_len)
{
	size_t n = fn_label(src, len, 0), p;

	*label_len = 0;
	if (!n || 3 + n >= len || src[3 + n] != ':')
		return 0;
	for (p = 4 + n; p < len && (src[p] == ' ' || src[p] == '\t' ||
				    src[p] == '\n' || src[p] == '\r');
	     p++)
		;
	*label_len = n;
	return p;
}

int ml_footnote_scan_markers(const char *text, size_t len, int line, int column,
			     void (*cb)(void *ctx, const char *label,
					size_t label_len, int line, int column),
			     void *ctx)
{
	size_t p = 0, n, seen = 0, ls = 0;
	const char *hit;
	int first = 1;

	/* most paragraphs have no '[': memchr, and lines counted only up
	 * to a marker */
	while (p < len && (hit = memchr(text + p, '[', len - p))) {
		p = (size_t)(hit - text);
		n = p + 1 < len && text[p + 1] == '^' &&
				    (p == 0 || text[p - 1] != '\\')
			    ? fn_label(text, len, p)
			    : 0;
		if (!n || (p == 0 && 3 + n < len && text[3 + n] == ':')) {
			p += n ? 3 + n : 1; /* a definition is no marker */
			continue;
		}
		for (; seen < p; seen++)
			if (text[seen] == '\n') {
				line++;
				ls = seen + 1;
				first = 0;
			}
		cb(ctx, text + p + 2, n, line,
		   first ? column + (int)p : (int)(p - ls) + 1);
		p += 3 + n;
	}
	return ML_OK;
}

static int same_label(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i;

	if (an != bn)
		return 0;
	for (i = 0; i < an; i++) {
		char x = a[i], y = b[i];
		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return 0;
	}
	return 1;
}

static int fn_defined(const ml_ref_entry *en, size_t n, const char *label,
		      size_t label_len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (same_label(en[i].label, en[i].label_len, label, label_len))
			return 1;
	return 0;
}

static int fn_cited(const ml_cite_marker *m, size_t nm, const char *label,
		    size_t label_len)
{
	size_t i;

	for (i = 0; i < nm; i++)
		if (same_label(m[i].label, m[i].label_len, label, label_len))
			return 1;
	return 0;
}

/* Labels are echoed cut to 40 bytes; findings escape what they print. */
#define SHOWN(n) ((int)((n) > 40 ? 40 : (n)))

int ml_citation_check_footnotes(const ml_ref_entry *en, size_t n,
				const ml_cite_marker *m, size_t nm,
				ml_findings *out)
{
	size_t i;

	for (i = 0; i < nm; i++) {
		if (fn_defined(en, n, m[i].label, m[i].label_len))
			continue;
		if (!ml_findings_add(out, ML_RULE_CITATION_UNDEFINED, m[i].line,
				     m[i].column,
				     "[^%.*s] cites no footnote: the page has "
				     "no definition [^%.*s]: …",
				     SHOWN(m[i].label_len), m[i].label,
				     SHOWN(m[i].label_len), m[i].label))
			return ML_ENOMEM;
	}
	for (i = 0; i < n; i++) {
		const ml_ref_entry *e = &en[i];
		ml_rule rule = ML_RULE_CITATION_UNUSED;
		int col = e->column - (int)(e->src - e->label + 2);
		int dup = i > 0 && fn_defined(en, i, e->label, e->label_len);

		if (!dup && fn_cited(m, nm, e->label, e->label_len))
			continue;
		if (dup)
			rule = ML_RULE_CITATION_DUPLICATE;
		/* at the definition's '[' (when its text is on its line) */
		if (!ml_findings_add(out, rule, e->line, col > 0 ? col : 1,
				     dup ? "footnote [^%.*s] is defined twice: "
					   "GitHub shows the first; keep one"
					 : "footnote [^%.*s] is never cited: "
					   "cite it as [^%.*s] or remove it",
				     SHOWN(e->label_len), e->label,
				     SHOWN(e->label_len), e->label))
			return ML_ENOMEM;
	}
	return ML_OK;
}
