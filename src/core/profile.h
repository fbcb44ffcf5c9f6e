/* core/profile.h - the article schema file (schemas/article.schema.yaml),
 * compiled once per run and shared read-only by every worker thread.
 *
 *   frontmatter:          a JSON Schema (draft 2020-12) -> schema.c
 *   sections:             ordered section specs          -> structure rules
 *   byline:               PCRE2 pattern of the reviewers line
 *   credentials:          allow-list of reviewer credentials
 *   review_max_age_days:  review-stale threshold (default 730)
 *   proper_nouns:         words citation-case accepts capitalised
 */
#ifndef ML_PROFILE_H
#define ML_PROFILE_H

#include <stddef.h>

#include "parse/node.h"
#include "util/buf.h"

struct ml_schema;

typedef enum {
	ML_ORDER_NONE,
	ML_ORDER_CITATION,
	ML_ORDER_ALPHABETICAL
} ml_cite_order;

typedef struct {
	const char *id;
	const char *heading; /* PCRE2 pattern source, {term}/{title} unexpanded */
	int level;	     /* 1..6; 0 = any */
	int required;
	int min_words; /* 0 = no minimum */
	const char **must_contain;
	size_t nmust_contain;
	int citations_apa7; /* the reference list lives here */
	ml_cite_order order;
	int line, column; /* where the spec is in the schema file */
} ml_section_spec;

typedef struct ml_profile {
	char *path;
	ml_tree *tree;		       /* owns every string below */
	struct ml_schema *frontmatter; /* NULL when the file has none */
	ml_section_spec *sections;
	size_t nsections;
	const char *byline; /* NULL = no byline check */
	const char **credentials;
	size_t ncredentials;
	int review_max_age_days;
	const char **proper_nouns;
	size_t nproper_nouns;
} ml_profile;

/* Load and compile. On error returns non-zero and writes a one-line
 * reason with file:line:col into err. */
int ml_profile_load(const char *path, ml_profile **out, ml_buf *err);
void ml_profile_free(ml_profile *p);

#endif
