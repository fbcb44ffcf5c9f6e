/* util/hunks.h - the lines a unified diff adds or changes, file by file.
 *
 * `git diff --unified=0` output is read as it streams: only the "+++"
 * path of each file and its hunk headers are kept; hunk bodies are
 * counted off by the header's line counts, so an added line that itself
 * starts with "++ " or "@@" is never taken for a header. A line is kept
 * only up to ML_HUNKS_LINE_MAX bytes, so memory is bounded whatever the
 * diff holds. */
#ifndef ML_HUNKS_H
#define ML_HUNKS_H

#include <stddef.h>

#include "util/buf.h"
#include "util/common.h"

#define ML_HUNKS_LINE_MAX ((size_t)8192)

typedef struct {
	/* A file's new path (the "b/" prefix taken off, C quoting undone);
	 * returns an index >= 0 whose ranges the caller wants, or -1. */
	long (*file)(void *ctx, const char *path);
	/* Lines first..last (1-based, new side) of file idx changed. A
	 * hunk that only deletes names the line after the deletion. */
	int (*range)(void *ctx, long idx, int first, int last);
	void *ctx;
	/* the parser's state */
	ml_buf line;
	long cur;		 /* the file being read, or -1 */
	long old_left, new_left; /* hunk body lines still to come */
	int rc;			 /* the first error, sticky */
} ml_hunks_parser;

void ml_hunks_init(ml_hunks_parser *p, long (*file)(void *, const char *),
		   int (*range)(void *, long, int, int), void *ctx);
/* Feed the next bytes of the diff. ML_OK or the first error (a callback's
 * or ML_ENOMEM), which every later call returns too. */
ML_WARN_UNUSED int ml_hunks_feed(ml_hunks_parser *p, const char *data,
				 size_t n);
/* The last line, when the diff does not end with a newline. */
ML_WARN_UNUSED int ml_hunks_finish(ml_hunks_parser *p);
void ml_hunks_dispose(ml_hunks_parser *p);

/* out = a path as git prints it: "b/x" or "\"b/x\\tb\"" (C quoting)
 * unquoted, with prefix (e.g. "b/") removed. 1 when it had the prefix,
 * 0 when not (out is then empty), or ML_E*. */
ML_WARN_UNUSED int ml_hunks_path(const char *s, size_t n, const char *prefix,
				 ml_buf *out);

#endif
