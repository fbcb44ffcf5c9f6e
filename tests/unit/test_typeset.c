/* Unit tests for content types and languages (core/typeset.c): per-language
 * headings and phrases, the choice of an article's profile, composition
 * and case folding beyond ASCII (util/fold.c), and the schema's own
 * wording of front-matter findings (errorMessage, description). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/finding.h"
#include "core/sections.h"
#include "core/typeset.h"
#include "parse/frontmatter.h"
#include "schema/schema.h"
#include "util/fold.h"

/* ---- util/fold.c ------------------------------------------------------ */

static void composed(const char *in, int lower, const char *want)
{
	char buf[256];
	size_t n = strlen(in);

	memcpy(buf, in, n + 1);
	n = ml_utf8_compose(buf, n, lower);
	assert_int_equal(n, strlen(want));
	assert_memory_equal(buf, want, n);
}

static void test_compose(void **state)
{
	(void)state;
	/* Й as И + combining breve, lower-cased */
	composed("\xD0\x9A\xD0\xA0\xD0\x90\xD0\xA2\xD0\x9A\xD0\x98\xD0\x98"
		 "\xCC\x86",
		 1, "\xD0\xBA\xD1\x80\xD0\xB0\xD1\x82\xD0\xBA\xD0\xB8\xD0\xB9");
	/* ढ + nukta and the precomposed U+095D compose alike */
	composed("\xE0\xA4\xA2\xE0\xA4\xBC", 0, "\xE0\xA5\x9D");
	composed("\xE0\xA5\x9D", 0, "\xE0\xA5\x9D");
	/* é two ways; É lower-cased; Greek capital sigma */
	composed("Caf\x65\xCC\x81", 1, "caf\xC3\xA9");
	composed("\xC3\x89T\xC3\x89", 1, "\xC3\xA9t\xC3\xA9");
	composed("\xCE\xA3", 1, "\xCF\x83");
	/* Ё (U+0401) and Ѐ-Џ range, and bytes that are not UTF-8 kept */
	composed("\xD0\x81", 1, "\xD1\x91");
	composed("a\xFF"
		 "B",
		 1,
		 "a\xFF"
		 "b");
	assert_true(ml_utf8_has_combining("\xD0\x98\xCC\x86", 4));
	assert_true(ml_utf8_has_combining("\xE0\xA4\xA2\xE0\xA4\xBC", 6));
	assert_false(ml_utf8_has_combining("\xD0\x99", 2));
}

/* must_contain phrases are compared case-folded in Cyrillic too */
static void test_fold_phrases(void **state)
{
	ml_buf a = ML_BUF_INIT(ML_LIMIT_SHORT), b = ML_BUF_INIT(ML_LIMIT_SHORT);

	(void)state;
	assert_int_equal(ml_sections_fold(&a, "ОБРАТИТЕСЬ  К Врачу", 35),
			 ML_OK);
	assert_int_equal(ml_sections_fold(&b, "обратитесь к врачу", 34), ML_OK);
	assert_string_equal(ml_buf_cstr(&a), ml_buf_cstr(&b));
	ml_buf_dispose(&a);
	ml_buf_dispose(&b);
}

/* ---- core/typeset.c --------------------------------------------------- */

#define SCHEMA(extra)                                                         \
	"frontmatter:\n  type: object\n  properties:\n"                       \
	"    title: {type: string}\n    lang: {type: string}\n"               \
	"    type: {type: string}\n"                                          \
	"sections:\n"                                                         \
	"  - id: treatment\n"                                                 \
	"    heading: {en: Treatment, ru: \"\xD0\x9B\xD0\xB5\xD1\x87\xD0\xB5" \
	"\xD0\xBD\xD0\xB8\xD0\xB5\"" extra "}\n"                              \
	"    must_contain: {en: [see a doctor], ru: [x], hi: [y]}\n"

static char *langs[] = { "en", "ru", "hi" };

static ml_language_config language(void)
{
	ml_language_config g;

	memset(&g, 0, sizeof(g));
	g.languages = langs;
	g.nlanguages = 3;
	g.key = "lang";
	g.path_segment = 1;
	g.def = "en";
	return g;
}

static ml_profile *load(const char *text)
{
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);
	ml_profile *p = NULL;

	assert_int_equal(ml_profile_load_text("t.yaml", text, strlen(text), &p,
					      &err),
			 ML_OK);
	ml_buf_dispose(&err);
	return p;
}

