/* Unit tests for the size-limited buffer and the findings list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/atomic.h"
#include "util/buf.h"
#include "util/common.h"
#include "core/finding.h"

static int fill_hello(void *ctx, FILE *f)
{
	return fputs((const char *)ctx, f) == EOF ? ML_EIO : ML_OK;
}

static int fill_fails(void *ctx, FILE *f)
{
	(void)ctx;
	(void)fputs("half", f);
	return ML_ELIMIT;
}

/* ml_replace_file: the whole new file or the old one; a FIFO or a
 * symbolic link at the path is refused, never replaced. */
static void test_replace_file(void **state)
{
	char dir[] = "/tmp/medlint-atomic-XXXXXX", path[128], link[128];
	char got[16] = { 0 };
	struct stat st;
	FILE *f;
	int err;

	(void)state;
	assert_non_null(mkdtemp(dir));
	(void)snprintf(path, sizeof(path), "%s/cache.tsv", dir);
	assert_int_equal(ml_replace_file(path, fill_hello, "one\n", &err),
			 ML_OK);
	assert_int_equal(ml_replace_file(path, fill_fails, NULL, &err),
			 ML_ELIMIT);
	f = fopen(path, "r");
	assert_non_null(f);
	assert_non_null(fgets(got, sizeof(got), f));
	(void)fclose(f);
	assert_string_equal(got, "one\n"); /* the old file, whole */
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	(void)snprintf(link, sizeof(link), "%s/link.tsv", dir);
	assert_int_equal(symlink(path, link), 0);
	assert_int_equal(ml_replace_file(link, fill_hello, "two\n", &err),
			 ML_EINVAL);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	(void)unlink(link);
	assert_int_equal(mkfifo(link, 0600), 0);
	assert_int_equal(ml_replace_file(link, fill_hello, "two\n", &err),
			 ML_EINVAL);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	(void)unlink(link);
	(void)unlink(path);
	assert_int_equal(rmdir(dir), 0); /* no temporary file was left */
}

static void test_buf_grows_and_terminates(void **state)
{
	ml_buf b;
	int i;

	(void)state;
	ml_buf_init(&b, ML_LIMIT_SHORT);
	assert_string_equal(ml_buf_cstr(&b), "");
	for (i = 0; i < 1000; i++)
		assert_int_equal(ml_buf_puts(&b, "ab"), ML_OK);
	assert_int_equal(b.len, 2000);
	assert_int_equal(b.ptr[2000], '\0');
	assert_int_equal(ml_buf_printf(&b, "%d-%s", 42, "x"), ML_OK);
	assert_string_equal(b.ptr + 2000, "42-x");
	ml_buf_dispose(&b);
}

static void test_buf_limit_is_enforced(void **state)
{
	ml_buf b;

	(void)state;
	ml_buf_init(&b, 8);
	assert_int_equal(ml_buf_puts(&b, "12345678"), ML_OK);
	assert_int_equal(ml_buf_putc(&b, '9'), ML_ELIMIT);
	assert_int_equal(b.len, 8);
	assert_string_equal(b.ptr, "12345678");
	ml_buf_dispose(&b);
}

/* The first refused write is remembered until the buffer is emptied;
 * later writes that fit are still taken (a caller may cut and say so). */
static void test_buf_failure_is_sticky(void **state)
{
	ml_buf b = ML_BUF_INIT(8);
	char *s;

	(void)state;
	assert_int_equal(ml_buf_failed(&b), ML_OK);
	assert_int_equal(ml_buf_printf(&b, "%d", 1234), ML_OK);
	assert_int_equal(ml_buf_failed(&b), ML_OK);
	assert_int_equal(ml_buf_puts(&b, "56789"), ML_ELIMIT);
	assert_int_equal(ml_buf_failed(&b), ML_ELIMIT);
	assert_int_equal(ml_buf_puts(&b, "56"), ML_OK);
	assert_int_equal(ml_buf_printf(&b, "%s", "789"), ML_ELIMIT);
	assert_string_equal(ml_buf_cstr(&b), "123456");
	assert_int_equal(ml_buf_failed(&b), ML_ELIMIT);
	ml_buf_clear(&b);
	assert_int_equal(ml_buf_failed(&b), ML_OK);
	assert_int_equal(ml_buf_puts(&b, "123456789"), ML_ELIMIT);
	s = ml_buf_detach(&b);
	assert_non_null(s);
	free(s);
	assert_int_equal(ml_buf_failed(&b), ML_OK);
	assert_int_equal(ml_buf_putc(&b, 'x'), ML_OK);
	ml_buf_dispose(&b);
	assert_int_equal(ml_buf_failed(&b), ML_OK);
}

