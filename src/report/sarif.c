/* report/sarif.c - SARIF 2.1.0 output, as GitHub code scanning takes it.
 *
 * Two things here need more than the findings. Fingerprints must stay the
 * same when unrelated lines move, so they hash the text the finding
 * covers rather than its line number (report/baseline.c); and SARIF counts columns in UTF-16 code
 * units where findings count bytes. Both read the flagged lines back from
 * the file; nothing else of the article is looked at. */
#include "report/report.h"

#include <jansson.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/baseline.h"
#include "report/internal.h"
#include "util/buf.h"
#include "util/common.h"
#include "util/utf8.h"

#ifndef ML_HOMEPAGE
#define ML_HOMEPAGE "https://github.com/medlint/medlint"
#endif

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

/* ---- the rule table as reportingDescriptors ------------------------ */

/* "frontmatter-missing" -> "FrontmatterMissing": SARIF's rule name. */
static void pascal_name(const char *id, char *out, size_t cap)
{
	const char *start = id;
	size_t k = 0;
	int up = 1;

	for (; *id && k + 1 < cap; id++) {
		if (*id == '-') {
			up = 1;
			continue;
		}
		out[k++] = (char)(up && *id >= 'a' && *id <= 'z'
					  ? *id - 'a' + 'A'
					  : *id);
		up = 0;
	}
	/* A one-word id ("wording") would give a name that differs from it
	 * only in case, which SARIF1001 forbids: name it as a rule. */
	out[k] = '\0';
	if (!strchr(start, '-') && k + 5 <= cap)
		memcpy(out + k, "Rule", 5);
}

static const char *level(ml_severity s)
{
	return s == ML_SEV_ERROR     ? "error"
	       : s == ML_SEV_WARNING ? "warning"
				     : "note";
}

static json_t *rule_json(const ml_rule_info *r)
{
	char name[64];
	ml_buf md = ML_BUF_INIT(ML_LIMIT_SHORT);
	json_t *j;

	pascal_name(r->id, name, sizeof(name));
	ml_buf_printf(
		&md,
		"**%s** (default: %s)\n\n%s\n\nRun `medlint --explain %s` "
		"for this text, or silence one line with "
		"`<!-- medlint-disable-next-line %s -->`.",
		r->id, ml_severity_name(r->severity), r->help, r->id, r->id);
	if (ml_buf_failed(&md)) {
		ml_buf_dispose(&md);
		return NULL;
	}
	j = json_pack("{s:s, s:s, s:{s:s}, s:{s:s}, s:{s:s, s:s}, s:{s:s}, "
		      "s:{s:[s], s:s}}",
		      "id", r->id, "name", name, "shortDescription", "text",
		      r->summary, "fullDescription", "text", r->help, "help",
		      "text", r->help, "markdown", ml_buf_cstr(&md),
		      "defaultConfiguration", "level", level(r->severity),
		      "properties", "tags", "health-content", "precision",
		      "very-high");
	/* a rule off until a config turns it on (claim-uncited) */
	if (j && r->severity == ML_SEV_OFF &&
	    json_object_set_new(json_object_get(j, "defaultConfiguration"),
				"enabled", json_false())) {
		json_decref(j);
		j = NULL;
	}
	ml_buf_dispose(&md);
	return j;
}

/* NULL when out of memory: never a table with a rule missing. */
static json_t *driver_json(void)
{
	json_t *rules = json_array();
	int i;

	for (i = 0; i < ML_RULE__COUNT && rules; i++)
		if (json_array_append_new(
			    rules, rule_json(ml_rule_info_get((ml_rule)i)))) {
			json_decref(rules);
			return NULL;
		}
	if (!rules)
		return NULL;
	return json_pack("{s:s, s:s, s:s, s:s, s:o}", "name", "medlint",
			 "version", ML_VERSION, "semanticVersion", ML_VERSION,
			 "informationUri", ML_HOMEPAGE, "rules", rules);
}

/* ---- where files are: URIs relative to the repository root ---------- */

/* The git top-level above the current folder (a .git folder, or a .git
 * file for worktrees and submodules), else the current folder itself. */
int report_source_root(char *out, size_t cap)
{
	char probe[PATH_MAX + 8], *slash;
	struct stat st;

	if (!getcwd(out, cap))
		return ML_EIO;
	for (;;) {
		(void)snprintf(probe, sizeof(probe),
			       "%s/.git", /* fits: out < PATH_MAX */
			       strcmp(out, "/") ? out : "");
		if (lstat(probe, &st) == 0)
			return ML_OK;
		slash = strrchr(out, '/');
		if (!slash || slash == out)
			break;
		*slash = '\0';
	}
	return getcwd(out, cap) ? ML_OK : ML_EIO;
}

