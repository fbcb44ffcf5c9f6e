/* util/regex.h - regular expressions (PCRE2, UTF-8) for the schema's
 * patterns: compiled once, matched with a bound on the work per match. */
#ifndef ML_REGEX_H
#define ML_REGEX_H

#include <stddef.h>

#include "util/buf.h"

typedef struct ml_regex ml_regex;

enum {
	ML_RX_CASELESS = 1, /* ignore case */
	ML_RX_WHOLE = 2	    /* the match must span the whole subject */
};

/* This thread's compiled copy of pattern; NULL when it does not compile
 * or memory ran out. */
const ml_regex *ml_regex_cached(const char *pattern, unsigned flags);
/* Compiles pattern[0..len); NULL on a bad pattern, with PCRE2's message
 * and the offset in err (when err is non-NULL). Free with ml_regex_free. */
ml_regex *ml_regex_new(const char *pattern, size_t len, unsigned flags,
		       ml_buf *err);
void ml_regex_free(ml_regex *re);
/* 1 on a match, 0 on none, negative on an error (the match limit
 * included). When group is non-NULL it gets capture group 1 (or the
 * whole match if the pattern has no group) as [*group, *group + *glen). */
int ml_regex_match(const ml_regex *re, const char *s, size_t len, size_t *group,
		   size_t *glen);

#endif
