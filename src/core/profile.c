/* core/profile.c - load the article schema file into an ml_profile.
 *
 * The frontmatter JSON Schema is compiled here, once per run; heading
 * patterns are kept as source (they depend on each article's term). */
#include "core/profile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sections.h"
#include "parse/frontmatter.h"
#include "schema/schema.h"
#include "util/common.h"

#define PROFILE_MAX_BYTES ((size_t)4 * 1024 * 1024)

typedef struct {
	ml_profile *p;
	const char *file;
	ml_buf *err;
} ploader;

#define bad(l, n, ...) \
	ml_yaml_fail((l)->err, ML_EINVAL, (l)->file, n, __VA_ARGS__)

static int want_int(ploader *l, const ml_node *k, const ml_node *v, int min,
		    int max, int *out)
{
	if (v->type != ML_NODE_INT || v->num < min || v->num > max) {
		ml_buf_clear(l->err);
		ml_buf_printf(
			l->err,
			"%s:%d:%d: \"%s\" must be an integer from %d to %d",
			l->file, v->line, v->column, k->str, min, max);
		return ML_EINVAL;
	}
	*out = (int)v->num;
	return ML_OK;
}

static int want_bool(ploader *l, const ml_node *k, const ml_node *v, int *out)
{
	if (v->type != ML_NODE_BOOL)
		return bad(l, v, "\"%s\" must be true or false", k->str);
	*out = v->boolean;
	return ML_OK;
}

/* A list of strings, pointing into the tree (which the profile owns). */
static int want_strings(ploader *l, const ml_node *k, const ml_node *v,
			const char ***out, size_t *n)
{
	size_t i;

	if (v->type != ML_NODE_SEQ)
		return bad(l, v, "\"%s\" must be a list of strings", k->str);
	*out = ml_tree_alloc(l->p->tree, (v->nitems + 1) * sizeof(char *));
	if (!*out)
		return ML_ENOMEM;
	for (i = 0; i < v->nitems; i++) {
		if (v->items[i]->type != ML_NODE_STRING &&
		    !ml_node_is_scalar(v->items[i]))
			return bad(l, v->items[i],
				   "items of \"%s\" must be strings", k->str);
		(*out)[i] = v->items[i]->str;
	}
	*n = v->nitems;
	return ML_OK;
}

static int section_key(ploader *l, ml_section_spec *s, const ml_node *k,
		       const ml_node *v)
{
	const char *key = k->str;

	if (strcmp(key, "id") == 0 || strcmp(key, "heading") == 0) {
		if (v->type != ML_NODE_STRING || v->len == 0)
			return bad(l, v, "\"%s\" must be a non-empty string",
				   key);
		*(key[0] == 'i' ? &s->id : &s->heading) = v->str;
		return ML_OK;
	}
	if (strcmp(key, "level") == 0)
		return want_int(l, k, v, 0, 6, &s->level);
	if (strcmp(key, "required") == 0)
		return want_bool(l, k, v, &s->required);
	if (strcmp(key, "min_words") == 0)
		return want_int(l, k, v, 0, 1000000, &s->min_words);
	if (strcmp(key, "must_contain") == 0)
		return want_strings(l, k, v, &s->must_contain,
				    &s->nmust_contain);
	if (strcmp(key, "citations") == 0) {
		if (!ml_node_str(v) || strcmp(v->str, "apa7") != 0)
			return bad(l, v, "\"citations\" must be apa7");
		s->citations_apa7 = 1;
		return ML_OK;
	}
	if (strcmp(key, "order") == 0) {
		const char *o = ml_node_str(v) ? v->str : "";
		if (strcmp(o, "citation") == 0)
			s->order = ML_ORDER_CITATION;
		else if (strcmp(o, "alphabetical") == 0)
			s->order = ML_ORDER_ALPHABETICAL;
		else if (strcmp(o, "none") == 0)
			s->order = ML_ORDER_NONE;
		else
			return bad(
				l, v,
				"\"order\" must be citation, alphabetical or none%s",
				"");
		return ML_OK;
	}
	return bad(l, k,
		   "unknown section key \"%s\" (known: id, heading, level, "
		   "required, min_words, must_contain, citations, order)",
		   key);
}

/* A heading pattern must compile once {term}/{title} are filled in. */
static int heading_ok(ploader *l, const ml_node *section)
{
	const ml_node *h = ml_node_get(section, "heading");
	ml_buf why = ML_BUF_INIT(ML_LIMIT_SHORT);
	int rc = ml_section_pattern_check(h->str, &why);

	if (rc == ML_EINVAL)
		rc = bad(l, h, "bad heading pattern: %s", ml_buf_cstr(&why));
	ml_buf_dispose(&why);
	return rc;
}