/* Lexical absolute form of a path that may not exist (--stdin-filename):
 * "." and ".." segments collapsed against the current folder. */
int report_absolute(const char *path, char *out, size_t cap)
{
	char tmp[PATH_MAX];
	const char *seg = tmp;
	size_t len;

	if (realpath(path, out))
		return ML_OK;
	if (path[0] == '/') {
		if ((size_t)snprintf(tmp, sizeof(tmp), "%s", path) >=
		    sizeof(tmp))
			return ML_EIO;
	} else if (!getcwd(out, cap) ||
		   (size_t)snprintf(tmp, sizeof(tmp), "%s/%s", out, path) >=
			   sizeof(tmp))
		return ML_EIO;
	len = 0;
	while (*seg) {
		const char *end = strchr(seg, '/');
		size_t n = end ? (size_t)(end - seg) : strlen(seg);
		if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			while (len > 0 && out[--len] != '/')
				;
		} else if (n > 0 && !(n == 1 && seg[0] == '.')) {
			if (len + n + 2 > cap)
				return ML_ELIMIT;
			out[len++] = '/';
			memcpy(out + len, seg, n);
			len += n;
		}
		seg += n + (end ? 1 : 0);
	}
	if (len == 0)
		out[len++] = '/';
	out[len] = '\0';
	return ML_OK;
}

/* RFC 3986: keep unreserved characters and '/', escape the rest, so that
 * "a:b.md" cannot read as a URI with the scheme "a". */
static void uri_escape(ml_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || strchr("-._~/", c))
			ml_buf_putc(b, (char)c);
		else {
			ml_buf_putc(b, '%');
			ml_buf_putc(b, hex[c >> 4]);
			ml_buf_putc(b, hex[c & 15]);
		}
	}
}

/* The path relative to the git top-level, URI-escaped, for links to a
 * repository's blob (report/markdown.c); 0 when it lies outside. */
int ml_report_repo_uri(const char *path, ml_buf *uri)
{
	char root[PATH_MAX], abs[PATH_MAX];
	size_t n;
	int rc;

	ml_buf_clear(uri);
	if (report_source_root(root, sizeof(root)) != ML_OK ||
	    report_absolute(path, abs, sizeof(abs)) != ML_OK)
		return 0;
	n = strcmp(root, "/") == 0 ? 0 : strlen(root);
	if (strncmp(abs, root, n) != 0 || abs[n] != '/' || !abs[n + 1])
		return 0;
	uri_escape(uri, abs + n + 1);
	rc = ml_buf_failed(uri);
	return rc ? rc : 1;
}

/* artifactLocation: relative to %SRCROOT% inside the root, else file://.
 * NULL when out of memory. */
static json_t *artifact_json(const char *root, const char *path, ml_buf *uri)
{
	char abs[PATH_MAX];
	size_t n = strlen(root);
	int inside = 0;

	ml_buf_clear(uri);
	if (strcmp(root, "/") == 0)
		n = 0;
	if (report_absolute(path, abs, sizeof(abs)) != ML_OK) {
		uri_escape(uri, path);
	} else if (strncmp(abs, root, n) == 0 && abs[n] == '/' && abs[n + 1]) {
		uri_escape(uri, abs + n + 1);
		inside = 1;
	} else {
		ml_buf_puts(uri, "file://");
		uri_escape(uri, abs);
	}
	if (ml_buf_failed(uri))
		return NULL;
	if (inside)
		return json_pack("{s:s, s:s}", "uri", ml_buf_cstr(uri),
				 "uriBaseId", "%SRCROOT%");
	return json_pack("{s:s}", "uri", ml_buf_cstr(uri));
}

/* ---- the flagged lines ---------------------------------------------- */

typedef struct {
	char *text; /* the file, NUL-terminated; NULL when unreadable */
	size_t len;
	size_t *starts; /* byte offset of each line start */
	size_t nlines, cap;
} source;

/* The file and its line starts; a file that cannot be read again (gone,
 * grown past the largest article, not a regular file) has no text and
 * its findings no snippets. ML_OK or ML_ENOMEM. */
