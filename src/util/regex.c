/* util/regex.c - PCRE2 behind a small interface: UTF-8 patterns, a match
 * limit on every match, and a per-thread cache of compiled patterns.
 *
 * Patterns that do not depend on the article (a schema's heading or
 * byline pattern) are compiled once per thread and cached; per-article
 * ones are compiled with ml_regex_new and freed by the caller. */
#include "util/regex.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/common.h"

#define RX_CACHE 32
#define RX_MATCH_LIMIT 1000000 /* a hostile pattern or heading never hangs */

typedef struct {
	char *pattern;
	unsigned flags;
	pcre2_code *code; /* NULL: the pattern does not compile */
} rx_entry;

typedef struct {
	rx_entry e[RX_CACHE];
	size_t n;
	pcre2_match_data *md;
	pcre2_match_context *mc;
} rx_thread;

static pthread_key_t rx_key;
static pthread_once_t rx_once = PTHREAD_ONCE_INIT;
static int rx_key_ok;

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

	rx_clear(t);
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

	pthread_once(&rx_once, rx_init);
	if (!rx_key_ok)
		return NULL;
	if ((t = pthread_getspecific(rx_key)))
		return t;
	if (!(t = calloc(1, sizeof(*t))))
		return NULL;
	t->md = pcre2_match_data_create(16, NULL);
	t->mc = pcre2_match_context_create(NULL);
	if (!t->md || !t->mc || pthread_setspecific(rx_key, t)) {
		rx_thread_free(t);
		return NULL;
	}
	pcre2_set_match_limit(t->mc, RX_MATCH_LIMIT);
	return t;
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
	if (t->n == RX_CACHE)
		rx_clear(t);
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
	rc = pcre2_match((const pcre2_code *)re, (PCRE2_SPTR)s, len, 0, 0,
			 t->md, t->mc);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0)
		return ML_EINVAL;
	if (group) {
		ov = pcre2_get_ovector_pointer(t->md);
		k = (rc == 0 || rc > 1) && ov[2] != PCRE2_UNSET ? 1 : 0;
		*group = ov[2 * (size_t)k];
		*glen = ov[2 * (size_t)k + 1] - ov[2 * (size_t)k];
	}
	return 1;
}
