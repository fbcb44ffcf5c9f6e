/* core/content.h - the content tree on disk.
 *
 * The only core module that looks at files other than the article being
 * linted: the index of article slugs and paths under the content root,
 * the article's folder and the files beside it, and other articles'
 * heading slugs for other.md#frag links. Built once before the workers
 * start; walked and filled lazily under a lock, then read without one.
 * Hidden folders are skipped; symbolic links are never followed to a
 * folder and count as articles only when they resolve to a file inside
 * the root. */
#ifndef ML_CONTENT_H
#define ML_CONTENT_H

#include <stddef.h>

#include "core/article.h"
#include "util/common.h"

typedef struct ml_content_index ml_content_index;

ML_WARN_UNUSED int ml_content_index_build(const char *root,
					  ml_content_index **out);
/* The article extensions the index counts (core/filelist.h; default md,
 * markdown, mdx). Set before the first lookup; ext must outlive idx. */
void ml_content_index_set_extensions(ml_content_index *idx, char *const *ext,
				     size_t n);
/* The article extensions of the run (the index's, else the defaults). */
char *const *ml_content_extensions(const ml_lint_opts *opts, size_t *n);
void ml_content_index_free(ml_content_index *idx);
int ml_content_index_has(const ml_content_index *idx, const char *slug,
			 size_t len);
size_t ml_content_index_count(const ml_content_index *idx);
/* Whether "/folder/name.md" (from the root; any article extension) is a
 * regular Markdown file
 * there: 1 or 0, or -1 while the index has not been walked. */
int ml_content_index_has_file(const ml_content_index *idx, const char *rel);
/* Walk now (a run over many files: lookups then need no system call). */
void ml_content_index_prime(const ml_content_index *idx);
/* The index is walked on first use; 1 when that walk failed. */
int ml_content_index_failed(const ml_content_index *idx);

/* 1 when the resolved path abs is root itself or inside it. */
int ml_content_inside(const char *root, const char *abs);
/* The article's folder, resolved (PATH_MAX bytes into dir), and whether
 * it is inside the content root; NULL for standard input. */
const char *ml_content_folder(const ml_article *a, char *dir, int *in_root);
/* 1 when NAME SUFFIX is a regular file (not a symbolic link) beside the
 * article, whose folder is inside the content root; 0 when it is not or
 * that cannot be told this cheaply. */
int ml_content_sibling(const ml_article *a, const char *name,
		       const char *suffix);
/* Whether slug (lowercase) is a heading slug of the Markdown file at the
 * resolved path abs, inside the root: 1 or 0; ML_EIO when the file cannot
 * be read, ML_ENOMEM. Each file is read and parsed once per index. */
ML_WARN_UNUSED int ml_content_has_slug(const ml_lint_opts *opts,
				       const char *abs, const char *slug);

/* Documents open in an editor, as the language server holds them: the
 * related-term, relative-link and anchor checks of other articles see
 * these texts before the files on disk (an unsaved buffer, or a new
 * article not yet written). path is absolute with its folder resolved. */
typedef struct {
	const char *path;
	const char *text;
	size_t len;
} ml_overlay_doc;

typedef struct ml_overlay {
	const ml_overlay_doc *docs;
	size_t n;
} ml_overlay;

/* The open document at the resolved path abs, or NULL. */
const ml_overlay_doc *ml_overlay_get(const ml_lint_opts *opts, const char *abs);
/* 1 when an open document inside the content root is named slug with an
 * article extension (slug.md, slug.mdx ...). */
int ml_overlay_has_name(const ml_lint_opts *opts, const char *slug, size_t len);
/* 1 when path (absolute, perhaps not on disk) names an open document;
 * its resolved path is then in abs (PATH_MAX bytes). */
int ml_overlay_resolve(const ml_lint_opts *opts, const char *path, char *abs);
/* Forget what this thread remembers of folders and files beside
 * articles: a long-running server calls it before each lint, since files
 * change between lints (a run's files do not). */
void ml_content_forget(void);

#endif
