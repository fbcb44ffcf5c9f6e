/* fuzz_lsp.c - libFuzzer target: the language server's framing and
 * dispatch (lsp/rpc.c, lsp/server.c and the handlers beside it) from
 * arbitrary bytes.
 *
 * The input is fed in pieces whose sizes come from its first byte, so
 * that headers and bodies split across reads are exercised; everything
 * the server writes is discarded (counted, so that the writer runs). The
 * debounced lints are forced at the end. Built with -fsanitize=fuzzer
 * when MEDLINT_FUZZ is on; otherwise replay.c feeds it the seed corpus
 * tests/fuzz/lsp-corpus under ctest. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "lsp/lsp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int sink(void *ctx, const char *data, size_t len)
{
	size_t *total = ctx;

	(void)data;
	*total += len;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ml_lsp_opts o = { 0 };
	size_t written = 0, at = 0, step;
	ml_lsp *s;
	int code;

	o.write = sink;
	o.write_ctx = &written;
	o.today_y = 2026;
	o.today_m = 6;
	o.today_d = 1;
	if (!(s = ml_lsp_new(&o)))
		abort();
	step = size ? (size_t)data[0] % 64 + 1 : 1;
	while (at < size && !ml_lsp_done(s, &code)) {
		size_t n = size - at < step ? size - at : step;
		if (ml_lsp_feed(s, (const char *)data + at, n))
			break;
		at += n;
		step = step * 7 % 509 + 1;
	}
	ml_lsp_tick(s, 1);
	ml_lsp_free(s);
	return 0;
}
