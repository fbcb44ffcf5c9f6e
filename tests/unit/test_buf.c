/* Unit tests for the size-limited buffer and the findings list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/common.h"
#include "core/finding.h"

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
		cmocka_unit_test(test_buf_limit_is_enforced),
		cmocka_unit_test(test_buf_detach_empty_gives_string),
		cmocka_unit_test(test_findings_sorted_by_position),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
