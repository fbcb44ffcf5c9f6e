/* report/html.c - one self-contained page for editors and reviewers.
 *
 * The page has a summary at the top (totals, counts by rule, the files
 * with findings), then each article with findings: its lines, numbered,
 * each finding beside the line it points at, long runs of clean lines
 * folded. Filters by severity and by rule are checkboxes that CSS reads
 * (`:checked ~ main ...`), so nothing needs a script; a Content Security
 * Policy forbids scripts and every external asset anyway.
 *
 * Article text and messages are untrusted (a pull request wrote them):
 * everything the page shows from them goes through put_text(), which
 * shows control, bidirectional-override and other hiding characters and
 * invalid UTF-8 as \xNN / \u{NNNN} (ml_text_escape, as every format does)
 * and escapes the HTML characters.
 * Nothing from an article becomes an attribute name, an id, a class or a
 * link: ids and classes are numbers medlint chose.
 *
 * Articles are read again, one at a time, to show their lines, so memory
 * stays that of the largest article, not of the run. */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

#include "report/internal.h"
#include "util/buf.h"
#include "util/common.h"
#include "util/utf8.h"

/* Clean lines around a finding that stay visible; longer clean runs fold
 * into a <details>. */
#define CONTEXT 3
#define FOLD_MIN 8

/* s[0..n) as HTML text, safe in element content and in a quoted
 * attribute value: control, bidirectional and other hiding characters
 * and bytes that are not UTF-8 shown as \xNN / \u{NNNN} by
 * ml_text_escape (the one escaping of every format; its escapes hold no
 * HTML character), the HTML characters as entities, tabs kept for the
 * source lines. A refused write stays in b (ml_buf_failed). */
static void put_text(ml_buf *b, const char *s, size_t n)
{
	size_t i = 0, run;

	while (i < n) {
		for (run = i;
		     run < n && (!s[run] || !strchr("&<>\"'\t", s[run])); run++)
			;
		if (run > i)
			(void)ml_text_escape(b, s + i, run - i);
		if (run == n)
			break;
		switch (s[run]) {
		case '&': ml_buf_puts(b, "&amp;"); break;
		case '<': ml_buf_puts(b, "&lt;"); break;
		case '>': ml_buf_puts(b, "&gt;"); break;
		case '"': ml_buf_puts(b, "&quot;"); break;
		case '\'': ml_buf_puts(b, "&#39;"); break;
		default: ml_buf_putc(b, '\t'); break;
		}
		i = run + 1;
	}
}

static void put_cstr(ml_buf *b, const char *s)
{
	put_text(b, s, strlen(s));
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static const char STYLE[] =
	"body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;"
	"max-width:110em;padding:1em 1.5em;color:#1b1b1b;background:#fff}"
	"h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.15em;margin:0;"
	"padding:.5em .6em;background:#eef1f5;border-bottom:1px solid #ccd}"
	"table.counts{border-collapse:collapse;margin:.5em 0 1em}"
	"table.counts td,table.counts th{border:1px solid #ccd;"
	"padding:.15em .6em;text-align:left}"
	"td.n{text-align:right}.filters{margin:.6em 0 1em}"
	"label{margin-right:1em;cursor:pointer}"
	"section.article{border:1px solid #ccd;margin:1.2em 0}"
	".row{display:grid;grid-template-columns:4.5em minmax(0,1fr) "
	"minmax(18em,34em);border-top:1px solid #f0f0f0}"
	".no{color:#777;text-align:right;padding-right:.8em;"
	"font:13px/1.6 monospace;user-select:none}"
	".code{font:13px/1.6 monospace;white-space:pre-wrap;"
	"overflow-wrap:anywhere;padding:0 .4em}"
	".row.flag .code{background:#fff4e5}"
	".row.flag.has-error .code{background:#fdecea}"
	".fs{padding:0 .4em}.f{margin:.15em 0;padding:.2em .5em;"
	"border-left:4px solid #e0a100;background:#fffaf0;font-size:14px}"
	".f.error{border-color:#c62828;background:#fff5f5}"
	".sev{font-weight:600;text-transform:uppercase;font-size:11px;"
	"margin-right:.4em}.f.error .sev{color:#c62828}"
	".f.warning .sev{color:#8a6100}.at{color:#555;margin-right:.4em}"
	"details.help{display:inline}details.help summary{display:inline;"
	"cursor:pointer;font-family:monospace;color:#234}"
	"details.help[open]{display:block}details.help p{margin:.3em 0;"
	"white-space:pre-wrap;color:#333}"
	"details.gap>summary{color:#666;font-size:13px;padding:.15em 5.2em;"
	"cursor:pointer;background:#fafafa}"
	".note{color:#555}.fileerr{padding:.5em;color:#c62828}"
	"#sev-error:not(:checked)~main .f.error,"
	"#sev-warning:not(:checked)~main .f.warning{display:none}"
	"@media print{.filters,input{display:none}}";

/* Per-rule counts over the run: [rule][0] errors, [1] warnings. */
static void count_rules(const ml_file_result *r, size_t n, size_t count[][2])
{
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < r[i].findings.len; j++) {
			const ml_finding *f = &r[i].findings.items[j];
			if (f->severity == ML_SEV_ERROR)
				count[f->rule][0]++;
			else if (f->severity == ML_SEV_WARNING)
				count[f->rule][1]++;
		}
}

