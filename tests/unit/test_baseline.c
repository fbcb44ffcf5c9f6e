/* Unit tests for report/baseline.c: normalised keys, fingerprints that
 * survive moved lines and edits elsewhere, occurrences, and the baseline
 * file read back with its errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/baseline.h"
#include "util/buf.h"
#include "util/common.h"

static void test_normalise_collapses_whitespace(void **state)
{
	ml_buf b = ML_BUF_INIT(ML_LIMIT_SHORT);
	char big[5000];

	(void)state;
	assert_int_equal(ml_fp_normalise(&b, "  a \t b\r\n\n c  ", 14), ML_OK);
	assert_string_equal(ml_buf_cstr(&b), "a b c");
	assert_int_equal(ml_fp_normalise(&b, " \t\r\n", 4), ML_OK);
	assert_int_equal(b.len, 0);
	/* only the first 1024 bytes count */
	memset(big, 'x', sizeof(big));
	assert_int_equal(ml_fp_normalise(&b, big, sizeof(big)), ML_OK);
	assert_int_equal(b.len, 1024);
	assert_int_equal(ml_fp_message(&b, "line 12 has  345 words, 0 cited"),
			 ML_OK);
	assert_string_equal(ml_buf_cstr(&b), "line # has # words, # cited");
	ml_buf_dispose(&b);
}

static ml_finding *add(ml_findings *f, ml_rule rule, int line, int col,
		       int end_line, int end_col, const char *msg)
{
	ml_finding *fd = ml_findings_add(f, rule, line, col, "%s", msg);

	assert_non_null(fd);
	fd->end_line = end_line;
	fd->end_column = end_col;
	return fd;
}

/* The fingerprints of fs over text, into fp. */
static void fps(const ml_findings *fs, const char *file, const char *text,
		char (*fp)[ML_FP_SIZE])
{
	assert_int_equal(ml_fp_compute(fs, file, text, text ? strlen(text) : 0,
				       fp),
			 ML_OK);
}

static const char BODY[] = "# Title\n"
			   "\n"
			   "Some text cites [7] here.\n"
			   "\n"
			   "## Next\n";

static void test_fingerprint_survives_moves_and_edits(void **state)
{
	ml_findings a, b;
	char fa[2][ML_FP_SIZE], fb[2][ML_FP_SIZE];
	ml_buf moved = ML_BUF_INIT(ML_LIMIT_SHORT);
	int i;

	(void)state;
	ml_findings_init(&a);
	ml_findings_init(&b);
	/* the marker "[7]" (a span) and a missing section before "## Next"
	 * (zero-width: keyed by its line) */
	add(&a, ML_RULE_CITATION_UNDEFINED, 3, 17, 3, 20, "[7] at 3");
	add(&a, ML_RULE_SECTION_MISSING, 5, 1, 5, 1, "missing");
	fps(&a, "docs/x.md", BODY, fa);
	/* 20 lines above, and the title edited: the same fingerprints */
	ml_buf_puts(&moved, "# Another title\n");
	for (i = 0; i < 20; i++)
		ml_buf_printf(&moved, "filler %d\n", i);
	ml_buf_puts(&moved, BODY + strlen("# Title\n"));
	add(&b, ML_RULE_CITATION_UNDEFINED, 23, 17, 23, 20, "[7] at 23");
	add(&b, ML_RULE_SECTION_MISSING, 25, 1, 25, 1, "missing");
	fps(&b, "docs/x.md", ml_buf_cstr(&moved), fb);
	assert_string_equal(fa[0], fb[0]);
	assert_string_equal(fa[1], fb[1]);
	assert_non_null(strstr(fa[0], ":1"));
	/* another file, or another rule on the same span: another one */
	fps(&a, "docs/y.md", BODY, fb);
	assert_string_not_equal(fa[0], fb[0]);
	a.items[0].rule = ML_RULE_CITATION_DUPLICATE;
	fps(&a, "docs/x.md", BODY, fb);
	assert_string_not_equal(fa[0], fb[0]);
	/* the span's own text edited: another one */
	a.items[0].rule = ML_RULE_CITATION_UNDEFINED;
	fps(&a, "docs/x.md",
	    "# Title\n\nSome text cites [8] here.\n\n## Next\n", fb);
	assert_string_not_equal(fa[0], fb[0]);
	assert_string_equal(fa[1], fb[1]);
	ml_buf_dispose(&moved);
	ml_findings_dispose(&a);
	ml_findings_dispose(&b);
}

