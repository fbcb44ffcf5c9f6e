/* core/routes_gen.c - what the generator's own config says (hugo.toml,
 * config.toml, hugo.yaml, config/_default/; _config.yml; mkdocs.yml) and
 * the generators' defaults where it says nothing or is code
 * (docusaurus.config.js, Astro, Next): the folders a site is built from,
 * the route prefix of each, base URL, languages and permalink styles. */
#include "core/routes_in.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "parse/frontmatter.h"
#include "parse/sitetoml.h"
#include "util/common.h"

#define SITE_CONFIG_MAX ((size_t)4 * 1024 * 1024)

/* Hugo's keys are case-insensitive. */
static const ml_node *ci_get(const ml_node *map, const char *key)
{
	size_t i;

	if (!map || map->type != ML_NODE_MAP)
		return NULL;
	for (i = 0; i < map->npairs; i++)
		if (map->pairs[i].key->str &&
		    strcasecmp(map->pairs[i].key->str, key) == 0)
			return map->pairs[i].value;
	return NULL;
}

static const char *ci_str(const ml_node *map, const char *key)
{
	const ml_node *v = ci_get(map, key);

	return v && v->type == ML_NODE_STRING && v->len ? v->str : NULL;
}

static int ci_bool(const ml_node *map, const char *key, int dflt)
{
	const ml_node *v = ci_get(map, key);

	return v && v->type == ML_NODE_BOOL ? v->boolean : dflt;
}

static int is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && strcmp(s + n - m, suf) == 0;
}

/* Read a TOML, YAML or JSON config file into *t. */
static int read_tree(const char *path, ml_tree **t, ml_buf *err)
{
	FILE *f;
	char *text;
	size_t n;
	int rc;

	if (!ends_with(path, ".toml"))
		return ml_yaml_load_file(path, SITE_CONFIG_MAX,
					 "site config file", ML_ECONFIG, t,
					 err);
	if (!(f = fopen(path, "rb"))) {
		(void)ml_buf_printf(err, "%s: cannot read the site config",
				    path);
		return ML_ECONFIG;
	}
	if (!(text = malloc(SITE_CONFIG_MAX + 1))) {
		(void)fclose(f);
		return ML_ENOMEM;
	}
	n = fread(text, 1, SITE_CONFIG_MAX + 1, f);
	(void)fclose(f);
	if (n > SITE_CONFIG_MAX) {
		free(text);
		(void)ml_buf_printf(err, "%s: site config over 4 MiB", path);
		return ML_ECONFIG;
	}
	ml_buf_clear(err);
	rc = ml_sitetoml_parse(text, n, t, err);
	free(text);
	if (rc == ML_EINVAL || rc == ML_ELIMIT) {
		char why[300];
		(void)snprintf(why, sizeof(why), "%s", ml_buf_cstr(err));
		ml_buf_clear(err);
		(void)ml_buf_printf(err, "%s:%s (TOML)", path, why);
		return ML_ECONFIG;
	}
	return rc;
}

static char *join(const char *a, const char *b)
{
	ml_buf x = ML_BUF_INIT(ML_LIMIT_TEXT);

	if (ml_buf_printf(&x, "%s%s%s", a, *b && *a ? "/" : "", b)) {
		ml_buf_dispose(&x);
		return NULL;
	}
	return ml_buf_detach(&x);
}

static int add_mount(ml_routes *r, const char *dir, const char *prefix,
		     const char *lang, int kind)
{
	rt_mount *m, *nm = realloc(r->mounts, (r->nmounts + 1) * sizeof(*nm));

	if (!nm)
		return ML_ENOMEM;
	r->mounts = nm;
	m = &nm[r->nmounts];
	memset(m, 0, sizeof(*m));
	m->dir = dir[0] == '/' ? ml_strdup(dir) : join(r->root, dir);
	m->prefix = ml_strdup(prefix);
	m->lang = lang ? ml_strdup(lang) : NULL;
	m->kind = kind;
	r->nmounts++;
	return m->dir && m->prefix && (!lang || m->lang) ? ML_OK : ML_ENOMEM;
}

