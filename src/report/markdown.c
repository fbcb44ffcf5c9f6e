/* report/markdown.c - a GitHub job summary ($GITHUB_STEP_SUMMARY).
 *
 * GitHub renders at most 10 error and 10 warning annotations per step and
 * refuses a summary over 1 MiB, so this page carries the rest: totals,
 * counts by rule and a table of findings, each linked to the blob line
 * when the workflow's GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_SHA
 * say where it is. Rows stop, with a count of those left out, before the
 * page would pass ML_MD_LIMIT. Messages quote article text, which is
 * untrusted: every Markdown- or HTML-significant character is escaped and
 * control and hiding characters are shown as \xNN / \u{NNNN}. */
#include "report/report.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "report/internal.h"
#include "util/buf.h"
#include "util/common.h"
#include "util/utf8.h"

/* GitHub's limit is 1 MiB per step; keep room for the closing lines. */
#define ML_MD_LIMIT ((size_t)1024 * 1024 - 4096)

/* Text for a table cell: control, bidirectional and other hiding
 * characters shown as \xNN / \u{NNNN} by ml_text_escape (the one escaping
 * of every format), then entities for HTML and a backslash before the
 * ASCII punctuation that Markdown or GitHub reads inline (emphasis, code,
 * links, the cell's pipe, headings, math, @mentions, :emoji:). Other
 * UTF-8 passes unchanged. ML_OK or the ML_E* of a refused write. */
static int md_escape(ml_buf *b, const char *s)
{
	ml_buf t = ML_BUF_INIT(ML_LIMIT_TEXT);
	size_t i;
	int rc = ml_text_escape(&t, s, strlen(s));

	for (i = 0; i < t.len && rc == ML_OK; i++) {
		unsigned char c = (unsigned char)t.ptr[i];
		if (c == '<')
			rc = ml_buf_puts(b, "&lt;");
		else if (c == '>')
			rc = ml_buf_puts(b, "&gt;");
		else if (c == '&')
			rc = ml_buf_puts(b, "&amp;");
		else if (c == '"')
			rc = ml_buf_puts(b, "&quot;");
		else if (strchr("\\`*_[]|#!~()$@:", c))
			rc = ml_buf_printf(b, "\\%c", (char)c);
		else
			rc = ml_buf_putc(b, (char)c);
	}
	ml_buf_dispose(&t);
	return rc;
}

/* The blob base "https://host/owner/name/blob/SHA/", or "" when the
 * environment does not say it or says something that is not a plain
 * server URL, owner/name and commit id. */
static void blob_base(ml_buf *b)
{
	const char *srv = getenv("GITHUB_SERVER_URL");
	const char *repo = getenv("GITHUB_REPOSITORY");
	const char *sha = getenv("GITHUB_SHA");
	const char *p;
	int slashes = 0;

	if (!srv || !repo || !sha || !*repo || strlen(sha) < 7 ||
	    (strncmp(srv, "https://", 8) != 0 &&
	     strncmp(srv, "http://", 7) != 0))
		return;
	for (p = srv + (srv[4] == 's' ? 8 : 7); *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("-.:", *p))
			return;
	for (p = repo; *p; p++) {
		if (*p == '/')
			slashes++;
		else if (!isalnum((unsigned char)*p) && !strchr("-._", *p))
			return;
	}
	for (p = sha; *p; p++)
		if (!isxdigit((unsigned char)*p))
			return;
	if (slashes != 1 || repo[0] == '/' || repo[strlen(repo) - 1] == '/')
		return;
	ml_buf_printf(b, "%s/%s/blob/%s/", srv, repo, sha);
}

