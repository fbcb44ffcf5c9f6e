/* rules/links.c - link-file and link-anchor for relative links (no
 * network), and the collection of http(s) links for the run-wide check.
 *
 * Relative links resolve against the article's folder (a leading '/'
 * against the content root) and must stay inside the content root: a
 * pull request cannot make medlint read, or report on, anything else. */
#include "rules/rules.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/content.h"
#include "parse/document.h"
#include "parse/slug.h"
#include "util/common.h"

/* The scheme of url ("http", "mailto", ...) as its length, or 0. */
static size_t scheme_len(const char *url)
{
	size_t i = 0;

	if (!((url[0] >= 'a' && url[0] <= 'z') ||
	      (url[0] >= 'A' && url[0] <= 'Z')))
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

static int doc_slugs(const ml_document *doc, ml_slug_set *set)
{
	ml_buf slug = ML_BUF_INIT(ML_LIMIT_SHORT);
	size_t i;
	int rc = ML_OK;

	for (i = 0; i < doc->nheadings && !rc; i++)
		rc = ml_slug_set_add(set, doc->headings[i].text,
				     doc->headings[i].len, &slug);
	ml_buf_dispose(&slug);
	return rc;
}

typedef struct {
	int state; /* 0 not yet, 1 resolved, -1 none (stdin) */
	int inside_root;
	char dir[PATH_MAX];
	int own_built; /* own_set holds this article's heading slugs */
	ml_slug_set own_set;
} article_dir;

/* 1 when frag names a heading of this article's body. The slugs are
 * made once per article, on the first in-page link, not once per link
 * (a 440 KB article with thousands of #links was quadratic). */
static int own_slug(const ml_document *doc, article_dir *ad, const char *frag)
{
	int rc;

	if (!ad->own_built) {
		if ((rc = doc_slugs(doc, &ad->own_set)))
			return rc;
		ad->own_built = 1;
	}
	return ml_slug_set_has(&ad->own_set, frag);
}

/* target: the resolved file to look in (NULL: this article), shown as
 * `shown`. An unreadable target is link-file's business, not ours. */
static int check_anchor(const ml_article *a, article_dir *ad, const ml_link *l,
			const char *target, const char *shown, const char *frag,
			ml_findings *out)
{
	ml_buf want = ML_BUF_INIT(ML_LIMIT_SHORT);
	const char *p;
	int rc = ML_OK;

	/* GitHub's heading ids are lowercase; accept any case. */
	for (p = frag; *p && !rc; p++)
		rc = ml_buf_putc(&want, (char)tolower((unsigned char)*p));
	if (!rc)
		rc = target ? ml_content_has_slug(a->opts, target,
						  ml_buf_cstr(&want))
			    : own_slug(a->doc, ad, ml_buf_cstr(&want));
	if (rc == 0 &&
	    !ml_findings_add(out, ML_RULE_LINK_ANCHOR, l->line, l->column,
			     "\"#%s\" matches no heading in %s", frag,
			     target ? shown : "this article"))
		rc = ML_ENOMEM;
	ml_buf_dispose(&want);
	return rc == ML_EIO || rc == 1 ? ML_OK : rc;
}

static const char *resolve_dir(const ml_article *a, article_dir *d)
{
	if (d->state == 0)
		d->state = ml_content_folder(a, d->dir, &d->inside_root) ? 1
									 : -1;
	return d->state == 1 ? d->dir : NULL;
}

/* A relative link: the file must exist inside the content root. */
static int check_relative(const ml_article *a, const ml_link *l,
			  article_dir *ad, ml_findings *out)
{
	const char *dir;
	const char *hash = strchr(l->url, '#');
	size_t plen = hash ? (size_t)(hash - l->url) : strlen(l->url);
	const char *q = memchr(l->url, '?', plen);
	ml_buf path = ML_BUF_INIT(ML_LIMIT_SHORT),
	       frag = ML_BUF_INIT(ML_LIMIT_SHORT),
	       joined = ML_BUF_INIT(ML_LIMIT_TEXT);
	char abs[PATH_MAX];
	struct stat st;
	int rc = ML_OK, open = 0;

	if (q)
		plen = (size_t)(q - l->url);
	if ((rc = ml_percent_decode(l->url, plen, &path)) ||
	    (hash &&
	     (rc = ml_percent_decode(hash + 1, strlen(hash + 1), &frag))))
		goto done;
	if (path.len == 0) {
		if (hash && frag.len)
			rc = check_anchor(a, ad, l, NULL, NULL,
					  ml_buf_cstr(&frag), out);
		goto done;
	}
	if (path.ptr[0] == '/') {
		ml_buf_printf(&joined, "%s%s", a->opts->content_root, path.ptr);
	} else {
		if (!(dir = resolve_dir(a, ad)))
			goto done; /* stdin: no folder to resolve against */
		if (!hash && ml_content_sibling(a, ml_buf_cstr(&path), ""))
			goto done;
		ml_buf_printf(&joined, "%s/%s", dir, path.ptr);
	}
	/* A new article open in the editor and not yet written counts. */
	if (!realpath(ml_buf_cstr(&joined), abs) || stat(abs, &st) != 0)
		open = ml_overlay_resolve(a->opts, ml_buf_cstr(&joined), abs)
			       ? 1
			       : -1;
	if (open < 0) {
		rc = ml_findings_report(out, ML_RULE_LINK_FILE, l->line,
					l->column, "\"%s\" does not exist",
					ml_buf_cstr(&path));
		goto done;
	}
	if (!ml_content_inside(a->opts->content_root, abs)) {
		rc = ml_findings_report(out, ML_RULE_LINK_FILE, l->line,
					l->column,
					"\"%s\" is outside the content root; "
					"link inside it",
					ml_buf_cstr(&path));
		goto done;
	}
	if (hash && frag.len && (open > 0 || S_ISREG(st.st_mode)) &&
	    strlen(abs) > 3 && strcmp(abs + strlen(abs) - 3, ".md") == 0)
		rc = check_anchor(a, ad, l, abs, ml_buf_cstr(&path),
				  ml_buf_cstr(&frag), out);
done:
	ml_buf_dispose(&path);
	ml_buf_dispose(&frag);
	ml_buf_dispose(&joined);
	return rc;
}

int ml_check_links(const ml_article *a, ml_findings *out, ml_link_list *links)
{
	article_dir ad;
	size_t i;
	int rc = ML_OK;

	if (!a->doc || a->opts->links == ML_LINKS_OFF)
		return ML_OK;
	ad.state = 0;
	ad.own_built = 0;
	ml_slug_set_init(&ad.own_set);
	if (a->opts->routes)
		rc = ml_site_templates(a, out);
	for (i = 0; i < a->doc->nlinks && !rc; i++) {
		const ml_link *l = &a->doc->links[i];
		size_t sl = scheme_len(l->url);

		if (a->opts->routes && !ml_site_link(a, l, out, &rc)) {
			continue;
		} else if (sl == 0 && strncmp(l->url, "//", 2) != 0) {
			rc = check_relative(a, l, &ad, out);
		} else if (is_scheme(l->url, sl, "http") ||
			   is_scheme(l->url, sl, "https")) {
			if (a->opts->links == ML_LINKS_ALL && links)
				rc = ml_link_list_add(links, l->url, l->line,
						      l->column);
		} else if (is_scheme(l->url, sl, "file") ||
			   is_scheme(l->url, sl, "javascript") ||
			   is_scheme(l->url, sl, "data")) {
			rc = ml_findings_report(
				out, ML_RULE_LINK_BROKEN, l->line, l->column,
				"%.*s: links do not work for readers; link to "
				"an http(s) page or a file in the content root",
				(int)sl, l->url);
		}
	}
	ml_slug_set_dispose(&ad.own_set);
	return rc;
}
