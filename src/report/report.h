/* report/report.h - writers for text, json, sarif, github, markdown and
 * html output.
 *
 * The report layer sees only results and findings, never articles. */
#ifndef ML_REPORT_H
#define ML_REPORT_H

#include <stdio.h>

#include "core/result.h"
#include "util/buf.h"

typedef enum {
	ML_FMT_TEXT,
	ML_FMT_JSON,
	ML_FMT_SARIF,
	ML_FMT_GITHUB,
	ML_FMT_MARKDOWN,
	ML_FMT_HTML
} ml_format;

/* One rewrite --fix made (fix.c), for the report. */
typedef struct {
	const char *path;
	int line, column; /* in the file as it was before the fix */
	int rule;	  /* an ml_rule, or -1: a fix no rule reports
			     (trailing whitespace in front matter) */
	const char *message;
} ml_fixed_item;

typedef struct {
	size_t errors, warnings, files, links_checked, fixed;
	const ml_fixed_item *fixed_items; /* `fixed` of them, or NULL */
	int baseline;	       /* --baseline was given (SARIF baselineState) */
	size_t baseline_fixed; /* its entries no finding matched any more */
} ml_summary;

void ml_summary_count(ml_summary *s, const ml_file_result *r, size_t n);
/* Adds one file's errors and warnings to s (baselined ones not counted). */
void ml_summary_add(ml_summary *s, const ml_file_result *r);
/* "text" etc. to a format; -1 when unknown. */
int ml_format_parse(const char *s);
/* Writes the whole report. color applies to text only. Returns 0 or
 * ML_EIO / ML_ENOMEM. */
int ml_report_write(FILE *out, ml_format fmt, const ml_file_result *r, size_t n,
		    const ml_summary *sum, int color);
/* SARIF 2.1.0 (report/sarif.c): URIs relative to the git top-level above
 * the current folder (else the current folder), partialFingerprints as
 * report/baseline.h makes them; with sum->baseline, baselineState on
 * every result and baselined findings suppressed. */
int ml_report_sarif(FILE *out, const ml_file_result *r, size_t n,
		    const ml_summary *sum);
/* A GitHub job summary (report/markdown.c), under 1 MiB. */
int ml_report_markdown(FILE *out, const ml_file_result *r, size_t n,
		       const ml_summary *sum);
/* One self-contained HTML page (report/html.c): each article with
 * findings shown line by line, read again from its path. */
int ml_report_html(FILE *out, const ml_file_result *r, size_t n,
		   const ml_summary *sum);

/* A report written while the files are linted (text, JSON and GitHub,
 * whose findings need nothing of the files after them): each file's
 * findings are written to a spool (an unnamed temporary file) as its
 * result comes, in file order, and the result is freed; at the end the
 * report is written around the spool. Memory stays the same for 10 or
 * 10,000 files, and the report is byte for byte what ml_report_write
 * writes for the same results. */
typedef struct {
	ml_format fmt;
	int color;
	FILE *spool;
	size_t k;	   /* findings spooled (JSON's separators) */
	ml_summary counts; /* errors and warnings spooled */
	ml_buf path, scratch;
} ml_report_stream;

/* 1 when fmt can be streamed. */
int ml_report_streams(ml_format fmt);
/* ML_OK; ML_EINVAL for a format that cannot stream, ML_EIO when no
 * spool can be made (the caller keeps the results and writes them at the
 * end). ml_report_stream_dispose in every case. */
ML_WARN_UNUSED int ml_report_stream_init(ml_report_stream *s, ml_format fmt,
					 int color);
/* One file's findings, in file order. ML_OK, ML_EIO or ML_ENOMEM. */
ML_WARN_UNUSED int ml_report_stream_add(ml_report_stream *s,
					const ml_file_result *r);
/* The whole report: sum as for ml_report_write (errors and warnings as
 * s->counts holds them). */
ML_WARN_UNUSED int ml_report_stream_write(FILE *out, ml_report_stream *s,
					  const ml_summary *sum);
void ml_report_stream_dispose(ml_report_stream *s);

#endif
