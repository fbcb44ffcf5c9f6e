/* Unit tests for the document model: headings and sections, words,
 * paragraphs, lists, text runs, links and comments, and that every
 * position is a file position (front matter, CRLF, BOM, escapes). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "parse/document.h"
#include "util/common.h"

static ml_document *parse(const char *s, int first_line, long base)
{
	ml_document *d = ml_document_parse(s, strlen(s), first_line, base);
	assert_non_null(d);
	return d;
}

/* The file offset and the position must name the same byte. */
static void assert_at(const char *file, long offset, const char *what)
{
	assert_memory_equal(file + offset, what, strlen(what));
}

static const char sections_md[] =
	"---\n"						/* 1 */
	"title: x\n"					/* 2 */
	"---\n"						/* 3 */
	"# Term: Title\n"				/* 4 */
	"\n"						/* 5 */
	"Reviewed by X\n"				/* 6 */
	"\n"						/* 7 */
	"## Alpha\n"					/* 8 */
	"\n"						/* 9 */
	"one two three\n"				/* 10 */
	"\n"						/* 11 */
	"```\n"						/* 12 */
	"## Not a heading\n"				/* 13 */
	"```\n"						/* 14 */
	"\n"						/* 15 */
	"> ## Quoted\n"					/* 16 */
	"\n"						/* 17 */
	"<div>\n"					/* 18 */
	"## Html\n"					/* 19 */
	"</div>\n"					/* 20 */
	"\n"						/* 21 */
	"### Sub\n"					/* 22 */
	"\n"						/* 23 */
	"four five `code x` six <!-- seven eight -->\n" /* 24 */
	"\n"						/* 25 */
	"Setext\n"					/* 26 */
	"------\n"					/* 27 */
	"\n"						/* 28 */
	"nine\n";					/* 29 */

static void test_headings_and_sections(void **state)
{
	const char *body = sections_md + 17;
	ml_document *d = parse(body, 4, 17);
	const ml_heading *h = d->headings;

	(void)state;
	assert_int_equal(d->nheadings, 4);
	assert_int_equal(d->title, 0);
	assert_string_equal(h[0].text, "Term: Title");
	assert_int_equal(h[0].line, 4);
	assert_int_equal(h[1].level, 2);
	assert_string_equal(h[1].text, "Alpha");
	assert_int_equal(h[1].line, 8);
	assert_int_equal(h[1].end_line, 25);
	assert_int_equal(h[2].level, 3);
	assert_int_equal(h[2].line, 22);
	assert_int_equal(h[2].parent, 1);
	assert_int_equal(h[2].end_line, 25);
	assert_true(h[3].setext);
	assert_string_equal(h[3].text, "Setext");
	assert_int_equal(h[3].line, 26);
	assert_int_equal(h[3].end_line, 29);
	assert_int_equal(h[0].end_line, 29);
	assert_int_equal(d->last_line, 29);
	assert_at(sections_md, h[2].offset, "### Sub");
	ml_document_free(d);
}

static void test_words_skip_code_comments_headings(void **state)
{
	ml_document *d = parse(sections_md + 17, 4, 17);
	const ml_heading *h = d->headings;

	(void)state;
	assert_int_equal(h[2].own_words, 3); /* four five six */
	assert_int_equal(h[1].own_words, 3);
	assert_int_equal(h[1].words, 6);
	assert_int_equal(h[3].words, 1);
	assert_int_equal(h[0].words, 10);
	assert_int_equal(h[1].first_paragraph, 1);
	assert_int_equal(h[1].end_paragraph, 3);
	assert_string_equal(d->paragraphs[2].text, "four five code x six");
	assert_int_equal(d->ncomments, 1);
	assert_int_equal(d->comments[0].line, 24);
	assert_int_equal(d->comments[0].column, 24);
	assert_memory_equal(d->comments[0].text, " seven eight ", 13);
	ml_document_free(d);
}

static const char runs_md[] =
	"Some *text* [1] here\n"		       /* 1 */
	"  and line two [2] with \\[3\\] &amp; [4].\n" /* 2 */
	"> quote line [7]\n"			       /* 3 */
	"continued lazy [8]\n"			       /* 4 */
	"\n"					       /* 5 */
	"[r]: http://x\n"			       /* 6 */
	"after ref [11]\n"			       /* 7 */
	"\n"					       /* 8 */
	"| a | b [12] |\n"			       /* 9 */
	"|---|---|\n"				       /* 10 */
	"| c \\| d | e |\n";			       /* 11 */

static const ml_text *run_with(const ml_document *d, const char *prefix)
{
	size_t i;

	for (i = 0; i < d->ntexts; i++)
		if (!strncmp(d->texts[i].text, prefix, strlen(prefix)))
			return &d->texts[i];
	fail_msg("no text run starting with \"%s\"", prefix);
	return NULL;
}

