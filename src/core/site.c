/* core/site.c - the `site:` block of .medlint.yaml (core/site.h). */
#include "core/site.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "parse/frontmatter.h"
#include "util/common.h"

static const char *const gen_names[] = { NULL,	   "hugo",	 "jekyll",
					 "mkdocs", "docusaurus", "astro",
					 "next",   "plain" };

const char *ml_site_gen_name(ml_site_gen g)
{
	return (size_t)g < ML_ARRAY_LEN(gen_names) ? gen_names[g] : NULL;
}

static void list_free(ml_strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void ml_site_config_init(ml_site_config *s)
{
	memset(s, 0, sizeof(*s));
	s->directory_urls = -1;
}

void ml_site_config_dispose(ml_site_config *s)
{
	free(s->root);
	free(s->config);
	free(s->base_url);
	free(s->docs_route);
	free(s->root_dir);
	list_free(&s->content_dirs);
	list_free(&s->static_dirs);
	list_free(&s->fallback_ext);
	list_free(&s->index_files);
	ml_site_config_init(s);
}

typedef struct {
	ml_site_config *s;
	const char *file, *root;
	ml_buf *err;
} site_loader;

#define bad(l, n, ...) \
	ml_yaml_fail((l)->err, ML_ECONFIG, (l)->file, n, __VA_ARGS__)

/* A relative path inside the site: no "..", not absolute. */
static int get_path(site_loader *l, const ml_node *k, const ml_node *v,
		    char **out)
{
	if (v->type != ML_NODE_STRING || v->len == 0)
		return bad(l, v, "\"site.%s\" must be a non-empty string",
			   k->str);
	if (v->str[0] == '/' || strstr(v->str, "..") || strlen(v->str) >= 512)
		return bad(l, v,
			   "\"site.%s\" must be a folder inside the site "
			   "(relative, without \"..\")",
			   k->str);
	free(*out);
	*out = ml_strdup(v->str);
	return *out ? ML_OK : ML_ENOMEM;
}

static int get_paths(site_loader *l, const ml_node *k, const ml_node *v,
		     ml_strlist *out)
{
	size_t i, n = v->type == ML_NODE_SEQ ? v->nitems : 1;
	int rc = ML_OK;

	if (v->type != ML_NODE_SEQ && v->type != ML_NODE_STRING)
		return bad(l, v, "\"site.%s\" must be a string or a list",
			   k->str);
	list_free(out);
	if (!(out->v = calloc(n ? n : 1, sizeof(char *))))
		return ML_ENOMEM;
	for (i = 0; i < n && !rc; i++) {
		const ml_node *it = v->type == ML_NODE_SEQ ? v->items[i] : v;
		rc = get_path(l, k, it, &out->v[i]);
		out->n = i + 1;
	}
	return rc;
}

static int get_gen(site_loader *l, const ml_node *v)
{
	size_t i;

	for (i = 1; v->type == ML_NODE_STRING && i < ML_ARRAY_LEN(gen_names);
	     i++)
		if (strcmp(v->str, gen_names[i]) == 0) {
			l->s->gen = (ml_site_gen)i;
			return ML_OK;
		}
	return bad(l, v,
		   "\"site.generator\" must be one of hugo, jekyll, mkdocs, "
		   "docusaurus, astro, next, plain");
}

static int get_url(site_loader *l, const ml_node *v)
{
	size_t n;

	if (v->type != ML_NODE_STRING ||
	    (strncmp(v->str, "http://", 7) != 0 &&
	     strncmp(v->str, "https://", 8) != 0) ||
	    v->len > 1024)
		return bad(l, v,
			   "\"site.base_url\" must be an http or https "
			   "URL");
	free(l->s->base_url);
	if (!(l->s->base_url = ml_strdup(v->str)))
		return ML_ENOMEM;
	for (n = strlen(l->s->base_url); n > 8 && l->s->base_url[n - 1] == '/';
	     n--)
		l->s->base_url[n - 1] = '\0';
	return ML_OK;
}

static int get_route(site_loader *l, const ml_node *k, const ml_node *v,
		     char **out)
{
	if (v->type != ML_NODE_STRING || v->str[0] != '/' || v->len > 512)
		return bad(l, v,
			   "\"site.%s\" must be a path from the site's "
			   "root (\"/docs\")",
			   k->str);
	free(*out);
	*out = ml_strdup(v->str);
	return *out ? ML_OK : ML_ENOMEM;
}

static int load_key(site_loader *l, const ml_node *k, const ml_node *v)
{
	ml_site_config *s = l->s;
	const char *n = k->str;

	if (strcmp(n, "generator") == 0)
		return get_gen(l, v);
	if (strcmp(n, "root") == 0)
		return get_path(l, k, v, &s->root);
	if (strcmp(n, "config") == 0)
		return get_path(l, k, v, &s->config);
	if (strcmp(n, "base_url") == 0)
		return get_url(l, v);
	if (strcmp(n, "content_dir") == 0)
		return get_paths(l, k, v, &s->content_dirs);
	if (strcmp(n, "static_dir") == 0)
		return get_paths(l, k, v, &s->static_dirs);
	if (strcmp(n, "docs_route") == 0)
		return get_route(l, k, v, &s->docs_route);
	if (strcmp(n, "root_dir") == 0)
		return get_path(l, k, v, &s->root_dir);
	if (strcmp(n, "fallback_extensions") == 0)
		return get_paths(l, k, v, &s->fallback_ext);
	if (strcmp(n, "index_files") == 0)
		return get_paths(l, k, v, &s->index_files);
	if (strcmp(n, "directory_urls") == 0) {
		if (v->type != ML_NODE_BOOL)
			return bad(l, v,
				   "\"site.directory_urls\" must be "
				   "true or false");
		s->directory_urls = v->boolean;
		return ML_OK;
	}
	return bad(l, k,
		   "unknown key \"site.%s\" (known: generator, root, config, "
		   "base_url, content_dir, static_dir, directory_urls, "
		   "docs_route, root_dir, fallback_extensions, index_files)",
		   n);
}

/* root and config become absolute: root against the config's folder,
 * config against root. */
static int anchor(site_loader *l)
{
	ml_buf b = ML_BUF_INIT(ML_LIMIT_TEXT);
	int rc = ml_buf_printf(&b, "%s/%s", l->root,
			       l->s->root ? l->s->root : ".");

	free(l->s->root);
	l->s->root = rc ? NULL : ml_buf_detach(&b);
	if (!l->s->root)
		return ML_ENOMEM;
	if (l->s->config) {
		rc = ml_buf_printf(&b, "%s/%s", l->s->root, l->s->config);
		free(l->s->config);
		l->s->config = rc ? NULL : ml_buf_detach(&b);
		if (!l->s->config)
			rc = ML_ENOMEM;
	}
	ml_buf_dispose(&b);
	return rc;
}

int ml_site_config_load(ml_site_config *s, const char *file,
			const char *config_root, const ml_node *v, ml_buf *err)
{
	site_loader l = { s, file, config_root, err };
	size_t i;
	int rc;

	if (v->type != ML_NODE_MAP)
		return bad(&l, v, "\"site\" must be a mapping");
	for (i = 0; i < v->npairs; i++)
		if ((rc = load_key(&l, v->pairs[i].key, v->pairs[i].value)))
			return rc;
	if (s->gen == ML_GEN_NONE)
		return bad(&l, v,
			   "\"site\" needs \"generator\" (hugo, jekyll, "
			   "mkdocs, docusaurus, astro, next, plain)");
	return anchor(&l);
}

static const struct {
	const char *file;
	ml_site_gen gen;
} markers[] = {
	{ "hugo.toml", ML_GEN_HUGO },
	{ "hugo.yaml", ML_GEN_HUGO },
	{ "hugo.yml", ML_GEN_HUGO },
	{ "hugo.json", ML_GEN_HUGO },
	{ "mkdocs.yml", ML_GEN_MKDOCS },
	{ "mkdocs.yaml", ML_GEN_MKDOCS },
	{ "docusaurus.config.js", ML_GEN_DOCUSAURUS },
	{ "docusaurus.config.ts", ML_GEN_DOCUSAURUS },
	{ "docusaurus.config.mjs", ML_GEN_DOCUSAURUS },
	{ "astro.config.mjs", ML_GEN_ASTRO },
	{ "astro.config.js", ML_GEN_ASTRO },
	{ "astro.config.ts", ML_GEN_ASTRO },
	{ "next.config.js", ML_GEN_NEXT },
	{ "next.config.mjs", ML_GEN_NEXT },
	{ "next.config.ts", ML_GEN_NEXT },
	{ "_config.yml", ML_GEN_JEKYLL },
	{ "_config.yaml", ML_GEN_JEKYLL },
	{ "config.toml", ML_GEN_HUGO },
	{ "config.yaml", ML_GEN_HUGO },
};

ml_site_gen ml_site_detect(const char *dir, const char **file)
{
	char path[PATH_MAX];
	struct stat st;
	size_t i;

	for (i = 0; i < ML_ARRAY_LEN(markers); i++) {
		if (snprintf(path, sizeof(path), "%s/%s", dir,
			     markers[i].file) >= (int)sizeof(path))
			continue;
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		/* config.toml/.yaml is Hugo's only beside a content folder */
		if (strncmp(markers[i].file, "config.", 7) == 0 &&
		    (snprintf(path, sizeof(path), "%s/content", dir) >=
			     (int)sizeof(path) ||
		     stat(path, &st) != 0 || !S_ISDIR(st.st_mode)))
			continue;
		*file = markers[i].file;
		return markers[i].gen;
	}
	*file = NULL;
	return ML_GEN_NONE;
}
