/* Unit tests for the APA 7 fault kinds of issue 27: each kind on an
 * entry that has that fault and no other (exactly one finding, with its
 * rule), and the right form of the same entry (no finding). The entries
 * are made up; the forms are the ones real reference lists carry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cite/citation.h"
#include "core/finding.h"
#include "util/common.h"

#define NDASH "\xE2\x80\x93"
#define J "Lee, J. (2020). Calf pain in runners. "

typedef struct {
	const char *bad;  /* one fault */
	ml_rule rule;	  /* the rule that names it */
	const char *good; /* the entry written right */
} kind;

static const kind kinds[] = {
	/* proper nouns in lower case: languages, nationalities, days,
	 * months, software */
	{ "Lee, J. (2020). Calf pain in english and spanish speakers. *Gait "
	  "& Posture*, *3*(2), 1" NDASH "9.",
	  ML_RULE_CITATION_CASE,
	  "Lee, J. (2020). Calf pain in English and Spanish speakers. *Gait "
	  "& Posture*, *3*(2), 1" NDASH "9." },
	{ "Lee, J. (2020). Calf pain in american runners. *Gait & Posture*, "
	  "*3*(2), 1" NDASH "9.",
	  ML_RULE_CITATION_CASE,
	  "Lee, J. (2020). Calf pain in American runners. *Gait & Posture*, "
	  "*3*(2), 1" NDASH "9." },
	{ "Lee, J. (2020). Calf pain on monday mornings. *Gait & Posture*, "
	  "*3*(2), 1" NDASH "9.",
	  ML_RULE_CITATION_CASE,
	  "Lee, J. (2020). Calf pain on Monday mornings in May. *Gait & "
	  "Posture*, *3*(2), 1" NDASH "9." },
	{ "Lee, J. (2020). Calf pain scores analysed with spss. *Gait & "
	  "Posture*, *3*(2), 1" NDASH "9.",
	  ML_RULE_CITATION_CASE,
	  "Lee, J. (2020). Calf pain scores analysed with SPSS. *Gait & "
	  "Posture*, *3*(2), 1" NDASH "9." },
	/* article numbers */
	{ J "*PLOS ONE*, *15*(3), e0230001. https://doi.org/10.5555/1",
	  ML_RULE_CITATION_SOURCE,
	  J "*PLOS ONE*, *15*(3), Article e0230001. "
	    "https://doi.org/10.5555/1" },
	{ J "*Frontiers in Example*, *11*, 583123.", ML_RULE_CITATION_SOURCE,
	  J "*Frontiers in Example*, *11*, 58312." },
	/* an issue range, an issue without its volume */
	{ J "*Gait & Posture*, *3*(2-3), 1" NDASH "9.", ML_RULE_CITATION_SOURCE,
	  J "*Gait & Posture*, *3*(2" NDASH "3), 1" NDASH "9." },
	{ J "*Gait & Posture*, (2), 1" NDASH "9.", ML_RULE_CITATION_SOURCE,
	  J "*Gait & Posture*, *3*(2), 1" NDASH "9." },
	/* a journal with nothing after it (in press: nothing yet) */
	{ J "*Gait & Posture*.", ML_RULE_CITATION_SOURCE,
	  "Lee, J. (in press). Calf pain in runners. *Gait & Posture*." },
	{ J "*Gait & Posture*.", ML_RULE_CITATION_SOURCE,
	  J "*Gait & Posture*. https://doi.org/10.5555/1" },
	/* the author's name in bold */
	{ "**Lee, J.** (2020). Calf pain in runners. *Gait & Posture*, "
	  "*3*(2), 1" NDASH "9.",
	  ML_RULE_CITATION_AUTHOR,
	  "Lee, J. (2020). Calf pain in **runners**. *Gait & Posture*, "
	  "*3*(2), 1" NDASH "9." },
	/* a co-author in bold, students starred (lab and CV pages), even
	 * where the marks hide the date from the parser */
	{ "Kim, S., & **Lee, J.** (2020). Calf pain in runners. *Gait & "
	  "Posture*, *3*(2), 1" NDASH "9.",
	  ML_RULE_CITATION_AUTHOR,
	  "Kim, S., & Lee, J. (2020). Calf pain in runners. *Gait & "
	  "Posture*, *3*(2), 1" NDASH "9." },
	{ "Kim, S.*, & Lee, J. (2020). Calf pain in runners. *Gait & "
	  "Posture*, *3*(2), 1" NDASH "9.",
	  ML_RULE_CITATION_AUTHOR,
	  "Kim, S., & Lee, J. (2020). Calf pain in runners. *Gait & "
	  "Posture*, *3*(2), 1" NDASH "9." },
	/* a preprint server written as a journal */
	{ J "*medRxiv*, *3*, 1" NDASH "9. https://doi.org/10.1101/2020.1",
	  ML_RULE_CITATION_SOURCE,
	  "Lee, J. (2020). *Calf pain in runners* [Preprint]. medRxiv. "
	  "https://doi.org/10.1101/2020.1" },
	/* software and theses without their bracketed description */
	{ "Lee, J. (2020). *CalfStat* (Version 2.1). Example Labs. "
	  "https://example.org/calfstat",
	  ML_RULE_CITATION_TITLE,
	  "Lee, J. (2020). *CalfStat* (Version 2.1) [Computer software]. "
	  "Example Labs. https://example.org/calfstat" },
	{ "Lee, J. (2020). *Calf pain in runners* (Doctoral dissertation, "
	  "University of Example). Example Repository.",
	  ML_RULE_CITATION_TITLE,
	  "Lee, J. (2020). *Calf pain in runners* [Doctoral dissertation, "
	  "University of Example]. Example Repository." },
	/* a journal's site where the article's DOI belongs */
	{ J "*Gait & Posture*, *3*(2), 1" NDASH "9. "
	    "https://www.example.org/journal/gait-and-posture",
	  ML_RULE_CITATION_DOI,
	  J "*Gait & Posture*, *3*(2), 1" NDASH "9. "
	    "https://www.example.org/article/S0966-6362(20)30001" },
	/* a chapter without the book's editors */
	{ J "In *Sports medicine* (pp. 1" NDASH "9). Springer.",
	  ML_RULE_CITATION_SOURCE,
	  J "In J. Roe (Ed.), *Sports medicine* (pp. 1" NDASH "9). "
	    "Springer." },
};

