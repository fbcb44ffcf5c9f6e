/* core/routes.c - links and #fragments resolved as the site's generator
 * resolves them (core/routes.h), against the index routes_walk.c makes. */
#include "core/routes_in.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/content.h"
#include "parse/anchor.h"
#include "parse/document.h"
#include "parse/frontmatter.h"
#include "parse/slug.h"
#include "util/common.h"
#include "util/scratch.h"

#define PAGE_MAX ((size_t)8 * 1024 * 1024)

int ml_routes_new(const ml_site_config *sc, ml_routes **out, ml_buf *err)
{
	ml_routes *r = calloc(1, sizeof(*r));
	char real[PATH_MAX];
	int rc;

	*out = NULL;
	if (!r)
		return ML_ENOMEM;
	r->gen = sc->gen;
	(void)pthread_mutex_init(&r->lock, NULL);
	(void)pthread_mutex_init(&r->anchor_lock, NULL);
	(void)pthread_mutex_init(&r->und_lock, NULL);
	if (!realpath(sc->root, real)) {
		(void)ml_buf_printf(err, "site.root %s: no such folder",
				    sc->root);
		ml_routes_free(r);
		return ML_ECONFIG;
	}
	if (!(r->root = ml_strdup(real))) {
		ml_routes_free(r);
		return ML_ENOMEM;
	}
	if ((rc = rt_config_read(r, sc, err))) {
		ml_routes_free(r);
		return rc;
	}
	*out = r;
	return ML_OK;
}

static void strlist_free(ml_strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

void ml_routes_free(ml_routes *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nmounts; i++) {
		free(r->mounts[i].dir);
		free(r->mounts[i].prefix);
		free(r->mounts[i].lang);
		free(r->mounts[i].pattern);
	}
	for (i = 0; i < r->nfiles; i++) {
		free(r->files[i].path);
		free(r->files[i].route);
	}
	for (i = 0; i < r->nsets; i++) {
		ml_urlmap_dispose(r->sets[i]);
		free(r->sets[i]);
	}
	for (i = 0; i < r->nlangs; i++)
		free(r->langs[i]);
	for (i = 0; i < r->ndynamic; i++)
		free(r->dynamic[i]);
	free(r->dynamic);
	free(r->langs);
	free(r->sets);
	free(r->files);
	free(r->mounts);
	free(r->root);
	free(r->base_host);
	free(r->base_path);
	free(r->jk_permalink);
	free(r->plain_root);
	free(r->und_path);
	strlist_free(&r->fallback);
	strlist_free(&r->index_files);
	ml_tree_free(r->perm_tree);
	ml_tree_free(r->jk_tree);
	ml_urlmap_dispose(&r->route_of);
	ml_urlmap_dispose(&r->file_of);
	ml_urlmap_dispose(&r->name_of);
	ml_urlmap_dispose(&r->post_of);
	ml_urlmap_dispose(&r->anchors_of);
	(void)pthread_mutex_destroy(&r->lock);
	(void)pthread_mutex_destroy(&r->anchor_lock);
	(void)pthread_mutex_destroy(&r->und_lock);
	free(r);
}

ml_site_gen ml_routes_gen(const ml_routes *r)
{
	return r->gen;
}

static int ensure_walked(const ml_routes *cr)
{
	ml_routes *r = (ml_routes *)cr;

	if (atomic_load(&r->state) == 0) {
		pthread_mutex_lock(&r->lock);
		if (atomic_load(&r->state) == 0)
			atomic_store(&r->state, rt_walk(r) ? -1 : 1);
		pthread_mutex_unlock(&r->lock);
	}
	return atomic_load(&r->state) == 1;
}

/* Pages' routes, made when a link first needs one. */
static int ensure_routed(const ml_routes *cr)
{
	ml_routes *r = (ml_routes *)cr;

	if (atomic_load(&r->routed) == 0) {
		pthread_mutex_lock(&r->lock);
		if (atomic_load(&r->routed) == 0)
			atomic_store(&r->routed, rt_routes(r) ? -1 : 1);
		pthread_mutex_unlock(&r->lock);
	}
	return atomic_load(&r->routed) == 1;
}

int ml_routes_failed(const ml_routes *r)
{
	return atomic_load(&((ml_routes *)r)->state) == -1 ||
	       atomic_load(&((ml_routes *)r)->routed) == -1;
}

const char *ml_routes_dir(const ml_routes *r, size_t i)
{
	return i < r->nmounts ? r->mounts[i].dir : NULL;
}

/* ---- undecided links --------------------------------------------------- */

