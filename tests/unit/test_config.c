/* Unit tests: .medlint.yaml loading, errors naming key and line, globs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/common.h"
#include "core/config.h"
#include "core/embedded.h"
#include "parse/frontmatter.h"

static char *write_tmp(const char *text)
{
	char *path = ml_strdup("/tmp/medlint-config-XXXXXX");
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");

	fputs(text, f);
	fclose(f);
	return path;
}

static int load(const char *text, ml_config *c, ml_buf *err)
{
	char *path = write_tmp(text);
	int rc;

	ml_config_init(c);
	ml_buf_init(err, ML_LIMIT_SHORT);
	rc = ml_config_load(c, path, err);
	unlink(path);
	free(path);
	return rc;
}

static void test_config_values(void **state)
{
	ml_config c;
	ml_buf err;

	(void)state;
	assert_int_equal(load("schema: s.yaml\ninclude: \"**/*.md\"\n"
			      "rules:\n  citation-case: off\n  review-stale:\n"
			      "    severity: error\n    max_age_days: 365\n"
			      "links:\n  per_host: 2\n  accept: [999]\n",
			      &c, &err),
			 0);
	assert_int_equal(c.severity[ML_RULE_CITATION_CASE], ML_SEV_OFF);
	assert_int_equal(c.severity[ML_RULE_REVIEW_STALE], ML_SEV_ERROR);
	assert_int_equal(c.severity[ML_RULE_SECTION_MISSING], ML_SEV_ERROR);
	assert_int_equal(c.review_max_age_days, 365);
	assert_int_equal(c.links.per_host, 2);
	assert_int_equal(c.links.naccept, 1);
	assert_int_equal(c.links.accept[0], 999);
	assert_int_equal(c.ninclude, 1);
	assert_string_equal(c.include[0], "**/*.md");
	assert_non_null(strstr(c.schema, "/tmp/s.yaml"));
	ml_config_dispose(&c);
	ml_buf_dispose(&err);
}

static void expect_bad(const char *text, const char *needle)
{
	ml_config c;
	ml_buf err;

	assert_int_not_equal(load(text, &c, &err), 0);
	if (!strstr(ml_buf_cstr(&err), needle))
		fail_msg("error '%s' lacks '%s'", ml_buf_cstr(&err), needle);
	ml_config_dispose(&c);
	ml_buf_dispose(&err);
}

static void test_config_errors(void **state)
{
	(void)state;
	expect_bad("schema: x\nscheme: y\n", ":2:1: unknown key \"scheme\"");
	expect_bad("rules:\n  no-such-rule: off\n", ":2:3: unknown rule");
	expect_bad("rules:\n  link-broken: loud\n", ":2:16: severity");
	expect_bad("links:\n  per_host: 0\n",
		   ":2:13: \"per_host\" must be an integer");
	expect_bad("links:\n  speed: 1\n", "unknown key \"links.speed\"");
	expect_bad("a: [1\n", "flow sequence");
}

/*
 * The compiled-in default schema passes the schema format's JSON Schema
 * (loading it skips that check), and a schema that fails it is refused.
 */
static void test_default_schema_format(void **state)
{
	ml_buf err = ML_BUF_INIT(4096);
	ml_tree *t = NULL;
	ml_yaml_error ye;
	const char *bad = "sections:\n  - id: x\n    heading: X\n"
			  "    must_contain: [\"\"]\n";

	(void)state;
	assert_int_equal(ml_yaml_parse((const char *)ml_default_schema,
				       ml_default_schema_len, 1, &t, &ye),
			 ML_OK);
	assert_int_equal(ml_builtin_schema_apply(ml_schema_format,
						 ml_schema_format_len, "format",
						 ml_tree_root(t), "default",
						 ML_EINVAL, &err),
			 ML_OK);
	ml_tree_free(t);
	assert_int_equal(ml_yaml_parse(bad, strlen(bad), 1, &t, &ye), ML_OK);
	assert_int_equal(ml_builtin_schema_apply(ml_schema_format,
						 ml_schema_format_len, "format",
						 ml_tree_root(t), "bad",
						 ML_EINVAL, &err),
			 ML_EINVAL);
	assert_non_null(strstr(ml_buf_cstr(&err), "bad:4:20:"));
	assert_non_null(strstr(ml_buf_cstr(&err), "minLength"));
	ml_tree_free(t);
	ml_buf_dispose(&err);
}

static void test_globs(void **state)
{
	(void)state;
	assert_true(ml_glob_match("**/*.md", "a.md"));
	assert_true(ml_glob_match("**/*.md", "content/x/a.md"));
	assert_true(ml_glob_match("content/*.md", "content/a.md"));
	assert_false(ml_glob_match("content/*.md", "content/x/a.md"));
	assert_true(ml_glob_match("content/**", "content/x/a.md"));
	assert_true(ml_glob_match("content/**/drafts/*",
				  "content/a/b/drafts/c.md"));
	assert_false(ml_glob_match("*.md", "a.txt"));
	assert_true(ml_glob_match("[ab].md", "b.md"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_values),
		cmocka_unit_test(test_config_errors),
		cmocka_unit_test(test_globs),
		cmocka_unit_test(test_default_schema_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
