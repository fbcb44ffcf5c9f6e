/* core/routes_walk.c - the walk of a site into its route index: which URL
 * each file is published at, as each generator computes it (folders,
 * pretty URLs, index/_index/README and bundles, front-matter slug, url,
 * permalink, aliases, id, Hugo permalinks and languages, Jekyll posts and
 * collections, Docusaurus number prefixes and blog dates). Folders are
 * opened without following links; hidden ones are skipped. */
#define _DEFAULT_SOURCE /* d_type */
#include "core/routes_in.h"

#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fnmatch.h>

#include "parse/frontmatter.h"
#include "parse/sitetoml.h"
#include "util/common.h"

#define MAX_DEPTH 64
#define MAX_FILES 2000000
#define FM_READ ((size_t)64 * 1024)
#define FM_FIRST ((size_t)16 * 1024)

static int norm(char *p, int clamp)
{
	char *out = p, *s = p;

	while (*s) {
		char *seg = s, *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);

		s = e ? e + 1 : s + n;
		if (n == 0 && seg != p)
			continue;
		if (n == 1 && seg[0] == '.')
			continue;
		if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			if (out <= p + 1 && clamp && p[0] == '/')
				continue;
			if (out <= p + 1)
				return -1;
			out--;
			while (out > p && out[-1] != '/')
				out--;
			continue;
		}
		if (seg == p && n == 0) { /* the leading '/' */
			*out++ = '/';
			continue;
		}
		memmove(out, seg, n);
		out += n;
		if (e)
			*out++ = '/';
	}
	/* a trailing "." or ".." keeps its folder's slash */
	*out = '\0';
	return 0;
}

int rt_norm(char *p)
{
	return norm(p, 0);
}

int rt_norm_url(char *p)
{
	return norm(p, 1);
}

void rt_key(const char *path, ml_buf *out)
{
	size_t n = strlen(path);

	ml_buf_clear(out);
	if (n >= 11 && strcmp(path + n - 11, "/index.html") == 0)
		n -= 10;
	while (n > 1 && path[n - 1] == '/')
		n--;
	(void)ml_buf_put(out, path, n);
	if (out->len == 0)
		(void)ml_buf_putc(out, '/');
}

size_t rt_cat(char *out, size_t cap, const char *a, const char *b,
	      const char *c)
{
	const char *part[3] = { a, b, c };
	size_t i, at = 0, want = 0;

	for (i = 0; i < 3; i++) {
		size_t n = strlen(part[i]),
		       k = n < cap - 1 - at ? n : cap - 1 - at;
		memcpy(out + at, part[i], k);
		at += k;
		want += n;
	}
	out[at] = '\0';
	return want;
}

/* dst = the first n bytes of s (no NUL among them), cut to cap - 1 as
 * snprintf "%.*s" cuts them. */
