/* rules_family.h - entry points of the rule families in src/rules/ and
 * the few helpers they share.
 *
 * A family reads one ml_article (front matter tree a->fm, body document
 * a->doc, profile, options) and appends findings; it never prints, never
 * exits and reports only what its own data shows: a NULL a->fm or a->doc
 * skips the rules that need it (no cascade). Each returns ML_OK or
 * ML_ENOMEM. */
#ifndef ML_RULES_FAMILY_H
#define ML_RULES_FAMILY_H

#include <stddef.h>

#include "util/buf.h"
#include "core/finding.h"
#include "pipeline/pipeline.h"

/* section-missing, section-order, section-duplicate, section-empty,
 * section-content, driven by the profile's sections (structure.c). */
int ml_check_structure(const ml_article *a, ml_findings *out);

/* reviewer-byline-missing, reviewer-mismatch, reviewer-credential,
 * review-stale, review-future (reviewers.c). */
int ml_check_reviewers(const ml_article *a, ml_findings *out);

/* The reference list and [n] markers, through citation.c
 * (citations.c). */
int ml_check_citations(const ml_article *a, ml_findings *out);

/* The heading index of the article's section for profile section
 * spec_index, or -1 when the article lacks it (structure.c). */
int ml_section_locate(const ml_article *a, size_t spec_index);

/* slug-filename, related-term-missing (files.c). */
int ml_check_files(const ml_article *a, ml_findings *out);

/* ---- the content index (files.c) -------------------------------------
 * The slugs (file names without .md) of every article under the content
 * root, built once before the workers start and then read-only. Hidden
 * folders are skipped; symbolic links are never followed to a folder and
 * count as articles only when they resolve to a file inside the root. */
typedef struct ml_content_index ml_content_index;

int ml_content_index_build(const char *root, ml_content_index **out);
int ml_content_index_has(const ml_content_index *idx, const char *slug,
			 size_t len);
size_t ml_content_index_count(const ml_content_index *idx);
/* Whether "/folder/name.md" (from the root) is a regular Markdown file
 * there: 1 or 0, or -1 while the index has not been walked. */
int ml_content_index_has_file(const ml_content_index *idx, const char *rel);
/* Walk now (a run over many files: lookups then need no system call). */
void ml_content_index_prime(const ml_content_index *idx);
/* The index is walked on first use; 1 when that walk failed. */
int ml_content_index_failed(const ml_content_index *idx);

/* The article's folder, resolved (PATH_MAX bytes into dir), and whether
 * it is inside the content root; NULL for standard input (links.c). */
const char *ml_article_folder(const ml_article *a, char *dir, int *in_root);
/* 1 when NAME SUFFIX is a regular file (not a symbolic link) beside the
 * article, whose folder is inside the content root; 0 when it is not or
 * that cannot be told this cheaply (links.c). */
int ml_sibling_file(const ml_article *a, const char *name, const char *suffix);
void ml_content_index_free(ml_content_index *idx);

/* ---- regular expressions (structure.c) --------------------------------
 * PCRE2, UTF-8. Patterns that do not depend on the article are compiled
 * once per thread and cached; per-article ones (with {term}/{title}
 * expanded) are compiled with ml_regex_new and freed by the caller. */
typedef struct ml_regex ml_regex;

enum {
	ML_RX_CASELESS = 1, /* ignore case */
	ML_RX_WHOLE = 2     /* the match must span the whole subject */
};

const ml_regex *ml_regex_cached(const char *pattern, unsigned flags);
ml_regex *ml_regex_new(const char *pattern, size_t len, unsigned flags,
		       ml_buf *err);
void ml_regex_free(ml_regex *re);
/* 1 on a match, 0 on none, negative on an error. When group is
 * non-NULL it gets capture group 1 (or the whole match if the pattern has
 * no group) as [*group, *group + *glen). */
int ml_regex_match(const ml_regex *re, const char *s, size_t len,
		   size_t *group, size_t *glen);

/* For the profile loader: a section heading pattern compiles once
 * {term} and {title} are expanded. Returns ML_OK or ML_EINVAL with the
 * reason (and offset in the pattern) in err. */
int ml_section_pattern_check(const char *pattern, ml_buf *err);

#endif
