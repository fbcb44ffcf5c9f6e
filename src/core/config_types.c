/* core/config_types.c - `types:` and `language:` of .medlint.yaml
 * (core/config_types.h). The config is untrusted: a type schema must
 * stay inside the repository, and every fault names its line. */
#include "core/config_types.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/frontmatter.h"
#include "util/common.h"
#include "util/trust.h"

#define bad(file, n, ...) ml_yaml_fail(err, ML_ECONFIG, file, n, __VA_ARGS__)

static char *located(const char *file, const ml_node *n)
{
	ml_buf b = ML_BUF_INIT(ML_LIMIT_TEXT);

	if (ml_buf_printf(&b, "%s:%d:%d", file, n->line, n->column)) {
		ml_buf_dispose(&b);
		return NULL;
	}
	return ml_buf_detach(&b);
}

static int name_ok(const ml_node *v)
{
	return v->type == ML_NODE_STRING && v->len > 0 && v->len < 128 &&
	       !strchr(v->str, '\n');
}

/* schemas/guide.yaml of the config in root: absolute, and inside the
 * repository, or a located error. */
static int schema_path(const char *file, const char *root, const ml_node *v,
		       char **out, ml_buf *err)
{
	ml_buf b = ML_BUF_INIT(ML_LIMIT_TEXT),
	       why = ML_BUF_INIT(ML_LIMIT_SHORT);
	char repo[PATH_MAX];
	int rc = ML_OK;

	if (!name_ok(v))
		return bad(file, v, "a type's schema must be a file path%s",
			   "");
	if (v->str[0] == '/' ? ml_buf_puts(&b, v->str)
			     : ml_buf_printf(&b, "%s/%s", root, v->str))
		return ML_ENOMEM;
	if (ml_repo_root(root, repo, sizeof(repo)) != ML_OK)
		(void)ml_buf_puts(&why, "the repository does not resolve");
	else if (ml_path_within(repo, ml_buf_cstr(&b), &why))
		goto done;
	rc = bad(file, v,
		 "type schema %s is refused: %s (a schema the config names "
		 "stays inside the repository)",
		 v->str, ml_buf_cstr(&why));
done:
	ml_buf_dispose(&why);
	if (!rc && !(*out = ml_buf_detach(&b)))
		rc = ML_ENOMEM;
	ml_buf_dispose(&b);
	return rc;
}

static int load_schemas(ml_types_config *t, const char *file, const char *root,
			const ml_node *v, ml_buf *err)
{
	size_t i;
	int rc;

	if (v->type != ML_NODE_MAP || v->npairs == 0)
		return bad(file, v,
			   "\"schemas\" must map each type to its schema "
			   "file%s",
			   "");
	t->schemas = calloc(v->npairs, sizeof(*t->schemas));
	if (!t->schemas)
		return ML_ENOMEM;
	for (i = 0; i < v->npairs; i++) {
		const ml_node *k = v->pairs[i].key, *x = v->pairs[i].value;
		ml_type_entry *e = &t->schemas[i];

		if (!name_ok(k))
			return bad(file, k, "a type must be a non-empty name%s",
				   "");
		t->nschemas++;
		e->name = ml_strdup(k->str);
		e->at = located(file, x);
		if (!e->name || !e->at)
			return ML_ENOMEM;
		if ((rc = schema_path(file, root, x, &e->path, err)))
			return rc;
	}
	return ML_OK;
}

static int load_types(ml_types_config *t, const char *file, const char *root,
		      const ml_node *v, ml_buf *err)
{
	const ml_node *def = NULL, *key = NULL;
	size_t i;
	int rc;

	if (v->type != ML_NODE_MAP)
		return bad(file, v,
			   "\"types\" must be a mapping {key, schemas, "
			   "default}%s",
			   "");
	for (i = 0; i < v->npairs; i++) {
		const ml_node *k = v->pairs[i].key, *x = v->pairs[i].value;

		if (!strcmp(k->str, "key"))
			key = x;
		else if (!strcmp(k->str, "default"))
			def = x;
		else if (!strcmp(k->str, "schemas")) {
			if ((rc = load_schemas(t, file, root, x, err)))
				return rc;
		} else
			return bad(file, k,
				   "unknown key \"%s\" under types (known: "
				   "key, schemas, default)",
				   k->str);
	}
	if (!key || !name_ok(key))
		return bad(file, key ? key : v,
			   "\"types\" needs \"key\", the front-matter key "
			   "naming an article's type%s",
			   "");
	if (!t->nschemas)
		return bad(file, v, "\"types\" needs \"schemas\"%s", "");
	if (!(t->key = ml_strdup(key->str)))
		return ML_ENOMEM;
	if (!def)
		return ML_OK;
	for (i = 0; i < t->nschemas && name_ok(def); i++)
		if (!strcmp(t->schemas[i].name, def->str))
			return (t->def = ml_strdup(def->str)) ? ML_OK
							      : ML_ENOMEM;
	return bad(file, def,
		   "\"default\" must be one of the types under schemas%s", "");
}

