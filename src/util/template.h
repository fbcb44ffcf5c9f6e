/* util/template.h - heading templates: {term} and {title} in a schema's
 * heading pattern, filled in with an article's names. */
#ifndef ML_TEMPLATE_H
#define ML_TEMPLATE_H

#include <stddef.h>

#include "util/buf.h"

/* A name an article gives (its term, its title); s is NULL when the
 * article does not say. */
typedef struct {
	const char *s;
	size_t len;
} ml_name;

enum {
	ML_TEMPLATE_REGEX, /* names regex-escaped; an unknown one matches any text */
	ML_TEMPLATE_TEXT /* names as written; an unknown one stays "{term}" */
};

/* ASCII white space, as the templates and phrase checks count it. */
int ml_is_space(char c);
/* s[0..n) without white space around it; a NULL name when nothing is left. */
ml_name ml_name_trimmed(const char *s, size_t n);
/* pat with {term} and {title} filled in, into out (cleared first). */
int ml_template_expand(const char *pat, ml_name term, ml_name title, int mode,
		       ml_buf *out);
/* 1 when pat names {term} or {title}. */
int ml_template_has_names(const char *pat);
/* 1 when pat has regex syntax beyond anchors and escaped punctuation. */
int ml_template_has_regex(const char *pat);
/* The heading pat asks for, as an editor would write it: anchors and
 * escapes dropped, names filled in; a real regex is shown as /pattern/.
 * scratch is working space. */
int ml_template_human(const char *pat, ml_name term, ml_name title, ml_buf *out,
		      ml_buf *scratch);

#endif
