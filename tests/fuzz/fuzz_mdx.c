/* fuzz_mdx.c - libFuzzer target: MDX syntax blanked (parse/mdx.c) from
 * arbitrary bytes, then the blanked body parsed as an .mdx body is.
 *
 * Whatever the bytes: the blanked copy keeps the length and every line
 * end where it was (positions stay exact), changes bytes only to blank
 * space or the few characters of "<x>" and "<!--"/"-->", and the document
 * model reads it. Built with -fsanitize=fuzzer when MEDLINT_FUZZ is on;
 * otherwise replay.c feeds it the seed corpus tests/fuzz/mdx-corpus under
 * ctest. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/document.h"
#include "parse/mdx.h"
#include "util/common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	ml_document *doc = NULL;
	ml_document_limit why;
	size_t i;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (ml_mdx_blank(s, size) != ML_OK) {
		free(s);
		return 0;
	}
	for (i = 0; i < size; i++) {
		char was = (char)data[i];
		if ((was == '\n') != (s[i] == '\n'))
			abort();
		if (s[i] != was && !strchr(" <x>!-", s[i]))
			abort();
	}
	if (s[size] != '\0')
		abort();
	if (ml_document_parse_bounded(s, size, 1, 0, &doc, &why) == ML_OK)
		ml_document_free(doc);
	free(s);
	return 0;
}
