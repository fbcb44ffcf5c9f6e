/* core/config.c - .medlint.yaml loading and glob matching. */
#include "core/config.h"

#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/embedded.h"
#include "parse/frontmatter.h"
#include "parse/node.h"
#include "schema/schema.h"
#include "util/common.h"
#include "util/utf8.h"
#include "util/regex.h"
#include "util/trust.h"

#define CONFIG_MAX_BYTES ((size_t)1024 * 1024)

void ml_config_init(ml_config *c)
{
	int i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < ML_RULE__COUNT; i++)
		c->severity[i] = ml_rule_info_get((ml_rule)i)->severity;
	c->links.timeout_s = 10;
	c->links.connect_timeout_s = 5;
	c->links.retries = 3;
	c->links.concurrency = 64;
	c->links.per_host = 4;
	c->links.interval_ms = 100;
	c->links.retry_after_cap_s = 60;
	c->links.cache_ttl_s = 7L * 24 * 3600;
	c->verify.crossref = ml_strdup("https://api.crossref.org");
	c->verify.eutils =
		ml_strdup("https://eutils.ncbi.nlm.nih.gov/entrez/eutils");
	c->verify.api_key_env = ml_strdup("NCBI_API_KEY");
	c->verify.title_similarity = 0.85;
	c->verify.cache_ttl_s = 7L * 24 * 3600;
	ml_site_config_init(&c->site);
}