static void test_occurrences_and_message_keys(void **state)
{
	static const char text[] = "[7] and [7]\n\n\n";
	ml_findings a;
	char fp[4][ML_FP_SIZE];

	(void)state;
	ml_findings_init(&a);
	add(&a, ML_RULE_CITATION_UNDEFINED, 1, 1, 1, 4, "x");
	add(&a, ML_RULE_CITATION_UNDEFINED, 1, 9, 1, 12, "x");
	/* a blank line: keyed by the message, numbers taken out */
	add(&a, ML_RULE_SECTION_MISSING, 2, 1, 0, 0, "see line 12");
	add(&a, ML_RULE_SECTION_MISSING, 3, 1, 0, 0, "see line 40");
	fps(&a, "a.md", text, fp);
	assert_memory_equal(fp[0], fp[1], 16);
	assert_non_null(strstr(fp[0], ":1"));
	assert_non_null(strstr(fp[1], ":2"));
	assert_memory_equal(fp[2], fp[3], 16);
	assert_non_null(strstr(fp[3], ":2"));
	/* no text at all: the message */
	fps(&a, "a.md", NULL, fp);
	assert_memory_equal(fp[2], fp[3], 16);
	ml_findings_dispose(&a);
}

/* ---- the file ------------------------------------------------------- */

static char tmpdir[64];

static const char *write_tmp(const char *name, const char *text)
{
	static char path[128];
	FILE *f;

	(void)snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static void expect_refused(const char *name, const char *text, const char *says)
{
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);
	ml_baseline *b = (ml_baseline *)1;

	assert_int_not_equal(ml_baseline_load(write_tmp(name, text), &b, &err),
			     ML_OK);
	assert_null(b);
	assert_non_null(strstr(ml_buf_cstr(&err), says));
	assert_null(strchr(ml_buf_cstr(&err), '\n'));
	ml_buf_dispose(&err);
}

static void test_malformed_baselines_refused(void **state)
{
	(void)state;
	expect_refused("a.json", "{\"entries\": [", "not a medlint baseline");
	expect_refused("b.json", "[1, 2]", "not a medlint baseline");
	expect_refused("c.json", "{\"version\": 1, \"findings\": []}",
		       "not a medlint baseline");
	expect_refused("d.json",
		       "{\"medlint_baseline\": 2, \"fingerprint\": "
		       "\"medlint/v2\", \"entries\": []}",
		       "another medlint version");
	expect_refused("e.json",
		       "{\"medlint_baseline\": 1, \"fingerprint\": "
		       "\"medlint/v2\", \"entries\": {}}",
		       "not an array");
	expect_refused("f.json",
		       "{\"medlint_baseline\": 1, \"fingerprint\": "
		       "\"medlint/v2\", \"entries\": [{\"file\": \"a.md\", "
		       "\"rule\": \"x\", \"fingerprint\": 5}]}",
		       "entry 1 is not");
	expect_refused("g.json",
		       "{\"medlint_baseline\": 1, \"medlint_baseline\": 1}",
		       "not a medlint baseline");
}

/* Millions of tiny values in a few MiB: refused before a tree is made
 * of them; the same count inside a string is only bytes. */
