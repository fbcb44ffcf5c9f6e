/* util/diff.h - a unified diff of two texts, line by line (--fix --diff).
 *
 * The lines are matched with Myers' O(ND) algorithm after the common head
 * and tail are set aside, so a fix that touches a few lines of a large
 * file costs little. When the two middles differ by more than
 * ML_DIFF_MAX_EDITS lines the middle is shown as removed and added whole:
 * the diff is then not the shortest, but still applies (patch, git apply),
 * and time and memory stay bounded on any input. */
#ifndef ML_DIFF_H
#define ML_DIFF_H

#include <stddef.h>

#include "util/buf.h"
#include "util/common.h"

#define ML_DIFF_CONTEXT 3
#define ML_DIFF_MAX_EDITS 1000

/* Appends to out the unified diff turning a[0..alen) into b[0..blen),
 * with "--- a_name" and "+++ b_name" headers and ML_DIFF_CONTEXT lines of
 * context; nothing when the texts are equal. A last line without a newline
 * is followed by "\ No newline at end of file", as diff(1) writes it.
 * Returns ML_OK, ML_ENOMEM, or what out refused. */
ML_WARN_UNUSED int ml_diff_unified(const char *a_name, const char *b_name,
				   const char *a, size_t alen, const char *b,
				   size_t blen, ml_buf *out);

#endif
