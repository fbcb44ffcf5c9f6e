/* verify/verify.c - reference verification over a whole run: distinct
 * identifiers in, one request per DOI and per batch of PMIDs or PMCIDs
 * through the link checker, the registries' answers read
 * (verify/registry.c) and compared with each citing entry. */
#include "verify/verify.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/common.h"
#include "util/urlmap.h"
#include "verify/refcache.h"
#include "verify/registry.h"

#define MAX_BODY ((size_t)2 * 1024 * 1024) /* more is registry trouble */

typedef struct {
	ml_ref_kind kind;
	const char *id; /* the first citing ml_ref_id's */
	char *key;	/* item_key: the index's and the cache's */
	int from_cache;
	size_t request; /* index in reqs */
	ml_work w;
} item;

typedef struct {
	char *url;
	ml_ref_kind kind;
	int agency; /* /works/{doi}/agency after a 404 */
	size_t *items;
	size_t nitems;
} request;

typedef struct {
	const ml_verify_opts *o;
	item *items;
	size_t nitems, citems;
	request *reqs;
	size_t nreqs, creqs;
	ml_urlmap index; /* "doi:..." / "pmid:..." / "pmc:..." -> item */
} verifier;

static const char *const registry_name[] = { "Crossref", "PubMed",
					     "PubMed Central" };

void ml_verify_opts_default(ml_verify_opts *o)
{
	memset(o, 0, sizeof(*o));
	ml_link_opts_default(&o->link);
	o->crossref = "https://api.crossref.org";
	o->eutils = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils";
	o->title_similarity = 0.85;
	o->cache_ttl_s = 7L * 24 * 3600;
	o->batch = 200;
}

/* --- distinct identifiers ------------------------------------------------ */

/* DOIs are case-insensitive (ASCII): one key per work. */
static int item_key(const ml_ref_id *r, ml_buf *key)
{
	static const char *const prefix[] = { "doi:", "pmid:", "pmc:" };
	size_t i, start;
	int rc;

	ml_buf_clear(key);
	rc = ml_buf_puts(key, prefix[r->kind]);
	start = key->len;
	if (!rc)
		rc = ml_buf_puts(key, r->id);
	for (i = start; !rc && i < key->len; i++)
		if (key->ptr[i] >= 'A' && key->ptr[i] <= 'Z')
			key->ptr[i] = (char)(key->ptr[i] - 'A' + 'a');
	return rc;
}

static int collect(verifier *v, const ml_file_result *res, size_t n)
{
	ml_buf key = ML_BUF_INIT(ML_LIMIT_SHORT);
	size_t i, j;
	int rc = ML_OK;

	for (i = 0; i < n && !rc; i++)
		for (j = 0; j < res[i].refs.len && !rc; j++) {
			const ml_ref_id *r = &res[i].refs.items[j];
			item *it;
			if ((rc = item_key(r, &key)) ||
			    ml_urlmap_get(&v->index, key.ptr, NULL))
				continue;
			rc = ml_grow((void **)&v->items, &v->citems,
				     v->nitems + 1, sizeof(*v->items));
			if (rc)
				break;
			it = &v->items[v->nitems];
			memset(it, 0, sizeof(*it));
			it->kind = r->kind;
			it->id = r->id;
			if (!(it->key = ml_strdup(key.ptr)))
				rc = ML_ENOMEM;
			else
				rc = ml_urlmap_put(&v->index, key.ptr,
						   v->nitems++);
		}
	ml_buf_dispose(&key);
	return rc;
}

static const item *item_for(const verifier *v, const ml_ref_id *r)
{
	ml_buf key = ML_BUF_INIT(ML_LIMIT_SHORT);
	size_t i;
	int found = item_key(r, &key) == ML_OK &&
		    ml_urlmap_get(&v->index, key.ptr, &i);

	ml_buf_dispose(&key);
	return found ? &v->items[i] : NULL;
}

/* --- requests ------------------------------------------------------------ */

/* Percent-encode s for a URL path or query; '/' kept in paths. */
static int put_enc(ml_buf *b, const char *s, int path)
{
	static const char hex[] = "0123456789ABCDEF";
	int rc = ML_OK;

	for (; *s && !rc; s++) {
		unsigned char ch = (unsigned char)*s;
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || strchr("-._~", ch) ||
		    (path && ch == '/'))
			rc = ml_buf_put(b, (const char *)&ch, 1);
		else
			rc = ml_buf_printf(b, "%%%c%c", hex[ch >> 4],
					   hex[ch & 15]);
	}
	return rc;
}