/* cmark-gfm 0.29 gets these columns wrong; the document must not. */
static void test_text_positions(void **state)
{
	ml_document *d = parse(runs_md, 1, 0);
	const ml_text *t;
	int line, col;
	long off;

	(void)state;
	t = run_with(d, "and line two");
	assert_int_equal(t->line, 2);
	assert_int_equal(t->column, 3);
	assert_false(t->verbatim);
	ml_document_text_pos(d, t, strlen("and line two [2] with [3] & "),
			     &line, &col, &off);
	assert_at(runs_md, off, "[4]");
	assert_int_equal(line, 2);
	assert_int_equal(col, 37);
	t = run_with(d, "continued lazy");
	assert_int_equal(t->line, 4);
	assert_int_equal(t->column, 1);
	assert_true(t->flags & ML_IN_QUOTE);
	t = run_with(d, "after ref");
	assert_int_equal(t->line, 7);
	assert_int_equal(t->column, 1);
	assert_int_equal(d->paragraphs[2].line, 7);
	t = run_with(d, "b [12]");
	assert_true(t->flags & ML_IN_TABLE);
	assert_at(runs_md, t->offset, "b [12]");
	t = run_with(d, "c | d");
	assert_int_equal(t->line, 11);
	assert_int_equal(t->column, 3);
	ml_document_text_pos(d, t, 4, &line, &col, &off);
	assert_at(runs_md, off, "d |");
	ml_document_free(d);
}

static const char lists_md[] =
	"3. First entry\n"			      /* 1 */
	"   wraps here.\n"			      /* 2 */
	"4. Second *entry* https://doi.org/10.1/x.\n" /* 3 */
	"   - nested a\n"			      /* 4 */
	"   - nested b\n"			      /* 5 */
	"5.\n"					      /* 6 */
	"\n"					      /* 7 */
	"After.\n";				      /* 8 */

static void test_lists_and_items(void **state)
{
	ml_document *d = parse(lists_md, 10, 100);
	const ml_list *l;
	const ml_list_item *it;

	(void)state;
	assert_int_equal(d->nlists, 2);
	l = &d->lists[0];
	assert_true(l->ordered);
	assert_int_equal(l->start, 3);
	assert_int_equal(l->nitems, 3);
	it = &d->items[l->first_item];
	assert_int_equal(it[0].number, 3);
	assert_int_equal(it[0].line, 10);
	assert_int_equal(it[0].column, 4);
	assert_int_equal(it[0].offset, 103);
	assert_int_equal(it[0].len, strlen("First entry\n   wraps here."));
	assert_memory_equal(it[0].src, "First entry\n   wraps here.",
			    it[0].len);
	assert_int_equal(it[0].end_line, 11);
	assert_int_equal(it[1].number, 4);
	assert_memory_equal(it[1].src,
			    "Second *entry* https://doi.org/10.1/x.\n", 39);
	assert_int_equal(it[2].number, 5);
	assert_int_equal(it[2].len, 0);
	l = &d->lists[1];
	assert_false(l->ordered);
	assert_int_equal(d->items[l->first_item + 1].number, 2);
	assert_memory_equal(d->items[l->first_item + 1].src, "nested b", 8);
	assert_int_equal(d->items[l->first_item + 1].line, 14);
	ml_document_free(d);
}

static const char links_md[] =
	"See <https://a.example/x> and [ref][r] and ![pic](p.png \"t\") and "
	"www.example.com/y), done\n" /* 1 */
	"`http://code.example` and [in](https://b.example/(x)) "
	"https://doi.org/10.1/x.\n"   /* 2 */
	"\n"			      /* 3 */
	"```\n"			      /* 4 */
	"https://fenced.example\n"    /* 5 */
	"```\n"			      /* 6 */
	"\n"			      /* 7 */
	"[r]: https://ref.example\n"; /* 8 */

static void test_links(void **state)
{
	ml_document *d = parse(links_md, 1, 0);
	const ml_link *l = d->links;

	(void)state;
	assert_int_equal(d->nlinks, 6);
	assert_int_equal(l[0].kind, ML_LINK_AUTOLINK);
	assert_string_equal(l[0].url, "https://a.example/x");
	assert_at(links_md, l[0].offset, "<https://a.example/x>");
	assert_int_equal(l[1].kind, ML_LINK_REFERENCE);
	assert_string_equal(l[1].url, "https://ref.example");
	assert_at(links_md, l[1].offset, "[ref][r]");
	assert_true(l[2].image);
	assert_at(links_md, l[2].offset, "![pic]");
	assert_int_equal(l[3].kind, ML_LINK_BARE);
	assert_string_equal(l[3].url, "http://www.example.com/y");
	assert_at(links_md, l[3].offset, "www.example.com/y)");
	assert_int_equal(l[4].kind, ML_LINK_INLINE);
	assert_string_equal(l[4].url, "https://b.example/(x)");
	assert_int_equal(l[4].line, 2);
	assert_at(links_md, l[4].offset, "[in]");
	assert_string_equal(l[5].url, "https://doi.org/10.1/x");
	assert_at(links_md, l[5].offset, "https://doi.org/10.1/x.");
	ml_document_free(d);
}

