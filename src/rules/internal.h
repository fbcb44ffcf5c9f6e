/* rules/internal.h - private to rules/: the article's prose as plain text
 * (prose.c), for readability, claim-uncited and wording, and the
 * reference list as citations.c finds it, for citation-age. */
#ifndef ML_RULES_INTERNAL_H
#define ML_RULES_INTERNAL_H

#include <stddef.h>

#include "cite/citation.h"
#include "core/article.h"
#include "util/buf.h"
#include "util/common.h"

/* One block of prose (a heading, or a paragraph of the body, a list item
 * or a block quote): text[start .. end) of the prose text. */
typedef struct {
	size_t start, end;
	int section;	/* heading index of its section, or -1 */
	int para;	/* paragraph index, or -1 for a heading */
	unsigned flags; /* ML_IN_* of its first run */
} ml_prose_block;

/* Where a piece of the prose text comes from: text[off ..) is the
 * literal of doc->texts[run] from byte lit on. */
typedef struct {
	size_t off;
	size_t run;
} ml_prose_seg;

typedef struct {
	ml_buf text; /* blocks' text, each block followed by '\n' */
	ml_prose_block *blocks;
	size_t nblocks, capblocks;
	ml_prose_seg *segs;
	size_t nsegs, capsegs;
} ml_prose_text;

/* Text runs a prose text leaves out (ML_IN_* flags); runs in a table,
 * in the reference list or in a heading when ML_IN_HEADING is given
 * here, and always code, HTML and link targets, which are no runs. */
ML_WARN_UNUSED int ml_prose_text_build(const ml_article *a, unsigned skip,
				       ml_prose_text *out);
void ml_prose_text_dispose(ml_prose_text *t);
/* The file position of byte off of the prose text (off inside a run, or
 * its end). */
void ml_prose_text_pos(const ml_article *a, const ml_prose_text *t, size_t off,
		       int *line, int *column, long *offset);
/* The same for the end of a span: at a run boundary, the end of the run
 * before (not the start of the next, past the markup between). */
void ml_prose_text_end(const ml_article *a, const ml_prose_text *t, size_t off,
		       int *line, int *column, long *offset);
/* 1 when heading index section is section `within` or under it. */
int ml_prose_under(const ml_document *d, int section, int within);
/* The heading index of the schema section with id, or -1. */
int ml_prose_section(const ml_article *a, const char *id);

/* The schema's reference list (citations.c): its entries in order, as
 * ml_check_citations reads them (*n 0 when the schema has none or it is
 * missing). Free *out. */
ML_WARN_UNUSED int ml_rules_ref_entries(const ml_article *a, ml_ref_entry **out,
					size_t *n);
/* The heading index of the reference list, or -1; *list gets the list
 * index when it was found as a list without a heading, else -1. */
int ml_rules_ref_heading(const ml_article *a, int *list);

#endif