static void write_head(ml_buf *b, const ml_summary *sum, size_t count[][2])
{
	int k;

	ml_buf_printf(b,
		      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		      "<meta charset=\"utf-8\">\n"
		      "<meta http-equiv=\"Content-Security-Policy\" "
		      "content=\"default-src 'none'; style-src 'unsafe-inline'"
		      "; form-action 'none'; base-uri 'none'\">\n"
		      "<meta name=\"viewport\" content=\"width=device-width, "
		      "initial-scale=1\">\n"
		      "<meta name=\"generator\" content=\"medlint %s\">\n"
		      "<title>medlint: %zu %s, %zu %s</title>\n<style>%s",
		      ML_VERSION, sum->errors,
		      plural(sum->errors, "error", "errors"), sum->warnings,
		      plural(sum->warnings, "warning", "warnings"), STYLE);
	/* One filter rule per rule the run found: ids and classes are the
	 * rule's number, never text from an article. */
	for (k = 0; k < ML_RULE__COUNT; k++)
		if (count[k][0] || count[k][1])
			ml_buf_printf(b,
				      "#rule-%d:not(:checked)~main .f.r%d"
				      "{display:none}",
				      k, k);
	ml_buf_puts(b, "</style>\n</head>\n<body>\n");
}

static void write_summary(ml_buf *b, const ml_file_result *r, size_t n,
			  const ml_summary *sum, size_t count[][2])
{
	size_t i, clean = 0;
	int k, any = 0;

	ml_buf_printf(b,
		      "<h1>medlint report</h1>\n<p class=\"totals\"><strong>"
		      "%zu %s, %zu %s</strong> in %zu %s checked",
		      sum->errors, plural(sum->errors, "error", "errors"),
		      sum->warnings,
		      plural(sum->warnings, "warning", "warnings"), sum->files,
		      plural(sum->files, "file", "files"));
	if (sum->links_checked)
		ml_buf_printf(b, ", %zu links checked", sum->links_checked);
	ml_buf_puts(b, ".</p>\n");
	if (sum->baseline_fixed) {
		ml_buf_puts(b, "<p class=\"baseline\">");
		report_baseline_fixed(sum, b);
		ml_buf_puts(b, ".</p>\n");
	}
	for (k = 0; k < ML_RULE__COUNT; k++) {
		const ml_rule_info *ri = ml_rule_info_get((ml_rule)k);

		if (!count[k][0] && !count[k][1])
			continue;
		if (!any)
			ml_buf_puts(b, "<table class=\"counts\"><tr><th>Rule"
				       "</th><th>Errors</th><th>Warnings</th>"
				       "<th>What it checks</th></tr>\n");
		any = 1;
		ml_buf_printf(b,
			      "<tr><td><code>%s</code></td><td class=\"n\">%zu"
			      "</td><td class=\"n\">%zu</td><td>",
			      ri->id, count[k][0], count[k][1]);
		put_cstr(b, ri->summary);
		ml_buf_puts(b, "</td></tr>\n");
	}
	if (any)
		ml_buf_puts(b, "</table>\n");
	ml_buf_puts(b, "<ul class=\"files\">\n");
	for (i = 0; i < n; i++) {
		if (!r[i].findings.len && !r[i].error) {
			clean++;
			continue;
		}
		ml_buf_printf(b, "<li><a href=\"#file-%zu\">", i);
		put_cstr(b, r[i].path);
		if (r[i].error)
			ml_buf_puts(b, "</a>: could not be read</li>\n");
		else
			ml_buf_printf(b, "</a>: %zu %s</li>\n",
				      r[i].findings.len,
				      plural(r[i].findings.len, "finding",
					     "findings"));
	}
	ml_buf_puts(b, "</ul>\n");
	if (clean)
		ml_buf_printf(
			b, "<p class=\"note\">%zu %s with no findings.</p>\n",
			clean, plural(clean, "file", "files"));
	/* The filters: checkboxes before <main>, read by the style sheet. */
	ml_buf_puts(b, "<p class=\"filters\">Show:</p>\n"
		       "<input type=\"checkbox\" id=\"sev-error\" checked>"
		       "<label for=\"sev-error\">errors</label>\n"
		       "<input type=\"checkbox\" id=\"sev-warning\" checked>"
		       "<label for=\"sev-warning\">warnings</label>\n");
	for (k = 0; k < ML_RULE__COUNT; k++)
		if (count[k][0] || count[k][1])
			ml_buf_printf(b,
				      "<input type=\"checkbox\" id=\"rule-%d\" "
				      "checked><label for=\"rule-%d\"><code>%s"
				      "</code></label>\n",
				      k, k, ml_rule_info_get((ml_rule)k)->id);
}

