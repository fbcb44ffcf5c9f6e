/* rules/links.c - link-file and link-anchor for relative links (no
 * network), and the collection of http(s) links for the run-wide check.
 *
 * Relative links resolve against the article's folder (a leading '/'
 * against the content root) and must stay inside the content root: a
 * pull request cannot make medlint read, or report on, anything else. */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "util/common.h"
#include "parse/document.h"
#include "parse/frontmatter.h"
#include "rules/links.h"
#include "rules/rules.h"
#include "parse/slug.h"

/* The scheme of url ("http", "mailto", ...) as its length, or 0. */
static size_t scheme_len(const char *url)
{
	size_t i = 0;

	if (!((url[0] >= 'a' && url[0] <= 'z') || (url[0] >= 'A' && url[0] <= 'Z')))
		return 0;
	while (url[i] && (isalnum((unsigned char)url[i]) || url[i] == '+' ||
			  url[i] == '-' || url[i] == '.'))
		i++;
	return url[i] == ':' ? i : 0;
}

static int is_scheme(const char *url, size_t n, const char *name)
{
	return strlen(name) == n && strncasecmp(url, name, n) == 0;
}

/* Slugs of the headings of a Markdown file's body. */
static int file_slugs(const char *path, ml_slug_set *set)
{
	ml_buf text, slug = ML_BUF_INIT;
	size_t i;
	ml_split sp;
	ml_document *doc;
	int rc;

	ml_buf_init(&text, ML_MAX_FILE_BYTES);
	if ((rc = ml_buf_read_file(&text, path))) {
		ml_buf_dispose(&text);
		return rc;
	}
	ml_frontmatter_split(ml_buf_cstr(&text), text.len, &sp);
	doc = ml_document_parse(ml_buf_cstr(&text) + sp.body_offset,
				text.len - sp.body_offset, sp.body_line,
				(long)sp.body_offset);
	for (i = 0; doc && i < doc->nheadings && !rc; i++)
		rc = ml_slug_set_add(set, doc->headings[i].text,
				     doc->headings[i].len, &slug);
	ml_document_free(doc);
	ml_buf_dispose(&text);
	ml_buf_dispose(&slug);
	return doc ? rc : ML_ENOMEM;
}

static int doc_slugs(const ml_document *doc, ml_slug_set *set)
{
	ml_buf slug = ML_BUF_INIT;
	size_t i;
	int rc = ML_OK;

	for (i = 0; i < doc->nheadings && !rc; i++)
		rc = ml_slug_set_add(set, doc->headings[i].text,
				     doc->headings[i].len, &slug);
	ml_buf_dispose(&slug);
	return rc;
}

static int inside(const char *root, const char *abs)
{
	size_t n = strlen(root);

	if (strcmp(root, "/") == 0)
		return 1;
	return strncmp(abs, root, n) == 0 && (abs[n] == '/' || abs[n] == '\0');
}

/* target: the file to look in (NULL: this article), shown as `shown`. */
static int check_anchor(const ml_article *a, const ml_link *l,
			const char *target, const char *shown, const char *frag,
			ml_findings *out)
{
	ml_slug_set set;
	ml_buf want = ML_BUF_INIT;
	int rc;

	ml_slug_set_init(&set);
	rc = target ? file_slugs(target, &set) : doc_slugs(a->doc, &set);
	if (rc == ML_OK) {
		/* GitHub's heading ids are lowercase; accept any case. */
		const char *p;
		for (p = frag; *p; p++)
			ml_buf_putc(&want, (char)tolower((unsigned char)*p));
		if (!ml_slug_set_has(&set, ml_buf_cstr(&want)))
			ml_findings_add(out, ML_RULE_LINK_ANCHOR, l->line, l->column,
					"\"#%s\" matches no heading in %s", frag,
					target ? shown : "this article");
	}
	ml_buf_dispose(&want);
	ml_slug_set_dispose(&set);
	return rc == ML_EIO ? ML_OK : rc;
}

typedef struct {
	int state; /* 0 not yet, 1 resolved, -1 none (stdin) */
	int inside_root;
	char dir[PATH_MAX];
} article_dir;

/* Articles come folder by folder, so each thread remembers the last
 * folder it resolved: one realpath per folder, not per article (realpath
 * costs a system call per path component). */
static _Thread_local struct {
	char key[PATH_MAX]; /* the folder as written in the article path */
	char dir[PATH_MAX]; /* resolved */
	int ok;
} last_dir;

const char *ml_article_folder(const ml_article *a, char *dir, int *in_root)
{
	const char *slash = strrchr(a->path, '/');
	size_t n = !slash ? 0 : slash == a->path ? 1 : (size_t)(slash - a->path);

	if (n >= sizeof(last_dir.key))
		return NULL;
	if (!(last_dir.ok && strlen(last_dir.key) == n &&
	      strncmp(last_dir.key, a->path, n) == 0)) {
		memcpy(last_dir.key, a->path, n);
		last_dir.key[n] = '\0';
		last_dir.ok = realpath(n ? last_dir.key : ".", last_dir.dir) != NULL;
	}
	if (!last_dir.ok)
		return NULL;
	memcpy(dir, last_dir.dir, PATH_MAX);
	*in_root = inside(a->opts->content_root, dir);
	return dir;
}

static const char *resolve_dir(const ml_article *a, article_dir *d)
{
	if (d->state == 0)
		d->state = ml_article_folder(a, d->dir, &d->inside_root) ? 1 : -1;
	return d->state == 1 ? d->dir : NULL;
}