static void copy_n(char *dst, size_t cap, const char *s, size_t n)
{
	if (n > cap - 1)
		n = cap - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

int rt_add_route(ml_routes *r, const char *route, size_t id)
{
	ml_buf k = ML_BUF_INIT(ML_LIMIT_TEXT);
	int rc;

	rt_key(route, &k);
	rc = ml_urlmap_get(&r->route_of, ml_buf_cstr(&k), NULL)
		     ? ML_OK
		     : ml_urlmap_put(&r->route_of, ml_buf_cstr(&k), id);
	/* /a/b.html is also served as /a/b */
	if (!rc && k.len > 5 && strcmp(k.ptr + k.len - 5, ".html") == 0) {
		k.ptr[k.len - 5] = '\0';
		if (!ml_urlmap_get(&r->route_of, k.ptr, NULL))
			rc = ml_urlmap_put(&r->route_of, k.ptr, id);
	}
	ml_buf_dispose(&k);
	return rc;
}

static int add_file(ml_routes *r, const char *path, const char *route, int page,
		    int link, size_t *id)
{
	rt_file *f;

	if (r->nfiles >= MAX_FILES)
		return ML_ELIMIT;
	if (r->nfiles == r->capfiles) {
		size_t cap = r->capfiles ? r->capfiles * 2 : 256;
		rt_file *nf = realloc(r->files, cap * sizeof(*nf));
		if (!nf)
			return ML_ENOMEM;
		r->files = nf;
		r->capfiles = cap;
	}
	f = &r->files[r->nfiles];
	f->path = ml_strdup(path);
	f->route = ml_strdup(route);
	f->page = page;
	f->unpublished = 0;
	f->link = link;
	f->mount = 0;
	f->dir = f->name = NULL;
	if (!f->path || !f->route) {
		free(f->path);
		free(f->route);
		return ML_ENOMEM;
	}
	*id = r->nfiles++;
	if (!page || !ml_urlmap_get(&r->file_of, path, NULL))
		return ml_urlmap_put(&r->file_of, path, *id);
	return ML_OK;
}

/* ---- front matter ---------------------------------------------------- */

/* Blank the 1-based line `line` of text and the lines indented under it
 * (a key and its block value); 0 when there is no such line. */
static int blank_key(char *text, size_t n, int line)
{
	size_t i = 0, col;
	int l = 1;

	while (i < n && l < line)
		l += text[i++] == '\n';
	if (i >= n)
		return 0;
	for (col = 0; i + col < n && text[i + col] == ' '; col++)
		;
	do {
		while (i < n && text[i] != '\n')
			text[i++] = ' ';
		i++;
		/* the next line belongs to the key when indented deeper
		 * (or a "- item" at the key's own column) */
		size_t c = 0;
		while (i + c < n && text[i + c] == ' ')
			c++;
		if (i + c >= n || text[i + c] == '\n' ||
		    (c < col || (c == col && text[i + c] != '-')))
			break;
	} while (i < n);
	return 1;
}

/* The top-level keys a page's route can depend on (every generator's):
 * the only ones read_fm parses. */
static const char *const ROUTE_KEYS[] = {
	"aliases", "categories", "category",  "date",	       "draft",
	"id",	   "permalink",	 "published", "redirect_from", "slug",
	"tags",	   "title",	 "url",
};

static int route_key(const char *k, size_t n)
{
	size_t i;

	for (i = 0; i < ML_ARRAY_LEN(ROUTE_KEYS); i++)
		if (strlen(ROUTE_KEYS[i]) == n &&
		    memcmp(ROUTE_KEYS[i], k, n) == 0)
			return 1;
	return 0;
}

/* out = the top-level entries of YAML block mapping y[0..n) whose key a
 * route can depend on, each with its indented (or "- item") lines, or
 * "{}" when there is none: a page's front matter holds reviewers,
 * related terms and much more that no route reads, and parsing only what
 * routes need is most of the index's cost. -1 when a top-level line is
 * not a plain "key:" (a quoted or complex key, a merge key, a flow or
 * sequence root): the whole front matter is parsed then. */
static int route_subset(const char *y, size_t n, ml_buf *out)
{
	size_t i = 0;
	int keep = 0, any = 0;

	while (i < n) {
		const char *line = y + i, *nl = memchr(line, '\n', n - i);
		size_t len = nl ? (size_t)(nl - line) : n - i, k = 0;

		i += len + (nl != NULL);
		if (!len || line[0] == ' ' || line[0] == '\t' ||
		    line[0] == '\r' || line[0] == '#' ||
		    (line[0] == '-' &&
		     (len == 1 || line[1] == ' ' || line[1] == '\r'))) {
			if (line[0] == '-' && !any)
				return -1; /* a sequence at the root */
			if (keep && ml_buf_put(out, line, len + (nl != NULL)))
				return -1;
			continue;
		}
		while (k < len && (isalnum((unsigned char)line[k]) ||
				   line[k] == '_' || line[k] == '-'))
			k++;
		if (!k || k >= len || line[k] != ':' ||
		    (k + 1 < len && line[k + 1] != ' ' && line[k + 1] != '\r'))
			return -1;
		keep = route_key(line, k);
		if (keep && ml_buf_put(out, line, len + (nl != NULL)))
			return -1;
		any = 1;
	}
	if (!out->len && ml_buf_puts(out, "{}"))
		return -1;
	return 0;
}

/* The value of a route key written "key: value" on one line: a plain
 * scalar starting with a letter (not true, false or null in any of
 * YAML 1.2's spellings), or a double-quoted one without escapes: a
 * string, as libyaml's tree would hold it. 0 and [*v, *vn) when it is
 * one, else -1. */
static int simple_value(const char *p, size_t n, const char **v, size_t *vn)
{
	static const char *const WORDS[] = {
		"true",	 "True", "TRUE", "false", "False",
		"FALSE", "null", "Null", "NULL",
	};
	size_t i;

	while (n && (p[n - 1] == ' ' || p[n - 1] == '\r'))
		n--;
	while (n && *p == ' ')
		p++, n--;
	if (n >= 2 && p[0] == '"' && p[n - 1] == '"') {
		for (i = 1; i + 1 < n; i++)
			if (p[i] == '"' || p[i] == '\\' ||
			    (unsigned char)p[i] < 0x20)
				return -1;
		*v = p + 1;
		*vn = n - 2;
		return 0;
	}
	if (!n || !isalpha((unsigned char)p[0]))
		return -1;
	for (i = 0; i < n; i++)
		if (p[i] == '#' || p[i] == ':' || (unsigned char)p[i] < 0x20)
			return -1;
	for (i = 0; i < ML_ARRAY_LEN(WORDS); i++)
		if (strlen(WORDS[i]) == n && memcmp(WORDS[i], p, n) == 0)
			return -1;
	*v = p;
	*vn = n;
	return 0;
}

/* The tree of a route subset made of "key: value" lines only, each value
 * a simple one (simple_value), built without libyaml, whose set-up is
 * most of a two-line parse. 0, or -1 when the subset holds anything else
 * (a list, a block, a flow value, a repeated key: libyaml reads it). */
static int simple_map(const char *y, size_t n, int line, ml_tree **out)
{
	ml_tree *t;
	ml_node *map;
	size_t i = 0;

	*out = NULL;
	if (n == 2 && memcmp(y, "{}", 2) == 0)
		n = 0;
	if (!(t = ml_tree_new()))
		return -1;
	if (!(map = ml_tree_node(t, ML_NODE_MAP, line, 1)))
		goto fail;
	ml_tree_set_root(t, map);
	for (; i < n; line++) {
		const char *l = y + i, *nl = memchr(l, '\n', n - i), *v;
		size_t len = nl ? (size_t)(nl - l) : n - i, k = 0, vn;
		ml_node *key, *val;

		i += len + (nl != NULL);
		while (k < len && l[k] != ':')
			k++;
		if (k >= len || !isalpha((unsigned char)l[0]) ||
		    simple_value(l + k + 1, len - k - 1, &v, &vn))
			goto fail;
		if (!(key = ml_tree_node(t, ML_NODE_STRING, line, 1)) ||
		    !(key->str = ml_tree_strndup(t, l, k)))
			goto fail;
		key->len = k;
		if (ml_node_get(map, key->str))
			goto fail; /* a repeated key: libyaml's word on it */
		if (!(val = ml_tree_node(t, ML_NODE_STRING, line,
					 (int)(v - l) + 1)) ||
		    !(val->str = ml_tree_strndup(t, v, vn)))
			goto fail;
		val->len = vn;
		if (ml_node_set(t, map, key, val))
			goto fail;
	}
	*out = t;
	return 0;
fail:
	ml_tree_free(t);
	return -1;
}

/* The first bytes of a page into buf (FM_READ + 1 bytes), NUL-ended: the
 * first 4 KiB, where most front matter ends, and up to FM_READ when they
 * open front matter and fill it. One read of 16 KiB finds most pages
 * whole (a short read of a file is its end); open and read, no stdio. A
 * FIFO gives nothing (O_NONBLOCK). */
static size_t read_head(int dfd, const char *path, char *buf)
{
	int fd =
		openat(dfd, path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	size_t n = 0;
	ssize_t k;

	if (fd < 0)
		return (size_t)-1;
	k = read(fd, buf, FM_FIRST);
	n = k > 0 ? (size_t)k : 0;
	if (n >= 4095 && buf[0] != '-' && buf[0] != '+')
		n = 4095; /* no front matter but JSON's: 4 KiB of it */
	else if (n == FM_FIRST)
		while (n < FM_READ && (k = read(fd, buf + n, FM_READ - n)) > 0)
			n += (size_t)k;
	(void)close(fd);
	buf[n] = '\0';
	return n;
}

/* The front matter of a page (YAML ---, TOML +++), or NULL; text holds
 * FM_READ + 1 bytes. A YAML duplicate key, which the generators' parsers
 * take (Ruby's Psych and js-yaml keep the last), is not a reason to lose
 * the page's route: the copy the parser names is cut and the rest read
 * again. */
static ml_tree *read_fm(int dfd, const char *path, char *text)
{
	ml_tree *t = NULL;
	ml_split sp;
	ml_yaml_error ye;
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);
	size_t n = read_head(dfd, path, text);

	if (n == (size_t)-1)
		return NULL;
	if (n > 4 && strncmp(text, "+++", 3) == 0 &&
	    (text[3] == '\n' || text[3] == '\r')) {
		char *end = strstr(text + 3, "\n+++");
		if (end && ml_sitetoml_parse(text + 4, (size_t)(end - text - 3),
					     &t, &err))
			t = NULL;
	} else {
		int tries = 0;
		ml_buf sub = ML_BUF_INIT(ML_LIMIT_TEXT);

		ml_frontmatter_split(text, n, &sp);
		if (sp.present && sp.closed &&
		    !route_subset(text + sp.yaml_offset, sp.yaml_len, &sub) &&
		    (!simple_map(sub.ptr, sub.len, sp.yaml_line, &t) ||
		     !ml_yaml_parse(sub.ptr, sub.len, sp.yaml_line, &t, &ye)))
			sp.present = 0; /* done: the keys routes read */
		else
			t = NULL;
		ml_buf_dispose(&sub);
		while (sp.present && sp.closed &&
		       ml_yaml_parse(text + sp.yaml_offset, sp.yaml_len,
				     sp.yaml_line, &t, &ye)) {
			t = NULL;
			if (++tries > 8 ||
			    strncmp(ye.message, "duplicate key", 13) != 0 ||
			    !blank_key(text, n, ye.line))
				break;
		}
	}
	ml_buf_dispose(&err);
	if (t && ml_tree_root(t)->type != ML_NODE_MAP) {
		ml_tree_free(t);
		t = NULL;
	}
	return t;
}

static const char *fm_str(const ml_node *fm, const char *key)
{
	const ml_node *v = fm ? ml_node_get(fm, key) : NULL;

	return v && ml_node_is_scalar(v) && v->str && v->len ? v->str : NULL;
}

/* A front-matter flag: true, or the string "true" (Hugo and Jekyll cast
 * it, Docusaurus's schema too). */
static int fm_flag(const ml_node *fm, const char *key, int want)
{
	const ml_node *v = fm ? ml_node_get(fm, key) : NULL;

	if (!v)
		return 0;
	if (v->type == ML_NODE_BOOL)
		return v->boolean == want;
	return v->type == ML_NODE_STRING && v->str &&
	       strcmp(v->str, want ? "true" : "false") == 0;
}

/* ---- names ----------------------------------------------------------- */

static int md_ext(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot && (strcasecmp(dot, ".md") == 0 ||
		       strcasecmp(dot, ".markdown") == 0 ||
		       strcasecmp(dot, ".mdx") == 0);
}

/* Hugo's path sanitising: lowercase (unless disablePathToLower), spaces
 * to '-'. */
static int hugo_path(const ml_routes *r, const char *s, ml_buf *out)
{
	int rc = ML_OK;

	for (; *s && !rc; s++) {
		char c = *s;
		if (c == ' ')
			c = '-';
		if (r->lower && c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		rc = ml_buf_putc(out, c);
	}
	return rc;
}

/* urlize: lowercase, spaces to '-', keep letters, digits, '-', '_', '.',
 * '/' and non-ASCII. */
static int urlize(const char *s, ml_buf *out)
{
	int rc = ML_OK;

	for (; *s && !rc; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == ' ')
			rc = ml_buf_putc(out, '-');
		else if (isalnum(c) || c == '-' || c == '_' || c == '.' ||
			 c == '/' || c >= 0x80)
			rc = ml_buf_putc(out, (char)tolower(c));
	}
	return rc;
}

typedef struct {
	const char *name; /* file name without extension */
	const char *dir;  /* folder below the mount, "" at its top */
	const char *section;
	const ml_node *fm;
	const char *date;  /* YYYY-MM-DD or NULL */
	const char *extra; /* jekyll: categories path; collection name */
	int jekyll;	   /* :title is the file's (or slug) as it is */
	int jk_page;	   /* jekyll page (not a post or document): :path is
			      its folder */
	const char *rel;   /* jekyll: the file from the site's source */
	const char *type;  /* jekyll: "pages", "posts" or the collection */
} rt_page;

/* Jekyll's front-matter defaults (_config.yml defaults:): the value of
 * key for the page from the entry whose scope fits it best, as
 * FrontmatterDefaults ranks them: a longer scope path wins, then one
 * naming a type, then the later one. Scope paths are folders or files
 * from the source ("" every one) or globs. */
static const ml_node *jk_default(const ml_routes *r, const rt_page *pg,
				 const char *key)
{
	const ml_node *best = NULL, *d = r->jk_defaults;
	size_t i, best_len = 0;
	int best_typed = 0;

	for (i = 0; d && pg->rel && i < d->nitems; i++) {
		const ml_node *set = d->items[i], *scope, *v, *sp, *st;
		const char *path;
		size_t n;
		int typed;

		if (set->type != ML_NODE_MAP ||
		    !(v = ml_node_get(ml_node_get(set, "values"), key)))
			continue;
		scope = ml_node_get(set, "scope");
		sp = scope ? ml_node_get(scope, "path") : NULL;
		st = scope ? ml_node_get(scope, "type") : NULL;
		path = sp && sp->type == ML_NODE_STRING && sp->str ? sp->str
								   : "";
		while (path[0] == '.' && path[1] == '/')
			path += 2;
		while (path[0] == '/')
			path++;
		n = strlen(path);
		while (n && path[n - 1] == '/')
			n--;
		typed = st && st->type == ML_NODE_STRING && st->str;
		if (typed && (!pg->type || strcmp(st->str, pg->type) != 0))
			continue;
		if (strchr(path, '*')) {
			if (fnmatch(path, pg->rel, FNM_PATHNAME) != 0)
				continue;
		} else if (n && (strncmp(pg->rel, path, n) != 0 ||
				 (pg->rel[n] && pg->rel[n] != '/')))
			continue;
		if (best &&
		    (n < best_len || (n == best_len && !typed && best_typed)))
			continue;
		best = v;
		best_len = n;
		best_typed = typed;
	}
	return best;
}

/* A page its generator leaves out of the build whatever links to it:
 * Hugo's draft: true (unless buildDrafts), Jekyll's published: false,
 * Docusaurus's draft: true (production builds). Astro and Next decide
 * in code; MkDocs has no such key. */
static int unpublished(const ml_routes *r, const rt_page *pg)
{
	const ml_node *fm = pg->fm, *d;

	switch (r->gen) {
	case ML_GEN_HUGO: return !r->drafts && fm_flag(fm, "draft", 1);
	case ML_GEN_JEKYLL:
		if (fm && ml_node_get(fm, "published"))
			return fm_flag(fm, "published", 0);
		d = jk_default(r, pg, "published");
		return d && d->type == ML_NODE_BOOL && !d->boolean;
	case ML_GEN_DOCUSAURUS: return fm_flag(fm, "draft", 1);
	default: return 0;
	}
}

/* Expand a permalink pattern (":year/:title/"); unknown tokens stay. */
static int expand(const char *pat, const rt_page *pg, ml_buf *out)
{
	const char *slug = fm_str(pg->fm, "slug"),
		   *title = fm_str(pg->fm, "title");
	int rc = ML_OK;

	while (*pat && !rc) {
		size_t n = 0;
		if (*pat != ':') {
			rc = ml_buf_putc(out, *pat++);
			continue;
		}
		while (isalnum((unsigned char)pat[1 + n]) || pat[1 + n] == '_')
			n++;
#define TOK(s) (n == strlen(s) && strncmp(pat + 1, s, n) == 0)
		if (TOK("year") && pg->date)
			rc = ml_buf_put(out, pg->date, 4);
		else if (TOK("month") && pg->date)
			rc = ml_buf_put(out, pg->date + 5, 2);
		else if (TOK("day") && pg->date)
			rc = ml_buf_put(out, pg->date + 8, 2);
		else if (TOK("short_year") && pg->date)
			rc = ml_buf_put(out, pg->date + 2, 2);
		else if (TOK("i_month") && pg->date)
			rc = ml_buf_printf(out, "%d", atoi(pg->date + 5));
		else if (TOK("i_day") && pg->date)
			rc = ml_buf_printf(out, "%d", atoi(pg->date + 8));
		else if (TOK("title") && pg->jekyll)
			rc = ml_buf_puts(out, slug ? slug : pg->name);
		else if (TOK("title"))
			rc = urlize(title ? title : pg->name, out);
		else if (TOK("slug"))
			rc = urlize(slug    ? slug
				    : title ? title
					    : pg->name,
				    out);
		else if (TOK("slugorfilename"))
			rc = urlize(slug ? slug : pg->name, out);
		else if (TOK("filename") || TOK("contentbasename") ||
			 TOK("name"))
			rc = urlize(pg->name, out);
		else if (TOK("section") || TOK("collection"))
			rc = ml_buf_puts(out, pg->extra && TOK("collection")
						      ? pg->extra
						      : pg->section);
		else if (TOK("sections"))
			rc = ml_buf_puts(out, pg->dir);
		else if (TOK("categories"))
			rc = ml_buf_puts(out, pg->extra ? pg->extra : "");
		else if (TOK("path") && pg->jk_page)
			rc = ml_buf_printf(out, "/%s%s", pg->dir,
					   *pg->dir ? "/" : "");
		else if (TOK("path"))
			rc = ml_buf_printf(out, "%s%s%s", pg->dir,
					   *pg->dir ? "/" : "", pg->name);
		else if (TOK("basename"))
			rc = ml_buf_puts(out, pg->name);
		else if (TOK("output_ext"))
			rc = ml_buf_puts(out, ".html");
		else
			rc = ml_buf_put(out, pat, n + 1);
#undef TOK
		pat += n + 1;
	}
	return rc;
}

/* ---- one page's route, per generator ----------------------------------- */

static const char *hugo_perm(const ml_routes *r, const char *section)
{
	const ml_node *p = r->perms, *v;

	if (!p || p->type != ML_NODE_MAP)
		return NULL;
	/* Hugo 0.112+: permalinks.page.<section> */
	if ((v = ml_node_get(p, "page")) && v->type == ML_NODE_MAP)
		p = v;
	v = ml_node_get(p, section);
	return v && v->type == ML_NODE_STRING ? v->str : NULL;
}

/* Replace the last segment of dir/ with seg. */
static int put_dir_slug(ml_buf *out, const char *dir, const char *seg)
{
	const char *sl = strrchr(dir, '/');

	if (!*dir)
		return ml_buf_puts(out, seg);
	return ml_buf_printf(out, "%.*s%s%s", sl ? (int)(sl - dir) : 0, dir,
			     sl ? "/" : "", seg);
}

static int hugo_route(const ml_routes *r, const rt_mount *m, const rt_page *pg,
		      const char *prefix, ml_buf *out)
{
	const char *url = fm_str(pg->fm, "url"), *slug = fm_str(pg->fm, "slug");
	const char *perm = *pg->section ? hugo_perm(r, pg->section) : NULL;
	int list = strcmp(pg->name, "_index") == 0,
	    bundle = strcmp(pg->name, "index") == 0;
	ml_buf path = ML_BUF_INIT(ML_LIMIT_TEXT);
	int rc = ML_OK;

	(void)m;
	if (url)
		return ml_buf_printf(out, "%s%s%s", prefix,
				     url[0] == '/' ? "" : "/", url);
	if (perm && !list)
		rc = expand(perm, pg, &path);
	else if (list)
		rc = ml_buf_puts(&path, pg->dir);
	else if (bundle)
		rc = slug ? put_dir_slug(&path, pg->dir, slug)
			  : ml_buf_puts(&path, pg->dir);
	else {
		rc = ml_buf_puts(&path, pg->dir);
		if (!rc && *pg->dir)
			rc = ml_buf_putc(&path, '/');
		if (!rc)
			rc = ml_buf_puts(&path, slug ? slug : pg->name);
	}
	if (!rc && !(rc = ml_buf_puts(out, prefix)))
		rc = ml_buf_putc(out, '/');
	if (!rc && !perm)
		rc = hugo_path(r,
			       ml_buf_cstr(&path) +
				       (path.len && path.ptr[0] == '/'),
			       out);
	else if (!rc)
		rc = ml_buf_puts(out, ml_buf_cstr(&path) +
					      (path.len && path.ptr[0] == '/'));
	/* a page's path gets its slash (or .html) whatever dots its name
	 * holds ("release-0.73"); a permalink pattern is taken as written
	 * unless it ends in a name without extension */
	if (!rc && out->ptr[out->len - 1] != '/' &&
	    (!perm || !strrchr(strrchr(out->ptr, '/'), '.')))
		rc = (r->dir_urls || list || bundle)
			     ? ml_buf_putc(out, '/')
			     : ml_buf_puts(out, ".html");
	ml_buf_dispose(&path);
	return rc;
}

static int jekyll_route(const ml_routes *r, const rt_mount *m,
			const rt_page *pg, ml_buf *out)
{
	const char *perm = fm_str(pg->fm, "permalink"),
		   *style = r->jk_permalink;
	const ml_node *d = perm ? NULL : jk_default(r, pg, "permalink");

	if (d && d->type == ML_NODE_STRING && d->str && d->len)
		perm = d->str;
	if (perm) {
		ml_buf tmp = ML_BUF_INIT(ML_LIMIT_TEXT);
		int rc = expand(perm, pg, &tmp);
		/* URL.sanitize_url: no doubled '/' */
		for (size_t i = 0; !rc && i < tmp.len; i++)
			if (!(tmp.ptr[i] == '/' && i && tmp.ptr[i - 1] == '/'))
				rc = ml_buf_putc(out, tmp.ptr[i]);
		ml_buf_dispose(&tmp);
		return rc;
	}
	if (m->kind == RT_COLLECTION)
		return expand(m->pattern, pg, out);
	if (m->kind == RT_POSTS) {
		if (strcmp(style, "date") == 0)
			style = "/:categories/:year/:month/:day/:title:output_ext";
		else if (strcmp(style, "pretty") == 0)
			style = "/:categories/:year/:month/:day/:title/";
		else if (strcmp(style, "ordinal") == 0)
			style = "/:categories/:year/:y_day/:title:output_ext";
		else if (strcmp(style, "none") == 0)
			style = "/:categories/:title:output_ext";
		return expand(style, pg, out);
	}
	if (strcmp(pg->name, "index") == 0)
		return ml_buf_printf(out, "/%s%s", pg->dir,
				     *pg->dir ? "/" : "");
	return ml_buf_printf(out, "/%s%s%s%s", pg->dir, *pg->dir ? "/" : "",
			     pg->name, r->dir_urls ? "/" : ".html");
}

/* Docusaurus drops "01-" style number prefixes from every segment. */
static int docu_segs(const char *s, ml_buf *out)
{
	int rc = ML_OK;

	while (*s && !rc) {
		const char *e = strchr(s, '/'), *p = s;
		size_t n = e ? (size_t)(e - s) : strlen(s);

		while (p < s + n && isdigit((unsigned char)*p))
			p++;
		if (p > s && p < s + n && (*p == '-' || *p == '_' || *p == '.'))
			n -= (size_t)(p + 1 - s), s = p + 1;
		rc = ml_buf_printf(out, "/%.*s", (int)n, s);
		s += n + (e != NULL);
	}
	return rc;
}

static int docu_route(const rt_mount *m, const rt_page *pg, ml_buf *out)
{
	const char *slug = fm_str(pg->fm, "slug"), *id = fm_str(pg->fm, "id");
	const char *base = strrchr(pg->dir, '/');
	int index =
		strcasecmp(pg->name, "index") == 0 ||
		strcasecmp(pg->name, "readme") == 0 ||
		(*pg->dir && strcmp(base ? base + 1 : pg->dir, pg->name) == 0);
	int rc = ml_buf_puts(out, m->prefix);

	if (!rc && slug && slug[0] == '/')
		return ml_buf_puts(out, slug);
	if (!rc)
		rc = docu_segs(pg->dir, out);
	if (!rc && slug)
		rc = ml_buf_printf(out, "/%s", slug);
	else if (!rc && !index)
		rc = docu_segs(id ? id : pg->name, out);
	if (!rc && out->len == 0)
		rc = ml_buf_putc(out, '/');
	return rc;
}

static int blog_route(const rt_mount *m, const rt_page *pg, ml_buf *out)
{
	const char *slug = fm_str(pg->fm, "slug");
	const char *name = strcmp(pg->name, "index") == 0 && *pg->dir
				   ? (strrchr(pg->dir, '/')
					      ? strrchr(pg->dir, '/') + 1
					      : pg->dir)
				   : pg->name;

	if (slug)
		return ml_buf_printf(out, "%s/%s", m->prefix,
				     slug + (slug[0] == '/'));
	if (strlen(name) > 11 && isdigit((unsigned char)name[0]) &&
	    name[4] == '-' && name[7] == '-' && name[10] == '-')
		return ml_buf_printf(out, "%s/%.4s/%.2s/%.2s/%s", m->prefix,
				     name, name + 5, name + 8, name + 11);
	return ml_buf_printf(out, "%s/%s", m->prefix, name);
}

/* src/pages, app/ (page.*), pages/: folders, index, (group), [param]. */
static int file_route(const ml_routes *r, const rt_mount *m, const rt_page *pg,
		      ml_buf *out)
{
	int rc = ml_buf_puts(out, m->prefix);
	const char *s = pg->dir;

	while (*s && !rc) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (!(s[0] == '(' && s[n - 1] == ')'))
			rc = ml_buf_printf(out, "/%.*s", (int)n, s);
		s += n + (e != NULL);
	}
	if (!rc && strcmp(pg->name, "index") != 0 &&
	    strcmp(pg->name, "page") != 0)
		rc = ml_buf_printf(out, "/%s", pg->name);
	if (!rc && (r->dir_urls || out->len == 0))
		rc = ml_buf_putc(out, '/');
	return rc;
}

