/* util/regex.c - PCRE2 behind a small interface: UTF-8 patterns, match,
 * depth and heap limits on every match, a per-file budget of regex work,
 * and a per-thread cache of compiled patterns.
 *
 * Patterns that do not depend on the article (a schema's heading or
 * byline pattern) are compiled once per thread and cached, and stay
 * valid until the next file (ml_regex_budget_reset); per-article ones
 * are compiled with ml_regex_new and freed by the caller.
 *
 * PCRE2 does not say how much of its match limit a match used, so every
 * match is first tried under a small limit, retried under ten times more
 * while it runs out, and charged the limits it was given: an upper bound
 * of its work (at most 1.12 times it). The charges of one file are taken
 * from its budget; a match that runs out of its own limit or of the
 * budget spends the budget, so that the rest of the file's regex work
 * ends at once and the caller reports it (never a silent "no match"). */
#include "util/regex.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/common.h"

#define RX_CACHE 32		/* patterns kept across files */
#define RX_MATCH_LIMIT 1000000	/* a hostile pattern or heading never hangs */
#define RX_FIRST_LIMIT 100	/* what a heading or reference match needs */
#define RX_DEPTH_LIMIT 10000	/* backtracking frames (the interpreter) */
#define RX_HEAP_LIMIT 16384	/* KiB of backtracking frames */
#define RX_FILE_BUDGET 10000000 /* per file: about 0.2 s of matching */

typedef struct {
	char *pattern;
	unsigned flags;
	pcre2_code *code; /* NULL: the pattern does not compile */
} rx_entry;

typedef struct {
	rx_entry *e; /* grows within a file, cut back between files */
	size_t n, cap;
	pcre2_match_data *md;
	pcre2_match_context *mc;
	size_t left; /* of this file's budget */
	int spent;   /* a match ran out: the file's regex work is over */
	int blamed;  /* what[] and line say which pattern ran out */
	long line;
	char what[ML_RX_WHAT_MAX];
} rx_thread;

static pthread_key_t rx_key;
static pthread_once_t rx_once = PTHREAD_ONCE_INIT;
static int rx_key_ok;
/* the same as pthread_getspecific(rx_key), without its cost per match;
 * the key is kept for its destructor */
static _Thread_local rx_thread *rx_mine;

static void rx_clear(rx_thread *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->e[i].pattern);
		pcre2_code_free(t->e[i].code);
	}
	t->n = 0;
}

static void rx_thread_free(void *arg)
{
	rx_thread *t = arg;

	if (rx_mine == t)
		rx_mine = NULL;
	rx_clear(t);
	free(t->e);
	pcre2_match_data_free(t->md);
	pcre2_match_context_free(t->mc);
	free(t);
}

static void rx_init(void)
{
	rx_key_ok = pthread_key_create(&rx_key, rx_thread_free) == 0;
}

/* This thread's cache and match data, made on first use and freed when
 * the thread exits. */
static rx_thread *rx_state(void)
{
	rx_thread *t;

	if (rx_mine)
		return rx_mine;
	pthread_once(&rx_once, rx_init);
	if (!rx_key_ok)
		return NULL;
	if (!(t = calloc(1, sizeof(*t))))
		return NULL;
	t->md = pcre2_match_data_create(16, NULL);
	t->mc = pcre2_match_context_create(NULL);
	if (!t->md || !t->mc || pthread_setspecific(rx_key, t)) {
		rx_thread_free(t);
		return NULL;
	}
	pcre2_set_depth_limit(t->mc, RX_DEPTH_LIMIT);
	pcre2_set_heap_limit(t->mc, RX_HEAP_LIMIT);
	t->left = RX_FILE_BUDGET;
	rx_mine = t;
	return t;
}

void ml_regex_budget_reset(void)
{
	rx_thread *t = rx_state();

	if (!t)
		return;
	/* between files no caller holds a cached pattern: the only point
	 * where the cache may be emptied (sections keep theirs for the
	 * whole file, however many the schema has) */
	if (t->n > RX_CACHE)
		rx_clear(t);
	t->left = RX_FILE_BUDGET;
	t->spent = t->blamed = 0;
	t->line = 0;
	t->what[0] = '\0';
}

int ml_regex_budget_spent(const char **what, long *line)
{
	rx_thread *t = rx_state();

	if (!t || !t->spent)
		return 0;
	if (what)
		*what = t->blamed ? t->what : "a pattern";
	if (line)
		*line = t->line;
	return 1;
}

void ml_regex_budget_blame(long line, const char *fmt, ...)
{
	rx_thread *t = rx_state();
	va_list ap;

	if (!t || !t->spent || t->blamed)
		return;
	va_start(ap, fmt);
	(void)vsnprintf(t->what, sizeof(t->what), fmt, ap);
	va_end(ap);
	t->line = line;
	t->blamed = 1;
}

static int limit_error(int rc)
{
	return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	       rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT;
}

/* One match under the limits and the budget: PCRE2's result, or
 * ML_ELIMIT once the budget is spent. A JIT stack that runs out is
 * retried in the interpreter, which has the depth and heap limits. */
static int rx_run(rx_thread *t, const pcre2_code *re, const char *s, size_t len,
		  size_t start, pcre2_match_data *md)
{
	uint32_t limit = RX_FIRST_LIMIT, opts = 0;
	int rc;

	if (t->spent)
		return ML_ELIMIT;
	for (;;) {
		if (limit > t->left)
			limit = (uint32_t)t->left;
		pcre2_set_match_limit(t->mc, limit ? limit : 1);
		rc = pcre2_match(re, (PCRE2_SPTR)s, len, start, opts, md,
				 t->mc);
		t->left -= limit;
		if (rc == PCRE2_ERROR_JIT_STACKLIMIT && !opts && t->left) {
			opts = PCRE2_NO_JIT;
			continue;
		}
		if (rc != PCRE2_ERROR_MATCHLIMIT || limit >= RX_MATCH_LIMIT ||
		    !t->left)
			break;
		limit *= 10;
	}
	if (limit_error(rc)) {
		t->spent = 1;
		return ML_ELIMIT;
	}
	return rc;
}

