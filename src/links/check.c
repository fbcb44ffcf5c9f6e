/* links/check.c - the link checker's public face: options, URLs in, results
 * out, and the run around the event loop (cache in, loop, cache out). */
#include "links/internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "links/cache.h"
#include "parse/anchor.h"
#include "util/common.h"
#include "util/regex.h"

void ml_link_opts_default(ml_link_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->connect_timeout_ms = 5000;
	o->timeout_ms = 10000;
	o->retries = 3;
	o->backoff_ms = 500;
	o->retry_after_cap_s = 60;
	o->per_host = 4;
	o->global = 64;
	o->interval_ms = 100;
	o->max_redirects = 10;
	o->check_insecure = 1;
	o->cache_ttl_s = 7L * 24 * 3600;
	o->max_body = (size_t)5 * 1024 * 1024;
}

/* --- creation ----------------------------------------------------------- */

static int exclude_what(ml_linkcheck *lc, const ml_link_opts *o, size_t i)
{
	ml_buf b = ML_BUF_INIT(ML_LIMIT_SHORT);
	const char *at = o->exclude_at ? o->exclude_at[i] : NULL;
	int rc = ml_buf_printf(&b, "the links.exclude pattern \"%s\"%s%s%s",
			       o->exclude[i], at ? " (" : "", at ? at : "",
			       at ? ")" : "");

	if (!rc && !(lc->exclude_what[i] = ml_strdup(ml_buf_cstr(&b))))
		rc = ML_ENOMEM;
	ml_buf_dispose(&b);
	return rc;
}

static int compile_excludes(ml_linkcheck *lc, const ml_link_opts *o,
			    ml_buf *err)
{
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	int code;

	lc->exclude =
		/* NOLINTNEXTLINE(bugprone-sizeof-expression): pointers */
		calloc(o->nexclude ? o->nexclude : 1, sizeof(*lc->exclude));
	lc->exclude_what =
		calloc(o->nexclude ? o->nexclude : 1, sizeof(char *));
	if (!lc->exclude || !lc->exclude_what)
		return ML_ENOMEM;
	for (; lc->nexclude < o->nexclude; lc->nexclude++) {
		const char *pat = o->exclude[lc->nexclude];
		pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat,
					       PCRE2_ZERO_TERMINATED, PCRE2_UTF,
					       &code, &off, NULL);
		if (!re) {
			pcre2_get_error_message(code, msg, sizeof(msg));
			if (err)
				ml_buf_printf(err,
					      "links exclude pattern '%s': %s "
					      "at offset %zu",
					      pat, (const char *)msg,
					      (size_t)off);
			return ML_ECONFIG;
		}
		if (exclude_what(lc, o, lc->nexclude)) {
			pcre2_code_free(re);
			return ML_ENOMEM;
		}
		lc->exclude[lc->nexclude] = re;
	}
	return ML_OK;
}

static int copy_opts(ml_linkcheck *lc, const ml_link_opts *o)
{
	size_t i;

	lc->o = *o;
	lc->o.resolve = NULL, lc->o.accept = NULL, lc->o.exclude = NULL;
	lc->o.cache_path = NULL;
	if (lc->o.per_host < 1)
		lc->o.per_host = 1;
	if (lc->o.global < 1)
		lc->o.global = 1;
	if (!lc->o.max_body)
		lc->o.max_body = (size_t)5 * 1024 * 1024;
	lc->accept = malloc((o->naccept ? o->naccept : 1) * sizeof(int));
	if (!lc->accept)
		return ML_ENOMEM;
	memcpy(lc->accept, o->accept ? o->accept : lc->accept,
	       o->naccept * sizeof(int));
	lc->naccept = o->naccept;
	/* A cached status has no body: fetch mode never uses the cache. */
	if (o->cache_path && !o->keep_body &&
	    !(lc->cache_path = ml_strdup(o->cache_path)))
		return ML_ENOMEM;
	if (o->keep_body)
		lc->o.check_insecure = 0;
	lc->o.user_agent = NULL;
	for (i = 0; i < o->nresolve; i++) {
		struct curl_slist *l =
			curl_slist_append(lc->resolve, o->resolve[i]);
		if (!l)
			return ML_ENOMEM;
		lc->resolve = l;
	}
	if (o->user_agent)
		lc->user_agent = ml_strdup(o->user_agent);
	else if ((lc->user_agent = malloc(64)))
		(void)snprintf(lc->user_agent, 64, "medlint/%s", ML_VERSION);
	return lc->user_agent ? ML_OK : ML_ENOMEM;
}