static int mkdocs_route(const ml_routes *r, const rt_page *pg, ml_buf *out)
{
	if (strcmp(pg->name, "index") == 0 ||
	    strcasecmp(pg->name, "README") == 0)
		return ml_buf_printf(out, "/%s%s", pg->dir,
				     *pg->dir ? "/" : "");
	return ml_buf_printf(out, "/%s%s%s%s", pg->dir, *pg->dir ? "/" : "",
			     pg->name, r->dir_urls ? "/" : ".html");
}

/* ---- the walk ------------------------------------------------------------- */

typedef struct {
	ml_routes *r;
	const rt_mount *m;
	char dir[4096]; /* the folder below the mount being walked */
	/* hugo: the route of the bundle (index.md, _index.md) of the
	 * folder being walked, where its other files are published */
	char bundle[4096];
	const char *bundle_file;
	size_t pending; /* the file entry on_page fills, or SIZE_MAX */
	int link;	/* the file at hand is a symbolic link (or may be) */
	/* rt_routes: the page's path from its mount's folder, open at dfd
	 * (fewer components for the kernel to walk than the absolute path) */
	const char *rel;
	int dfd;
	char top[4096]; /* the folder open at dfd */
} walker;

/* name "x.fr" with fr a language: its prefix; *stem ends before ".fr". */
static const char *lang_prefix(const walker *w, const char *name, size_t *stem,
			       char *buf, size_t cap)
{
	const char *dot = strrchr(name, '.');
	size_t i;

	*stem = strlen(name);
	if (!dot || !w->r->nlangs)
		return w->m->prefix;
	for (i = 0; i < w->r->nlangs; i++)
		if (strcasecmp(dot + 1, w->r->langs[i]) == 0) {
			*stem = (size_t)(dot - name);
			if (w->m->lang && strcasecmp(dot + 1, w->m->lang) == 0)
				return w->m->prefix;
			(void)snprintf(buf, cap, "/%s", w->r->langs[i]);
			return buf;
		}
	return w->m->prefix;
}

