/* Unit tests for the report writers: GitHub workflow-command escaping
 * (messages that no article can produce today: raw CR and LF) and the
 * SARIF document's shape for findings held in memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/common.h"
#include "report/report.h"

/* Runs the writer into memory; the caller frees the text. */
static char *render(ml_format fmt, ml_file_result *r, size_t n)
{
	char *text = NULL;
	size_t len = 0;
	ml_summary sum;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	memset(&sum, 0, sizeof(sum));
	ml_summary_count(&sum, r, n);
	assert_int_equal(ml_report_write(f, fmt, r, n, &sum, 0), ML_OK);
	fclose(f);
	return text;
}

static void result_init(ml_file_result *r, const char *path)
{
	memset(r, 0, sizeof(*r));
	r->path = ml_strdup(path);
	ml_findings_init(&r->findings);
}

static void test_github_escapes_data_and_properties(void **state)
{
	ml_file_result r;
	ml_finding *f;
	char *out;

	(void)state;
	result_init(&r, "site/a:b,c/100%.md");
	/* Messages are escaped when made (core/finding.c); the writer
	 * escapes on its own too: give it raw line ends. */
	f = ml_findings_add(&r.findings, ML_RULE_CITATION_DOI, 3, 5,
			    "50%% done: one,\r\ntwo");
	assert_string_equal(f->message, "50% done: one,\\r\\ntwo");
	free(f->message);
	f->message = strdup("50% done: one,\r\ntwo\nthree");
	f->end_line = 3;
	f->end_column = 9;
	f = ml_findings_add(&r.findings, ML_RULE_REVIEW_STALE, 7, 1, "old");
	f = ml_findings_add(&r.findings, ML_RULE_SECTION_EMPTY, 8, 1, "short");
	f->end_line = 9; /* no end column: none printed */
	out = render(ML_FMT_GITHUB, &r, 1);
	assert_string_equal(
		out,
		"::error file=site/a%3Ab%2Cc/100%25.md,line=3,col=5,endLine=3,"
		"endColumn=9,title=citation-doi::50%25 done: one,%0D%0Atwo%0Athree\n"
		"::warning file=site/a%3Ab%2Cc/100%25.md,line=7,col=1,"
		"title=review-stale::old\n"
		"::error file=site/a%3Ab%2Cc/100%25.md,line=8,col=1,endLine=9,"
		"title=section-empty::short\n");
	free(out);
	ml_file_result_dispose(&r);
}

static void test_sarif_rules_and_results(void **state)
{
	ml_file_result r;
	json_t *doc, *run, *res, *loc;
	json_error_t err;
	char *out;

	(void)state;
	/* A file that does not exist: no line text, columns kept as bytes. */
	result_init(&r, "no/such/dir/x.md");
	assert_non_null(ml_findings_add(&r.findings, ML_RULE_SECTION_MISSING, 4,
					2, "missing"));
	assert_non_null(ml_findings_add(&r.findings, ML_RULE_SECTION_MISSING, 9,
					2, "missing"));
	out = render(ML_FMT_SARIF, &r, 1);
	doc = json_loads(out, 0, &err);
	assert_non_null(doc);
	assert_string_equal(json_string_value(json_object_get(doc, "version")),
			    "2.1.0");
	run = json_array_get(json_object_get(doc, "runs"), 0);
	assert_int_equal(
		json_array_size(json_object_get(
			json_object_get(json_object_get(run, "tool"), "driver"),
			"rules")),
		ML_RULE__COUNT);
	res = json_array_get(json_object_get(run, "results"), 1);
	assert_string_equal(json_string_value(json_object_get(res, "ruleId")),
			    "section-missing");
	assert_int_equal(json_integer_value(json_object_get(res, "ruleIndex")),
			 ML_RULE_SECTION_MISSING);
	loc = json_object_get(json_array_get(json_object_get(res, "locations"),
					     0),
			      "physicalLocation");
	assert_string_equal(
		json_string_value(json_object_get(
			json_object_get(loc, "artifactLocation"), "uriBaseId")),
		"%SRCROOT%");
	assert_int_equal(json_integer_value(json_object_get(
				 json_object_get(loc, "region"), "startLine")),
			 9);
	/* Same rule, message and (empty) line text: occurrence 2. */
	assert_non_null(
		strstr(json_string_value(json_object_get(
			       json_object_get(res, "partialFingerprints"),
			       "medlint/v2")),
		       ":2"));
	json_decref(doc);
	free(out);
	ml_file_result_dispose(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_github_escapes_data_and_properties),
		cmocka_unit_test(test_sarif_rules_and_results),
	};
	return cmocka_run_group_tests(tests, 0, 0);
}
