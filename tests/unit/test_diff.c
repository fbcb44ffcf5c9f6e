/* Unit tests for util/diff.c: the unified diff --fix --diff prints. Each
 * case is checked against the exact text diff(1) -u writes for it. */
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
#include "util/diff.h"

static void expect_diff(const char *a, const char *b, const char *want)
{
	ml_buf out = ML_BUF_INIT(ML_LIMIT_TEXT);

	assert_int_equal(ml_diff_unified("a/x.md", "b/x.md", a, strlen(a), b,
					 strlen(b), &out),
			 ML_OK);
	assert_string_equal(out.len ? ml_buf_cstr(&out) : "", want);
	ml_buf_dispose(&out);
}

static void test_equal_texts_give_nothing(void **state)
{
	(void)state;
	expect_diff("", "", "");
	expect_diff("a\nb\n", "a\nb\n", "");
}

static void test_one_line_changed(void **state)
{
	(void)state;
	expect_diff("1\n2\n3\n4\n5\n6\n7\n8\n9\n",
		    "1\n2\n3\n4\nfive\n6\n7\n8\n9\n",
		    "--- a/x.md\n+++ b/x.md\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n"
		    "-5\n+five\n 6\n 7\n 8\n");
}

/* Changes more than twice the context apart are two hunks; closer ones
 * share one. */
static void test_hunks_split_and_merge(void **state)
{
	(void)state;
	expect_diff("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n",
		    "A\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nL\n",
		    "--- a/x.md\n+++ b/x.md\n@@ -1,4 +1,4 @@\n-a\n+A\n b\n c\n"
		    " d\n@@ -9,4 +9,4 @@\n i\n j\n k\n-l\n+L\n");
	expect_diff("a\nb\nc\nd\ne\nf\ng\nh\n", "A\nb\nc\nd\ne\nf\ng\nH\n",
		    "--- a/x.md\n+++ b/x.md\n@@ -1,8 +1,8 @@\n-a\n+A\n b\n c\n"
		    " d\n e\n f\n g\n-h\n+H\n");
}

static void test_insert_and_delete(void **state)
{
	(void)state;
	expect_diff("a\nb\n", "a\nnew\nb\n",
		    "--- a/x.md\n+++ b/x.md\n@@ -1,2 +1,3 @@\n a\n+new\n b\n");
	expect_diff("a\nold\nb\n", "a\nb\n",
		    "--- a/x.md\n+++ b/x.md\n@@ -1,3 +1,2 @@\n a\n-old\n b\n");
	/* an empty side: the range starts at line 0 */
	expect_diff("", "a\n", "--- a/x.md\n+++ b/x.md\n@@ -0,0 +1,1 @@\n+a\n");
	expect_diff("a\n", "", "--- a/x.md\n+++ b/x.md\n@@ -1,1 +0,0 @@\n-a\n");
}

static void test_no_newline_at_end(void **state)
{
	(void)state;
	expect_diff("a\nb", "a\nc",
		    "--- a/x.md\n+++ b/x.md\n@@ -1,2 +1,2 @@\n a\n-b\n"
		    "\\ No newline at end of file\n+c\n"
		    "\\ No newline at end of file\n");
	expect_diff("a\nb", "a\nb\n",
		    "--- a/x.md\n+++ b/x.md\n@@ -1,2 +1,2 @@\n a\n-b\n"
		    "\\ No newline at end of file\n+b\n");
}

/* Removed lines come before added ones in each run of changes, even when
 * the shortest script interleaves them. */
static void test_removed_before_added(void **state)
{
	(void)state;
	expect_diff("k: 1 \nv: 2 \nw: 3\n", "k: 1\nv: 2\nw: 3\n",
		    "--- a/x.md\n+++ b/x.md\n@@ -1,3 +1,3 @@\n-k: 1 \n-v: 2 \n"
		    "+k: 1\n+v: 2\n w: 3\n");
}

/* Applies a unified diff produced here to a, in memory: a check that the
 * hunk ranges and lines are consistent, for texts too far apart for the
 * search (the whole middle replaced). */
static void test_too_many_edits_still_a_diff(void **state)
{
	ml_buf a = ML_BUF_INIT(ML_LIMIT_TEXT), b = ML_BUF_INIT(ML_LIMIT_TEXT),
	       out = ML_BUF_INIT(ML_LIMIT_TEXT);
	const char *p;
	size_t i, minus = 0, plus = 0;

	(void)state;
	ml_buf_puts(&a, "head\n");
	ml_buf_puts(&b, "head\n");
	for (i = 0; i < 3 * ML_DIFF_MAX_EDITS; i++) {
		ml_buf_printf(&a, "line %zu \n", i);
		ml_buf_printf(&b, "line %zu\n", i);
	}
	ml_buf_puts(&a, "tail\n");
	ml_buf_puts(&b, "tail\n");
	assert_int_equal(ml_diff_unified("a/x.md", "b/x.md", a.ptr, a.len,
					 b.ptr, b.len, &out),
			 ML_OK);
	for (p = ml_buf_cstr(&out); *p; p = strchr(p, '\n') + 1) {
		minus += p[0] == '-' && p[1] != '-';
		plus += p[0] == '+' && p[1] != '+';
	}
	assert_int_equal(minus, 3 * ML_DIFF_MAX_EDITS);
	assert_int_equal(plus, 3 * ML_DIFF_MAX_EDITS);
	assert_non_null(strstr(ml_buf_cstr(&out), "@@ -1,3002 +1,3002 @@\n"
						  " head\n-line 0 \n"));
	ml_buf_dispose(&a);
	ml_buf_dispose(&b);
	ml_buf_dispose(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_equal_texts_give_nothing),
		cmocka_unit_test(test_one_line_changed),
		cmocka_unit_test(test_hunks_split_and_merge),
		cmocka_unit_test(test_insert_and_delete),
		cmocka_unit_test(test_no_newline_at_end),
		cmocka_unit_test(test_removed_before_added),
		cmocka_unit_test(test_too_many_edits_still_a_diff),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