void ml_routes_undecided(const ml_routes *cr, const char *path, int line,
			 int column)
{
	ml_routes *r = (ml_routes *)cr;
	int first;

	pthread_mutex_lock(&r->und_lock);
	r->nund++;
	/* the earliest place, whatever order the workers ran in */
	first = !r->und_path || strcmp(path, r->und_path) < 0 ||
		(strcmp(path, r->und_path) == 0 &&
		 (line < r->und_line ||
		  (line == r->und_line && column < r->und_col)));
	if (first) {
		char *p = ml_strdup(path);
		if (p) {
			free(r->und_path);
			r->und_path = p;
			r->und_line = line;
			r->und_col = column;
		}
	}
	pthread_mutex_unlock(&r->und_lock);
}

size_t ml_routes_undecided_count(const ml_routes *r, const char **path,
				 int *line, int *column)
{
	*path = r->und_path;
	*line = r->und_line;
	*column = r->und_col;
	return r->nund;
}

/* ---- fragment targets ---------------------------------------------------- */

/* A heading ending in an attribute list "{#id .class}": the id, or 0. */
static size_t explicit_id(const char *t, size_t n, const char **id)
{
	const char *open, *h;
	size_t k;

	if (n < 4 || t[n - 1] != '}')
		return 0;
	for (open = t + n - 1; open > t && *open != '{'; open--)
		;
	if (*open != '{' || !(h = memchr(open, '#', (size_t)(t + n - open))))
		return 0;
	for (k = 1;
	     h + k < t + n - 1 && !isspace((unsigned char)h[k]) && h[k] != '}';
	     k++)
		;
	*id = h + 1;
	return k - 1;
}

static int heading_ids(const ml_routes *r, const ml_document *doc,
		       ml_urlmap *set)
{
	ml_slug_set ss;
	ml_buf out = ML_BUF_INIT(ML_LIMIT_SHORT);
	size_t i;
	int rc = ML_OK;

	ml_slug_set_init(&ss);
	for (i = 0; doc && i < doc->nheadings && !rc; i++) {
		const char *t = doc->headings[i].text, *id;
		size_t n = doc->headings[i].len, k = explicit_id(t, n, &id);

		if (k)
			rc = ml_slug_set_add_id(&ss, id, k) ||
			     ml_urlmap_putn(set, id, k, 0);
		else if (r->gen == ML_GEN_MKDOCS)
			rc = ml_slug_set_add_toc(&ss, t, n, &out) ||
			     ml_urlmap_put(set, ml_buf_cstr(&out), 0);
		else
			rc = ml_slug_set_add(&ss, t, n, &out) ||
			     ml_urlmap_put(set, ml_buf_cstr(&out), 0);
	}
	ml_slug_set_dispose(&ss);
	ml_buf_dispose(&out);
	return rc ? ML_ENOMEM : ML_OK;
}

/* Every heading id and HTML id of a page's text (front matter and all). */
static int page_ids(const ml_routes *r, const char *text, size_t len,
		    const ml_document *doc, ml_urlmap *set)
{
	ml_split sp;
	size_t off = 0;
	int line = 1, rc;
	ml_document *own = NULL;

	if (!doc) {
		if (len > 4 && strncmp(text, "+++", 3) == 0) {
			const char *e = strstr(text + 3, "\n+++");
			if (e && (e = strchr(e + 4, '\n')))
				off = (size_t)(e + 1 - text);
		} else {
			ml_frontmatter_split(text, len, &sp);
			if (sp.present && sp.closed)
				off = sp.body_offset, line = sp.body_line;
		}
		own = ml_document_parse(text + off, len - off, line, (long)off);
		doc = own;
	}
	rc = heading_ids(r, doc, set);
	if (!rc)
		rc = ml_anchors_html(text + off, len - off, set);
	ml_document_free(own);
	return rc;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;

	if (!f)
		return NULL;
	buf = malloc(PAGE_MAX + 1);
	*len = buf ? fread(buf, 1, PAGE_MAX, f) : 0;
	(void)fclose(f);
	if (buf)
		buf[*len] = '\0';
	return buf;
}

/* The ids of file id (at path), parsed once per run: NULL when
 * unreadable. */
