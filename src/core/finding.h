/* core/finding.h - one diagnostic and the growable list that collects them.
 *
 * Positions are 1-based lines and columns (columns count bytes, like
 * cmark-gfm and GCC); the end is exclusive. Reports print ucolumn and
 * end_ucolumn, the same columns in Unicode code points, which the
 * pipeline fills last (pipeline/ranges.h). Conversion from libyaml's 0-based marks happens
 * once, in frontmatter.c. A finding may carry a safe fix: replace
 * fix_len bytes at byte offset fix_offset of the file with fix_text. */
#ifndef ML_FINDING_H
#define ML_FINDING_H

#include <stdarg.h>
#include <stddef.h>

#include "core/ruletab.h"
#include "util/common.h"

typedef struct {
	ml_rule rule;
	ml_severity severity; /* resolved from the config by the pipeline */
	int line, column;
	int end_line,
		end_column; /* 0 when unknown: reporters use line/column */
	int ucolumn, end_ucolumn; /* code points; 0 when not yet known */
	char *message;
	long fix_offset; /* -1 when there is no fix */
	size_t fix_len;
	char *fix_text;
	size_t seq; /* insertion order: the last sort key, so sorting is stable */
	int at_most_warning; /* a form that may be right: the config's error
				for the rule is a warning for this finding */
	int fix_suggestion;  /* the fix is an editor's quick fix only:
			       --fix leaves it (a wording replacement that
			       is not unambiguous) */
	int at_least_error;  /* the schema says this one is an error (a
			       wording entry with level: error) when the
			       rule is on */
	int baselined;	     /* --baseline accepted it: counted by no summary,
			  shown only by SARIF (baselineState unchanged) */
	size_t detail;	     /* 0, or where the keyword and the keyword's own
			  message start in the message's block (the
			  schema worded the message: ml_finding_set_detail) */
} ml_finding;

typedef struct {
	ml_finding *items;
	size_t len;
	size_t cap;
} ml_findings;

/* A message's bytes at most: longer ones are cut, saying so. Control
 * characters in a message are escaped when it is made (util/utf8.h), so
 * every format shows them as text. */
#define ML_MESSAGE_MAX ((size_t)4096)

void ml_findings_init(ml_findings *f);
void ml_findings_dispose(ml_findings *f);
/* Append a finding with a printf-style message. Returns the new finding
 * (to set end positions or a fix) or NULL when out of memory. */
ML_WARN_UNUSED ml_finding *ml_findings_add(ml_findings *f, ml_rule rule,
					   int line, int column,
					   const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
ML_WARN_UNUSED ml_finding *ml_findings_vadd(ml_findings *f, ml_rule rule,
					    int line, int column,
					    const char *fmt, va_list ap);
/* The same, for callers that only pass the result up: ML_OK or
 * ML_ENOMEM. */
ML_WARN_UNUSED int ml_findings_report(ml_findings *f, ml_rule rule, int line,
				      int column, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Attach a safe fix to a finding. Returns 0 or ML_ENOMEM. */
ML_WARN_UNUSED int ml_finding_set_fix(ml_finding *fd, long offset, size_t len,
				      const char *text);
/* A frontmatter-schema finding the schema worded itself (errorMessage,
 * description) keeps the failing keyword and the message the keyword
 * alone gives, for the JSON and SARIF properties. Stored after the
 * message in its one allocation, so it is freed with it. ML_OK or
 * ML_ENOMEM (the finding unchanged). */
ML_WARN_UNUSED int ml_finding_set_detail(ml_finding *fd, const char *keyword,
					 const char *raw);
/* Those two, or NULL when the finding has none. */
const char *ml_finding_keyword(const ml_finding *f);
const char *ml_finding_raw(const ml_finding *f);
/* The code-point columns reports print (byte columns until the pipeline
 * has counted them). */
int ml_finding_ucol(const ml_finding *f);
int ml_finding_end_ucol(const ml_finding *f);
/* Stable sort by line, column, rule. */
void ml_findings_sort(ml_findings *f);

#endif
