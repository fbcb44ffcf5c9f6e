/* Unit tests: TOML (+++) and JSON ({...}) front matter: the split, and the
 * toml++ and jansson readers into the ml_node tree with positions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/frontmatter.h"
#include "util/buf.h"
#include "util/common.h"

static void test_split_toml(void **state)
{
	const char *t = "+++\r\ntitle = \"x\"\r\n+++\r\n# Body\n";
	ml_split sp;

	(void)state;
	ml_frontmatter_split(t, strlen(t), &sp);
	assert_true(sp.present && sp.closed);
	assert_int_equal(sp.format, ML_FM_TOML);
	assert_int_equal(sp.yaml_offset, 5);
	assert_int_equal(sp.yaml_line, 2);
	assert_int_equal(sp.body_line, 4);
	assert_string_equal(t + sp.body_offset, "# Body\n");
	/* "..." closes YAML only */
	t = "+++\na = 1\n...\n";
	ml_frontmatter_split(t, strlen(t), &sp);
	assert_true(sp.present);
	assert_false(sp.closed);
}

static void test_split_json(void **state)
{
	/* braces inside strings and escaped quotes do not count */
	const char *t =
		"{\n  \"a\": \"}{\\\"}\",\n  \"b\": {\"c\": 1}\n}\n# Body\n";
	const char *same_line = "{\"a\": 1} text\n";
	ml_split sp;

	(void)state;
	ml_frontmatter_split(t, strlen(t), &sp);
	assert_true(sp.present && sp.closed);
	assert_int_equal(sp.format, ML_FM_JSON);
	assert_int_equal(sp.yaml_offset, 0);
	assert_int_equal(sp.yaml_line, 1);
	assert_int_equal(t[sp.yaml_offset + sp.yaml_len - 1], '}');
	assert_int_equal(sp.body_line, 5);
	assert_string_equal(t + sp.body_offset, "# Body\n");
	ml_frontmatter_split(same_line, strlen(same_line), &sp);
	assert_true(sp.closed);
	assert_int_equal(sp.yaml_len, 8);
	assert_string_equal(same_line + sp.body_offset, " text\n");
	assert_int_equal(sp.body_line, 1);
}

static void test_split_not_json(void **state)
{
	/* an MDX comment or expression, a Liquid tag: body, not JSON */
	const char *bodies[] = { "{/* note */}\n# T\n", "{props.title}\n",
				 "{% raw %}\n", "{{< ref \"x\" >}}\n" };
	const char *open = "{\n  \"a\": [1, 2\n";
	ml_split sp;
	size_t i;

	(void)state;
	for (i = 0; i < ML_ARRAY_LEN(bodies); i++) {
		ml_frontmatter_split(bodies[i], strlen(bodies[i]), &sp);
		assert_false(sp.present);
		assert_int_equal(sp.body_offset, 0);
	}
	ml_frontmatter_split(open, strlen(open), &sp);
	assert_true(sp.present);
	assert_false(sp.closed);
	assert_int_equal(sp.format, ML_FM_JSON);
}

static ml_tree *parse(int (*fn)(const char *, size_t, int, ml_tree **,
				ml_yaml_error *),
		      const char *s, int first_line, ml_yaml_error *err)
{
	ml_tree *t = NULL;
	int rc = fn(s, strlen(s), first_line, &t, err);

	assert_true(rc == ML_OK || rc == ML_EINVAL);
	assert_true((rc == ML_OK) == (t != NULL));
	return t;
}

static void test_toml_tree(void **state)
{
	const char *s = "# c\n"
			"title = \"Caf\xc3\xa9 \xc3\xa9\" # x\n"
			"last_reviewed = 2026-05-10\n"
			"n = 0x1F\n"
			"ok = true\n"
			"[[reviewers]]\n"
			"name = \"\xc3\xa9 Lee\"\n"
			"credentials = [\"MD\", 1.5]\n";
	ml_yaml_error err;
	ml_tree *t = parse(ml_toml_parse, s, 2, &err);
	const ml_node *r = ml_tree_root(t), *n, *rev;

	(void)state;
	assert_int_equal(r->type, ML_NODE_MAP);
	/* document order, not toml++'s key order */
	assert_int_equal(r->npairs, 5);
	assert_string_equal(r->pairs[0].key->str, "title");
	assert_string_equal(r->pairs[4].key->str, "reviewers");
	assert_int_equal(r->line, 3); /* the first key */
	n = ml_node_get(r, "title");
	assert_int_equal(n->type, ML_NODE_STRING);
	assert_int_equal(n->line, 3);
	assert_int_equal(n->column, 9);
	assert_int_equal(n->end_column, 9 + 2 + 8); /* bytes, quotes */
	n = ml_node_get(r, "last_reviewed");
	assert_int_equal(n->type, ML_NODE_STRING);
	assert_string_equal(n->str, "2026-05-10");
	n = ml_node_get(r, "n");
	assert_int_equal(n->type, ML_NODE_INT);
	assert_true(n->num == 31.0);
	assert_string_equal(n->str, "0x1F");
	assert_int_equal(ml_node_get(r, "ok")->type, ML_NODE_BOOL);
	rev = ml_node_get(r, "reviewers");
	assert_int_equal(rev->type, ML_NODE_SEQ);
	assert_int_equal(rev->nitems, 1);
	n = ml_node_get(rev->items[0], "credentials");
	assert_int_equal(n->items[1]->type, ML_NODE_FLOAT);
	assert_int_equal(n->items[1]->line, 9);
	assert_int_equal(n->items[1]->column, 22);
	/* a column after a multi-byte name counts bytes */
	n = ml_node_get(rev->items[0], "name");
	assert_int_equal(n->end_column, 8 + 2 + 6);
	ml_tree_free(t);
}