static void free_list(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void ml_config_dispose(ml_config *c)
{
	size_t i;

	free(c->path);
	free(c->root);
	free(c->schema);
	free_list(c->include, c->ninclude);
	free_list(c->exclude, c->nexclude);
	free_list(c->extensions, c->nextensions);
	free_list(c->proper_nouns, c->nproper_nouns);
	free(c->links.cache);
	free(c->verify.crossref);
	free(c->verify.eutils);
	free(c->verify.mailto);
	free(c->verify.api_key_env);
	free(c->verify.cache);
	free(c->links.accept);
	free_list(c->links.exclude, c->links.nexclude);
	free_list(c->links.exclude_at, c->links.nexclude);
	ml_site_config_dispose(&c->site);
	ml_config_types_dispose(&c->types, &c->language);
	for (i = 0; i < c->noverrides; i++)
		free_list(c->overrides[i].files, c->overrides[i].nfiles);
	free(c->overrides);
	for (i = 0; i < c->norigins; i++)
		free(c->origins[i].key);
	free(c->origins);
	memset(c, 0, sizeof(*c));
}

/* A config applies when its owner is the user or root: one planted by
 * another user in a shared folder above the project (/tmp) does not. */
static int trusted_config(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	       (st.st_uid == geteuid() || st.st_uid == 0);
}

/* The folder holding .git is the repository root: the search ends there. */
static int repo_root(const char *dir)
{
	char git[PATH_MAX];
	struct stat st;

	return snprintf(git, sizeof(git), "%s/.git",
			strcmp(dir, "/") == 0 ? "" : dir) < (int)sizeof(git) &&
	       lstat(git, &st) == 0;
}

char *ml_config_find(const char *dir)
{
	char path[PATH_MAX];
	char cur[PATH_MAX];
	char *slash;

	if (!realpath(dir, cur))
		return NULL;
	for (;;) {
		if (snprintf(path, sizeof(path), "%s/.medlint.yaml",
			     strcmp(cur, "/") == 0 ? "" : cur) >=
		    (int)sizeof(path))
			return NULL;
		if (trusted_config(path))
			return ml_strdup(path);
		slash = strrchr(cur, '/');
		if (!slash || cur[1] == '\0' || repo_root(cur))
			return NULL;
		if (slash == cur)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
}

/* ---- loading ------------------------------------------------------ */

typedef struct {
	ml_config *c;
	const char *file;
	ml_buf *err; /* the mistake at hand */
	ml_buf *all; /* every mistake of the file, one line each */
	int nerr;
	int override; /* the override being read, 1-based; 0: the top level */
} loader;

#define bad(l, n, ...) \
	ml_yaml_fail((l)->err, ML_ECONFIG, (l)->file, n, __VA_ARGS__)

/* A mistake is kept and the reading goes on (ml_text_note). */
static int note(loader *l, int rc)
{
	return ml_text_note(l->all, &l->nerr, l->err, l->file, rc);
}

/* Where key's value came from (ml_config_origin). */
static int origin(loader *l, const char *key, const char *sub, const char *opt,
		  const ml_node *at)
{
	ml_config *c = l->c;
	ml_config_origin *o;
	ml_buf k = ML_BUF_INIT(ML_LIMIT_SHORT);

	if (ml_buf_printf(&k, "%s%s%s%s%s", key, sub ? "." : "", sub ? sub : "",
			  opt ? "." : "", opt ? opt : ""))
		return ML_ENOMEM;
	o = realloc(c->origins, (c->norigins + 1) * sizeof(*o));
	if (!o) {
		ml_buf_dispose(&k);
		return ML_ENOMEM;
	}
	c->origins = o;
	o[c->norigins].key = ml_buf_detach(&k);
	o[c->norigins].line = at->line;
	o[c->norigins].override = l->override;
	if (!o[c->norigins].key)
		return ML_ENOMEM;
	c->norigins++;
	return ML_OK;
}

const ml_config_origin *ml_config_origin_of(const ml_config *c, const char *key)
{
	size_t i = c->norigins;

	while (i-- > 0)
		if (strcmp(c->origins[i].key, key) == 0)
			return &c->origins[i];
	return NULL;
}

static int get_string(loader *l, const ml_node *key, const ml_node *v,
		      char **out)
{
	if (v->type != ML_NODE_STRING)
		return bad(l, v, "\"%s\" must be a string", key->str);
	free(*out);
	*out = ml_strdup(v->str);
	return *out ? ML_OK : ML_ENOMEM;
}

static int get_long(loader *l, const ml_node *key, const ml_node *v, long min,
		    long max, long *out)
{
	if (v->type != ML_NODE_INT || v->num < (double)min ||
	    v->num > (double)max) {
		ml_buf_clear(l->err);
		ml_buf_printf(
			l->err,
			"%s:%d:%d: \"%s\" must be an integer from %ld to %ld",
			l->file, v->line, v->column, key->str, min, max);
		return ML_ECONFIG;
	}
	*out = (long)v->num;
	return ML_OK;
}

static int get_int(loader *l, const ml_node *key, const ml_node *v, int min,
		   int max, int *out)
{
	long x;
	int rc = get_long(l, key, v, min, max, &x);

	if (!rc)
		*out = (int)x;
	return rc;
}

/* A string or a list of strings. */
static int get_list(loader *l, const ml_node *key, const ml_node *v,
		    char ***out, size_t *n)
{
	size_t i, cnt = v->type == ML_NODE_SEQ ? v->nitems : 1;
	char **list;

	if (v->type != ML_NODE_SEQ && v->type != ML_NODE_STRING)
		return bad(l, v, "\"%s\" must be a string or a list of strings",
			   key->str);
	list = calloc(cnt ? cnt : 1, sizeof(char *));
	if (!list)
		return ML_ENOMEM;
	for (i = 0; i < cnt; i++) {
		const ml_node *it = v->type == ML_NODE_SEQ ? v->items[i] : v;
		if (it->type != ML_NODE_STRING) {
			free_list(list, i);
			return bad(l, it, "items of \"%s\" must be strings",
				   key->str);
		}
		list[i] = ml_strdup(it->str);
	}
	free_list(*out, *n);
	*out = list;
	*n = cnt;
	return ML_OK;
}

static int load_rule(loader *l, const ml_node *key, const ml_node *v)
{
	int id = ml_rule_lookup(key->str), sev, rc = ML_OK;
	size_t i;
	const ml_node *sv = v;

	if (id < 0)
		return bad(l, key,
			   "unknown rule \"%s\" (see medlint --list-rules)",
			   key->str);
	if (v->type == ML_NODE_MAP) {
		sv = NULL;
		for (i = 0; i < v->npairs; i++) {
			const ml_node *k = v->pairs[i].key,
				      *o = v->pairs[i].value;
			if (strcmp(k->str, "severity") != 0 &&
			    origin(l, "rules", key->str, k->str, k))
				return ML_ENOMEM;
			if (strcmp(k->str, "severity") == 0)
				sv = o;
			else if (id == ML_RULE_REVIEW_STALE &&
				 strcmp(k->str, "max_age_days") == 0)
				rc = get_int(l, k, o, 1, 100000,
					     &l->c->review_max_age_days);
			else if (id == ML_RULE_CITATION_SOURCE &&
				 strcmp(k->str, "double_hyphen_dash") == 0) {
				if (o->type != ML_NODE_BOOL)
					return bad(l, o,
						   "\"double_hyphen_dash\" "
						   "must be true or false");
				l->c->double_hyphen_dash = o->boolean;
			} else if (id == ML_RULE_CITATION_CASE &&
				   strcmp(k->str, "proper_nouns") == 0)
				rc = get_list(l, k, o, &l->c->proper_nouns,
					      &l->c->nproper_nouns);
			else
				return bad(
					l, k,
					"unknown option \"%s\" for this rule",
					k->str);
			if (rc)
				return rc;
		}
		if (!sv)
			return ML_OK;
	}
	if (sv->type != ML_NODE_STRING ||
	    (sev = ml_severity_parse(sv->str)) < 0)
		return bad(l, sv,
			   "severity of \"%s\" must be off, warning or error",
			   key->str);
	l->c->severity[id] = (ml_severity)sev;
	l->c->rule_set[id] = 1;
	return origin(l, "rules", key->str, NULL, key);
}

/* "citation-*: off": a glob over rule ids sets every rule it matches,
 * so that a schema without a reference list turns a family off at once. */
static int load_rule_glob(loader *l, const ml_node *key, const ml_node *v)
{
	int i, sev, n = 0;

	if (v->type != ML_NODE_STRING || (sev = ml_severity_parse(v->str)) < 0)
		return bad(l, v,
			   "severity of \"%s\" must be off, warning or error",
			   key->str);
	for (i = 0; i < ML_RULE__COUNT; i++)
		if (fnmatch(key->str, ml_rule_info_get((ml_rule)i)->id, 0) ==
		    0) {
			l->c->severity[i] = (ml_severity)sev;
			l->c->rule_set[i] = 1;
			if (origin(l, "rules", ml_rule_info_get((ml_rule)i)->id,
				   NULL, key))
				return ML_ENOMEM;
			n++;
		}
	if (!n)
		return bad(l, key,
			   "\"%s\" matches no rule (see medlint --list-rules)",
			   key->str);
	return ML_OK;
}

static int load_rules(loader *l, const ml_node *v)
{
	size_t i;
	int rc;

	if (v->type != ML_NODE_MAP)
		return bad(l, v, "\"rules\" must be a mapping of rule ids%s",
			   "");
	for (i = 0; i < v->npairs; i++) {
		const ml_node *k = v->pairs[i].key;
		if (k->str && strpbrk(k->str, "*?["))
			rc = load_rule_glob(l, k, v->pairs[i].value);
		else
			rc = load_rule(l, k, v->pairs[i].value);
		if ((rc = note(l, rc)))
			return rc;
	}
	return ML_OK;
}

static int load_accept(loader *l, const ml_node *key, const ml_node *v)
{
	ml_link_config *lc = &l->c->links;
	size_t i;
	long code;
	int rc;

	if (v->type != ML_NODE_SEQ)
		return bad(l, v, "\"%s\" must be a list of status codes",
			   key->str);
	free(lc->accept);
	lc->naccept = 0;
	lc->accept = calloc(v->nitems + 1, sizeof(int));
	if (!lc->accept)
		return ML_ENOMEM;
	for (i = 0; i < v->nitems; i++) {
		if ((rc = get_long(l, key, v->items[i], 100, 999, &code)))
			return rc;
		lc->accept[lc->naccept++] = (int)code;
	}
	return ML_OK;
}

/* links.exclude: every pattern compiles now, whether or not this run
 * checks links, and is kept with where its value is for messages. */
static int load_link_exclude(loader *l, const ml_node *k, const ml_node *v)
{
	ml_link_config *lc = &l->c->links;
	ml_buf why = ML_BUF_INIT(ML_LIMIT_SHORT);
	size_t i, n = lc->nexclude;
	char **at;
	int rc;

	free_list(lc->exclude_at, n);
	lc->exclude_at = NULL;
	if ((rc = get_list(l, k, v, &lc->exclude, &lc->nexclude)))
		return rc;
	n = lc->nexclude;
	if (!(at = calloc(n ? n : 1, sizeof(char *))))
		return ML_ENOMEM;
	lc->exclude_at = at;
	for (i = 0; i < n && !rc; i++) {
		const ml_node *it = v->type == ML_NODE_SEQ ? v->items[i] : v;
		ml_regex *re = ml_regex_new(it->str, it->len, 0, &why);
		if (!re)
			rc = bad(l, it, "bad links.exclude pattern \"%s\": %s",
				 it->str, ml_buf_cstr(&why));
		ml_regex_free(re);
		ml_buf_clear(&why);
		if (!rc && ml_buf_printf(&why, "%s:%d:%d", l->file, it->line,
					 it->column))
			rc = ML_ENOMEM;
		if (!rc && !(at[i] = ml_strdup(ml_buf_cstr(&why))))
			rc = ML_ENOMEM;
		ml_buf_clear(&why);
	}
	ml_buf_dispose(&why);
	return rc;
}

static int anchor_path(loader *l, char **p);

/* A cache path from the config (untrusted): anchored at the config's
 * folder and confined to the repository, links resolved (util/trust.h). */
static int get_cache(loader *l, const char *group, const ml_node *k,
		     const ml_node *v, char **out)
{
	ml_buf why = ML_BUF_INIT(ML_LIMIT_SHORT);
	char repo[PATH_MAX];
	int rc = get_string(l, k, v, out);

	if (!rc)
		rc = anchor_path(l, out);
	if (rc)
		return rc;
	if (ml_repo_root(l->c->root, repo, sizeof(repo)) != ML_OK)
		(void)ml_buf_puts(&why, "the repository does not resolve");
	else if (ml_path_within(repo, *out, &why))
		return ML_OK;
	rc = bad(l, v,
		 "\"%s.cache\" %s is refused: %s (a cache the config names "
		 "stays inside the repository; give another place with "
		 "--cache on the command line)",
		 group, v->str, ml_buf_cstr(&why));
	ml_buf_dispose(&why);
	return rc;
}

static int load_link_key(loader *l, const ml_node *k, const ml_node *v)
{
	ml_link_config *lc = &l->c->links;
	const char *s = k->str;

	if (origin(l, "links", s, NULL, k))
		return ML_ENOMEM;
	if (strcmp(s, "timeout") == 0)
		return get_long(l, k, v, 1, 600, &lc->timeout_s);
	if (strcmp(s, "connect_timeout") == 0)
		return get_long(l, k, v, 1, 600, &lc->connect_timeout_s);
	if (strcmp(s, "retries") == 0)
		return get_int(l, k, v, 0, 10, &lc->retries);
	if (strcmp(s, "concurrency") == 0)
		return get_int(l, k, v, 1, 1024, &lc->concurrency);
	if (strcmp(s, "per_host") == 0)
		return get_int(l, k, v, 1, 64, &lc->per_host);
	if (strcmp(s, "interval") == 0)
		return get_int(l, k, v, 0, 60000, &lc->interval_ms);
	if (strcmp(s, "retry_after_cap") == 0)
		return get_long(l, k, v, 0, 3600, &lc->retry_after_cap_s);
	if (strcmp(s, "cache") == 0)
		return get_cache(l, "links", k, v, &lc->cache);
	if (strcmp(s, "cache_ttl") == 0)
		return get_long(l, k, v, 0, 365L * 24 * 3600, &lc->cache_ttl_s);
	if (strcmp(s, "accept") == 0)
		return load_accept(l, k, v);
	if (strcmp(s, "exclude") == 0)
		return load_link_exclude(l, k, v);
	return bad(l, k,
		   "unknown key \"links.%s\" (known: timeout, connect_timeout, "
		   "retries, concurrency, per_host, interval, retry_after_cap, "
		   "cache, cache_ttl, accept, exclude)",
		   s);
}

static int load_links(loader *l, const ml_node *v)
{
	size_t i;
	int rc;

	if (v->type != ML_NODE_MAP)
		return bad(l, v, "\"links\" must be a mapping");
	for (i = 0; i < v->npairs; i++)
		if ((rc = note(l, load_link_key(l, v->pairs[i].key,
						v->pairs[i].value))))
			return rc;
	return ML_OK;
}

/* A base URL, kept without its trailing slashes. */
static int get_base(loader *l, const ml_node *k, const ml_node *v, char **out)
{
	size_t n;
	int rc = get_string(l, k, v, out);

	if (rc)
		return rc;
	if (strncmp(*out, "http://", 7) != 0 &&
	    strncmp(*out, "https://", 8) != 0)
		return bad(l, v, "\"verify.%s\" must be an http or https URL",
			   k->str);
	for (n = strlen(*out); n > 8 && (*out)[n - 1] == '/'; n--)
		(*out)[n - 1] = '\0';
	return ML_OK;
}

static int load_verify_key(loader *l, const ml_node *k, const ml_node *v)
{
	ml_verify_config *vc = &l->c->verify;
	const char *s = k->str;

	if (strcmp(s, "crossref") == 0)
		return get_base(l, k, v, &vc->crossref);
	if (strcmp(s, "eutils") == 0)
		return get_base(l, k, v, &vc->eutils);
	if (strcmp(s, "mailto") == 0)
		return get_string(l, k, v, &vc->mailto);
	if (strcmp(s, "api_key_env") == 0) {
		/* The key is a secret of the environment: a repository's
		 * config may not name another variable to send. */
		if (v->type == ML_NODE_STRING &&
		    strcmp(v->str, "NCBI_API_KEY") != 0)
			return bad(l, v,
				   "\"verify.api_key_env\" may only be "
				   "NCBI_API_KEY: the variable holding the key "
				   "is chosen on the command line "
				   "(--ncbi-key-env), never by the repository");
		return get_string(l, k, v, &vc->api_key_env);
	}
	if (strcmp(s, "cache") == 0)
		return get_cache(l, "verify", k, v, &vc->cache);
	if (strcmp(s, "cache_ttl") == 0)
		return get_long(l, k, v, 0, 365L * 24 * 3600, &vc->cache_ttl_s);
	if (strcmp(s, "title_similarity") == 0) {
		if ((v->type != ML_NODE_FLOAT && v->type != ML_NODE_INT) ||
		    v->num < 0 || v->num > 1)
			return bad(l, v,
				   "\"verify.title_similarity\" must be a "
				   "number from 0 to 1");
		vc->title_similarity = v->num;
		return ML_OK;
	}
	return bad(l, k,
		   "unknown key \"verify.%s\" (known: crossref, eutils, "
		   "mailto, api_key_env, title_similarity, cache, cache_ttl)",
		   s);
}

static int load_verify(loader *l, const ml_node *v)
{
	size_t i;
	int rc;

	if (v->type != ML_NODE_MAP)
		return bad(l, v, "\"verify\" must be a mapping");
	for (i = 0; i < v->npairs; i++)
		if ((rc = note(l, load_verify_key(l, v->pairs[i].key,
						  v->pairs[i].value))))
			return rc;
	return ML_OK;
}

/* extensions: names of article files' extensions, the dot optional
 * ("mdx" or ".mdx"); kept without it. */
static int load_extensions(loader *l, const ml_node *k, const ml_node *v)
{
	size_t i;
	int rc = get_list(l, k, v, &l->c->extensions, &l->c->nextensions);

	for (i = 0; !rc && i < l->c->nextensions; i++) {
		const ml_node *it = v->type == ML_NODE_SEQ ? v->items[i] : v;
		char *e = l->c->extensions[i];
		size_t n;

		if (!e)
			return ML_ENOMEM;
		n = strlen(e[0] == '.' ? e + 1 : e);
		if (e[0] == '.')
			memmove(e, e + 1, n + 1);
		if (!n ||
		    strspn(e, "abcdefghijklmnopqrstuvwxyz"
			      "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+-.") != n)
			return bad(l, it,
				   "extension \"%s\" must be a file name "
				   "extension such as md or mdx",
				   it->str);
	}
	if (!rc && !l->c->nextensions)
		return bad(l, v, "\"extensions\" must name at least one");
	return rc;
}

/* Make p absolute against the config's folder. */
static int anchor_path(loader *l, char **p)
{
	ml_buf b = ML_BUF_INIT(ML_LIMIT_TEXT);

	if (!*p || (*p)[0] == '/')
		return ML_OK;
	ml_buf_printf(&b, "%s/%s", l->c->root, *p);
	free(*p);
	*p = ml_buf_detach(&b);
	return *p ? ML_OK : ML_ENOMEM;
}

/* A key the top level and an override share: schema, rules, links, site.
 * 1 when key is none of them. */
static int load_setting(loader *l, const ml_node *k, const ml_node *v)
{
	ml_config *c = l->c;

	if (strcmp(k->str, "schema") == 0)
		return get_string(l, k, v, &c->schema);
	if (strcmp(k->str, "rules") == 0)
		return load_rules(l, v);
	if (strcmp(k->str, "links") == 0)
		return load_links(l, v);
	if (strcmp(k->str, "site") == 0) {
		/* an override's site: replaces the block, as its schema: does */
		ml_site_config_dispose(&c->site);
		ml_site_config_init(&c->site);
		return ml_site_config_load(&c->site, l->file, c->root, v,
					   l->err);
	}
	return 1;
}

/* An override that does not apply to the files at hand is still read, into
 * a config thrown away, so that its mistakes are told on every run. */
static int check_setting(loader *l, const ml_node *k, const ml_node *v)
{
	ml_config tmp;
	loader t = *l;
	int rc;

	ml_config_init(&tmp);
	tmp.root = l->c->root;
	t.c = &tmp;
	rc = load_setting(&t, k, v);
	l->nerr = t.nerr;
	tmp.root = NULL;
	ml_config_dispose(&tmp);
	return rc;
}

static int load_override(loader *l, size_t i, const ml_node *it, int apply)
{
	ml_config_override *o = &l->c->overrides[i];
	const ml_node *files = NULL;
	size_t j;
	int rc;

	if (it->type != ML_NODE_MAP)
		return bad(l, it,
			   "each override must be a mapping with \"files\"%s",
			   "");
	o->line = it->line;
	o->column = it->column;
	l->override = apply ? (int)i + 1 : 0;
	for (j = 0; j < it->npairs; j++) {
		const ml_node *k = it->pairs[j].key, *v = it->pairs[j].value;

		if (strcmp(k->str, "files") == 0) {
			files = v;
			rc = get_list(l, k, v, &o->files, &o->nfiles);
		} else if ((rc = apply ? load_setting(l, k, v)
				       : check_setting(l, k, v)) == 1) {
			rc = bad(l, k,
				 "unknown key \"overrides[%zu].%s\" (known: "
				 "files, schema, rules, site, links)",
				 i + 1, k->str);
		} else if (!rc && apply && strcmp(k->str, "rules") != 0 &&
			   strcmp(k->str, "links") != 0) {
			rc = origin(l, k->str, NULL, NULL, k);
		}
		if ((rc = note(l, rc)))
			return rc;
	}
	l->override = 0;
	if (!files)
		return bad(l, it,
			   "override %zu needs \"files\", the globs of the "
			   "files it applies to",
			   i + 1);
	return ML_OK;
}

static int load_overrides(loader *l, const ml_node *v, unsigned long long mask)
{
	ml_config *c = l->c;
	size_t i;
	int rc;

	if (v->type != ML_NODE_SEQ)
		return bad(l, v, "\"overrides\" must be a list%s", "");
	if (v->nitems > ML_CONFIG_MAX_OVERRIDES)
		return bad(l, v, "\"overrides\" holds more than %d entries",
			   ML_CONFIG_MAX_OVERRIDES);
	if (!(c->overrides =
		      calloc(v->nitems ? v->nitems : 1, sizeof(*c->overrides))))
		return ML_ENOMEM;
	c->noverrides = v->nitems;
	for (i = 0; i < v->nitems; i++)
		if ((rc = note(l, load_override(l, i, v->items[i],
						(int)(mask >> i & 1)))))
			return rc;
	c->applied = v->nitems == 64 ? mask : mask & ((1ULL << v->nitems) - 1);
	return ML_OK;
}

static int load_top(loader *l, const ml_node *root, unsigned long long mask)
{
	const ml_node *ov = NULL;
	size_t i;
	int rc = ML_OK;

	if (root->type == ML_NODE_NULL)
		return ML_OK;
	if (root->type != ML_NODE_MAP)
		return bad(l, root, "the config must be a mapping");
	for (i = 0; i < root->npairs; i++) {
		const ml_node *k = root->pairs[i].key,
			      *v = root->pairs[i].value;
		if (strcmp(k->str, "overrides") == 0) {
			ov = v; /* after the top level, whatever its place */
			continue;
		}
		rc = load_setting(l, k, v);
		if (rc != 1)
			; /* one of the shared keys */
		else if (strcmp(k->str, "include") == 0)
			rc = get_list(l, k, v, &l->c->include, &l->c->ninclude);
		else if (strcmp(k->str, "exclude") == 0)
			rc = get_list(l, k, v, &l->c->exclude, &l->c->nexclude);
		else if (strcmp(k->str, "extensions") == 0)
			rc = load_extensions(l, k, v);
		else if (strcmp(k->str, "verify") == 0)
			rc = load_verify(l, v);
		else if ((rc = ml_config_types_key(
				  &l->c->types, &l->c->language, l->file,
				  l->c->root, k, v, l->err)) == 1)
			rc = bad(l, k,
				 "unknown key \"%s\" (known: schema, include, "
				 "exclude, extensions, rules, links, verify, "
				 "site, overrides, types, language)",
				 k->str);
		if (!rc && strcmp(k->str, "rules") != 0 &&
		    strcmp(k->str, "links") != 0)
			rc = origin(l, k->str, NULL, NULL, k);
		if ((rc = note(l, rc)))
			return rc;
	}
	if (ov && (rc = note(l, load_overrides(l, ov, mask))))
		return rc;
	if (!rc)
		rc = anchor_path(l, &l->c->schema);
	if (!rc)
		rc = anchor_path(l, &l->c->links.cache);
	if (!rc)
		rc = anchor_path(l, &l->c->verify.cache);
	return rc;
}

/* ---- the built-in JSON Schemas of medlint's own files ------------- */

typedef struct {
	const ml_node *at; /* the first violation */
	ml_buf msg;
	int n;
} violations;

static void on_violation(void *ctx, const ml_node *at, const char *message)
{
	violations *v = ctx;

	if (v->n++ == 0) {
		v->at = at;
		(void)ml_buf_puts(&v->msg, message);
	}
}

int ml_builtin_schema_apply(const unsigned char *schema, size_t len,
			    const char *schema_name, const ml_node *root,
			    const char *file, int code, ml_buf *err)
{
	ml_tree *st = NULL;
	ml_schema *s = NULL;
	ml_yaml_error ye;
	violations v = { NULL, ML_BUF_INIT(ML_LIMIT_TEXT), 0 };
	int rc;

	if (root->type == ML_NODE_NULL)
		return ML_OK;
	rc = ml_yaml_parse((const char *)schema, len, 1, &st, &ye);
	if (rc == ML_OK)
		rc = ml_schema_compile(ml_tree_root(st), &s, err);
	if (rc != ML_OK) {
		/* a build that embedded a broken schema: say so, never skip */
		ml_buf_clear(err);
		(void)ml_buf_printf(err, "%s: built-in %s does not compile",
				    file, schema_name);
		ml_tree_free(st);
		return rc == ML_ENOMEM ? ML_ENOMEM : code;
	}
	rc = ml_schema_validate(s, root, on_violation, &v);
	if (rc < 0)
		rc = ML_ENOMEM;
	else if (v.n > 0)
		rc = ml_yaml_fail(err, code, file, v.at, "%s (%s)",
				  ml_buf_cstr(&v.msg), schema_name);
	else
		rc = ML_OK;
	ml_buf_dispose(&v.msg);
	ml_schema_free(s);
	ml_tree_free(st);
	return rc;
}

int ml_config_load_with(ml_config *c, const char *path, unsigned long long mask,
			ml_buf *err)
{
	ml_tree *tree = NULL;
	ml_buf all = ML_BUF_INIT(ML_LIMIT_TEXT);
	loader l = { c, path, err, &all, 0, 0 };
	char abs[PATH_MAX], *slash;
	int rc;

	if (!realpath(path, abs)) {
		ml_buf_printf(err, "%s: config file not found", path);
		return ML_ECONFIG;
	}
	if ((rc = ml_yaml_load_file(path, CONFIG_MAX_BYTES, "config file",
				    ML_ECONFIG, &tree, err)))
		goto done;
	free(c->path);
	c->path = ml_strdup(path);
	slash = strrchr(abs, '/');
	*slash = '\0';
	free(c->root);
	c->root = ml_strdup(abs[0] ? abs : "/");
	rc = load_top(&l, ml_tree_root(tree), mask);
	if (rc == ML_OK && l.nerr) {
		/* every mistake, one line each */
		ml_buf_clear(err);
		rc = ml_buf_put(err, all.ptr, all.len) ? ML_ENOMEM : ML_ECONFIG;
		goto out;
	}
	if (rc == ML_OK)
		rc = ml_builtin_schema_apply(
			ml_config_schema, ml_config_schema_len,
			"schemas/medlint-config.schema.json",
			ml_tree_root(tree), path, ML_ECONFIG, err);
done:
	/* One line, whatever the config's values hold. */
	if (rc && rc != ML_ENOMEM)
		ml_text_oneline(err);
out:
	ml_buf_dispose(&all);
	ml_tree_free(tree);
	return rc;
}

int ml_config_load(ml_config *c, const char *path, ml_buf *err)
{
	return ml_config_load_with(c, path, 0, err);
}

unsigned long long ml_config_overrides_for(const ml_config *c, const char *path)
{
	char abs[PATH_MAX], dir[PATH_MAX];
	const char *rel, *slash;
	unsigned long long mask = 0;
	size_t i, j, n;

	if (!c->noverrides || !c->root)
		return 0;
	if (!realpath(path, abs)) {
		/* a buffer not yet on disk: its folder and its name */
		slash = strrchr(path, '/');
		if (snprintf(dir, sizeof(dir), "%.*s",
			     slash ? (int)(slash - path) : 1,
			     slash ? path : ".") >= (int)sizeof(dir) ||
		    !realpath(slash == path ? "/" : dir, abs) ||
		    strlen(abs) + strlen(slash ? slash : path) + 2 >
			    sizeof(abs))
			return 0;
		(void)snprintf(abs + strlen(abs), sizeof(abs) - strlen(abs),
			       "/%s", slash ? slash + 1 : path);
	}
	n = strlen(c->root);
	if (strcmp(c->root, "/") == 0)
		rel = abs + 1;
	else if (strncmp(abs, c->root, n) == 0 && abs[n] == '/')
		rel = abs + n + 1;
	else
		return 0;
	for (i = 0; i < c->noverrides; i++)
		for (j = 0; j < c->overrides[i].nfiles; j++)
			if (ml_glob_match(c->overrides[i].files[j], rel)) {
				mask |= 1ULL << i;
				break;
			}
	return mask;
}

/* ---- globs -------------------------------------------------------- */

/* A pattern longer than this many segments (after consecutive '**'
 * collapse into one) matches nothing: a config cannot make matching
 * cost more than GLOB_SEGS_MAX fnmatch calls per path segment. */
#define GLOB_SEGS_MAX 256

typedef struct {
	const char *text; /* NUL-terminated segment, or NULL for '**' */
} glob_seg;

/* The segments of p, written over with NULs at its slashes, into seg
 * (cap of them); *n the count, or cap + 1 when there are more. As the
 * recursive matcher read them: '**' alone is a globstar, "**x" a
 * globstar followed by "x"; consecutive globstars are one. */
static void glob_split(char *p, int pattern, glob_seg *seg, size_t cap,
		       size_t *n)
{
	char *slash;

	*n = 0;
	for (;;) {
		if ((slash = strchr(p, '/')))
			*slash = '\0';
		if (pattern && p[0] == '*' && p[1] == '*') {
			if (*n == 0 || seg[*n - 1].text) {
				if (*n == cap)
					goto over;
				seg[(*n)++].text = NULL;
			}
			p += 2;
			if (!*p && slash) {
				p = slash + 1;
				if (!*p)
					return; /* a slash after the last globstar */
				continue;
			}
			if (!*p)
				return;
		}
		if (*n == cap)
			goto over;
		seg[(*n)++].text = p;
		if (!slash)
			return;
		p = slash + 1;
	}
over:
	*n = cap + 1;
}

/* Segment-level wildcard matching with the last globstar remembered
 * (the classic linear-space loop, no recursion): a globstar spans zero
 * or more whole path segments, one at the pattern's end at least one
 * (the segment it stands at). */
static int glob_segs(const glob_seg *ps, size_t np, const glob_seg *xs,
		     size_t nx)
{
	size_t i = 0, j = 0, star_i = 0, star_j = 0;
	int star = 0;

	for (;;) {
		if (i < np && !ps[i].text) {
			if (i == np - 1)
				return 1;
			star = 1;
			star_i = ++i;
			star_j = j;
			continue;
		}
		if (i < np &&
		    fnmatch(ps[i].text, xs[j].text, FNM_PERIOD) == 0) {
			if (i == np - 1 && j == nx - 1)
				return 1;
			if (i < np - 1 && j < nx - 1) {
				i++;
				j++;
				continue;
			}
		}
		if (!star || ++star_j >= nx)
			return 0;
		i = star_i;
		j = star_j;
	}
}

int ml_glob_match(const char *pat, const char *path)
{
	glob_seg ps[GLOB_SEGS_MAX], *xs = NULL;
	char *pc = ml_strdup(pat), *xc = ml_strdup(path);
	size_t np = 0, nx = 1, k;
	int hit = 0;

	for (k = 0; path[k]; k++)
		nx += path[k] == '/';
	if (pc && xc && (xs = calloc(nx, sizeof(*xs)))) {
		glob_split(pc, 1, ps, GLOB_SEGS_MAX, &np);
		glob_split(xc, 0, xs, nx, &nx);
		hit = np >= 1 && np <= GLOB_SEGS_MAX &&
		      glob_segs(ps, np, xs, nx);
	}
	free(pc);
	free(xc);
	free(xs);
	return hit;
}

void ml_config_select(const ml_config *cfg, const char *root, ml_select *sel)
{
	memset(sel, 0, sizeof(*sel));
	sel->include = cfg->include;
	sel->ninclude = cfg->ninclude;
	sel->exclude = cfg->exclude;
	sel->nexclude = cfg->nexclude;
	sel->ext = cfg->extensions;
	sel->next = cfg->nextensions;
	sel->root = cfg->root ? cfg->root : root;
}