static int add_list(ml_routes *r, const ml_node *fm, const char *key,
		    const char *base, size_t id)
{
	const ml_node *v = fm ? ml_node_get(fm, key) : NULL;
	ml_buf b = ML_BUF_INIT(ML_LIMIT_TEXT);
	size_t i, n = v && v->type == ML_NODE_SEQ ? v->nitems : v ? 1 : 0;
	int rc = ML_OK;

	for (i = 0; i < n && !rc; i++) {
		const ml_node *it = v->type == ML_NODE_SEQ ? v->items[i] : v;
		if (!it->str || !it->len)
			continue;
		ml_buf_clear(&b);
		if (strcmp(key, "aliases") == 0 ||
		    strcmp(key, "redirect_from") == 0)
			rc = ml_buf_printf(&b, "%s%s",
					   it->str[0] == '/' ? "" : base,
					   it->str);
		else {
			rc = ml_buf_printf(&b, "/%s/", key);
			rc = rc ? rc : urlize(it->str, &b);
		}
		if (!rc && rt_norm(b.ptr) == 0)
			rc = rt_add_route(r, b.ptr, id);
	}
	ml_buf_dispose(&b);
	return rc;
}

static int jekyll_post(rt_page *pg, char *name, ml_buf *cats, const char *dir)
{
	const ml_node *c;
	const char *p = strstr(dir, "_posts");

	if (strlen(name) < 11 || name[4] != '-' || name[7] != '-' ||
	    name[10] != '-')
		return 1; /* not a post: Jekyll skips it */
	pg->date = name;
	name[10] = '\0';
	pg->name = name + 11;
	if (p && p > dir)
		(void)ml_buf_put(cats, dir, (size_t)(p - dir - 1));
	c = pg->fm ? ml_node_get(pg->fm, "categories") : NULL;
	if (!c && pg->fm)
		c = ml_node_get(pg->fm, "category");
	if (c && c->type == ML_NODE_SEQ) {
		size_t i;
		for (i = 0; i < c->nitems; i++)
			if (c->items[i]->str)
				(void)ml_buf_printf(cats, "%s%s",
						    cats->len ? "/" : "",
						    c->items[i]->str);
	} else if (c && c->str) {
		const char *s;
		(void)ml_buf_printf(cats, "%s%s", cats->len ? "/" : "", c->str);
		for (s = cats->ptr; s && (s = strchr(s, ' ')); s++)
			*(char *)s = '/';
	}
	if (cats->len)
		for (size_t i = 0; i < cats->len; i++)
			cats->ptr[i] =
				(char)tolower((unsigned char)cats->ptr[i]);
	pg->extra = ml_buf_cstr(cats);
	return 0;
}

