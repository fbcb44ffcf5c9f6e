/* cite/citation.c - one reference entry through the APA 7 checks, the
 * list-level checks (undefined, unused, duplicate, order) and the
 * in-text marker scanner. The parts are parsed by cite_*.c; this file
 * decides their order: authors (or a title when there is no author),
 * date, title, source, with the locators cut off the end first. */
#include "cite/internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/common.h"

/* Stack buffers cover the common entry; longer ones go to the heap. */
#define ENTRY_STACK 2048

/* ---- punctuation over the body ---------------------------------------- */

static void punct_pairs(cite_ctx *c)
{
	static const char *const bad[] = { ".;", ";.", ",.", ",,", ";;", ".:" };
	size_t p, i;

	int depth = 0;

	for (p = 0; p + 1 < c->body_end; p++) {
		char a = c->s[p], b = c->s[p + 1];
		depth += (a == '(') - (a == ')');
		if (a == ' ' && (b == ';' || b == ',') && p > 0 &&
		    c->s[p - 1] != ' ') {
			cite_report(c, ML_RULE_CITATION_PUNCTUATION, p,
				    "no space before '%c'", b);
			return;
		}
		/* (H. Weaver, Trans.; 2nd ed.) is APA */
		if (depth > 0 || (a != '.' && a != ',' && a != ';') ||
		    (b != '.' && b != ',' && b != ';' && b != ':'))
			continue;
		if (c->s[p] == '.' && c->s[p + 1] == '.') {
			if (c->s[p + 2] == '.' || (p > 0 && c->s[p - 1] == '.'))
				continue; /* an ellipsis */
			cite_report(c, ML_RULE_CITATION_PUNCTUATION, p + 1,
				    "double period: write one");
			return;
		}
		for (i = 0; i < ML_ARRAY_LEN(bad); i++) {
			if (cite_lit(c, p, bad[i])) {
				cite_report(c, ML_RULE_CITATION_PUNCTUATION, p,
					    "stray punctuation '%s': write one "
					    "mark",
					    bad[i]);
				return;
			}
		}
	}
}

/* "(Original work published 1966)" ends a reference without a period. */
static int ends_with_note(const cite_ctx *c)
{
	size_t p = c->body_end - 1;

	while (p > 0 && c->s[p] != '(')
		p--;
	return cite_lit(c, p, "(Original work published ");
}

static void punct_final(cite_ctx *c)
{
	char last;

	if (c->body_end == 0)
		return;
	last = c->s[c->body_end - 1];
	if (last == '.' || last == '?' || last == '!')
		return;
	if (last == ')' && ends_with_note(c))
		return;
	cite_report(c, ML_RULE_CITATION_PUNCTUATION, c->body_end,
		    c->body_end < c->len
			    ? "end the reference with a period before the DOI "
			      "or URL"
			    : "end the reference with a period");
}

/* ---- the order of the parts ------------------------------------------- */

static size_t skip_sp(const cite_ctx *c, size_t p)
{
	while (p < c->body_end && c->s[p] == ' ')
		p++;
	return p;
}

/* No author: "*Title*. (2019). Source." or "Title. (2019). *Journal*". */
static void title_first(cite_ctx *c)
{
	size_t end, te, p;

	c->author = CITE_AU_NONE;
	if (c->date_s == CITE_NONE) {
		p = cite_title(c, 0);
		cite_report(c, ML_RULE_CITATION_DATE, c->title_e,
			    "no date in parentheses after the title; write "
			    "(2019). or (n.d.).");
		cite_source(c, p);
		return;
	}
	for (end = c->date_s; end > 0 && c->s[end - 1] == ' '; end--)
		;
	te = c->it[0] ? cite_ital_end(c, 0) : end;
	if (te > 0 && cite_term(c->s[te - 1]))
		te--;
	c->title_s = 0;
	c->title_e = te;
	c->title_italic = c->it[0];
	if (te > 0)
		cite_case(c, 0, te);
	if (end == 0 || !cite_term(c->s[end - 1]))
		cite_report(c, ML_RULE_CITATION_TITLE, end,
			    "end the title with a period before the date");
	cite_source(c, cite_date(c));
}