static const ml_urlmap *file_ids(const ml_routes *cr, size_t id,
				 const char *path)
{
	ml_routes *r = (ml_routes *)cr;
	char key[32];
	size_t at;
	const ml_urlmap *found = NULL;

	(void)snprintf(key, sizeof(key), "%zu", id);
	pthread_mutex_lock(&r->anchor_lock);
	if (ml_urlmap_get(&r->anchors_of, key, &at)) {
		found = at ? r->sets[at - 1] : NULL;
	} else {
		size_t len;
		char *text = slurp(path, &len);
		ml_urlmap *set = calloc(1, sizeof(*set));
		const char *dot = strrchr(path, '.');
		int html = dot && strcasecmp(dot, ".html") == 0;

		if (text && set && r->nsets == r->capsets) {
			size_t cap = r->capsets ? r->capsets * 2 : 64;
			ml_urlmap **ns =
				realloc(r->sets, cap * sizeof(ml_urlmap *));
			if (ns)
				r->sets = ns, r->capsets = cap;
		}
		if (text && set && r->nsets < r->capsets &&
		    (html ? ml_anchors_html(text, len, set)
			  : page_ids(r, text, len, NULL, set)) == ML_OK) {
			r->sets[r->nsets++] = set;
			found = set;
			set = NULL;
		}
		(void)ml_urlmap_put(&r->anchors_of, key, found ? r->nsets : 0);
		if (set)
			ml_urlmap_dispose(set);
		free(set);
		free(text);
	}
	pthread_mutex_unlock(&r->anchor_lock);
	return found;
}

/* ---- resolution ------------------------------------------------------------ */

typedef struct {
	const ml_routes *r;
	const ml_article *a;
	char self[PATH_MAX]; /* the article, resolved; "" for stdin */
	char dir[PATH_MAX];  /* its folder */
	ml_route_result *res;
} ctx;

/* res->shown = at most 500 bytes of s (snprintf "%.500s", without the
 * format parser: this runs per link). */
static void show(ctx *c, const char *s)
{
	size_t n = strnlen(s, 500);

	memcpy(c->res->shown, s, n);
	c->res->shown[n] = '\0';
}

/* out = a[0..an) b, cut to cap - 1 bytes as snprintf cuts it; the length
 * it would have (snprintf "%.*s%s" without the format parser). */
static size_t join(char *out, size_t cap, const char *a, size_t an,
		   const char *b)
{
	size_t bn = strlen(b), k = an < cap - 1 ? an : cap - 1,
	       m = bn < cap - 1 - k ? bn : cap - 1 - k;

	memcpy(out, a, k);
	memcpy(out + k, b, m);
	out[k + m] = '\0';
	return an + bn;
}

static void verdict(ctx *c, ml_route_verdict v, const char *shown)
{
	c->res->verdict = v;
	if (shown)
		show(c, shown);
}

static int check_frag_in(ctx *c, const ml_urlmap *set)
{
	if (!c->res->frag[0] || ml_fragment_trivial(c->res->frag) || !set)
		return ML_OK;
	if (c->r->gen == ML_GEN_PLAIN) {
		/* as GitHub shows Markdown: ids lowercase, any case matches */
		char low[sizeof(c->res->frag)];
		size_t i;
		for (i = 0; c->res->frag[i]; i++)
			low[i] = (char)tolower((unsigned char)c->res->frag[i]);
		low[i] = '\0';
		if (!ml_urlmap_get(set, low, NULL) &&
		    !ml_urlmap_get(set, c->res->frag, NULL))
			c->res->verdict = ML_ROUTE_NO_ANCHOR;
	} else if (!ml_urlmap_get(set, c->res->frag, NULL))
		c->res->verdict = ML_ROUTE_NO_ANCHOR;
	return ML_OK;
}

/* The fragment in this article. */
static int check_own_frag(ctx *c)
{
	ml_urlmap set;
	int rc;

	if (!c->res->frag[0] || ml_fragment_trivial(c->res->frag))
		return ML_OK;
	ml_urlmap_init(&set);
	rc = page_ids(c->r, c->a->text + c->a->body_offset,
		      c->a->len - c->a->body_offset, c->a->doc, &set);
	if (!rc)
		rc = check_frag_in(c, &set);
	ml_urlmap_dispose(&set);
	(void)snprintf(c->res->shown, sizeof(c->res->shown), "this page");
	return rc;
}

static int ext_md(const char *p);

/* Until pages are routed, rt_routes (under r->lock, in whichever thread
 * first needs routes) may still add to files and file_of, move files
 * and free a pending page's name: a lookup made before then holds the
 * lock for its read and keeps a copy of the entry. Once routed, both are
 * fixed and read without the lock. A copy's path stays valid (paths
 * are freed with the index); its route and name may not. 1 and *id, *f
 * when path is a file of the index. */
static int index_file(const ml_routes *cr, const char *path, size_t *id,
		      rt_file *f)
{
	ml_routes *r = (ml_routes *)cr;
	int fixed = atomic_load(&r->routed) != 0, got;

	if (!fixed)
		pthread_mutex_lock(&r->lock);
	got = ml_urlmap_get(&r->file_of, path, id);
	if (got)
		*f = r->files[*id];
	if (!fixed)
		pthread_mutex_unlock(&r->lock);
	return got;
}

