/* core/inline.h - inline control comments in an article body.
 *
 *   <!-- medlint-disable RULE... -->   ... <!-- medlint-enable RULE... -->
 *   <!-- medlint-disable-next-line RULE... -->
 *   <!-- medlint-disable-line RULE... -->
 *   <!-- medlint-disable-file RULE... -->
 *
 * Rule ids are separated by spaces or commas; no list means every rule.
 * A disable or enable takes effect from the comment's line on; the
 * next-line form covers the line after the comment's end. An unknown
 * rule id or directive is an inline-config warning at the comment, and
 * inline-config itself is never suppressed. */
#ifndef ML_INLINE_H
#define ML_INLINE_H

#include "core/finding.h"

struct ml_document;

typedef struct ml_inline ml_inline;

/* Reads the document's HTML comments (doc may be NULL: nothing is
 * suppressed). inline-config warnings are appended to warnings.
 * Returns ML_OK or ML_ENOMEM. */
int ml_inline_build(const struct ml_document *doc, ml_inline **out,
		    ml_findings *warnings);
/* Removes (and frees) the findings the comments suppress. */
void ml_inline_filter(const ml_inline *in, ml_findings *f);
void ml_inline_free(ml_inline *in);

#endif