static void test_too_many_values_refused(void **state)
{
	ml_buf t = ML_BUF_INIT(ML_BASELINE_MAX_BYTES);
	size_t i;

	(void)state;
	ml_buf_puts(&t, "{\"medlint_baseline\": 1, \"fingerprint\": "
			"\"medlint/v2\", \"entries\": [");
	for (i = 0; i < ML_BASELINE_MAX_VALUES; i++)
		ml_buf_puts(&t, "0,");
	ml_buf_puts(&t, "0]}");
	assert_int_equal(ml_buf_failed(&t), ML_OK);
	expect_refused("many.json", ml_buf_cstr(&t), "more values than");
	ml_buf_clear(&t);
	ml_buf_puts(&t, "{\"medlint_baseline\": 1, \"fingerprint\": "
			"\"medlint/v2\", \"entries\": [], \"note\": \"");
	for (i = 0; i < ML_BASELINE_MAX_VALUES; i++)
		ml_buf_puts(&t, "[,");
	ml_buf_puts(&t, "\"}");
	{
		ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);
		ml_baseline *b = NULL;
		assert_int_equal(
			ml_baseline_load(write_tmp("str.json", ml_buf_cstr(&t)),
					 &b, &err),
			ML_OK);
		ml_baseline_free(b);
		ml_buf_dispose(&err);
	}
	ml_buf_dispose(&t);
}

static void result_init(ml_file_result *r, const char *path)
{
	memset(r, 0, sizeof(*r));
	r->path = ml_strdup(path);
	ml_findings_init(&r->findings);
}

static void test_write_then_apply(void **state)
{
	ml_file_result r[2];
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);
	ml_baseline *b = NULL;
	size_t count = 0, fixed = 9;
	char path[128];
	int e = 0;

	(void)state;
	(void)snprintf(path, sizeof(path), "%s/base.json", tmpdir);
	result_init(&r[0], "no/such/one.md");
	result_init(&r[1], "no/such/two.md");
	add(&r[0].findings, ML_RULE_SECTION_MISSING, 4, 1, 0, 0, "gone");
	add(&r[0].findings, ML_RULE_SLUG_FILENAME, 2, 1, 0, 0, "slug");
	add(&r[1].findings, ML_RULE_SECTION_MISSING, 4, 1, 0, 0, "gone");
	assert_int_equal(ml_baseline_write(path, r, 2, &count, &e), ML_OK);
	assert_int_equal(count, 3);
	assert_int_equal(ml_baseline_load(path, &b, &err), ML_OK);
	/* one fixed in one.md, one new there; two.md not linted this time */
	r[0].findings.items[1].rule = ML_RULE_REVIEW_STALE;
	assert_int_equal(ml_baseline_apply(b, r, 1, 0, &fixed), ML_OK);
	assert_int_equal(fixed, 1);
	assert_int_equal(r[0].findings.len, 1);
	assert_int_equal(r[0].findings.items[0].rule, ML_RULE_REVIEW_STALE);
	assert_int_equal(r[0].findings.items[0].baselined, 0);
	ml_baseline_free(b);
	/* kept (SARIF): marked, not removed */
	assert_int_equal(ml_baseline_load(path, &b, &err), ML_OK);
	assert_int_equal(ml_baseline_apply(b, &r[1], 1, 1, &fixed), ML_OK);
	assert_int_equal(fixed, 0);
	assert_int_equal(r[1].findings.len, 1);
	assert_int_equal(r[1].findings.items[0].baselined, 1);
	ml_baseline_free(b);
	ml_file_result_dispose(&r[0]);
	ml_file_result_dispose(&r[1]);
	ml_buf_dispose(&err);
}

static int setup(void **state)
{
	(void)state;
	strcpy(tmpdir, "/tmp/medlint-baseline-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	(void)snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalise_collapses_whitespace),
		cmocka_unit_test(test_fingerprint_survives_moves_and_edits),
		cmocka_unit_test(test_occurrences_and_message_keys),
		cmocka_unit_test(test_malformed_baselines_refused),
		cmocka_unit_test(test_too_many_values_refused),
		cmocka_unit_test(test_write_then_apply),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
