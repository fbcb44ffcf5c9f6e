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

/* Takes file i's result (its findings may be moved out); what is left is
 * disposed after the call. Called in file order, by one thread at a time.
 * Non-zero stops the run and is returned. */
typedef int (*ml_lint_sink)(void *ctx, size_t i, ml_file_result *res);
/* Lint n files in parallel, file i with runs[i], handing each result to
 * sink in file order as soon as the files before it are done: memory
 * holds a bounded window of results (a few per job), whatever n is. */
ML_WARN_UNUSED int ml_lint_stream(const ml_run *const *runs, char *const *paths,
				  size_t n, int jobs, ml_lint_sink sink,
				  void *ctx);

#endif