static int source_load(source *s, const char *path)
{
	ml_buf b = ML_BUF_INIT(ML_MAX_FILE_BYTES);
	size_t i;
	int rc;

	memset(s, 0, sizeof(*s));
	rc = ml_buf_read_file(&b, path, NULL);
	if (rc) {
		ml_buf_dispose(&b);
		return rc == ML_ENOMEM ? rc : ML_OK;
	}
	s->len = b.len;
	if (!(s->text = ml_buf_detach(&b)))
		return ML_ENOMEM;
	for (i = 0; i <= s->len; i++)
		if (i == 0 || s->text[i - 1] == '\n') {
			if (ml_grow((void **)&s->starts, &s->cap, s->nlines + 1,
				    sizeof(size_t)))
				return ML_ENOMEM;
			s->starts[s->nlines++] = i;
		}
	return ML_OK;
}

static void source_dispose(source *s)
{
	free(s->text);
	free(s->starts);
	memset(s, 0, sizeof(*s));
}

/* Line `line` (1-based) without its line end; "" when out of range. */
static const char *source_line(const source *s, int line, size_t *len)
{
	size_t a, e;

	*len = 0;
	if (!s->text || line < 1 || (size_t)line > s->nlines)
		return "";
	a = s->starts[line - 1];
	for (e = a; e < s->len && s->text[e] != '\n'; e++)
		;
	if (e > a && s->text[e - 1] == '\r')
		e--;
	*len = e - a;
	return s->text + a;
}

/* Where a column was last counted: findings come sorted by line and
 * column, so a cursor moves a short way from one finding to the next
 * (forwards or back) instead of counting from the line's start each time
 * (a megabyte line with thousands of findings stays linear). */
typedef struct {
	const char *line; /* the line counted in, or NULL */
	size_t byte;	  /* bytes of it counted */
	int u;		  /* the UTF-16 column at byte */
} u16_cursor;

/* One cursor per column a finding asks for: start, end, and the
 * context's start and end. */
typedef struct {
	u16_cursor start, end, ctx_start, ctx_end;
} u16_cursors;

static int u16_units(unsigned char ch)
{
	return (ch & 0xC0) == 0x80 ? 0 : ch >= 0xF0 ? 2 : 1;
}

/* A 1-based byte column to a 1-based UTF-16 column within the line. */
static int utf16_column(u16_cursor *c, const char *line, size_t len, int column)
{
	size_t i = 0, stop = column > 1 ? (size_t)column - 1 : 0;
	int u = 1;

	if (c->line == line) {
		i = c->byte;
		u = c->u;
	}
	for (; i > stop; i--)
		u -= u16_units((unsigned char)line[i - 1]);
	for (; i < stop && i < len; i++)
		u += u16_units((unsigned char)line[i]);
	c->line = line;
	c->byte = i;
	c->u = u;
	return u + (int)(stop > len ? stop - len : 0);
}

/* Snippets are cut to a few hundred bytes around the region: a finding
 * on a megabyte line carries SNIPPET_MAX bytes of it, not the line. */
#define SNIPPET_MAX 256
#define CONTEXT_AROUND 128

/* {"text": s[0..n)} shown through ml_text_escape (the one escaping of
 * every format: no raw control, DEL, C1, bidirectional or other hiding
 * character in a log or a code-scanning view), up to a NUL byte. NULL
 * with *rc ML_ENOMEM when out of memory. */
static json_t *text_json(const char *s, size_t n, int *rc)
{
	const char *nul = memchr(s, '\0', n);
	ml_buf t = ML_BUF_INIT(ML_LIMIT_SHORT);
	json_t *j = NULL;

	if (nul)
		n = (size_t)(nul - s);
	if (ml_text_escape(&t, s, n) == ML_OK)
		j = json_pack("{s:s%}", "text", ml_buf_cstr(&t), t.len);
	if (!j)
		*rc = ML_ENOMEM;
	ml_buf_dispose(&t);
	return j;
}

/* Moves a cut at byte k of l[0..len) back to the start of its UTF-8
 * sequence, so that a snippet never starts or ends inside a character. */
static size_t char_start(const char *l, size_t len, size_t k)
{
	size_t back = 0;

	while (k > 0 && k < len && back < 3 &&
	       ((unsigned char)l[k] & 0xC0) == 0x80)
		k--, back++;
	return k;
}

/* The snippet of a single-line region (when it is at most SNIPPET_MAX
 * bytes) and its line as context, so that a reader of the log sees the
 * text without the checkout; a long line's context is cut to
 * CONTEXT_AROUND bytes either side of the region (at most SNIPPET_MAX of
 * the region), with its columns. ML_OK or ML_ENOMEM. */
