/* Unit tests for util/regex.c's limits and per-file budget (issue 16): a
 * match that needs more than the first try's limit still gets its true
 * answer, one that runs out is ML_ELIMIT (never a "no match"), and the
 * budget, once spent, ends the file's regex work until it is reset. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pcre2.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "util/common.h"
#include "util/regex.h"

static char subject[64];

/* n a's then 'b': (a+)+$ tries 2^n ways to split the a's */
static const char *as_then_b(size_t n)
{
	memset(subject, 'a', n);
	subject[n] = 'b';
	subject[n + 1] = '\0';
	return subject;
}

static void test_retries_keep_the_answer(void **state)
{
	const ml_regex *re = ml_regex_cached("(a+)+$", 0);
	const char *what;
	long line;

	(void)state;
	ml_regex_budget_reset();
	assert_non_null(re);
	/* thousands of steps: past the first limit, far under the last */
	assert_int_equal(ml_regex_match(re, as_then_b(12), 13, NULL, NULL), 0);
	assert_int_equal(ml_regex_match(re, "aaaaaaaaaaaa", 12, NULL, NULL), 1);
	assert_int_equal(ml_regex_budget_spent(&what, &line), 0);
}

static void test_limit_is_not_no_match(void **state)
{
	const ml_regex *re = ml_regex_cached("(a+)+$", 0);
	const ml_regex *plain = ml_regex_cached("^plain$", 0);
	const char *what;
	long line;

	(void)state;
	ml_regex_budget_reset();
	assert_int_equal(ml_regex_match(re, as_then_b(40), 41, NULL, NULL),
			 ML_ELIMIT);
	assert_int_equal(ml_regex_budget_spent(&what, &line), 1);
	assert_string_equal(what, "a pattern");
	ml_regex_budget_blame(7, "the pattern \"%s\" (%s)", "(a+)+$", "x:1:2");
	ml_regex_budget_blame(9, "a later one");
	assert_int_equal(ml_regex_budget_spent(&what, &line), 1);
	assert_string_equal(what, "the pattern \"(a+)+$\" (x:1:2)");
	assert_int_equal(line, 7);
	/* spent: the rest of the file's regex work ends at once */
	assert_int_equal(ml_regex_match(plain, "plain", 5, NULL, NULL),
			 ML_ELIMIT);
	ml_regex_budget_reset();
	assert_int_equal(ml_regex_budget_spent(&what, &line), 0);
	assert_int_equal(ml_regex_match(plain, "plain", 5, NULL, NULL), 1);
}

/* Each match under its own limit, but together past the file's budget. */
static void test_budget_per_file(void **state)
{
	const ml_regex *re = ml_regex_cached("(a+)+$", 0);
	const char *what;
	long line;
	int i, rc = 0;

	(void)state;
	ml_regex_budget_reset();
	for (i = 0; i < 1000 && rc == 0; i++)
		rc = ml_regex_match(re, as_then_b(17), 18, NULL, NULL);
	assert_int_equal(rc, ML_ELIMIT);
	assert_true(i > 1 && i < 100);
	assert_int_equal(ml_regex_budget_spent(&what, &line), 1);
	ml_regex_budget_reset();
	assert_int_equal(ml_regex_match(re, as_then_b(17), 18, NULL, NULL), 0);
}

/* A schema with more heading patterns than the cache keeps: every one
 * stays valid for the whole file (before: the 33rd emptied the cache and
 * the sections matched through freed patterns; the read below is where
 * AddressSanitizer sees it, as libpcre2 itself is not instrumented). */
static void test_cache_holds_within_file(void **state)
{
	const ml_regex *re[40];
	char pat[32], text[32];
	int i, n;

	(void)state;
	ml_regex_budget_reset();
	for (i = 0; i < 40; i++) {
		(void)snprintf(pat, sizeof(pat), "H%d(?:x)?", i);
		assert_non_null(re[i] = ml_regex_cached(pat, ML_RX_WHOLE));
	}
	for (i = 0; i < 40; i++) {
		assert_true(*(const volatile unsigned char *)re[i] ||
			    !*(const volatile unsigned char *)re[i]);
		n = snprintf(text, sizeof(text), "H%dx", i);
		assert_int_equal(
			ml_regex_match(re[i], text, (size_t)n, NULL, NULL), 1);
	}
	ml_regex_budget_reset(); /* between files the cache is cut back */
	assert_int_equal(
		ml_regex_match(ml_regex_cached("H1(?:x)?", ML_RX_WHOLE), "H1",
			       2, NULL, NULL),
		1);
}

