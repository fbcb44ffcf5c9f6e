/* pipeline/ranges.h - where each finding ends, and its columns as a
 * reader counts them.
 *
 * The rules say where a fault starts (1-based line, byte column). Before a
 * file's result leaves the pipeline, every finding gets an end covering
 * the offending text - the YAML key or value node, the heading, the byline
 * name or credential, the reference part, the link target, the marker -
 * or a zero-width end where something is missing; and its columns in
 * Unicode code points (ucolumn, end_ucolumn), which text, JSON and the
 * other line:column reports print. Byte columns stay for SARIF (UTF-16
 * from the source), the language server and --fix. */
#ifndef ML_RANGES_H
#define ML_RANGES_H

#include "core/article.h"
#include "core/result.h"

/* Ends and code-point columns for res's findings and links, from the
 * article's text and front matter tree. */
void ml_ranges_finish(const ml_article *a, ml_file_result *res);

#endif
