/* core/profile.c - load the article schema file into an ml_profile.
 *
 * The frontmatter JSON Schema is compiled here, once per run; heading
 * patterns are kept as source (they depend on each article's term). */
#include "core/profile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/internal.h"
#include "core/embedded.h"
#include "core/sections.h"
#include "core/typeset.h"
#include "parse/frontmatter.h"
#include "parse/nodepack.h"
#include "schema/schema.h"
#include "util/common.h"
#include "util/fold.h"
#include "util/utf8.h"
#include "util/regex.h"

#define PROFILE_MAX_BYTES ((size_t)4 * 1024 * 1024)

typedef struct {
	ml_profile *p;
	const char *file;
	ml_buf *err;
	const char *text; /* the schema file's text, for columns */
	size_t len;
	ml_buf *all; /* every mistake of the file, one line each */
	int nerr;
	int builtin; /* the embedded default: its patterns are known good
			(test_nodepack loads a copy that is checked) */
} ploader;

#define bad(l, n, ...) \
	ml_yaml_fail((l)->err, ML_EINVAL, (l)->file, n, __VA_ARGS__)

/* A mistake is kept and the reading goes on (ml_text_note). */
static int note(ploader *l, int rc)
{
	return ml_text_note(l->all, &l->nerr, l->err, l->file, rc);
}

static const struct {
	const char *role, *def;
} field_names[ML_FIELD__COUNT] = {
	[ML_FIELD_TITLE] = { "title", "title" },
	[ML_FIELD_TERM] = { "term", "term" },
	[ML_FIELD_SLUG] = { "slug", "slug" },
	[ML_FIELD_REVIEWERS] = { "reviewers", "reviewers" },
	[ML_FIELD_REVIEWER_NAME] = { "reviewer_name", "name" },
	[ML_FIELD_REVIEWER_CREDS] = { "reviewer_credentials", "credentials" },
	[ML_FIELD_REVIEWED] = { "reviewed", "last_reviewed" },
	[ML_FIELD_RELATED] = { "related", "related_terms" },
};

const char *ml_field_role(ml_field f)
{
	return field_names[f].role;
}

const char *ml_field_default(ml_field f)
{
	return field_names[f].def;
}

const char *ml_profile_field(const ml_profile *p, ml_field f)
{
	return p && p->fields[f] ? p->fields[f] : field_names[f].def;
}

/* Column of byte `off` of a scalar's value: past its opening quote when
 * it is quoted (escapes inside are not counted). */
static int value_column(const ploader *l, const ml_node *n, size_t off)
{
	size_t i = 0;
	int line = 1;

	while (i < l->len && line < n->line)
		if (l->text[i++] == '\n')
			line++;
	i += (size_t)(n->column - 1);
	if (i < l->len && (l->text[i] == '"' || l->text[i] == '\''))
		off++;
	return n->column + (int)off;
}

/* Compiles a schema regex once, so that a bad one stops the run at load
 * with its position and PCRE2's message. */
