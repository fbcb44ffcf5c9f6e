/* Unit tests for packed value trees (parse/nodepack.h): the built-in
 * schema's tree, made at build time by medlint_schema_gen, is the tree
 * ml_yaml_parse makes of the embedded text, node for node; the profile
 * loaded from it is the profile loaded from a parsed copy; and an
 * unpacked tree keeps shared nodes shared and refuses bad indices. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/embedded.h"
#include "core/profile.h"
#include "parse/frontmatter.h"
#include "parse/node.h"
#include "parse/nodepack.h"
#include "util/buf.h"
#include "util/common.h"

/* Equal in every field, positions and weights too; a and b are nodes of
 * two trees, so pointers are compared by shape. */
static void assert_same(const ml_node *a, const ml_node *b)
{
	size_t i;

	assert_int_equal(a->type, b->type);
	assert_int_equal(a->line, b->line);
	assert_int_equal(a->column, b->column);
	assert_int_equal(a->end_line, b->end_line);
	assert_int_equal(a->end_column, b->end_column);
	assert_int_equal(a->boolean, b->boolean);
	assert_int_equal(a->len, b->len);
	assert_int_equal(a->weight, b->weight);
	assert_memory_equal(&a->num, &b->num, sizeof(double));
	assert_int_equal(a->str == NULL, b->str == NULL);
	if (a->str) {
		assert_memory_equal(a->str, b->str, a->len);
		assert_int_equal(b->str[b->len], '\0');
	}
	assert_int_equal(a->nitems, b->nitems);
	assert_int_equal(a->npairs, b->npairs);
	for (i = 0; i < a->nitems; i++)
		assert_same(a->items[i], b->items[i]);
	for (i = 0; i < a->npairs; i++) {
		assert_same(a->pairs[i].key, b->pairs[i].key);
		assert_same(a->pairs[i].value, b->pairs[i].value);
	}
}

static void test_default_tree(void **state)
{
	ml_tree *parsed = NULL, *packed = NULL;
	ml_yaml_error yerr;

	(void)state;
	assert_int_equal(ml_yaml_parse((const char *)ml_default_schema,
				       ml_default_schema_len, 1, &parsed,
				       &yerr),
			 ML_OK);
	assert_int_equal(ml_tree_unpack(&ml_default_schema_tree, &packed),
			 ML_OK);
	assert_int_equal(ml_tree_root(packed)->type, ML_NODE_MAP);
	assert_same(ml_tree_root(parsed), ml_tree_root(packed));
	ml_tree_free(parsed);
	ml_tree_free(packed);
}

/* The embedded text loads from the packed tree without checking its
 * patterns again; a copy under one more comment line is parsed and
 * checked in full, and must give the same profile one line down. */
static void test_default_profile(void **state)
{
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);
	ml_profile *a = NULL, *b = NULL;
	size_t len = ml_default_schema_len, i;
	char *copy = malloc(len + 32);

	(void)state;
	assert_non_null(copy);
	memcpy(copy, "# one more line\n", 16);
	memcpy(copy + 16, ml_default_schema, len);
	assert_int_equal(ml_profile_load_text(ML_DEFAULT_SCHEMA_NAME,
					      (const char *)ml_default_schema,
					      len, &a, &err),
			 ML_OK);
	assert_int_equal(ml_profile_load_text("copy.yaml", copy, len + 16, &b,
					      &err),
			 ML_OK);
	assert_non_null(a->frontmatter);
	assert_non_null(b->frontmatter);
	assert_int_equal(a->nsections, b->nsections);
	for (i = 0; i < a->nsections; i++) {
		assert_string_equal(a->sections[i].id, b->sections[i].id);
		assert_string_equal(
			a->sections[i].heading ? a->sections[i].heading : "",
			b->sections[i].heading ? b->sections[i].heading : "");
		assert_int_equal(a->sections[i].line + 1, b->sections[i].line);
		assert_int_equal(a->sections[i].min_words,
				 b->sections[i].min_words);
	}
	assert_string_equal(a->byline, b->byline);
	assert_int_equal(a->byline_line + 1, b->byline_line);
	assert_int_equal(a->ncredentials, b->ncredentials);
	assert_int_equal(a->nproper_nouns, b->nproper_nouns);
	assert_int_equal(a->review_max_age_days, b->review_max_age_days);
	ml_profile_free(a);
	ml_profile_free(b);
	ml_buf_dispose(&err);
	free(copy);
}

