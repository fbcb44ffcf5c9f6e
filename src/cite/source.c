/* cite/source.c - what follows the title: a journal (*Journal*,
 * *12*(3), 45–67.), an edited book chapter (In E. Editor (Ed.), *Book*
 * (pp. 1–10). Publisher.), or a publisher or site name. Page ranges take
 * an en dash; a hyphen there gets a fix. */
#include "cite/internal.h"

#include <stdio.h>
#include <string.h>

#include "util/common.h"

#define SNIP 64
#define NDASH "\xE2\x80\x93"

static size_t skip_spaces(const cite_ctx *c, size_t p)
{
	while (p < c->body_end && c->s[p] == ' ')
		p++;
	return p;
}

/* A page or article number: letters and digits with a digit in them. */
static size_t page_token(const cite_ctx *c, size_t p, size_t end)
{
	size_t q = p;
	int digit = 0;

	while (q < end &&
	       ((c->s[q] >= 'A' && c->s[q] <= 'Z') ||
		(c->s[q] >= 'a' && c->s[q] <= 'z') || cite_is_digit(c, q))) {
		digit |= cite_is_digit(c, q);
		q++;
	}
	return digit ? q : p;
}

/* Pages at p ("45–67", "45", "e123", "45–50, 60"): 1 when found, with
 * *after past them. A hyphen or em dash in a range gets a fix. */
int cite_pages(cite_ctx *c, size_t p, size_t end, size_t *after)
{
	size_t q = page_token(c, p, end), r, dlen;
	ml_finding *fd;

	if (q == p)
		return 0;
	while (q < end && cite_is_dash(c, q, &dlen) &&
	       (r = page_token(c, q + dlen, end)) > q + dlen) {
		if (cite_lit(c, q, "--") && c->o && c->o->double_hyphen_dash) {
			/* the site renders it as an en dash */
		} else if (cite_lit(c, q, "--")) {
			/* pandoc and Hugo render '--' as an en dash: a warning */
			fd = cite_report(
				c, ML_RULE_CITATION_SOURCE, q,
				"page range with '--': an en dash only "
				"where the site's Markdown renders '--' "
				"as one; write %.*s" NDASH "%.*s, or set "
				"rules: citation-source: "
				"double_hyphen_dash: true",
				(int)(q - p), c->s + p, (int)(r - q - dlen),
				c->s + q + dlen);
			if (fd)
				fd->at_most_warning = 1;
			cite_fix(c, fd, q, q + dlen, NDASH);
		} else if (!cite_lit(c, q, NDASH)) {
			fd = cite_report(c, ML_RULE_CITATION_SOURCE, q,
					 "page range with '%.*s': write an en "
					 "dash, %.*s" NDASH "%.*s",
					 (int)dlen, c->s + q, (int)(q - p),
					 c->s + p, (int)(r - q - dlen),
					 c->s + q + dlen);
			cite_fix(c, fd, q, q + dlen, NDASH);
		}
		q = r;
		if (cite_lit(c, q, ", ") && page_token(c, q + 2, end) > q + 2 &&
		    q + 2 < end)
			q = page_token(c, q + 2, end);
	}
	*after = q;
	return 1;
}

/* ---- journal -------------------------------------------------------- */

/* A date with a day, "(2016, November 16)": a newspaper, whose plain
 * numbers after its name are pages ("*The Australian*, 1, 5."). */
static int day_dated(const cite_ctx *c)
{
	size_t p;

	if (c->date_s == CITE_NONE)
		return 0;
	for (p = c->date_s; p + 1 < c->date_e; p++)
		if (c->s[p] == ' ' && cite_is_digit(c, p + 1) &&
		    p > c->date_s && cite_is_letter(c, p - 1))
			return 1;
	return 0;
}

/* The volume after "*Journal*, " at p; returns the end or p. */
static size_t journal_volume(cite_ctx *c, size_t p, size_t end)
{
	size_t ve;

	if (p < end && c->it[p]) {
		ve = cite_ital_end(c, p);
		if (memchr(c->s + p, '(', ve - p))
			cite_report(c, ML_RULE_CITATION_SOURCE, p,
				    "the issue number is not italic: "
				    "*volume*(issue)");
		return ve;
	}
	if (cite_is_digit(c, p)) {
		size_t t = page_token(c, p, end), dl;
		if (day_dated(c))
			return end;
		if (!(t < end && cite_is_dash(c, t, &dl))) {
			cite_report(c, ML_RULE_CITATION_SOURCE, p,
				    "italicise the volume: *%.*s*",
				    (int)(t - p), c->s + p);
			return t;
		}
	}
	return p;
}

