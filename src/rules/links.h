/* rules/links.h - the link rule family (see links.c). */
#ifndef ML_RULES_LINKS_H
#define ML_RULES_LINKS_H

#include "core/finding.h"
#include "pipeline/pipeline.h"

/* Receives each http(s) link for the run-wide external check. */
typedef int (*ml_link_sink)(void *ctx, const char *url, int line, int column);

/* link-file and link-anchor for relative links; http(s) links go to sink
 * when the run checks external links. */
int ml_check_links(const ml_article *a, ml_findings *out, ml_link_sink sink,
		   void *sink_ctx);

#endif
