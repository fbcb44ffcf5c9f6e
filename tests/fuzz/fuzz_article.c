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

#include "setup.h"

static ml_run run;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ml_file_result res;
	char *text;

	if (!run.profile)
		fuzz_run_init(&run, fuzz_default_profile());
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
