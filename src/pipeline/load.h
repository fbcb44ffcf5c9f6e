/* pipeline/load.h - the config and the schema that govern a file: the one
 * loader of the command line and the language server.
 *
 * A file is governed by the nearest .medlint.yaml from its folder upward
 * (or the one named with -c) and by a schema: --schema, else the config's
 * `schema:`, else schemas/article.schema.yaml in the file's folder (for
 * the command line, the current folder), else the same beside the config,
 * else the default compiled into medlint. The config's rule options
 * (review-stale max_age_days, citation-case proper_nouns, citation-source
 * double_hyphen_dash) are applied to the profile here and nowhere else;
 * its links: and verify: settings travel in the ml_config. */
#ifndef ML_LOAD_H
#define ML_LOAD_H

#include <stddef.h>

#include "core/config.h"
#include "core/profile.h"
#include "util/buf.h"
#include "util/common.h"

typedef struct {
	const char *config; /* -c FILE: this config, none looked for */
	const char *schema; /* --schema FILE: this schema */
	int verify_refs;    /* --verify-refs: the verification rules run */
	/* where schemas/article.schema.yaml is looked for after the config's
	 * folder: the command line's current folder ("."); NULL: the file's */
	const char *schema_dir;
} ml_load_opts;

/* What governs one file: its config (the nearest .medlint.yaml from the
 * file's folder up to the repository root, or -c) with the overrides
 * whose files: match it applied, and the schema that config names. Files
 * that share an entry are linted together. */
typedef struct {
	ml_config cfg;
	ml_profile *profile; /* NULL when error is set */
	char *error;	     /* every mistake, one line each, or NULL */
	char *schema;	     /* the schema file, NULL: built into medlint */
	const char *schema_origin; /* why that schema (static text) */
	size_t id;		   /* entries numbered as first met */
	size_t config_id;	   /* the same for their configs (0: none) */
	/* content types (types:) resolve from here: a schema per value */
	void *typed;
} ml_load_entry;

/* The loader of a run (or of a language server's folder): configs found
 * per folder and loaded once, entries made once per (config, overrides). */
typedef struct ml_loader ml_loader;

ML_WARN_UNUSED int ml_loader_new(const ml_load_opts *o, ml_loader **out);
void ml_loader_free(ml_loader *ld);
/* The entry of the file at path (which need not exist). NULL only when out
 * of memory or path is too long; an entry whose config or schema has
 * mistakes carries them in ->error. */
const ml_load_entry *ml_loader_entry(ml_loader *ld, const char *path);
/* The same for path known to name a file (a walk's): no system call
 * unless its folder is new. */
const ml_load_entry *ml_loader_file_entry(ml_loader *ld, const char *path);
/* The config file governing folder dir, or NULL (cached per folder). */
const char *ml_loader_config_of(ml_loader *ld, const char *dir);
/* Every entry made so far, in the order met. */
size_t ml_loader_count(const ml_loader *ld);
const ml_load_entry *ml_loader_at(const ml_loader *ld, size_t i);
/* The mistakes of every entry, each line once, into out. 1 when any. */
int ml_loader_errors(const ml_loader *ld, ml_buf *out);
/* The overrides of every config met that none of the n entries used_by
 * (those of the run's articles) applies, one line each ("CONFIG:LINE:COL:
 * override N (files: ...) matches no article of this run"), into out.
 * 1 when any: a glob with a typo would otherwise leave its rules
 * silently unapplied. */
int ml_loader_unused_overrides(const ml_loader *ld,
			       const ml_load_entry *const *used_by, size_t n,
			       ml_buf *out);

/* The folder that governs path: path itself when it is a folder, else
 * the folder it is in (which need not exist: a new article). buf (n
 * bytes) holds the result; NULL when it does not fit. */
const char *ml_load_folder(const char *path, char *buf, size_t n);

/* The config for the files in dir: o->config, else .medlint.yaml found
 * from dir upward, else the defaults. cfg is initialised either way (the
 * caller disposes it); non-zero with a one-line reason in err. */
ML_WARN_UNUSED int ml_load_config(const char *dir, const ml_load_opts *o,
				  ml_config *cfg, ml_buf *err);

/* The schema file for the files in dir and why it is that one (origin),
 * or NULL for the default compiled into medlint. buf (n bytes) may hold
 * the path. */
const char *ml_load_schema_path(const char *dir, const ml_load_opts *o,
				const ml_config *cfg, const char **origin,
				char *buf, size_t n);

/* The config's rule options (review-stale max_age_days, citation-case
 * proper_nouns, citation-source double_hyphen_dash), which override the
 * schema's: p borrows cfg's lists. */
void ml_load_rule_options(const ml_config *cfg, ml_profile *p);

/* That schema, loaded, with cfg's rule options applied, and checked: every
 * rule that is on must be able to run under it. The profile borrows
 * cfg's lists: cfg must outlive it. Non-zero with one line in err. */
ML_WARN_UNUSED int ml_load_profile(const char *dir, const ml_load_opts *o,
				   const ml_config *cfg, ml_profile **out,
				   ml_buf *err);

/* Both for path (a file or a folder, as ml_load_folder): cfg is
 * initialised and *out set or NULL either way; the caller disposes both.
 * Non-zero with a one-line reason in err. */
ML_WARN_UNUSED int ml_load_profile_for(const char *path, const ml_load_opts *o,
				       ml_config *cfg, ml_profile **out,
				       ml_buf *err);

#endif
