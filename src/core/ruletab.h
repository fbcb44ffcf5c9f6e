/* core/ruletab.h - the rule table: id, default severity, summary and help text.
 *
 * This is the single source for --list-rules, --explain, SARIF rule
 * metadata and config validation. Rule ids are a stable public contract
 * (SPEC.md): never rename one. */
#ifndef ML_RULETAB_H
#define ML_RULETAB_H

typedef enum {
	ML_SEV_OFF = 0,
	ML_SEV_WARNING = 1,
	ML_SEV_ERROR = 2
} ml_severity;

typedef enum {
	/* front matter */
	ML_RULE_FRONTMATTER_MISSING,
	ML_RULE_FRONTMATTER_SYNTAX,
	ML_RULE_FRONTMATTER_SCHEMA,
	ML_RULE_SLUG_FILENAME,
	ML_RULE_RELATED_TERM_MISSING,
	/* sections */
	ML_RULE_SECTION_MISSING,
	ML_RULE_SECTION_ORDER,
	ML_RULE_SECTION_EMPTY,
	ML_RULE_SECTION_DUPLICATE,
	ML_RULE_SECTION_CONTENT,
	/* reviewers */
	ML_RULE_REVIEWER_BYLINE_MISSING,
	ML_RULE_REVIEWER_MISMATCH,
	ML_RULE_REVIEWER_CREDENTIAL,
	ML_RULE_REVIEW_STALE,
	ML_RULE_REVIEW_FUTURE,
	/* citations */
	ML_RULE_CITATION_AUTHOR,
	ML_RULE_CITATION_DATE,
	ML_RULE_CITATION_TITLE,
	ML_RULE_CITATION_SOURCE,
	ML_RULE_CITATION_DOI,
	ML_RULE_CITATION_IDENTIFIER,
	ML_RULE_CITATION_PUNCTUATION,
	ML_RULE_CITATION_UNDEFINED,
	ML_RULE_CITATION_DUPLICATE,
	ML_RULE_CITATION_UNUSED,
	ML_RULE_CITATION_ORDER,
	ML_RULE_CITATION_CASE,
	ML_RULE_CITATION_STYLE,
	/* reference verification (--verify-refs) */
	ML_RULE_CITATION_UNRESOLVED,
	ML_RULE_CITATION_MISMATCH,
	ML_RULE_CITATION_RETRACTED,
	ML_RULE_CITATION_UPDATED,
	ML_RULE_CITATION_UNVERIFIED,
	/* links */
	ML_RULE_LINK_BROKEN,
	ML_RULE_LINK_PRIVATE,
	ML_RULE_LINK_FILE,
	ML_RULE_LINK_ANCHOR,
	ML_RULE_LINK_TIMEOUT,
	ML_RULE_LINK_BLOCKED,
	ML_RULE_LINK_RATE_LIMITED,
	ML_RULE_LINK_REDIRECT,
	ML_RULE_LINK_INSECURE,
	/* prose (each its own family: rules/readability.c, claims.c,
	 * wording.c, citeage.c) */
	ML_RULE_READABILITY,
	ML_RULE_CLAIM_UNCITED,
	ML_RULE_WORDING,
	ML_RULE_CITATION_AGE,
	/* the file itself and inline control comments */
	ML_RULE_FILE_INVALID,
	ML_RULE_FILE_TOO_COMPLEX,
	ML_RULE_INLINE_CONFIG,
	/* content types and languages (core/typeset.c) */
	ML_RULE_TYPE_UNKNOWN,
	ML_RULE_LANGUAGE_UNKNOWN,
	ML_RULE__COUNT
} ml_rule;

typedef struct {
	const char *id;
	ml_severity severity; /* default; off: on only when a config says */
	const char *summary;  /* one line */
	const char *help;     /* what it checks and how to fix it */
} ml_rule_info;

const ml_rule_info *ml_rule_info_get(ml_rule rule);
/* The rule with this id, or -1. */
int ml_rule_lookup(const char *id);
const char *ml_severity_name(ml_severity sev);
/* "off", "warning" or "error" to a severity; -1 when none of them. */
int ml_severity_parse(const char *s);

#endif