/* base_url "https://host/path/" -> base_host, base_path. */
static int set_base(ml_routes *r, const char *url)
{
	const char *p;
	size_t n;

	if (!url || (strncmp(url, "http://", 7) != 0 &&
		     strncmp(url, "https://", 8) != 0))
		return ML_OK;
	p = strchr(url + 8, '/');
	n = p ? (size_t)(p - url) : strlen(url);
	free(r->base_host);
	free(r->base_path);
	r->base_host = ml_strndup(url, n);
	r->base_path = ml_strdup(p ? p : "");
	if (!r->base_host || !r->base_path)
		return ML_ENOMEM;
	for (n = strlen(r->base_path); n && r->base_path[n - 1] == '/'; n--)
		r->base_path[n - 1] = '\0';
	return ML_OK;
}

/* The .medlint.yaml's folders, when it names them, before the
 * generator's. */
static int own_mounts(ml_routes *r, const ml_strlist *l, const char *prefix,
		      int kind)
{
	size_t i;
	int rc = ML_OK;

	for (i = 0; i < l->n && !rc; i++)
		rc = add_mount(r, l->v[i], prefix, NULL, kind);
	return rc;
}

static const char *find_config(const ml_routes *r, const char *const *names,
			       char *buf, size_t cap)
{
	size_t i;

	for (i = 0; names[i]; i++)
		if (snprintf(buf, cap, "%s/%s", r->root, names[i]) < (int)cap &&
		    is_file(buf))
			return buf;
	return NULL;
}

/* ---- Hugo ------------------------------------------------------------ */

/* A link render hook in the site or its theme: Hugo 0.111 leaves a link
 * to "x.md" as it is; such hooks (and Hugo 0.123's own) map it to the page. */
static int hugo_hook(const ml_routes *r, const char *theme)
{
	static const char *const at[] = {
		"layouts/_default/_markup/render-link.html",
		"layouts/_markup/render-link.html"
	};
	char p[PATH_MAX];
	size_t i;

	for (i = 0; i < ML_ARRAY_LEN(at); i++) {
		if (snprintf(p, sizeof(p), "%s/%s", r->root, at[i]) <
			    (int)sizeof(p) &&
		    is_file(p))
			return 1;
		if (theme &&
		    snprintf(p, sizeof(p), "%s/themes/%s/%s", r->root, theme,
			     at[i]) < (int)sizeof(p) &&
		    is_file(p))
			return 1;
	}
	return 0;
}

static const char *const hugo_names[] = { "hugo.toml",
					  "hugo.yaml",
					  "hugo.yml",
					  "hugo.json",
					  "config.toml",
					  "config.yaml",
					  "config.yml",
					  "config.json",
					  "config/_default/hugo.toml",
					  "config/_default/hugo.yaml",
					  "config/_default/config.toml",
					  "config/_default/config.yaml",
					  NULL };

/* config/_default/languages.toml and permalinks.toml stand for the keys. */
static const ml_node *hugo_part(const ml_routes *r, const char *cfg,
				const ml_node *top, const char *key,
				ml_tree **keep, ml_buf *err)
{
	char path[PATH_MAX];
	const ml_node *v = ci_get(top, key);

	if (v || !strstr(cfg, "config/_default/"))
		return v;
	if (snprintf(path, sizeof(path), "%s/config/_default/%s.toml", r->root,
		     key) >= (int)sizeof(path) ||
	    !is_file(path))
		(void)snprintf(path, sizeof(path), "%s/config/_default/%s.yaml",
			       r->root, key);
	if (!is_file(path) || read_tree(path, keep, err))
		return NULL;
	return ml_tree_root(*keep);
}

static int hugo_langs(ml_routes *r, const ml_node *top, const ml_node *langs,
		      const char *content)
{
	const char *dflt = ci_str(top, "defaultContentLanguage");
	int insub = ci_bool(top, "defaultContentLanguageInSubdir", 0);
	size_t i;
	int rc = ML_OK;

	if (!dflt)
		dflt = "en";
	if (!langs || langs->type != ML_NODE_MAP || langs->npairs == 0)
		return add_mount(r, content, "", NULL, RT_PAGES);
	r->langs = calloc(langs->npairs, sizeof(char *));
	if (!r->langs)
		return ML_ENOMEM;
	for (i = 0; i < langs->npairs && !rc; i++) {
		const char *l = langs->pairs[i].key->str;
		const char *cd = ci_str(langs->pairs[i].value, "contentDir");
		char prefix[64];
		int sub = insub || strcasecmp(l, dflt) != 0;

		(void)snprintf(prefix, sizeof(prefix), "%s%.60s",
			       sub ? "/" : "", sub ? l : "");
		if (!(r->langs[r->nlangs++] = ml_strdup(l)))
			return ML_ENOMEM;
		/* languages sharing one content folder split it by suffix */
		if (cd || strcasecmp(l, dflt) == 0)
			rc = add_mount(r, cd ? cd : content, prefix, l,
				       RT_PAGES);
	}
	return rc;
}