static int new_request(verifier *v, ml_ref_kind kind, ml_buf *url)
{
	request *q;
	int rc = ml_grow((void **)&v->reqs, &v->creqs, v->nreqs + 1,
			 sizeof(*v->reqs));

	if (rc)
		return rc;
	q = &v->reqs[v->nreqs];
	memset(q, 0, sizeof(*q));
	q->kind = kind;
	if (url && !(q->url = ml_buf_detach(url)))
		return ML_ENOMEM;
	v->nreqs++;
	return ML_OK;
}

static int request_add_item(request *q, size_t it, size_t cap)
{
	if (!q->items && !(q->items = malloc(cap * sizeof(*q->items))))
		return ML_ENOMEM;
	q->items[q->nitems++] = it;
	return ML_OK;
}

static int crossref_request(verifier *v, size_t i)
{
	const ml_verify_opts *o = v->o;
	ml_buf url = ML_BUF_INIT(ML_LIMIT_TEXT);
	int rc;

	rc = ml_buf_printf(&url, "%s/works/", o->crossref);
	if (!rc)
		rc = put_enc(&url, v->items[i].id, 1);
	if (!rc && o->mailto && o->mailto[0]) {
		rc = ml_buf_puts(&url, "?mailto=");
		if (!rc)
			rc = put_enc(&url, o->mailto, 0);
	}
	if (!rc)
		rc = new_request(v, ML_REF_DOI, &url);
	if (!rc) {
		v->items[i].request = v->nreqs - 1;
		rc = request_add_item(&v->reqs[v->nreqs - 1], i, 1);
	}
	ml_buf_dispose(&url);
	return rc;
}

/* The esummary URL of the ids now in q, written when the batch is full
 * or the last one. */
static int esummary_url(const verifier *v, request *q)
{
	const ml_verify_opts *o = v->o;
	ml_buf url = ML_BUF_INIT(ML_LIMIT_TEXT);
	size_t k;
	int rc;

	rc = ml_buf_printf(&url,
			   "%s/esummary.fcgi?db=%s&retmode=json&id=", o->eutils,
			   q->kind == ML_REF_PMID ? "pubmed" : "pmc");
	for (k = 0; k < q->nitems && !rc; k++) {
		const char *id = v->items[q->items[k]].id;
		rc = ml_buf_printf(&url, "%s%s", k ? "," : "",
				   q->kind == ML_REF_PMCID ? id + 3 : id);
	}
	if (!rc)
		rc = ml_buf_puts(&url, "&tool=medlint");
	if (!rc && o->mailto && o->mailto[0]) {
		rc = ml_buf_puts(&url, "&email=");
		if (!rc)
			rc = put_enc(&url, o->mailto, 0);
	}
	if (!rc && o->api_key && o->api_key[0]) {
		rc = ml_buf_puts(&url, "&api_key=");
		if (!rc)
			rc = put_enc(&url, o->api_key, 0);
	}
	if (!rc) {
		q->url = ml_buf_detach(&url);
		rc = q->url ? ML_OK : ML_ENOMEM;
	}
	ml_buf_dispose(&url);
	return rc;
}

static int batch_requests(verifier *v, ml_ref_kind kind)
{
	size_t cap = v->o->batch ? v->o->batch : 200, i;
	request *q = NULL;
	int rc = ML_OK;

	for (i = 0; i < v->nitems && !rc; i++) {
		if (v->items[i].kind != kind ||
		    v->items[i].w.state != ML_WORK_UNKNOWN)
			continue;
		if (!q || q->nitems == cap) {
			if (q && (rc = esummary_url(v, q)))
				break;
			/* the URL is written once the batch is known */
			if ((rc = new_request(v, kind, NULL)))
				break;
			q = &v->reqs[v->nreqs - 1];
		}
		v->items[i].request = (size_t)(q - v->reqs);
		rc = request_add_item(q, i, cap);
	}
	if (!rc && q)
		rc = esummary_url(v, q);
	return rc;
}