static int regex_ok(ploader *l, const ml_node *v, const char *what,
		    unsigned flags)
{
	ml_buf why = ML_BUF_INIT(ML_LIMIT_SHORT);
	ml_regex *re;
	const char *at, *o;
	size_t off;

	if (l->builtin)
		return ML_OK;
	re = ml_regex_new(v->str, v->len, flags, &why);
	at = ml_buf_cstr(&why);
	o = strstr(at, " at offset ");
	off = o ? strtoul(o + 11, NULL, 10) : 0;
	if (re) {
		ml_regex_free(re);
		ml_buf_dispose(&why);
		return ML_OK;
	}
	ml_buf_clear(l->err);
	ml_buf_printf(l->err, "%s:%d:%d: bad %s pattern \"%s\": %.*s", l->file,
		      v->line, value_column(l, v, off), what, v->str,
		      o ? (int)(o - at) : (int)why.len, at);
	ml_buf_dispose(&why);
	return ML_EINVAL;
}

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

	if (strcmp(key, "heading") == 0 && v->type == ML_NODE_MAP)
		return ml_profile_lang_map(l->p, l->file, k, v, 0,
					   &s->heading_by_lang, &s->heading,
					   l->err);
	if (strcmp(key, "must_contain") == 0 && v->type == ML_NODE_MAP) {
		int rc = ml_profile_lang_map(l->p, l->file, k, v, 1,
					     &s->must_by_lang, NULL, l->err);
		return rc ? rc
			  : ml_profile_lang_phrases(l->p, v->pairs[0].value,
						    &s->must_contain,
						    &s->nmust_contain);
	}
	if (strcmp(key, "id") == 0 || strcmp(key, "heading") == 0) {
		if (v->type != ML_NODE_STRING || v->len == 0)
			return bad(l, v, "\"%s\" must be a non-empty string",
				   key);
		*(key[0] == 'i' ? &s->id : &s->heading) = v->str;
		return ML_OK;
	}
	if (strcmp(key, "example") == 0) {
		if (v->type != ML_NODE_STRING || v->len == 0)
			return bad(l, v, "\"%s\" must be a non-empty string",
				   key);
		s->example = v->str;
		return ML_OK;
	}
	if (strcmp(key, "match") == 0) {
		const char *m = ml_node_str(v) ? v->str : "";
		if (strcmp(m, "heading") == 0)
			s->match = ML_MATCH_HEADING;
		else if (strcmp(m, "paragraph") == 0)
			s->match = ML_MATCH_PARAGRAPH;
		else if (strcmp(m, "list") == 0)
			s->match = ML_MATCH_LIST;
		else
			return bad(l, v,
				   "\"match\" must be heading, paragraph or "
				   "list%s",
				   "");
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
		const char *c = ml_node_str(v) ? v->str : "";
		if (strcmp(c, "apa7") == 0)
			s->citations = ML_CITE_APA7;
		else if (strcmp(c, "ama11") == 0)
			s->citations = ML_CITE_AMA11;
		else if (strcmp(c, "vancouver") == 0)
			s->citations = ML_CITE_VANCOUVER;
		else
			return bad(l, v,
				   "\"citations\" must be apa7, ama11 or "
				   "vancouver");
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
		   "required, min_words, must_contain, citations, order, "
		   "example, match)",
		   key);
}

/* A heading pattern must compile once {term}/{title} are filled in. */
static int heading_one(ploader *l, const ml_node *h)
{
	ml_buf why = ML_BUF_INIT(ML_LIMIT_SHORT);
	int rc;

	if (l->builtin)
		return ML_OK;
	rc = ml_section_pattern_check(h->str, &why);

	if (rc == ML_EINVAL)
		rc = bad(l, h, "bad heading pattern: %s", ml_buf_cstr(&why));
	ml_buf_dispose(&why);
	return rc;
}

/* Each language's heading too. A heading is composed (util/fold.h) so
 * that a decomposed spelling in the schema or the article matches the
 * other: the string is the profile's own, in its tree. */
static int heading_ok(ploader *l, const ml_node *section)
{
	const ml_node *h = ml_node_get(section, "heading");
	size_t i;
	int rc = ML_OK;

	if (h->type != ML_NODE_MAP) {
		(void)ml_utf8_compose((char *)h->str, h->len, 0);
		return heading_one(l, h);
	}
	for (i = 0; i < h->npairs && !rc; i++) {
		const ml_node *x = h->pairs[i].value;

		(void)ml_utf8_compose((char *)x->str, x->len, 0);
		rc = heading_one(l, x);
	}
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
			if ((rc = note(l, section_key(l, s, it->pairs[j].key,
						      it->pairs[j].value))))
				return rc;
		if (!s->id || (!s->heading && s->match == ML_MATCH_HEADING))
			rc = bad(l, it,
				 "a section needs \"id\" and \"heading\" "
				 "(or match: paragraph or list)%s",
				 "");
		else if (s->match == ML_MATCH_PARAGRAPH && !s->nmust_contain)
			rc = bad(l, it,
				 "match: paragraph needs must_contain, the "
				 "phrases that find the paragraph%s",
				 "");
		else if (s->heading)
			rc = heading_ok(l, it);
		if ((rc = note(l, rc)))
			return rc;
		p->nsections++;
	}
	return ML_OK;
}