static int hugo_statics(ml_routes *r, const ml_node *top)
{
	const ml_node *s = ci_get(top, "staticDir");
	size_t i;
	int rc = ML_OK;

	if (s && s->type == ML_NODE_STRING)
		return add_mount(r, s->str, "", NULL, RT_STATIC);
	if (!s || s->type != ML_NODE_SEQ)
		return add_mount(r, "static", "", NULL, RT_STATIC);
	for (i = 0; i < s->nitems && !rc; i++)
		if (s->items[i]->type == ML_NODE_STRING)
			rc = add_mount(r, s->items[i]->str, "", NULL,
				       RT_STATIC);
	return rc;
}

static int hugo_config(ml_routes *r, const ml_site_config *sc, ml_buf *err)
{
	char buf[PATH_MAX];
	const char *cfg =
		sc->config ? sc->config
			   : find_config(r, hugo_names, buf, sizeof(buf));
	ml_tree *t = NULL, *lt = NULL;
	const ml_node *top = NULL, *langs;
	const char *content;
	int rc;

	if (cfg && (rc = read_tree(cfg, &t, err)))
		return rc;
	top = t ? ml_tree_root(t) : NULL;
	r->dir_urls = !ci_bool(top, "uglyURLs", 0);
	r->lower = !ci_bool(top, "disablePathToLower", 0);
	r->drafts = ci_bool(top, "buildDrafts", 0);
	r->md_files = hugo_hook(r, ci_str(top, "theme"));
	rc = set_base(r, sc->base_url ? sc->base_url : ci_str(top, "baseURL"));
	content = ci_str(top, "contentDir");
	if (!rc && sc->content_dirs.n)
		rc = own_mounts(r, &sc->content_dirs, "", RT_PAGES);
	else if (!rc) {
		langs = hugo_part(r, cfg ? cfg : "", top, "languages", &lt,
				  err);
		rc = hugo_langs(r, top, langs, content ? content : "content");
	}
	if (!rc && sc->static_dirs.n)
		rc = own_mounts(r, &sc->static_dirs, "", RT_STATIC);
	else if (!rc)
		rc = hugo_statics(r, top);
	if (!rc &&
	    (r->perms = hugo_part(r, cfg ? cfg : "", top, "permalinks",
				  &r->perm_tree, err)) &&
	    !r->perm_tree) {
		/* keep the tree that holds them */
		r->perm_tree = t;
		t = NULL;
	}
	ml_tree_free(t);
	ml_tree_free(lt);
	return rc;
}

/* ---- Jekyll ---------------------------------------------------------- */

static int jekyll_collections(ml_routes *r, const ml_node *top)
{
	const ml_node *c = ci_get(top, "collections");
	const char *cdir = ci_str(top, "collections_dir");
	size_t i;
	int rc = ML_OK;

	for (i = 0; c && c->type == ML_NODE_MAP && i < c->npairs && !rc; i++) {
		const char *name = c->pairs[i].key->str;
		const ml_node *o = c->pairs[i].value;
		const char *perm = ci_str(o, "permalink");
		char dir[PATH_MAX];

		if (!name || strcmp(name, "posts") == 0 ||
		    !ci_bool(o, "output", 0))
			continue;
		(void)snprintf(dir, sizeof(dir), "%s%s_%s", cdir ? cdir : "",
			       cdir ? "/" : "", name);
		if ((rc = add_mount(r, dir, "", NULL, RT_COLLECTION)))
			break;
		r->mounts[r->nmounts - 1].pattern = ml_strdup(
			perm ? perm : "/:collection/:path:output_ext");
		free(r->mounts[r->nmounts - 1].lang);
		r->mounts[r->nmounts - 1].lang = ml_strdup(name);
		if (!r->mounts[r->nmounts - 1].pattern)
			rc = ML_ENOMEM;
	}
	return rc;
}

/* jekyll-relative-links (a GitHub Pages default) maps links to .md files
 * to their pages; plain Jekyll leaves them as they are. Jekyll loads it
 * when _config.yml names it, or the Gemfile has it in its :jekyll_plugins
 * group (Bundler.require), or the Gemfile builds with github-pages. */