static int plan(verifier *v)
{
	size_t i;
	int rc = ML_OK;

	for (i = 0; i < v->nitems && !rc; i++)
		if (v->items[i].kind == ML_REF_DOI &&
		    v->items[i].w.state == ML_WORK_UNKNOWN)
			rc = crossref_request(v, i);
	if (!rc)
		rc = batch_requests(v, ML_REF_PMID);
	if (!rc)
		rc = batch_requests(v, ML_REF_PMCID);
	return rc;
}

/* --- the answers --------------------------------------------------------- */

static int trouble(item *it, const char *fmt, const char *detail)
{
	char why[256];

	(void)snprintf(why, sizeof(why), fmt, detail);
	it->w.state = ML_WORK_TROUBLE;
	free(it->w.why);
	it->w.why = ml_strdup(why);
	return it->w.why ? ML_OK : ML_ENOMEM;
}

/* Why a request failed, in words that stay the same from run to run (a
 * finding's message feeds SARIF's fingerprint): curl's timeout text
 * counts milliseconds. */
static const char *failure(const ml_link_result *r)
{
	if (r->status == ML_LINK_OK)
		return "the answer is over 2 MiB (cut)";
	if (r->status == ML_LINK_TIMEOUT)
		return "no answer within the timeout, every try";
	return r->detail ? r->detail : "no answer";
}

static int crossref_answer(item *it, const ml_link_result *r)
{
	if (r->status == ML_LINK_OK && r->body_truncated)
		return trouble(it, "%s", "the answer is over 2 MiB (cut)");
	if (r->status == ML_LINK_OK)
		return ml_registry_crossref(r->body, r->body_len, &it->w);
	if (r->status == ML_LINK_BROKEN && r->http_code == 404) {
		it->w.state = ML_WORK_MISSING;
		free(it->w.why);
		it->w.why = ml_strdup("HTTP 404");
		return it->w.why ? ML_OK : ML_ENOMEM;
	}
	return trouble(it, "%s", failure(r));
}

/* The agency of a DOI Crossref has no work for: another agency's DOI is
 * registered (not compared), a 404 leaves it unregistered. */
static int agency_answer(item *it, const ml_link_result *r)
{
	if (r->status == ML_LINK_BROKEN && r->http_code == 404)
		return ML_OK; /* still MISSING */
	if (r->status != ML_LINK_OK || r->body_truncated)
		return trouble(it, "%s", failure(r));
	return ml_registry_agency(r->body, r->body_len, &it->w);
}

static int batch_answer(verifier *v, const request *q, const ml_link_result *r)
{
	const char *uids[256];
	ml_work *works;
	size_t k;
	int rc = ML_OK;

	if (r->status != ML_LINK_OK || r->body_truncated) {
		for (k = 0; k < q->nitems && !rc; k++)
			rc = trouble(&v->items[q->items[k]], "%s", failure(r));
		return rc;
	}
	if (q->nitems > ML_ARRAY_LEN(uids))
		return ML_EINVAL;
	works = calloc(q->nitems, sizeof(*works));
	if (!works)
		return ML_ENOMEM;
	for (k = 0; k < q->nitems; k++) {
		const char *id = v->items[q->items[k]].id;
		uids[k] = q->kind == ML_REF_PMCID ? id + 3 : id;
	}
	rc = ml_registry_esummary(r->body, r->body_len, uids, q->nitems, works);
	for (k = 0; k < q->nitems; k++) {
		ml_work_dispose(&v->items[q->items[k]].w);
		v->items[q->items[k]].w = works[k];
	}
	free(works);
	return rc;
}