/* Every word of two or more letters capitalised but minor ones: an
 * organisation's name rather than a sentence-case title. */
static int name_cased(const cite_ctx *c, size_t a, size_t b)
{
	static const char *const minor[] = { "and", "for", "of", "on",
					     "the", "in",  "to", "at" };
	size_t p = a, e, i;
	int words = 0;

	while (p < b) {
		e = cite_word_end(c, p);
		if (e == p) {
			p++;
			continue;
		}
		for (i = 0; i < ML_ARRAY_LEN(minor); i++)
			if (strlen(minor[i]) == e - p &&
			    memcmp(c->s + p, minor[i], e - p) == 0)
				break;
		if (i == ML_ARRAY_LEN(minor) && !cite_is_up(c, p))
			return 0;
		words++;
		p = e;
	}
	return words >= 2;
}

/* The title came before a misplaced date (already reported). */
static void early_title(cite_ctx *c)
{
	size_t e = c->date_s;

	while (e > c->title_early && c->s[e - 1] == ' ')
		e--;
	if (e > c->title_early && cite_term(c->s[e - 1]))
		e--;
	c->title_s = c->title_early;
	c->title_e = e;
	c->title_italic = c->it[c->title_early];
	cite_case(c, c->title_s, e);
}

/* A group "author" followed by the date and a journal was a title,
 * unless it reads like an organisation's name. */
static int title_was_author(const cite_ctx *c)
{
	size_t p;

	if (c->author != CITE_AU_GROUP || c->date_s == CITE_NONE ||
	    name_cased(c, 0, c->auth_e))
		return 0;
	p = c->date_e;
	if (p < c->body_end && c->s[p] == '.')
		p++;
	return cite_journal_at(c, skip_sp(c, p));
}

/* "**Lee, J.** (2020).", "Park, Y. W.*, *Tao, X.*, & **Fisher, C. B.**
 * (2025).": names in bold or starred, as CVs and lab pages mark their own
 * or their students'. APA 7 sets names in plain type, with no marks; the
 * rest of the entry is read as if they were. Only before the date, and
 * only when the authors read as APA names (an entry that opens with its
 * italic title has no authors). */
/* Where "(2025" or "(n.d." opens in the source, when the parser placed
 * no date (the marks can hide it): there, else past the end. */
static size_t year_paren(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 5 < n; i++)
		if (s[i] == '(' &&
		    ((s[i + 1] >= '1' && s[i + 1] <= '2' && s[i + 2] >= '0' &&
		      s[i + 2] <= '9' && s[i + 3] >= '0' && s[i + 3] <= '9' &&
		      s[i + 4] >= '0' && s[i + 4] <= '9') ||
		     memcmp(s + i, "(n.d.", 5) == 0))
			return i;
	return n + 1;
}

static void bold_author(cite_ctx *c)
{
	const char *s = c->e->src;
	size_t end, i;

	end = c->date_s == CITE_NONE ? year_paren(s, c->e->len)
				     : cite_src_off(c, c->date_s);
	if (end > c->e->len)
		return;
	for (i = 0; i < end; i++)
		if (s[i] == '*' ||
		    (s[i] == '_' && i + 1 < end && s[i + 1] == '_'))
			break;
	if (i >= end || !cite_has_re(c, CITE_RE_STYLE_APA_NAME))
		return;
	cite_span(c,
		  cite_report(c, ML_RULE_CITATION_AUTHOR, 0,
			      "an author's name in bold or starred: APA 7 sets "
			      "every name in plain type, with no marks"),
		  c->date_s != CITE_NONE && c->date_s > 0 ? c->date_s - 1 : 0);
}

/* "[DOI](https://doi.org/10.1000/x)": readers of a printed or copied list
 * see only "DOI"; APA 7 shows the DOI or URL as the text. */