static int load_frontmatter(ploader *l, const ml_node *v)
{
	ml_buf e = ML_BUF_INIT(ML_LIMIT_SHORT);
	/* the built-in tree lives as long as the profile, and its schema */
	int rc = ml_schema_compile_ex(v, l->builtin ? ML_SCHEMA_BORROW_TREE : 0,
				      &l->p->frontmatter, &e);

	const char *m = ml_buf_cstr(&e);

	l->p->frontmatter_src = v;
	if (rc) {
		/* "schema L:C: why" from the compiler: the file's position */
		ml_buf_clear(l->err);
		if (strncmp(m, "schema ", 7) == 0 && m[7] >= '1' && m[7] <= '9')
			ml_buf_printf(l->err, "%s:%s", l->file, m + 7);
		else
			ml_buf_printf(l->err, "%s: %s", l->file, m);
	}
	ml_buf_dispose(&e);
	return rc ? ML_EINVAL : ML_OK;
}

static int load_fields(ploader *l, const ml_node *v)
{
	ml_profile *p = l->p;
	size_t i;
	int f, rc;

	if (v->type != ML_NODE_MAP)
		return bad(l, v,
			   "\"fields\" must be a mapping of roles to "
			   "front-matter keys%s",
			   "");
	for (i = 0; i < v->npairs; i++) {
		const ml_node *k = v->pairs[i].key, *x = v->pairs[i].value;
		for (f = 0; f < ML_FIELD__COUNT; f++)
			if (!strcmp(k->str, field_names[f].role))
				break;
		if (f == ML_FIELD__COUNT) {
			if ((rc = note(l,
				       bad(l, k,
					   "unknown role \"%s\" under fields "
					   "(known: title, term, slug, "
					   "reviewers, reviewer_name, "
					   "reviewer_credentials, reviewed, "
					   "related)",
					   k->str))))
				return rc;
			continue;
		}
		if (x->type != ML_NODE_STRING || x->len == 0) {
			if ((rc = note(l, bad(l, x,
					      "the key of role \"%s\" must be "
					      "a non-empty string",
					      k->str))))
				return rc;
			continue;
		}
		p->fields[f] = x->str;
		p->field_line[f] = x->line;
		p->field_column[f] = x->column;
	}
	return ML_OK;
}

/* byline: "PATTERN", or {pattern: PATTERN, example: TEXT}. */
static int load_byline(ploader *l, const ml_node *v)
{
	ml_profile *p = l->p;
	const ml_node *pat = v, *ex = NULL;
	size_t i;

	if (v->type == ML_NODE_MAP) {
		pat = NULL;
		for (i = 0; i < v->npairs; i++) {
			const ml_node *k = v->pairs[i].key;
			if (!strcmp(k->str, "pattern"))
				pat = v->pairs[i].value;
			else if (!strcmp(k->str, "example"))
				ex = v->pairs[i].value;
			else
				return bad(l, k,
					   "unknown byline key \"%s\" (known: "
					   "pattern, example)",
					   k->str);
		}
		if (!pat)
			return bad(l, v, "\"byline\" needs a \"pattern\"%s",
				   "");
		if (ex && (ex->type != ML_NODE_STRING || !ex->len))
			return bad(l, ex,
				   "\"example\" must be a non-empty string%s",
				   "");
	}
	if (pat->type != ML_NODE_STRING || pat->len == 0)
		return bad(l, pat,
			   "the byline pattern must be a non-empty string%s",
			   "");
	p->byline = pat->str;
	p->byline_example = ex ? ex->str : NULL;
	p->byline_line = pat->line;
	p->byline_column = pat->column;
	return regex_ok(l, pat, "byline", ML_RX_CASELESS);
}