static size_t journal_issue(cite_ctx *c, size_t q, size_t end)
{
	size_t k;
	int hyphen = 0;

	if (cite_lit(c, q, " (") && cite_is_digit(c, q + 2)) {
		cite_report(c, ML_RULE_CITATION_SOURCE, q,
			    "no space between volume and issue: *12*(3)");
		q++;
	}
	if (q >= end || c->s[q] != '(')
		return q;
	for (k = q; k < end && c->s[k] != ')'; k++) {
		if (c->s[k] == '-' && cite_is_digit(c, k - 1) &&
		    cite_is_digit(c, k + 1) && !hyphen++)
			cite_fix(c,
				 cite_report(c, ML_RULE_CITATION_SOURCE, k,
					     "issue range with a hyphen: write "
					     "an en dash, *12*(3" NDASH "4)"),
				 k, k + 1, NDASH);
		if (c->it[k]) {
			cite_report(c, ML_RULE_CITATION_SOURCE, k,
				    "the issue number is not italic: "
				    "*volume*(issue)");
			break;
		}
	}
	return k < end ? k + 1 : end;
}

/* "e0211234" or "583123" alone where the pages go: an article number
 * (a page is rarely past 99999, and never a range's first half here). */
static int article_number(const cite_ctx *c, size_t q, size_t end)
{
	size_t t = page_token(c, q, end), k, dl;

	if (t == q || (t < end && cite_is_dash(c, t, &dl)))
		return 0;
	k = q + (c->s[q] == 'e');
	if (k == q + 1 && t - k < 3)
		return 0;
	if (k == q && t - q < 6)
		return 0;
	for (; k < t; k++)
		if (!cite_is_digit(c, k))
			return 0;
	return 1;
}

static size_t journal_pages(cite_ctx *c, size_t q, size_t end)
{
	size_t after;

	if (cite_lit(c, q, "pp. ") || cite_lit(c, q, "p. ")) {
		cite_report(c, ML_RULE_CITATION_SOURCE, q,
			    "journal pages take no 'p.' or 'pp.': write "
			    "*12*(3), 45" NDASH "67");
		q += c->s[q + 1] == 'p' ? 4 : 3;
	}
	if (cite_lit(c, q, "Article "))
		q += 8;
	else if (article_number(c, q, end))
		cite_fix(c,
			 cite_report(c, ML_RULE_CITATION_SOURCE, q,
				     "an article number takes the word "
				     "'Article': *12*(3), Article e0211234"),
			 q, q, "Article ");
	if (cite_pages(c, q, end, &after))
		return after;
	return q;
}

/* The URL of a journal article that goes to the journal's or a site's
 * front page ("https://www.example.org/", ".../journal/gait-and-posture")
 * where the article's DOI belongs. */
static void site_url(cite_ctx *c)
{
	size_t a, h, p, b, seg = 0, k;

	if (!c->has_url || c->has_doi ||
	    !cite_find_lit(c, c->body_end, c->len, "http", &a))
		return;
	h = a + (cite_lit_ci(c, a, "https://") ? 8 : 7);
	for (p = h; p < c->len && c->s[p] != '/' && c->s[p] != ' '; p++)
		;
	for (b = p; b < c->len && c->s[b] != ' '; b++)
		;
	while (b > p && (c->s[b - 1] == '/' || c->s[b - 1] == '.'))
		b--;
	for (k = p; k < b; k++) {
		if (c->s[k] == '/')
			seg++;
		if (c->s[k] == '?' || c->s[k] == '#' || cite_is_digit(c, k))
			return;
	}
	if (seg == 0 ||
	    (seg == 2 && (cite_lit(c, p, "/journal/") ||
			  cite_lit(c, p, "/home/") || cite_lit(c, p, "/toc/"))))
		cite_report(c, ML_RULE_CITATION_DOI, a,
			    "the URL is the journal's site, not the article: "
			    "give the article's DOI (https://doi.org/...) or "
			    "its own URL");
}

