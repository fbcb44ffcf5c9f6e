/* Unit tests for the reviewer rules: byline found and parsed, compared
 * with the front matter, credentials, review dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "article_fixture.h"
#include "rules/rules.h"

#define FM_HEAD                                                 \
	"---\n"                                                 \
	"title: \"Gastrocnemius: Definition and What it is\"\n" \
	"slug: gastrocnemius\n"                                 \
	"type: term\n"                                          \
	"reviewers:\n"                                          \
	"  - name: Jonathan Lee\n"
#define FM_CRED_MD "    credentials: [MD]\n" /* line 7, MD at column 19 */
#define FM_REST                      \
	"  - name: Dylan Peterson\n" \
	"    credentials: [PT, DPT]\n"
#define FM_DATE(d) "last_reviewed: " d "\n---\n"	    /* value at 10:16 */
#define H1 "# Gastrocnemius: Definition and What it is\n\n" /* line 12 */
#define BY "Medically and clinically reviewed by "	    /* line 14 */
#define TAIL "\n\n## Gastrocnemius Definition and Meaning\n\nText.\n"

#define ARTICLE(byline) \
	FM_HEAD FM_CRED_MD FM_REST FM_DATE("2026-05-10") H1 byline TAIL

static ml_profile prof;
static ml_section_spec specs[6];

static int setup(void **state)
{
	(void)state;
	fx_default_profile(&prof, specs);
	return 0;
}

static char last_msg[1024];

static void check(const char *text, const char *want)
{
	fixture x;

	fx_open(&x, "gastrocnemius.md", text, &prof);
	assert_int_equal(ml_check_reviewers(&x.a, &x.f, NULL), ML_OK);
	fx_expect(&x, want);
	snprintf(last_msg, sizeof(last_msg), "%s",
		 x.f.len ? x.f.items[x.f.len - 1].message : "");
	fx_close(&x);
}

static void test_byline_matches(void **state)
{
	(void)state;
	check(ARTICLE(BY "Jonathan Lee, MD and Dylan Peterson, PT, DPT"), "");
	/* Same people, other order, other separators, links, bold. */
	check(ARTICLE(BY "Dylan Peterson, DPT, PT & [Jonathan Lee](/r/jl), MD"),
	      "");
	check(ARTICLE("**" BY
		      "Dylan Peterson, PT, DPT; and Dr. Jonathan Lee, MD**"),
	      "");
	/* Credentials without a comma, and "Dr." before a name. */
	check(ARTICLE(BY "Jonathan Lee MD and Dylan Peterson PT DPT"), "");
	/* A sentence's final period is not part of the credential. */
	check(ARTICLE(BY "Jonathan Lee, MD and Dylan Peterson, PT, DPT."), "");
}

static void test_byline_missing(void **state)
{
	(void)state;
	check(ARTICLE("Reviewed by somebody."),
	      "12:1 reviewer-byline-missing\n");
	/* After the first section it does not count. */
	check(FM_HEAD FM_CRED_MD FM_REST FM_DATE("2026-05-10") H1
	      "## Gastrocnemius Definition and Meaning\n\n" BY
	      "Jonathan Lee, MD and Dylan Peterson, PT, DPT\n",
	      "12:1 reviewer-byline-missing\n");
	/* No H1: the first line of the body. */
	check(FM_HEAD FM_CRED_MD FM_REST FM_DATE("2026-05-10") "\nText.\n",
	      "12:1 reviewer-byline-missing\n");
	/* Inside a block quote it is not the byline. */
	check(ARTICLE("> " BY "Jonathan Lee, MD and Dylan Peterson, PT, DPT"),
	      "12:1 reviewer-byline-missing\n");
}

static void test_mismatch_names_the_difference(void **state)
{
	(void)state;
	check(ARTICLE(BY "Jonathan Lee, MD and Dylan Peterson, PT"),
	      "14:1 reviewer-mismatch\n");
	assert_non_null(strstr(last_msg,
			       "Dylan Peterson is PT in the byline but "
			       "PT, DPT in the front matter"));
	check(ARTICLE(BY "Jonathan Lee, MD and Dylan Petersen, PT, DPT"),
	      "14:1 reviewer-mismatch\n");
	assert_non_null(strstr(last_msg, "the byline names Dylan Petersen"));
	assert_non_null(strstr(last_msg,
			       "front matter reviewer Dylan Peterson is "
			       "not in the byline"));
	check(ARTICLE(BY "Jonathan Lee, MD"), "14:1 reviewer-mismatch\n");
}

static void test_bad_credential_is_one_finding(void **state)
{
	(void)state;
	/* In the front matter and the byline: reported once, in the front
	 * matter, and no mismatch. */
	check(FM_HEAD "    credentials: [MBBS]\n" FM_REST FM_DATE("2026-05-10")
		      H1 BY
	      "Jonathan Lee, MBBS and Dylan Peterson, PT, DPT" TAIL,
	      "7:19 reviewer-credential\n");
	/* A misspelt credential in the byline only. */
	check(ARTICLE(BY "Jonathan Lee, Md and Dylan Peterson, PT, DPT"),
	      "14:52 reviewer-credential\n");
	assert_non_null(strstr(last_msg, "\"Md\""));
	/* Different bad credentials on each side: each reported, no
	 * mismatch for that person. */
	check(FM_HEAD "    credentials: [MBBS]\n" FM_REST FM_DATE("2026-05-10")
		      H1 BY
	      "Jonathan Lee, FRCS and Dylan Peterson, PT, DPT" TAIL,
	      "7:19 reviewer-credential\n14:52 reviewer-credential\n");
	/* Allowed forms with lower case and punctuation. */
	check(FM_HEAD "    credentials: [PhD, PA-C, OTR/L]\n" FM_REST FM_DATE(
		      "2026-05-10") H1 BY
	      "Jonathan Lee, PhD, PA-C, OTR/L and Dylan Peterson, PT, DPT" TAIL,
	      "");
}

static void test_review_dates(void **state)
{
	(void)state;
	check(FM_HEAD FM_CRED_MD FM_REST FM_DATE("2024-05-31") H1 BY
	      "Jonathan Lee, MD and Dylan Peterson, PT, DPT" TAIL,
	      "10:16 review-stale\n");
	assert_non_null(strstr(last_msg, "731 days ago"));
	check(FM_HEAD FM_CRED_MD FM_REST FM_DATE("2024-06-01") H1 BY
	      "Jonathan Lee, MD and Dylan Peterson, PT, DPT" TAIL,
	      "");
	check(FM_HEAD FM_CRED_MD FM_REST FM_DATE("2026-06-02") H1 BY
	      "Jonathan Lee, MD and Dylan Peterson, PT, DPT" TAIL,
	      "10:16 review-future\n");
	/* Not a date: the schema's job, not ours. */
	check(FM_HEAD FM_CRED_MD FM_REST FM_DATE("2026-02-30") H1 BY
	      "Jonathan Lee, MD and Dylan Peterson, PT, DPT" TAIL,
	      "");
}

/* No front matter: only the byline's own checks run. */
static void test_without_front_matter(void **state)
{
	(void)state;
	check("# T\n\n" BY "Jonathan Lee, MD, XYZQ\n",
	      "3:56 reviewer-credential\n");
	check("# T\n\nText.\n", "1:1 reviewer-byline-missing\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_byline_matches),
		cmocka_unit_test(test_byline_missing),
		cmocka_unit_test(test_mismatch_names_the_difference),
		cmocka_unit_test(test_bad_credential_is_one_finding),
		cmocka_unit_test(test_review_dates),
		cmocka_unit_test(test_without_front_matter),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