static int load_key(ploader *l, const ml_node *k, const ml_node *v)
{
	ml_profile *p = l->p;
	int rc = ml_prose_profile_key(p, l->file, k, v, l->err);

	if (rc != 1)
		return rc;
	if (strcmp(k->str, "frontmatter") == 0)
		return load_frontmatter(l, v);
	if (strcmp(k->str, "sections") == 0)
		return load_sections(l, v);
	if (strcmp(k->str, "byline") == 0) {
		return load_byline(l, v);
	}
	if (strcmp(k->str, "fields") == 0) {
		p->fields_line = k->line;
		return load_fields(l, v);
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
		   "unknown key \"%s\" (known: frontmatter, sections, fields, "
		   "byline, credentials, review_max_age_days, "
		   "proper_nouns, readability, claims, wording, "
		   "citation_max_age_years, citation_age_allow)",
		   k->str);
}

/* Past the comment lines a schema file starts with. */
static const char *skip_comments(const char *s, const char *end)
{
	while (s < end && *s == '#') {
		const char *nl = memchr(s, '\n', (size_t)(end - s));

		s = nl ? nl + 1 : end;
	}
	return s;
}

/*
 * The compiled-in default, or a copy of it under other leading comments
 * (the modeline --init writes): tests/unit/test_config.c validates it
 * against the schema format once, so loading it need not do so again.
 */
static int is_default_text(const char *text, size_t len)
{
	const char *d = (const char *)ml_default_schema;
	const char *de = d + ml_default_schema_len, *te = text + len;

	d = skip_comments(d, de);
	text = skip_comments(text, te);
	return de - d == te - text && memcmp(d, text, (size_t)(te - text)) == 0;
}

/* The embedded default itself, byte for byte: its tree, built by
 * medlint_schema_gen from the same file at build time, is unpacked
 * instead of parsed (a copy under other comments has other lines). */
static int is_embedded_text(const char *text, size_t len)
{
	return len == ml_default_schema_len &&
	       (text == (const char *)ml_default_schema ||
		memcmp(text, ml_default_schema, len) == 0);
}

static int read_file(const char *path, ml_buf *out, ml_buf *err)
{
	int rc = ml_buf_read_file(out, path, NULL);

	if (rc == ML_ELIMIT)
		ml_buf_printf(err, "%s: schema file larger than %zu MiB", path,
			      PROFILE_MAX_BYTES >> 20);
	else if (rc == ML_EIO)
		ml_buf_printf(err, "%s: cannot read the schema file", path);
	return rc;
}

int ml_profile_load_text(const char *name, const char *text, size_t len,
			 ml_profile **out, ml_buf *err)
{
	ml_yaml_error yerr;
	ml_profile *p;
	ploader l;
	ml_buf all = ML_BUF_INIT(ML_LIMIT_TEXT);
	const ml_node *root;
	size_t i;
	int rc;

	*out = NULL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return ML_ENOMEM;
	p->review_max_age_days = 730;
	p->path = ml_strdup(name);
	if (!p->path) {
		free(p);
		return ML_ENOMEM;
	}
	rc = ml_prose_profile_init(p, err);
	if (rc) {
		ml_profile_free(p);
		return rc;
	}
	l.p = p;
	l.file = name;
	l.err = err;
	l.text = text;
	l.len = len;
	l.all = &all;
	l.nerr = 0;
	l.builtin = is_embedded_text(text, len);
	rc = l.builtin ? ml_tree_unpack(&ml_default_schema_tree, &p->tree)
		       : ml_yaml_parse(text, len, 1, &p->tree, &yerr);
	if (rc == ML_EINVAL)
		ml_buf_printf(err, "%s:%d:%d: %s", name, yerr.line, yerr.column,
			      yerr.message);
	if (rc)
		goto done;
	root = ml_tree_root(p->tree);
	if (root->type != ML_NODE_MAP) {
		rc = bad(&l, root, "the schema file must be a mapping");
		goto done;
	}
	for (i = 0; i < root->npairs && !rc; i++)
		rc = note(&l, load_key(&l, root->pairs[i].key,
				       root->pairs[i].value));
	if (!rc && l.nerr) {
		/* every mistake, one line each */
		ml_buf_clear(err);
		rc = ml_buf_put(err, all.ptr, all.len) ? ML_ENOMEM : ML_EINVAL;
		goto out;
	}
	if (!rc && !is_default_text(text, len))
		rc = ml_builtin_schema_apply(
			ml_schema_format, ml_schema_format_len,
			"schemas/article-schema.schema.json", root, name,
			ML_EINVAL, err);
done:
	/* One line, whatever the schema's values hold. */
	if (rc && rc != ML_ENOMEM)
		ml_text_oneline(err);
out:
	ml_buf_dispose(&all);
	if (rc) {
		ml_profile_free(p);
		return rc;
	}
	*out = p;
	return ML_OK;
}

