/* core/routes.h - the site's routes, as its generator publishes them.
 *
 * With a `site:` block (core/site.h) links resolve as the generator
 * resolves them: one route index per run maps every URL the site
 * publishes (pages by their folder, pretty URL, front-matter slug, url,
 * permalink, aliases, id; static and bundled files) to the source file,
 * and #fragments are checked against the ids the generator renders for
 * that file's headings (its own slug rules, {#id} attributes, HTML id and
 * <a name>). The generator's own config (hugo.toml, _config.yml,
 * mkdocs.yml) is read when the index is made; the index itself is walked
 * on first use, under a lock, and read without one afterwards. */
#ifndef ML_ROUTES_H
#define ML_ROUTES_H

#include <stddef.h>

#include "core/article.h"
#include "core/site.h"
#include "util/buf.h"

typedef struct ml_routes ml_routes;

/* Read the generator's config for sc: ML_OK with *out, or ML_ECONFIG with
 * a one-line "file:line:col: reason" in err (ML_ENOMEM). */
int ml_routes_new(const ml_site_config *sc, ml_routes **out, ml_buf *err);
void ml_routes_free(ml_routes *r);
ml_site_gen ml_routes_gen(const ml_routes *r);
/* 1 when the walk of the site failed (a folder could not be read). */
int ml_routes_failed(const ml_routes *r);
/* The i-th folder the walk reads (absolute; what it walks lies under
 * it), NULL past the last: a caller that bounds the walk's size (the
 * language server) counts them before the first link needs them. */
const char *ml_routes_dir(const ml_routes *r, size_t i);

typedef enum {
	ML_ROUTE_OK,	     /* resolves, fragment found */
	ML_ROUTE_EXTERNAL,   /* not this site's: the link checker's */
	ML_ROUTE_NO_TARGET,  /* no page or file at that route */
	ML_ROUTE_NO_ANCHOR,  /* the page has no such id */
	ML_ROUTE_UNDECIDED,  /* a template medlint does not resolve */
	ML_ROUTE_UNPUBLISHED /* a page the generator leaves out (a draft) */
} ml_route_verdict;

typedef struct {
	ml_route_verdict verdict;
	char shown[512]; /* the target as the message names it */
	char frag[256];	 /* the fragment looked for */
} ml_route_result;

/* Resolve url, a link of article a (NULL path: standard input).
 * ML_OK with *res, or ML_ENOMEM. */
int ml_routes_check(const ml_routes *r, const ml_article *a, const char *url,
		    ml_route_result *res);
/* A Hugo {{< ref "target" >}} / relref: the same, for a ref target. */
int ml_routes_check_ref(const ml_routes *r, const ml_article *a,
			const char *target, ml_route_result *res);

/* Count a link left undecided; the run names the first place once. */
void ml_routes_undecided(const ml_routes *r, const char *path, int line,
			 int column);
/* How many links were left undecided, and the first (NULL when none). */
size_t ml_routes_undecided_count(const ml_routes *r, const char **path,
				 int *line, int *column);

#endif
