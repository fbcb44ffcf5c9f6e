/* fuzz_anchors.c - libFuzzer target: the #fragment target scanners
 * (parse/anchor.c: HTML ids and names, Markdown heading slugs and raw
 * HTML anchors, fragment decoding) from arbitrary bytes, as a remote page
 * fetched for a fragment check would give them.
 *
 * The input is scanned both as HTML and as Markdown. Its first line, up
 * to 256 bytes, is also taken as a fragment: decoded, tested for being
 * trivial and looked up; a fragment must be found in a set that holds it.
 * Built with -fsanitize=fuzzer when MEDLINT_FUZZ is on; otherwise
 * replay.c feeds it the seed corpus tests/fuzz/anchors-corpus under
 * ctest. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/anchor.h"
#include "util/urlmap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ml_buf frag = ML_BUF_INIT(ML_LIMIT_SHORT);
	ml_urlmap html, md;
	const char *nl;
	size_t flen, i;
	char *text;

	if (!(text = malloc(size + 1)))
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	ml_urlmap_init(&html);
	ml_urlmap_init(&md);
	if (ml_anchors_html(text, size, &html) ||
	    ml_anchors_markdown(text, size, &md))
		goto done; /* out of memory or over the parse budget */
	/* Every target is a key the lookup finds. */
	for (i = 0; i < html.cap; i++)
		if (html.keys[i] && !ml_fragment_found(&html, html.keys[i]))
			abort();
	for (i = 0; i < md.cap; i++)
		if (md.keys[i] && !ml_fragment_found(&md, md.keys[i]))
			abort();
	nl = memchr(text, '\n', size);
	flen = nl ? (size_t)(nl - text) : size;
	if (flen > 256)
		flen = 256;
	if (ml_fragment_decode(text, flen, &frag) == ML_OK) {
		const char *f = ml_buf_cstr(&frag);

		ml_fragment_trivial(f);
		if (ml_urlmap_put(&html, f, 1) == ML_OK &&
		    !ml_fragment_found(&html, f))
			abort();
	}
done:
	ml_urlmap_dispose(&html);
	ml_urlmap_dispose(&md);
	ml_buf_dispose(&frag);
	free(text);
	return 0;
}