int ml_linkcheck_new(const ml_link_opts *o, ml_linkcheck **out, ml_buf *err)
{
	ml_linkcheck *lc = calloc(1, sizeof(*lc));
	int rc;

	*out = NULL;
	if (!lc)
		return ML_ENOMEM;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		free(lc);
		ml_buf_printf(err,
			      "cannot load libcurl (libcurl.so.4): install "
			      "libcurl4 to check external links");
		return ML_EIO;
	}
	ml_urlmap_init(&lc->entry_index);
	ml_urlmap_init(&lc->ref_index);
	ml_urlmap_init(&lc->host_index);
	lc->rng = ((unsigned long long)links_now_ms() * 2654435761ULL ^
		   (unsigned long long)getpid()) |
		  1;
	rc = copy_opts(lc, o);
	if (rc == ML_OK)
		rc = compile_excludes(lc, o, err);
	if (rc) {
		ml_linkcheck_free(lc);
		return rc;
	}
	*out = lc;
	return ML_OK;
}

int ml_linkcheck_host_limit(ml_linkcheck *lc, const char *url, int per_host,
			    long interval_ms, int follow_headers)
{
	size_t h;
	int rc = links_host_for(lc, url, &h);

	if (rc)
		return rc;
	lc->hosts[h].per_host = per_host;
	lc->hosts[h].interval_ms = interval_ms;
	lc->hosts[h].follow_headers = follow_headers;
	return ML_OK;
}

/* --- adding URLs -------------------------------------------------------- */

/* Why s cannot be checked, or NULL with *norm set to curl's form of it. */
static const char *parse_http(CURLU *u, const char *s, char **scheme,
			      char **norm)
{
	if (curl_url_set(u, CURLUPART_URL, s, CURLU_NON_SUPPORT_SCHEME) !=
		    CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, scheme, 0) != CURLUE_OK)
		return "malformed URL";
	if (strcmp(*scheme, "http") != 0 && strcmp(*scheme, "https") != 0)
		return "not an http or https URL";
	if (curl_url_get(u, CURLUPART_URL, norm, CURLU_NO_DEFAULT_PORT) !=
	    CURLUE_OK)
		return "malformed URL";
	return NULL;
}

/* The URL without fragment as curl normalises it; *why when it cannot be
 * checked. */
static int normalise(const char *url, size_t len, char **out, const char **why)
{
	CURLU *u = curl_url();
	char *s = ml_strndup(url, len), *scheme = NULL, *norm = NULL;
	int rc = ML_OK;

	*out = NULL;
	*why = NULL;
	if (!u || !s)
		rc = ML_ENOMEM;
	else if (!(*why = parse_http(u, s, &scheme, &norm)))
		rc = (*out = ml_strdup(norm)) ? ML_OK : ML_ENOMEM;
	curl_free(scheme);
	curl_free(norm);
	curl_url_cleanup(u);
	free(s);
	return rc;
}

/* 1 when an exclude pattern matches url, 0 when none does, ML_ELIMIT
 * when one ran out of the regex budget (util/regex.h; the caller resets
 * it per article), never a guess. */
static int excluded(const ml_linkcheck *lc, const char *url)
{
	pcre2_match_data *md;
	size_t i;
	int hit = 0;

	for (i = 0; i < lc->nexclude && !hit; i++) {
		md = pcre2_match_data_create_from_pattern(lc->exclude[i], NULL);
		if (!md)
			return ML_ENOMEM;
		hit = ml_regex_exec(lc->exclude[i], url, strlen(url), 0, md);
		pcre2_match_data_free(md);
		if (hit == ML_ELIMIT)
			ml_regex_budget_blame(0, "%s", lc->exclude_what[i]);
		if (hit == ML_EINVAL) /* not UTF-8: this pattern cannot match */
			hit = 0;
	}
	return hit;
}

/* The entry for key (normalised URL, or the raw text when it does not
 * parse), created when new. */
static int entry_for(ml_linkcheck *lc, const char *key, size_t *ei)
{
	links_entry *e;
	int rc;

	if (ml_urlmap_get(&lc->entry_index, key, ei))
		return ML_OK;
	rc = ml_grow((void **)&lc->entries, &lc->centries, lc->nentries + 1,
		     sizeof(*lc->entries));
	if (rc)
		return rc;
	e = &lc->entries[lc->nentries];
	memset(e, 0, sizeof(*e));
	e->status = ML_LINK_UNCHECKED;
	e->perm_run = 1;
	e->need_body = lc->o.keep_body;
	e->url = ml_strdup(key);
	e->cur = ml_strdup(key);
	if (!e->url || !e->cur ||
	    ml_urlmap_put(&lc->entry_index, key, lc->nentries)) {
		free(e->url);
		free(e->cur);
		return ML_ENOMEM;
	}
	*ei = lc->nentries++;
	lc->unsettled++;
	return ML_OK;
}

