/* Unit tests for the section rules, driven by hand-built profiles: the
 * default article's sections and a recipe page's, to show that nothing
 * is hard-coded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "article_fixture.h"
#include "rules/rules.h"

#define FM                                                                 \
	"---\n"                                                            \
	"title: \"Gastrocnemius: Definition and What it is\"\n"            \
	"slug: gastrocnemius\n"                                            \
	"type: term\n"                                                     \
	"reviewers:\n"                                                     \
	"  - name: Jonathan Lee\n"                                         \
	"    credentials: [MD]\n"                                          \
	"  - name: Dylan Peterson\n"                                       \
	"    credentials: [PT, DPT]\n"                                     \
	"last_reviewed: 2026-05-10\n"                                      \
	"---\n"                                                            \
	"# Gastrocnemius: Definition and What it is\n"                     \
	"\n"                                                               \
	"Medically and clinically reviewed by Jonathan Lee, MD and Dylan " \
	"Peterson, PT, DPT\n"                                              \
	"\n" /* line 15; sections start on line 16 */

#define DEF                                                                   \
	"## Gastrocnemius Definition and Meaning\n"                           \
	"\n"                                                                  \
	"The gastrocnemius is the large two-headed calf muscle that crosses " \
	"the knee and the ankle. It points the foot down and helps bend the " \
	"knee, and it gives push-off power for walking, running and jumping " \
	"[1].\n"                                                              \
	"\n"
#define EX "## Gastrocnemius Exercises\n\nCalf raises on a step.\n\n"
#define COND                                                              \
	"## Common Gastrocnemius Injuries and Conditions\n\nStrains and " \
	"cramps.\n\n"
#define DISC                                                                  \
	"## Disclaimer\n\nThis article is for educational and informational " \
	"purposes only and is not medical advice.\n\n"
#define REFS                                                       \
	"## References\n\n1. Sareen, A. (2012). *Gastrocnemius*. " \
	"Physiopedia. https://www.physio-pedia.com/Gastrocnemius\n"

static ml_profile prof;
static ml_section_spec specs[6];

static int setup(void **state)
{
	(void)state;
	fx_default_profile(&prof, specs);
	return 0;
}

static void check(const char *text, const char *want)
{
	fixture x;

	fx_open(&x, "content/gastrocnemius.md", text, &prof);
	assert_int_equal(ml_check_structure(&x.a, &x.f, NULL), ML_OK);
	fx_expect(&x, want);
	fx_close(&x);
}

static const char *message(const char *text, ml_rule rule)
{
	static char msg[1024];
	fixture x;
	size_t i;

	fx_open(&x, "content/gastrocnemius.md", text, &prof);
	assert_int_equal(ml_check_structure(&x.a, &x.f, NULL), ML_OK);
	msg[0] = '\0';
	for (i = 0; i < x.f.len; i++)
		if (x.f.items[i].rule == rule)
			snprintf(msg, sizeof(msg), "%s", x.f.items[i].message);
	fx_close(&x);
	return msg;
}

static void test_complete_article_is_clean(void **state)
{
	(void)state;
	check(FM DEF EX COND DISC REFS, "");
	check(FM DEF EX COND DISC REFS "\n## Related Terms\n\n- soleus\n", "");
}

static void test_missing_points_at_following_heading(void **state)
{
	const char *m;

	(void)state;
	/* Exercises belongs where the conditions heading now is. */
	check(FM DEF COND DISC REFS, "20:1 section-missing\n");
	m = message(FM DEF COND DISC REFS, ML_RULE_SECTION_MISSING);
	assert_non_null(strstr(m, "\"Gastrocnemius Exercises\""));
	assert_non_null(strstr(m, "level-2"));
	assert_non_null(
		strstr(m, "after \"Gastrocnemius Definition and Meaning\""));
	assert_non_null(strstr(m, "before \"Common Gastrocnemius"));
	/* Nothing follows References: the last line. */
	check(FM DEF EX COND DISC, "31:1 section-missing\n");
}