/* A file of the index reached (f: its entry, as index_file copied it):
 * its fragment. */
static int reached(ctx *c, size_t id, const rt_file *f)
{
	const char *dot = strrchr(f->path, '.');

	if (strcmp(f->path, c->self) == 0)
		return check_own_frag(c);
	/* a page whose front matter waits (Hugo, Docusaurus) may be a
	 * draft: its route is made, and with it what the front matter says */
	if (f->page && f->name && ensure_routed(c->r))
		f = &c->r->files[id];
	if (f->unpublished) {
		verdict(c, ML_ROUTE_UNPUBLISHED, NULL);
		return ML_OK;
	}
	if (f->page || ext_md(f->path) ||
	    (dot && strcasecmp(dot, ".html") == 0))
		return check_frag_in(c, c->res->frag[0]
						? file_ids(c->r, id, f->path)
						: NULL);
	return ML_OK;
}

/* A file path (absolute, not resolved): in the index or on disk inside
 * the site. 1 reached, 0 not there. */
static int by_file(ctx *c, const char *path, int *rc)
{
	char real[PATH_MAX];
	size_t id;
	rt_file f;
	struct stat st;

	/* most links name a file of the index by a path without links in
	 * it: look the plain path up before asking the file system */
	if (join(real, sizeof(real), "", 0, path) < sizeof(real) &&
	    real[0] == '/' && rt_norm(real) == 0 &&
	    index_file(c->r, real, &id, &f)) {
		show(c, real + strlen(c->r->root) + 1);
		*rc = reached(c, id, &f);
		return 1;
	}
	if (!realpath(path, real))
		return 0;
	show(c, real + (ml_content_inside(c->r->root, real)
				? strlen(c->r->root) + 1
				: 0));
	if (index_file(c->r, real, &id, &f)) {
		*rc = reached(c, id, &f);
		return 1;
	}
	if (!ml_content_inside(c->r->root, real) || stat(real, &st) != 0)
		return 0;
	if (S_ISDIR(st.st_mode)) {
		/* routing adds the site's root folder to the index (every
		 * generator publishes "/"): the answer must not depend on
		 * whether another thread has routed yet */
		if (atomic_load(&((ml_routes *)c->r)->routed) == 0 &&
		    ensure_routed(c->r) && index_file(c->r, real, &id, &f)) {
			*rc = reached(c, id, &f);
			return 1;
		}
		return 0;
	}
	if (strcmp(real, c->self) == 0)
		*rc = check_own_frag(c);
	return 1;
}

static int ext_md(const char *p)
{
	const char *dot = strrchr(p, '.'), *sl = strrchr(p, '/');

	return dot && (!sl || dot > sl) &&
	       (strcasecmp(dot, ".md") == 0 || strcasecmp(dot, ".mdx") == 0 ||
		strcasecmp(dot, ".markdown") == 0);
}

static int has_ext(const char *p)
{
	const char *dot = strrchr(p, '.'), *sl = strrchr(p, '/');

	return dot && (!sl || dot > sl) && dot[1];
}

static int dynamic_route(const ml_routes *r, const char *key)
{
	size_t i;

	for (i = 0; i < r->ndynamic; i++)
		if (strncmp(key, r->dynamic[i], strlen(r->dynamic[i])) == 0)
			return 1;
	return 0;
}

/* A URL path from the site's root. */
static int by_route(ctx *c, const char *url)
{
	ml_buf k = ML_BUF_INIT(ML_LIMIT_TEXT);
	size_t id, bl = strlen(c->r->base_path);
	int rc = ML_OK, found;

	if (!ensure_routed(c->r))
		return ML_OK; /* the run says the site could not be read */
	show(c, url[0] ? url : "/");
	if (bl && strncmp(url, c->r->base_path, bl) == 0 &&
	    (url[bl] == '/' || !url[bl]))
		url += bl;
	rt_key(url[0] ? url : "/", &k);
	found = ml_urlmap_get(&c->r->route_of, ml_buf_cstr(&k), &id);
	if (found)
		rc = reached(c, id, &c->r->files[id]);
	else if (dynamic_route(c->r, ml_buf_cstr(&k)))
		verdict(c, ML_ROUTE_UNDECIDED, url);
	else
		verdict(c, ML_ROUTE_NO_TARGET, url);
	ml_buf_dispose(&k);
	return rc;
}