static int page_route(walker *w, rt_page *pg, const char *prefix, ml_buf *route)
{
	const ml_routes *r = w->r;

	switch (r->gen) {
	case ML_GEN_HUGO: return hugo_route(r, w->m, pg, prefix, route);
	case ML_GEN_JEKYLL: return jekyll_route(r, w->m, pg, route);
	case ML_GEN_MKDOCS: return mkdocs_route(r, pg, route);
	case ML_GEN_DOCUSAURUS:
		if (w->m->kind == RT_BLOG)
			return blog_route(w->m, pg, route);
		if (strcmp(w->m->prefix, "") == 0)
			return file_route(r, w->m, pg, route);
		return docu_route(w->m, pg, route);
	default: return file_route(r, w->m, pg, route);
	}
}

/* Index names a Hugo ref can use: base name, folder of a bundle. */
static int hugo_names(ml_routes *r, const rt_page *pg, size_t id)
{
	const char *n = pg->name, *sl;
	size_t old;

	if (strcmp(n, "index") == 0 || strcmp(n, "_index") == 0) {
		if (!*pg->dir)
			return ML_OK;
		sl = strrchr(pg->dir, '/');
		n = sl ? sl + 1 : pg->dir;
	}
	if (ml_urlmap_get(&r->name_of, n, &old))
		return old == id + 1 ? ML_OK : ml_urlmap_put(&r->name_of, n, 0);
	return ml_urlmap_put(&r->name_of, n, id + 1);
}