static void run(const char *src, const ml_cite_opts *o, ml_findings *f)
{
	ml_ref_entry e = { 1, src, strlen(src), 3, 4, 0, NULL, 0 };

	ml_findings_init(f);
	assert_int_equal(ml_citation_check_entry(&e, o, f), ML_OK);
}

static void dump(const char *what, const char *src, const ml_findings *f)
{
	size_t i;

	print_message("%s: %s\n", what, src);
	for (i = 0; i < f->len; i++)
		print_message("  %d:%d %s %s\n", f->items[i].line,
			      f->items[i].column,
			      ml_rule_info_get(f->items[i].rule)->id,
			      f->items[i].message);
}

static void test_kinds(void **state)
{
	ml_findings f;
	size_t i;

	(void)state;
	for (i = 0; i < ML_ARRAY_LEN(kinds); i++) {
		run(kinds[i].bad, NULL, &f);
		if (f.len != 1 || f.items[0].rule != kinds[i].rule) {
			dump("want one finding of its rule", kinds[i].bad, &f);
			fail();
		}
		ml_findings_dispose(&f);
		run(kinds[i].good, NULL, &f);
		if (f.len != 0) {
			dump("want no finding", kinds[i].good, &f);
			fail();
		}
		ml_findings_dispose(&f);
	}
}

/* A lower-case proper noun is a warning, and its message gives the
 * name written right; the schema's proper_nouns are names too. */