/* arXiv, bioRxiv, medRxiv, PsyArXiv, SSRN ... in the journal's place */
static int preprint_server(const cite_ctx *c, size_t p)
{
	static const char *const servers[] = {
		"arxiv",	 "biorxiv",  "medrxiv",		"psyarxiv",
		"socarxiv",	 "ssrn",     "research square", "osf preprints",
		"preprints.org", "chemrxiv", "edarxiv"
	};
	size_t i, n;

	for (i = 0; i < ML_ARRAY_LEN(servers); i++) {
		n = strlen(servers[i]);
		if (cite_lit_ci(c, p, servers[i]) && !cite_is_letter(c, p + n))
			return 1;
	}
	return 0;
}

static void journal(cite_ctx *c, size_t p)
{
	size_t end = c->body_end, ie = cite_ital_end(c, p), q, k;

	if (preprint_server(c, p)) {
		cite_report(c, ML_RULE_CITATION_SOURCE, p,
			    "a preprint server is no journal: write Title "
			    "[Preprint]. Server. https://doi.org/...");
		return;
	}

	/* "*Journal, 12*": the volume inside the same emphasis */
	for (k = ie; k > p && cite_is_digit(c, k - 1); k--)
		;
	if (c->s[ie] != ',' && k < ie && k >= p + 2 && cite_lit(c, k - 2, ", "))
		q = ie;
	else {
		q = ie + 1;
		if (q < end && c->s[q] == ' ')
			q++;
		if (cite_lit(c, q, "Vol. ") || cite_lit(c, q, "vol. ") ||
		    cite_lit(c, q, "Volume ") || cite_lit(c, q, "Vol ")) {
			cite_report(c, ML_RULE_CITATION_SOURCE, q,
				    "write the volume as a number in italics, "
				    "without 'Vol.': *Journal*, *12*(3), "
				    "45" NDASH "67");
			return;
		}
		k = journal_volume(c, q, end);
		if (k == q && c->s[q] == '(' && cite_is_digit(c, q + 1)) {
			cite_report(c, ML_RULE_CITATION_SOURCE, q,
				    "an issue without its volume: write "
				    "*Journal*, *12*(3), 45" NDASH "67");
			return;
		}
		if (k == q) {
			if (cite_pages(c, q, end, &k))
				cite_report(
					c, ML_RULE_CITATION_SOURCE, q,
					"write the volume, in italics, "
					"before the pages: *12*(3), 45" NDASH
					"67");
			return;
		}
		q = k;
	}
	q = journal_issue(c, q, end);
	site_url(c);
	if (cite_lit(c, q, ", "))
		q = journal_pages(c, q + 2, end);
	if (q < end && c->s[q] != '.')
		cite_report(c, ML_RULE_CITATION_PUNCTUATION, q,
			    "write a period after the journal's volume, issue "
			    "and pages");
}

/* ---- chapter in an edited book ---------------------------------------- */

static int initial_first(const cite_ctx *c, size_t p)
{
	return cite_is_up(c, p) && p + cite_u8len(c, p) < c->len &&
	       c->s[p + cite_u8len(c, p)] == '.';
}

/* "R. Roe & E. A. Poe" in [a, b): initials first, & before the last.
 * Returns the number of editors, or -1 after a finding. */
static int editor_names(cite_ctx *c, size_t a, size_t b)
{
	size_t p = a;
	int n = 0;

	for (;;) {
		if (!initial_first(c, p)) {
			cite_report(c, ML_RULE_CITATION_SOURCE, p,
				    "write editors with initials first: In "
				    "E. A. Editor (Ed.),");
			return -1;
		}
		n++;
		while (p < b && !cite_lit(c, p, ", ") &&
		       !cite_lit(c, p, " & ") && !cite_lit(c, p, " and "))
			p++;
		if (p >= b)
			return n;
		if (cite_lit(c, p, " and ")) {
			cite_report(c, ML_RULE_CITATION_SOURCE, p + 1,
				    "write & between editors, not 'and'");
			return -1;
		}
		p += cite_lit(c, p, ", & ") ? 4 : cite_lit(c, p, " & ") ? 3 : 2;
	}
}