int ml_profile_load(const char *path, ml_profile **out, ml_buf *err)
{
	ml_buf text = ML_BUF_INIT(PROFILE_MAX_BYTES);
	int rc;

	*out = NULL;
	if ((rc = read_file(path, &text, err)) == ML_OK)
		rc = ml_profile_load_text(path, ml_buf_cstr(&text), text.len,
					  out, err);
	ml_buf_dispose(&text);
	return rc;
}

/* ---- rules that cannot run under this schema ------------------------ */

/* The rules that read each role. A role left at its default that the
 * front matter does not declare stops only these rules' run; title and
 * term fall back to the H1, so only an explicit mapping of them is
 * checked. */
static const struct {
	ml_field f;
	ml_rule first, last;
} role_rules[] = {
	{ ML_FIELD_TITLE, ML_RULE_SECTION_MISSING, ML_RULE_SECTION_CONTENT },
	{ ML_FIELD_TERM, ML_RULE_SECTION_MISSING, ML_RULE_SECTION_CONTENT },
	{ ML_FIELD_SLUG, ML_RULE_SLUG_FILENAME, ML_RULE_SLUG_FILENAME },
	{ ML_FIELD_REVIEWERS, ML_RULE_REVIEWER_MISMATCH,
	  ML_RULE_REVIEWER_CREDENTIAL },
	{ ML_FIELD_REVIEWER_NAME, ML_RULE_REVIEWER_MISMATCH,
	  ML_RULE_REVIEWER_CREDENTIAL },
	{ ML_FIELD_REVIEWER_CREDS, ML_RULE_REVIEWER_MISMATCH,
	  ML_RULE_REVIEWER_CREDENTIAL },
	{ ML_FIELD_REVIEWED, ML_RULE_REVIEW_STALE, ML_RULE_REVIEW_FUTURE },
	{ ML_FIELD_RELATED, ML_RULE_RELATED_TERM_MISSING,
	  ML_RULE_RELATED_TERM_MISSING },
};

/* The first rule of [first, last] that is on, or -1. */
static int rule_on(const ml_severity *sev, ml_rule first, ml_rule last)
{
	int r;

	for (r = (int)first; r <= (int)last; r++)
		if (sev[r] != ML_SEV_OFF)
			return r;
	return -1;
}

/* The verification rules run only with --verify-refs: without it they
 * are not refused, whatever the schema lacks. */
static int verification_rule(int r)
{
	return r >= ML_RULE_CITATION_UNRESOLVED &&
	       r <= ML_RULE_CITATION_UNVERIFIED;
}

static int citation_rule_on(const ml_severity *sev, int verify)
{
	int r;

	for (r = 0; r < ML_RULE__COUNT; r++)
		if (sev[r] != ML_SEV_OFF && (verify || !verification_rule(r)) &&
		    !strncmp(ml_rule_info_get((ml_rule)r)->id, "citation-", 9))
			return r;
	return -1;
}

/* The `properties` mapping of an object schema, or NULL when it has none
 * (then what it declares cannot be told, and nothing is refused). */
static const ml_node *props_of(const ml_node *schema)
{
	const ml_node *pr = schema && schema->type == ML_NODE_MAP
				    ? ml_node_get(schema, "properties")
				    : NULL;

	return pr && pr->type == ML_NODE_MAP ? pr : NULL;
}