static int jekyll_relative_links(const ml_routes *r, const ml_node *top)
{
	static const char *const keys[] = { "plugins", "gems" };
	char p[PATH_MAX];
	size_t i, j;
	FILE *f;
	char line[512];
	int found = 0, group = 0;

	for (i = 0; i < ML_ARRAY_LEN(keys); i++) {
		const ml_node *v = ci_get(top, keys[i]);
		for (j = 0; v && v->type == ML_NODE_SEQ && j < v->nitems; j++)
			if (v->items[j]->str &&
			    strcmp(v->items[j]->str, "jekyll-relative-links") ==
				    0)
				return 1;
	}
	if (snprintf(p, sizeof(p), "%s/Gemfile", r->root) >= (int)sizeof(p) ||
	    !(f = fopen(p, "r")))
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		const char *s = line + strspn(line, " \t");
		if (*s == '#')
			continue;
		if (strncmp(s, "group", 5) == 0)
			group = strstr(s, ":jekyll_plugins") != NULL;
		else if (strncmp(s, "end", 3) == 0)
			group = 0;
		else if (strncmp(s, "gem ", 4) == 0)
			found = strstr(s, "github-pages") != NULL ||
				((group || strstr(s, ":jekyll_plugins")) &&
				 strstr(s, "jekyll-relative-links"));
	}
	(void)fclose(f);
	return found;
}

static int jekyll_config(ml_routes *r, const ml_site_config *sc, ml_buf *err)
{
	static const char *const names[] = { "_config.yml", "_config.yaml",
					     NULL };
	char buf[PATH_MAX], url[1200];
	const char *cfg = sc->config ? sc->config
				     : find_config(r, names, buf, sizeof(buf));
	ml_tree *t = NULL;
	const ml_node *top;
	const char *perm, *src;
	int rc = ML_OK;

	if (cfg && (rc = read_tree(cfg, &t, err)))
		return rc;
	top = t ? ml_tree_root(t) : NULL;
	perm = ci_str(top, "permalink");
	r->md_files = jekyll_relative_links(r, top);
	r->jk_permalink = ml_strdup(perm ? perm : "date");
	r->dir_urls = perm && strcmp(perm, "pretty") == 0;
	(void)snprintf(url, sizeof(url), "%s%s",
		       ci_str(top, "url") ? ci_str(top, "url")
					  : "https://site.invalid",
		       ci_str(top, "baseurl") ? ci_str(top, "baseurl") : "");
	rc = set_base(r, sc->base_url ? sc->base_url : url);
	src = ci_str(top, "source");
	if (!rc)
		rc = sc->content_dirs.n
			     ? own_mounts(r, &sc->content_dirs, "", RT_PAGES)
			     : add_mount(r, src ? src : "", "", NULL, RT_PAGES);
	if (!rc)
		rc = add_mount(r, src ? src : "", "", NULL, RT_POSTS);
	if (!rc)
		rc = jekyll_collections(r, top);
	/* front-matter defaults (a permalink for every page of a folder,
	 * published: false) apply to pages the walk reads: kept */
	r->jk_defaults = ci_get(top, "defaults");
	if (r->jk_defaults && r->jk_defaults->type == ML_NODE_SEQ)
		r->jk_tree = t;
	else {
		r->jk_defaults = NULL;
		ml_tree_free(t);
	}
	return r->jk_permalink ? rc : ML_ENOMEM;
}

/* ---- MkDocs ---------------------------------------------------------- */

static int mkdocs_config(ml_routes *r, const ml_site_config *sc, ml_buf *err)
{
	static const char *const names[] = { "mkdocs.yml", "mkdocs.yaml",
					     NULL };
	char buf[PATH_MAX];
	const char *cfg = sc->config ? sc->config
				     : find_config(r, names, buf, sizeof(buf));
	ml_tree *t = NULL;
	const ml_node *top;
	const char *docs;
	int rc = ML_OK;

	if (cfg && (rc = read_tree(cfg, &t, err)))
		return rc;
	top = t ? ml_tree_root(t) : NULL;
	r->dir_urls = ci_bool(top, "use_directory_urls", 1);
	r->md_files = 1;
	docs = ci_str(top, "docs_dir");
	rc = set_base(r, sc->base_url ? sc->base_url : ci_str(top, "site_url"));
	if (!rc)
		rc = sc->content_dirs.n
			     ? own_mounts(r, &sc->content_dirs, "", RT_PAGES)
			     : add_mount(r, docs ? docs : "docs", "", NULL,
					 RT_PAGES);
	ml_tree_free(t);
	return rc;
}