/* Remember a fragment of entry ei that needs looking for. */
static int entry_add_fragment(links_entry *e, const char *frag)
{
	size_t i, n = e->nfrags;
	char **f;
	ml_fragment_state *s;

	for (i = 0; i < n; i++)
		if (strcmp(e->frags[i], frag) == 0)
			return ML_OK;
	f = realloc(e->frags, (n + 1) * sizeof(*f));
	if (!f)
		return ML_ENOMEM;
	e->frags = f;
	s = realloc(e->fstate, (n + 1) * sizeof(*s));
	if (!s)
		return ML_ENOMEM;
	e->fstate = s;
	if (!(f[n] = ml_strdup(frag)))
		return ML_ENOMEM;
	s[n] = ML_FRAGMENT_UNCHECKED;
	e->nfrags++;
	e->need_body = 1;
	return ML_OK;
}

static int ref_new(ml_linkcheck *lc, const char *url, size_t ei,
		   const char *frag)
{
	links_ref *r;
	int rc;

	rc = ml_grow((void **)&lc->refs, &lc->crefs, lc->nrefs + 1,
		     sizeof(*lc->refs));
	if (rc)
		return rc;
	r = &lc->refs[lc->nrefs];
	memset(r, 0, sizeof(*r));
	r->entry = ei;
	r->key = ml_strdup(url);
	r->frag = frag ? ml_strdup(frag) : NULL;
	if (!r->key || (frag && !r->frag) ||
	    ml_urlmap_put(&lc->ref_index, url, lc->nrefs)) {
		free(r->key);
		free(r->frag);
		return ML_ENOMEM;
	}
	lc->nrefs++;
	return ML_OK;
}

/* An exclude pattern ran out of the regex budget on entry ei: it is not
 * fetched (it may be one the config keeps out), and the result says why,
 * for a file-too-complex finding wherever the link is. */
static int undecided(ml_linkcheck *lc, size_t ei)
{
	const char *what;

	if (!ml_regex_budget_spent(&what, NULL))
		what = "a links.exclude pattern";
	return links_settle(lc, ei, ML_LINK_UNDECIDED, "%s", what);
}

static int add_parsed(ml_linkcheck *lc, const char *url, const char *hash,
		      ml_buf *frag)
{
	size_t len = hash ? (size_t)(hash - url) : strlen(url), ei;
	const char *why;
	char *norm = NULL;
	int rc, x;

	rc = normalise(url, len, &norm, &why);
	if (rc == ML_OK)
		rc = entry_for(lc, norm ? norm : url, &ei);
	free(norm);
	if (rc)
		return rc;
	if (why && lc->entries[ei].phase != LINKS_PH_DONE)
		rc = links_settle(lc, ei, ML_LINK_BROKEN, "%s", why);
	else if (lc->entries[ei].phase != LINKS_PH_DONE &&
		 (x = excluded(lc, lc->entries[ei].url)) != 0)
		rc = x == ML_ELIMIT ? undecided(lc, ei)
		     : x == 1	    ? links_settle(lc, ei, ML_LINK_EXCLUDED,
						   "excluded")
				    : x;
	if (rc == ML_OK && hash && !ml_fragment_trivial(frag->ptr))
		rc = entry_add_fragment(&lc->entries[ei], frag->ptr);
	if (rc == ML_OK)
		rc = ref_new(lc, url, ei, hash ? frag->ptr : NULL);
	return rc;
}

int ml_linkcheck_add(ml_linkcheck *lc, const char *url)
{
	const char *hash = strchr(url, '#');
	ml_buf frag = ML_BUF_INIT(ML_LIMIT_SHORT);
	int rc = ML_OK;

	if (ml_urlmap_get(&lc->ref_index, url, NULL))
		return ML_OK;
	if (hash)
		rc = ml_fragment_decode(hash + 1, strlen(hash + 1), &frag);
	if (rc == ML_OK)
		rc = add_parsed(lc, url, hash, &frag);
	ml_buf_dispose(&frag);
	return rc;
}

/* --- settling and results ----------------------------------------------- */