static void editors(cite_ctx *c, size_t a, size_t j)
{
	size_t k, b;
	int eds, n;

	for (k = a; k < j && c->s[k] != '('; k++)
		;
	eds = cite_lit(c, k, "(Eds.)");
	if (k >= j || !(eds || cite_lit(c, k, "(Ed.)"))) {
		cite_report(c, ML_RULE_CITATION_SOURCE, k < j ? k : a,
			    "write (Ed.) or (Eds.) after the editors, then a "
			    "comma: In E. Editor (Ed.), *Book*");
		return;
	}
	b = k;
	while (b > a && c->s[b - 1] == ' ')
		b--;
	n = editor_names(c, a, b);
	if (n > 0 && eds != (n > 1))
		cite_report(c, ML_RULE_CITATION_SOURCE, k, "write %s for %s",
			    n > 1 ? "(Eds.)" : "(Ed.)",
			    n > 1 ? "two or more editors" : "one editor");
	k += eds ? 6 : 5;
	if (!cite_lit(c, k, ", "))
		cite_report(c, ML_RULE_CITATION_PUNCTUATION, k,
			    "write a comma after %s", eds ? "(Eds.)" : "(Ed.)");
}

/* One part of "(2nd ed., pp. 1–10)": pages need "pp." (or "p."). */
static void book_part(cite_ctx *c, size_t a, size_t b)
{
	size_t after, dl;

	if (cite_lit(c, a, "pp. ") || cite_lit(c, a, "p. ")) {
		cite_pages(c, a + (c->s[a + 1] == 'p' ? 4 : 3), b, &after);
		return;
	}
	after = a;
	while (after < b && cite_is_digit(c, after))
		after++;
	if (after > a && after < b && cite_is_dash(c, after, &dl) &&
	    cite_pages(c, a, b, &after) && after == b)
		cite_report(c, ML_RULE_CITATION_SOURCE, a,
			    "write pp. before the chapter's pages: (pp. 1" NDASH
			    "10)");
}

/* "(2nd ed., pp. 1–10)" after the book title. */
static size_t book_parens(cite_ctx *c, size_t q)
{
	size_t k, a;

	if (!cite_lit(c, q, " ("))
		return q;
	for (k = q + 2; k < c->body_end && c->s[k] != ')'; k++)
		;
	for (a = q + 2; a < k;) {
		size_t b = a;
		while (b < k && c->s[b] != ',' && c->s[b] != ';')
			b++;
		book_part(c, a, b);
		a = b + 1;
		while (a < k && c->s[a] == ' ')
			a++;
	}
	return k < c->body_end ? k + 1 : k;
}

static void publisher_location(cite_ctx *c, size_t p);

static void chapter(cite_ctx *c, size_t p)
{
	size_t end = c->body_end, j, q, te;

	for (j = p; j < end && !c->it[j]; j++)
		;
	if (j >= end) {
		cite_report(c, ML_RULE_CITATION_SOURCE, p,
			    "italicise the book title: In E. Editor (Ed.), "
			    "*Book title* (pp. 1" NDASH "10). Publisher.");
		return;
	}
	if (j > p)
		editors(c, p, j);
	q = cite_ital_end(c, j);
	if (j == p && (cite_lit(c, q, " (pp. ") || cite_lit(c, q, " (p. ")))
		cite_report(c, ML_RULE_CITATION_SOURCE, p,
			    "a chapter names the book's editors: In E. "
			    "Editor (Ed.), *Book* (pp. 1" NDASH "10). "
			    "Publisher.");
	te = q > j && cite_term(c->s[q - 1]) ? q - 1 : q;
	cite_case(c, j, te);
	q = book_parens(c, q);
	if (q < end && c->s[q] == '.')
		q++;
	q = skip_spaces(c, q);
	publisher_location(c, q);
	if (q >= end && c->author != CITE_AU_GROUP)
		cite_report(c, ML_RULE_CITATION_SOURCE, q,
			    "name the publisher after the book: In E. Editor "
			    "(Ed.), *Book* (pp. 1" NDASH "10). Publisher.");
}

/* ---- the rest --------------------------------------------------------- */

