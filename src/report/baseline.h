/* report/baseline.h - fingerprints of findings and the baseline file
 * (--write-baseline, --baseline).
 *
 * A fingerprint names a finding so that it survives lines moving and
 * edits elsewhere in its file: a hash of the rule, the file's path
 * relative to the repository (the git top-level above the current
 * folder), and the normalised text the finding covers, with the
 * occurrence among equal keys of the file after a colon, like SARIF's
 * partialFingerprints (which carry the same value). The baseline file is
 * JSON: {"medlint_baseline": 1, "fingerprint": "medlint/v2", "entries":
 * [{"file", "rule", "fingerprint", "message"}...]}, the message for the
 * reader only. It may come from the repository, so it is read with
 * limits on its size and its entries. */
#ifndef ML_BASELINE_H
#define ML_BASELINE_H

#include <stddef.h>

#include "core/result.h"
#include "util/buf.h"
#include "util/common.h"

/* "0123456789abcdef:N" and its NUL, with room for N. */
#define ML_FP_SIZE 32
/* The key under SARIF partialFingerprints, also named in the file. */
#define ML_FP_KEY "medlint/v2"
/* A baseline file larger than this, or with more entries, is refused;
 * so is one with more JSON values than entries need (counted before it
 * is parsed), so that the parsed tree stays within a few hundred MiB. */
#define ML_BASELINE_MAX_BYTES ((size_t)32 * 1024 * 1024)
#define ML_BASELINE_MAX_ENTRIES ((size_t)200000)
#define ML_BASELINE_MAX_VALUES (ML_BASELINE_MAX_ENTRIES * 12)

/* out = s[0..n) with each run of whitespace one space, none at either
 * end; at most the first 1024 bytes of s count (linear on any line). */
ML_WARN_UNUSED int ml_fp_normalise(ml_buf *out, const char *s, size_t n);
/* out = msg normalised, each run of digits one '#': the key of a
 * finding with no text to stand on ("line 12" and "line 32" agree). */
ML_WARN_UNUSED int ml_fp_message(ml_buf *out, const char *msg);
/* The fingerprints of f's items, in order, into fp[0..f->len): file is
 * the name fingerprints use (ml_fp_path); text the file's bytes, NULL
 * when it cannot be read (then every key is the message's). A finding's
 * key is the text of its span (its first 1024 bytes), else of its line,
 * else its message. ML_OK or ML_ENOMEM. */
ML_WARN_UNUSED int ml_fp_compute(const ml_findings *f, const char *file,
				 const char *text, size_t len,
				 char (*fp)[ML_FP_SIZE]);
/* out = path relative to root (a folder, absolute) when inside it, else
 * path as given. */
ML_WARN_UNUSED int ml_fp_path(const char *path, const char *root, ml_buf *out);
/* The root fingerprints' paths are relative to (report_source_root). */
ML_WARN_UNUSED int ml_fp_root(char *out, size_t cap);
/* The fingerprints of one result, its file read again. */
ML_WARN_UNUSED int ml_fp_result(const ml_file_result *r, const char *root,
				ml_buf *file, char (*fp)[ML_FP_SIZE]);

typedef struct ml_baseline ml_baseline;

/* Writes every finding of r[0..n) to path, replaced whole or not at all.
 * ML_OK; ML_ELIMIT when it would pass ML_BASELINE_MAX_BYTES; ML_EIO with
 * *err the errno; ML_EINVAL when path is not a regular file. *count gets
 * the number of entries. */
ML_WARN_UNUSED int ml_baseline_write(const char *path, const ml_file_result *r,
				     size_t n, size_t *count, int *err);
/* Reads a baseline. A file that is not one, malformed or too large is
 * ML_EINVAL (ML_EIO, ML_ELIMIT) with one line in err naming it. */
ML_WARN_UNUSED int ml_baseline_load(const char *path, ml_baseline **out,
				    ml_buf *err);
void ml_baseline_free(ml_baseline *b);
/* Marks each finding of r[0..n) that the baseline holds as baselined,
 * and removes it unless keep (SARIF keeps them, suppressed). *fixed gets
 * the entries of the files in r that matched no finding: fixed, and
 * removable from the baseline. ML_OK or ML_ENOMEM. */
ML_WARN_UNUSED int ml_baseline_apply(ml_baseline *b, ml_file_result *r,
				     size_t n, int keep, size_t *fixed);
/* Removes from fs, freeing them, the findings whose keep[i] is 0 (keep
 * has fs->len items), keeping the order of the rest. --new-only and
 * --baseline narrow the results with it. */
void ml_baseline_filter(ml_findings *fs, const unsigned char *keep);

#endif