/* A fetch-mode link checker with the registries' politeness. */
static int new_checker(const verifier *v, ml_linkcheck **lc, ml_buf *ua,
		       ml_buf *err)
{
	const ml_verify_opts *o = v->o;
	ml_link_opts lo = o->link;
	ml_buf base = ML_BUF_INIT(ML_LIMIT_TEXT);
	int rc, key = o->api_key && o->api_key[0];
	int polite = o->mailto && o->mailto[0];

	lo.keep_body = 1;
	lo.max_body = MAX_BODY;
	lo.cache_path = NULL;
	lo.check_insecure = 0;
	lo.exclude = NULL, lo.nexclude = 0;
	lo.accept = NULL, lo.naccept = 0;
	lo.progress = NULL;
	rc = ml_buf_printf(ua, "medlint/%s (reference verification%s%s)",
			   ML_VERSION, polite ? "; mailto:" : "",
			   polite ? o->mailto : "");
	lo.user_agent = ml_buf_cstr(ua);
	if (!rc)
		rc = ml_linkcheck_new(&lo, lc, err);
	/* Crossref (limits of December 2025): the polite pool (a mailto)
	 * takes 3 at once and 10 a second, the public one 1 and 5, until its
	 * X-Rate-Limit headers say otherwise. NCBI: 3 requests a second, 10
	 * with an API key (starts a little further apart than 1/3 s and
	 * 1/10 s: connection times vary). */
	if (!rc && !(rc = ml_buf_printf(&base, "%s/", o->crossref)))
		rc = ml_linkcheck_host_limit(*lc, base.ptr, polite ? 3 : 1,
					     polite ? 100 : 200, 1);
	ml_buf_clear(&base);
	if (!rc && !(rc = ml_buf_printf(&base, "%s/", o->eutils)))
		rc = ml_linkcheck_host_limit(*lc, base.ptr, 3, key ? 110 : 340,
					     0);
	if (rc == ML_EINVAL)
		rc = ML_OK; /* a base URL curl cannot parse: its requests fail */
	ml_buf_dispose(&base);
	return rc;
}

/* Requests [from, nreqs) on one checker, their answers read. */
static int fetch(verifier *v, size_t from, ml_verify_stats *st,
		 ml_buf *warnings, ml_buf *err)
{
	ml_linkcheck *lc = NULL;
	ml_buf ua = ML_BUF_INIT(ML_LIMIT_SHORT);
	size_t i;
	int rc = new_checker(v, &lc, &ua, err);

	for (i = from; i < v->nreqs && !rc; i++)
		rc = ml_linkcheck_add(lc, v->reqs[i].url);
	if (!rc)
		rc = ml_linkcheck_run(lc, warnings);
	for (i = from; i < v->nreqs && !rc; i++) {
		const request *q = &v->reqs[i];
		const ml_link_result *r = ml_linkcheck_result(lc, q->url);
		if (!r)
			continue;
		rc = q->agency ? agency_answer(&v->items[q->items[0]], r)
		     : q->kind == ML_REF_DOI
			     ? crossref_answer(&v->items[q->items[0]], r)
			     : batch_answer(v, q, r);
	}
	if (lc)
		st->requests += ml_linkcheck_requests(lc);
	ml_linkcheck_free(lc);
	ml_buf_dispose(&ua);
	return rc;
}

/* Crossref has no work for these DOIs: ask which agency registered them
 * (GET /works/{doi}/agency), so that a DataCite or mEDRA DOI is not called
 * unregistered. */
static int agency_round(verifier *v, ml_verify_stats *st, ml_buf *warnings,
			ml_buf *err)
{
	ml_buf url = ML_BUF_INIT(ML_LIMIT_TEXT);
	size_t i, from = v->nreqs;
	int rc = ML_OK;

	for (i = 0; i < v->nitems && !rc; i++) {
		if (v->items[i].kind != ML_REF_DOI ||
		    v->items[i].w.state != ML_WORK_MISSING ||
		    v->items[i].from_cache)
			continue;
		ml_buf_clear(&url);
		rc = ml_buf_printf(&url, "%s/works/", v->o->crossref);
		if (!rc)
			rc = put_enc(&url, v->items[i].id, 1);
		if (!rc)
			rc = ml_buf_puts(&url, "/agency");
		if (!rc && v->o->mailto && v->o->mailto[0] &&
		    !(rc = ml_buf_puts(&url, "?mailto=")))
			rc = put_enc(&url, v->o->mailto, 0);
		if (!rc)
			rc = new_request(v, ML_REF_DOI, &url);
		if (!rc) {
			v->reqs[v->nreqs - 1].agency = 1;
			rc = request_add_item(&v->reqs[v->nreqs - 1], i, 1);
		}
	}
	ml_buf_dispose(&url);
	if (!rc && v->nreqs > from)
		rc = fetch(v, from, st, warnings, err);
	return rc;
}

/* --- warnings ------------------------------------------------------------ */

