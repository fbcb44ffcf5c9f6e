/* fuzz_report.c - libFuzzer target: the report writers. The input's first
 * line (up to 200 bytes, '/' and NUL made '_') is the article's file name,
 * the rest its text; the file is written under a scratch folder, linted,
 * and the result written in all six formats. Every output must hold:
 *
 * - no raw C0 control but line feed (and tab in HTML, which keeps the
 *   article's tabs), no DEL, no C1 control, no bidirectional embedding,
 *   override or isolate, no U+2028/U+2029, and valid UTF-8;
 * - JSON and SARIF that jansson parses;
 * - in HTML, only the elements medlint writes; in Markdown, none.
 *
 * A broken invariant aborts with the format and the offset. */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/report.h"
#include "setup.h"

static ml_run run;
static char dir[4096];

static const char *const FORMATS[] = { "text",	 "json",     "sarif",
				       "github", "markdown", "html" };

/* The elements report/html.c writes (tests/report/test_html.py). */
static const char *const ELEMENTS[] = {
	"html",	   "head", "meta",   "title",	"style",  "body",  "h1",
	"h2",	   "p",	   "strong", "table",	"tr",	  "th",	   "td",
	"code",	   "ul",   "li",     "a",	"input",  "label", "main",
	"section", "div",  "span",   "details", "summary"
};

static void fail(const char *fmt, const char *what, size_t at)
{
	fprintf(stderr, "fuzz_report: %s output: %s at byte %zu\n", fmt, what,
		at);
	abort();
}

static void remove_dir(void)
{
	(void)rmdir(dir);
}

/* The length of the UTF-8 sequence at s[0..n) and its code point; 0 when
 * it is not valid UTF-8. */
static size_t decode(const unsigned char *s, size_t n, unsigned *cp)
{
	size_t len = s[0] < 0x80		    ? 1
		     : s[0] >= 0xC2 && s[0] <= 0xDF ? 2
		     : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
		     : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4
						    : 0;
	unsigned c = len == 1	? s[0]
		     : len == 2 ? s[0] & 0x1Fu
		     : len == 3 ? s[0] & 0x0Fu
				: s[0] & 0x07u;
	size_t i;

	if (!len || n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3Fu);
	}
	if ((len == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) ||
	    (len == 4 && (c < 0x10000 || c > 0x10FFFF)))
		return 0;
	*cp = c;
	return len;
}

static void check_chars(const char *fmt, const char *s, size_t n, int tabs)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;
	unsigned cp = 0;

	while (i < n) {
		if (!(k = decode(p + i, n - i, &cp)))
			fail(fmt, "invalid UTF-8", i);
		if ((cp < 0x20 && cp != '\n' && !(tabs && cp == '\t')) ||
		    (cp >= 0x7F && cp <= 0x9F))
			fail(fmt, "raw control character", i);
		if ((cp >= 0x202A && cp <= 0x202E) ||
		    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 ||
		    cp == 0x2029)
			fail(fmt, "raw bidirectional or separator character",
			     i);
		i += k;
	}
}

static void check_elements(const char *fmt, const char *s, size_t n, int any)
{
	size_t i, k, e;

	for (i = 0; i < n; i++) {
		if (s[i] != '<')
			continue;
		if (!any)
			fail(fmt, "an element", i);
		k = i + 1 + (i + 1 < n && s[i + 1] == '/');
		for (e = k; e < n && ((s[e] >= 'a' && s[e] <= 'z') ||
				      (s[e] >= '0' && s[e] <= '9'));
		     e++)
			;
		if (e == k && n - k >= 8 && !memcmp(s + k, "!DOCTYPE", 8))
			continue;
		for (size_t j = 0; j < ML_ARRAY_LEN(ELEMENTS); j++)
			if (strlen(ELEMENTS[j]) == e - k &&
			    !memcmp(s + k, ELEMENTS[j], e - k) && e < n &&
			    (s[e] == '>' || s[e] == ' '))
				goto next;
		fail(fmt, "an element medlint does not write", i);
next:;
	}
}

static void check(int f, const char *s, size_t n)
{
	const char *fmt = FORMATS[f];
	json_error_t err;

	check_chars(fmt, s, n, f == ML_FMT_HTML);
	if (f == ML_FMT_JSON || f == ML_FMT_SARIF) {
		json_t *j = json_loadb(s, n, 0, &err);
		if (!j) {
			fprintf(stderr, "fuzz_report: %s: %s\n", fmt, err.text);
			fail(fmt, "not JSON", (size_t)err.position);
		}
		json_decref(j);
	}
	if (f == ML_FMT_HTML || f == ML_FMT_MARKDOWN)
		check_elements(fmt, s, n, f == ML_FMT_HTML);
}

/* The file name from the first line of the input: *used bytes of data. */
static void file_name(const uint8_t *data, size_t size, char *path, size_t cap,
		      size_t *used)
{
	char name[256];
	size_t i, k = 0;

	for (i = 0; i < size && i < 200 && data[i] != '\n'; i++)
		name[k++] = data[i] == '/' || data[i] == '\0' ? '_'
							      : (char)data[i];
	name[k] = '\0';
	*used = i < size ? i + 1 : i;
	if (!k || !strcmp(name, ".") || !strcmp(name, ".."))
		(void)snprintf(name, sizeof(name), "article.md");
	(void)snprintf(path, cap, "%s/%s", dir, name);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[4096 + 256];
	ml_file_result res;
	ml_summary sum;
	size_t used, n;
	char *text, *out;
	FILE *f;
	int fmt;

	if (!run.profile) {
		const char *tmp = getenv("TMPDIR");
		fuzz_run_init(&run, fuzz_default_profile());
		(void)snprintf(dir, sizeof(dir), "%s/fuzz-report-XXXXXX",
			       tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(dir))
			abort();
		atexit(remove_dir);
	}
	file_name(data, size, path, sizeof(path), &used);
	if (!(text = malloc(size - used + 1)))
		return 0;
	memcpy(text, data + used, size - used);
	text[size - used] = '\0';
	f = fopen(path, "wb");
	if (!f || fwrite(text, 1, size - used, f) != size - used || fclose(f))
		abort();
	if (ml_lint_text(&run, path, text, size - used, &res) != ML_OK) {
		(void)unlink(path);
		free(text);
		ml_file_result_dispose(&res);
		return 0; /* out of memory only */
	}
	memset(&sum, 0, sizeof(sum));
	ml_summary_count(&sum, &res, 1);
	for (fmt = ML_FMT_TEXT; fmt <= ML_FMT_HTML; fmt++) {
		out = NULL;
		n = 0;
		if (!(f = open_memstream(&out, &n)))
			abort();
		if (ml_report_write(f, (ml_format)fmt, &res, 1, &sum, 0))
			abort(); /* only out of memory or a write may fail */
		if (fclose(f))
			abort();
		check(fmt, out, n);
		free(out);
	}
	(void)unlink(path);
	ml_file_result_dispose(&res);
	free(text);
	return 0;
}
