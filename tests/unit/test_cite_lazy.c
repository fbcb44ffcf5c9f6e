/* Unit test for cite/re.c (issue 29): the citation patterns are compiled
 * on first use, one by one, and kept: text with no marker and no
 * reference compiles none, a marker compiles the marker pattern only,
 * and a second use compiles nothing again. Its own executable, so that
 * no other test has compiled a pattern before it starts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <string.h>

#include "cite/citation.h"
#include "util/common.h"

static void count(void *ctx, int number, int line, int column)
{
	(void)line, (void)column;
	*(int *)ctx += number;
}

static void *scan(void *arg)
{
	static const char text[] = "As shown [2], and again [3].";
	int *sum = arg;

	assert_int_equal(ml_citation_scan_markers(text, strlen(text), 1, 1,
						  count, sum),
			 ML_OK);
	return NULL;
}

static void test_lazy(void **state)
{
	static const char plain[] = "The soleus sits under the calf muscle.";
	static const char entry[] =
		"Smith, J. (2019). Calf pain. *Journal of Pain*, *4*(2), 1-9.";
	pthread_t t[4];
	int sum = 0, sums[4] = { 0 }, i;
	size_t after;

	(void)state;
	assert_int_equal(ml_citation_patterns_compiled(), 0);
	/* prose without a '[': no pattern */
	assert_int_equal(ml_citation_scan_markers(plain, strlen(plain), 1, 1,
						  count, &sum),
			 ML_OK);
	assert_int_equal(sum, 0);
	assert_int_equal(ml_citation_patterns_compiled(), 0);
	/* a marker: the marker pattern, once, whichever thread is first */
	for (i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, scan, &sums[i]),
				 0);
	for (i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		assert_int_equal(sums[i], 5);
	}
	assert_int_equal(ml_citation_patterns_compiled(), 1);
	scan(&sum);
	assert_int_equal(sum, 5);
	assert_int_equal(ml_citation_patterns_compiled(), 1);
	/* a reference: the patterns the probe needs, and they stay */
	assert_int_equal(ml_citation_reads_as_entry(entry, strlen(entry)), 1);
	after = ml_citation_patterns_compiled();
	assert_true(after > 1);
	assert_int_equal(ml_citation_reads_as_entry(entry, strlen(entry)), 1);
	assert_int_equal(ml_citation_patterns_compiled(), after);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lazy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