static int warn_trouble(const verifier *v, ml_verify_stats *st, ml_buf *warn)
{
	const ml_verify_opts *o = v->o;
	size_t i, count[3] = { 0, 0, 0 }, first[3] = { 0, 0, 0 };
	int k, rc = ML_OK;

	for (i = 0; i < v->nitems; i++) {
		const item *it = &v->items[i];
		if (it->w.state != ML_WORK_TROUBLE &&
		    it->w.state != ML_WORK_UNKNOWN)
			continue;
		if (!count[it->kind]++)
			first[it->kind] = i;
		st->trouble++;
	}
	for (k = 0; k < 3 && !rc; k++) {
		const item *it = &v->items[first[k]];
		if (!count[k])
			continue;
		rc = ml_buf_printf(
			warn,
			"%s (%s) could not verify %zu identifier%s: %s (%s%s); "
			"reported as citation-unverified for %s\n",
			registry_name[k], k ? o->eutils : o->crossref, count[k],
			count[k] == 1 ? "" : "s",
			it->w.why ? it->w.why : "not checked",
			k == ML_REF_PMID ? "PMID " : "", it->id,
			count[k] == 1 ? "it" : "them");
	}
	return rc;
}

/* DOIs of another agency: registered, but not comparable at Crossref. */
static int note_elsewhere(const verifier *v, ml_buf *warn)
{
	size_t i, n = 0, first = 0;

	for (i = 0; i < v->nitems; i++)
		if (v->items[i].w.state == ML_WORK_ELSEWHERE && !n++)
			first = i;
	if (!n)
		return ML_OK;
	return ml_buf_printf(warn,
			     "%zu DOI%s registered with another agency than "
			     "Crossref (%s: %s%s) %s not compared\n",
			     n, n == 1 ? " is" : "s are",
			     v->items[first].w.why ? v->items[first].w.why
						   : "?",
			     v->items[first].id, n > 1 ? ", ..." : "",
			     n == 1 ? "and was" : "and were");
}

/* --- findings ------------------------------------------------------------ */

static void label(const ml_ref_id *r, char *out, size_t n)
{
	(void)snprintf(out, n, "%s%s", r->kind == ML_REF_PMID ? "PMID " : "",
		       r->id);
}

/* "is registered as 'Title' by Surname et al., 2019, in Journal" */
static int registered(const ml_work *w, ml_buf *m)
{
	int rc = ml_buf_printf(m, "is registered as '%s%s%s'", w->title,
			       w->subtitle && w->subtitle[0] ? ": " : "",
			       w->subtitle ? w->subtitle : "");

	if (!rc && w->first_author && w->first_author[0])
		rc = ml_buf_printf(m, " by %s%s", w->first_author,
				   w->nauthors > 2    ? " et al."
				   : w->nauthors == 2 ? " and another"
						      : "");
	if (!rc && ml_work_year(w))
		rc = ml_buf_printf(m, ", %d", ml_work_year(w));
	if (!rc && w->journal && w->journal[0])
		rc = ml_buf_printf(m, ", in %s", w->journal);
	return rc;
}

static int years_apart(const ml_ref_id *r, const ml_work *w)
{
	size_t i;
	int any = 0;

	if (!r->year)
		return 0;
	for (i = 0; i < ML_ARRAY_LEN(w->years); i++) {
		if (!w->years[i])
			continue;
		any = 1;
		if (abs(w->years[i] - r->year) <= 1)
			return 0;
	}
	return any;
}

/* What differs, "" when nothing does. */
static int differences(const ml_verify_opts *o, const ml_ref_id *r,
		       const ml_work *w, ml_buf *d)
{
	double sim = ml_title_similarity(r->title, w);
	int rc = ML_OK;

	if (r->title[0] && sim < o->title_similarity)
		rc = ml_buf_printf(d,
				   "the entry's title differs (similarity "
				   "%.2f, below %.2f)",
				   floor(sim * 100) / 100, o->title_similarity);
	if (!rc && years_apart(r, w))
		rc = ml_buf_printf(d, "%sthe entry's year is %d",
				   d->len ? "; " : "", r->year);
	if (!rc && r->first_author[0] && w->first_author[0] &&
	    !ml_surname_equal(r->first_author, w->first_author))
		rc = ml_buf_printf(d, "%sthe entry's first author is %s",
				   d->len ? "; " : "", r->first_author);
	return rc;
}

