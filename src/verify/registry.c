/* verify/registry.c - Crossref and esummary JSON read with jansson, and
 * the title and surname comparisons of reference verification. */
#include "verify/registry.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/common.h"

#define FOLD_MAX 1024 /* folded bytes compared; titles are far shorter */

static void notice_dispose(ml_notice *n)
{
	free(n->kind);
	free(n->id);
	free(n->date);
	memset(n, 0, sizeof(*n));
}

void ml_work_dispose(ml_work *w)
{
	free(w->title);
	free(w->subtitle);
	free(w->first_author);
	free(w->journal);
	free(w->why);
	notice_dispose(&w->retraction);
	notice_dispose(&w->update);
	memset(w, 0, sizeof(*w));
}

static int copy_str(char **dst, const char *s)
{
	*dst = ml_strdup(s ? s : "");
	return *dst ? ML_OK : ML_ENOMEM;
}

static int notice_copy(ml_notice *d, const ml_notice *s)
{
	int rc = copy_str(&d->kind, s->kind);

	if (!rc)
		rc = copy_str(&d->id, s->id);
	if (!rc)
		rc = copy_str(&d->date, s->date);
	return rc;
}

int ml_work_copy(ml_work *d, const ml_work *s)
{
	int rc;

	memset(d, 0, sizeof(*d));
	d->state = s->state;
	d->nauthors = s->nauthors;
	memcpy(d->years, s->years, sizeof(d->years));
	d->retracted = s->retracted;
	d->updated = s->updated;
	rc = copy_str(&d->title, s->title);
	if (!rc)
		rc = copy_str(&d->subtitle, s->subtitle);
	if (!rc)
		rc = copy_str(&d->first_author, s->first_author);
	if (!rc)
		rc = copy_str(&d->journal, s->journal);
	if (!rc && s->why)
		rc = copy_str(&d->why, s->why);
	if (!rc && s->retracted)
		rc = notice_copy(&d->retraction, &s->retraction);
	if (!rc && s->updated)
		rc = notice_copy(&d->update, &s->update);
	if (rc)
		ml_work_dispose(d);
	return rc;
}

int ml_work_year(const ml_work *w)
{
	size_t i;

	for (i = 0; i < ML_ARRAY_LEN(w->years); i++)
		if (w->years[i])
			return w->years[i];
	return 0;
}

/* --- small JSON helpers -------------------------------------------------- */

