/* fuzz_linkcache.c - libFuzzer target: the link cache loader and saver
 * (links/cache.c) from arbitrary bytes.
 *
 * A cache file is restored by CI from an earlier run, which may have
 * linted a hostile pull request. The input is loaded as a cache (with and
 * without --allow-private, as the first byte picks), saved, and loaded
 * again: what was kept must come back entry for entry, with the same
 * status, so that nothing a cache holds can change meaning on the way
 * through. Built with -fsanitize=fuzzer when MEDLINT_FUZZ is on;
 * otherwise replay.c feeds it the seed corpus tests/fuzz/linkcache-corpus
 * under ctest. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "links/cache.h"
#include "scratch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NOW 1780000000LL /* 2026-05-28 */
#define TTL 86400L * 7

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = scratch_write("medlint-fuzz-cache", data, size);
	ml_buf warn = ML_BUF_INIT(ML_LIMIT_SHORT);
	char saved[4200];
	ml_linkcache a, b;
	size_t i, kept = 0, back = 0;

	snprintf(saved, sizeof(saved), "%s.saved", path);
	ml_linkcache_init(&a);
	ml_linkcache_init(&b);
	a.allow_private = b.allow_private = size && (data[0] & 1);
	if (ml_linkcache_load(&a, path, TTL, NOW, &warn) ||
	    ml_linkcache_save(&a, saved, &warn) ||
	    ml_linkcache_load(&b, saved, TTL, NOW, &warn))
		goto done; /* out of memory, or the save failed (warned) */
	for (i = 0; i < a.len; i++) {
		const ml_linkcache_entry *e = &a.items[i];
		long long t;

		if (!e->status)
			continue;
		kept++;
		if (strpbrk(e->url, "\t\r\n"))
			abort(); /* a key that could forge a line */
		if (ml_linkcache_get(&b, e->url, &t) != e->status ||
		    t != e->time)
			abort();
	}
	for (i = 0; i < b.len; i++)
		back += b.items[i].status != 0;
	if (back != kept)
		abort();
done:
	unlink(saved);
	ml_linkcache_dispose(&a);
	ml_linkcache_dispose(&b);
	ml_buf_dispose(&warn);
	return 0;
}