/* ml_buf_reserve makes the room once: writes within it move nothing;
 * past the limit it is refused as a write is, and remembered. */
static void test_buf_reserve(void **state)
{
	ml_buf b = ML_BUF_INIT(100);
	const char *before;
	int i;

	(void)state;
	assert_int_equal(ml_buf_put(&b, "ab", 2), ML_OK);
	assert_int_equal(ml_buf_reserve(&b, 90), ML_OK);
	assert_true(b.cap >= 2 + 90 + 1);
	before = b.ptr;
	for (i = 0; i < 45; i++)
		assert_int_equal(ml_buf_put(&b, "xy", 2), ML_OK);
	assert_ptr_equal(b.ptr, before);
	assert_int_equal(b.len, 92);
	assert_string_equal(b.ptr + 88, "xyxy");
	assert_int_equal(ml_buf_reserve(&b, 9), ML_ELIMIT);
	assert_int_equal(b.len, 92);
	assert_int_equal(ml_buf_failed(&b), ML_ELIMIT);
	ml_buf_dispose(&b);
	/* an empty buffer with room is the empty string */
	ml_buf_init(&b, 100);
	assert_int_equal(ml_buf_reserve(&b, 10), ML_OK);
	assert_string_equal(ml_buf_cstr(&b), "");
	ml_buf_dispose(&b);
}

static void test_buf_detach_empty_gives_string(void **state)
{
	ml_buf b;
	char *s;

	(void)state;
	ml_buf_init(&b, ML_LIMIT_SHORT);
	s = ml_buf_detach(&b);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
}

/* A message given whole ("%s", no printf) is escaped and cut exactly as
 * one printf makes: short, with control and format characters, longer
 * than printf's stack buffer, longer than a message may be. */
static void test_findings_message_whole(void **state)
{
	static const size_t sizes[] = { 0, 5, 1023, 1024, 1025, 5000, 20000 };
	static const char pat[] = "ab\tc\x01d\n\xE2\x80\x8B"
				  "e";
	static char text[20001];
	ml_findings f;
	size_t i, k;

	(void)state;
	for (k = 0; k < sizeof(text) - 1; k++)
		text[k] = pat[k % (sizeof(pat) - 1)];
	ml_findings_init(&f);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		ml_finding *a, *b;
		text[sizes[i]] = '\0';
		a = ml_findings_add(&f, ML_RULE_READABILITY, 1, 1, "%s", text);
		assert_non_null(a);
		b = ml_findings_add(&f, ML_RULE_READABILITY, 1, 1, "%s%s", text,
				    "");
		assert_non_null(b);
		a = &f.items[f.len - 2];
		assert_string_equal(a->message, b->message);
		text[sizes[i]] = pat[sizes[i] % (sizeof(pat) - 1)];
	}
	assert_non_null(strstr(f.items[f.len - 1].message, "message cut"));
	assert_null(strchr(f.items[2].message, '\t'));
	ml_findings_dispose(&f);
}

static void test_findings_sorted_by_position(void **state)
{
	ml_findings f;

	(void)state;
	ml_findings_init(&f);
	assert_non_null(
		ml_findings_add(&f, ML_RULE_SECTION_MISSING, 9, 1, "b"));
	assert_non_null(ml_findings_add(&f, ML_RULE_FRONTMATTER_SCHEMA, 2, 7,
					"a %d", 1));
	assert_non_null(
		ml_findings_add(&f, ML_RULE_FRONTMATTER_SCHEMA, 2, 3, "c"));
	ml_findings_sort(&f);
	assert_int_equal(f.items[0].column, 3);
	assert_string_equal(f.items[1].message, "a 1");
	assert_int_equal(f.items[2].line, 9);
	assert_int_equal(f.items[2].severity, ML_SEV_ERROR);
	assert_int_equal(f.items[0].fix_offset, -1);
	ml_findings_dispose(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_grows_and_terminates),
		cmocka_unit_test(test_replace_file),
		cmocka_unit_test(test_buf_limit_is_enforced),
		cmocka_unit_test(test_buf_failure_is_sticky),
		cmocka_unit_test(test_buf_detach_empty_gives_string),
		cmocka_unit_test(test_buf_reserve),
		cmocka_unit_test(test_findings_sorted_by_position),
		cmocka_unit_test(test_findings_message_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
