/* pipeline/extlinks.h - the run-wide external link phase (--links all).
 *
 * Articles are linted in parallel first; their http(s) links are then
 * checked together, so each distinct URL is fetched once per run however
 * many articles cite it, and its finding is reported at every place it
 * appears. */
#ifndef ML_EXTLINKS_H
#define ML_EXTLINKS_H

#include "core/result.h"
#include "links/linkcheck.h"
#include "util/buf.h"

/* Check every link of results[0..n) and append link-* findings to the
 * results (severities from `severity`, then re-sorted). *checked is the
 * number of distinct URLs. Warnings (a damaged cache) go to warnings. */
int ml_extlinks_check(const ml_link_opts *opts, const ml_severity *severity,
		      ml_file_result *results, size_t n, size_t *checked,
		      ml_buf *warnings, ml_buf *err);

#endif
