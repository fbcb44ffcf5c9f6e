/* core/config_types.h - the `types:` and `language:` blocks of
 * .medlint.yaml: which schema governs an article by a front-matter value
 * (its content type), and how an article's language is told.
 *
 *   types:
 *     key: type                      # the front-matter key naming the type
 *     schemas: {guide: schemas/guide.yaml, post: schemas/post.yaml}
 *     default: guide                 # optional: articles without the key
 *   language:
 *     key: lang                      # optional front-matter key
 *     path_segment: true             # or a folder named like a language
 *     default: en
 *     languages: [en, ru, hi]
 *
 * Schema paths are relative to the config's folder and confined to the
 * repository (util/trust.h) when the config is read. */
#ifndef ML_CONFIG_TYPES_H
#define ML_CONFIG_TYPES_H

#include <stddef.h>

#include "parse/node.h"
#include "util/buf.h"

typedef struct {
	char *name; /* the front-matter value */
	char *path; /* absolute, inside the repository */
	char *at;   /* "FILE:LINE:COL" of the path in the config */
} ml_type_entry;

typedef struct {
	char *key; /* NULL: no content types */
	ml_type_entry *schemas;
	size_t nschemas;
	char *def; /* a name of schemas, or NULL: the main schema */
} ml_types_config;

typedef struct {
	char **languages; /* none: no language handling */
	size_t nlanguages;
	char *key;	  /* front-matter key, or NULL */
	int path_segment; /* a path segment named like a language */
	char *def;	  /* the language when nothing says; languages[0] */
	char *at;	  /* "FILE:LINE:COL" of the block */
} ml_language_config;

/* Reads k: v of the config file `file` (folder root) when k is `types`
 * or `language`: 1 when k is neither, else ML_OK or ML_ECONFIG with a
 * located one-line reason in err. */
int ml_config_types_key(ml_types_config *t, ml_language_config *lang,
			const char *file, const char *root, const ml_node *k,
			const ml_node *v, ml_buf *err);
void ml_config_types_dispose(ml_types_config *t, ml_language_config *lang);

#endif
