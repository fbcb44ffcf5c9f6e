/* fuzz_config.c - libFuzzer target: the .medlint.yaml loader
 * (core/config.c: include/exclude globs, rules and their options, links,
 * verify, the built-in config JSON Schema) from arbitrary bytes.
 *
 * The config comes with the content, from a pull request like the
 * articles. A config that loads has its include and exclude globs matched
 * against a few paths; one that is refused says why, in one line that
 * names the file. Built with -fsanitize=fuzzer when MEDLINT_FUZZ is on;
 * otherwise replay.c feeds it the seed corpus tests/fuzz/config-corpus
 * under ctest. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "scratch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[] = { "content/a.md",
					     "content/deep/er/b.md", "c.md",
					     "docs/health/x-y.markdown", "" };
	const char *path = scratch_write("medlint-fuzz-config", data, size);
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);
	ml_config c;
	size_t i, j;

	ml_config_init(&c);
	if (ml_config_load(&c, path, &err) == ML_OK) {
		for (i = 0; i < c.ninclude; i++)
			for (j = 0; j < sizeof(paths) / sizeof(*paths); j++)
				ml_glob_match(c.include[i], paths[j]);
		for (i = 0; i < c.nexclude; i++)
			for (j = 0; j < sizeof(paths) / sizeof(*paths); j++)
				ml_glob_match(c.exclude[i], paths[j]);
		for (i = 0; i < ML_RULE__COUNT; i++)
			if (c.severity[i] > ML_SEV_ERROR)
				abort();
	} else {
		const char *msg = ml_buf_cstr(&err);

		if (strncmp(msg, path, strlen(path)) != 0 || strchr(msg, '\n'))
			abort();
	}
	ml_config_dispose(&c);
	ml_buf_dispose(&err);
	return 0;
}