static int add_snippets(json_t *loc, json_t *region, const char *l, size_t len,
			int column, int end_column, u16_cursors *cur)
{
	size_t a = column > 1 ? (size_t)column - 1 : 0;
	size_t e = end_column > 1 ? (size_t)end_column - 1 : 0;
	size_t ca, ce;
	int line_no =
		(int)json_integer_value(json_object_get(region, "startLine"));
	int rc = ML_OK;
	json_t *part = NULL, *ctx, *cr;

	if (a > len)
		a = len;
	if (e > len || e < a)
		e = len;
	if (e > a && e - a <= SNIPPET_MAX &&
	    (!(part = text_json(l + a, e - a, &rc)) ||
	     json_object_set_new(region, "snippet", part)))
		return ML_ENOMEM;
	ca = char_start(l, len, a > CONTEXT_AROUND ? a - CONTEXT_AROUND : 0);
	ce = (e - a > SNIPPET_MAX ? a + SNIPPET_MAX : e) + CONTEXT_AROUND;
	ce = char_start(l, len, ce < len ? ce : len);
	if (!(ctx = text_json(l + ca, ce - ca, &rc)))
		return rc;
	if (ca == 0 && ce == len)
		cr = json_pack("{s:i, s:i, s:o}", "startLine", line_no,
			       "endLine", line_no, "snippet", ctx);
	else
		cr = json_pack("{s:i, s:i, s:i, s:i, s:o}", "startLine",
			       line_no, "startColumn",
			       utf16_column(&cur->ctx_start, l, len,
					    (int)ca + 1),
			       "endLine", line_no, "endColumn",
			       utf16_column(&cur->ctx_end, l, len, (int)ce + 1),
			       "snippet", ctx);
	if (json_object_set_new(loc, "contextRegion", cr))
		return ML_ENOMEM;
	return ML_OK;
}

/* physicalLocation: artifact, region (UTF-16 columns) and context. */
static json_t *location_json(const source *s, const ml_finding *f,
			     json_t *artifact, u16_cursors *cur)
{
	size_t len, elen;
	const char *l = source_line(s, f->line, &len);
	int sc = utf16_column(&cur->start, l, len, f->column), el, ec, bend;
	json_t *region, *loc;

	if (f->end_line) {
		const char *e = source_line(s, f->end_line, &elen);
		/* An end line without a column: to the end of that line. */
		el = f->end_line;
		bend = f->end_column ? f->end_column : (int)elen + 1;
		ec = utf16_column(&cur->end, e, elen, bend);
	} else {
		/* No end known: the rest of the line, at least one column. */
		el = f->line;
		ec = utf16_column(&cur->end, l, len, (int)len + 1);
		bend = (int)len + 1;
	}
	/* An end before the start is a column; an end at the start stays an
	 * empty region: something missing belongs there (SARIF 3.30.1). */
	if (el < f->line || (el == f->line && ec < sc)) {
		el = f->line;
		ec = sc + 1;
		bend = f->column + 1;
	}
	region = json_pack("{s:i, s:i, s:i, s:i}", "startLine", f->line,
			   "startColumn", sc, "endLine", el, "endColumn", ec);
	loc = json_pack("{s:o, s:o}", "artifactLocation", artifact, "region",
			region);
	if (loc && s->text && el == f->line && (size_t)f->line <= s->nlines &&
	    add_snippets(loc, region, l, len, f->column, bend, cur)) {
		json_decref(loc);
		return NULL;
	}
	return loc;
}

/* ---- results -------------------------------------------------------- */

/* With a baseline, every result says whether it is new; one the
 * baseline holds is suppressed, so viewers hide it (SARIF 3.27.23,
 * 3.35). */
static int baseline_state(json_t *res, const ml_finding *f)
{
	json_t *sup;

	if (!f->baselined)
		return json_object_set_new(res, "baselineState",
					   json_string("new"));
	sup = json_pack("[{s:s, s:s, s:s}]", "kind", "external", "status",
			"accepted", "justification",
			"accepted in the medlint baseline (--baseline)");
	if (json_object_set_new(res, "baselineState",
				json_string("unchanged")) ||
	    json_object_set_new(res, "suppressions", sup))
		return -1;
	return 0;
}

static json_t *result_json(const ml_finding *f, json_t *artifact,
			   const source *s, const char *fingerprint,
			   u16_cursors *cur, int baseline)
{
	const ml_rule_info *r = ml_rule_info_get(f->rule);
	json_t *res = json_pack("{s:s, s:i, s:s, s:{s:s}, s:[{s:o}], s:{s:s}}",
				"ruleId", r->id, "ruleIndex", (int)f->rule,
				"level", level(f->severity), "message", "text",
				f->message, "locations", "physicalLocation",
				location_json(s, f, artifact, cur),
				"partialFingerprints", ML_FP_KEY, fingerprint);

	if (res && baseline && baseline_state(res, f)) {
		json_decref(res);
		return NULL;
	}
	/* a message the schema worded: the keyword and its own message */
	if (res && ml_finding_keyword(f) &&
	    json_object_set_new(
		    res, "properties",
		    json_pack("{s:s, s:s}", "keyword", ml_finding_keyword(f),
			      "keywordMessage", ml_finding_raw(f)))) {
		json_decref(res);
		return NULL;
	}
	return res;
}