static void write_finding(ml_buf *b, const ml_finding *f)
{
	const ml_rule_info *ri = ml_rule_info_get(f->rule);
	const char *sev = f->severity == ML_SEV_ERROR ? "error" : "warning";

	ml_buf_printf(b,
		      "<div class=\"f %s r%d\"><span class=\"sev\">%s</span>",
		      sev, (int)f->rule, sev);
	if (f->line > 0)
		ml_buf_printf(b, "<span class=\"at\">%d:%d</span>", f->line,
			      ml_finding_ucol(f));
	put_cstr(b, f->message);
	ml_buf_puts(b, " <details class=\"help\"><summary title=\"");
	put_cstr(b, ri->summary);
	ml_buf_printf(b, "\">[%s]</summary><p>", ri->id);
	put_cstr(b, ri->help);
	ml_buf_puts(b, "</p></details></div>\n");
}

typedef struct {
	const char *text;
	size_t len;
	size_t *start; /* start[i]: byte offset of line i + 1 */
	size_t nlines;
} lines;

static int split_lines(lines *L, const char *text, size_t len)
{
	size_t i, cap = 64;

	L->text = text;
	L->len = len;
	L->nlines = 0;
	L->start = malloc(cap * sizeof(*L->start));
	if (!L->start)
		return ML_ENOMEM;
	for (i = 0; i < len || (i == 0 && len == 0);) {
		const char *nl;

		if (L->nlines == cap) {
			size_t *s =
				realloc(L->start, 2 * cap * sizeof(*L->start));
			if (!s)
				return ML_ENOMEM;
			L->start = s;
			cap *= 2;
		}
		L->start[L->nlines++] = i;
		if (len == 0)
			break;
		nl = memchr(text + i, '\n', len - i);
		i = nl ? (size_t)(nl - text) + 1 : len;
	}
	return ML_OK;
}

static void put_line(ml_buf *b, const lines *L, size_t ln)
{
	size_t s = L->start[ln - 1];
	size_t e = ln < L->nlines ? L->start[ln] : L->len;

	while (e > s && (L->text[e - 1] == '\n' || L->text[e - 1] == '\r'))
		e--;
	put_text(b, L->text + s, e - s);
}

/* One numbered line and the findings fs[0..nf) that point at it. */
static void write_row(ml_buf *b, const lines *L, size_t ln,
		      const ml_finding *fs, size_t nf)
{
	size_t k;
	int err = 0;

	for (k = 0; k < nf; k++)
		err |= fs[k].severity == ML_SEV_ERROR;
	ml_buf_printf(b,
		      "<div class=\"row%s%s\" id=\"L%zu\">"
		      "<span class=\"no\">%zu</span><span class=\"code\">",
		      nf ? " flag" : "", err ? " has-error" : "", ln, ln);
	put_line(b, L, ln);
	ml_buf_puts(b, "</span><div class=\"fs\">");
	for (k = 0; k < nf; k++)
		write_finding(b, &fs[k]);
	ml_buf_puts(b, "</div></div>\n");
}