static const char *str_of(const json_t *v)
{
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The first string of an array of strings (Crossref's title: ["..."]),
 * or the string itself. */
static const char *first_str(const json_t *v)
{
	if (json_is_array(v))
		return str_of(json_array_get(v, 0));
	return str_of(v);
}

static int set(char **dst, const char *s)
{
	free(*dst);
	*dst = ml_strdup(s ? s : "");
	return *dst ? ML_OK : ML_ENOMEM;
}

static int set_why(ml_work *w, ml_work_state st, const char *why)
{
	w->state = st;
	return set(&w->why, why);
}

/* Crossref dates: {"date-parts": [[2019, 3, 1]]}. */
static int date_parts(const json_t *d, int *y, int *m, int *day)
{
	const json_t *p = json_array_get(json_object_get(d, "date-parts"), 0);

	*y = *m = *day = 0;
	if (!json_is_integer(json_array_get(p, 0)))
		return 0;
	*y = (int)json_integer_value(json_array_get(p, 0));
	if (json_is_integer(json_array_get(p, 1)))
		*m = (int)json_integer_value(json_array_get(p, 1));
	if (json_is_integer(json_array_get(p, 2)))
		*day = (int)json_integer_value(json_array_get(p, 2));
	return *y > 0;
}

static int date_text(const json_t *d, char **out)
{
	char buf[32] = "";
	int y, m, day;

	if (date_parts(d, &y, &m, &day)) {
		if (day)
			(void)snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m,
				       day);
		else if (m)
			(void)snprintf(buf, sizeof(buf), "%04d-%02d", y, m);
		else
			(void)snprintf(buf, sizeof(buf), "%04d", y);
	}
	return set(out, buf);
}

/* --- Crossref ------------------------------------------------------------ */

static int is_retraction(const char *t)
{
	return strcasecmp(t, "retraction") == 0 ||
	       strcasecmp(t, "withdrawal") == 0 ||
	       strcasecmp(t, "removal") == 0;
}

static int is_update(const char *t)
{
	static const char *const kinds[] = {
		"correction",	      "erratum",
		"corrigendum",	      "expression_of_concern",
		"addendum",	      "clarification",
		"partial_retraction", "new_edition",
		"new_version"
	};
	size_t i;

	for (i = 0; i < ML_ARRAY_LEN(kinds); i++)
		if (strcasecmp(t, kinds[i]) == 0)
			return 1;
	return 0;
}

static int notice_from(const json_t *u, const char *type, ml_notice *n)
{
	char kind[64];
	size_t i;
	int rc;

	(void)snprintf(kind, sizeof(kind), "%s", type);
	for (i = 0; kind[i]; i++)
		if (kind[i] == '_')
			kind[i] = ' ';
	rc = set(&n->kind, kind);
	if (!rc)
		rc = set(&n->id, str_of(json_object_get(u, "DOI")));
	if (!rc)
		rc = date_text(json_object_get(u, "updated"), &n->date);
	return rc;
}

/* "updated-by" (notices about this work, Retraction Watch included) and
 * "relation" is-retracted-by; the first retraction and the first other
 * update are kept. */
static int crossref_updates(const json_t *msg, ml_work *w)
{
	const json_t *ub = json_object_get(msg, "updated-by"), *u;
	size_t i;
	int rc = ML_OK;

	json_array_foreach(ub, i, u)
	{
		const char *t = str_of(json_object_get(u, "type"));
		if (!t || rc)
			continue;
		if (is_retraction(t) && !w->retracted) {
			w->retracted = 1;
			rc = notice_from(u, t, &w->retraction);
		} else if (is_update(t) && !w->updated) {
			w->updated = 1;
			rc = notice_from(u, t, &w->update);
		}
	}
	return rc;
}

static const char *crossref_surname(const json_t *authors)
{
	const json_t *a;
	size_t i;

	json_array_foreach(authors, i, a)
	{
		const char *seq = str_of(json_object_get(a, "sequence"));
		if (seq && strcmp(seq, "first") != 0)
			continue;
		return str_of(json_object_get(a, "family"));
	}
	return str_of(json_object_get(json_array_get(authors, 0), "family"));
}

static void crossref_years(const json_t *msg, ml_work *w)
{
	static const char *const keys[] = { "issued", "published-print",
					    "published-online" };
	size_t i;
	int m, d;

	for (i = 0; i < ML_ARRAY_LEN(keys); i++)
		(void)date_parts(json_object_get(msg, keys[i]), &w->years[i],
				 &m, &d);
}

int ml_registry_crossref(const char *body, size_t len, ml_work *w)
{
	json_error_t jerr;
	json_t *root = json_loadb(body, len, 0, &jerr);
	const json_t *msg = json_object_get(root, "message");
	int rc;

	if (!root || !json_is_object(msg) ||
	    !json_is_string(json_object_get(msg, "DOI"))) {
		json_decref(root);
		return set_why(w, ML_WORK_TROUBLE,
			       "the answer is not a Crossref work (malformed "
			       "JSON)");
	}
	w->state = ML_WORK_FOUND;
	rc = set(&w->title, first_str(json_object_get(msg, "title")));
	if (!rc)
		rc = set(&w->subtitle,
			 first_str(json_object_get(msg, "subtitle")));
	if (!rc)
		rc = set(&w->first_author,
			 crossref_surname(json_object_get(msg, "author")));
	w->nauthors = (int)json_array_size(json_object_get(msg, "author"));
	if (!rc)
		rc = set(&w->journal,
			 first_str(json_object_get(msg, "container-title")));
	crossref_years(msg, w);
	if (!rc)
		rc = crossref_updates(msg, w);
	json_decref(root);
	return rc;
}

int ml_registry_agency(const char *body, size_t len, ml_work *w)
{
	json_error_t jerr;
	json_t *root = json_loadb(body, len, 0, &jerr);
	const json_t *ag =
		json_object_get(json_object_get(root, "message"), "agency");
	const char *id = str_of(json_object_get(ag, "id"));
	const char *label = str_of(json_object_get(ag, "label"));
	int rc = ML_OK;

	/* An agency without a name says nothing a note could repeat. */
	if (!id || !*id)
		rc = set_why(w, ML_WORK_TROUBLE,
			     "the answer is not a Crossref agency message "
			     "(malformed JSON or no agency id)");
	else if (strcasecmp(id, "crossref") != 0)
		rc = set_why(w, ML_WORK_ELSEWHERE,
			     label && *label ? label : id);
	json_decref(root);
	return rc;
}

/* --- esummary ------------------------------------------------------------ */

static int year_in(const char *s)
{
	int y = 0, k = 0;

	for (; s && *s && k < 4; s++) {
		if (*s < '0' || *s > '9') {
			if (k)
				return 0;
			continue;
		}
		y = y * 10 + (*s - '0');
		k++;
	}
	return k == 4 ? y : 0;
}

/* "Smith JA" -> "Smith"; "van der Berg J" -> "van der Berg". */
static int pubmed_surname(const json_t *authors, char **out)
{
	const char *name =
		str_of(json_object_get(json_array_get(authors, 0), "name"));
	const char *sp = name ? strrchr(name, ' ') : NULL;
	size_t n, k;

	if (!name)
		return set(out, "");
	n = strlen(name);
	if (sp) {
		for (k = 1; sp[k] >= 'A' && sp[k] <= 'Z'; k++)
			;
		if (sp[k] == '\0' && k - 1 <= 4)
			n = (size_t)(sp - name);
	}
	free(*out);
	*out = ml_strndup(name, n);
	return *out ? ML_OK : ML_ENOMEM;
}

static int has_pubtype(const json_t *doc, const char *type)
{
	const json_t *t;
	size_t i;

	json_array_foreach(json_object_get(doc, "pubtype"), i,
			   t) if (str_of(t) &&
				  strcasecmp(str_of(t), type) == 0) return 1;
	return 0;
}

/* A reference of the DocSum ("Retraction in", "Erratum in", ...). */
static int pubmed_notice(const json_t *doc, const char *const *types,
			 size_t ntypes, const char *kind, ml_notice *n)
{
	const json_t *r;
	char id[64] = "";
	size_t i, k;
	int rc;

	json_array_foreach(json_object_get(doc, "references"), i, r)
	{
		const char *t = str_of(json_object_get(r, "reftype"));
		for (k = 0; t && k < ntypes; k++)
			if (strcasecmp(t, types[k]) == 0)
				break;
		if (!t || k == ntypes)
			continue;
		if (json_is_integer(json_object_get(r, "pmid")))
			(void)snprintf(id, sizeof(id), "PMID %lld",
				       (long long)json_integer_value(
					       json_object_get(r, "pmid")));
		else if (str_of(json_object_get(r, "pmid")))
			(void)snprintf(id, sizeof(id), "PMID %s",
				       str_of(json_object_get(r, "pmid")));
		rc = set(&n->kind, kind);
		if (!rc)
			rc = set(&n->id, id);
		if (!rc)
			rc = set(&n->date,
				 str_of(json_object_get(r, "refsource")));
		return rc ? rc : 1;
	}
	return 0;
}

static int pubmed_flags(const json_t *doc, ml_work *w)
{
	static const char *const retr[] = { "Retraction in" };
	static const char *const upd[] = { "Erratum in",
					   "Expression of concern in",
					   "Corrected and republished in" };
	int rc;

	rc = pubmed_notice(doc, retr, 1, "retraction", &w->retraction);
	if (rc < 0)
		return rc;
	w->retracted = rc == 1 || has_pubtype(doc, "Retracted Publication");
	if (w->retracted && !w->retraction.kind &&
	    (rc = set(&w->retraction.kind, "retraction")) < 0)
		return rc;
	rc = pubmed_notice(doc, upd, ML_ARRAY_LEN(upd), "correction",
			   &w->update);
	if (rc < 0)
		return rc;
	w->updated = rc == 1;
	return ML_OK;
}

static int docsum(const json_t *doc, ml_work *w)
{
	const char *err = str_of(json_object_get(doc, "error"));
	int rc;

	if (!json_is_object(doc))
		return set_why(w, ML_WORK_MISSING, "no document summary");
	if (err)
		return set_why(w, ML_WORK_MISSING, err);
	w->state = ML_WORK_FOUND;
	rc = set(&w->title, str_of(json_object_get(doc, "title")));
	if (!rc)
		rc = set(&w->subtitle, "");
	if (!rc)
		rc = pubmed_surname(json_object_get(doc, "authors"),
				    &w->first_author);
	w->nauthors = (int)json_array_size(json_object_get(doc, "authors"));
	if (!rc)
		rc = set(&w->journal,
			 str_of(json_object_get(doc, "fulljournalname"))
				 ? str_of(json_object_get(doc,
							  "fulljournalname"))
				 : str_of(json_object_get(doc, "source")));
	w->years[0] = year_in(str_of(json_object_get(doc, "pubdate")));
	w->years[1] = year_in(str_of(json_object_get(doc, "epubdate")));
	w->years[2] = year_in(str_of(json_object_get(doc, "printpubdate")));
	return rc ? rc : pubmed_flags(doc, w);
}

int ml_registry_esummary(const char *body, size_t len, const char *const *uids,
			 size_t n, ml_work *works)
{
	json_error_t jerr;
	json_t *root = json_loadb(body, len, 0, &jerr);
	const json_t *res = json_object_get(root, "result");
	const char *err = str_of(json_object_get(root, "error"));
	size_t i;
	int rc = ML_OK;

	for (i = 0; i < n && !rc; i++) {
		if (!root)
			rc = set_why(&works[i], ML_WORK_TROUBLE,
				     "the answer is not esummary JSON "
				     "(malformed JSON)");
		else if (!json_is_object(res))
			rc = set_why(&works[i], ML_WORK_TROUBLE,
				     err ? err
					 : "the answer has no esummary result");
		else
			rc = docsum(json_object_get(res, uids[i]), &works[i]);
	}
	json_decref(root);
	return rc;
}

/* --- comparisons --------------------------------------------------------- */

/* ASCII letters for U+00C0..U+017F (Latin-1 and Latin Extended-A). */
static const char latin[] =
	"aaaaaaaceeeeiiiidnooooo ouuuuytsaaaaaaaceeeeiiiidnooooo ouuuuyty"
	"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllll"
	"lllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/* Fold s: markup (<i>, &amp;) dropped, Latin letters to their ASCII base,
 * ASCII lowered, other code points kept, everything else one space. */
static size_t fold(const char *s, char *out, size_t cap, int spaces)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;
	int sp = 1;

	while (p && *p && n + 4 < cap) {
		unsigned cp = *p;
		size_t k = 1;
		if (*p == '<' && strchr((const char *)p, '>')) {
			p = (const unsigned char *)strchr((const char *)p,
							  '>') +
			    1;
			continue;
		}
		if (*p == '&' && strchr((const char *)p, ';') &&
		    strchr((const char *)p, ';') - (const char *)p < 10) {
			p = (const unsigned char *)strchr((const char *)p,
							  ';') +
			    1;
			cp = ' ';
			k = 0;
		} else if ((*p & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80) {
			cp = ((*p & 0x1Fu) << 6) | (p[1] & 0x3Fu);
			k = 2;
		} else if (*p >= 0x80) {
			k = (*p & 0xF0) == 0xE0	  ? 3
			    : (*p & 0xF8) == 0xF0 ? 4
						  : 1;
			cp = 0x10000; /* kept as bytes */
		}
		if (cp >= 0xC0 && cp <= 0x17F)
			cp = (unsigned char)latin[cp - 0xC0];
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			out[n++] = (char)cp;
			sp = 0;
		} else if (cp == 0x10000) {
			size_t j;
			for (j = 0; j < k && p[j]; j++)
				out[n++] = (char)p[j];
			sp = 0;
		} else if (!sp && spaces) {
			out[n++] = ' ';
			sp = 1;
		}
		p += k;
	}
	while (n && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	return n;
}

static double similarity(const char *a, size_t na, const char *b, size_t nb)
{
	unsigned short *row;
	size_t i, j, longer = na > nb ? na : nb;
	unsigned short prev, cur;
	double d;

	if (!longer)
		return 1.0;
	row = malloc((nb + 1) * sizeof(*row));
	if (!row)
		return 1.0; /* out of memory: never a false mismatch */
	for (j = 0; j <= nb; j++)
		row[j] = (unsigned short)j;
	for (i = 1; i <= na; i++) {
		prev = row[0];
		row[0] = (unsigned short)i;
		for (j = 1; j <= nb; j++) {
			unsigned short best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = (unsigned short)(row[j] + 1);
			if (row[j - 1] + 1 < best)
				best = (unsigned short)(row[j - 1] + 1);
			cur = row[j];
			row[j] = best;
			prev = cur;
		}
	}
	d = (double)row[nb];
	free(row);
	return 1.0 - d / (double)longer;
}

static double best_of(const char *e, size_t ne, const char *t, double best)
{
	char f[FOLD_MAX];
	size_t n = fold(t, f, sizeof(f), 1);
	double s = n ? similarity(e, ne, f, n) : 0.0;

	return s > best ? s : best;
}

double ml_title_similarity(const char *entry, const ml_work *w)
{
	char e[FOLD_MAX], both[FOLD_MAX * 2];
	size_t ne = fold(entry, e, sizeof(e), 1);
	const char *colon;
	double best = 0.0;

	if (!ne || !w->title || !w->title[0])
		return 1.0; /* nothing to compare */
	best = best_of(e, ne, w->title, best);
	if (w->subtitle && w->subtitle[0]) {
		(void)snprintf(both, sizeof(both), "%s %s", w->title,
			       w->subtitle);
		best = best_of(e, ne, both, best);
	}
	colon = strchr(w->title, ':');
	if (colon && (size_t)(colon - w->title) < sizeof(both)) {
		memcpy(both, w->title, (size_t)(colon - w->title));
		both[colon - w->title] = '\0';
		best = best_of(e, ne, both, best);
	}
	return best;
}

int ml_surname_equal(const char *a, const char *b)
{
	char fa[256], fb[256];

	fold(a, fa, sizeof(fa), 0);
	fold(b, fb, sizeof(fb), 0);
	return !fa[0] || !fb[0] || strcmp(fa, fb) == 0;
}