/* ---- Docusaurus, Astro, Next, plain: config is code --------------------- */

static int js_config(ml_routes *r, const ml_site_config *sc)
{
	int rc = set_base(r, sc->base_url);

	if (rc)
		return rc;
	if (sc->content_dirs.n)
		rc = own_mounts(r, &sc->content_dirs,
				r->gen == ML_GEN_DOCUSAURUS && sc->docs_route
					? sc->docs_route
				: r->gen == ML_GEN_DOCUSAURUS ? "/docs"
							      : "",
				RT_PAGES);
	else if (r->gen == ML_GEN_DOCUSAURUS)
		rc = add_mount(r, "docs",
			       sc->docs_route ? sc->docs_route : "/docs", NULL,
			       RT_PAGES);
	else if (r->gen == ML_GEN_ASTRO)
		rc = add_mount(r, "src/pages", "", NULL, RT_PAGES);
	else
		rc = add_mount(r, "pages", "", NULL, RT_PAGES) ||
		     add_mount(r, "src/pages", "", NULL, RT_PAGES) ||
		     add_mount(r, "app", "", NULL, RT_PAGES) ||
		     add_mount(r, "src/app", "", NULL, RT_PAGES);
	if (!rc && r->gen == ML_GEN_DOCUSAURUS)
		rc = add_mount(r, "blog", "/blog", NULL, RT_BLOG) ||
		     add_mount(r, "src/pages", "", NULL, RT_PAGES);
	if (!rc)
		rc = sc->static_dirs.n
			     ? own_mounts(r, &sc->static_dirs, "", RT_STATIC)
			     : add_mount(r,
					 r->gen == ML_GEN_DOCUSAURUS ? "static"
								     : "public",
					 "", NULL, RT_STATIC);
	r->dir_urls = r->gen == ML_GEN_ASTRO;
	r->md_files = r->gen == ML_GEN_DOCUSAURUS;
	return rc ? ML_ENOMEM : ML_OK;
}

static int plain_config(ml_routes *r, const ml_site_config *sc)
{
	static const char *const idx[] = { "index.md", "index.html",
					   "README.md" };
	size_t i;
	int rc = set_base(r, sc->base_url);

	r->plain_root = sc->root_dir ? join(r->root, sc->root_dir)
				     : ml_strdup(r->root);
	if (!r->plain_root || rc)
		return ML_ENOMEM;
	r->dir_urls = 0;
	if (sc->index_files.n == 0) {
		r->index_files.v = calloc(3, sizeof(char *));
		if (!r->index_files.v)
			return ML_ENOMEM;
		for (i = 0; i < 3; i++)
			if (!(r->index_files.v[r->index_files.n++] =
				      ml_strdup(idx[i])))
				return ML_ENOMEM;
	}
	for (i = 0; i < sc->index_files.n; i++) {
		char **v = realloc(r->index_files.v,
				   (r->index_files.n + 1) * sizeof(char *));
		if (!v)
			return ML_ENOMEM;
		r->index_files.v = v;
		if (!(v[r->index_files.n++] = ml_strdup(sc->index_files.v[i])))
			return ML_ENOMEM;
	}
	for (i = 0; i < sc->fallback_ext.n; i++) {
		char **v = realloc(r->fallback.v,
				   (r->fallback.n + 1) * sizeof(char *));
		if (!v)
			return ML_ENOMEM;
		r->fallback.v = v;
		if (!(v[r->fallback.n++] = ml_strdup(sc->fallback_ext.v[i])))
			return ML_ENOMEM;
	}
	return add_mount(r, r->plain_root, "", NULL, RT_STATIC);
}

int rt_config_read(ml_routes *r, const ml_site_config *sc, ml_buf *err)
{
	int rc;

	switch (r->gen) {
	case ML_GEN_HUGO: rc = hugo_config(r, sc, err); break;
	case ML_GEN_JEKYLL: rc = jekyll_config(r, sc, err); break;
	case ML_GEN_MKDOCS: rc = mkdocs_config(r, sc, err); break;
	case ML_GEN_PLAIN: rc = plain_config(r, sc); break;
	default: rc = js_config(r, sc);
	}
	if (!rc && !r->base_path)
		rc = (r->base_path = ml_strdup("")) ? ML_OK : ML_ENOMEM;
	return rc;
}
