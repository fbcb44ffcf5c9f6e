/* core/site.h - the `site:` block of .medlint.yaml: which generator
 * builds the site and what the generator's own config cannot say.
 *
 * The generator's config file (hugo.toml, _config.yml, mkdocs.yml) is
 * read later, by core/routes.c, when the run builds its route index; this
 * module only holds what .medlint.yaml says, checked as it loads. */
#ifndef ML_SITE_H
#define ML_SITE_H

#include <stddef.h>

#include "parse/node.h"
#include "util/buf.h"

typedef enum {
	ML_GEN_NONE = 0, /* no site: links resolve as files (the default) */
	ML_GEN_HUGO,
	ML_GEN_JEKYLL,
	ML_GEN_MKDOCS,
	ML_GEN_DOCUSAURUS,
	ML_GEN_ASTRO,
	ML_GEN_NEXT,
	ML_GEN_PLAIN
} ml_site_gen;

typedef struct {
	char **v;
	size_t n;
} ml_strlist;

typedef struct {
	ml_site_gen gen;
	char *root;   /* the site's folder, absolute (default: the config's) */
	char *config; /* the generator's config, absolute; NULL: its defaults */
	char *base_url; /* the published address, no trailing '/'; NULL */
	ml_strlist content_dirs; /* relative to root; empty: generator's */
	ml_strlist static_dirs;	 /* relative to root; empty: generator's */
	int directory_urls;	 /* 1, 0, or -1: the generator's */
	char *docs_route;	 /* docusaurus: where docs/ is served */
	/* plain (as lychee names them) */
	char *root_dir;		 /* root-relative links; relative to root */
	ml_strlist fallback_ext; /* tried on a path without extension */
	ml_strlist index_files;	 /* tried on a folder */
} ml_site_config;

void ml_site_config_init(ml_site_config *s);
void ml_site_config_dispose(ml_site_config *s);
/* Load the `site:` mapping v of file (whose folder is config_root) over
 * s. Non-zero with "file:line:col: reason" in err. */
int ml_site_config_load(ml_site_config *s, const char *file,
			const char *config_root, const ml_node *v, ml_buf *err);
/* "hugo", ... ; NULL for ML_GEN_NONE. */
const char *ml_site_gen_name(ml_site_gen g);
/* The generator whose config file is in folder dir (hugo.toml,
 * _config.yml, mkdocs.yml, docusaurus.config.*, astro.config.*,
 * next.config.*), or ML_GEN_NONE; *file gets the name found. */
ml_site_gen ml_site_detect(const char *dir, const char **file);

#endif
