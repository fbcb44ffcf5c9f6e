/* parse/slug.h - GitHub-style heading slugs, for #fragment checks.
 *
 * The base slug follows github-slugger: lowercase, drop everything but
 * letters, digits, marks, spaces, '-' and '_', then each space becomes
 * '-'. Lowercasing and the letter/punctuation split cover ASCII, Latin-1,
 * Latin Extended-A, Greek and Cyrillic; other non-ASCII code points are kept
 * unless they sit in a punctuation, symbol or emoji block. Duplicate
 * headings in one document get -1, -2, ... (ml_slug_set). */
#ifndef ML_SLUG_H
#define ML_SLUG_H

#include <stddef.h>

#include "util/buf.h"
#include "util/urlmap.h"

/* Replace the contents of out with the base slug of text[0..len). */
int ml_heading_slug(const char *text, size_t len, ml_buf *out);

/* The slugs of one document, in heading order. */
typedef struct {
	ml_urlmap seen; /* slug -> occurrences of its base so far */
} ml_slug_set;

void ml_slug_set_init(ml_slug_set *s);
void ml_slug_set_dispose(ml_slug_set *s);
/* Slug the next heading: out gets base, base-1, base-2, ... as GitHub
 * assigns them, and the set remembers it. */
int ml_slug_set_add(ml_slug_set *s, const char *text, size_t len, ml_buf *out);
/* 1 when slug was assigned to a heading of the document. */
int ml_slug_set_has(const ml_slug_set *s, const char *slug);

/* MkDocs: Python-Markdown's toc extension. The base id is its slugify
 * (NFKD folded to ASCII, [^\w\s-] dropped, trimmed, lowercase, runs of
 * spaces and hyphens as one '-'); duplicates get _1, _2 (its unique()). */
int ml_heading_slug_toc(const char *text, size_t len, ml_buf *out);
int ml_slug_set_add_toc(ml_slug_set *s, const char *text, size_t len,
			ml_buf *out);
/* An id given explicitly ({#id}, id="..."): taken as it is. */
int ml_slug_set_add_id(ml_slug_set *s, const char *id, size_t len);

#endif
