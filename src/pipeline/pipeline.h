/* pipeline/pipeline.h - one article through every check, and the run over
 * many files.
 *
 * Data flows one way: file -> parsed article (front matter tree, body
 * document, section locations) -> the family table -> findings -> result.
 * The families get a read-only ml_article; they never print or exit. */
#ifndef ML_PIPELINE_H
#define ML_PIPELINE_H

#include <stddef.h>

#include "core/article.h"
#include "core/profile.h"
#include "core/result.h"
#include "core/ruletab.h"
#include "util/common.h"

typedef struct {
	const ml_profile *profile;
	ml_lint_opts opts;
	const ml_severity *severity; /* per rule, ML_RULE__COUNT entries */
	int jobs;		     /* worker threads, >= 1 */
} ml_run;

/* Lint one article held in memory (stdin, tests, fuzzing). */
ML_WARN_UNUSED int ml_lint_text(const ml_run *run, const char *path,
				const char *text, size_t len,
				ml_file_result *res);
/* Lint n files in parallel; results[i] belongs to paths[i], so output is
 * the same for any number of jobs. */
ML_WARN_UNUSED int ml_lint_files(const ml_run *run, char *const *paths,
				 size_t n, ml_file_result *results);

#endif