/* The findings of one entry so far (its DOI and PMID name one work: a
 * retraction or a correction is reported once, at the first). */
typedef struct {
	int entry;
	unsigned rules; /* bit (rule - ML_RULE_CITATION_UNRESOLVED) */
} entry_state;

static int add(ml_file_result *res, const ml_severity *sev, const ml_ref_id *r,
	       ml_rule rule, const ml_buf *msg, entry_state *es)
{
	unsigned bit = 1u << (rule - ML_RULE_CITATION_UNRESOLVED);
	ml_finding *f;

	if ((r->suppressed >> rule) & 1 || (sev && sev[rule] == ML_SEV_OFF))
		return ML_OK;
	if ((rule == ML_RULE_CITATION_RETRACTED ||
	     rule == ML_RULE_CITATION_UPDATED) &&
	    (es->rules & bit))
		return ML_OK;
	es->rules |= bit;
	f = ml_findings_add(&res->findings, rule, r->line, r->column, "%s",
			    ml_buf_cstr(msg));
	if (!f)
		return ML_ENOMEM;
	f->end_line = r->end_line;
	f->end_column = r->end_column;
	if (sev)
		f->severity = sev[rule];
	return ML_OK;
}

static int notice_text(const ml_notice *n, ml_buf *m)
{
	return ml_buf_printf(
		m, "%s notice %s%s%s", n->kind ? n->kind : "a",
		n->id && n->id[0] ? n->id : "(no identifier given)",
		n->date && n->date[0] ? ", " : "", n->date ? n->date : "");
}

static int found(const verifier *v, ml_file_result *res, const ml_severity *sev,
		 const ml_ref_id *r, const ml_work *w, const char *name,
		 entry_state *es)
{
	ml_buf m = ML_BUF_INIT(ML_LIMIT_TEXT), d = ML_BUF_INIT(ML_LIMIT_TEXT);
	int rc = differences(v->o, r, w, &d);

	if (!rc && d.len) {
		rc = ml_buf_printf(&m, "%s ", name);
		if (!rc)
			rc = registered(w, &m);
		if (!rc)
			rc = ml_buf_printf(&m, ": %s", ml_buf_cstr(&d));
		if (!rc)
			rc = add(res, sev, r, ML_RULE_CITATION_MISMATCH, &m,
				 es);
	}
	if (!rc && w->retracted) {
		ml_buf_clear(&m);
		rc = ml_buf_printf(&m, "%s has been retracted: ", name);
		if (!rc)
			rc = notice_text(&w->retraction, &m);
		if (!rc)
			rc = add(res, sev, r, ML_RULE_CITATION_RETRACTED, &m,
				 es);
	} else if (!rc && w->updated) {
		ml_buf_clear(&m);
		rc = ml_buf_printf(&m, "%s has a ", name);
		if (!rc)
			rc = notice_text(&w->update, &m);
		if (!rc)
			rc = ml_buf_puts(&m, ": check that the article still "
					     "holds");
		if (!rc)
			rc = add(res, sev, r, ML_RULE_CITATION_UPDATED, &m, es);
	}
	ml_buf_dispose(&m);
	ml_buf_dispose(&d);
	return rc;
}

/* Registry trouble (or never asked, after a stop): the reference was not
 * checked, and says so where users look. */
static int unverified(const verifier *v, ml_file_result *res,
		      const ml_severity *sev, const ml_ref_id *r,
		      const ml_work *w, const char *name, entry_state *es)
{
	ml_buf m = ML_BUF_INIT(ML_LIMIT_TEXT);
	int rc = ml_buf_printf(
		&m,
		"%s could not be verified: %s (%s) did not answer for it: %s",
		name, registry_name[r->kind],
		r->kind == ML_REF_DOI ? v->o->crossref : v->o->eutils,
		w->state == ML_WORK_TROUBLE && w->why ? w->why
						      : "not asked (stopped)");

	if (!rc)
		rc = add(res, sev, r, ML_RULE_CITATION_UNVERIFIED, &m, es);
	ml_buf_dispose(&m);
	return rc;
}

