/* report/internal.h - helpers the report writers share (private to
 * report/). */
#ifndef ML_REPORT_INTERNAL_H
#define ML_REPORT_INTERNAL_H

#include <jansson.h>
#include <stddef.h>

#include "core/result.h"
#include "report/report.h"
#include "util/buf.h"

/* uri = path relative to the git top-level above the current folder,
 * RFC 3986-escaped; returns 1, 0 (uri empty) when path lies outside, or
 * the ML_E* of a write uri refused. */
int ml_report_repo_uri(const char *path, ml_buf *uri);

/* sarif.c: the git top-level above the current folder (a .git folder or
 * file), else the current folder; and the lexical absolute form of a
 * path that may not exist. ML_OK or ML_EIO / ML_ELIMIT. */
int report_source_root(char *out, size_t cap);
int report_absolute(const char *path, char *out, size_t cap);

/* notices.c: the SARIF run's "invocations": one invocation whose
 * toolExecutionNotifications are the citation-unverified findings (a
 * registry could not answer). NULL when out of memory. */
json_t *ml_report_sarif_invocations(const ml_file_result *r, size_t n);

/* report.c: "N baseline entries fixed: write the baseline again to
 * remove them" (no final period) appended to b when sum has any; every
 * format words it so. */
void report_baseline_fixed(const ml_summary *sum, ml_buf *b);

#endif
