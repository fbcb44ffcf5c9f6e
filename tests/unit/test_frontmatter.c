/* Unit tests: front matter split, YAML -> tree with positions and bounds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/common.h"
#include "parse/frontmatter.h"

static void test_split_plain(void **state)
{
	const char *t = "---\ntitle: x\n---\n# Body\n";
	ml_split sp;

	(void)state;
	ml_frontmatter_split(t, strlen(t), &sp);
	assert_true(sp.present && sp.closed);
	assert_int_equal(sp.yaml_offset, 4);
	assert_int_equal(sp.yaml_len, 9);
	assert_int_equal(sp.yaml_line, 2);
	assert_int_equal(sp.body_line, 4);
	assert_string_equal(t + sp.body_offset, "# Body\n");
}

static void test_split_bom_crlf(void **state)
{
	const char *t = "\xEF\xBB\xBF---\r\na: 1\r\n---\r\nbody";
	ml_split sp;

	(void)state;
	ml_frontmatter_split(t, strlen(t), &sp);
	assert_true(sp.present && sp.closed);
	assert_int_equal(sp.yaml_offset, 8);
	assert_int_equal(sp.body_line, 4);
	assert_string_equal(t + sp.body_offset, "body");
}

static void test_split_absent_and_unclosed(void **state)
{
	const char *none = "# Title\n---\n";
	const char *open = "---\na: 1\nb: 2\n";
	ml_split sp;

	(void)state;
	ml_frontmatter_split(none, strlen(none), &sp);
	assert_false(sp.present);
	assert_int_equal(sp.body_offset, 0);
	ml_frontmatter_split(open, strlen(open), &sp);
	assert_true(sp.present);
	assert_false(sp.closed);
}

static ml_tree *parse_ok(const char *yaml, int first_line)
{
	ml_tree *t = NULL;
	ml_yaml_error err;
	int rc = ml_yaml_parse(yaml, strlen(yaml), first_line, &t, &err);

	if (rc)
		fail_msg("unexpected error %d at %d:%d: %s", rc, err.line,
			 err.column, err.message);
	return t;
}

static void test_yaml_types_and_positions(void **state)
{
	const char *y = "title: \"Calf: a muscle\"\n"
			"n: 12\nf: 1.5\nb: true\nz: ~\nd: 2026-05-10\n"
			"yes_is_str: yes\nlist:\n  - a\n  - 'b'\n";
	ml_tree *t = parse_ok(y, 2);
	const ml_node *root = ml_tree_root(t), *v;

	(void)state;
	assert_int_equal(root->type, ML_NODE_MAP);
	assert_int_equal(root->line, 2);
	v = ml_node_get(root, "title");
	assert_int_equal(v->type, ML_NODE_STRING);
	assert_string_equal(v->str, "Calf: a muscle");
	assert_int_equal(v->line, 2);
	assert_int_equal(v->column, 8);
	assert_int_equal(ml_node_get(root, "n")->type, ML_NODE_INT);
	assert_true(ml_node_get(root, "n")->num == 12.0);
	assert_int_equal(ml_node_get(root, "f")->type, ML_NODE_FLOAT);
	assert_int_equal(ml_node_get(root, "b")->type, ML_NODE_BOOL);
	assert_int_equal(ml_node_get(root, "z")->type, ML_NODE_NULL);
	/* YAML 1.2: dates and yes/no stay strings. */
	assert_int_equal(ml_node_get(root, "d")->type, ML_NODE_STRING);
	assert_int_equal(ml_node_get(root, "yes_is_str")->type, ML_NODE_STRING);
	v = ml_node_get(root, "list");
	assert_int_equal(v->type, ML_NODE_SEQ);
	assert_int_equal(v->nitems, 2);
	assert_int_equal(v->items[1]->line, 11);
	assert_int_equal(v->items[1]->column, 5);
	ml_tree_free(t);
}

static void test_yaml_columns_are_bytes(void **state)
{
	/* "é" is two bytes: "x" is at byte column 8 (character column 6). */
	ml_tree *t = parse_ok("\xC3\xA9t\xC3\xA9: x\n", 1);
	const ml_node *root = ml_tree_root(t);

	(void)state;
	assert_int_equal(root->pairs[0].value->column, 8);
	ml_tree_free(t);
}

static void expect_error(const char *yaml, int line, int column,
			 const char *needle)
{
	ml_tree *t = NULL;
	ml_yaml_error err;
	int rc = ml_yaml_parse(yaml, strlen(yaml), 2, &t, &err);

	assert_int_equal(rc, ML_EINVAL);
	assert_null(t);
	assert_int_equal(err.line, line);
	assert_int_equal(err.column, column);
	if (!strstr(err.message, needle))
		fail_msg("message '%s' lacks '%s'", err.message, needle);
}