static ml_fragment_state fragment_state(const links_entry *e, const char *frag)
{
	size_t i;

	if (!frag)
		return ML_FRAGMENT_NONE;
	if (ml_fragment_trivial(frag))
		return ML_FRAGMENT_FOUND;
	for (i = 0; i < e->nfrags; i++)
		if (strcmp(e->frags[i], frag) == 0)
			return e->fstate[i];
	return ML_FRAGMENT_UNCHECKED;
}

static void fill_result(ml_linkcheck *lc, links_ref *r)
{
	const links_entry *e = &lc->entries[r->entry];
	ml_link_result *res = &r->res;

	res->url = r->key;
	res->status = e->status;
	res->http_code = e->code;
	res->detail = e->detail ? e->detail : "not checked";
	res->redirected_permanently = e->perm_url != NULL;
	res->permanent_url = e->perm_url;
	res->final_url = e->final_url;
	res->redirects = e->hops;
	res->insecure_https_works = e->insecure;
	res->from_cache = e->from_cache;
	res->requests = e->requests;
	res->body_bytes = e->body_bytes;
	res->fragment = r->frag;
	res->fragment_state = fragment_state(e, r->frag);
	res->body = e->body;
	res->body_len = e->body_len;
	res->body_truncated = e->body_truncated;
}

const ml_link_result *ml_linkcheck_result(const ml_linkcheck *lc,
					  const char *url)
{
	size_t i;

	if (!ml_urlmap_get(&lc->ref_index, url, &i))
		return NULL;
	fill_result((ml_linkcheck *)lc, &lc->refs[i]);
	return &lc->refs[i].res;
}

size_t ml_linkcheck_count(const ml_linkcheck *lc)
{
	return lc->nentries;
}

size_t ml_linkcheck_requests(const ml_linkcheck *lc)
{
	return lc->requests;
}

/* --- the cache ---------------------------------------------------------- */

static int fragment_key(const links_entry *e, size_t i, ml_buf *key)
{
	ml_buf_clear(key);
	return ml_buf_printf(key, "%s#%s", e->url, e->frags[i]);
}

/* Settled by the cache: the URL passed within the TTL and so did every
 * fragment looked for. */
static int from_cache(ml_linkcheck *lc, const ml_linkcache *c, size_t ei)
{
	links_entry *e = &lc->entries[ei];
	ml_buf key = ML_BUF_INIT(ML_LIMIT_SHORT);
	int code = ml_linkcache_get(c, e->url, NULL), rc = ML_OK;
	size_t i;

	if (!code || !links_accepted(lc, code))
		return ML_OK;
	for (i = 0; i < e->nfrags && rc == ML_OK; i++) {
		rc = fragment_key(e, i, &key);
		if (rc == ML_OK && !ml_linkcache_get(c, key.ptr, NULL))
			break;
	}
	ml_buf_dispose(&key);
	if (rc || i < e->nfrags)
		return rc;
	for (i = 0; i < e->nfrags; i++)
		e->fstate[i] = ML_FRAGMENT_FOUND;
	e->from_cache = 1;
	e->code = code;
	return links_settle(lc, ei, ML_LINK_OK, "HTTP %d (cached)", code);
}

/* What this run learnt: passes are stored, failures forgotten. Redirects
 * and insecure links are not stored so that their warnings come back. */
static int cache_update(ml_linkcheck *lc, ml_linkcache *c, long long now)
{
	ml_buf key = ML_BUF_INIT(ML_LIMIT_SHORT);
	size_t i, j;
	int rc = ML_OK, pass;

	for (i = 0; i < lc->nentries && rc == ML_OK; i++) {
		links_entry *e = &lc->entries[i];
		if (e->phase != LINKS_PH_DONE || e->from_cache ||
		    e->status == ML_LINK_EXCLUDED ||
		    e->status == ML_LINK_UNDECIDED)
			continue;
		pass = e->status == ML_LINK_OK && !e->perm_url && !e->insecure;
		rc = pass ? ml_linkcache_put(c, e->url, (int)e->code, now) : 0;
		if (!pass)
			ml_linkcache_forget(c, e->url);
		for (j = 0; rc == ML_OK && j < e->nfrags; j++) {
			rc = fragment_key(e, j, &key);
			if (rc == ML_OK && pass &&
			    e->fstate[j] == ML_FRAGMENT_FOUND)
				rc = ml_linkcache_put(c, key.ptr, (int)e->code,
						      now);
			else if (rc == ML_OK)
				ml_linkcache_forget(c, key.ptr);
		}
	}
	ml_buf_dispose(&key);
	return rc;
}

