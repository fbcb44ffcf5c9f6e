/* Unit tests for util/regex.c's limits and per-file budget (issue 16): a
 * match that needs more than the first try's limit still gets its true
 * answer, one that runs out is ML_ELIMIT (never a "no match"), and the
 * budget, once spent, ends the file's regex work until it is reset. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_retries_keep_the_answer),
		cmocka_unit_test(test_limit_is_not_no_match),
		cmocka_unit_test(test_budget_per_file),
		cmocka_unit_test(test_cache_holds_within_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
