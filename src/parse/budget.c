/* parse/budget.c - the checks made on a Markdown body before cmark-gfm sees
 * it (document.h, ml_document_precheck): the inputs on which Debian's
 * cmark-gfm 0.29.0.gfm.6 goes quadratic or cubic are recognised from the
 * raw text in one pass, so that they end in a finding instead.
 *
 * Blocks are approximated as runs of lines between blank lines, list
 * items and headings: a real paragraph is never longer, so the estimate
 * only errs towards too much. */
#include <stdio.h>
#include <string.h>

#include "parse/document.h"
#include "util/common.h"

typedef struct {
	int line;	 /* first line of the current block */
	size_t bytes;	 /* bytes of the block so far */
	size_t brackets; /* '[' in the block */
	size_t bracket_work, table_work;
	size_t columns;	  /* cells of the current table's delimiter row */
	size_t cell_work; /* rows' cells times their table's columns */
} scan;

static int is_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* After up to three spaces: "#", "- ", "* ", "+ ", "1. ", "1) ". */
static int starts_block(const char *s, size_t n)
{
	size_t i = 0, d;

	while (i < n && i < 3 && s[i] == ' ')
		i++;
	if (i < n && s[i] == '#')
		return 1;
	if (i + 1 < n && (s[i] == '-' || s[i] == '*' || s[i] == '+') &&
	    (s[i + 1] == ' ' || s[i + 1] == '\t'))
		return 1;
	for (d = i; d < n && d - i < 9 && s[d] >= '0' && s[d] <= '9'; d++)
		;
	return d > i && d + 1 < n && (s[d] == '.' || s[d] == ')') &&
	       (s[d + 1] == ' ' || s[d + 1] == '\t');
}

/* Only '|', '-', ':' and blanks, with a '|' and a '-': a line the table
 * extension tries as a delimiter row under the paragraph above it. */
static int delimiter_like(const char *s, size_t n)
{
	size_t i;
	int pipe = 0, dash = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '|')
			pipe = 1;
		else if (s[i] == '-')
			dash = 1;
		else if (s[i] != ':' && s[i] != ' ' && s[i] != '\t' &&
			 s[i] != '\r')
			return 0;
	}
	return pipe && dash;
}

/* Block-quote markers opening the line. */
static size_t quote_depth(const char *s, size_t n)
{
	size_t i, depth = 0;

	for (i = 0; i < n && (s[i] == '>' || s[i] == ' ' || s[i] == '\t'); i++)
		depth += s[i] == '>';
	return depth;
}

static int end_block(scan *sc, ml_document_limit *why)
{
	sc->bracket_work += sc->brackets * sc->brackets;
	if (sc->brackets > ML_DOC_MAX_BRACKETS) {
		(void)snprintf(why->what, sizeof(why->what),
			       "%zu link or image brackets in one paragraph "
			       "(at most %d)",
			       sc->brackets, ML_DOC_MAX_BRACKETS);
		why->line = sc->line;
		return ML_ELIMIT;
	}
	if (sc->bracket_work > ML_DOC_BRACKET_WORK) {
		(void)snprintf(
			why->what, sizeof(why->what),
			"too many link or image brackets in paragraphs "
			"(at most %d in all, counted per paragraph squared)",
			ML_DOC_MAX_BRACKETS);
		why->line = sc->line;
		return ML_ELIMIT;
	}
	sc->bytes = sc->brackets = sc->columns = 0;
	return ML_OK;
}

/* A table row's cells: its '|' plus one, a bound on what the table
 * extension splits it into. */
static size_t cells(const char *s, size_t n)
{
	size_t i, k = 1;

	for (i = 0; i < n; i++)
		k += s[i] == '|';
	return k;
}

/* Table width: each row after a delimiter row costs its cells times the
 * table's columns, counted against ML_DOC_TABLE_CELLS. */
static int table_row(scan *sc, const char *l, size_t n, int delimiter, int line,
		     ml_document_limit *why)
{
	size_t k;

	if (delimiter && !sc->columns)
		sc->columns = cells(l, n);
	if (!sc->columns || !memchr(l, '|', n))
		return ML_OK;
	k = cells(l, n);
	sc->cell_work += k * sc->columns;
	if (sc->cell_work <= ML_DOC_TABLE_CELLS && k <= ML_DOC_TABLE_CELLS)
		return ML_OK;
	(void)snprintf(why->what, sizeof(why->what),
		       "tables too wide (%zu columns here; rows' cells times "
		       "columns at most %zu in all)",
		       sc->columns, ML_DOC_TABLE_CELLS);
	why->line = line;
	return ML_ELIMIT;
}

static size_t count(const char *s, size_t len, char c, size_t stop)
{
	const char *q = s, *end = s + len;
	size_t n = 0;

	while (n < stop && (q = memchr(q, c, (size_t)(end - q)))) {
		n++;
		q++;
	}
	return n;
}

int ml_document_precheck(const char *s, size_t len, int first_line,
			 ml_document_limit *why)
{
	scan sc;
	size_t i = 0;
	int line = first_line > 0 ? first_line : 1;

	memset(&sc, 0, sizeof(sc));
	memset(why, 0, sizeof(*why));
	/* Most articles have no table, few brackets and no deep quotes:
	 * then no limit can be reached, and memchr passes tell; a count
	 * cannot pass its limit in a body no longer than it, so most
	 * articles (a few KB) need only the '|' pass and the '>' one. */
	if ((len <= ML_DOC_MAX_BRACKETS ||
	     count(s, len, '[', ML_DOC_MAX_BRACKETS + 1) <=
		     ML_DOC_MAX_BRACKETS) &&
	    count(s, len, '>', ML_DOC_MAX_NESTING + 1) <= ML_DOC_MAX_NESTING &&
	    !memchr(s, '|', len))
		return ML_OK;
	sc.line = line;
	while (i < len) {
		const char *l = s + i, *nl = memchr(l, '\n', len - i);
		size_t n = nl ? (size_t)(nl - l) : len - i, k;

		if (is_blank(l, n) || starts_block(l, n)) {
			if (end_block(&sc, why))
				return ML_ELIMIT;
			sc.line = line;
		}
		if (quote_depth(l, n) > ML_DOC_MAX_NESTING) {
			(void)snprintf(
				why->what, sizeof(why->what),
				"block quotes nested %zu deep (at most %d)",
				quote_depth(l, n), ML_DOC_MAX_NESTING);
			why->line = line;
			return ML_ELIMIT;
		}
		k = (size_t)delimiter_like(l, n);
		if (table_row(&sc, l, n, (int)k, line, why))
			return ML_ELIMIT;
		if (k) {
			sc.table_work += sc.bytes;
			if (sc.table_work > ML_DOC_TABLE_WORK) {
				(void)snprintf(
					why->what, sizeof(why->what),
					"table delimiter rows under a long "
					"paragraph (%zu bytes re-read, at "
					"most %zu)",
					sc.table_work, ML_DOC_TABLE_WORK);
				why->line = sc.line;
				return ML_ELIMIT;
			}
		}
		for (k = 0; k < n; k++)
			sc.brackets += l[k] == '[';
		sc.bytes += n + 1;
		i += n + 1;
		line++;
	}
	return end_block(&sc, why);
}
