/* fuzz_registry.c - libFuzzer target: the registry answers read for
 * --verify-refs (verify/registry.c: a Crossref work, a Crossref agency,
 * an NCBI esummary) from arbitrary bytes, as a hostile or broken registry
 * (or whoever answers in its place) would send them.
 *
 * The input is read as each of the three answers. Whatever it says, the
 * work comes out in one of its states with every string set, its title
 * compares with an entry's, and a copy equals the original. Built with
 * -fsanitize=fuzzer when MEDLINT_FUZZ is on; otherwise replay.c feeds it
 * the seed corpus tests/fuzz/registry-corpus under ctest. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "verify/registry.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define ENTRY "Functional anatomy of the gastrocnemius in runners"

static void same(const char *a, const char *b)
{
	if (!a || !b || strcmp(a, b) != 0)
		abort();
}

/* A work a parser filled: a known state, no NULL string, a copy equal. */
static void whole(const ml_work *w)
{
	ml_work c = { 0 };
	double sim;

	if (w->state < ML_WORK_UNKNOWN || w->state > ML_WORK_TROUBLE)
		abort();
	if (w->state == ML_WORK_UNKNOWN)
		return;
	if ((w->state == ML_WORK_MISSING || w->state == ML_WORK_TROUBLE ||
	     w->state == ML_WORK_ELSEWHERE) &&
	    (!w->why || !w->why[0])) {
		fprintf(stderr, "fuzz_registry: state %d says nothing\n",
			w->state);
		abort();
	}
	if (w->state != ML_WORK_FOUND)
		return;
	sim = ml_title_similarity(ENTRY, w);
	if (!(sim >= 0.0 && sim <= 1.0))
		abort();
	ml_surname_equal("Doral", w->first_author);
	ml_work_year(w);
	if (ml_work_copy(&c, w) != ML_OK)
		return; /* out of memory */
	same(c.title, w->title);
	same(c.subtitle, w->subtitle);
	same(c.first_author, w->first_author);
	same(c.journal, w->journal);
	if (c.retracted != w->retracted || c.updated != w->updated ||
	    memcmp(c.years, w->years, sizeof(c.years)) != 0)
		abort();
	ml_work_dispose(&c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const uids[] = { "1111", "3333", "5555", "6666",
					    "99999998" };
	ml_work works[5], w;
	size_t i;
	char *body;

	/* Bodies arrive as read from the wire: NUL-terminated. */
	if (!(body = malloc(size + 1)))
		return 0;
	memcpy(body, data, size);
	body[size] = '\0';
	memset(&w, 0, sizeof(w));
	if (ml_registry_crossref(body, size, &w) == ML_OK)
		whole(&w);
	ml_work_dispose(&w);
	memset(&w, 0, sizeof(w));
	if (ml_registry_agency(body, size, &w) == ML_OK)
		whole(&w);
	ml_work_dispose(&w);
	memset(works, 0, sizeof(works));
	if (ml_registry_esummary(body, size, uids, 5, works) == ML_OK)
		for (i = 0; i < 5; i++)
			whole(&works[i]);
	for (i = 0; i < 5; i++)
		ml_work_dispose(&works[i]);
	free(body);
	return 0;
}
