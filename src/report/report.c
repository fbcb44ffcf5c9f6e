/* report/report.c - text, JSON and GitHub workflow-command output. */
#include "report/report.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "report/internal.h"
#include "util/buf.h"
#include "util/common.h"
#include "util/utf8.h"

void ml_summary_add(ml_summary *s, const ml_file_result *r)
{
	size_t j;

	for (j = 0; j < r->findings.len; j++) {
		if (r->findings.items[j].baselined)
			continue;
		if (r->findings.items[j].severity == ML_SEV_ERROR)
			s->errors++;
		else if (r->findings.items[j].severity == ML_SEV_WARNING)
			s->warnings++;
	}
}

void ml_summary_count(ml_summary *s, const ml_file_result *r, size_t n)
{
	size_t i;

	s->errors = s->warnings = 0;
	s->files = n;
	for (i = 0; i < n; i++)
		ml_summary_add(s, &r[i]);
}

int ml_format_parse(const char *s)
{
	static const char *names[] = { "text",	 "json",     "sarif",
				       "github", "markdown", "html" };
	size_t i;

	for (i = 0; i < ML_ARRAY_LEN(names); i++)
		if (strcmp(s, names[i]) == 0)
			return (int)i;
	return -1;
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void report_baseline_fixed(const ml_summary *sum, ml_buf *b)
{
	if (sum->baseline_fixed)
		ml_buf_printf(b,
			      "%zu baseline %s fixed: write the baseline again "
			      "to remove %s",
			      sum->baseline_fixed,
			      plural(sum->baseline_fixed, "entry", "entries"),
			      plural(sum->baseline_fixed, "it", "them"));
}

/* A path as text output shows it: a file name may hold an escape
 * sequence too. */
static int shown(ml_buf *b, const char *path)
{
	ml_buf_clear(b);
	return ml_text_escape(b, path, strlen(path));
}

/* --fix: what was rewritten, before what remains. */
static int write_fixed(FILE *out, const ml_summary *sum, const char *bold,
		       const char *dim, const char *reset)
{
	ml_buf p = ML_BUF_INIT(ML_LIMIT_TEXT);
	size_t i;
	int rc = ML_OK;

	for (i = 0; sum->fixed_items && i < sum->fixed && !rc; i++) {
		const ml_fixed_item *x = &sum->fixed_items[i];
		if ((rc = shown(&p, x->path)))
			break;
		fprintf(out, "%s%s:%d:%d:%s fixed: %s", bold, ml_buf_cstr(&p),
			x->line, x->column, reset, x->message);
		if (x->rule >= 0)
			fprintf(out, " %s[%s]%s", dim,
				ml_rule_info_get((ml_rule)x->rule)->id, reset);
		fputc('\n', out);
	}
	ml_buf_dispose(&p);
	return rc;
}

static void write_totals(FILE *out, const ml_summary *sum, const char *bold,
			 const char *reset)
{
	if (sum->errors || sum->warnings)
		fprintf(out, "%s%zu %s, %zu %s%s in %zu %s checked\n", bold,
			sum->errors, plural(sum->errors, "error", "errors"),
			sum->warnings,
			plural(sum->warnings, "warning", "warnings"), reset,
			sum->files, plural(sum->files, "file", "files"));
	else
		fprintf(out, "%zu %s checked, no problems\n", sum->files,
			plural(sum->files, "file", "files"));
	if (sum->fixed)
		fprintf(out, "%zu %s fixed\n", sum->fixed,
			plural(sum->fixed, "problem", "problems"));
	if (sum->baseline_fixed) {
		ml_buf b = ML_BUF_INIT(ML_LIMIT_SHORT);

		report_baseline_fixed(sum, &b);
		fprintf(out, "%s\n", ml_buf_cstr(&b));
		ml_buf_dispose(&b);
	}
}

/* One file's lines; p holds its shown name. */
static int text_file(FILE *out, const ml_file_result *r, ml_buf *p, int color)
{
	const char *bold = color ? "\033[1m" : "",
		   *reset = color ? "\033[0m" : "";
	const char *red = color ? "\033[1;31m" : "",
		   *yellow = color ? "\033[1;33m" : "";
	const char *dim = color ? "\033[2m" : "";
	size_t j;
	int rc;

	for (j = 0; j < r->findings.len; j++) {
		const ml_finding *f = &r->findings.items[j];
		int err = f->severity == ML_SEV_ERROR;
		if (j == 0 && (rc = shown(p, r->path)))
			return rc;
		fprintf(out, "%s%s:%d:%d:%s %s%s:%s %s %s[%s]%s\n", bold,
			ml_buf_cstr(p), f->line, ml_finding_ucol(f), reset,
			err ? red : yellow, ml_severity_name(f->severity),
			reset, f->message, dim, ml_rule_info_get(f->rule)->id,
			reset);
	}
	return ML_OK;
}

static int text_head(FILE *out, const ml_summary *sum, int color)
{
	return write_fixed(out, sum, color ? "\033[1m" : "",
			   color ? "\033[2m" : "", color ? "\033[0m" : "");
}

static int text_tail(FILE *out, const ml_summary *sum, int color)
{
	write_totals(out, sum, color ? "\033[1m" : "", color ? "\033[0m" : "");
	return ferror(out) ? ML_EIO : ML_OK;
}

static int write_text(FILE *out, const ml_file_result *r, size_t n,
		      const ml_summary *sum, int color)
{
	ml_buf p = ML_BUF_INIT(ML_LIMIT_TEXT);
	size_t i;
	int rc = text_head(out, sum, color);

	for (i = 0; i < n && !rc; i++)
		rc = text_file(out, &r[i], &p, color);
	ml_buf_dispose(&p);
	return rc ? rc : text_tail(out, sum, color);
}

/* One JSON string, escaped by jansson (ASCII-only output). A path that is
 * not valid UTF-8 is written with '?' for the bad bytes rather than lost.
 * ML_OK or ML_ENOMEM (nothing written). */
static int put_json_string(FILE *out, const char *s)
{
	json_error_t err;
	json_t *j;
	char stack[512], *buf = stack;
	size_t n;

	/* printable ASCII (most messages and paths) is written as jansson
	 * writes it, byte for byte (a quote and a backslash escaped), without
	 * building and dumping a json_t */
	for (n = 0; (unsigned char)s[n] >= 0x20 && (unsigned char)s[n] < 0x7F;
	     n++)
		;
	if (!s[n]) {
		const char *run = s, *e;
		putc('"', out);
		while ((e = strpbrk(run, "\"\\")) != NULL) {
			fwrite(run, 1, (size_t)(e - run), out);
			putc('\\', out);
			putc(*e, out);
			run = e + 1;
		}
		fputs(run, out);
		putc('"', out);
		return ML_OK;
	}
	j = json_pack_ex(&err, 0, "s", s);
	if (!j && json_error_code(&err) != json_error_invalid_utf8)
		return ML_ENOMEM; /* not taken for a bad byte: nothing is lost */
	if (!j) {
		char *copy = ml_strdup(s);
		size_t i;
		for (i = 0; copy && copy[i]; i++)
			if ((unsigned char)copy[i] >= 0x80)
				copy[i] = '?';
		j = copy ? json_string(copy) : NULL;
		free(copy);
		if (!j)
			return ML_ENOMEM;
	}
	n = json_dumpb(j, stack, sizeof(stack),
		       JSON_ENCODE_ANY | JSON_ENSURE_ASCII);
	if (n > sizeof(stack) && (buf = malloc(n)) != NULL)
		n = json_dumpb(j, buf, n, JSON_ENCODE_ANY | JSON_ENSURE_ASCII);
	if (buf && n)
		fwrite(buf, 1, n, out);
	if (buf != stack)
		free(buf);
	json_decref(j);
	return buf && n ? ML_OK : ML_ENOMEM;
}

/* path: the file name as shown() made it. */
static int put_finding(FILE *out, const char *path, const ml_finding *f)
{
	fputs("{\"file\": ", out);
	if (put_json_string(out, path))
		return ML_ENOMEM;
	fprintf(out,
		", \"line\": %d, \"column\": %d, \"end_line\": %d, "
		"\"end_column\": %d, \"rule\": \"%s\", \"severity\": \"%s\", "
		"\"message\": ",
		f->line, ml_finding_ucol(f),
		f->end_line ? f->end_line : f->line, ml_finding_end_ucol(f),
		ml_rule_info_get(f->rule)->id, ml_severity_name(f->severity));
	if (put_json_string(out, f->message))
		return ML_ENOMEM;
	/* a message the schema worded (errorMessage, description): the
	 * failing keyword and its own message, as SARIF keeps them */
	if (ml_finding_keyword(f)) {
		fputs(", \"properties\": {\"keyword\": ", out);
		if (put_json_string(out, ml_finding_keyword(f)))
			return ML_ENOMEM;
		fputs(", \"keywordMessage\": ", out);
		if (put_json_string(out, ml_finding_raw(f)))
			return ML_ENOMEM;
		fputc('}', out);
	}
	fputc('}', out);
	return ML_OK;
}

/* Streamed, not built as one tree: a report is written at the rate
 * findings come, in constant memory. Rule ids and severities are ASCII
 * constants; file names go through ml_text_escape as in every format
 * (messages already did), then every string through jansson's. */
/* One file's findings; *k counts the findings written so far. */
static int json_file(FILE *out, const ml_file_result *r, ml_buf *p, size_t *k)
{
	size_t j;
	int rc = ML_OK;

	for (j = 0; j < r->findings.len && !rc; j++) {
		if (j == 0 && (rc = shown(p, r->path)))
			break;
		if ((*k)++)
			fputs(", ", out);
		rc = put_finding(out, ml_buf_cstr(p), &r->findings.items[j]);
	}
	return rc;
}

static void json_head(FILE *out, const ml_summary *sum)
{
	fprintf(out, "{\"version\": 1, \"files\": %zu, \"findings\": [",
		sum->files);
}

static int json_tail(FILE *out, const ml_summary *sum);

static int write_json(FILE *out, const ml_file_result *r, size_t n,
		      const ml_summary *sum)
{
	ml_buf p = ML_BUF_INIT(ML_LIMIT_TEXT);
	size_t i, k = 0;
	int rc = ML_OK;

	json_head(out, sum);
	for (i = 0; i < n && !rc; i++)
		rc = json_file(out, &r[i], &p, &k);
	ml_buf_dispose(&p);
	return rc ? rc : json_tail(out, sum);
}

static int json_tail(FILE *out, const ml_summary *sum)
{
	fprintf(out,
		"], \"summary\": {\"errors\": %zu, \"warnings\": %zu, "
		"\"files\": %zu, \"links_checked\": %zu",
		sum->errors, sum->warnings, sum->files, sum->links_checked);
	if (sum->fixed)
		fprintf(out, ", \"fixed\": %zu", sum->fixed);
	if (sum->baseline)
		fprintf(out, ", \"baseline_fixed\": %zu", sum->baseline_fixed);
	fputs("}}\n", out);
	return ferror(out) ? ML_EIO : ML_OK;
}

/* Workflow-command escaping: data escapes % CR LF; properties also : ,
 * A refused write stays in b (ml_buf_failed). */
static void gh_escape(ml_buf *b, const char *s, int property)
{
	for (; *s; s++) {
		if (*s == '%')
			ml_buf_puts(b, "%25");
		else if (*s == '\r')
			ml_buf_puts(b, "%0D");
		else if (*s == '\n')
			ml_buf_puts(b, "%0A");
		else if (property && *s == ':')
			ml_buf_puts(b, "%3A");
		else if (property && *s == ',')
			ml_buf_puts(b, "%2C");
		else
			ml_buf_putc(b, *s);
	}
}

/* File names go through ml_text_escape as in every format (messages
 * already did), then the workflow-command escaping. */
/* One file's workflow commands; b is scratch, p its shown name. */
static int github_file(FILE *out, const ml_file_result *r, ml_buf *b, ml_buf *p)
{
	size_t j;
	int rc;

	for (j = 0; j < r->findings.len; j++) {
		const ml_finding *f = &r->findings.items[j];
		if (j == 0 && (rc = shown(p, r->path)))
			return rc;
		ml_buf_clear(b);
		ml_buf_printf(b, "::%s file=",
			      f->severity == ML_SEV_ERROR ? "error"
							  : "warning");
		gh_escape(b, ml_buf_cstr(p), 1);
		ml_buf_printf(b, ",line=%d,col=%d", f->line,
			      ml_finding_ucol(f));
		if (f->end_line)
			ml_buf_printf(b, ",endLine=%d", f->end_line);
		if (f->end_line && f->end_column)
			ml_buf_printf(b, ",endColumn=%d",
				      ml_finding_end_ucol(f));
		ml_buf_puts(b, ",title=");
		gh_escape(b, ml_rule_info_get(f->rule)->id, 1);
		ml_buf_puts(b, "::");
		gh_escape(b, f->message, 0);
		if ((rc = ml_buf_failed(b)))
			return rc;
		fprintf(out, "%s\n", ml_buf_cstr(b));
	}
	return ML_OK;
}

static int write_github(FILE *out, const ml_file_result *r, size_t n)
{
	ml_buf b = ML_BUF_INIT(ML_LIMIT_OUTPUT);
	ml_buf p = ML_BUF_INIT(ML_LIMIT_TEXT);
	size_t i;
	int rc = ML_OK;

	for (i = 0; i < n && !rc; i++)
		rc = github_file(out, &r[i], &b, &p);
	ml_buf_dispose(&b);
	ml_buf_dispose(&p);
	return rc ? rc : ferror(out) ? ML_EIO : ML_OK;
}

int ml_report_write(FILE *out, ml_format fmt, const ml_file_result *r, size_t n,
		    const ml_summary *sum, int color)
{
	switch (fmt) {
	case ML_FMT_JSON: return write_json(out, r, n, sum);
	case ML_FMT_GITHUB: return write_github(out, r, n);
	case ML_FMT_SARIF: return ml_report_sarif(out, r, n, sum);
	case ML_FMT_MARKDOWN: return ml_report_markdown(out, r, n, sum);
	case ML_FMT_HTML: return ml_report_html(out, r, n, sum);
	default: return write_text(out, r, n, sum, color);
	}
}

/* ---- a report streamed as files are linted ------------------------- */

int ml_report_streams(ml_format fmt)
{
	return fmt == ML_FMT_TEXT || fmt == ML_FMT_JSON || fmt == ML_FMT_GITHUB;
}

int ml_report_stream_init(ml_report_stream *s, ml_format fmt, int color)
{
	memset(s, 0, sizeof(*s));
	s->fmt = fmt;
	s->color = color;
	ml_buf_init(&s->scratch, ML_LIMIT_OUTPUT);
	ml_buf_init(&s->path, ML_LIMIT_TEXT);
	if (!ml_report_streams(fmt))
		return ML_EINVAL;
	return (s->spool = tmpfile()) != NULL ? ML_OK : ML_EIO;
}

int ml_report_stream_add(ml_report_stream *s, const ml_file_result *r)
{
	int rc;

	ml_summary_add(&s->counts, r);
	switch (s->fmt) {
	case ML_FMT_JSON: rc = json_file(s->spool, r, &s->path, &s->k); break;
	case ML_FMT_GITHUB:
		rc = github_file(s->spool, r, &s->scratch, &s->path);
		break;
	default: rc = text_file(s->spool, r, &s->path, s->color); break;
	}
	return rc ? rc : ferror(s->spool) ? ML_EIO : ML_OK;
}

/* The spooled findings, copied to out. */
static int copy_spool(FILE *out, FILE *spool)
{
	enum { CHUNK = 65536 };
	char *buf = malloc(CHUNK);
	size_t n;
	int rc = ML_OK;

	if (!buf)
		return ML_ENOMEM;
	if (fflush(spool) != 0 || fseek(spool, 0, SEEK_SET) != 0)
		rc = ML_EIO;
	while (!rc && (n = fread(buf, 1, CHUNK, spool)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = ML_EIO;
	free(buf);
	return rc ? rc : ferror(spool) ? ML_EIO : ML_OK;
}

int ml_report_stream_write(FILE *out, ml_report_stream *s,
			   const ml_summary *sum)
{
	int rc;

	switch (s->fmt) {
	case ML_FMT_JSON:
		json_head(out, sum);
		rc = copy_spool(out, s->spool);
		return rc ? rc : json_tail(out, sum);
	case ML_FMT_GITHUB:
		rc = copy_spool(out, s->spool);
		return rc ? rc : ferror(out) ? ML_EIO : ML_OK;
	default:
		rc = text_head(out, sum, s->color);
		if (!rc)
			rc = copy_spool(out, s->spool);
		return rc ? rc : text_tail(out, sum, s->color);
	}
}

void ml_report_stream_dispose(ml_report_stream *s)
{
	if (s->spool) /* read back already, or dropped: nothing to lose */
		(void)fclose(s->spool);
	ml_buf_dispose(&s->scratch);
	ml_buf_dispose(&s->path);
	memset(s, 0, sizeof(*s));
}