/* The findings of one file, sorted by line, and the lines they point at. */
static void write_lines(ml_buf *b, const lines *L, const ml_findings *fs)
{
	size_t ln = 1, j = 0, k;

	/* Findings on no line (the file as a whole) come first. */
	while (j < fs->len && fs->items[j].line <= 0) {
		ml_buf_puts(b, "<div class=\"row flag\"><span class=\"no\">"
			       "</span><span class=\"code note\">(the file)"
			       "</span><div class=\"fs\">");
		write_finding(b, &fs->items[j++]);
		ml_buf_puts(b, "</div></div>\n");
	}
	while (ln <= L->nlines) {
		size_t next = j < fs->len ? (size_t)fs->items[j].line
					  : L->nlines + 1;
		size_t from, to;

		if (next > L->nlines + 1)
			next = L->nlines + 1;
		if (ln == next) {
			k = j;
			while (k < fs->len && (size_t)fs->items[k].line == ln)
				k++;
			write_row(b, L, ln, &fs->items[j], k - j);
			j = k;
			ln++;
			continue;
		}
		/* Clean lines ln..next-1: CONTEXT of them stay beside each
		 * finding, a longer middle folds. */
		from = ln == 1 ? 1 : ln + CONTEXT;
		to = next == L->nlines + 1 ? next
		     : next > CONTEXT	   ? next - CONTEXT
					   : 0; /* a finding on line 2 or 3 */
		if (to >= from + FOLD_MIN) {
			for (; ln < from; ln++)
				write_row(b, L, ln, NULL, 0);
			ml_buf_printf(b,
				      "<details class=\"gap\"><summary>lines "
				      "%zu&ndash;%zu: no findings</summary>\n",
				      from, to - 1);
			for (; ln < to; ln++)
				write_row(b, L, ln, NULL, 0);
			ml_buf_puts(b, "</details>\n");
		}
		for (; ln < next; ln++)
			write_row(b, L, ln, NULL, 0);
	}
	/* Findings past the end (a missing section at end of file). */
	for (; j < fs->len; j++) {
		ml_buf_puts(b, "<div class=\"row flag\"><span class=\"no\">"
			       "</span><span class=\"code note\">(end of file)"
			       "</span><div class=\"fs\">");
		write_finding(b, &fs->items[j]);
		ml_buf_puts(b, "</div></div>\n");
	}
}

static int write_article(ml_buf *b, const ml_file_result *r, size_t idx)
{
	ml_buf text = ML_BUF_INIT(ML_LIMIT_TEXT);
	lines L = { NULL, 0, NULL, 0 };
	size_t j, e = 0, w = 0;
	int rc = ML_OK;

	for (j = 0; j < r->findings.len; j++)
		if (r->findings.items[j].severity == ML_SEV_ERROR)
			e++;
		else
			w++;
	ml_buf_printf(b, "<section class=\"article\" id=\"file-%zu\"><h2>",
		      idx);
	put_cstr(b, r->path);
	ml_buf_printf(b, " <span class=\"note\">%zu %s, %zu %s</span></h2>\n",
		      e, plural(e, "error", "errors"), w,
		      plural(w, "warning", "warnings"));
	if (r->error) {
		ml_buf_puts(b, "<p class=\"fileerr\">");
		put_cstr(b, r->error);
		ml_buf_puts(b, "</p>\n");
	} else if ((rc = ml_buf_read_file(&text, r->path, NULL)) != ML_OK) {
		/* Gone or changed since it was linted: the findings alone. */
		if (rc == ML_ENOMEM)
			goto done;
		rc = ML_OK;
		ml_buf_puts(b, "<p class=\"note\">The file could not be read "
			       "again to show its lines.</p>\n");
		for (j = 0; j < r->findings.len; j++)
			write_finding(b, &r->findings.items[j]);
	} else {
		rc = split_lines(&L, ml_buf_cstr(&text), text.len);
		if (rc == ML_OK)
			write_lines(b, &L, &r->findings);
	}
	ml_buf_puts(b, "</section>\n");
done:
	free(L.start);
	ml_buf_dispose(&text);
	return rc;
}

/* Writes out what b holds, unless a write to b was refused since the
 * last flush: the one check per part of the page (head and summary, each
 * article, the end), and nothing of a part with a hole is written. */
static int flush(FILE *out, ml_buf *b)
{
	int rc = ml_buf_failed(b);

	if (rc)
		return rc;
	if (b->len && fwrite(b->ptr, 1, b->len, out) != b->len)
		rc = ML_EIO;
	ml_buf_clear(b);
	return rc;
}

int ml_report_html(FILE *out, const ml_file_result *r, size_t n,
		   const ml_summary *sum)
{
	ml_buf b = ML_BUF_INIT(ML_LIMIT_OUTPUT);
	size_t(*count)[2] = calloc(ML_RULE__COUNT, sizeof(*count));
	size_t i;
	int rc = ML_OK;

	if (!count)
		return ML_ENOMEM;
	count_rules(r, n, count);
	write_head(&b, sum, count);
	write_summary(&b, r, n, sum, count);
	ml_buf_puts(&b, "<main>\n");
	rc = flush(out, &b);
	for (i = 0; i < n && rc == ML_OK; i++) {
		if (!r[i].findings.len && !r[i].error)
			continue;
		rc = write_article(&b, &r[i], i);
		if (rc == ML_OK)
			rc = flush(out, &b);
	}
	if (rc == ML_OK) {
		ml_buf_puts(&b, "</main>\n</body>\n</html>\n");
		rc = flush(out, &b);
	}
	ml_buf_dispose(&b);
	free(count);
	return rc == ML_OK && ferror(out) ? ML_EIO : rc;
}