static int on_page(walker *w, const char *abs, const char *file);

/* A Jekyll page whose permalink is "/a/b" is written to b.html, also
 * reached as "/a/b.html" (rt_add_route gives "/a/b.html" its "/a/b"). */
static int jk_html_twin(ml_routes *r, const char *route, size_t id)
{
	const char *sl = strrchr(route, '/'), *dot = strrchr(route, '.');
	char twin[4096];

	if (!sl || !sl[1] || (dot && dot > sl) ||
	    snprintf(twin, sizeof(twin), "%s.html", route) >= (int)sizeof(twin))
		return ML_OK;
	return rt_add_route(r, twin, id);
}

/* The file entry of a page: the pending one rt_routes fills, or new. */
static int page_entry(walker *w, const char *abs, const char *route, size_t *id)
{
	rt_file *f;
	char *dup;

	if (w->pending == SIZE_MAX)
		return add_file(w->r, abs, route, 1, w->link, id);
	f = &w->r->files[w->pending];
	if (!(dup = ml_strdup(route)))
		return ML_ENOMEM;
	free(f->route);
	f->route = dup;
	*id = w->pending;
	return ML_OK;
}

/* Hugo and Docusaurus read a page's front matter for its route: that
 * waits until a link needs routes (links to files need none). */
static int defer_page(walker *w, const char *abs, const char *file)
{
	rt_file *f;
	size_t id;
	int rc = add_file(w->r, abs, "", 1, w->link, &id);

	if (rc)
		return rc;
	f = &w->r->files[id];
	f->mount = (uint32_t)(w->m - w->r->mounts);
	f->dir = ml_strdup(w->dir);
	f->name = ml_strdup(file);
	return f->dir && f->name ? ML_OK : ML_ENOMEM;
}

/* The path of pending page f from the folder its walk began in (its
 * mount's, resolved), that folder open at w->dfd; NULL when it cannot be
 * opened (the page is then read by its absolute path). Pages come mount
 * by mount: the folder is opened again only when it changes. */