static int load_sections(ploader *l, const ml_node *v)
{
	ml_profile *p = l->p;
	size_t i, j;
	int rc;

	if (v->type != ML_NODE_SEQ)
		return bad(l, v, "\"sections\" must be a list");
	p->sections = ml_tree_alloc(p->tree,
				    (v->nitems + 1) * sizeof(ml_section_spec));
	if (!p->sections)
		return ML_ENOMEM;
	for (i = 0; i < v->nitems; i++) {
		const ml_node *it = v->items[i];
		ml_section_spec *s = &p->sections[i];

		if (it->type != ML_NODE_MAP)
			return bad(l, it, "each section must be a mapping%s",
				   "");
		s->line = it->line;
		s->column = it->column;
		s->level = 2;
		s->required = 1;
		s->order = ML_ORDER_NONE;
		for (j = 0; j < it->npairs; j++)
			if ((rc = section_key(l, s, it->pairs[j].key,
					      it->pairs[j].value)))
				return rc;
		if (!s->id || !s->heading)
			return bad(l, it,
				   "a section needs \"id\" and \"heading\"%s",
				   "");
		if ((rc = heading_ok(l, it)))
			return rc;
		p->nsections++;
	}
	return ML_OK;
}

static int load_frontmatter(ploader *l, const ml_node *v)
{
	ml_buf e = ML_BUF_INIT(ML_LIMIT_SHORT);
	int rc = ml_schema_compile(v, &l->p->frontmatter, &e);

	if (rc) {
		ml_buf_clear(l->err);
		ml_buf_printf(l->err, "%s: %s", l->file, ml_buf_cstr(&e));
	}
	ml_buf_dispose(&e);
	return rc ? ML_EINVAL : ML_OK;
}

static int load_key(ploader *l, const ml_node *k, const ml_node *v)
{
	ml_profile *p = l->p;

	if (strcmp(k->str, "frontmatter") == 0)
		return load_frontmatter(l, v);
	if (strcmp(k->str, "sections") == 0)
		return load_sections(l, v);
	if (strcmp(k->str, "byline") == 0) {
		if (v->type != ML_NODE_STRING)
			return bad(l, v, "\"byline\" must be a string");
		p->byline = v->str;
		return ML_OK;
	}
	if (strcmp(k->str, "credentials") == 0)
		return want_strings(l, k, v, &p->credentials, &p->ncredentials);
	if (strcmp(k->str, "proper_nouns") == 0)
		return want_strings(l, k, v, &p->proper_nouns,
				    &p->nproper_nouns);
	if (strcmp(k->str, "review_max_age_days") == 0)
		return want_int(l, k, v, 1, 100000, &p->review_max_age_days);
	if (strcmp(k->str, "title") == 0 ||
	    strcmp(k->str, "description") == 0 ||
	    strcmp(k->str, "$comment") == 0)
		return ML_OK;
	return bad(l, k,
		   "unknown key \"%s\" (known: frontmatter, sections, byline, "
		   "credentials, review_max_age_days, proper_nouns)",
		   k->str);
}

int ml_profile_load(const char *path, ml_profile **out, ml_buf *err)
{
	ml_profile *p;
	ploader l;
	const ml_node *root;
	size_t i;
	int rc;

	*out = NULL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return ML_ENOMEM;
	p->review_max_age_days = 730;
	p->path = ml_strdup(path);
	l.p = p;
	l.file = path;
	l.err = err;
	if ((rc = ml_yaml_load_file(path, PROFILE_MAX_BYTES, "schema file",
				    ML_EINVAL, &p->tree, err)))
		goto done;
	root = ml_tree_root(p->tree);
	if (root->type != ML_NODE_MAP) {
		rc = bad(&l, root, "the schema file must be a mapping");
		goto done;
	}
	for (i = 0; i < root->npairs && !rc; i++)
		rc = load_key(&l, root->pairs[i].key, root->pairs[i].value);
done:
	if (rc) {
		ml_profile_free(p);
		return rc;
	}
	*out = p;
	return ML_OK;
}

void ml_profile_free(ml_profile *p)
{
	if (!p)
		return;
	ml_schema_free(p->frontmatter);
	ml_tree_free(p->tree);
	free(p->path);
	free(p);
}
