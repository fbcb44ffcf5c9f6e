/* core/typeset.c - content types and languages (core/typeset.h): the
 * per-language maps of the schema, the language views, and the choice
 * of an article's profile. */
#include "core/typeset.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/internal.h"
#include "parse/frontmatter.h"
#include "util/common.h"
#include "util/utf8.h"

struct ml_typeset {
	const ml_types_config *t;
	const ml_language_config *g;
	char *root;
	ml_profile **owned; /* the type profiles, each once */
	size_t nowned;
	size_t *row_of;	    /* per t->schemas[i]: 1 + its index in owned */
	ml_profile **views; /* (1 + nowned) rows of g->nlanguages: row 0
			       is the main profile's */
};

/* ---- the schema's per-language maps ------------------------------- */

int ml_profile_lang_map(ml_profile *p, const char *file, const ml_node *k,
			const ml_node *v, int phrases, const ml_node **map,
			const char **first, ml_buf *err)
{
	size_t i, j;

	(void)p;
	if (v->npairs == 0)
		return ml_yaml_fail(err, ML_EINVAL, file, v,
				    "\"%s\" by language needs a language "
				    "(en: ...)",
				    k->str);
	for (i = 0; i < v->npairs; i++) {
		const ml_node *x = v->pairs[i].value;

		if (phrases && x->type != ML_NODE_SEQ)
			return ml_yaml_fail(err, ML_EINVAL, file, x,
					    "\"%s\" of language \"%s\" must "
					    "be a list of phrases",
					    k->str, v->pairs[i].key->str);
		if (!phrases && (x->type != ML_NODE_STRING || !x->len))
			return ml_yaml_fail(err, ML_EINVAL, file, x,
					    "\"%s\" of language \"%s\" must "
					    "be a non-empty string",
					    k->str, v->pairs[i].key->str);
		for (j = 0; phrases && j < x->nitems; j++)
			if (!ml_node_is_scalar(x->items[j]))
				return ml_yaml_fail(err, ML_EINVAL, file,
						    x->items[j],
						    "phrases of \"%s\" must be "
						    "strings",
						    k->str);
	}
	*map = v;
	if (first)
		*first = v->pairs[0].value->str;
	return ML_OK;
}

int ml_profile_lang_phrases(ml_profile *p, const ml_node *seq,
			    const char ***out, size_t *n)
{
	size_t i;

	*out = ml_tree_alloc(p->tree, (seq->nitems + 1) * sizeof(char *));
	if (!*out)
		return ML_ENOMEM;
	for (i = 0; i < seq->nitems; i++)
		(*out)[i] = seq->items[i]->str;
	*n = seq->nitems;
	return ML_OK;
}

/* ---- language views ------------------------------------------------ */

static int no_lang(const ml_profile *p, const ml_section_spec *s,
		   const ml_node *map, const char *what, const char *lang,
		   ml_buf *err)
{
	ml_buf_clear(err);
	(void)ml_buf_printf(err,
			    "%s:%d:%d: section \"%s\" has no %s for language "
			    "\"%s\" (language: in .medlint.yaml lists it)",
			    p->path, map->line, map->column, s->id ? s->id : "",
			    what, lang);
	ml_text_oneline(err);
	return ML_EINVAL;
}

/* p's sections with the strings of lang: a view sharing the rest. */
static int make_view(const ml_profile *p, const char *lang, ml_profile **out,
		     ml_buf *err)
{
	ml_profile *v;
	const char **pool;
	size_t i, k = 0, nphr = 0;

	for (i = 0; i < p->nsections; i++) {
		const ml_section_spec *s = &p->sections[i];
		const ml_node *x;

		if (s->heading_by_lang &&
		    !ml_node_get(s->heading_by_lang, lang))
			return no_lang(p, s, s->heading_by_lang, "heading",
				       lang, err);
		if (!s->must_by_lang)
			continue;
		if (!(x = ml_node_get(s->must_by_lang, lang)))
			return no_lang(p, s, s->must_by_lang, "must_contain",
				       lang, err);
		nphr += x->nitems;
	}
	if (!(v = malloc(sizeof(*v))))
		return ML_ENOMEM;
	*v = *p;
	v->typeset = NULL;
	v->base = p;
	v->lang = lang;
	v->sections = calloc(p->nsections + 1, sizeof(*v->sections));
	v->view_mem = pool = calloc(nphr + 1, sizeof(char *));
	if (!v->sections || !pool) {
		free(v->sections);
		free(pool);
		free(v);
		return ML_ENOMEM;
	}
	memcpy(v->sections, p->sections, p->nsections * sizeof(*v->sections));
	for (i = 0; i < p->nsections; i++) {
		ml_section_spec *s = &v->sections[i];
		const ml_node *x;
		size_t j;

		if (s->heading_by_lang)
			s->heading = ml_node_get(s->heading_by_lang, lang)->str;
		if (!s->must_by_lang)
			continue;
		x = ml_node_get(s->must_by_lang, lang);
		s->must_contain = pool + k;
		s->nmust_contain = x->nitems;
		for (j = 0; j < x->nitems; j++)
			pool[k++] = x->items[j]->str;
	}
	*out = v;
	return ML_OK;
}

