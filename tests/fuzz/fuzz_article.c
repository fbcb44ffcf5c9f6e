/* fuzz_article.c - libFuzzer target: one article (front matter, schema,
 * Markdown body, every rule family) from arbitrary bytes.
 *
 * Built with clang -fsanitize=fuzzer when MEDLINT_FUZZ is on; in the
 * normal build the same file is linked with replay.c, which feeds the
 * seed corpus through it under ctest. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline/pipeline.h"
#include "core/profile.h"

static ml_profile *profile;
static ml_run run;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void setup(void)
{
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);

	if (profile)
		return;
	if (ml_profile_load(ML_SOURCE_DIR "/schemas/article.schema.yaml",
			    &profile, &err)) {
		fprintf(stderr, "fuzz: %s\n", ml_buf_cstr(&err));
		abort();
	}
	ml_buf_dispose(&err);
	run.profile = profile;
	run.jobs = 1;
	run.opts.content_root = ML_SOURCE_DIR "/content";
	run.opts.today_y = 2026;
	run.opts.today_m = 6;
	run.opts.today_d = 1;
	run.opts.links = ML_LINKS_INTERNAL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ml_file_result res;
	char *text;

	setup();
	/* Articles are NUL-terminated in memory, as lint_path reads them. */
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	/* Only out of memory may fail; anything else is a finding. */
	if (ml_lint_text(&run, "fuzz.md", text, size, &res) != ML_OK &&
	    res.path)
		abort();
	ml_file_result_dispose(&res);
	free(text);
	return 0;
}