static void hidden_link(cite_ctx *c)
{
	static const char *const doi_hosts[] = { "https://doi.org/",
						 "http://doi.org/",
						 "https://dx.doi.org/",
						 "http://dx.doi.org/" };
	const char *text, *pre = "";
	size_t a, b, n, i, path;

	if (c->hidden_link == CITE_NONE || c->hidden_link < c->body_end)
		return;
	text = c->e->src + c->hidden_text_s;
	a = path = c->hidden_link;
	for (b = a; b < c->len && c->s[b] != ' ';)
		b++;
	while (b > a && c->s[b - 1] == '.')
		b--;
	for (i = 0; i < ML_ARRAY_LEN(doi_hosts); i++)
		if (cite_lit_ci(c, a, doi_hosts[i])) {
			path = a + strlen(doi_hosts[i]);
			pre = "https://doi.org/";
		}
	n = c->hidden_text_e - c->hidden_text_s;
	cite_report(c, ML_RULE_CITATION_DOI, a,
		    "the %s is hidden behind the link text '%.*s': APA 7 "
		    "shows it, [%s%.*s](%s%.*s)",
		    *pre ? "DOI" : "URL", (int)(n > 40 ? 40 : n), text, pre,
		    (int)(b - path), c->s + path, pre, (int)(b - path),
		    c->s + path);
}

static void parse_entry(cite_ctx *c)
{
	size_t p;

	if (cite_style(c))
		return;
	cite_locators(c);
	hidden_link(c);
	if (c->body_end == 0) {
		cite_report(c, ML_RULE_CITATION_AUTHOR, 0,
			    "no reference before the DOI or URL: write Author, "
			    "A. A. (2019). Title. Source.");
		return;
	}
	cite_find_date(c);
	punct_pairs(c);
	punct_final(c);
	bold_author(c);
	if (c->it[0]) {
		title_first(c);
		return;
	}
	cite_authors(c);
	if (title_was_author(c)) {
		title_first(c);
		return;
	}
	if (c->title_early != CITE_NONE) {
		early_title(c);
		cite_source(c, cite_date(c));
		return;
	}
	if (c->date_s != CITE_NONE) {
		p = cite_date(c);
	} else if (c->auth_e == CITE_NONE) {
		return; /* lost in the authors, nothing to resync on */
	} else {
		cite_report(c, ML_RULE_CITATION_DATE, c->auth_e,
			    "no date in parentheses after the authors; write "
			    "(2019). or (n.d.).");
		p = skip_sp(c, c->auth_e);
	}
	cite_source(c, cite_title(c, p));
}

/* A context for entry e: its text normalised into the stack buffers
 * (or the heap when too long), and match data for the regexes. */
static int ctx_open(cite_ctx *c, const ml_ref_entry *e, char *sbuf,
		    uint32_t *mbuf, unsigned char *ibuf)
{
	int rc;

	memset(c, 0, sizeof(*c));
	c->e = e;
	c->title_early = CITE_NONE;
	c->date_s = CITE_NONE;
	rc = cite_norm(c, sbuf, mbuf, ibuf, ENTRY_STACK);
	if (rc)
		return rc;
	c->md = cite_re_md();
	if (!c->md) {
		cite_norm_dispose(c);
		return ML_ENOMEM;
	}
	return ML_OK;
}

static int year_of(const cite_ctx *c);

int ml_citation_check_entry(const ml_ref_entry *e, const ml_cite_opts *o,
			    ml_findings *out)
{
	int year;

	return ml_citation_check_entry_year(e, o, out, &year);
}

