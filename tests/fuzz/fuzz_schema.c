/* fuzz_schema.c - libFuzzer target: the article schema loader
 * (core/profile.c: roles, sections, heading patterns, byline,
 * credentials, the front-matter JSON Schema) from arbitrary bytes.
 *
 * A schema another team writes decides which checks run, so a schema
 * that loads must also drive a lint: when the input loads, the rules it
 * asks for are checked against it (ml_profile_check) and the sample
 * article content/gastrocnemius.md is linted under it. Built with
 * -fsanitize=fuzzer when MEDLINT_FUZZ is on; otherwise replay.c feeds it
 * the seed corpus tests/fuzz/schema-corpus under ctest. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/profile.h"
#include "core/ruletab.h"
#include "setup.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *article;
static size_t article_len;

static void setup(void)
{
	FILE *f;
	long n;

	if (article)
		return;
	f = fopen(ML_SOURCE_DIR "/content/gastrocnemius.md", "rb");
	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) || !(article = malloc((size_t)n + 1)) ||
	    fread(article, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "fuzz: cannot read the sample article\n");
		abort();
	}
	fclose(f);
	article[n] = '\0';
	article_len = (size_t)n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);
	ml_severity sev[ML_RULE__COUNT];
	ml_profile *p = NULL;
	ml_file_result res;
	ml_run run = { 0 };
	size_t i;
	char *copy;

	setup();
	if (!(copy = malloc(size + 1)))
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	if (ml_profile_load_text("fuzz.schema.yaml", copy, size, &p, &err)) {
		/* A refused schema always says why, in one line. */
		if (!ml_buf_cstr(&err)[0] || strchr(ml_buf_cstr(&err), '\n')) {
			fprintf(stderr, "fuzz_schema: refused with \"%s\"\n",
				ml_buf_cstr(&err));
			abort();
		}
		goto done;
	}
	for (i = 0; i < ML_RULE__COUNT; i++)
		sev[i] = ml_rule_info_get((ml_rule)i)->severity;
	ml_buf_clear(&err);
	if (ml_profile_check(p, sev, &err) == 0) {
		fuzz_run_init(&run, p);
		run.severity = sev;
		if (ml_lint_text(&run,
				 ML_SOURCE_DIR "/content/gastrocnemius.md",
				 article, article_len, &res) != ML_OK &&
		    res.path)
			abort();
		ml_file_result_dispose(&res);
	}
	ml_profile_free(p);
done:
	ml_buf_dispose(&err);
	free(copy);
	return 0;
}