/* --- the run ------------------------------------------------------------ */

static int queue_all(ml_linkcheck *lc)
{
	size_t i;
	int rc = ML_OK;

	for (i = 0; i < lc->nentries && rc == ML_OK; i++) {
		links_entry *e = &lc->entries[i];
		if (e->phase == LINKS_PH_DONE)
			continue;
		e->get = e->need_body;
		e->nchain = 0;
		rc = ml_grow((void **)&e->chain, &e->cchain, 1,
			     sizeof(*e->chain));
		if (rc == ML_OK && !(e->chain[0] = ml_strdup(e->url)))
			rc = ML_ENOMEM;
		if (rc)
			break;
		e->nchain = 1;
		rc = links_host_for(lc, e->cur, &e->host);
		if (rc == ML_EINVAL)
			rc = links_settle(lc, i, ML_LINK_BROKEN,
					  "malformed URL");
		else if (rc == ML_OK)
			rc = links_enqueue(lc, i, 0);
	}
	return rc;
}

static int check(ml_linkcheck *lc)
{
	int rc;

	lc->multi = curl_multi_init();
	if (!lc->multi)
		return ML_EIO;
	rc = queue_all(lc);
	if (rc == ML_OK)
		rc = links_loop(lc);
	return rc;
}

int ml_linkcheck_run(ml_linkcheck *lc, ml_buf *warnings)
{
	ml_linkcache cache;
	long long now = (long long)time(NULL);
	size_t i;
	int rc = ML_OK, src;

	if (lc->ran)
		return ML_EINVAL;
	lc->ran = 1;
	ml_linkcache_init(&cache);
	cache.allow_private = lc->o.allow_private;
	if (lc->cache_path)
		rc = ml_linkcache_load(&cache, lc->cache_path,
				       lc->o.cache_ttl_s, now, warnings);
	for (i = 0; rc == ML_OK && i < lc->nentries; i++)
		if (lc->entries[i].phase != LINKS_PH_DONE)
			rc = from_cache(lc, &cache, i);
	links_report_progress(lc);
	if (rc == ML_OK && lc->unsettled)
		rc = check(lc);
	/* Save even after an error or a stop: what was learnt stays. */
	if (lc->cache_path && rc != ML_ENOMEM) {
		src = cache_update(lc, &cache, (long long)time(NULL));
		if (src == ML_OK)
			src = ml_linkcache_save(&cache, lc->cache_path,
						warnings);
		if (src == ML_ENOMEM)
			rc = rc ? rc : src;
	}
	ml_linkcache_dispose(&cache);
	return rc;
}

/* --- freeing ------------------------------------------------------------ */

static void entry_dispose(links_entry *e)
{
	size_t i;

	for (i = 0; i < e->nfrags; i++)
		free(e->frags[i]);
	for (i = 0; i < e->nchain; i++)
		free(e->chain[i]);
	free(e->frags);
	free(e->fstate);
	free(e->chain);
	free(e->url);
	free(e->cur);
	free(e->detail);
	free(e->perm_url);
	free(e->final_url);
	free(e->body);
}

void ml_linkcheck_free(ml_linkcheck *lc)
{
	size_t i;

	if (!lc)
		return;
	if (lc->multi) {
		links_abort_all(lc);
		curl_multi_cleanup(lc->multi);
	}
	for (i = 0; i < lc->nentries; i++)
		entry_dispose(&lc->entries[i]);
	for (i = 0; i < lc->nrefs; i++) {
		free(lc->refs[i].key);
		free(lc->refs[i].frag);
	}
	for (i = 0; i < lc->nhosts; i++) {
		free(lc->hosts[i].key);
		free(lc->hosts[i].queue);
	}
	for (i = 0; i < lc->nexclude; i++)
		pcre2_code_free(lc->exclude[i]);
	for (i = 0; lc->exclude_what && i < lc->nexclude; i++)
		free(lc->exclude_what[i]);
	free(lc->exclude);
	free(lc->exclude_what);
	free(lc->entries);
	free(lc->refs);
	free(lc->hosts);
	free(lc->accept);
	free(lc->cache_path);
	free(lc->user_agent);
	curl_slist_free_all(lc->resolve);
	ml_urlmap_dispose(&lc->entry_index);
	ml_urlmap_dispose(&lc->ref_index);
	ml_urlmap_dispose(&lc->host_index);
	curl_global_cleanup();
	free(lc);
}