static void test_toml_errors(void **state)
{
	ml_yaml_error err;

	(void)state;
	assert_null(parse(ml_toml_parse, "a = 1\na = 2\n", 2, &err));
	assert_int_equal(err.line, 3);
	assert_non_null(strstr(err.message, "redefine"));
	assert_null(parse(ml_toml_parse, "t = \"\xc3\xa9\" x\n", 2, &err));
	assert_int_equal(err.line, 2);
	assert_int_equal(err.column, 10); /* the x, in bytes */
	assert_null(parse(ml_toml_parse, "a = [1,\n", 5, &err));
	assert_true(err.line >= 5 && err.message[0]);
}

static void test_json_tree(void **state)
{
	const char *s =
		"{\n"
		"  \"title\": \"Caf\xc3\xa9\",\n"
		"  \"n\": 12, \"f\": -1.5e2, \"b\": false, \"z\": null,\n"
		"  \"reviewers\": [ {\"name\": \"A\\u00e9\"} ],\n"
		"  \"empty\": {}\n"
		"}";
	ml_yaml_error err;
	ml_tree *t = parse(ml_json_parse, s, 1, &err);
	const ml_node *r = ml_tree_root(t), *n;

	(void)state;
	assert_int_equal(r->type, ML_NODE_MAP);
	assert_int_equal(r->npairs, 7);
	assert_int_equal(r->line, 2); /* the first key */
	assert_int_equal(r->column, 3);
	n = ml_node_get(r, "title");
	assert_int_equal(n->line, 2);
	assert_int_equal(n->column, 12);
	assert_int_equal(n->end_column, 12 + 7);
	assert_string_equal(n->str, "Caf\xc3\xa9");
	n = ml_node_get(r, "n");
	assert_int_equal(n->type, ML_NODE_INT);
	assert_int_equal(n->column, 8);
	assert_string_equal(n->str, "12");
	n = ml_node_get(r, "f");
	assert_int_equal(n->type, ML_NODE_FLOAT);
	assert_true(n->num == -150.0);
	assert_int_equal(ml_node_get(r, "b")->type, ML_NODE_BOOL);
	assert_int_equal(ml_node_get(r, "z")->type, ML_NODE_NULL);
	n = ml_node_get(r, "reviewers");
	assert_int_equal(n->type, ML_NODE_SEQ);
	assert_int_equal(n->items[0]->line, 4);
	assert_int_equal(n->items[0]->column, 18);
	assert_string_equal(ml_node_get(n->items[0], "name")->str, "A\xc3\xa9");
	assert_int_equal(ml_node_get(r, "empty")->npairs, 0);
	ml_tree_free(t);
}

static void test_json_errors(void **state)
{
	ml_yaml_error err;
	ml_buf deep = ML_BUF_INIT(ML_LIMIT_TEXT);
	int i;

	(void)state;
	assert_null(
		parse(ml_json_parse, "{\n  \"a\": 1,\n  \"a\": 2\n}", 1, &err));
	assert_int_equal(err.line, 3);
	assert_non_null(strstr(err.message, "duplicate"));
	assert_null(parse(ml_json_parse, "{\"a\": 1,}", 4, &err));
	assert_int_equal(err.line, 4);
	assert_int_equal(err.column, 9);
	assert_null(parse(ml_json_parse, "{\"t\": \"\xc3\xa9\" x}", 1, &err));
	assert_int_equal(err.column, 12); /* the x, in bytes */
	/* nesting past the bound is one error, never a deep recursion */
	assert_int_equal(ml_buf_puts(&deep, "{\"a\": "), 0);
	for (i = 0; i < 500; i++)
		assert_int_equal(ml_buf_puts(&deep, "["), 0);
	for (i = 0; i < 500; i++)
		assert_int_equal(ml_buf_puts(&deep, "]"), 0);
	assert_int_equal(ml_buf_puts(&deep, "}"), 0);
	assert_null(parse(ml_json_parse, ml_buf_cstr(&deep), 1, &err));
	assert_non_null(strstr(err.message, "nesting"));
	ml_buf_dispose(&deep);
}

static void test_dispatch(void **state)
{
	const char *t = "+++\ntitle = \"x\"\n+++\nbody";
	ml_split sp;
	ml_yaml_error err;
	ml_tree *tree = NULL;

	(void)state;
	ml_frontmatter_split(t, strlen(t), &sp);
	assert_int_equal(ml_frontmatter_parse(t, &sp, &tree, &err), ML_OK);
	assert_string_equal(ml_node_get(ml_tree_root(tree), "title")->str, "x");
	assert_int_equal(ml_node_get(ml_tree_root(tree), "title")->line, 2);
	ml_tree_free(tree);
	assert_string_equal(ml_frontmatter_fence(ML_FM_TOML), "+++");
	assert_string_equal(ml_frontmatter_fence(ML_FM_YAML), "---");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_toml),
		cmocka_unit_test(test_split_json),
		cmocka_unit_test(test_split_not_json),
		cmocka_unit_test(test_toml_tree),
		cmocka_unit_test(test_toml_errors),
		cmocka_unit_test(test_json_tree),
		cmocka_unit_test(test_json_errors),
		cmocka_unit_test(test_dispatch),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