/* ---- attaching ----------------------------------------------------- */

void ml_typeset_free(ml_typeset *ts)
{
	size_t i, nviews;

	if (!ts)
		return;
	nviews = ts->g ? (1 + ts->nowned) * ts->g->nlanguages : 0;
	for (i = 0; ts->views && i < nviews; i++)
		ml_profile_free(ts->views[i]);
	for (i = 0; i < ts->nowned; i++)
		ml_profile_free(ts->owned[i]);
	free(ts->views);
	free(ts->owned);
	free(ts->row_of);
	free(ts->root);
	free(ts);
}

/* Takes every loaded profile into ts, each once. */
static int take(ml_typeset *ts, size_t n, ml_profile **loaded)
{
	size_t i, j;

	ts->owned = calloc(n + 1, sizeof(ml_profile *));
	ts->row_of = calloc(n + 1, sizeof(*ts->row_of));
	for (i = 0; i < n; i++) {
		for (j = 0; j < i && loaded[j] != loaded[i]; j++)
			;
		if (j < i) { /* the same schema as type j */
			ts->row_of[i] = ts->row_of[j];
			continue;
		}
		if (!ts->owned || !ts->row_of) {
			ml_profile_free(loaded[i]);
			continue;
		}
		ts->owned[ts->nowned++] = loaded[i];
		ts->row_of[i] = ts->nowned;
	}
	return ts->owned && ts->row_of ? ML_OK : ML_ENOMEM;
}

static int make_views(ml_typeset *ts, const ml_profile *main, ml_buf *err)
{
	size_t r, l, nl = ts->g->nlanguages;
	int rc;

	ts->views = calloc((1 + ts->nowned) * nl, sizeof(ml_profile *));
	if (!ts->views)
		return ML_ENOMEM;
	for (r = 0; r <= ts->nowned; r++)
		for (l = 0; l < nl; l++)
			if ((rc = make_view(r ? ts->owned[r - 1] : main,
					    ts->g->languages[l],
					    &ts->views[r * nl + l], err)))
				return rc;
	return ML_OK;
}

int ml_typeset_attach(ml_profile *main, const ml_types_config *t,
		      const ml_language_config *g, const char *root,
		      ml_profile **loaded, ml_buf *err)
{
	ml_typeset *ts = calloc(1, sizeof(*ts));
	size_t n = t && t->key ? t->nschemas : 0;
	int rc;

	if (!ts) {
		ml_typeset tmp = { 0 };

		(void)take(&tmp, n, loaded); /* frees what it cannot keep */
		for (rc = 0; (size_t)rc < tmp.nowned; rc++)
			ml_profile_free(tmp.owned[rc]);
		free(tmp.owned);
		free(tmp.row_of);
		return ML_ENOMEM;
	}
	ts->t = n ? t : NULL;
	ts->g = g && g->nlanguages ? g : NULL;
	main->typeset = ts;
	rc = take(ts, n, loaded);
	if (!rc && !(ts->root = ml_strdup(root ? root : "")))
		rc = ML_ENOMEM;
	if (!rc && ts->g)
		rc = make_views(ts, main, err);
	return rc;
}

/* ---- choosing ------------------------------------------------------ */

static int lang_index(const ml_language_config *g, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < g->nlanguages; i++)
		if (strlen(g->languages[i]) == n &&
		    !memcmp(g->languages[i], s, n))
			return (int)i;
	return -1;
}

/* A folder of path under the config's folder named like a language. */
static int lang_of_path(const ml_typeset *ts, const char *path)
{
	char abs[PATH_MAX], cwd[PATH_MAX];
	const char *rel, *seg, *slash;
	size_t n = strlen(ts->root);
	int i;

	if (path[0] != '/' && getcwd(cwd, sizeof(cwd)))
		i = snprintf(abs, sizeof(abs), "%s/%s", cwd, path);
	else
		i = snprintf(abs, sizeof(abs), "%s", path);
	if (i < 0 || (size_t)i >= sizeof(abs))
		return -1;
	/* only folders below the config's: never one above the repository */
	if (!n || strncmp(abs, ts->root, n) != 0 || abs[n] != '/')
		return -1;
	rel = abs + n + 1;
	for (seg = rel; (slash = strchr(seg, '/')); seg = slash + 1)
		if ((i = lang_index(ts->g, seg, (size_t)(slash - seg))) >= 0)
			return i;
	return -1;
}