static void test_crlf_bom_and_offsets(void **state)
{
	static const char md[] =
		"\xEF\xBB\xBF# Title\r\n\r\nText [1] &amp; more\r\n"
		"  next [2]\r\n\r\n<!-- c -->\r\n";
	ml_document *d = parse(md, 1, 0);
	const ml_text *t;

	(void)state;
	assert_int_equal(d->headings[0].line, 1);
	assert_int_equal(d->headings[0].column, 1); /* the BOM is invisible */
	assert_at(md, d->headings[0].offset, "# Title");
	t = run_with(d, "next");
	assert_int_equal(t->line, 4);
	assert_int_equal(t->column, 3);
	assert_at(md, t->offset, "next [2]");
	assert_int_equal(d->ncomments, 1);
	assert_int_equal(d->comments[0].line, 6);
	assert_int_equal(d->last_line, 6);
	ml_document_free(d);
}

static void test_empty_and_unterminated(void **state)
{
	ml_document *d = parse("", 5, 40);

	(void)state;
	assert_int_equal(d->nheadings, 0);
	assert_int_equal(d->title, -1);
	assert_int_equal(d->last_line, 5);
	ml_document_free(d);
	d = parse("no newline", 2, 0);
	assert_int_equal(d->last_line, 2);
	assert_int_equal(d->preamble_words, 2);
	ml_document_free(d);
	d = parse("<!-- open\n\nnever closed", 1, 0);
	assert_int_equal(d->ncomments, 0);
	ml_document_free(d);
}

/* n copies of unit, NUL-terminated. */
static char *repeat(const char *unit, size_t n, size_t *len)
{
	size_t u = strlen(unit), i;
	char *s = malloc(u * n + 1);

	assert_non_null(s);
	for (i = 0; i < n; i++)
		memcpy(s + i * u, unit, u);
	s[u * n] = '\0';
	*len = u * n;
	return s;
}

static int bounded(const char *s, size_t len, ml_document_limit *why)
{
	ml_document *d = NULL;
	int rc = ml_document_parse_bounded(s, len, 3, 10, &d, why);

	if (rc)
		assert_null(d);
	ml_document_free(d);
	return rc;
}

/* The inputs on which cmark-gfm 0.29.0.gfm.6 goes quadratic or cubic, or
 * its memory grows past the budget, are refused; the real forms of the
 * same constructs are not. */
static void test_parse_budget(void **state)
{
	ml_document_limit why;
	ml_document *d;
	size_t len;
	char *s;

	(void)state;
	/* 30 KB of table rows whose delimiter never matches: quadratic. */
	s = repeat("|a|b|\n|-|\n", 3000, &len);
	assert_int_equal(bounded(s, len, &why), ML_ELIMIT);
	assert_int_equal(why.line, 3);
	assert_non_null(strstr(why.what, "delimiter"));
	free(s);
	/* A real table of 3,000 rows parses. */
	s = repeat("| a | b |\n", 3000, &len);
	memcpy(s + 10, "| - | - |\n", 10);
	assert_int_equal(bounded(s, len, &why), ML_OK);
	free(s);
	/* 1.8 MB of images with links in them: cubic. */
	s = repeat("![[]()", 300000, &len);
	assert_int_equal(bounded(s, len, &why), ML_ELIMIT);
	assert_non_null(strstr(why.what, "brackets"));
	free(s);
	/* The same 300,000 links, 100 to a paragraph, parse. */
	s = repeat("See [a](b) and [c](d), [e](f) or [g](h), [i](j).\n\n",
		   20000, &len);
	assert_int_equal(bounded(s, len, &why), ML_OK);
	free(s);
	/* Many paragraphs just under the per-paragraph limit. */
	s = repeat("![[]()![[]()![[]()![[]()![[]()\n", 800, &len);
	assert_int_equal(ml_document_precheck(s, len, 1, &why), ML_OK);
	free(s);
	s = repeat("[]()\n", 7999, &len);
	assert_int_equal(ml_document_precheck(s, len, 1, &why), ML_OK);
	free(s);
	/* Block quotes 200 deep; 50 deep is fine. */
	s = repeat(">", 200, &len);
	assert_int_equal(bounded(s, len, &why), ML_ELIMIT);
	assert_non_null(strstr(why.what, "nested"));
	free(s);
	s = repeat("> ", 50, &len);
	d = ml_document_parse(s, len, 1, 0);
	assert_non_null(d);
	ml_document_free(d);
	free(s);
	/* 400 KB of one-letter list items: ~170 bytes of cmark memory per
	 * input byte, past the budget of 4 MiB + 64 per byte. */
	s = repeat("- a\n", 100000, &len);
	assert_int_equal(bounded(s, len, &why), ML_ELIMIT);
	assert_non_null(strstr(why.what, "memory"));
	assert_int_equal(why.line, 3);
	free(s);
	/* The same items with words in them are an ordinary long list. */
	s = repeat("- a list item of a few words, as a reference is\n", 10000,
		   &len);
	assert_int_equal(bounded(s, len, &why), ML_OK);
	free(s);
}

