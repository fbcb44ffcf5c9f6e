/* core/filelist.h - which files a run lints: walking folders, include/exclude
 * globs, the content root, and --shard slices. */
#ifndef ML_FILES_H
#define ML_FILES_H

#include <stddef.h>

#include "util/buf.h"

struct ml_path_chunk;

typedef struct {
	/* as they will be reported, sorted, unique; the strings are the
	 * list's (in chunks of a few pages, freed with it), never freed one
	 * by one */
	char **paths;
	size_t n, cap;
	struct ml_path_chunk *chunks;
	/* files a walk or glob passed over for their kind: a Markdown-family
	 * name (notes.markdown) or one an include glob names, whose
	 * extension is not an article extension; the first one found */
	size_t skipped_kind;
	char *skipped_example;
} ml_file_list;

typedef struct {
	const char *root;     /* absolute; globs match paths relative to it */
	char *const *include; /* applies to every path, walked or named */
	size_t ninclude;
	char *const *exclude;
	size_t nexclude;
	/* article extensions without the dot (md, mdx); none: the
	 * defaults, ml_default_extensions */
	char *const *ext;
	size_t next;
} ml_select;

/* md, markdown, mdx */
extern const char *const ml_default_extensions[];
extern const size_t ml_default_nextensions;

/* 1 when name (a path or file name) ends in one of the extensions
 * (ASCII case aside); ext NULL or n 0: the defaults. */
int ml_ext_is_article(char *const *ext, size_t n, const char *name);
/* The article extension of name, with its dot (".mdx"), or ".md" when it
 * has none of them: what a message suggests a renamed file ends in. */
const char *ml_ext_of(const char *name);
/* "*.md, *.markdown, *.mdx" for messages. */
int ml_ext_list(char *const *ext, size_t n, ml_buf *out);

/* Add a file or walk a folder (article extensions, skipping hidden folders, symbolic
 * links and node_modules). A missing path, one that is neither a file nor
 * a folder (a FIFO, a device), a folder that cannot be read and folders
 * nested more than 64 deep are errors with a reason in err. */
int ml_files_add(ml_file_list *l, const char *path, const ml_select *sel,
		 ml_buf *err);
/* 1 when path, its symbolic links followed (a dangling one too), lands
 * outside sel->root: such a path is never read, and whether it exists
 * is not told. */
int ml_files_outside(const ml_select *sel, const char *path);
/* Walk the root with the include globs (default: every article). */
int ml_files_add_root(ml_file_list *l, const ml_select *sel, ml_buf *err);
/* Expand a glob ('**' spans folders) into the articles it matches. */
int ml_files_add_glob(ml_file_list *l, const char *pattern,
		      const ml_select *sel, ml_buf *err);
/* 1 when the config's include/exclude take this path as an article. */
int ml_files_wanted(const ml_select *sel, const char *path);
/* 1 when s has a wildcard ('*', '?' or '['). */
int ml_is_glob(const char *s);
/* Sort and drop duplicates. */
void ml_files_finish(ml_file_list *l);
void ml_files_dispose(ml_file_list *l);

/* Path of `path` relative to `root` when inside it, else NULL (malloc'd). */
char *ml_path_relative(const char *root, const char *path);
/* Common parent folder of the given paths (absolute, malloc'd): of each,
 * the deepest folder reached without following a symbolic link, so that
 * a named link never moves the root to where it points. */
char *ml_common_root(const char *const *paths, size_t n);
/* Keep only the K-th (1-based) of N slices, by a hash of the path
 * relative to root: stable across machines and checkouts. */
void ml_files_shard(ml_file_list *l, const char *root, unsigned k, unsigned n);

#endif
