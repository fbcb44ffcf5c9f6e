/* Unit tests for util/hunks.c: the changed lines of `git diff
 * --unified=0`, read as it streams. */
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
#include "util/hunks.h"

/* What the callbacks saw: "file:first-last" lines. */
typedef struct {
	char seen[4096];
	const char *wanted; /* a file of interest; others get -1 */
} log_ctx;

static long on_file(void *ctx, const char *path)
{
	log_ctx *l = ctx;

	return strcmp(path, l->wanted) == 0 ? 7 : -1;
}

static int on_range(void *ctx, long idx, int first, int last)
{
	log_ctx *l = ctx;
	size_t n = strlen(l->seen);

	(void)snprintf(l->seen + n, sizeof(l->seen) - n, "%ld:%d-%d ", idx,
		       first, last);
	return ML_OK;
}

/* Feeds text in pieces of `step` bytes (1: byte by byte). */
static void parse(const char *text, size_t step, log_ctx *l)
{
	ml_hunks_parser p;
	size_t i, n = strlen(text);

	ml_hunks_init(&p, on_file, on_range, l);
	for (i = 0; i < n; i += step)
		assert_int_equal(ml_hunks_feed(&p, text + i,
					       i + step > n ? n - i : step),
				 ML_OK);
	assert_int_equal(ml_hunks_finish(&p), ML_OK);
	ml_hunks_dispose(&p);
}

static const char DIFF[] =
	"diff --git a/other.md b/other.md\n"
	"index 1111111..2222222 100644\n"
	"--- a/other.md\n"
	"+++ b/other.md\n"
	"@@ -3 +3 @@\n"
	"-old\n"
	"+new\n"
	"diff --git a/docs/a.md b/docs/a.md\n"
	"index 1111111..2222222 100644\n"
	"--- a/docs/a.md\n"
	"+++ b/docs/a.md\n"
	"@@ -10,0 +11,3 @@ ## Heading\n"
	/* added lines that look like headers: counted off, never read */
	"+++ b/evil.md\n"
	"+@@ -1 +999,5 @@\n"
	"+diff --git a/x b/x\n"
	"@@ -20,2 +23 @@\n"
	"-gone\n"
	"-gone too\n"
	"+kept\n"
	"@@ -40,3 +40,0 @@\n"
	"-a\n"
	"-b\n"
	"-c\n"
	"\\ No newline at end of file\n";

static void test_hunks_of_the_wanted_file(void **state)
{
	log_ctx l = { "", "docs/a.md" };

	(void)state;
	parse(DIFF, sizeof(DIFF), &l);
	/* 3 lines added at 11; 23 changed; a deletion names line 41 */
	assert_string_equal(l.seen, "7:11-13 7:23-23 7:41-41 ");
}

static void test_any_chunking_gives_the_same(void **state)
{
	log_ctx one = { "", "docs/a.md" }, seven = { "", "docs/a.md" };

	(void)state;
	parse(DIFF, 1, &one);
	parse(DIFF, 7, &seven);
	assert_string_equal(one.seen, "7:11-13 7:23-23 7:41-41 ");
	assert_string_equal(seven.seen, one.seen);
}

static void test_added_header_lookalikes_are_body(void **state)
{
	log_ctx l = { "", "evil.md" };

	(void)state;
	parse(DIFF, sizeof(DIFF), &l);
	assert_string_equal(l.seen, "");
}

static void test_new_and_deleted_files(void **state)
{
	static const char d[] = "diff --git a/n.md b/n.md\n"
				"new file mode 100644\n"
				"--- /dev/null\n"
				"+++ b/n.md\n"
				"@@ -0,0 +1,4 @@\n"
				"+a\n+b\n+c\n+d\n"
				"diff --git a/gone.md b/gone.md\n"
				"deleted file mode 100644\n"
				"--- a/gone.md\n"
				"+++ /dev/null\n"
				"@@ -1,2 +0,0 @@\n"
				"-x\n-y\n";
	log_ctx l = { "", "n.md" }, g = { "", "gone.md" };

	(void)state;
	parse(d, sizeof(d), &l);
	parse(d, sizeof(d), &g);
	assert_string_equal(l.seen, "7:1-4 ");
	assert_string_equal(g.seen, "");
}

static void test_quoted_path(void **state)
{
	static const char d[] = "diff --git \"a/t\\tb \\303\\251.md\" "
				"\"b/t\\tb \\303\\251.md\"\n"
				"--- \"a/t\\tb \\303\\251.md\"\n"
				"+++ \"b/t\\tb \\303\\251.md\"\n"
				"@@ -1 +1 @@\n-a\n+b\n";
	log_ctx l = { "", "t\tb \xc3\xa9.md" };
	ml_buf out = ML_BUF_INIT(ML_LIMIT_SHORT);

	(void)state;
	parse(d, sizeof(d), &l);
	assert_string_equal(l.seen, "7:1-1 ");
	assert_int_equal(ml_hunks_path("a/x.md", 6, "b/", &out), 0);
	assert_int_equal(ml_hunks_path("b/x y.md\t", 9, "b/", &out), 1);
	assert_string_equal(ml_buf_cstr(&out), "x y.md");
	ml_buf_dispose(&out);
}

/* A line far longer than the parser keeps is skipped whole: memory
 * stays bounded and the next header is still read. */
static void test_long_line_bounded(void **state)
{
	size_t big = ML_HUNKS_LINE_MAX * 3;
	char *d = malloc(big + 200);
	log_ctx l = { "", "a.md" };

	(void)state;
	assert_non_null(d);
	strcpy(d, "+++ b/a.md\n@@ -1 +1 @@\n-");
	memset(d + strlen(d), 'x', big);
	strcpy(d + strlen("+++ b/a.md\n@@ -1 +1 @@\n-") + big,
	       "\n+y\n@@ -5 +5,2 @@\n-q\n+r\n+s\n");
	parse(d, 4096, &l);
	assert_string_equal(l.seen, "7:1-1 7:5-6 ");
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hunks_of_the_wanted_file),
		cmocka_unit_test(test_any_chunking_gives_the_same),
		cmocka_unit_test(test_added_header_lookalikes_are_body),
		cmocka_unit_test(test_new_and_deleted_files),
		cmocka_unit_test(test_quoted_path),
		cmocka_unit_test(test_long_line_bounded),
	};
	return cmocka_run_group_tests(tests, 0, 0);
}