static int load_languages(ml_language_config *g, const char *file,
			  const ml_node *v, ml_buf *err)
{
	size_t i;

	if (v->type != ML_NODE_SEQ || v->nitems == 0)
		return bad(file, v,
			   "\"languages\" must list the language codes "
			   "(en, ru, hi, ...)%s",
			   "");
	g->languages = calloc(v->nitems, sizeof(char *));
	if (!g->languages)
		return ML_ENOMEM;
	for (i = 0; i < v->nitems; i++) {
		const ml_node *x = v->items[i];

		if (!name_ok(x) || strchr(x->str, '/'))
			return bad(file, x, "a language must be a code%s", "");
		if (!(g->languages[g->nlanguages++] = ml_strdup(x->str)))
			return ML_ENOMEM;
	}
	return ML_OK;
}

static int known_language(const ml_language_config *g, const char *s)
{
	size_t i;

	for (i = 0; i < g->nlanguages; i++)
		if (!strcmp(g->languages[i], s))
			return 1;
	return 0;
}

static int load_language(ml_language_config *g, const char *file,
			 const ml_node *v, ml_buf *err)
{
	const ml_node *def = NULL;
	size_t i;
	int rc;

	if (v->type != ML_NODE_MAP)
		return bad(file, v,
			   "\"language\" must be a mapping {key, "
			   "path_segment, default, languages}%s",
			   "");
	for (i = 0; i < v->npairs; i++) {
		const ml_node *k = v->pairs[i].key, *x = v->pairs[i].value;

		if (!strcmp(k->str, "key")) {
			if (!name_ok(x))
				return bad(file, x,
					   "\"key\" must be a front-matter "
					   "key%s",
					   "");
			free(g->key);
			if (!(g->key = ml_strdup(x->str)))
				return ML_ENOMEM;
		} else if (!strcmp(k->str, "path_segment")) {
			if (x->type != ML_NODE_BOOL)
				return bad(file, x,
					   "\"path_segment\" must be true or "
					   "false%s",
					   "");
			g->path_segment = x->boolean;
		} else if (!strcmp(k->str, "default")) {
			def = x;
		} else if (!strcmp(k->str, "languages")) {
			if ((rc = load_languages(g, file, x, err)))
				return rc;
		} else
			return bad(file, k,
				   "unknown key \"%s\" under language "
				   "(known: key, path_segment, default, "
				   "languages)",
				   k->str);
	}
	if (!g->nlanguages)
		return bad(file, v, "\"language\" needs \"languages\"%s", "");
	if (def && (!name_ok(def) || !known_language(g, def->str)))
		return bad(file, def,
			   "\"default\" must be one of the languages%s", "");
	g->def = ml_strdup(def ? def->str : g->languages[0]);
	g->at = located(file, v);
	return g->def && g->at ? ML_OK : ML_ENOMEM;
}

int ml_config_types_key(ml_types_config *t, ml_language_config *lang,
			const char *file, const char *root, const ml_node *k,
			const ml_node *v, ml_buf *err)
{
	if (!strcmp(k->str, "types")) {
		ml_config_types_dispose(t, NULL);
		return load_types(t, file, root, v, err);
	}
	if (!strcmp(k->str, "language")) {
		ml_config_types_dispose(NULL, lang);
		return load_language(lang, file, v, err);
	}
	return 1;
}

void ml_config_types_dispose(ml_types_config *t, ml_language_config *lang)
{
	size_t i;

	if (t) {
		for (i = 0; i < t->nschemas; i++) {
			free(t->schemas[i].name);
			free(t->schemas[i].path);
			free(t->schemas[i].at);
		}
		free(t->schemas);
		free(t->key);
		free(t->def);
		memset(t, 0, sizeof(*t));
	}
	if (lang) {
		for (i = 0; i < lang->nlanguages; i++)
			free(lang->languages[i]);
		free(lang->languages);
		free(lang->key);
		free(lang->def);
		free(lang->at);
		memset(lang, 0, sizeof(*lang));
	}
}
