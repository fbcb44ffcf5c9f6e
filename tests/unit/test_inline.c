/* Unit tests for inline control comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "util/common.h"
#include "parse/document.h"
#include "core/finding.h"
#include "core/inline.h"

static const char md[] =
	"# Title\n"						   /* 1 */
	"\n"							   /* 2 */
	"<!-- medlint-disable section-empty, citation-order -->\n" /* 3 */
	"\n"							   /* 4 */
	"text\n"						   /* 5 */
	"\n"							   /* 6 */
	"<!-- medlint-enable citation-order -->\n"		   /* 7 */
	"\n"							   /* 8 */
	"text <!-- medlint-disable-next-line -->\n"		   /* 9 */
	"all off here\n"					   /* 10 */
	"\n"							   /* 11 */
	"<!-- medlint-disable-file link-broken -->\n"		   /* 12 */
	"<!-- medlint-disable no-such-rule section-order -->\n"	   /* 13 */
	"<!-- medlint-frobnicate -->\n"				   /* 14 */
	"<!-- just a comment -->\n"				   /* 15 */
	"\n"							   /* 16 */
	"<!--\n"						   /* 17 */
	"medlint-enable\n"					   /* 18 */
	"-->\n";						   /* 19 */

static void add(ml_findings *f, ml_rule r, int line)
{
	assert_non_null(ml_findings_add(f, r, line, 1, "x"));
}

static int has(const ml_findings *f, ml_rule r, int line)
{
	size_t i;

	for (i = 0; i < f->len; i++)
		if (f->items[i].rule == r && f->items[i].line == line)
			return 1;
	return 0;
}

static void test_ranges_next_line_and_file(void **state)
{
	ml_document *d = ml_document_parse(md, strlen(md), 1, 0);
	ml_findings f, w;
	ml_inline *in;

	(void)state;
	ml_findings_init(&f);
	ml_findings_init(&w);
	assert_int_equal(ml_inline_build(d, &in, &w), ML_OK);
	add(&f, ML_RULE_SECTION_EMPTY, 1);  /* before the disable */
	add(&f, ML_RULE_SECTION_EMPTY, 5);  /* disabled */
	add(&f, ML_RULE_CITATION_ORDER, 5); /* disabled */
	add(&f, ML_RULE_CITATION_ORDER, 8); /* enabled again */
	add(&f, ML_RULE_SECTION_EMPTY, 8);  /* still disabled */
	add(&f, ML_RULE_CITATION_CASE, 10); /* next line, all rules */
	add(&f, ML_RULE_CITATION_CASE, 11); /* only the next line */
	add(&f, ML_RULE_LINK_BROKEN, 2);    /* disabled in the whole file */
	add(&f, ML_RULE_SECTION_ORDER, 14); /* the known id still applies */
	add(&f, ML_RULE_SECTION_EMPTY, 19); /* enable without list: all on */
	add(&f, ML_RULE_SECTION_ORDER, 19);
	ml_inline_filter(in, &f);
	assert_true(has(&f, ML_RULE_SECTION_EMPTY, 1));
	assert_false(has(&f, ML_RULE_SECTION_EMPTY, 5));
	assert_false(has(&f, ML_RULE_CITATION_ORDER, 5));
	assert_true(has(&f, ML_RULE_CITATION_ORDER, 8));
	assert_false(has(&f, ML_RULE_SECTION_EMPTY, 8));
	assert_false(has(&f, ML_RULE_CITATION_CASE, 10));
	assert_true(has(&f, ML_RULE_CITATION_CASE, 11));
	assert_false(has(&f, ML_RULE_LINK_BROKEN, 2));
	assert_false(has(&f, ML_RULE_SECTION_ORDER, 14));
	assert_true(has(&f, ML_RULE_SECTION_EMPTY, 19));
	assert_true(has(&f, ML_RULE_SECTION_ORDER, 19));
	assert_int_equal(f.len, 5);
	/* Unknown rule and unknown directive: warnings at the comments,
	 * which are never suppressed themselves. */
	assert_int_equal(w.len, 2);
	assert_int_equal(w.items[0].rule, ML_RULE_INLINE_CONFIG);
	assert_int_equal(w.items[0].line, 13);
	assert_non_null(strstr(w.items[0].message, "no-such-rule"));
	assert_int_equal(w.items[1].line, 14);
	ml_inline_filter(in, &w);
	assert_int_equal(w.len, 2);
	ml_inline_free(in);
	ml_findings_dispose(&f);
	ml_findings_dispose(&w);
	ml_document_free(d);
}

static void test_no_document(void **state)
{
	ml_findings f, w;
	ml_inline *in;

	(void)state;
	ml_findings_init(&f);
	ml_findings_init(&w);
	assert_int_equal(ml_inline_build(NULL, &in, &w), ML_OK);
	add(&f, ML_RULE_SECTION_EMPTY, 1);
	ml_inline_filter(in, &f);
	assert_int_equal(f.len, 1);
	ml_inline_free(in);
	ml_findings_dispose(&f);
	ml_findings_dispose(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ranges_next_line_and_file),
		cmocka_unit_test(test_no_document),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
