/* util/regex.h - regular expressions (PCRE2, UTF-8) for the schema's
 * patterns: compiled once, matched with a bound on the work per match
 * and on the work per file. Every match of article text goes through
 * here (ml_regex_match, or ml_regex_exec for code compiled elsewhere),
 * so that one budget, reset per file, covers them all. */
#ifndef ML_REGEX_H
#define ML_REGEX_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

typedef struct ml_regex ml_regex;
struct pcre2_real_code_8;
struct pcre2_real_match_data_8;

#define ML_RX_WHAT_MAX 256

enum {
	ML_RX_CASELESS = 1, /* ignore case */
	ML_RX_WHOLE = 2	    /* the match must span the whole subject */
};

/* This thread's compiled copy of pattern, valid until the next
 * ml_regex_budget_reset; NULL when it does not compile or memory ran
 * out. */
const ml_regex *ml_regex_cached(const char *pattern, unsigned flags);
/* Compiles pattern[0..len); NULL on a bad pattern, with PCRE2's message
 * and the offset in err (when err is non-NULL). Free with ml_regex_free. */
ml_regex *ml_regex_new(const char *pattern, size_t len, unsigned flags,
		       ml_buf *err);
void ml_regex_free(ml_regex *re);
/* 1 on a match, 0 on none, negative on an error: ML_ELIMIT when the
 * match ran out of its limits or of the file's budget (the budget is then
 * spent: report it, see ml_regex_budget_blame). When group is non-NULL
 * it gets capture group 1 (or the whole match if the pattern has no
 * group) as [*group, *group + *glen). */
int ml_regex_match(const ml_regex *re, const char *s, size_t len, size_t *group,
		   size_t *glen);
/* The same for code compiled by its owner (the schema, the citation
 * checker, the link checker) into its own match data, from byte start. */
int ml_regex_exec(const struct pcre2_real_code_8 *re, const char *s, size_t len,
		  size_t start, struct pcre2_real_match_data_8 *md);

/* A pattern of medlint's own (citation and claim patterns), compiled on
 * its first use for the whole process and shared by every thread (the
 * language server keeps it across documents). It is matched by PCRE2's
 * interpreter until it has been asked for ML_RX_JIT_AFTER times; then a
 * JIT-compiled copy takes over. A JIT compile costs as much as some
 * hundred interpreted matches of a reference entry, so a one-file run
 * (a pre-commit hook, an editor) no longer pays 1.1 M instructions of
 * JIT code for a dozen matches, and a large run still matches at JIT
 * speed (issue 29). Both copies give the same matches. Static storage
 * (all zero) is an empty one. */
#define ML_RX_JIT_AFTER 64
typedef struct {
	_Atomic(struct pcre2_real_code_8 *) code; /* interpreted */
	_Atomic(struct pcre2_real_code_8 *) jit; /* JIT-compiled, once earned */
	atomic_uint uses;
} ml_regex_lazy;

/* The code to match l's pattern with (PCRE2 options opts), compiled on
 * the first call; NULL when memory ran out (tried again next time) or
 * the pattern does not compile. */
const struct pcre2_real_code_8 *
ml_regex_lazy_code(ml_regex_lazy *l, const char *pattern, uint32_t opts);
/* 1 when l's pattern has been compiled (by any thread). */
int ml_regex_lazy_compiled(ml_regex_lazy *l);
/* 1 when l's JIT copy is in use. */
int ml_regex_lazy_jitted(ml_regex_lazy *l);

/* The per-file budget of this thread: reset it before each file. */
void ml_regex_budget_reset(void);
/* 1 when a match of this file ran out; *what says which pattern (as
 * ml_regex_budget_blame gave it) and *line the article line (0: none);
 * either may be NULL. */
int ml_regex_budget_spent(const char **what, long *line);
/* The caller that got ML_ELIMIT says which pattern it was and where it is
 * defined; only the first call after the budget is spent counts. */
void ml_regex_budget_blame(long line, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
