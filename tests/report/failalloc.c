/* tests/report/failalloc.c - medlint whose Nth allocation after the
 * findings are counted fails (ML_FAIL_ALLOC=N), for test_report_oom.py.
 *
 * The medlint_failalloc binary is main.c and run.c linked with
 * -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc and
 * --wrap=ml_summary_count: every allocation medlint's own code makes goes
 * through the wrappers below, and jansson's too (json_set_alloc_funcs)
 * once run.c has counted the findings, which it does just before it
 * writes the report. From there on the allocations are counted and the
 * Nth one returns NULL, as malloc does when memory runs out; all the
 * others succeed. So a sweep N = 1, 2, ... fails each allocation of the
 * report phase in turn, as curl's torture tests do with every malloc.
 * ML_FAIL_ALLOC=0 fails none and only counts. Nothing of this is in the
 * medlint binary; without ML_FAIL_ALLOC this binary is medlint. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "report/report.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void __real_ml_summary_count(ml_summary *s, const ml_file_result *r, size_t n);

void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
void __wrap_ml_summary_count(ml_summary *s, const ml_file_result *r, size_t n);

static long fail_at; /* the allocation that fails, 1-based; 0: none */
static long counted; /* allocations since the arming */
static int armed;

static int fail_now(void)
{
	return armed && ++counted == fail_at;
}

void *__wrap_malloc(size_t n)
{
	return fail_now() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
	return fail_now() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
	return fail_now() ? NULL : __real_realloc(p, n);
}

static void json_free(void *p)
{
	free(p);
}

/* ML_FAIL_ALLOC_COUNT=FILE: how many allocations were counted, for the
 * sweep to know where to stop. */
static void write_count(void)
{
	FILE *f = fopen(getenv("ML_FAIL_ALLOC_COUNT"), "w");

	if (f) {
		fprintf(f, "%ld\n", counted);
		(void)fclose(f);
	}
}

void __wrap_ml_summary_count(ml_summary *s, const ml_file_result *r, size_t n)
{
	const char *v = getenv("ML_FAIL_ALLOC");

	__real_ml_summary_count(s, r, n);
	if (!v || armed)
		return;
	fail_at = strtol(v, NULL, 10);
	json_set_alloc_funcs(__wrap_malloc, json_free);
	armed = 1;
	if (getenv("ML_FAIL_ALLOC_COUNT"))
		(void)atexit(write_count);
}