static const ml_node *fm_value(const ml_node *fm, const char *key)
{
	const ml_node *v = fm && key ? ml_node_get(fm, key) : NULL;

	return v && v->type != ML_NODE_NULL ? v : NULL;
}

static void names(ml_buf *b, const char *const *v, size_t n, size_t stride)
{
	size_t i;

	for (i = 0; i < n; i++)
		(void)ml_buf_printf(
			b, "%s%s", i ? ", " : "",
			*(const char *const *)((const char *)v + i * stride));
}

static int unknown(ml_findings *out, ml_rule rule, const ml_node *at,
		   const char *fmt, const char *value, const char *list,
		   const char *tail)
{
	ml_finding *f = ml_findings_add(out, rule, at->line, at->column, fmt,
					value, list, tail);

	if (!f)
		return ML_ENOMEM;
	if (ml_node_is_scalar(at) && at->end_line == at->line) {
		f->end_line = at->end_line;
		f->end_column = at->end_column;
	}
	return ML_OK;
}

static int choose_lang(const ml_typeset *ts, const ml_node *fm,
		       const char *path, int *li, ml_findings *out)
{
	const ml_language_config *g = ts->g;
	const ml_node *v = fm_value(fm, g->key);
	ml_buf list = ML_BUF_INIT(ML_LIMIT_SHORT);
	const char *s = v ? ml_node_str(v) : NULL;
	int rc;

	*li = lang_index(g, g->def, strlen(g->def));
	if (s && (rc = lang_index(g, s, strlen(s))) >= 0) {
		*li = rc;
		return ML_OK;
	}
	if (!v) {
		if (g->path_segment && (rc = lang_of_path(ts, path)) >= 0)
			*li = rc;
		return ML_OK;
	}
	names(&list, (const char *const *)g->languages, g->nlanguages,
	      sizeof(char *));
	rc = unknown(out, ML_RULE_LANGUAGE_UNKNOWN, v,
		     "language \"%s\" is not configured (languages: %s); "
		     "its sections are read as %s",
		     s ? s : ml_node_type_name(v->type), ml_buf_cstr(&list),
		     g->def);
	ml_buf_dispose(&list);
	return rc;
}

/* Row of ts->views for the article's type: 0 main, r owned[r - 1];
 * -1 when its type names no schema (reported). */
static int choose_type(const ml_typeset *ts, const ml_node *fm, int *row,
		       ml_findings *out)
{
	const ml_types_config *t = ts->t;
	const ml_node *v = fm_value(fm, t->key);
	const char *s = v ? ml_node_str(v) : t->def;
	ml_buf list = ML_BUF_INIT(ML_LIMIT_SHORT);
	size_t i;
	int rc;

	*row = 0;
	for (i = 0; s && i < t->nschemas; i++)
		if (!strcmp(t->schemas[i].name, s)) {
			*row = (int)ts->row_of[i];
			return ML_OK;
		}
	if (!v)
		return ML_OK;
	names(&list, (const char *const *)&t->schemas[0].name, t->nschemas,
	      sizeof(ml_type_entry));
	*row = -1;
	rc = unknown(out, ML_RULE_TYPE_UNKNOWN, v,
		     "type \"%s\" has no schema (known types: %s); "
		     "map it under types: schemas: in .medlint.yaml%s",
		     s ? s : ml_node_type_name(v->type), ml_buf_cstr(&list),
		     "");
	ml_buf_dispose(&list);
	return rc;
}

int ml_profile_choose(const ml_profile *main, const ml_node *fm,
		      const char *path, const ml_profile **p, ml_findings *out)
{
	const ml_typeset *ts = main->typeset;
	int row = 0, li = -1, rc;

	*p = main;
	if (!ts)
		return ML_OK;
	if (ts->t && (rc = choose_type(ts, fm, &row, out)))
		return rc;
	if (row < 0) {
		*p = NULL;
		return 1;
	}
	if (ts->g && (rc = choose_lang(ts, fm, path, &li, out)))
		return rc;
	if (li >= 0)
		*p = ts->views[(size_t)row * ts->g->nlanguages + (size_t)li];
	else if (row > 0)
		*p = ts->owned[row - 1];
	return ML_OK;
}

const char *ml_profile_lang(const ml_profile *p)
{
	return p ? p->lang : NULL;
}
