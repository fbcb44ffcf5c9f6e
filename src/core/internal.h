/* core/internal.h - private to core/: the prose rules' part of the
 * schema loader (prose_schema.c), called by profile.c. */
#ifndef ML_CORE_INTERNAL_H
#define ML_CORE_INTERNAL_H

#include "core/profile.h"
#include "parse/node.h"
#include "util/buf.h"

/* Defaults: readability smog, grade 8, 300 words; the shipped wording
 * entries. ML_OK, ML_ENOMEM or ML_EINVAL. */
int ml_prose_profile_init(ml_profile *p, ml_buf *err);
/* Drops the wording entries (and the defaults' tree). */
void ml_prose_profile_reset(ml_profile *p);
/* One top-level key of the schema file: ML_OK, ML_EINVAL with
 * "file:line:col: reason" in err, ML_ENOMEM, or 1 when k is not one of
 * readability, claims, wording, citation_max_age_years,
 * citation_age_allow. */
int ml_prose_profile_key(ml_profile *p, const char *file, const ml_node *k,
			 const ml_node *v, ml_buf *err);

/* core/typeset.c: a per-language map of a section key of the schema
 * (heading: {en: ..., ru: ...}; must_contain: {en: [...], ...} when
 * phrases): checked, *map set, and *first the first language's heading.
 * ML_OK or ML_EINVAL with a located reason in err. */
int ml_profile_lang_map(ml_profile *p, const char *file, const ml_node *k,
			const ml_node *v, int phrases, const ml_node **map,
			const char **first, ml_buf *err);
/* The strings of seq (checked by ml_profile_lang_map) as an array in
 * p's tree. */
int ml_profile_lang_phrases(ml_profile *p, const ml_node *seq,
			    const char ***out, size_t *n);

#endif