/* Fast path for the common "soleus.md": a plain file name next to an
 * article that is inside the root, and not a symbolic link, needs one
 * lstat and no realpath. 1 = settled (exists), 0 = take the slow path. */
#define SIBLING_CACHE 8

/* The related_terms check and the Related Terms links ask about the same
 * files: a few answers per thread save every second lstat. Files do not
 * change during a run. */
static _Thread_local struct {
	char path[SIBLING_CACHE][PATH_MAX];
	int exists[SIBLING_CACHE];
	unsigned next, used;
} sibling_cache;

int ml_sibling_file(const ml_article *a, const char *name, const char *suffix)
{
	char dir[PATH_MAX], p[PATH_MAX];
	struct stat st;
	int in_root = 0;
	unsigned i, k;

	if (strchr(name, '/') || strcmp(name, ".") == 0 || strcmp(name, "..") == 0 ||
	    !ml_article_folder(a, dir, &in_root) || !in_root)
		return 0;
	if (snprintf(p, sizeof(p), "%s/%s%s", dir, name, suffix) >= (int)sizeof(p))
		return 0;
	/* A walked index knows every Markdown file: no system call. */
	if (a->opts->index && strcmp(p + strlen(p) - 3, ".md") == 0) {
		size_t root = strlen(a->opts->content_root);
		int known = ml_content_index_has_file(
			a->opts->index, strcmp(a->opts->content_root, "/") ? p + root : p);
		if (known >= 0)
			return known;
	}
	for (i = 0; i < sibling_cache.used; i++)
		if (strcmp(sibling_cache.path[i], p) == 0)
			return sibling_cache.exists[i];
	k = sibling_cache.next++ % SIBLING_CACHE;
	memcpy(sibling_cache.path[k], p, strlen(p) + 1);
	sibling_cache.exists[k] = lstat(p, &st) == 0 && S_ISREG(st.st_mode);
	if (sibling_cache.used < SIBLING_CACHE)
		sibling_cache.used++;
	return sibling_cache.exists[k];
}

/* A relative link: the file must exist inside the content root. */
static int check_relative(const ml_article *a, const ml_link *l,
			  article_dir *ad, ml_findings *out)
{
	const char *dir;
	const char *hash = strchr(l->url, '#');
	size_t plen = hash ? (size_t)(hash - l->url) : strlen(l->url);
	const char *q = memchr(l->url, '?', plen);
	ml_buf path = ML_BUF_INIT, frag = ML_BUF_INIT, joined = ML_BUF_INIT;
	char abs[PATH_MAX];
	struct stat st;
	int rc = ML_OK;

	if (q)
		plen = (size_t)(q - l->url);
	if ((rc = ml_percent_decode(l->url, plen, &path)) ||
	    (hash && (rc = ml_percent_decode(hash + 1, strlen(hash + 1), &frag))))
		goto done;
	if (path.len == 0) {
		if (hash && frag.len)
			rc = check_anchor(a, l, NULL, NULL, ml_buf_cstr(&frag), out);
		goto done;
	}
	if (path.ptr[0] == '/') {
		ml_buf_printf(&joined, "%s%s", a->opts->content_root, path.ptr);
	} else {
		if (!(dir = resolve_dir(a, ad)))
			goto done; /* stdin: no folder to resolve against */
		if (!hash && ml_sibling_file(a, ml_buf_cstr(&path), ""))
			goto done;
		ml_buf_printf(&joined, "%s/%s", dir, path.ptr);
	}
	if (!realpath(ml_buf_cstr(&joined), abs) || stat(abs, &st) != 0) {
		ml_findings_add(out, ML_RULE_LINK_FILE, l->line, l->column,
				"\"%s\" does not exist", ml_buf_cstr(&path));
		goto done;
	}
	if (!inside(a->opts->content_root, abs)) {
		ml_findings_add(out, ML_RULE_LINK_FILE, l->line, l->column,
				"\"%s\" is outside the content root; link inside it",
				ml_buf_cstr(&path));
		goto done;
	}
	if (hash && frag.len && S_ISREG(st.st_mode) && strlen(abs) > 3 &&
	    strcmp(abs + strlen(abs) - 3, ".md") == 0)
		rc = check_anchor(a, l, abs, ml_buf_cstr(&path),
				  ml_buf_cstr(&frag), out);
done:
	ml_buf_dispose(&path);
	ml_buf_dispose(&frag);
	ml_buf_dispose(&joined);
	return rc;
}

int ml_check_links(const ml_article *a, ml_findings *out,
		   ml_link_sink sink, void *sink_ctx)
{
	article_dir ad;
	size_t i;
	int rc = ML_OK;

	if (!a->doc || a->opts->links == ML_LINKS_OFF)
		return ML_OK;
	ad.state = 0;
	for (i = 0; i < a->doc->nlinks && !rc; i++) {
		const ml_link *l = &a->doc->links[i];
		size_t sl = scheme_len(l->url);

		if (sl == 0 && strncmp(l->url, "//", 2) != 0) {
			rc = check_relative(a, l, &ad, out);
		} else if (is_scheme(l->url, sl, "http") ||
			   is_scheme(l->url, sl, "https")) {
			if (a->opts->links == ML_LINKS_ALL && sink)
				rc = sink(sink_ctx, l->url, l->line, l->column);
		} else if (is_scheme(l->url, sl, "file") ||
			   is_scheme(l->url, sl, "javascript") ||
			   is_scheme(l->url, sl, "data")) {
			ml_findings_add(out, ML_RULE_LINK_BROKEN, l->line, l->column,
					"%.*s: links do not work for readers; link to "
					"an http(s) page or a file in the content root",
					(int)sl, l->url);
		}
	}
	return rc;
}