/* { a: "x", b: *same node* , c: [] } with b sharing a's value, as an
 * alias does. */
static const unsigned char shared_strings[] = "a\0x\0b\0c";
static const size_t shared_kids[] = { 1, 2, 3, 2, 4, 5 };
static const ml_packed_node shared_nodes[] = {
	{ .type = ML_NODE_MAP,
	  .line = 1,
	  .column = 1,
	  .end_line = 3,
	  .end_column = 6,
	  .str = ML_PACK_NOSTR,
	  .kids = 0,
	  .nkids = 6,
	  .weight = 6 },
	{ .type = ML_NODE_STRING,
	  .line = 1,
	  .column = 1,
	  .end_line = 1,
	  .end_column = 2,
	  .str = 0,
	  .len = 1,
	  .weight = 1 },
	{ .type = ML_NODE_STRING,
	  .line = 1,
	  .column = 4,
	  .end_line = 1,
	  .end_column = 7,
	  .str = 2,
	  .len = 1,
	  .weight = 1 },
	{ .type = ML_NODE_STRING,
	  .line = 2,
	  .column = 1,
	  .end_line = 2,
	  .end_column = 2,
	  .str = 4,
	  .len = 1,
	  .weight = 1 },
	{ .type = ML_NODE_STRING,
	  .line = 3,
	  .column = 1,
	  .end_line = 3,
	  .end_column = 2,
	  .str = 6,
	  .len = 1,
	  .weight = 1 },
	{ .type = ML_NODE_SEQ,
	  .line = 3,
	  .column = 4,
	  .end_line = 3,
	  .end_column = 6,
	  .str = ML_PACK_NOSTR,
	  .kids = 6,
	  .nkids = 0,
	  .weight = 1 },
};

static void test_shared_and_bad(void **state)
{
	ml_packed_tree p = { shared_nodes,
			     6,
			     shared_kids,
			     6,
			     (const char *)shared_strings,
			     sizeof(shared_strings) };
	ml_packed_node bad[6];
	size_t bad_kids[6];
	ml_tree *t = NULL;
	const ml_node *root;

	(void)state;
	assert_int_equal(ml_tree_unpack(&p, &t), ML_OK);
	root = ml_tree_root(t);
	assert_int_equal(root->npairs, 3);
	assert_ptr_equal(root->pairs[0].value, root->pairs[1].value);
	assert_string_equal(ml_node_get(root, "b")->str, "x");
	assert_int_equal(ml_node_get(root, "c")->type, ML_NODE_SEQ);
	assert_int_equal(ml_node_get(root, "c")->nitems, 0);
	ml_tree_free(t);

	memcpy(bad_kids, shared_kids, sizeof(bad_kids));
	bad_kids[5] = 6; /* no such node */
	p.kids = bad_kids;
	assert_int_equal(ml_tree_unpack(&p, &t), ML_EINVAL);
	assert_null(t);
	p.kids = shared_kids;
	memcpy(bad, shared_nodes, sizeof(bad));
	bad[4].str = sizeof(shared_strings) - 1; /* its NUL is past the end */
	bad[4].len = 1;
	p.nodes = bad;
	assert_int_equal(ml_tree_unpack(&p, &t), ML_EINVAL);
	bad[4] = shared_nodes[4];
	bad[0].nkids = 7; /* past the kids */
	assert_int_equal(ml_tree_unpack(&p, &t), ML_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_tree),
		cmocka_unit_test(test_default_profile),
		cmocka_unit_test(test_shared_and_bad),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