/* One more line in err (every rule that cannot run is told at once). */
static int cannot_run(ml_buf *err, const char *file, int line, int col,
		      int rule, const char *fmt, const char *a, const char *b)
{
	const char *id = ml_rule_info_get((ml_rule)rule)->id;
	ml_buf one = ML_BUF_INIT(ML_LIMIT_SHORT);

	ml_buf_printf(&one, "%s:%d:%d: rule %s is on but cannot run: ", file,
		      line, col, id);
	ml_buf_printf(&one, fmt, a, b);
	ml_buf_printf(&one,
		      " (or set \"%s: off\" under rules: in .medlint.yaml)",
		      id);
	ml_text_oneline(&one); /* a and b are the schema's keys */
	ml_buf_printf(err, "%s%s", err->len ? "\n" : "", ml_buf_cstr(&one));
	ml_buf_dispose(&one);
	return ML_EINVAL;
}

static int check_roles(const ml_profile *p, const ml_severity *sev, ml_buf *err)
{
	const ml_node *top = props_of(p->frontmatter_src), *item;
	const ml_node *rv, *inner = NULL;
	size_t i;
	int r, rc = ML_OK;

	if (!top)
		return ML_OK;
	rv = ml_node_get(top, ml_profile_field(p, ML_FIELD_REVIEWERS));
	item = rv && rv->type == ML_NODE_MAP ? ml_node_get(rv, "items") : NULL;
	inner = props_of(item);
	for (i = 0; i < ML_ARRAY_LEN(role_rules); i++) {
		ml_field f = role_rules[i].f;
		const char *key = ml_profile_field(p, f);
		const ml_node *in = top;
		int line, col;

		if (f == ML_FIELD_REVIEWER_NAME || f == ML_FIELD_REVIEWER_CREDS)
			in = inner;
		if (!in || ml_node_get(in, key))
			continue;
		if (!p->fields[f] &&
		    (f == ML_FIELD_TITLE || f == ML_FIELD_TERM))
			continue;
		r = rule_on(sev, role_rules[i].first, role_rules[i].last);
		if (r < 0)
			continue;
		line = p->fields[f] ? p->field_line[f] : in->line;
		col = p->fields[f] ? p->field_column[f] : in->column;
		rc = cannot_run(
			err, p->path, line, col, r,
			"its role \"%s\" reads the front-matter key \"%s\", "
			"which the frontmatter schema does not declare (map "
			"the role to your key under fields:)",
			ml_field_role(f), key);
	}
	return rc;
}

/* What each role's key must be able to hold, as JSON Schema types. */
static const struct {
	ml_field f;
	const char *types[3];
	const char *what;
} role_types[] = {
	{ ML_FIELD_TITLE, { "string" }, "a title" },
	{ ML_FIELD_TERM, { "string" }, "a term" },
	{ ML_FIELD_SLUG, { "string" }, "a slug" },
	{ ML_FIELD_REVIEWERS,
	  { "array", "object", "string" },
	  "reviewers (a list, one reviewer, or a byline string)" },
	{ ML_FIELD_REVIEWER_NAME, { "string" }, "a reviewer's name" },
	{ ML_FIELD_REVIEWER_CREDS,
	  { "array", "string" },
	  "credentials (a list or \"MD, PhD\")" },
	{ ML_FIELD_REVIEWED, { "string" }, "a date" },
	{ ML_FIELD_RELATED,
	  { "array", "string" },
	  "related slugs (a list, or one slug)" },
};

/* 1 when the schema type t (a string or a list of them) admits one of
 * want. */
static int type_admits(const ml_node *t, const char *const *want)
{
	size_t i, k;

	for (i = 0; i < (t->type == ML_NODE_SEQ ? t->nitems : 1); i++) {
		const ml_node *x = t->type == ML_NODE_SEQ ? t->items[i] : t;
		const char *s = ml_node_str(x);

		for (k = 0; s && k < 3 && want[k]; k++)
			if (!strcmp(s, want[k]))
				return 1;
	}
	return 0;
}

/* A role mapped to a key whose declared type cannot hold it reads
 * nothing, silently: refused at load, at the key's type. */
