/* util/scratch.c: a thread's own zeroed tables, made on first use and
 * freed when the thread ends (LeakSanitizer, in the sanitizer build,
 * fails this test if a finished thread's tables are left behind). */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/scratch.h"

static _Thread_local unsigned char *small, *big;

static void test_made_once_and_zeroed(void **state)
{
	unsigned char *a, *b;
	size_t i;

	(void)state;
	assert_null(small);
	a = ml_thread_table((void **)&small, 100);
	assert_non_null(a);
	assert_ptr_equal(a, small);
	for (i = 0; i < 100; i++)
		assert_int_equal(a[i], 0);
	a[7] = 42;
	b = ml_thread_table((void **)&small, 100);
	assert_ptr_equal(a, b);
	assert_int_equal(b[7], 42);
	/* aligned for any type */
	assert_int_equal((uintptr_t)a % _Alignof(max_align_t), 0);
}

static void test_tables_apart(void **state)
{
	unsigned char *a, *b;

	(void)state;
	a = ml_thread_table((void **)&small, 64);
	b = ml_thread_table((void **)&big, 1 << 20);
	assert_non_null(a);
	assert_non_null(b);
	assert_ptr_not_equal(a, b);
	memset(b, 0xff, 1 << 20);
	assert_int_equal(a[0] | a[63], 0);
}

static void test_too_big(void **state)
{
	static _Thread_local void *huge;

	(void)state;
	assert_null(ml_thread_table(&huge, SIZE_MAX));
	assert_null(huge);
}

struct seen {
	unsigned char *table;
	int zero, again, big;
};

static void *other_thread(void *arg)
{
	struct seen *s = arg;

	s->table = ml_thread_table((void **)&small, 256);
	s->zero = s->table && s->table[0] == 0 && s->table[255] == 0;
	if (s->table)
		s->table[0] = 9;
	s->again = ml_thread_table((void **)&small, 256) == s->table;
	s->big = ml_thread_table((void **)&big, 4096) != NULL;
	return NULL;
}

static void test_each_thread_its_own(void **state)
{
	struct seen s[4];
	pthread_t t[4];
	unsigned char *mine;
	int i;

	(void)state;
	mine = ml_thread_table((void **)&small, 256);
	assert_non_null(mine);
	mine[0] = 1;
	memset(s, 0, sizeof(s));
	for (i = 0; i < 4; i++)
		assert_int_equal(
			pthread_create(&t[i], NULL, other_thread, &s[i]), 0);
	for (i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		assert_non_null(s[i].table);
		assert_true(s[i].zero);
		assert_true(s[i].again);
		assert_true(s[i].big);
		assert_ptr_not_equal(s[i].table, mine);
	}
	assert_int_equal(mine[0], 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_made_once_and_zeroed),
		cmocka_unit_test(test_tables_apart),
		cmocka_unit_test(test_too_big),
		cmocka_unit_test(test_each_thread_its_own),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
