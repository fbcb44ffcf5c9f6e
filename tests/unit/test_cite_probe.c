/* Unit tests for cite/probe.c: what reads as a reference (every real
 * entry of tests/citations/real, in any style; no numbered step or
 * criterion), and GFM footnotes: definitions, markers and the checks by
 * label. */
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

/* Steps, criteria and notes from health pages: none is a reference,
 * years and numbers in them included. */
static const char *const not_entries[] = {
	"**Acute onset** of symptoms within 2 weeks, with fever above 38 °C.",
	"Find Conditional Formatting on the Home tab, then choose New Rule.",
	"Stand on the edge of a step with the balls of your feet on it.",
	"Rise onto your toes for 2 seconds, then lower your heels below the "
	"step.",
	"**Night pain** or fever, as in the 2019 Ottawa criteria.",
	"Repeat 15 times; rest for 30 seconds between 3 sets.",
	"Take 500 mg every 6 hours, no more than 4 g in 24 hours.",
	"Open the app, tap **Settings** and turn on reminders (since 2021).",
	"A Wells score of 2 or more makes deep vein thrombosis likely.",
	"The soleus is covered in its own article.",
};

static void test_not_entries(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ML_ARRAY_LEN(not_entries); i++) {
		if (ml_citation_reads_as_entry(not_entries[i],
					       strlen(not_entries[i])))
			fail_msg("read as a reference: %s", not_entries[i]);
	}
	assert_int_equal(ml_citation_reads_as_entry("", 0), 0);
}

/* Every entry of the real corpus (APA, Vancouver, IEEE, Harvard,
 * Chicago, faulty ones too) reads as a reference: at least 98%. */
static void test_real_entries(void **state)
{
	const char *dir = getenv("ML_SOURCE_DIR");
	char path[4096], line[8192], *entry;
	size_t n = 0, yes = 0;
	FILE *f;

	(void)state;
	assert_non_null(dir);
	snprintf(path, sizeof(path), "%s/tests/citations/real/entries.tsv",
		 dir);
	f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#' || !(entry = strrchr(line, '\t')))
			continue;
		entry++;
		entry[strcspn(entry, "\n")] = '\0';
		n++;
		if (ml_citation_reads_as_entry(entry, strlen(entry)))
			yes++;
		else
			print_message("not read as a reference: %s\n", entry);
	}
	fclose(f);
	assert_true(n > 800);
	assert_true(yes * 100 >= n * 98);
}

static void test_footnote_def(void **state)
{
	size_t ll, off;
	const char *d = "[^smith2019]: Smith J. Calf. 2019.";

	(void)state;
	off = ml_footnote_def(d, strlen(d), &ll);
	assert_int_equal(ll, 9);
	assert_string_equal(d + off, "Smith J. Calf. 2019.");
	assert_int_equal(ml_footnote_def("[^1] text", 9, &ll), 0);
	assert_int_equal(ml_footnote_def("[1]: https://x.org", 18, &ll), 0);
	assert_int_equal(ml_footnote_def("[^]: x", 6, &ll), 0);
	assert_int_equal(ml_footnote_def("[^a b]: x", 9, &ll), 0);
}

typedef struct {
	ml_cite_marker m[8];
	size_t n;
} marks;

static void on_mark(void *ctx, const char *label, size_t label_len, int line,
		    int column)
{
	marks *k = ctx;

	if (k->n >= 8)
		return;
	memset(&k->m[k->n], 0, sizeof(k->m[0]));
	k->m[k->n].label = label;
	k->m[k->n].label_len = label_len;
	k->m[k->n].line = line;
	k->m[k->n].column = column;
	k->n++;
}

static void test_footnote_markers(void **state)
{
	const char *t = "Calf.[^1] Soleus \\[^2] and[^b]\nheel [^c] [^ d]";
	marks k = { .n = 0 };

	(void)state;
	assert_int_equal(ml_footnote_scan_markers(t, strlen(t), 5, 3, on_mark,
						  &k),
			 ML_OK);
	assert_int_equal(k.n, 3);
	assert_int_equal(k.m[0].line, 5);
	assert_int_equal(k.m[0].column, 8);
	assert_int_equal(k.m[1].label_len, 1);
	assert_memory_equal(k.m[1].label, "b", 1);
	assert_int_equal(k.m[2].line, 6);
	assert_int_equal(k.m[2].column, 6);
	/* a definition at the start of the run is not a marker */
	k.n = 0;
	t = "[^1]: Smith J. Calf. 2019.";
	assert_int_equal(ml_footnote_scan_markers(t, strlen(t), 1, 1, on_mark,
						  &k),
			 ML_OK);
	assert_int_equal(k.n, 0);
}

/* An entry as rules/citations.c makes it: label and text point into
 * one definition "[^label]: text" written at column 1. */
static ml_ref_entry def(const char *src, int line)
{
	ml_ref_entry e;
	size_t ll, off = ml_footnote_def(src, strlen(src), &ll);

	memset(&e, 0, sizeof(e));
	e.label = src + 2;
	e.label_len = ll;
	e.src = src + off;
	e.len = strlen(src) - off;
	e.line = line;
	e.column = 1 + (int)off;
	return e;
}

static void test_footnote_checks(void **state)
{
	ml_ref_entry d[3];
	ml_cite_marker m[2];
	ml_findings f;

	(void)state;
	d[0] = def("[^a]: Smith J. Calf. 2019.", 10);
	d[1] = def("[^B]: Jones K. Heel. 2020.", 11);
	d[2] = def("[^a]: Smith J. Calf. 2019.", 12);
	memset(m, 0, sizeof(m));
	m[0].label = "A"; /* labels match ignoring ASCII case */
	m[0].label_len = 1;
	m[0].line = 2;
	m[0].column = 7;
	m[1].label = "zz";
	m[1].label_len = 2;
	m[1].line = 3;
	m[1].column = 9;
	ml_findings_init(&f);
	assert_int_equal(ml_citation_check_footnotes(d, 3, m, 2, &f), ML_OK);
	assert_int_equal(f.len, 3);
	assert_int_equal(f.items[0].rule, ML_RULE_CITATION_UNDEFINED);
	assert_int_equal(f.items[0].line, 3);
	assert_non_null(strstr(f.items[0].message, "[^zz]"));
	assert_int_equal(f.items[1].rule, ML_RULE_CITATION_UNUSED);
	assert_int_equal(f.items[1].line, 11);
	assert_int_equal(f.items[1].column, 1);
	assert_int_equal(f.items[2].rule, ML_RULE_CITATION_DUPLICATE);
	assert_int_equal(f.items[2].line, 12);
	ml_findings_dispose(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_not_entries),
		cmocka_unit_test(test_real_entries),
		cmocka_unit_test(test_footnote_def),
		cmocka_unit_test(test_footnote_markers),
		cmocka_unit_test(test_footnote_checks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
