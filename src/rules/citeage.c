/* rules/citeage.c - citation-age: a reference whose year is more than the
 * schema's citation_max_age_years before today, unless its type is on
 * citation_age_allow. The year comes from the citation parser
 * (ml_citation_extract); the type from marks any style writes. */
#include <stdlib.h>
#include <string.h>

#include "cite/citation.h"
#include "rules/internal.h"
#include "rules/rules.h"

static int has(const char *s, size_t n, const char *what)
{
	size_t k = strlen(what);
	const char *p = s, *end = s + n;

	while (k && (size_t)(end - p) >= k &&
	       (p = memchr(p, what[0], (size_t)(end - p) - k + 1)) != NULL) {
		if (!memcmp(p, what, k))
			return 1;
		p++;
	}
	return 0;
}

/* A journal volume as APA "*12*(3)", Vancouver "2005;293(17):" or a
 * bare "12(3)". */
static int volume_issue(const char *s, size_t n)
{
	size_t i, k;

	for (i = 0; i + 3 < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			continue;
		for (k = i;
		     k < n && ((s[k] >= '0' && s[k] <= '9') || s[k] == '*');
		     k++)
			;
		if (k < n && s[k] == '(' && k + 1 < n && s[k + 1] >= '0' &&
		    s[k + 1] <= '9')
			return 1;
		i = k;
	}
	return 0;
}

/* book, chapter, journal, web or other. */
static const char *ref_type(const ml_ref_entry *e)
{
	const char *s = e->src;
	size_t n = e->len;

	if ((has(s, n, " In ") || !strncmp(s, "In ", 3)) &&
	    (has(s, n, "(Ed.)") || has(s, n, "(Eds.)") || has(s, n, " eds.") ||
	     has(s, n, " editors.") || has(s, n, " ed.")))
		return "chapter";
	if (has(s, n, "doi.org/") || has(s, n, "doi:") || has(s, n, "DOI:") ||
	    volume_issue(s, n))
		return "journal";
	if (has(s, n, "ISBN") || has(s, n, " ed.)") || has(s, n, " ed.") ||
	    has(s, n, "edition") || has(s, n, "Press") ||
	    has(s, n, "Publisher"))
		return "book";
	if (has(s, n, "http://") || has(s, n, "https://") || has(s, n, "www."))
		return "web";
	return "other";
}

static int allowed(const ml_profile *p, const char *type)
{
	size_t i;

	for (i = 0; i < p->ncitation_age_allow; i++)
		if (!strcmp(p->citation_age_allow[i], type))
			return 1;
	return 0;
}

/* "%d" of v at s (room for 12 bytes): the bytes written. */
static size_t put_int(char *s, int v)
{
	char d[12];
	size_t n = 0, k;
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;

	do
		d[n++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	k = 0;
	if (v < 0)
		s[k++] = '-';
	while (n)
		s[k++] = d[--n];
	return k;
}

/* t at s, with its NUL (the next write goes over it): its length. */
static size_t put_str(char *s, const char *t)
{
	size_t n = strlen(t);

	memcpy(s, t, n + 1);
	return n;
}

/* Where the year is in the entry: its line and column (the entry's
 * start when it cannot be found). */
static void year_pos(const ml_ref_entry *e, int year, int *line, int *col)
{
	char y[12];
	size_t k = put_int(y, year), i, bol = 0;
	int l = e->line;

	*line = e->line, *col = e->column;
	for (i = 0; i + k <= e->len; i++) {
		if (e->src[i] == '\n') {
			l++, bol = i + 1;
			continue;
		}
		if (memcmp(e->src + i, y, k) != 0 ||
		    (i > 0 && e->src[i - 1] >= '0' && e->src[i - 1] <= '9') ||
		    (i + k < e->len && e->src[i + k] >= '0' &&
		     e->src[i + k] <= '9'))
			continue;
		*line = l;
		*col = l == e->line ? e->column + (int)i : (int)(i - bol) + 1;
		return;
	}
}

/* citation-age on for this article: the schema sets an age and the run
 * a date. */
static int age_on(const ml_article *a)
{
	return a->doc && a->profile->citation_max_age_years && a->opts &&
	       a->opts->today_y;
}

int ml_citeage_entry(const ml_article *a, const ml_ref_entry *e, int year,
		     ml_findings *out)
{
	const ml_profile *p = a->profile;
	int rc, line, col, age;
	const char *type;
	ml_finding *fd;
	char msg[320];
	size_t k;

	if (!age_on(a))
		return ML_OK;
	if (year < 0) {
		ml_cite_meta *m = malloc(sizeof(*m));

		if (!m)
			return ML_ENOMEM;
		rc = ml_citation_extract(e, m);
		year = m->year;
		free(m);
		if (rc)
			return rc;
	}
	if (!year)
		return ML_OK;
	age = a->opts->today_y - year;
	if (age <= p->citation_max_age_years)
		return ML_OK;
	type = ref_type(e);
	if (allowed(p, type))
		return ML_OK;
	year_pos(e, year, &line, &col);
	/* "reference %d (%s, %d) is %d years old, over the schema's
	 * citation_max_age_years of %d: ..." written here: printf costs
	 * more than the rest of the rule */
	k = put_str(msg, "reference ");
	k += put_int(msg + k, e->number);
	k += put_str(msg + k, " (");
	k += put_str(msg + k, type);
	k += put_str(msg + k, ", ");
	k += put_int(msg + k, year);
	k += put_str(msg + k, ") is ");
	k += put_int(msg + k, age);
	k += put_str(msg + k, " years old, over the schema's "
			      "citation_max_age_years of ");
	k += put_int(msg + k, p->citation_max_age_years);
	k += put_str(msg + k, ": cite a current source, or keep a classic "
			      "work with <!-- medlint-disable-line "
			      "citation-age --> on its line");
	msg[k] = '\0';
	fd = ml_findings_add(out, ML_RULE_CITATION_AGE, line, col, "%s", msg);
	if (!fd)
		return ML_ENOMEM;
	fd->end_line = line;
	fd->end_column = col + 4;
	return ML_OK;
}

int ml_check_citation_age(const ml_article *a, ml_findings *out,
			  ml_link_list *links)
{
	ml_ref_entry *entries = NULL;
	size_t i, n = 0;
	int rc;

	(void)links;
	if (!age_on(a))
		return ML_OK;
	rc = ml_rules_ref_entries(a, &entries, &n);
	for (i = 0; !rc && i < n; i++)
		rc = ml_citeage_entry(a, &entries[i], -1, out);
	free(entries);
	return rc;
}