static const char *page_folder(walker *w, const rt_file *f)
{
	size_t pl = strlen(f->path), nl = strlen(f->name),
	       dl = *f->dir ? strlen(f->dir) + 1 : 0;

	if (pl < nl + dl + 2 || pl - nl - dl - 1 >= sizeof(w->top))
		return NULL;
	pl -= nl + dl + 1;
	if (w->dfd < 0 || strlen(w->top) != pl ||
	    memcmp(w->top, f->path, pl) != 0) {
		if (w->dfd >= 0)
			(void)close(w->dfd);
		copy_n(w->top, sizeof(w->top), f->path, pl);
		w->dfd = open(w->top, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (w->dfd < 0)
			return NULL;
	}
	return f->path + pl + 1;
}

int rt_routes(ml_routes *r)
{
	size_t i, n = r->nfiles, id;
	int rc = ML_OK;
	walker w;

	if (!(r->fm_buf = malloc(FM_READ + 1)))
		return ML_ENOMEM;
	/* one walker for all: its folder buffers are set, not cleared, per
	 * page (clearing 8 KiB a page showed in the profile) */
	w.r = r;
	w.bundle_file = NULL;
	w.link = 0;
	w.dfd = -1;
	w.top[0] = '\0';
	for (i = 0; i < n && !rc; i++) {
		rt_file *f = &r->files[i];

		if (!f->name)
			continue;
		w.m = &r->mounts[f->mount];
		w.pending = i;
		w.bundle[0] = '\0';
		(void)rt_cat(w.dir, sizeof(w.dir), f->dir, "", "");
		w.rel = page_folder(&w, f);
		rc = on_page(&w, f->path, f->name);
		f = &r->files[i]; /* on_page may have grown the array */
		free(f->dir);
		free(f->name);
		f->dir = f->name = NULL;
	}
	if (w.dfd >= 0)
		(void)close(w.dfd);
	free(r->fm_buf);
	r->fm_buf = NULL;
	/* what every generator publishes whatever the content */
	if (!rc && !ml_urlmap_get(&r->route_of, "/", NULL) &&
	    !(rc = add_file(r, r->root, "/", 0, 0, &id)))
		rc = rt_add_route(r, "/", id);
	if (!rc && r->gen == ML_GEN_HUGO &&
	    ml_urlmap_get(&r->route_of, "/", &id))
		rc = rt_add_route(r, "/tags/", id) ||
		     rt_add_route(r, "/categories/", id);
	return rc;
}

static int on_page(walker *w, const char *abs, const char *file)
{
	ml_routes *r = w->r;
	char name[1024], pfx[72], sec[256], rel[PATH_MAX];
	const char *dot = strrchr(file, '.'), *prefix;
	ml_buf route = ML_BUF_INIT(ML_LIMIT_TEXT),
	       cats = ML_BUF_INIT(ML_LIMIT_TEXT);
	ml_tree *fm = r->gen == ML_GEN_MKDOCS ? NULL
		      : w->rel ? read_fm(w->dfd, w->rel, r->fm_buf)
			       : read_fm(AT_FDCWD, abs, r->fm_buf);
	rt_page pg;
	size_t stem, id;
	int rc = ML_OK, k;

	memset(&pg, 0, sizeof(pg));
	copy_n(name, sizeof(name), file, (size_t)(dot - file));
	prefix = lang_prefix(w, name, &stem, pfx, sizeof(pfx));
	name[stem] = '\0';
	pg.name = name;
	pg.dir = w->dir;
	pg.fm = fm ? ml_tree_root(fm) : NULL;
	pg.jekyll = r->gen == ML_GEN_JEKYLL;
	pg.extra = w->m->kind == RT_COLLECTION ? w->m->lang : NULL;
	if (r->gen == ML_GEN_JEKYLL) {
		const char *md = w->m->dir;
		size_t rl = strlen(r->root);
		if (strncmp(md, r->root, rl) == 0)
			md += rl;
		while (*md == '/')
			md++;
		k = snprintf(rel, sizeof(rel), "%s%s%s%s%s", md, *md ? "/" : "",
			     w->dir, *w->dir ? "/" : "", file);
		if (k < 0 || (size_t)k >= sizeof(rel))
			goto done; /* a path no file system holds */
		pg.rel = rel;
		pg.type = w->m->kind == RT_POSTS	? "posts"
			  : w->m->kind == RT_COLLECTION ? w->m->lang
							: "pages";
		pg.jk_page = w->m->kind == RT_PAGES;
	}
	copy_n(sec, sizeof(sec), w->dir, strcspn(w->dir, "/"));
	pg.section = sec;
	if (fm_str(pg.fm, "date") && strlen(fm_str(pg.fm, "date")) >= 10)
		pg.date = fm_str(pg.fm, "date");
	if (w->m->kind == RT_POSTS && jekyll_post(&pg, name, &cats, w->dir))
		goto done;
	if (r->gen == ML_GEN_JEKYLL && !pg.fm && w->m->kind == RT_PAGES) {
		/* no front matter: Jekyll copies the file as it is */
		rc = ml_buf_printf(&route, "/%s%s%s", w->dir,
				   *w->dir ? "/" : "", file);
		if (!rc && !(rc = add_file(r, abs, route.ptr, 0, w->link, &id)))
			rc = rt_add_route(r, route.ptr, id);
		goto done;
	}
	if (strchr(w->dir, '[') || strchr(name, '[')) {
		rc = file_route(r, w->m, &pg, &route);
		goto dynamic;
	}
	rc = page_route(w, &pg, prefix, &route);
	if (!rc && rt_norm(route.ptr) == 0 && w->bundle_file &&
	    strcmp(file, w->bundle_file) == 0) {
		const char *sl = strrchr(route.ptr, '/');
		(void)snprintf(w->bundle, sizeof(w->bundle), "%.*s",
			       sl ? (int)(sl - route.ptr) : 0, route.ptr);
	}
	if (!rc && route.ptr[0] == '/' &&
	    !(rc = page_entry(w, abs, route.ptr, &id))) {
		char base[4096];
		const char *sl = strrchr(route.ptr, '/');
		copy_n(base, sizeof(base), route.ptr,
		       sl ? (size_t)(sl - route.ptr + 1) : 0);
		r->files[id].unpublished = unpublished(r, &pg);
		rc = rt_add_route(r, route.ptr, id);
		if (!rc && r->gen == ML_GEN_JEKYLL)
			rc = jk_html_twin(r, route.ptr, id);
		if (!rc)
			rc = add_list(r, pg.fm, "aliases", base, id);
		if (!rc)
			rc = add_list(r, pg.fm, "redirect_from", base, id);
		if (!rc && r->gen == ML_GEN_HUGO)
			rc = add_list(r, pg.fm, "tags", "", id) ||
			     add_list(r, pg.fm, "categories", "", id) ||
			     hugo_names(r, &pg, id);
		if (!rc && w->m->kind == RT_POSTS) {
			char full[1100];
			(void)snprintf(full, sizeof(full), "%s-%s", pg.date,
				       pg.name);
			rc = ml_urlmap_put(&r->post_of, full, id);
		}
	}
	goto done;
dynamic:
	if (!rc) {
		char *br = strchr(route.ptr, '['), **nd;
		*br = '\0';
		if ((nd = realloc(r->dynamic,
				  (r->ndynamic + 1) * sizeof(char *)))) {
			r->dynamic = nd;
			rc = (nd[r->ndynamic] = ml_strdup(route.ptr))
				     ? ML_OK
				     : ML_ENOMEM;
			r->ndynamic += !rc;
		} else
			rc = ML_ENOMEM;
	}
done:
	ml_tree_free(fm);
	ml_buf_dispose(&route);
	ml_buf_dispose(&cats);
	return rc;
}

static int on_static(walker *w, const char *abs, const char *file)
{
	ml_routes *r = w->r;
	ml_buf route = ML_BUF_INIT(ML_LIMIT_TEXT);
	size_t id;
	int rc = ML_OK;

	/* Hugo: a bundle's files are published beside its page */
	if (r->gen == ML_GEN_HUGO && w->m->kind == RT_PAGES && w->bundle[0])
		rc = ml_buf_printf(&route, "%s/%s", w->bundle, file);
	else
		rc = ml_buf_printf(&route, "%s/%s%s%s", w->m->prefix, w->dir,
				   *w->dir ? "/" : "", file);
	if (!rc && rt_norm(route.ptr) == 0 &&
	    !(rc = add_file(r, abs, route.ptr, 0, w->link, &id)))
		rc = rt_add_route(r, route.ptr, id);
	ml_buf_dispose(&route);
	return rc;
}

/* What a generator never publishes from a folder it walks. */
static int skipped_dir(const walker *w, const char *name)
{
	if (name[0] == '.')
		return 1;
	if (w->r->gen == ML_GEN_JEKYLL)
		return name[0] == '_' || strcmp(name, "node_modules") == 0 ||
		       strcmp(name, "vendor") == 0;
	if (w->r->gen == ML_GEN_NEXT || w->r->gen == ML_GEN_ASTRO ||
	    (w->r->gen == ML_GEN_DOCUSAURUS && w->m->kind == RT_PAGES))
		return name[0] == '_' || strcmp(name, "api") == 0;
	return strcmp(name, "node_modules") == 0;
}

static int page_file(const walker *w, const char *name)
{
	const char *dot = strrchr(name, '.');

	if (w->m->kind == RT_STATIC || !dot)
		return 0;
	if (md_ext(name))
		return 1;
	/* Next, Astro and Docusaurus pages written as code or HTML */
	if ((w->r->gen == ML_GEN_NEXT || w->r->gen == ML_GEN_ASTRO ||
	     (w->r->gen == ML_GEN_DOCUSAURUS && !*w->m->prefix)) &&
	    (strcmp(dot, ".js") == 0 || strcmp(dot, ".jsx") == 0 ||
	     strcmp(dot, ".ts") == 0 || strcmp(dot, ".tsx") == 0 ||
	     strcmp(dot, ".astro") == 0 || strcmp(dot, ".html") == 0))
		return w->r->gen != ML_GEN_NEXT ||
		       strncmp(w->m->dir + strlen(w->m->dir) - 3, "app", 3) !=
			       0 ||
		       strncmp(name, "page.", 5) == 0;
	return w->r->gen == ML_GEN_JEKYLL && strcmp(dot, ".html") == 0;
}

static int walk_dir(walker *w, int fd, const char *abs, int depth);

static int walk_entry(walker *w, int dfd, const char *abs, struct dirent *e,
		      int depth)
{
	char path[4096];
	size_t dl = strlen(w->dir);
	int fd, rc = ML_OK;

	if (e->d_name[0] == '.' ||
	    rt_cat(path, sizeof(path), abs, "/", e->d_name) >= sizeof(path))
		return ML_OK;
	if (e->d_type == DT_DIR) {
		if (skipped_dir(w, e->d_name) || depth >= MAX_DEPTH ||
		    dl + strlen(e->d_name) + 2 >= sizeof(w->dir))
			return ML_OK;
		fd = openat(dfd, e->d_name,
			    O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
		if (fd < 0)
			return ML_OK;
		(void)snprintf(w->dir + dl, sizeof(w->dir) - dl, "%s%s",
			       dl ? "/" : "", e->d_name);
		rc = walk_dir(w, fd, path, depth + 1);
		w->dir[dl] = '\0';
		return rc;
	}
	if (e->d_type != DT_REG && e->d_type != DT_LNK)
		return ML_OK;
	w->link = e->d_type == DT_LNK;
	if (w->r->gen == ML_GEN_JEKYLL && e->d_name[0] == '_')
		return ML_OK;
	if (page_file(w, e->d_name) &&
	    (w->r->gen == ML_GEN_HUGO || w->r->gen == ML_GEN_DOCUSAURUS))
		return defer_page(w, path, e->d_name);
	return page_file(w, e->d_name) ? on_page(w, path, e->d_name)
				       : on_static(w, path, e->d_name);
}

/* Hugo: a folder's index.md or _index.md is walked first, so that the
 * folder's other files know where their bundle is published. */
static int bundle_first(walker *w, int fd, const char *abs)
{
	static const char *const names[] = { "index.md", "_index.md",
					     "index.markdown",
					     "_index.markdown" };
	char path[4096];
	size_t i;

	w->bundle[0] = '\0';
	w->bundle_file = NULL;
	if (w->r->gen != ML_GEN_HUGO || w->m->kind != RT_PAGES)
		return ML_OK;
	for (i = 0; i < ML_ARRAY_LEN(names); i++) {
		struct stat st;
		/* there, as faccessat(F_OK) tells, in one call unless it
		 * is a symbolic link (then its target is asked for) */
		if (fstatat(fd, names[i], &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    (S_ISLNK(st.st_mode) &&
		     faccessat(fd, names[i], F_OK, 0) != 0) ||
		    snprintf(path, sizeof(path), "%s/%s", abs, names[i]) >=
			    (int)sizeof(path))
			continue;
		w->bundle_file = names[i];
		w->link = !S_ISREG(st.st_mode);
		return on_page(w, path, names[i]);
	}
	return ML_OK;
}

static int walk_dir(walker *w, int fd, const char *abs, int depth)
{
	DIR *d = fdopendir(fd);
	struct dirent *e;
	char bundle[4096];
	const char *bfile;
	int rc;

	if (!d) {
		close(fd);
		return ML_EIO;
	}
	rc = bundle_first(w, fd, abs);
	memcpy(bundle, w->bundle, sizeof(bundle));
	bfile = w->bundle_file;
	while (!rc && (e = readdir(d))) {
		if (bfile && strcmp(e->d_name, bfile) == 0)
			continue;
		rc = walk_entry(w, dirfd(d), abs, e, depth);
		/* a subfolder had its own bundle */
		memcpy(w->bundle, bundle, sizeof(bundle));
		w->bundle_file = bfile;
	}
	closedir(d);
	return rc;
}

static int walk_mount(ml_routes *r, const rt_mount *m)
{
	walker w;
	char real[4096];
	const char *dir = m->dir;
	int fd;

	memset(&w, 0, sizeof(w));
	w.r = r;
	w.m = m;
	w.pending = SIZE_MAX;
	if (m->kind == RT_POSTS) {
		(void)snprintf(real, sizeof(real), "%s/_posts", m->dir);
		dir = real;
		(void)snprintf(w.dir, sizeof(w.dir), "_posts");
	}
	if (!realpath(dir, real))
		return ML_OK; /* a folder the site does not have */
	fd = open(real, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return ML_OK;
	return walk_dir(&w, fd, real, 0);
}

int rt_walk(ml_routes *r)
{
	size_t i;
	int rc = ML_OK;

	if (!(r->fm_buf = malloc(FM_READ + 1)))
		return ML_ENOMEM;
	for (i = 0; i < r->nmounts && !rc; i++)
		rc = walk_mount(r, &r->mounts[i]);
	free(r->fm_buf);
	r->fm_buf = NULL;
	return rc;
}