int ml_citation_check_entry_year(const ml_ref_entry *e, const ml_cite_opts *o,
				 ml_findings *out, int *year)
{
	char sbuf[ENTRY_STACK];
	uint32_t mbuf[ENTRY_STACK];
	unsigned char ibuf[ENTRY_STACK];
	cite_ctx c;
	int rc;

	*year = -1;
	rc = ctx_open(&c, e, sbuf, mbuf, ibuf);
	if (rc)
		return rc;
	c.o = o;
	c.out = out;
	if (c.len == 0) {
		cite_report(&c, ML_RULE_CITATION_AUTHOR, 0,
			    "empty reference: write Author, A. A. (2019). "
			    "Title. Source.");
		*year = 0;
	} else if (o && (o->style == ML_CITE_AMA11 ||
			 o->style == ML_CITE_VANCOUVER)) {
		cite_medical(&c, o->style == ML_CITE_AMA11);
	} else {
		/* the date is found as ml_citation_extract finds it: the
		 * findings reported on the way change no part's place */
		parse_entry(&c);
		*year = year_of(&c);
	}
	pcre2_match_data_free(c.md);
	cite_norm_dispose(&c);
	return c.rc;
}

/* ---- what verification needs ----------------------------------------- */

static void copy_part(const cite_ctx *c, size_t a, size_t b, char *dst,
		      size_t cap)
{
	size_t n;

	while (a < b && c->s[a] == ' ')
		a++;
	while (b > a && (c->s[b - 1] == ' ' || cite_term(c->s[b - 1])))
		b--;
	n = b - a < cap ? b - a : 0; /* a cut title would compare wrong */
	memcpy(dst, c->s + a, n);
	dst[n] = '\0';
}

static int year_of(const cite_ctx *c)
{
	size_t p;
	int y = 0, k = 0;

	if (c->date_s == CITE_NONE)
		return 0;
	for (p = c->date_s; p < c->date_e && k < 4; p++) {
		if (!cite_is_digit(c, p)) {
			if (k)
				return 0;
			continue;
		}
		y = y * 10 + (c->s[p] - '0');
		k++;
	}
	return k == 4 ? y : 0;
}

static void extract_id(const cite_ctx *c, size_t i, ml_cite_id *id)
{
	size_t a = c->id_a[i], b = c->id_b[i], n = b - a;

	id->kind = c->id_kind[i];
	if (id->kind == ML_CITE_DOI && n < sizeof(id->value))
		n = cite_pct_decode(c->s + a, n, id->value);
	else if (n < sizeof(id->value))
		memcpy(id->value, c->s + a, n);
	else
		n = 0;
	id->value[n] = '\0';
	cite_pos(c, a, &id->line, &id->column);
	cite_pos(c, b - 1, &id->end_line, &id->end_column);
	id->end_column++;
}

static void extract(const cite_ctx *c, ml_cite_meta *out)
{
	size_t i, e;

	for (i = 0; i < c->nids; i++) {
		extract_id(c, i, &out->ids[out->nids]);
		if (out->ids[out->nids].value[0])
			out->nids++;
	}
	if (c->title_e > c->title_s)
		copy_part(c, c->title_s, c->title_e, out->title,
			  sizeof(out->title));
	if (c->author == CITE_AU_PERSON) {
		for (e = 0; e < c->body_end && c->s[e] != ','; e++)
			;
		if (e < c->body_end)
			copy_part(c, 0, e, out->first_author,
				  sizeof(out->first_author));
	}
	out->year = year_of(c);
}

int ml_citation_extract(const ml_ref_entry *e, ml_cite_meta *out)
{
	char sbuf[ENTRY_STACK];
	uint32_t mbuf[ENTRY_STACK];
	unsigned char ibuf[ENTRY_STACK];
	cite_ctx c;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = ctx_open(&c, e, sbuf, mbuf, ibuf);
	if (rc)
		return rc;
	c.quiet = 1;
	if (c.len > 0)
		parse_entry(&c);
	if (c.len > 0 && c.nids == 0)
		cite_locators(
			&c); /* another style: its identifiers still count */
	if (c.rc == ML_OK)
		extract(&c, out);
	pcre2_match_data_free(c.md);
	cite_norm_dispose(&c);
	return c.rc;
}