/* The article's own URL, or NULL when the site does not publish it. */
static const char *own_route(const ctx *c)
{
	size_t id;

	if (!c->self[0] || !ensure_routed(c->r) ||
	    !ml_urlmap_get(&c->r->file_of, c->self, &id))
		return NULL;
	return c->r->files[id].route[0] ? c->r->files[id].route : NULL;
}

static int by_file_rel(ctx *c, const char *path, int *rc)
{
	char j[PATH_MAX];

	if (!c->dir[0] || rt_cat(j, sizeof(j), c->dir, "/", path) >= sizeof(j))
		return 0;
	return by_file(c, j, rc);
}

/* plain: files, root-relative from root_dir, index files and fallback
 * extensions as lychee tries them. */
static int plain(ctx *c, const char *path)
{
	char base[PATH_MAX], t[PATH_MAX];
	size_t i;
	int rc = ML_OK;
	struct stat st;

	if (snprintf(base, sizeof(base), "%s%s%s",
		     path[0] == '/' ? c->r->plain_root : c->dir,
		     path[0] == '/' ? "" : "/", path) >= (int)sizeof(base)) {
		verdict(c, ML_ROUTE_NO_TARGET, path);
		return ML_OK;
	}
	if (stat(base, &st) == 0 && S_ISDIR(st.st_mode)) {
		for (i = 0; i < c->r->index_files.n; i++)
			if (snprintf(t, sizeof(t), "%s/%s", base,
				     c->r->index_files.v[i]) < (int)sizeof(t) &&
			    by_file(c, t, &rc))
				return rc;
	} else if (by_file(c, base, &rc))
		return rc;
	for (i = 0; !has_ext(path) && i < c->r->fallback.n; i++)
		if (snprintf(t, sizeof(t), "%s.%s", base, c->r->fallback.v[i]) <
			    (int)sizeof(t) &&
		    by_file(c, t, &rc))
			return rc;
	verdict(c, ML_ROUTE_NO_TARGET, path);
	return ML_OK;
}

static int ref_try(ctx *c, const char *base, const char *p, int *rc);

/* GetPage-like lookup for a link a Hugo render hook resolves; on success
 * the verdict is the page's (its fragment checked). */
static int hook_page(ctx *c, const char *path)
{
	char p[PATH_MAX];
	size_t i, n;
	int rc = ML_OK;
	ml_route_result keep = *c->res;

	(void)snprintf(p, sizeof(p), "%s", path);
	for (n = strlen(p); n > 1 && p[n - 1] == '/'; n--)
		p[n - 1] = '\0';
	c->res->verdict = ML_ROUTE_OK;
	if (p[0] != '/' && c->dir[0] && ref_try(c, c->dir, p, &rc))
		return rc;
	for (i = 0; i < c->r->nmounts; i++)
		if (c->r->mounts[i].kind == RT_PAGES &&
		    ref_try(c, c->r->mounts[i].dir, p + (p[0] == '/'), &rc))
			return rc;
	*c->res = keep;
	return ML_OK;
}

/* A Markdown file of the index (a page) at base/path. */
static int md_page_at(ctx *c, const char *base, const char *path, int *rc)
{
	char t[PATH_MAX];
	size_t id;
	rt_file f;

	if (snprintf(t, sizeof(t), "%s/%s", base, path) >= (int)sizeof(t) ||
	    rt_norm(t) != 0 || !index_file(c->r, t, &id, &f) || !f.page)
		return 0;
	(void)snprintf(c->res->shown, sizeof(c->res->shown), "%.500s",
		       t + strlen(c->r->root) + 1);
	*rc = reached(c, id, &f);
	return 1;
}

/* Docusaurus's resolveMarkdownLinkPathname: "./x.md" and "../x.md" from
 * the linking file's folder; "/x.md" from the content folders, then the
 * site's; "x.md" from the file's folder, then those. 1 when resolved. */
static int docu_md(ctx *c, const char *path, int *rc)
{
	size_t i;

	if (strncmp(path, "./", 2) == 0 || strncmp(path, "../", 3) == 0)
		return 0; /* by_file_rel's */
	if (path[0] != '/' && c->dir[0] && md_page_at(c, c->dir, path, rc))
		return 1;
	for (i = 0; i < c->r->nmounts; i++)
		if ((c->r->mounts[i].kind == RT_PAGES ||
		     c->r->mounts[i].kind == RT_BLOG) &&
		    md_page_at(c, c->r->mounts[i].dir, path, rc))
			return 1;
	return md_page_at(c, c->r->root, path, rc);
}