/* ml_regex_lazy: compiled on first use, matched by the interpreter until
 * ML_RX_JIT_AFTER uses, then by a JIT copy, with the same answers. */
static const char lazy_pattern[] = "(\\d{4})[a-z]?\\)\\.";
static const char *const lazy_subjects[] = {
	"Smith, J. (2019). Title.",
	"Smith, J. (2019a). Title.",
	"Smith J. Title. 2019;3:1-2.",
	"(199).",
	"",
};

static void lazy_answers(const pcre2_code *re, int want[5], size_t at[5])
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	size_t i;

	assert_non_null(md);
	for (i = 0; i < 5; i++) {
		want[i] = ml_regex_exec(re, lazy_subjects[i],
					strlen(lazy_subjects[i]), 0, md);
		at[i] = want[i] == 1 ? pcre2_get_ovector_pointer(md)[2] : 0;
	}
	pcre2_match_data_free(md);
}

static void test_lazy_jit(void **state)
{
	static ml_regex_lazy l;
	const pcre2_code *first, *re;
	int jit = 0, a[5], b[5];
	size_t i, x[5], y[5];

	(void)state;
	ml_regex_budget_reset();
	assert_false(ml_regex_lazy_compiled(&l));
	first = ml_regex_lazy_code(&l, lazy_pattern, PCRE2_UTF);
	assert_non_null(first);
	assert_true(ml_regex_lazy_compiled(&l));
	assert_false(ml_regex_lazy_jitted(&l));
	lazy_answers(first, a, x);
	assert_int_equal(a[0], 1);
	assert_int_equal(a[1], 1);
	assert_int_equal(a[2], 0);
	assert_int_equal(a[3], 0);
	assert_int_equal(x[0], 11);
	for (i = 2; i < ML_RX_JIT_AFTER; i++)
		assert_ptr_equal(
			ml_regex_lazy_code(&l, lazy_pattern, PCRE2_UTF), first);
	assert_false(ml_regex_lazy_jitted(&l));
	re = ml_regex_lazy_code(&l, lazy_pattern, PCRE2_UTF);
	(void)pcre2_config(PCRE2_CONFIG_JIT, &jit);
	if (!jit) {
		assert_ptr_equal(re, first);
		return;
	}
	assert_true(ml_regex_lazy_jitted(&l));
	assert_ptr_not_equal(re, first);
	assert_ptr_equal(ml_regex_lazy_code(&l, lazy_pattern, PCRE2_UTF), re);
	lazy_answers(re, b, y);
	assert_memory_equal(a, b, sizeof(a));
	assert_memory_equal(x, y, sizeof(x));
}

/* Threads racing for one lazy pattern all get working code, and the JIT
 * copy is made once. */
static ml_regex_lazy raced;

static void *race(void *arg)
{
	int i, *ok = arg;

	for (i = 0; i < 200; i++) {
		const pcre2_code *re =
			ml_regex_lazy_code(&raced, lazy_pattern, PCRE2_UTF);
		pcre2_match_data *md;

		if (!re)
			return NULL;
		md = pcre2_match_data_create_from_pattern(re, NULL);
		ml_regex_budget_reset();
		if (!md ||
		    ml_regex_exec(re, lazy_subjects[0],
				  strlen(lazy_subjects[0]), 0, md) != 1) {
			pcre2_match_data_free(md);
			return NULL;
		}
		pcre2_match_data_free(md);
	}
	*ok = 1;
	return NULL;
}

static void test_lazy_threads(void **state)
{
	pthread_t t[4];
	int ok[4] = { 0, 0, 0, 0 }, i, jit = 0;

	(void)state;
	for (i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, race, &ok[i]), 0);
	for (i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		assert_true(ok[i]);
	}
	(void)pcre2_config(PCRE2_CONFIG_JIT, &jit);
	assert_int_equal(ml_regex_lazy_jitted(&raced), jit != 0);
	/* once the JIT copy is in, nobody counts (threads that asked while
	 * it was being made did) */
	if (jit)
		assert_in_range(atomic_load(&raced.uses), ML_RX_JIT_AFTER, 800);
	else
		assert_int_equal(atomic_load(&raced.uses), 800);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_retries_keep_the_answer),
		cmocka_unit_test(test_limit_is_not_no_match),
		cmocka_unit_test(test_budget_per_file),
		cmocka_unit_test(test_cache_holds_within_file),
		cmocka_unit_test(test_lazy_jit),
		cmocka_unit_test(test_lazy_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