static const ml_node *fm(ml_tree **t, const char *yaml)
{
	ml_yaml_error e;

	assert_int_equal(ml_yaml_parse(yaml, strlen(yaml), 1, t, &e), ML_OK);
	return ml_tree_root(*t);
}

static void test_language_views(void **state)
{
	ml_language_config g = language();
	ml_profile *p = load(SCHEMA(", hi: \"\xE0\xA4\x89\""));
	const ml_profile *v;
	ml_findings out;
	ml_tree *t = NULL;
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);

	(void)state;
	ml_findings_init(&out);
	/* without a language the first is read */
	assert_string_equal(p->sections[0].heading, "Treatment");
	assert_int_equal(ml_typeset_attach(p, NULL, &g, "/site", NULL, &err),
			 ML_OK);
	/* the front matter's key */
	assert_int_equal(ml_profile_choose(p, fm(&t, "lang: ru\n"),
					   "/site/a.md", &v, &out),
			 ML_OK);
	assert_string_equal(ml_profile_lang(v), "ru");
	assert_string_equal(v->sections[0].heading,
			    "\xD0\x9B\xD0\xB5\xD1\x87\xD0\xB5\xD0\xBD\xD0\xB8"
			    "\xD0\xB5");
	assert_string_equal(v->sections[0].must_contain[0], "x");
	ml_tree_free(t);
	/* a path segment under the config's folder, not above it */
	assert_int_equal(ml_profile_choose(p, NULL, "/site/content/hi/a.md", &v,
					   &out),
			 ML_OK);
	assert_string_equal(ml_profile_lang(v), "hi");
	assert_int_equal(ml_profile_choose(p, NULL, "/hi/site/a.md", &v, &out),
			 ML_OK);
	assert_string_equal(ml_profile_lang(v), "en");
	/* a language not configured: a finding, and the default */
	assert_int_equal(ml_profile_choose(p, fm(&t, "lang: de\n"),
					   "/site/ru/a.md", &v, &out),
			 ML_OK);
	assert_string_equal(ml_profile_lang(v), "en");
	assert_int_equal(out.len, 1);
	assert_int_equal(out.items[0].rule, ML_RULE_LANGUAGE_UNKNOWN);
	assert_int_equal(out.items[0].line, 1);
	assert_int_equal(out.items[0].column, 7);
	ml_tree_free(t);
	ml_findings_dispose(&out);
	ml_buf_dispose(&err);
	ml_profile_free(p);
}

/* a per-language heading that lacks a configured language */
static void test_language_missing(void **state)
{
	ml_language_config g = language();
	ml_profile *p = load(SCHEMA(""));
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);

	(void)state;
	assert_int_equal(ml_typeset_attach(p, NULL, &g, "/site", NULL, &err),
			 ML_EINVAL);
	assert_non_null(strstr(ml_buf_cstr(&err), "t.yaml:9:14: section "
						  "\"treatment\" has no "
						  "heading for language "
						  "\"hi\""));
	ml_buf_dispose(&err);
	ml_profile_free(p);
}

static void test_types(void **state)
{
	ml_profile *p = load(SCHEMA(", hi: x")),
		   *guide = load(SCHEMA(", hi: y"));
	ml_profile *loaded[2];
	ml_type_entry e[2] = { { "guide", "/site/g.yaml", "c:1:1" },
			       { "howto", "/site/g.yaml", "c:2:1" } };
	ml_types_config t = { "type", e, 2, NULL };
	const ml_profile *v;
	ml_findings out;
	ml_tree *tr = NULL;
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);

	(void)state;
	loaded[0] = loaded[1] = guide; /* one file, two names: owned once */
	ml_findings_init(&out);
	assert_int_equal(ml_typeset_attach(p, &t, NULL, "/site", loaded, &err),
			 ML_OK);
	assert_int_equal(ml_profile_choose(p, fm(&tr, "type: howto\n"), "a.md",
					   &v, &out),
			 ML_OK);
	assert_ptr_equal(v, guide);
	ml_tree_free(tr);
	/* no key, no default: the main schema */
	assert_int_equal(ml_profile_choose(p, fm(&tr, "title: x\n"), "a.md", &v,
					   &out),
			 ML_OK);
	assert_ptr_equal(v, p);
	ml_tree_free(tr);
	/* a value that names no schema */
	assert_int_equal(ml_profile_choose(p, fm(&tr, "type: recipe\n"), "a.md",
					   &v, &out),
			 1);
	assert_null(v);
	assert_int_equal(out.len, 1);
	assert_int_equal(out.items[0].rule, ML_RULE_TYPE_UNKNOWN);
	assert_non_null(
		strstr(out.items[0].message, "known types: guide, howto"));
	ml_tree_free(tr);
	ml_findings_dispose(&out);
	ml_buf_dispose(&err);
	ml_profile_free(p);
}