/* rx_run's result as this interface gives it: 1, 0 or ML_E*. */
static int rx_result(int rc)
{
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0)
		return rc == ML_ELIMIT ? rc : ML_EINVAL;
	return 1;
}

int ml_regex_exec(const struct pcre2_real_code_8 *re, const char *s, size_t len,
		  size_t start, struct pcre2_real_match_data_8 *md)
{
	rx_thread *t = rx_state();

	return t ? rx_result(rx_run(t, re, s, len, start, md)) : ML_ENOMEM;
}

static uint32_t rx_options(unsigned flags)
{
	uint32_t o = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;

	if (flags & ML_RX_CASELESS)
		o |= PCRE2_CASELESS;
	if (flags & ML_RX_WHOLE)
		o |= PCRE2_ANCHORED | PCRE2_ENDANCHORED;
	return o;
}

ml_regex *ml_regex_new(const char *pattern, size_t len, unsigned flags,
		       ml_buf *err)
{
	int ec;
	PCRE2_SIZE eo;
	PCRE2_UCHAR msg[256];
	pcre2_code *c = pcre2_compile((PCRE2_SPTR)pattern, len,
				      rx_options(flags), &ec, &eo, NULL);

	if (!c && err) {
		pcre2_get_error_message(ec, msg, sizeof(msg));
		ml_buf_printf(err, "%s at offset %zu", (const char *)msg,
			      (size_t)eo);
	}
	return (ml_regex *)c;
}

/* Publishes c in *slot unless another thread was first: the code to use. */
static pcre2_code *publish(_Atomic(pcre2_code *) *slot, pcre2_code *c)
{
	pcre2_code *none = NULL;

	if (atomic_compare_exchange_strong_explicit(
		    slot, &none, c, memory_order_acq_rel, memory_order_acquire))
		return c;
	pcre2_code_free(c);
	return none;
}

static pcre2_code *lazy_compile(const char *pattern, uint32_t opts)
{
	int err;
	PCRE2_SIZE off;

	return pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts,
			     &err, &off, NULL);
}

const pcre2_code *ml_regex_lazy_code(ml_regex_lazy *l, const char *pattern,
				     uint32_t opts)
{
	pcre2_code *c = atomic_load_explicit(&l->jit, memory_order_acquire), *j;

	if (c)
		return c;
	if (!(c = atomic_load_explicit(&l->code, memory_order_acquire))) {
		if (!(c = lazy_compile(pattern, opts)))
			return NULL;
		c = publish(&l->code, c);
	}
	/* exactly one caller sees the count reach the mark and makes the
	 * JIT copy (a copy: the code others match with is never changed);
	 * without JIT support, or short of memory, the interpreter stays */
	if (atomic_fetch_add_explicit(&l->uses, 1, memory_order_relaxed) + 1 !=
	    ML_RX_JIT_AFTER)
		return c;
	if (!(j = lazy_compile(pattern, opts)))
		return c;
	if (pcre2_jit_compile(j, PCRE2_JIT_COMPLETE) != 0) {
		pcre2_code_free(j);
		return c;
	}
	return publish(&l->jit, j);
}

int ml_regex_lazy_compiled(ml_regex_lazy *l)
{
	return atomic_load_explicit(&l->code, memory_order_acquire) != NULL;
}

int ml_regex_lazy_jitted(ml_regex_lazy *l)
{
	return atomic_load_explicit(&l->jit, memory_order_acquire) != NULL;
}

void ml_regex_free(ml_regex *re)
{
	pcre2_code_free((pcre2_code *)re);
}

const ml_regex *ml_regex_cached(const char *pattern, unsigned flags)
{
	rx_thread *t = rx_state();
	rx_entry *e;
	size_t i;

	if (!t)
		return NULL;
	for (i = 0; i < t->n; i++)
		if (t->e[i].flags == flags && !strcmp(t->e[i].pattern, pattern))
			return (const ml_regex *)t->e[i].code;
	if (ml_grow((void **)&t->e, &t->cap, t->n + 1, sizeof(*t->e)))
		return NULL;
	e = &t->e[t->n];
	if (!(e->pattern = ml_strdup(pattern)))
		return NULL;
	e->flags = flags;
	e->code = (pcre2_code *)ml_regex_new(pattern, strlen(pattern), flags,
					     NULL);
	t->n++;
	return (const ml_regex *)e->code;
}

int ml_regex_match(const ml_regex *re, const char *s, size_t len, size_t *group,
		   size_t *glen)
{
	rx_thread *t = rx_state();
	PCRE2_SIZE *ov;
	int rc, k;

	if (!re)
		return ML_EINVAL;
	if (!t)
		return ML_ENOMEM;
	rc = rx_run(t, (const pcre2_code *)re, s, len, 0, t->md);
	if (rx_result(rc) != 1)
		return rx_result(rc);
	if (group) {
		ov = pcre2_get_ovector_pointer(t->md);
		k = (rc == 0 || rc > 1) && ov[2] != PCRE2_UNSET ? 1 : 0;
		*group = ov[2 * (size_t)k];
		*glen = ov[2 * (size_t)k + 1] - ov[2 * (size_t)k];
	}
	return 1;
}