/* A relative or root-relative path as the generator resolves it. */
static int by_path(ctx *c, const char *path)
{
	const char *route;
	char u[PATH_MAX];
	int rc = ML_OK;

	if (c->r->gen == ML_GEN_PLAIN)
		return plain(c, path);
	if (c->r->gen == ML_GEN_DOCUSAURUS && ext_md(path)) {
		if (docu_md(c, path, &rc))
			return rc;
		if (path[0] == '/') {
			verdict(c, ML_ROUTE_NO_TARGET, path);
			return ML_OK;
		}
	}
	/* every generator here (or its link hook) maps source links to
	 * Markdown files to their pages; MkDocs and Docusaurus every file */
	if (path[0] != '/' &&
	    ((ext_md(path) && c->r->md_files) || c->r->gen == ML_GEN_MKDOCS ||
	     (c->r->gen == ML_GEN_DOCUSAURUS && has_ext(path)))) {
		if (by_file_rel(c, path, &rc))
			return rc;
		if (ext_md(path) || c->r->gen == ML_GEN_DOCUSAURUS ||
		    !own_route(c)) {
			verdict(c, ML_ROUTE_NO_TARGET, path);
			return ML_OK;
		}
	}
	route = path[0] == '/' ? NULL : own_route(c);
	if (path[0] == '/')
		(void)join(u, sizeof(u), "", 0, path);
	else if (route)
		(void)join(u, sizeof(u), route,
			   (size_t)(strrchr(route, '/') - route + 1), path);
	else if (by_file_rel(c, path, &rc)) {
		return rc; /* a file the site does not publish, linking on */
	} else {
		verdict(c, ML_ROUTE_NO_TARGET, path);
		return ML_OK;
	}
	if (rt_norm_url(u) != 0) {
		verdict(c, ML_ROUTE_NO_TARGET, path);
		return ML_OK;
	}
	rc = by_route(c, u);
	/* a Hugo link hook finds pages as GetPage does: by content path,
	 * from the page's folder, then from the content folder */
	if (!rc && c->res->verdict == ML_ROUTE_NO_TARGET &&
	    c->r->gen == ML_GEN_HUGO && c->r->md_files)
		rc = hook_page(c, path);
	return rc;
}

/* {{ "/x" | relative_url }} (or absolute_url): path becomes "/x" and
 * whatever follows the braces. */
static int relative_url(char *path)
{
	char *q, *e, *end, *f;
	char quote;

	if (strncmp(path, "{{", 2) != 0)
		return 0;
	for (q = path + 2; *q == ' '; q++)
		;
	if (*q != '"' && *q != '\'')
		return 0;
	quote = *q;
	if (!(e = strchr(q + 1, quote)) || !(end = strstr(e, "}}")))
		return 0;
	f = strstr(e, "relative_url");
	if (!f || f > end)
		f = strstr(e, "absolute_url");
	if (!f || f > end)
		return 0;
	memmove(path, q + 1, (size_t)(e - q - 1));
	memmove(path + (e - q - 1), end + 2, strlen(end + 2) + 1);
	return !strstr(path, "{{") && !strstr(path, "{%");
}

/* Jekyll's {{ site.baseurl }}, {% link %} and {% post_url %}; 1 when the
 * template was understood (path then holds what is left to resolve). */
static int jekyll_template(ctx *c, char *path, int *rc)
{
	static const char *const pre[] = { "{{ site.url }}{{ site.baseurl }}",
					   "{{site.url}}{{site.baseurl}}",
					   "{{ site.baseurl }}",
					   "{{site.baseurl}}" };
	char arg[PATH_MAX], *e;
	size_t i, id;

	for (i = 0; i < ML_ARRAY_LEN(pre); i++)
		if (strncmp(path, pre[i], strlen(pre[i])) == 0) {
			memmove(path, path + strlen(pre[i]),
				strlen(path + strlen(pre[i])) + 1);
			return !strstr(path, "{{") && !strstr(path, "{%");
		}
	if (relative_url(path))
		return 1;
	if ((strncmp(path, "{% link ", 8) != 0 &&
	     strncmp(path, "{% post_url ", 12) != 0) ||
	    !(e = strstr(path, "%}")) || e[2])
		return 0;
	i = path[3] == 'l' ? 8 : 12;
	(void)snprintf(arg, sizeof(arg), "%.*s", (int)(e - path - i), path + i);
	e = arg + strlen(arg);
	while (e > arg && e[-1] == ' ')
		*--e = '\0';
	*rc = ML_OK;
	if (path[3] == 'l') {
		char full[PATH_MAX];
		if (snprintf(full, sizeof(full), "%s/%s", c->r->root, arg) >=
			    (int)sizeof(full) ||
		    !by_file(c, full, rc))
			verdict(c, ML_ROUTE_NO_TARGET, arg);
	} else {
		const char *b = strrchr(arg, '/');
		/* posts are in the index once it is routed (files is fixed
		 * from then on); a site that cannot be routed is the run's
		 * error, not this link's */
		if (ensure_routed(c->r)) {
			if (ml_urlmap_get(&c->r->post_of, b ? b + 1 : arg, &id))
				*rc = reached(c, id, &c->r->files[id]);
			else
				verdict(c, ML_ROUTE_NO_TARGET, arg);
		}
	}
	path[0] = '\0';
	return 1;
}