/* ---- the schema's wording (schema/scalar.c) --------------------------- */

typedef struct {
	char msg[512], kw[64], raw[512];
	int n;
} seen;

static void on_fault(void *ctx, const ml_node *at, const char *message,
		     const ml_schema_detail *d)
{
	seen *s = ctx;

	(void)at;
	s->n++;
	snprintf(s->msg, sizeof(s->msg), "%s", message);
	snprintf(s->kw, sizeof(s->kw), "%s", d ? d->keyword : "");
	snprintf(s->raw, sizeof(s->raw), "%s", d ? d->raw : "");
}

static seen worded(const char *schema, const char *doc)
{
	ml_tree *st = NULL, *dt = NULL;
	ml_schema *s = NULL;
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);
	seen r;

	memset(&r, 0, sizeof(r));
	assert_int_equal(ml_schema_compile(fm(&st, schema), &s, &err), ML_OK);
	assert_int_equal(ml_schema_validate_detail(s, fm(&dt, doc), on_fault,
						   &r, NULL),
			 1);
	ml_schema_free(s);
	ml_tree_free(st);
	ml_tree_free(dt);
	ml_buf_dispose(&err);
	return r;
}

static void test_error_message(void **state)
{
	seen r;

	(void)state;
	r = worded("properties:\n  c: {pattern: \"^[A-Z]{2}$\", errorMessage: "
		   "\"a two-letter code\"}\n",
		   "c: usa\n");
	assert_string_equal(r.msg, "/c: a two-letter code");
	assert_string_equal(r.kw, "pattern");
	assert_string_equal(r.raw, "/c: \"usa\" does not match pattern "
				   "^[A-Z]{2}$");
	/* by keyword: another keyword's entry does not apply */
	r = worded("properties:\n  c: {type: string, minLength: 3, "
		   "errorMessage: {minLength: too short, type: not text}}\n",
		   "c: ab\n");
	assert_string_equal(r.msg, "/c: too short");
	assert_string_equal(r.kw, "minLength");
	r = worded("properties:\n  c: {type: string, errorMessage: "
		   "{minLength: too short}}\n",
		   "c: 5\n");
	assert_string_equal(r.msg, "/c: expected string, got integer");
	assert_string_equal(r.kw, "");
	/* a description words a keyword on the value */
	r = worded("properties:\n  c: {enum: [a, b], description: "
		   "\"the kind, a or b\"}\n",
		   "c: z\n");
	assert_string_equal(r.msg, "/c: \"z\" is not valid: the kind, a or b");
	assert_string_equal(r.kw, "enum");
	/* but not a missing key of the object it describes */
	r = worded("description: the page\nrequired: [t]\n", "x: 1\n");
	assert_string_equal(r.msg, "/: missing required key \"t\"");
	r = worded("errorMessage: {required: every page has a title}\n"
		   "required: [t]\n",
		   "x: 1\n");
	assert_string_equal(r.msg, "/: every page has a title");
	assert_string_equal(r.kw, "required");
}

static void test_finding_detail(void **state)
{
	ml_findings f;
	ml_finding *x;

	(void)state;
	ml_findings_init(&f);
	x = ml_findings_add(&f, ML_RULE_FRONTMATTER_SCHEMA, 1, 1, "said");
	assert_non_null(x);
	assert_null(ml_finding_keyword(x));
	assert_int_equal(ml_finding_set_detail(x, "pattern", "raw\nline"),
			 ML_OK);
	assert_string_equal(x->message, "said");
	assert_string_equal(ml_finding_keyword(x), "pattern");
	assert_string_equal(ml_finding_raw(x), "raw\\nline");
	ml_findings_dispose(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compose),
		cmocka_unit_test(test_fold_phrases),
		cmocka_unit_test(test_language_views),
		cmocka_unit_test(test_language_missing),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_error_message),
		cmocka_unit_test(test_finding_detail),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