/* "*12*(3), 45–67": a volume in italics where the journal name belongs. */
static int volume_first(const cite_ctx *c, size_t p)
{
	size_t e, k;

	if (p >= c->body_end || !c->it[p])
		return 0;
	e = cite_ital_end(c, p);
	for (k = p; k < e; k++)
		if (!cite_is_digit(c, k))
			return 0;
	return e < c->body_end && (c->s[e] == '(' || c->s[e] == ',');
}

/* APA 6's "London, UK: Penguin." or "New York, NY: Penguin.": APA 7
 * names the publisher alone. A place is a few capitalised words, with
 * a comma and a region or country, before ": ". */
static void publisher_location(cite_ctx *c, size_t p)
{
	size_t k, end = c->body_end, words = 1;
	ml_finding *fd;
	char pub[SNIP];

	if (p >= end || !cite_is_up(c, p) || c->it[p])
		return;
	for (k = p; k < end && k < p + 48 && c->s[k] != ':'; k++) {
		if (c->s[k] == ' ')
			words++;
		if (cite_is_digit(c, k) || strchr("();&*", c->s[k]) ||
		    (c->s[k] == '.' && k + 1 < end && c->s[k + 1] == ' '))
			return;
	}
	if (k >= end || c->s[k] != ':' || words > 5 || !cite_lit(c, k, ": ") ||
	    k + 2 >= end || !cite_is_up(c, k + 2))
		return;
	fd = cite_report(c, ML_RULE_CITATION_SOURCE, p,
			 "APA 7 names no publisher location: write '%s'",
			 cite_snip(c, k + 2, end, pub, sizeof(pub)));
	cite_fix(c, fd, p, k + 2, "");
}

/* "*Title, 2nd edition*" or "*Title (2nd ed.)*": the edition follows
 * the italic title, in roman: *Title* (2nd ed.). */
static void edition_in_title(cite_ctx *c)
{
	size_t p, q;

	if (!c->title_italic || c->title_s == CITE_NONE)
		return;
	for (p = c->title_s; p < c->title_e; p++) {
		if (!cite_is_digit(c, p) || (p > 0 && cite_is_digit(c, p - 1)))
			continue;
		for (q = p; q < c->title_e && cite_is_digit(c, q); q++)
			;
		if ((cite_lit(c, q, "st ") || cite_lit(c, q, "nd ") ||
		     cite_lit(c, q, "rd ") || cite_lit(c, q, "th ")) &&
		    (cite_lit(c, q + 3, "ed.") || cite_lit(c, q + 3, "ed)") ||
		     cite_lit_ci(c, q + 3, "edition"))) {
			cite_report(c, ML_RULE_CITATION_SOURCE, p,
				    "the edition goes after the italic title, "
				    "not inside it: *Title* (2nd ed.)");
			return;
		}
	}
}

static void no_italics(cite_ctx *c);

static void source_missing(cite_ctx *c, size_t p)
{
	if (c->author == CITE_AU_GROUP) {
		no_italics(c); /* the group is also the publisher or site */
		return;
	}
	if (!c->title_italic)
		cite_report(c, ML_RULE_CITATION_SOURCE, p,
			    "no source after the title: write the journal "
			    "(*Journal*, *12*(3), 45" NDASH "67.), the book "
			    "(In E. Editor (Ed.), *Book*) or the site name");
	else if (c->has_url)
		cite_report(c, ML_RULE_CITATION_SOURCE, p,
			    "no site name: write it after the title, *Title*. "
			    "Site Name. URL");
	else
		cite_report(c, ML_RULE_CITATION_SOURCE, p,
			    "no publisher: write it after the title, *Title* "
			    "(2nd ed.). Publisher.");
}

/* Every APA 7 reference italicises something: the journal, the book a
 * chapter is in, or the title of a book, report or web page. */
static void no_italics(cite_ctx *c)
{
	size_t p;

	for (p = 0; p < c->body_end; p++)
		if (c->it[p])
			return;
	/* the title is the part to italicise, or to follow with a source */
	cite_span(c,
		  cite_report(c, ML_RULE_CITATION_TITLE, c->title_s,
			      "nothing is in italics: italicise the title of a "
			      "book, report or web page (*Title*), or the "
			      "journal or book the work is part of"),
		  c->title_e > c->title_s ? c->title_e : 0);
}

/* "Title. *Journal*." and nothing else: no volume, pages, DOI or URL
 * (an article in press has none yet). */
