/* core/typeset.h - content types and languages: which schema governs an
 * article, and in which language its sections are named.
 *
 * The loader (pipeline/load.c) reads the main schema and the schema of
 * each content type once, and attaches them to the main profile here;
 * the pipeline asks ml_profile_choose for each article's profile, so the
 * command line and the language server choose alike. A profile with
 * per-language headings or phrases gets a view per configured language:
 * a copy of its section specs with that language's strings, sharing
 * everything else with it. */
#ifndef ML_TYPESET_H
#define ML_TYPESET_H

#include "core/config_types.h"
#include "core/finding.h"
#include "core/profile.h"
#include "util/buf.h"

typedef struct ml_typeset ml_typeset;

/* Attaches to main the profiles loaded[i] of t->schemas[i] (one profile
 * may appear several times; every one is handed over and freed with
 * main, also on error) and the languages of g (NULL or without
 * languages: none). t and g are borrowed and must outlive main; root is
 * the config's folder. A per-language heading or phrase list that lacks
 * one of g's languages is ML_EINVAL with its location in err. */
int ml_typeset_attach(ml_profile *main, const ml_types_config *t,
		      const ml_language_config *g, const char *root,
		      ml_profile **loaded, ml_buf *err);
void ml_typeset_free(ml_typeset *ts);

/* The profile that governs the article at path with front matter fm
 * (NULL when it has none): its type's (the value of types.key, else
 * types.default, else main) in its language (language.key, else a path
 * segment named like a language, else language.default). ML_OK;
 * ML_ENOMEM; or 1 when the type value names no schema: type-unknown is
 * reported into out and *p is NULL (the article is not checked against
 * any schema). A language value that is not configured is
 * language-unknown, and the default language is used. */
int ml_profile_choose(const ml_profile *main, const ml_node *fm,
		      const char *path, const ml_profile **p, ml_findings *out);

/* The language a view was made for, or NULL. */
const char *ml_profile_lang(const ml_profile *p);

#endif
