/* fuzz_baseline.c - libFuzzer target: the baseline reader
 * (report/baseline.c) from arbitrary bytes.
 *
 * A baseline file (--baseline FILE) is committed to the repository, so a
 * pull request can change it. The input is read as a baseline: refused,
 * it must say why in one line; taken, it is applied to two results with
 * findings (one file that exists, one that does not), once removing and
 * once keeping what it holds, and the findings left must be the ones the
 * baseline did not hold, in their order, each marked as it should be.
 * Built with -fsanitize=fuzzer when MEDLINT_FUZZ is on; otherwise
 * replay.c feeds it the seed corpus tests/fuzz/baseline-corpus under
 * ctest. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report/baseline.h"
#include "scratch.h"
#include "util/common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void result_make(ml_file_result *r, const char *path)
{
	memset(r, 0, sizeof(*r));
	r->path = ml_strdup(path);
	ml_findings_init(&r->findings);
	if (!r->path ||
	    !ml_findings_add(&r->findings, ML_RULE_SECTION_MISSING, 1, 1, "%s",
			     "section missing") ||
	    !ml_findings_add(&r->findings, ML_RULE_SLUG_FILENAME, 2, 1, "%s",
			     "slug 12 differs") ||
	    !ml_findings_add(&r->findings, ML_RULE_SECTION_MISSING, 3, 1, "%s",
			     "section missing"))
		abort();
}

/* Applies b to two fresh results, keeping or removing, and checks what
 * is left. */
static void apply(ml_baseline *b, const char *exists, int keep)
{
	ml_file_result r[2];
	size_t fixed = 0, i, k;
	int rules[2][3];

	result_make(&r[0], exists);
	result_make(&r[1], "no/such/article.md");
	for (i = 0; i < 2; i++)
		for (k = 0; k < 3; k++)
			rules[i][k] = (int)r[i].findings.items[k].rule;
	if (ml_baseline_apply(b, r, 2, keep, &fixed) != ML_OK)
		goto done; /* out of memory */
	for (i = 0; i < 2; i++) {
		const ml_findings *f = &r[i].findings;

		if (f->len > 3)
			abort();
		if (keep && f->len != 3)
			abort(); /* SARIF keeps them all, marked */
		for (k = 0; k < f->len; k++) {
			if (!keep && f->items[k].baselined)
				abort(); /* a removed one left behind */
			if (keep && (int)f->items[k].rule != rules[i][k])
				abort(); /* order changed */
		}
	}
done:
	ml_file_result_dispose(&r[0]);
	ml_file_result_dispose(&r[1]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = scratch_write("medlint-fuzz-baseline", data, size);
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);
	ml_baseline *b = NULL;
	int rc = ml_baseline_load(path, &b, &err);

	if (rc == ML_OK) {
		if (!b)
			abort();
		apply(b, path, 0);
		ml_baseline_free(b);
		b = NULL;
		if (ml_baseline_load(path, &b, &err) != ML_OK)
			abort(); /* the same bytes read twice differ */
		apply(b, path, 1);
		ml_baseline_free(b);
	} else if (rc != ML_ENOMEM) {
		const char *s = ml_buf_cstr(&err);

		if (b || !*s || strchr(s, '\n'))
			abort(); /* refused without one line saying why */
	}
	ml_buf_dispose(&err);
	return 0;
}