static int bare_journal(const cite_ctx *c, size_t p)
{
	size_t e;

	if (!c->it[p] || c->title_italic || c->has_doi || c->has_url ||
	    c->author == CITE_AU_NONE ||
	    (c->date_s != CITE_NONE && cite_lit(c, c->date_s, "(in press")))
		return 0;
	e = cite_ital_end(c, p);
	return e + 1 == c->body_end && c->s[e] == '.';
}

/* Software and theses carry their description in square brackets:
 * "(Version 2.1) [Computer software]", "[Doctoral dissertation,
 * University]". */
static void bracket_description(cite_ctx *c)
{
	static const char *const words[] = { "Doctoral dissertation",
					     "doctoral dissertation",
					     "Master's thesis",
					     "Master\xE2\x80\x99s thesis",
					     "(Version ",
					     "(Season ",
					     "(Episode " };
	size_t i, at, k;

	for (i = 0; i < ML_ARRAY_LEN(words); i++) {
		if (!cite_find_lit(c, 0, c->body_end, words[i], &at))
			continue;
		for (k = at; k > 0 && c->s[k - 1] != '[' && c->s[k - 1] != ']';
		     k--)
			;
		if (k > 0 && c->s[k - 1] == '[')
			continue;
		/* "(Version 2.1) [Computer software]": the brackets follow */
		if (words[i][0] == '(' &&
		    cite_find_lit(c, at, c->body_end, ")", &k) &&
		    cite_lit(c, k + 1, " ["))
			continue;
		cite_report(c, ML_RULE_CITATION_TITLE, at,
			    i == 4  ? "software takes a description in "
				      "brackets: *Name* (Version 2.1) "
				      "[Computer software]"
			    : i > 4 ? "an episode takes a description in "
				      "brackets: Title (Season 1, Episode 2) "
				      "[TV series episode]"
				    : "a thesis takes its description in "
				      "brackets: *Title* [Doctoral "
				      "dissertation, University]");
		return;
	}
}

void cite_source(cite_ctx *c, size_t p)
{
	size_t end = c->body_end;

	p = skip_spaces(c, p);
	c->src_s = p;
	bracket_description(c);
	if (p >= end) {
		source_missing(c, p);
		return;
	}
	if (cite_lit(c, p, "In: ") || cite_lit(c, p, "in: ") ||
	    cite_lit(c, p, "in ")) {
		cite_report(c, ML_RULE_CITATION_SOURCE, p,
			    "write 'In' with a capital and no colon: In E. "
			    "Editor (Ed.), *Book*");
		chapter(c, p + (c->s[p + 2] == ':' ? 4 : 3));
		return;
	}
	if (cite_lit(c, p, "In ")) {
		chapter(c, p + 3);
		return;
	}
	if (cite_journal_at(c, p)) {
		journal(c, p);
		return;
	}
	if (volume_first(c, p)) {
		cite_report(c, ML_RULE_CITATION_SOURCE, p,
			    "no journal name before the volume: write "
			    "*Journal Name*, *12*(3), 45" NDASH "67");
		return;
	}
	if (!c->it[p] && cite_re_match(CITE_RE_PLAIN_JOURNAL, c->s + p, end - p,
				       c->md) == 1) {
		cite_report(c, ML_RULE_CITATION_SOURCE, p,
			    "italicise the journal name and volume: "
			    "*Journal*, *12*(3), 45" NDASH "67");
		return;
	}
	if (c->it[p] && !c->title_italic &&
	    cite_lit(c, cite_ital_end(c, p), " (pp. ")) {
		cite_report(
			c, ML_RULE_CITATION_SOURCE, p,
			"a chapter's book follows 'In': In E. Editor (Ed.), "
			"*Book* (pp. 1" NDASH "10). Publisher.");
		return;
	}
	if (bare_journal(c, p)) {
		cite_report(c, ML_RULE_CITATION_SOURCE, cite_ital_end(c, p),
			    "a journal article needs its volume (and issue "
			    "and pages) or a DOI: *Journal*, *12*(3), "
			    "45" NDASH "67. https://doi.org/...");
		return;
	}
	edition_in_title(c);
	if (c->title_italic)
		publisher_location(c, p);
	no_italics(c);
}