static int check_role_types(const ml_profile *p, ml_buf *err)
{
	const ml_node *top = props_of(p->frontmatter_src), *rv, *in, *prop, *t;
	ml_buf one = ML_BUF_INIT(ML_LIMIT_SHORT);
	size_t i;
	int rc = ML_OK;

	if (!top)
		return ML_OK;
	rv = ml_node_get(top, ml_profile_field(p, ML_FIELD_REVIEWERS));
	rv = rv && rv->type == ML_NODE_MAP ? ml_node_get(rv, "items") : NULL;
	for (i = 0; i < ML_ARRAY_LEN(role_types); i++) {
		ml_field f = role_types[i].f;
		const char *key = ml_profile_field(p, f);

		in = f == ML_FIELD_REVIEWER_NAME || f == ML_FIELD_REVIEWER_CREDS
			     ? props_of(rv)
			     : top;
		prop = in ? ml_node_get(in, key) : NULL;
		t = prop && prop->type == ML_NODE_MAP
			    ? ml_node_get(prop, "type")
			    : NULL;
		if (!t || type_admits(t, role_types[i].types))
			continue;
		ml_buf_printf(&one,
			      "%s:%d:%d: role \"%s\" reads the key "
			      "\"%s\", whose schema type cannot hold %s "
			      "(give it type %s%s%s, or map the role to "
			      "another key under fields:)",
			      p->path, t->line, t->column, ml_field_role(f),
			      key, role_types[i].what, role_types[i].types[0],
			      role_types[i].types[1] ? " or " : "",
			      role_types[i].types[1] ? role_types[i].types[1]
						     : "");
		ml_text_oneline(&one); /* the schema's keys */
		ml_buf_printf(err, "%s%s", err->len ? "\n" : "",
			      ml_buf_cstr(&one));
		ml_buf_clear(&one);
		rc = ML_EINVAL;
	}
	ml_buf_dispose(&one);
	return rc;
}

int ml_profile_check_run(const ml_profile *p, const ml_severity *sev,
			 int verify, ml_buf *err)
{
	size_t i;
	int r, refs = 0, rc = check_role_types(p, err);

	if (check_roles(p, sev, err))
		rc = ML_EINVAL;
	if (!p->byline && (r = rule_on(sev, ML_RULE_REVIEWER_BYLINE_MISSING,
				       ML_RULE_REVIEWER_MISMATCH)) >= 0)
		rc = cannot_run(err, p->path, 1, 1, r,
				"the schema has no \"byline\" pattern%s%s", "",
				"");
	if (!p->ncredentials && sev[ML_RULE_REVIEWER_CREDENTIAL] != ML_SEV_OFF)
		rc = cannot_run(err, p->path, 1, 1, ML_RULE_REVIEWER_CREDENTIAL,
				"the schema has no \"credentials\" "
				"allow-list%s%s",
				"", "");
	if (!p->nsections && (r = rule_on(sev, ML_RULE_SECTION_MISSING,
					  ML_RULE_SECTION_CONTENT)) >= 0)
		rc = cannot_run(err, p->path, 1, 1, r,
				"the schema declares no \"sections\"%s%s", "",
				"");
	if (!p->citation_max_age_years &&
	    sev[ML_RULE_CITATION_AGE] != ML_SEV_OFF)
		rc = cannot_run(err, p->path, 1, 1, ML_RULE_CITATION_AGE,
				"the schema sets no "
				"\"citation_max_age_years\"%s%s",
				"", "");
	for (i = 0; i < p->nsections; i++)
		refs |= p->sections[i].citations != ML_CITE_NONE;
	if (!refs && (r = citation_rule_on(sev, verify)) >= 0)
		rc = cannot_run(
			err, p->path, 1, 1, r,
			"no section of the schema holds the reference "
			"list (\"citations: apa7\", ama11 or vancouver)%s%s",
			"", "");
	return rc;
}

int ml_profile_check(const ml_profile *p, const ml_severity *sev, ml_buf *err)
{
	return ml_profile_check_run(p, sev, 1, err);
}

void ml_profile_free(ml_profile *p)
{
	if (!p)
		return;
	if (p->base) { /* a language view: the rest is base's */
		free(p->sections);
		free(p->view_mem);
		free(p);
		return;
	}
	ml_typeset_free(p->typeset);
	ml_schema_free(p->frontmatter);
	ml_prose_profile_reset(p);
	ml_tree_free(p->tree);
	free(p->path);
	free(p);
}
