/* core/result.h - what linting one file gives: its findings and the
 * external links it holds. Reports, --fix and the run-wide link phase read
 * results; none of them needs the pipeline that made them. */
#ifndef ML_RESULT_H
#define ML_RESULT_H

#include <stddef.h>

#include "core/finding.h"
#include "util/common.h"

/* An http(s) link found in an article, kept for the run-wide check. */
typedef struct {
	char *url;
	int line, column;	       /* the link's target, bytes */
	int end_line, end_column;      /* where the target ends */
	int ucolumn, end_ucolumn;      /* the same in code points */
	unsigned long long suppressed; /* bit (1 << rule): disabled here by an
					  inline medlint comment */
} ml_link_ref;

typedef struct {
	ml_link_ref *items;
	size_t len, cap;
} ml_link_list;

/* A registry identifier of a reference entry (DOI, PMID, PMCID) and what
 * the entry says the work is, kept for --verify-refs. */
typedef enum { ML_REF_DOI, ML_REF_PMID, ML_REF_PMCID } ml_ref_kind;

typedef struct {
	ml_ref_kind kind;
	char *id;	    /* DOI decoded; PMID digits; PMCID "PMC..." */
	char *title;	    /* "" when the entry's title was not found */
	char *first_author; /* surname, "" when none */
	int year;	    /* 0 when none */
	int entry; /* which reference entry (ids of one are adjacent) */
	int line, column, end_line, end_column; /* the identifier itself */
	unsigned long long suppressed;		/* as ml_link_ref's */
} ml_ref_id;

typedef struct {
	ml_ref_id *items;
	size_t len, cap;
} ml_ref_id_list;

typedef struct {
	char *path;	      /* as given */
	ml_findings findings; /* sorted, severities resolved, "off" removed */
	ml_link_list links;   /* external http(s) links, for --links all */
	ml_ref_id_list refs;  /* reference identifiers, for --verify-refs */
	char *error;	      /* the file could not be read: one-line reason */
} ml_file_result;

/* Appends a copy of url at line:column. */
ML_WARN_UNUSED int ml_link_list_add(ml_link_list *l, const char *url, int line,
				    int column);
void ml_link_list_dispose(ml_link_list *l);
/* Appends r with copies of its strings (suppressed cleared). */
ML_WARN_UNUSED int ml_ref_id_list_add(ml_ref_id_list *l, const ml_ref_id *r);
void ml_ref_id_list_dispose(ml_ref_id_list *l);
void ml_file_result_dispose(ml_file_result *res);

#endif
