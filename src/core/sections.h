/* core/sections.h - where an article's schema sections are.
 *
 * The pipeline locates them once per article, before any rule family
 * runs; the families then read the result through ml_article.sections and
 * never classify headings again. A section is a heading whose whole text
 * matches the section's heading pattern (ignoring case) at the section's
 * level; each heading is the first section it matches. */
#ifndef ML_SECTIONS_H
#define ML_SECTIONS_H

#include <stddef.h>

#include "core/profile.h"
#include "parse/document.h"
#include "parse/node.h"
#include "util/buf.h"
#include "util/common.h"
#include "util/regex.h"
#include "util/template.h"

/* Does a list item's raw Markdown read as a reference entry? The
 * citation layer's ml_citation_reads_as_entry, passed down by the
 * pipeline (core sits below cite). */
typedef int (*ml_ref_probe)(const char *src, size_t len);

typedef struct {
	const ml_profile *profile;
	const ml_document *doc;
	ml_name term, title; /* what {term} and {title} stand for */
	int *first;	     /* per section: heading of its first copy, or -1 */
	int *spec_of;	     /* per heading: the section it is, or -1 */
	int *para;	     /* per section found by content (no heading):
				its paragraph, or -1 */
	int *list;	     /* the same for match: list: its list, or -1 */
	ml_ref_probe probe;  /* NULL: only a list under a heading named
				like references is one */
	/* private to sections.c */
	const ml_regex **re; /* per section; NULL when its pattern is bad */
	ml_regex **own;	     /* per section, compiled for this article */
	size_t *lit;	     /* per section: offset + 1 in lits of its
				literal heading (no regex needed), or 0 */
	size_t *head;	     /* per section: offset + 1 in lits of the
				literal text before and including the
				name, whose rest re[i] matches, or 0 */
	ml_buf lits, buf, buf2;
} ml_sections;

/* Classifies every heading of doc against the profile's sections; fm
 * (may be NULL) gives the article's term and title. A match: list
 * section no heading matched is the last top-level list under a heading
 * named like references (sources, bibliography, works cited, ...), or
 * the last numbered one whose items mostly read as references by probe.
 * ML_ELIMIT when a heading pattern ran out of the file's regex budget
 * (util/regex.h). */
ML_WARN_UNUSED int ml_sections_locate(ml_sections *s, const ml_profile *p,
				      const ml_document *doc, const ml_node *fm,
				      ml_ref_probe probe);
void ml_sections_dispose(ml_sections *s);
/* 1 when section i is in the article: a heading, or (match: paragraph
 * or list) the paragraph or list that stands for it. */
int ml_sections_found(const ml_sections *s, size_t i);
/* Appends s[0..n) to b folded as phrases are compared: lowercase ASCII,
 * curly quotes straight, runs of white space (and no-break space) as
 * one space. */
int ml_sections_fold(ml_buf *b, const char *s, size_t n);
/* 1 when section i can be looked for (its pattern compiled). */
int ml_sections_usable(const ml_sections *s, size_t i);
/* 1 when heading h is section i, 0 when not, ML_ELIMIT when its pattern
 * ran out of the regex budget; any_level ignores the section's level. */
int ml_sections_match(const ml_sections *s, size_t i, const ml_heading *h,
		      int any_level);
/* Section i's heading as an editor would write it, into out: its
 * example, else its plain-text heading, else (a pattern with no example)
 * its id; never a raw regex. scratch is the caller's working space: the
 * sections stay read-only. */
ML_WARN_UNUSED int ml_sections_human(const ml_sections *s, size_t i,
				     ml_buf *out, ml_buf *scratch);

/* 1 when section i's heading needs the article's term or title and the
 * article gives none (no front matter value, no H1): messages say so. */
int ml_sections_names_unknown(const ml_sections *s, size_t i);

/* For the profile loader: a heading pattern compiles once {term} and
 * {title} are filled in. ML_OK, or ML_EINVAL with PCRE2's reason and the
 * offset in err. */
int ml_section_pattern_check(const char *pattern, ml_buf *err);

#endif
