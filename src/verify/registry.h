/* verify/registry.h - what the registries answer, read into one shape:
 * Crossref's /works/{doi} message and NCBI esummary's JSON DocSums
 * (db=pubmed and db=pmc), and the comparisons reference verification
 * makes between a registered work and what an entry says.
 *
 * Parsing never trusts the body: a field of the wrong type is absent, and
 * a body that is not the JSON expected is a registry fault (the caller
 * reports trouble, never citation-unresolved). */
#ifndef ML_REGISTRY_H
#define ML_REGISTRY_H

#include <stddef.h>

#include "util/buf.h"

typedef enum {
	ML_WORK_UNKNOWN, /* not asked, or the run stopped first */
	ML_WORK_FOUND,
	ML_WORK_MISSING,   /* the registry says it has no such work */
	ML_WORK_ELSEWHERE, /* a DOI of another agency (why names it) */
	ML_WORK_TROUBLE	   /* the registry could not say: why tells */
} ml_work_state;

/* One notice attached to a work: a retraction, a correction, ... */
typedef struct {
	char *kind; /* "retraction", "correction", "expression of concern" */
	char *id;   /* the notice's DOI, or "PMID 123"; "" when unknown */
	char *date; /* YYYY-MM-DD (or YYYY-MM, YYYY); "" when unknown */
} ml_notice;

typedef struct {
	ml_work_state state;
	char *title;	    /* "" when none */
	char *subtitle;	    /* "" when none */
	char *first_author; /* surname, "" when none */
	int nauthors;
	char *journal; /* "" when none */
	int years[3];  /* issued / print / online; 0 when absent */
	int retracted; /* notice says which */
	ml_notice retraction;
	int updated;
	ml_notice update;
	char *why; /* MISSING and TROUBLE: the registry's words */
} ml_work;

void ml_work_dispose(ml_work *w);
/* A deep copy of s into d. ML_OK or ML_ENOMEM (d left empty). */
int ml_work_copy(ml_work *d, const ml_work *s);
/* The first year of w, 0 when none. */
int ml_work_year(const ml_work *w);

/* A Crossref /works/{doi} 200 body into w (FOUND), or TROUBLE with why
 * when it is not a work message. ML_OK or ML_ENOMEM. */
int ml_registry_crossref(const char *body, size_t len, ml_work *w);
/* A Crossref /works/{doi}/agency 200 body: w becomes ELSEWHERE (why: the
 * agency's label) unless the agency is Crossref itself (w unchanged);
 * TROUBLE when it is not an agency message. ML_OK or ML_ENOMEM. */
int ml_registry_agency(const char *body, size_t len, ml_work *w);
/* An esummary body answering uids[0..n) (digits; db=pmc without "PMC"):
 * works[i] FOUND, MISSING (an error for the uid, or absent from a result
 * that is there) or, when the body is not an esummary result, every one
 * TROUBLE. ML_OK or ML_ENOMEM. */
int ml_registry_esummary(const char *body, size_t len, const char *const *uids,
			 size_t n, ml_work *works);

/* Titles compared as SPEC says: case, diacritics, markup and punctuation
 * folded away, then 1 - edit distance / longer length; the best of the
 * registered title, title + subtitle, and the title before its colon. */
double ml_title_similarity(const char *entry, const ml_work *w);
/* 1 when two surnames are the same with case, diacritics, spaces and
 * hyphens ignored. */
int ml_surname_equal(const char *a, const char *b);

#endif