static void
test_heading_in_code_or_at_wrong_level_is_not_a_section(void **state)
{
	const char *m;

	(void)state;
	check(FM DEF "```\n## Gastrocnemius Exercises\n```\n\n" COND DISC REFS,
	      "24:1 section-missing\n");
	check(FM DEF "> ## Gastrocnemius Exercises\n\n" COND DISC REFS,
	      "22:1 section-missing\n");
	/* As ### inside the definition it is a subsection, not the section. */
	check(FM DEF
	      "### Gastrocnemius Exercises\n\nCalf raises.\n\n" COND DISC REFS,
	      "24:1 section-missing\n");
	m = message(FM DEF
		    "### Gastrocnemius Exercises\n\nCalf raises.\n\n" COND DISC
			    REFS,
		    ML_RULE_SECTION_MISSING);
	assert_non_null(strstr(m, "on line 20 is a level-3 heading"));
}

static void test_order_reports_the_moved_section(void **state)
{
	const char *m;

	(void)state;
	check(FM DEF COND EX DISC REFS, "24:1 section-order\n");
	m = message(FM DEF COND EX DISC REFS, ML_RULE_SECTION_ORDER);
	assert_non_null(strstr(m, "belongs after \"Gastrocnemius Definition"));
	/* References first: only it is out of place. */
	check(FM REFS "\n" DEF EX COND DISC, "16:1 section-order\n");
}

static void test_duplicate_at_second_copy(void **state)
{
	(void)state;
	check(FM DEF EX COND DISC DISC REFS, "32:1 section-duplicate\n");
}

static void test_empty_counts_prose_only(void **state)
{
	(void)state;
	check(FM
	      "## Gastrocnemius Definition and Meaning\n\nToo short here.\n\n"
	      "```\none two three four five six seven eight nine ten eleven "
	      "twelve thirteen fourteen fifteen sixteen seventeen eighteen "
	      "nineteen twenty twenty-one twenty-two twenty-three twenty-four "
	      "twenty-five twenty-six twenty-seven\n```\n\n"
	      "<!-- one two three four five six seven eight nine ten eleven "
	      "twelve thirteen fourteen fifteen sixteen seventeen eighteen "
	      "nineteen twenty twenty-one twenty-two twenty-three -->\n\n" EX
		      COND DISC REFS,
	      "16:1 section-empty\n");
	/* Words in a subsection count for the section. */
	check(FM
	      "## Gastrocnemius Definition and Meaning\n\nShort.\n\n### More\n\n"
	      "The gastrocnemius is the large two-headed calf muscle that "
	      "crosses the knee and the ankle. It points the foot down and "
	      "helps bend the knee, and it gives push-off power for walking "
	      "and running.\n\n" EX COND DISC REFS,
	      "");
}

static void test_content_phrases(void **state)
{
	const char *m;

	(void)state;
	check(FM DEF EX COND "## Disclaimer\n\nThis is for educational and "
			     "informational purposes only.\n\n" REFS,
	      "28:1 section-content\n");
	m = message(FM DEF EX COND "## Disclaimer\n\nNothing here.\n\n" REFS,
		    ML_RULE_SECTION_CONTENT);
	assert_non_null(strstr(m,
			       "\"for educational and informational purposes "
			       "only\", \"medical advice\""));
	/* Broken across lines, other case, curly quotes, emphasis: found. */
	check(FM DEF EX COND
	      "## Disclaimer\n\nThis is *For Educational* and\n"
	      "informational   purposes only; it isn\xE2\x80\x99t\n"
	      "**Medical\nAdvice**.\n\n" REFS,
	      "");
}

static void test_term_from_front_matter_and_escaped(void **state)
{
	(void)state;
	check("---\ntitle: \"Calf: x\"\nterm: Gastrocnemius\n---\n# Calf: x\n\n"
	      "Medically and clinically reviewed by A B, MD\n\n" DEF EX COND
		      DISC REFS,
	      "");
	/* Regex characters in the term are literal. */
	check("---\ntitle: \"Vitamin D (D3)+: x\"\n---\n# T\n\n"
	      "## Vitamin D (D3)+ Definition and Meaning\n\n"
	      "one two three four five six seven eight nine ten eleven twelve "
	      "thirteen fourteen fifteen sixteen seventeen eighteen nineteen "
	      "twenty twenty-one twenty-two twenty-three twenty-four twenty-five "
	      "twenty-six twenty-seven twenty-eight twenty-nine thirty\n\n"
	      "## Vitamin D (D3)+ Exercises\n\n"
	      "## Common Vitamin D (D3)+ Injuries and Conditions\n\n" DISC REFS,
	      "");
	check("---\ntitle: \"Vitamin D: x\"\n---\n# T\n\n"
	      "## Vitamin DD Exercises\n\n",
	      "7:1 section-missing\n7:1 section-missing\n7:1 section-missing\n"
	      "7:1 section-missing\n7:1 section-missing\n");
}

