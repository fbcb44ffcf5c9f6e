/* lint.h - one article through every check, and the run over many files.
 *
 * Data flows one way: file -> parsed article (front matter tree + body
 * document) -> rule families -> findings. Rule families get a read-only
 * ml_article and append to an ml_findings; they never print or exit. */
#ifndef ML_LINT_H
#define ML_LINT_H

#include <stddef.h>

#include "core/finding.h"
#include "parse/node.h"
#include "core/profile.h"

struct ml_document;
struct ml_content_index;

typedef enum {
	ML_LINKS_OFF,
	ML_LINKS_INTERNAL,
	ML_LINKS_ALL
} ml_links_mode;

/* Options that rule families may read. */
typedef struct {
	const char *content_root; /* absolute, no trailing slash */
	int today_y, today_m, today_d;
	ml_links_mode links;
	/* article slugs under content_root, built once before the workers
	 * start (ml_content_index_build in rules/rules_family.h); NULL
	 * skips related-term-missing */
	const struct ml_content_index *index;
} ml_lint_opts;

typedef struct {
	const char *path;        /* as given on the command line */
	const char *text;        /* the whole file, NUL-terminated */
	size_t len;
	size_t body_offset;      /* byte offset of the body in text */
	int body_line;           /* 1-based line where the body starts */
	const ml_node *fm;       /* front matter mapping; NULL when missing,
				    unparsable or not a mapping */
	int fm_present;          /* a --- block was found */
	const struct ml_document *doc; /* NULL when the body was not parsed */
	const ml_profile *profile;
	const ml_lint_opts *opts;
	int *spec_heading;       /* per profile section: the heading of its
				    first copy or -1; filled by
				    ml_check_structure for later families */
} ml_article;

#endif

/* ---- running over files -------------------------------------------- */

#ifndef ML_LINT_RUN_H
#define ML_LINT_RUN_H

/* A link found in an article, kept for the run-wide external check. */
typedef struct {
	char *url;
	int line, column;
	unsigned long long suppressed; /* bit (1 << rule): disabled here by an
					  inline medlint comment */
} ml_link_ref;

typedef struct {
	char *path;            /* as given */
	ml_findings findings;  /* sorted, severities resolved, "off" removed */
	ml_link_ref *links;    /* external http(s) links, for --links all */
	size_t nlinks, links_cap;
	char *error;           /* the file could not be read: one-line reason */
} ml_file_result;

typedef struct {
	const ml_profile *profile;
	ml_lint_opts opts;
	const ml_severity *severity; /* per rule, ML_RULE__COUNT entries */
	int review_max_age_days;     /* 0 = the profile's */
	int jobs;                    /* worker threads, >= 1 */
} ml_run;

#define ML_MAX_FILE_BYTES ((size_t)16 * 1024 * 1024)

/* Lint one article held in memory (stdin, tests, fuzzing). */
int ml_lint_text(const ml_run *run, const char *path, const char *text,
		 size_t len, ml_file_result *res);
/* Lint n files in parallel; results[i] belongs to paths[i], so output is
 * the same for any number of jobs. */
int ml_lint_files(const ml_run *run, char *const *paths, size_t n,
		  ml_file_result *results);
void ml_file_result_dispose(ml_file_result *res);

#endif