static size_t scheme_of(const char *u)
{
	size_t i = 0;

	if (!isalpha((unsigned char)u[0]))
		return 0;
	while (isalnum((unsigned char)u[i]) || u[i] == '+' || u[i] == '-' ||
	       u[i] == '.')
		i++;
	return u[i] == ':' ? i : 0;
}

/* The article resolved, as realpath gives it, once per article and
 * thread (not per link). Its folder is resolved once per folder
 * (core/content.c); a name the index holds in that folder as a file the
 * walk met, not a symbolic link, is then resolved already: no system call
 * per article. Else realpath. */
typedef struct {
	char of[PATH_MAX];   /* the article path it is for, "" none */
	char path[PATH_MAX]; /* resolved */
} self_memo;

/* made on the thread's first use (util/scratch.h) */
static _Thread_local self_memo *self_memos;

static int self_path(const ml_routes *r, const ml_article *a, char *out)
{
	self_memo spare, *m = ml_thread_table((void **)&self_memos, sizeof(*m));
	const char *name = strrchr(a->path, '/');
	char dir[PATH_MAX];
	size_t id, n = strlen(a->path), dl, nl;
	int in_root, known = 0;

	if (!m) { /* no memory for the memo: work it out this once */
		m = &spare;
		m->of[0] = '\0';
	}
	if (n >= sizeof(m->of))
		return 0;
	if (m->of[0] && strcmp(m->of, a->path) == 0) {
		memcpy(out, m->path, strlen(m->path) + 1);
		return 1;
	}
	m->of[0] = '\0';
	name = name ? name + 1 : a->path;
	nl = strlen(name);
	/* once pages are routed: routing may still add to file_of and
	 * files, which are read here without the lock */
	if (atomic_load(&((ml_routes *)r)->routed) != 0 && a->opts &&
	    a->opts->content_root && nl && strcmp(name, ".") != 0 &&
	    strcmp(name, "..") != 0 && ml_content_folder(a, dir, &in_root) &&
	    (dl = strcmp(dir, "/") ? strlen(dir) : 0) + 1 + nl <
		    sizeof(m->path)) {
		memcpy(m->path, dir, dl);
		m->path[dl] = '/';
		memcpy(m->path + dl + 1, name, nl + 1);
		known = ml_urlmap_get(&r->file_of, m->path, &id) &&
			!r->files[id].link;
	}
	if (!known && !realpath(a->path, m->path))
		return 0;
	memcpy(m->of, a->path, n + 1);
	memcpy(out, m->path, strlen(m->path) + 1);
	return 1;
}

/* c for a link of a: ML_OK, or ML_EIO when the walk failed. */
static int ctx_open(ctx *c, const ml_routes *r, const ml_article *a,
		    ml_route_result *res)
{
	memset(res, 0, sizeof(*res));
	c->r = r;
	c->a = a;
	c->res = res;
	c->self[0] = c->dir[0] = '\0';
	return ensure_walked(r) ? ML_OK : ML_EIO;
}

/* The article's own path and folder, which only links that stay on the
 * site need (after ctx_open: the walk knows which files are links). */
static void ctx_self(ctx *c)
{
	char *sl;

	if (c->a->path && strcmp(c->a->path, "-") != 0 &&
	    self_path(c->r, c->a, c->self)) {
		memcpy(c->dir, c->self, strlen(c->self) + 1); /* same size */
		if ((sl = strrchr(c->dir, '/')))
			*sl = '\0';
	}
}

/* Split url into a decoded path and fragment (res->frag). */
static int split_url(ctx *c, const char *url, ml_buf *path)
{
	const char *hash = strchr(url, '#');
	size_t n = hash ? (size_t)(hash - url) : strlen(url);
	const char *q = memchr(url, '?', n);
	ml_buf f = ML_BUF_INIT(ML_LIMIT_SHORT);
	int rc;

	if (q && !memchr(url, '{', n))
		n = (size_t)(q - url);
	rc = ml_percent_decode(url, n, path);
	if (!rc && !path->ptr)
		rc = ml_buf_put(path, "", 0);
	if (!rc && hash &&
	    !(rc = ml_fragment_decode(hash + 1, strlen(hash + 1), &f)))
		(void)snprintf(c->res->frag, sizeof(c->res->frag), "%s",
			       ml_buf_cstr(&f));
	ml_buf_dispose(&f);
	return rc;
}

