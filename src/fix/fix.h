/* fix/fix.h - the fixer, below both front ends: the safe rewrites that
 * findings carry (fix_offset, fix_len, fix_text) plus trailing whitespace
 * in front matter lines, and the atomic replacement of the file (--fix);
 * the language server offers the same rewrites as quick fixes. It sits
 * above report/ (its list is the report's ml_fixed_item).
 *
 * A file with a frontmatter-syntax or file-invalid finding is never
 * touched: its findings cannot be trusted to point at the right bytes. */
#ifndef ML_FIX_H
#define ML_FIX_H

#include <stddef.h>

#include "core/finding.h"
#include "core/result.h"
#include "report/report.h"
#include "util/buf.h"

typedef struct {
	ml_fixed_item *items; /* path, message owned by the list */
	size_t len, cap;
} ml_fix_list;

void ml_fix_list_init(ml_fix_list *l);
void ml_fix_list_dispose(ml_fix_list *l);

/* 1 when the findings forbid rewriting the file. */
int ml_fix_forbidden(const ml_findings *f);

/* Applies, to text[0..len), the fixes of the findings and the removal of
 * trailing blanks in front matter lines (only where the YAML means the same
 * afterwards). Edits are taken in offset order; one overlapping an earlier
 * edit is left for a later pass. The new text goes to out, one item per
 * applied edit to done (path as given). Returns ML_OK or ML_ENOMEM. */
int ml_fix_text(const char *path, const char *text, size_t len,
		const ml_findings *f, ml_buf *out, ml_fix_list *done);

/* Replaces the file at path with data: a temporary file in the same
 * folder, written, fsync'd, given the original's mode, renamed over the
 * original and the folder fsync'd, so that a crash at any moment leaves the
 * old file or the new one. A symlink is followed (the target is replaced)
 * only when the target is inside root (when root is not NULL) and a
 * regular file; else nothing is written and ML_EINVAL is returned.
 * expect_size/expect_mtime_ns: the file as it was read; when it changed
 * since, nothing is written and ML_EINVAL is returned. */
int ml_fix_write_atomic(const char *path, const char *root, const char *data,
			size_t len, long long expect_size,
			long long expect_mtime_ns, ml_buf *err);

/* Lints text[0..len) as the file at path into *res (which the caller
 * disposes): the pipeline's ml_lint_text behind ctx. */
typedef int (*ml_fix_lint_fn)(void *ctx, const char *path, const char *text,
			      size_t len, ml_file_result *res);

/* Reads path, lints it with lint, applies fixes (repeating while a pass
 * changes something, a few times at most) and writes the result back
 * atomically when it differs. Appends what was fixed to done. A file that
 * cannot be fixed safely is left alone. Returns ML_OK, ML_ENOMEM, or
 * ML_EIO / ML_EINVAL with a one-line reason in err. */
ML_WARN_UNUSED int ml_fix_file(ml_fix_lint_fn lint, void *ctx, const char *path,
			       const char *root, ml_fix_list *done,
			       ml_buf *err);

/* As ml_fix_file, but nothing is written: the change --fix would make is
 * appended to diff as a unified diff (a/PATH, b/PATH, as git diff writes
 * it). A file that would not change adds nothing. */
ML_WARN_UNUSED int ml_fix_file_diff(ml_fix_lint_fn lint, void *ctx,
				    const char *path, ml_fix_list *done,
				    ml_buf *diff, ml_buf *err);

#endif
