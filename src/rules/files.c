/* rules/files.c - slug-filename and related-term-missing: the article's
 * name against its file, and its related terms against the content tree
 * (core/content.h). */
#include "rules/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/content.h"
#include "core/filelist.h"
#include "parse/node.h"
#include "util/common.h"

/* File name without folder and ".md" (or any extension). */
static const char *file_stem(const char *path, size_t *n)
{
	const char *b = strrchr(path, '/'), *dot;

	b = b ? b + 1 : path;
	dot = strrchr(b, '.');
	*n = dot && dot != b ? (size_t)(dot - b) : strlen(b);
	return b;
}

static int check_slug(const ml_article *a, ml_findings *out)
{
	const char *key = ml_profile_field(a->profile, ML_FIELD_SLUG);
	const ml_node *n = ml_node_get(a->fm, key);
	const char *slug = n && n->type == ML_NODE_STRING ? n->str : NULL,
		   *stem;
	size_t len;

	if (!slug || !a->path || !*a->path || !strcmp(a->path, "-"))
		return ML_OK;
	stem = file_stem(a->path, &len);
	if (strlen(slug) == len && !memcmp(slug, stem, len))
		return ML_OK;
	return ml_findings_add(out, ML_RULE_SLUG_FILENAME, n->line, n->column,
			       "%s \"%s\" does not match the file name \"%s\": "
			       "rename the file to %s%s or set %s: %.*s",
			       key, slug, stem, slug, ml_ext_of(a->path), key,
			       (int)len, stem)
		       ? ML_OK
		       : ML_ENOMEM;
}

/* An article named name (any article extension) beside this one. */
static int sibling_article(const ml_article *a, const char *name)
{
	size_t i, n;
	char *const *ext = ml_content_extensions(a->opts, &n);
	char suffix[64];

	for (i = 0; i < n; i++)
		if (snprintf(suffix, sizeof(suffix), ".%s", ext[i]) <
			    (int)sizeof(suffix) &&
		    ml_content_sibling(a, name, suffix))
			return 1;
	return 0;
}

static int check_related(const ml_article *a, ml_findings *out)
{
	const ml_node *r = ml_node_get(
		a->fm, ml_profile_field(a->profile, ML_FIELD_RELATED));
	const ml_content_index *x = a->opts ? a->opts->index : NULL;
	size_t i;

	/* a scalar key (supersedes: some-id) is one item */
	if (!r || (r->type != ML_NODE_SEQ && r->type != ML_NODE_STRING) || !x)
		return ML_OK;
	for (i = 0; i < (r->type == ML_NODE_SEQ ? r->nitems : 1); i++) {
		const ml_node *it = r->type == ML_NODE_SEQ ? r->items[i] : r;
		if (it->type != ML_NODE_STRING || !it->len ||
		    sibling_article(a, it->str) ||
		    ml_content_index_has(x, it->str, it->len) ||
		    ml_overlay_has_name(a->opts, it->str, it->len))
			continue;
		if (!ml_findings_add(
			    out, ML_RULE_RELATED_TERM_MISSING, it->line,
			    it->column,
			    "related term \"%s\" has no article: no %s%s "
			    "under the content root",
			    it->str, it->str, ml_ext_of(a->path)))
			return ML_ENOMEM;
	}
	return ML_OK;
}

int ml_check_files(const ml_article *a, ml_findings *out, ml_link_list *links)
{
	int rc;

	if (!a->fm)
		return ML_OK;
	rc = check_slug(a, out);
	return rc ? rc : check_related(a, out);
}