static void write_counts(ml_buf *b, const ml_file_result *r, size_t n,
			 const ml_summary *sum)
{
	size_t count[ML_RULE__COUNT][2];
	size_t i, j;
	int k;

	memset(count, 0, sizeof(count));
	for (i = 0; i < n; i++)
		for (j = 0; j < r[i].findings.len; j++) {
			const ml_finding *f = &r[i].findings.items[j];
			count[f->rule][f->severity == ML_SEV_ERROR ? 0 : 1]++;
		}
	ml_buf_printf(b, "## medlint\n\n**%zu %s, %zu %s** in %zu %s checked",
		      sum->errors, sum->errors == 1 ? "error" : "errors",
		      sum->warnings,
		      sum->warnings == 1 ? "warning" : "warnings", sum->files,
		      sum->files == 1 ? "file" : "files");
	if (sum->links_checked)
		ml_buf_printf(b, ", %zu links checked", sum->links_checked);
	ml_buf_puts(b, ".\n\n");
	if (sum->baseline_fixed) {
		report_baseline_fixed(sum, b);
		ml_buf_puts(b, ".\n\n");
	}
	if (!sum->errors && !sum->warnings)
		return;
	ml_buf_puts(b, "| Rule | Errors | Warnings |\n|---|--:|--:|\n");
	for (k = 0; k < ML_RULE__COUNT; k++)
		if (count[k][0] || count[k][1])
			ml_buf_printf(b, "| `%s` | %zu | %zu |\n",
				      ml_rule_info_get((ml_rule)k)->id,
				      count[k][0], count[k][1]);
	ml_buf_puts(b, "\n");
}

/* One table row in row; ML_OK, or the first write refused to row or uri. */
static int write_row(ml_buf *row, const char *base, const char *path,
		     const ml_finding *f, ml_buf *uri)
{
	int in_repo = 0, rc;

	ml_buf_clear(row);
	ml_buf_clear(uri);
	ml_buf_puts(row, "| ");
	if (*base && (in_repo = ml_report_repo_uri(path, uri)) < 0)
		return in_repo;
	if (in_repo)
		ml_buf_puts(row, "[");
	if ((rc = md_escape(row, path)))
		return rc;
	ml_buf_printf(row, ":%d", f->line);
	if (in_repo)
		ml_buf_printf(row, "](%s%s#L%d)", base, ml_buf_cstr(uri),
			      f->line);
	ml_buf_printf(row, " | %s | `%s` | ",
		      f->severity == ML_SEV_ERROR ? "error" : "warning",
		      ml_rule_info_get(f->rule)->id);
	if ((rc = md_escape(row, f->message)))
		return rc;
	ml_buf_puts(row, " |\n");
	return ml_buf_failed(row);
}

int ml_report_markdown(FILE *out, const ml_file_result *r, size_t n,
		       const ml_summary *sum)
{
	ml_buf page = ML_BUF_INIT(ML_LIMIT_OUTPUT);
	ml_buf row = ML_BUF_INIT(ML_LIMIT_OUTPUT);
	ml_buf base = ML_BUF_INIT(ML_LIMIT_SHORT);
	ml_buf uri = ML_BUF_INIT(ML_LIMIT_SHORT);
	size_t i, j, shown = 0, total = sum->errors + sum->warnings;
	int rc = ML_OK;

	blob_base(&base);
	write_counts(&page, r, n, sum);
	if (total)
		ml_buf_puts(&page, "| Location | Severity | Rule | Message |\n"
				   "|---|---|---|---|\n");
	if ((rc = ml_buf_failed(&base)))
		goto done;
	for (i = 0; i < n && shown < total; i++)
		for (j = 0; j < r[i].findings.len; j++) {
			if ((rc = write_row(&row, ml_buf_cstr(&base), r[i].path,
					    &r[i].findings.items[j], &uri)))
				goto done;
			if (page.len + row.len > ML_MD_LIMIT)
				goto full;
			ml_buf_put(&page, row.ptr, row.len);
			shown++;
		}
full:
	if (shown < total)
		ml_buf_printf(&page,
			      "\n%zu more %s not shown: a job summary is "
			      "limited to 1 MiB. The SARIF upload and the "
			      "text output list them all.\n",
			      total - shown,
			      total - shown == 1 ? "finding" : "findings");
	/* The one check of the page: a refused write anywhere left a hole. */
	if ((rc = ml_buf_failed(&page)))
		goto done;
	if (page.len && fwrite(page.ptr, 1, page.len, out) != page.len)
		rc = ML_EIO;
done:
	ml_buf_dispose(&page);
	ml_buf_dispose(&row);
	ml_buf_dispose(&base);
	ml_buf_dispose(&uri);
	return rc == ML_OK && ferror(out) ? ML_EIO : rc;
}