/* The report is streamed: the document around the results is dumped
 * once, and each result is dumped and written as it is made, indented as
 * one dump of the whole would indent it, so memory stays that of one
 * article and one result. */
#define RESULT_INDENT "        "

typedef struct {
	FILE *out;
	size_t written; /* results so far */
} stream;

static int put_result(stream *st, json_t *res)
{
	char *text = res ? json_dumps(res, JSON_PRESERVE_ORDER | JSON_INDENT(2))
			 : NULL;
	const char *p;

	json_decref(res);
	if (!text)
		return ML_ENOMEM;
	fputs(st->written++ ? ",\n" RESULT_INDENT : "\n" RESULT_INDENT,
	      st->out);
	for (p = text; *p; p++) {
		fputc(*p, st->out);
		if (*p == '\n')
			fputs(RESULT_INDENT, st->out);
	}
	free(text);
	return ferror(st->out) ? ML_EIO : ML_OK;
}

static int file_results(stream *st, const char *root, const ml_file_result *r,
			int baseline)
{
	source s;
	ml_buf uri = ML_BUF_INIT(ML_LIMIT_SHORT);
	ml_buf name = ML_BUF_INIT(ML_LIMIT_SHORT);
	char(*fp)[ML_FP_SIZE] = NULL;
	u16_cursors cur;
	json_t *art;
	size_t j;
	int rc = ML_OK;

	if (!r->findings.len)
		return ML_OK;
	memset(&cur, 0, sizeof(cur));
	if ((rc = source_load(&s, r->path)))
		goto done;
	if (!(fp = calloc(r->findings.len, sizeof(*fp)))) {
		rc = ML_ENOMEM;
		goto done;
	}
	/* The fingerprints --baseline matches (report/baseline.c). */
	if ((rc = ml_fp_path(r->path, root, &name)) ||
	    (rc = ml_fp_compute(&r->findings, ml_buf_cstr(&name), s.text, s.len,
				fp)))
		goto done;
	/* One artifactLocation for the file, shared by its results. */
	if (!(art = artifact_json(root, r->path, &uri))) {
		rc = ML_ENOMEM;
		goto done;
	}
	for (j = 0; j < r->findings.len && !rc; j++)
		rc = put_result(st, result_json(&r->findings.items[j],
						json_incref(art), &s, fp[j],
						&cur, baseline));
	json_decref(art);
done:
	free(fp);
	ml_buf_dispose(&uri);
	ml_buf_dispose(&name);
	source_dispose(&s);
	return rc;
}

/* The document with an empty results array, dumped as one piece would
 * be; *tail points just past that array's "[" in the text. */
static char *frame(const ml_file_result *r, size_t n, char **tail)
{
	json_t *doc = json_pack("{s:s, s:s, s:[{s:{s:o}, s:o, s:s, s:[]}]}",
				"$schema", SARIF_SCHEMA, "version", "2.1.0",
				"runs", "tool", "driver", driver_json(),
				"invocations",
				ml_report_sarif_invocations(r, n), "columnKind",
				"utf16CodeUnits", "results");
	char *text = doc ? json_dumps(doc, JSON_PRESERVE_ORDER | JSON_INDENT(2))
			 : NULL;
	char *at = text ? strstr(text, "\"results\": []") : NULL;

	json_decref(doc);
	if (!at) {
		free(text);
		return NULL;
	}
	*tail = at + strlen("\"results\": [");
	return text;
}

int ml_report_sarif(FILE *out, const ml_file_result *r, size_t n,
		    const ml_summary *sum)
{
	char root[PATH_MAX], *tail = NULL, *text;
	stream st = { out, 0 };
	size_t i;
	int rc = report_source_root(root, sizeof(root));

	if (rc)
		return rc;
	if (!(text = frame(r, n, &tail)))
		return ML_ENOMEM;
	fwrite(text, 1, (size_t)(tail - text), out);
	for (i = 0; i < n && !rc; i++)
		rc = file_results(&st, root, &r[i], sum && sum->baseline);
	if (!rc) {
		if (st.written)
			fputs("\n      ", out);
		fputs(tail, out);
		fputc('\n', out);
	}
	free(text);
	if (rc)
		return rc;
	return ferror(out) ? ML_EIO : ML_OK;
}
