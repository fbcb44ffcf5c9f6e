/* core/config.h - .medlint.yaml: where it is, what it says.
 *
 * Unknown keys and bad values are errors naming the key and its line, so a
 * typo never silently disables a check. */
#ifndef ML_CONFIG_H
#define ML_CONFIG_H

#include <stddef.h>

#include "core/config_types.h"
#include "core/filelist.h"
#include "core/ruletab.h"
#include "core/site.h"
#include "parse/node.h"
#include "util/buf.h"

typedef struct {
	long timeout_s; /* per attempt */
	long connect_timeout_s;
	int retries;
	int concurrency; /* global cap */
	int per_host;
	int interval_ms;
	long retry_after_cap_s;
	char *cache; /* path, relative paths resolved against root */
	long cache_ttl_s;
	int *accept; /* extra accepted status codes */
	size_t naccept;
	char **exclude;	   /* PCRE2 patterns of URLs not to check */
	char **exclude_at; /* per pattern: "FILE:LINE:COL" of its value */
	size_t nexclude;
} ml_link_config;

/* verify: (SPEC "Reference verification") */
typedef struct {
	char *crossref;		 /* base URL, no trailing slash */
	char *eutils;		 /* base URL, no trailing slash */
	char *mailto;		 /* Crossref's polite pool; NULL when unset */
	char *api_key_env;	 /* the variable holding the NCBI API key */
	double title_similarity; /* 0.85 */
	long cache_ttl_s;	 /* 7 days */
	char *cache; /* the verification cache, resolved against root */
} ml_verify_config;

/* overrides: one entry, {files: [globs], schema, rules, site, links}; its
 * globs match paths relative to the config's folder. */
typedef struct {
	char **files;
	size_t nfiles;
	int line, column;
} ml_config_override;

/* Where a value was set, for --print-config: the key ("schema",
 * "rules.review-stale", "rules.review-stale.max_age_days", "links.timeout",
 * "include"), the line of the config that set it and the override that
 * did (1-based; 0: the config's top level). The last record of a key
 * wins, as the value does. */
typedef struct {
	char *key;
	int line;
	int override;
} ml_config_origin;

/* At most this many overrides in one config (a set of them is a bit mask). */
#define ML_CONFIG_MAX_OVERRIDES 64

typedef struct {
	char *path;   /* the config file, NULL when none was found */
	char *root;   /* absolute folder holding it (the content root) */
	char *schema; /* absolute or NULL */
	char **include;
	size_t ninclude;
	char **exclude;
	size_t nexclude;
	char **extensions; /* article extensions, without the dot; none:
			      md, markdown, mdx (core/filelist.h) */
	size_t nextensions;
	ml_severity severity[ML_RULE__COUNT];	/* resolved per rule */
	unsigned char rule_set[ML_RULE__COUNT]; /* the config set it */
	int review_max_age_days; /* rules: review-stale: max_age_days; 0 = schema's */
	char **proper_nouns;	/* rules: citation-case: proper_nouns */
	int double_hyphen_dash; /* rules: citation-source: double_hyphen_dash:
				   the site renders -- as an en dash */
	size_t nproper_nouns;
	ml_link_config links;
	ml_verify_config verify;
	ml_site_config site;	       /* site: (core/site.h) */
	ml_types_config types;	       /* types: (core/config_types.h) */
	ml_language_config language;   /* language: */
	ml_config_override *overrides; /* overrides:, in order */
	size_t noverrides;
	unsigned long long applied; /* bit i: overrides[i] is applied */
	ml_config_origin *origins;
	size_t norigins;
} ml_config;

/* Defaults only (no file). */
void ml_config_init(ml_config *c);
/* Find .medlint.yaml from dir upward; returns a malloc'd path or NULL. */
char *ml_config_find(const char *dir);
/* Load a config file over the defaults. Non-zero on error with every
 * mistake found, one "file:line:col: reason" line each (joined by
 * newlines) in err; c then holds what could be read. */
int ml_config_load(ml_config *c, const char *path, ml_buf *err);
/* The same with the overrides of mask (bit i: overrides[i]) applied in
 * order over the top level, later ones winning. */
int ml_config_load_with(ml_config *c, const char *path, unsigned long long mask,
			ml_buf *err);
/* The overrides whose files: match path (relative to the config's folder,
 * or absolute under it), as a mask for ml_config_load_with. */
unsigned long long ml_config_overrides_for(const ml_config *c,
					   const char *path);
/* Where key was set (see ml_config_origin), or NULL: the default. */
const ml_config_origin *ml_config_origin_of(const ml_config *c,
					    const char *key);
void ml_config_dispose(ml_config *c);

/* Glob match of a '/'-separated relative path: '*' and '?' stay inside a
 * path segment, '**' spans segments, '[...]' classes as fnmatch. */
int ml_glob_match(const char *pattern, const char *path);

/* Applies one of the JSON Schemas compiled into medlint (its own config
 * and schema formats, core/embedded.h) to root, a file medlint loaded:
 * the first violation is code with "file:line:col: message (name)" in
 * err. */
int ml_builtin_schema_apply(const unsigned char *schema, size_t len,
			    const char *schema_name, const ml_node *root,
			    const char *file, int code, ml_buf *err);

/* The selection of files cfg makes (include, exclude, extensions) under
 * root: cfg's own root when it sets one, else the one given. Points into
 * cfg, which must outlive sel. */
void ml_config_select(const ml_config *cfg, const char *root, ml_select *sel);

#endif