static void test_yaml_errors(void **state)
{
	(void)state;
	expect_error("a: 1\nb: [1, 2\n", 4, 1, "flow sequence");
	expect_error("a: 1\nb: 2\na: 3\n", 4, 1, "duplicate key \"a\"");
	expect_error("a: *nope\n", 2, 4, "unknown alias");
	expect_error("a: &x [*x]\n", 2, 8, "unknown alias");
}

static void test_yaml_alias_bomb_is_bounded(void **state)
{
	ml_buf b = ML_BUF_INIT(ML_LIMIT_TEXT);
	ml_tree *t = NULL;
	ml_yaml_error err;
	int i, j;

	(void)state;
	ml_buf_puts(&b, "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
	for (i = 1; i < 10; i++) {
		ml_buf_printf(&b, "l%d: &l%d [", i, i);
		for (j = 0; j < 10; j++)
			ml_buf_printf(&b, "%s*l%d", j ? ", " : "", i - 1);
		ml_buf_puts(&b, "]\n");
	}
	assert_int_equal(ml_yaml_parse(b.ptr, b.len, 1, &t, &err), ML_EINVAL);
	assert_non_null(strstr(err.message, "more than 100000 nodes"));
	ml_buf_dispose(&b);
}

static void test_yaml_depth_is_bounded(void **state)
{
	ml_buf b = ML_BUF_INIT(ML_LIMIT_TEXT);
	ml_tree *t = NULL;
	ml_yaml_error err;
	int i;

	(void)state;
	ml_buf_puts(&b, "x: ");
	for (i = 0; i < 10000; i++)
		ml_buf_putc(&b, '[');
	for (i = 0; i < 10000; i++)
		ml_buf_putc(&b, ']');
	assert_int_equal(ml_yaml_parse(b.ptr, b.len, 1, &t, &err), ML_EINVAL);
	assert_non_null(strstr(err.message, "nesting deeper"));
	ml_buf_dispose(&b);
}

static void test_yaml_empty_document(void **state)
{
	ml_tree *t = parse_ok("", 2);

	(void)state;
	assert_int_equal(ml_tree_root(t)->type, ML_NODE_NULL);
	ml_tree_free(t);
}

/* The position index finds every scalar, key or value, at its start, at
 * any depth (the walk it replaced stopped at 64 levels), and nothing
 * where no scalar starts. */
static void test_node_index(void **state)
{
	ml_buf y = ML_BUF_INIT(ML_LIMIT_SHORT);
	ml_tree *t = NULL;
	ml_yaml_error err;
	ml_node_index *x = NULL;
	const ml_node *n;
	int i;

	(void)state;
	assert_int_equal(ml_buf_puts(&y, "a: one\nlist:\n  - x\n  - y\n"
					 "deep: "),
			 0);
	for (i = 0; i < 100; i++)
		assert_int_equal(ml_buf_putc(&y, '['), 0);
	assert_int_equal(ml_buf_puts(&y, "z"), 0);
	for (i = 0; i < 100; i++)
		assert_int_equal(ml_buf_putc(&y, ']'), 0);
	assert_int_equal(ml_buf_puts(&y, "\n"), 0);
	assert_int_equal(ml_yaml_parse(y.ptr, y.len, 2, &t, &err), ML_OK);
	assert_int_equal(ml_node_index_build(ml_tree_root(t), &x), ML_OK);
	n = ml_node_index_find(x, 2, 1);
	assert_non_null(n);
	assert_string_equal(n->str, "a");
	n = ml_node_index_find(x, 2, 4);
	assert_non_null(n);
	assert_string_equal(n->str, "one");
	n = ml_node_index_find(x, 5, 5);
	assert_non_null(n);
	assert_string_equal(n->str, "y");
	n = ml_node_index_find(x, 6, 107);
	assert_non_null(n);
	assert_string_equal(n->str, "z");
	assert_null(ml_node_index_find(x, 2, 2));
	n = ml_node_index_find(x, 3, 1);
	assert_non_null(n);
	assert_string_equal(n->str, "list");
	assert_null(ml_node_index_find(x, 99, 1));
	assert_null(ml_node_index_find(NULL, 2, 1));
	ml_node_index_free(x);
	ml_tree_free(t);
	ml_buf_dispose(&y);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_plain),
		cmocka_unit_test(test_split_bom_crlf),
		cmocka_unit_test(test_split_absent_and_unclosed),
		cmocka_unit_test(test_yaml_types_and_positions),
		cmocka_unit_test(test_yaml_columns_are_bytes),
		cmocka_unit_test(test_yaml_errors),
		cmocka_unit_test(test_yaml_alias_bomb_is_bounded),
		cmocka_unit_test(test_yaml_depth_is_bounded),
		cmocka_unit_test(test_yaml_empty_document),
		cmocka_unit_test(test_node_index),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