/* No front matter and no H1: the term is unknown and matches anything,
 * rather than making every section "missing". */
static void test_unknown_term_is_lenient(void **state)
{
	(void)state;
	check("## Whatever Definition and Meaning\n\none two three four five six "
	      "seven eight nine ten eleven twelve thirteen fourteen fifteen "
	      "sixteen seventeen eighteen nineteen twenty twenty-one twenty-two "
	      "twenty-three twenty-four twenty-five twenty-six twenty-seven "
	      "twenty-eight twenty-nine thirty\n\n"
	      "## X Exercises\n\n## Common Y Injuries and Conditions\n\n" DISC
		      REFS,
	      "");
}

/* A recipe page: other sections, {title}, level 0 (any), optional ones. */
static void test_recipe_profile(void **state)
{
	static const char *const salt[] = { "salt" };
	ml_section_spec rs[3];
	ml_profile rp;
	fixture x;

	(void)state;
	memset(rs, 0, sizeof(rs));
	memset(&rp, 0, sizeof(rp));
	rs[0].heading = "{title} ingredients";
	rs[0].level = 2;
	rs[0].required = 1;
	rs[0].must_contain = (const char **)salt;
	rs[0].nmust_contain = 1;
	rs[1].heading = "(Method|Steps)";
	rs[1].required = 1;
	rs[1].min_words = 5;
	rs[2].heading = "Notes";
	rp.sections = rs;
	rp.nsections = 3;
	fx_open(&x, "r.md",
		"---\ntitle: Lentil soup\n---\n# Lentil soup\n\n"
		"## Lentil Soup Ingredients\n\n- lentils\n- salt\n\n"
		"#### Steps\n\nSimmer everything for forty minutes.\n",
		&rp);
	assert_int_equal(ml_check_structure(&x.a, &x.f, NULL), ML_OK);
	fx_expect(&x, "");
	fx_close(&x);
	fx_open(&x, "r.md",
		"---\ntitle: Lentil soup\n---\n# Lentil soup\n\n## Method\n\nStir.\n\n"
		"## Lentil soup ingredients\n\n- lentils\n",
		&rp);
	assert_int_equal(ml_check_structure(&x.a, &x.f, NULL), ML_OK);
	fx_expect(&x, "6:1 section-empty\n10:1 section-order\n"
		      "10:1 section-content\n");
	fx_close(&x);
	fx_open(&x, "r.md", "---\ntitle: Soup\n---\n# Soup\n\n## Notes\n", &rp);
	assert_int_equal(ml_check_structure(&x.a, &x.f, NULL), ML_OK);
	fx_expect(&x, "6:1 section-missing\n6:1 section-missing\n");
	assert_non_null(strstr(x.f.items[0].message, "\"Soup ingredients\"")
				? x.f.items[0].message
				: x.f.items[1].message);
	fx_close(&x);
}

static void test_pattern_check(void **state)
{
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);

	(void)state;
	assert_int_equal(ml_section_pattern_check("^{term} Exercises$", &err),
			 ML_OK);
	assert_int_equal(ml_section_pattern_check("^({term}", &err), ML_EINVAL);
	assert_true(err.len > 0);
	ml_buf_dispose(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_complete_article_is_clean),
		cmocka_unit_test(test_missing_points_at_following_heading),
		cmocka_unit_test(
			test_heading_in_code_or_at_wrong_level_is_not_a_section),
		cmocka_unit_test(test_order_reports_the_moved_section),
		cmocka_unit_test(test_duplicate_at_second_copy),
		cmocka_unit_test(test_empty_counts_prose_only),
		cmocka_unit_test(test_content_phrases),
		cmocka_unit_test(test_term_from_front_matter_and_escaped),
		cmocka_unit_test(test_unknown_term_is_lenient),
		cmocka_unit_test(test_recipe_profile),
		cmocka_unit_test(test_pattern_check),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