int ml_routes_check(const ml_routes *r, const ml_article *a, const char *url,
		    ml_route_result *res)
{
	ctx c;
	ml_buf path = ML_BUF_INIT(ML_LIMIT_TEXT);
	size_t sl = scheme_of(url),
	       hl = r->base_host ? strlen(r->base_host) : 0;
	char *p;
	int rc = ML_OK;

	if (ctx_open(&c, r, a, res))
		return ML_OK; /* the walk failed: the run says so */
	if (sl && !(hl && strncasecmp(url, r->base_host, hl) == 0 &&
		    (url[hl] == '/' || url[hl] == '#' || !url[hl]))) {
		verdict(&c, ML_ROUTE_EXTERNAL, NULL);
		return ML_OK;
	}
	if (sl)
		url += hl;
	else if (strncmp(url, "//", 2) == 0) {
		verdict(&c, ML_ROUTE_EXTERNAL, NULL);
		return ML_OK;
	}
	ctx_self(&c);
	if ((rc = split_url(&c, url, &path)))
		goto done;
	p = path.ptr;
	if ((strstr(p, "{{") || strstr(p, "{%")) &&
	    !(r->gen == ML_GEN_JEKYLL && jekyll_template(&c, p, &rc))) {
		verdict(&c, ML_ROUTE_UNDECIDED, p);
		goto done;
	}
	if (rc || c.res->verdict != ML_ROUTE_OK || (!p[0] && path.len))
		goto done;
	if (strncmp(p, "@site/", 6) == 0 && r->gen == ML_GEN_DOCUSAURUS) {
		char full[PATH_MAX];
		(void)snprintf(full, sizeof(full), "%s/%s", r->root, p + 6);
		if (!by_file(&c, full, &rc))
			verdict(&c, ML_ROUTE_NO_TARGET, p);
	} else if (!p[0]) {
		rc = check_own_frag(&c);
	} else {
		rc = by_path(&c, p);
	}
done:
	ml_buf_dispose(&path);
	return rc;
}

/* Hugo's ref: a path from the content folder ("/x/y.md"), from the page's
 * folder, or a name the site holds once; extension and index optional. */
static int ref_try(ctx *c, const char *base, const char *p, int *rc)
{
	static const char *const tail[] = { "", ".md", "/index.md",
					    "/_index.md", ".markdown" };
	char t[PATH_MAX];
	size_t i;

	for (i = 0; i < ML_ARRAY_LEN(tail); i++)
		if (snprintf(t, sizeof(t), "%s/%s%s", base, p, tail[i]) <
			    (int)sizeof(t) &&
		    by_file(c, t, rc))
			return 1;
	return 0;
}

int ml_routes_check_ref(const ml_routes *r, const ml_article *a,
			const char *target, ml_route_result *res)
{
	ctx c;
	ml_buf path = ML_BUF_INIT(ML_LIMIT_TEXT);
	size_t i, id;
	int rc = ML_OK;

	if (ctx_open(&c, r, a, res))
		return ML_OK;
	ctx_self(&c);
	if ((rc = split_url(&c, target, &path)))
		goto done;
	if (!path.ptr[0]) {
		rc = check_own_frag(&c);
		goto done;
	}
	if (path.ptr[0] != '/' && ref_try(&c, c.dir, path.ptr, &rc))
		goto done;
	for (i = 0; i < r->nmounts; i++)
		if (r->mounts[i].kind == RT_PAGES &&
		    ref_try(&c, r->mounts[i].dir,
			    path.ptr + (path.ptr[0] == '/'), &rc))
			goto done;
	{
		char name[PATH_MAX], *dot, *sl = strrchr(path.ptr, '/');
		(void)snprintf(name, sizeof(name), "%s",
			       sl ? sl + 1 : path.ptr);
		if ((dot = strrchr(name, '.')) && ext_md(name))
			*dot = '\0';
		if (!strchr(path.ptr, '/') && ensure_routed(r) &&
		    ml_urlmap_get(&r->name_of, name, &id) && id) {
			rc = reached(&c, id - 1, &r->files[id - 1]);
			goto done;
		}
	}
	verdict(&c, ML_ROUTE_NO_TARGET, path.ptr);
done:
	ml_buf_dispose(&path);
	return rc;
}