/* Deep nesting and long lines stay linear and never crash. */
static void test_pathological(void **state)
{
	size_t n = 200000, i;
	char *s = malloc(n + 1);
	ml_document *d;
	ml_document_limit why;

	(void)state;
	for (i = 0; i < n; i++)
		s[i] = "> *[`"[i % 5];
	s[n] = '\0';
	/* 40,000 brackets in one paragraph: over the parse budget. */
	assert_int_equal(ml_document_parse_bounded(s, n, 1, 0, &d, &why),
			 ML_ELIMIT);
	assert_null(d);
	assert_int_equal(why.line, 1);
	/* Without the brackets it parses. */
	for (i = 0; i < n; i++)
		s[i] = "> *a`"[i % 5];
	d = parse(s, 1, 0);
	ml_document_free(d);
	/* 100,000 emphasis delimiters: a node each, past the memory budget;
	 * 10,000 parse. */
	for (i = 0; i < n; i++)
		s[i] = i % 2 ? '*' : 'a';
	assert_int_equal(ml_document_parse_bounded(s, n, 1, 0, &d, &why),
			 ML_ELIMIT);
	assert_non_null(strstr(why.what, "memory"));
	s[20000] = '\0';
	d = parse(s, 1, 0);
	assert_int_equal(d->nparagraphs, 1);
	ml_document_free(d);
	/* 5,000 nested lists: each item settled once, not per level;
	 * 20,000 are past the memory budget. */
	for (i = 0; i + 2 <= 40000; i += 2)
		memcpy(s + i, "- ", 2);
	s[40000] = 'x';
	s[40001] = '\0';
	assert_int_equal(ml_document_parse_bounded(s, 40001, 1, 0, &d, &why),
			 ML_ELIMIT);
	d = parse(s + 30000, 1, 0);
	assert_int_equal(d->nlists, 5000);
	assert_int_equal(d->items[4999].len, 1);
	ml_document_free(d);
	free(s);
}

/* The plain text of a paragraph collapses every run of white space,
 * across text runs too, to one space; a word needs a letter or digit;
 * a control byte belongs to its word; a "www." in any case is a bare
 * URL. Runs longer than eight bytes take the word scan's fast path. */
static const char plain_md[] =
	"Tabs\there,  two  spaces &#9; and &nbsp; more words in one literal\n"
	"ctl\001word x:y wwwx -- \n"
	"\n"
	"see the WWW.example.net/a-longer-path page  \n"
	"\n"
	"#\tTitle   with\t\tgaps\n";

static void test_plain_text_collapse(void **state)
{
	ml_document *d = parse(plain_md, 1, 0);

	(void)state;
	assert_int_equal(d->nparagraphs, 2);
	assert_string_equal(d->paragraphs[0].text,
			    "Tabs here, two spaces and \302\240 more words in "
			    "one literal ctl\001word x:y wwwx --");
	assert_string_equal(d->paragraphs[1].text,
			    "see the WWW.example.net/a-longer-path page");
	assert_int_equal(d->preamble_words, 13 + 4);
	assert_int_equal(d->nlinks, 1);
	assert_int_equal(d->links[0].kind, ML_LINK_BARE);
	assert_string_equal(d->links[0].url,
			    "http://WWW.example.net/a-longer-path");
	assert_int_equal(d->links[0].column, 9);
	assert_int_equal(d->nheadings, 1);
	assert_string_equal(d->headings[0].text, "Title with gaps");
	ml_document_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headings_and_sections),
		cmocka_unit_test(test_words_skip_code_comments_headings),
		cmocka_unit_test(test_text_positions),
		cmocka_unit_test(test_lists_and_items),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_crlf_bom_and_offsets),
		cmocka_unit_test(test_empty_and_unterminated),
		cmocka_unit_test(test_pathological),
		cmocka_unit_test(test_parse_budget),
		cmocka_unit_test(test_plain_text_collapse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