static void test_proper_nouns(void **state)
{
	const char *nouns[] = { "NHANES" };
	ml_cite_opts o = { nouns, 1, 0, ML_CITE_APA7 };
	const char *src = "Lee, J. (2020). Calf pain in nhanes data. *Gait & "
			  "Posture*, *3*(2), 1" NDASH "9.";
	ml_findings f;

	(void)state;
	run(src, NULL, &f);
	assert_int_equal(f.len, 0);
	ml_findings_dispose(&f);
	run(src, &o, &f);
	assert_int_equal(f.len, 1);
	assert_int_equal(f.items[0].rule, ML_RULE_CITATION_CASE);
	assert_non_null(strstr(f.items[0].message, "write NHANES"));
	assert_int_equal(f.items[0].column, 4 + 29);
	ml_findings_dispose(&f);
	run(kinds[0].bad, NULL, &f);
	assert_int_equal(f.len, 1);
	assert_non_null(strstr(f.items[0].message, "write English"));
	ml_findings_dispose(&f);
}

/* An episode's description: the TV form has parts the checker reads
 * with other findings, so only citation-title is looked at here. */
static void test_episode(void **state)
{
	static const char *const bad =
		"Roe, B. (Writer). (2020). Calf day (Season 2, Episode 4). In "
		"*Run*. Example Films.";
	static const char *const good =
		"Roe, B. (Writer). (2020). Calf day (Season 2, Episode 4) [TV "
		"series episode]. In *Run*. Example Films.";
	ml_findings f;
	size_t i;
	int seen = 0;

	(void)state;
	run(bad, NULL, &f);
	for (i = 0; i < f.len; i++)
		seen += f.items[i].rule == ML_RULE_CITATION_TITLE &&
			strstr(f.items[i].message, "episode") != NULL;
	ml_findings_dispose(&f);
	assert_int_equal(seen, 1);
	run(good, NULL, &f);
	for (i = 0; i < f.len; i++)
		assert_int_not_equal(f.items[i].rule, ML_RULE_CITATION_TITLE);
	ml_findings_dispose(&f);
}

/* citation-style offers the entry rewritten into the list's style as a
 * quick fix over the whole entry, which --fix leaves (fix_suggestion);
 * none where the parts do not parse. */
static void test_style_quick_fix(void **state)
{
	static const char *const ama =
		"Sareen AG, Lee J. Calf strain in runners. *Br J Sports Med*. "
		"2012;46(3):12-19. doi:10.1136/bjsm.2011.1";
	static const char *const nlm =
		"Sareen AG, Lee J. Calf strain in runners. Br J Sports Med. "
		"2012 Mar;46(3):12-9. Available from: https://example.org/a";
	ml_cite_opts in_ama = { NULL, 0, 0, ML_CITE_AMA11 };
	ml_findings f;

	(void)state;
	run(ama, NULL, &f);
	assert_int_equal(f.len, 1);
	assert_int_equal(f.items[0].rule, ML_RULE_CITATION_STYLE);
	assert_int_equal(f.items[0].fix_offset, 0);
	assert_int_equal(f.items[0].fix_len, strlen(ama));
	assert_true(f.items[0].fix_suggestion);
	assert_string_equal(f.items[0].fix_text,
			    "Sareen, A. G., & Lee, J. (2012). Calf strain in "
			    "runners. *Br J Sports Med*, *46*(3), 12" NDASH
			    "19. https://doi.org/10.1136/bjsm.2011.1");
	ml_findings_dispose(&f);
	run(nlm, &in_ama, &f);
	assert_int_equal(f.len, 1);
	assert_int_equal(f.items[0].rule, ML_RULE_CITATION_STYLE);
	assert_true(f.items[0].fix_suggestion);
	assert_non_null(f.items[0].fix_text);
	assert_non_null(strstr(f.items[0].message, f.items[0].fix_text));
	ml_findings_dispose(&f);
	run("Sareen AG, Lee J. Calf strain. In: Roe B, editor. Sports "
	    "medicine. Springer; 2010. p. 1-9.",
	    NULL, &f);
	assert_int_equal(f.len, 1);
	assert_int_equal(f.items[0].rule, ML_RULE_CITATION_STYLE);
	assert_true(f.items[0].fix_offset < 0);
	ml_findings_dispose(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_proper_nouns),
		cmocka_unit_test(test_episode),
		cmocka_unit_test(test_style_quick_fix),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