static int findings_for(const verifier *v, ml_file_result *res,
			const ml_severity *sev)
{
	ml_buf m = ML_BUF_INIT(ML_LIMIT_TEXT);
	char name[300];
	entry_state es = { -1, 0 };
	size_t j;
	int rc = ML_OK;

	for (j = 0; j < res->refs.len && !rc; j++) {
		const ml_ref_id *r = &res->refs.items[j];
		const item *it = item_for(v, r);
		if (r->entry != es.entry)
			es.entry = r->entry, es.rules = 0;
		if (!it)
			continue;
		label(r, name, sizeof(name));
		if (it->w.state == ML_WORK_FOUND) {
			rc = found(v, res, sev, r, &it->w, name, &es);
		} else if (it->w.state == ML_WORK_MISSING) {
			ml_buf_clear(&m);
			rc = ml_buf_printf(&m,
					   "%s is not registered at %s (%s): "
					   "copy the identifier from the "
					   "work's own page, or drop it",
					   name, registry_name[r->kind],
					   it->w.why ? it->w.why : "not found");
			if (!rc)
				rc = add(res, sev, r,
					 ML_RULE_CITATION_UNRESOLVED, &m, &es);
		} else if (it->w.state == ML_WORK_TROUBLE ||
			   it->w.state == ML_WORK_UNKNOWN) {
			rc = unverified(v, res, sev, r, &it->w, name, &es);
		}
	}
	ml_buf_dispose(&m);
	ml_findings_sort(&res->findings);
	return rc;
}

/* --- the cache ----------------------------------------------------------- */

static int from_cache(verifier *v, const ml_refcache *c, ml_verify_stats *st)
{
	size_t i;
	int rc = ML_OK;

	for (i = 0; i < v->nitems && !rc; i++) {
		const ml_work *w = ml_refcache_get(c, v->items[i].key);
		if (!w || (rc = ml_work_copy(&v->items[i].w, w)))
			continue;
		v->items[i].from_cache = 1;
		st->cached++;
	}
	return rc;
}

static int cache_update(const verifier *v, ml_refcache *c, long long now)
{
	size_t i;
	int rc = ML_OK;

	for (i = 0; i < v->nitems && !rc; i++)
		if (!v->items[i].from_cache)
			rc = ml_refcache_put(c, v->items[i].key, &v->items[i].w,
					     now);
	return rc;
}

/* --- the phase ----------------------------------------------------------- */

static void dispose(verifier *v)
{
	size_t i;

	for (i = 0; i < v->nitems; i++) {
		ml_work_dispose(&v->items[i].w);
		free(v->items[i].key);
	}
	for (i = 0; i < v->nreqs; i++) {
		free(v->reqs[i].url);
		free(v->reqs[i].items);
	}
	free(v->items);
	free(v->reqs);
	ml_urlmap_dispose(&v->index);
}

int ml_verify_refs(const ml_verify_opts *o, const ml_severity *severity,
		   ml_file_result *results, size_t n, ml_verify_stats *st,
		   ml_buf *warnings, ml_buf *err)
{
	verifier v;
	ml_refcache cache;
	size_t i;
	int rc;

	memset(st, 0, sizeof(*st));
	memset(&v, 0, sizeof(v));
	v.o = o;
	ml_urlmap_init(&v.index);
	ml_refcache_init(&cache);
	rc = collect(&v, results, n);
	st->ids = v.nitems;
	if (!rc && o->cache_path)
		rc = ml_refcache_load(&cache, o->cache_path, o->cache_ttl_s,
				      (long long)time(NULL), warnings);
	if (!rc)
		rc = from_cache(&v, &cache, st);
	if (!rc)
		rc = plan(&v);
	if (!rc && v.nreqs)
		rc = fetch(&v, 0, st, warnings, err);
	if (!rc && v.nreqs)
		rc = agency_round(&v, st, warnings, err);
	/* saved after a stop too: what was learnt stays */
	if (!rc && o->cache_path && v.nreqs &&
	    !(rc = cache_update(&v, &cache, (long long)time(NULL))))
		(void)ml_refcache_save(&cache, o->cache_path, warnings);
	ml_refcache_dispose(&cache);
	if (!rc)
		rc = warn_trouble(&v, st, warnings);
	if (!rc)
		rc = note_elsewhere(&v, warnings);
	for (i = 0; i < n && !rc; i++)
		rc = findings_for(&v, &results[i], severity);
	dispose(&v);
	return rc;
}
