/* cite/citation.h - APA 7 reference-list checks and identifier validation.
 *
 * The document layer hands over the items of the reference list (raw
 * Markdown slices of the file) and the in-text markers it found; this
 * module parses each entry into authors, date, title, source and locators
 * and appends citation-* findings. It never prints and keeps no state
 * between calls except its compiled patterns, so it is safe to call from
 * several threads at once. */
#ifndef ML_CITATION_H
#define ML_CITATION_H

#include <stddef.h>

#include "core/finding.h"
#include "core/profile.h"

typedef struct {
	int number;	 /* ordered list: start + index; bullet: index + 1 */
	const char *src; /* raw Markdown of the item after the list marker; a
			    contiguous slice of the file that may span lines */
	size_t len;
	int line, column;  /* 1-based position of src[0] in the file */
	long offset;	   /* byte offset of src[0] in the file (for fixes) */
	const char *label; /* a footnote's label ("1" of "[^1]: ..."), or
			      NULL in a reference list */
	size_t label_len;
} ml_ref_entry;

typedef struct {
	int number;
	int line, column;
	const char *label; /* a footnote marker's label, else NULL */
	size_t label_len;
} ml_cite_marker;

typedef struct {
	const char **proper_nouns; /* words (or phrases) citation-case accepts
				      capitalised inside a title */
	size_t nproper_nouns;
	int double_hyphen_dash; /* the site renders -- as an en dash */
	ml_cite_style style;	/* ML_CITE_NONE counts as APA 7 */
} ml_cite_opts;

/* Per-entry checks: author, date, title, source, doi, identifier,
 * punctuation and case. Each finding sits at the column of the faulty
 * part. o may be NULL. Returns ML_OK or ML_ENOMEM. */
int ml_citation_check_entry(const ml_ref_entry *e, const ml_cite_opts *o,
			    ml_findings *out);

/* The same, and *year: the year ml_citation_extract finds in e (0 when
 * none), or -1 when the entry was read in a style whose parse is not
 * extract's (AMA, Vancouver): then ask ml_citation_extract. */
int ml_citation_check_entry_year(const ml_ref_entry *e, const ml_cite_opts *o,
				 ml_findings *out, int *year);

/* List-level checks: citation-undefined (at the marker), citation-unused
 * (at the entry), citation-duplicate (at the second copy, after
 * normalisation) and citation-order as the schema asks. Markers are taken
 * in document order (sorted by line and column). Returns ML_OK or
 * ML_ENOMEM. */
int ml_citation_check_list(const ml_ref_entry *entries, size_t n,
			   const ml_cite_marker *markers, size_t nmarkers,
			   ml_cite_order order, ml_findings *out);

/* Scan a run of body text for markers [1], [1, 3], [2–4], [2-4] (numbers
 * of 1 to 3 digits: [2019] is a year; Markdown links [1](url), text][1]
 * and \[1] are skipped); calls cb once per cited number with the 1-based
 * line and column of the '[' (text starts at line:column; after a newline
 * in text, columns count from the start of that line). Returns ML_OK or
 * ML_ENOMEM. */
int ml_citation_scan_markers(const char *text, size_t len, int line, int column,
			     void (*cb)(void *ctx, int number, int line,
					int column),
			     void *ctx);

/* How many of the citation checker's patterns this process has compiled
 * so far: each is compiled on its first use only (start-up work a run
 * that reads no reference never does). */
size_t ml_citation_patterns_compiled(void);

/* Does src (raw Markdown: a list item, a footnote) read as a reference
 * in some style: a registry identifier, or a year (or n.d.) with a shape
 * only references have (a name list, a date in parentheses, a journal
 * locator, pages, "Accessed", a publisher, a link). Numbered steps and
 * criteria do not. 1 or 0. */
int ml_citation_reads_as_entry(const char *src, size_t len);

/* GFM footnotes. A definition "[^label]: text": returns the offset of
 * text in src and sets *label_len (the label is src + 2), or returns 0
 * when src does not start with one. */
size_t ml_footnote_def(const char *src, size_t len, size_t *label_len);
/* Every "[^label]" marker in a run of body text (a definition at its
 * start is none), as ml_citation_scan_markers reports [n]. ML_OK. */
int ml_footnote_scan_markers(const char *text, size_t len, int line, int column,
			     void (*cb)(void *ctx, const char *label,
					size_t label_len, int line, int column),
			     void *ctx);
/* By label (ASCII case ignored, as GitHub matches them):
 * citation-undefined at a marker with no definition, citation-unused at
 * a definition no marker cites, citation-duplicate at a second
 * definition of a label. Entries' and markers' label must be set; an
 * entry's column is that of its text. ML_OK or ML_ENOMEM. */
int ml_citation_check_footnotes(const ml_ref_entry *defs, size_t n,
				const ml_cite_marker *markers, size_t nmarkers,
				ml_findings *out);

/* What reference verification needs of an entry: its registry
 * identifiers (valid ones only, where they are in the file) and what the
 * entry says the work is. */
#define ML_CITE_MAX_IDS 4
typedef enum { ML_CITE_DOI, ML_CITE_PMID, ML_CITE_PMCID } ml_cite_id_kind;

typedef struct {
	ml_cite_id_kind kind;
	char value[256]; /* DOI percent-decoded; PMID digits; PMCID "PMC..." */
	int line, column, end_line, end_column; /* end: one past the last */
} ml_cite_id;

typedef struct {
	ml_cite_id ids[ML_CITE_MAX_IDS];
	size_t nids;
	char title[512];	/* plain text, "" when none was found */
	char first_author[128]; /* surname of a person author, "" otherwise */
	int year;		/* 0 when none (n.d., no date) */
} ml_cite_meta;

/* Parse e quietly (no findings) and fill out. ML_OK or ML_ENOMEM. */
int ml_citation_extract(const ml_ref_entry *e, ml_cite_meta *out);

/* Identifiers: 1 when valid, 0 when not. */
/* Crossref's recommended DOI pattern ^10.\d{4,9}/[-._;()/:A-Z0-9]+$
 * (case-insensitive) and its legacy forms, 10.1002/ (Wiley) included. */
int ml_doi_valid(const char *doi, size_t len);
/* ISBN-10 (check digit may be X) and ISBN-13; hyphens and spaces may
 * separate the digits. */
int ml_isbn_valid(const char *s, size_t len);
/* The check digit s should end with ('0'..'9' or 'X'), or 0 when s does
 * not have the digits of an ISBN-10 or ISBN-13. */
char ml_isbn_check_digit(const char *s, size_t len);
/* PMID: 1 to 8 digits, not starting with 0. */
int ml_pmid_valid(const char *s, size_t len);
/* PMCID: "PMC" and 1 to 8 digits, not starting with 0. */
int ml_pmcid_valid(const char *s, size_t len);

#endif
