/* cite/medical.c - reference entries in the two styles of medicine:
 * AMA Manual of Style 11th edition and NLM Citing Medicine (Vancouver).
 *
 * Both write "Surname AB, Surname CD. Title. Journal. Year;Vol(Issue):
 * pages." and differ in the details this file checks: AMA italicises the
 * journal, lists up to 6 authors (7 or more: the first 3 and "et al"),
 * gives page ranges in full, writes "doi:10.…" and dates a web page's
 * visit "Accessed Month Day, Year."; NLM writes the journal plain, may
 * date an issue "2019 Feb 5;", marks online works "[Internet]", dates the
 * visit "[cited 2020 Jan 5]" and gives the address after "Available
 * from:". The same rule ids as APA 7 are used; messages speak the
 * style's terms. */
#include "cite/internal.h"

#include <stdio.h>
#include <string.h>

#include "util/common.h"

typedef struct {
	cite_ctx *c;
	int ama;
	const char *name; /* "AMA 11" or "NLM (Vancouver)" */
	size_t body_end;  /* start of the locators (DOI, URL, Accessed ...) */
	size_t ae;	  /* the '.' that ends the authors, or CITE_NONE */
	size_t ts, te;	  /* title, te at its terminator */
	size_t url;	  /* first URL, or CITE_NONE */
} med;

static const char *const mon3[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
				      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

static int find_lit(const cite_ctx *c, size_t from, size_t to, const char *lit,
		    size_t *at)
{
	size_t k = strlen(lit), p;

	for (p = from; p + k <= to; p++)
		if (c->s[p] == lit[0] && memcmp(c->s + p, lit, k) == 0) {
			*at = p;
			return 1;
		}
	return 0;
}

static int is_year(const cite_ctx *c, size_t p)
{
	return p + 4 <= c->len && (c->s[p] == '1' || c->s[p] == '2') &&
	       cite_is_digit(c, p + 1) && cite_is_digit(c, p + 2) &&
	       cite_is_digit(c, p + 3) && !cite_is_digit(c, p + 4) &&
	       (p == 0 || !cite_is_digit(c, p - 1));
}

static int month3_at(const cite_ctx *c, size_t p)
{
	size_t i;

	for (i = 0; i < 12; i++)
		if (cite_lit(c, p, mon3[i]))
			return 1;
	return 0;
}

static int month_at(const cite_ctx *c, size_t p, size_t *e)
{
	size_t i;

	for (i = 0; i < 12; i++)
		if (cite_lit(c, p, cite_months[i])) {
			*e = p + strlen(cite_months[i]);
			return 1;
		}
	return 0;
}

/* ---- which style ------------------------------------------------------ */

/* NLM marks AMA never makes, and AMA marks NLM never makes. */
static int vancouver_marks(const cite_ctx *c)
{
	size_t p, at;

	if (find_lit(c, 0, c->len, "[Internet]", &at) ||
	    find_lit(c, 0, c->len, "[cited ", &at) ||
	    find_lit(c, 0, c->len, "Available from:", &at))
		return 1;
	/* "2019 Feb 5;12" "2019 Feb;12" */
	for (p = 0; p + 9 < c->len; p++)
		if (is_year(c, p) && c->s[p + 4] == ' ' &&
		    month3_at(c, p + 5)) {
			size_t q = p + 8;
			while (q < c->len &&
			       (c->s[q] == ' ' || cite_is_digit(c, q) ||
				c->s[q] == '-'))
				q++;
			if (q < c->len && (c->s[q] == ';' || c->s[q] == ':'))
				return 1;
		}
	return 0;
}

static int italic_between(const cite_ctx *c, size_t a, size_t b)
{
	size_t p;

	for (p = a; p < b && p < c->len; p++)
		if (c->it[p])
			return 1;
	return 0;
}

/* A whole part in italics (a journal's or a book's name, as AMA sets
 * them), not a species name inside a title. */
static int italic_part(const cite_ctx *c)
{
	size_t p, e;

	for (p = 0; p < c->len; p++) {
		if (!c->it[p] || (p > 0 && c->it[p - 1]))
			continue;
		/* after ". ", "? ", ".” ", "In: " */
		if (p > 0 && !(p >= 2 && c->s[p - 1] == ' ' &&
			       (cite_term(c->s[p - 2]) || c->s[p - 2] == ':' ||
				c->s[p - 2] == '"' ||
				(unsigned char)c->s[p - 2] == 0x9D)))
			continue;
		for (e = p; e < c->len && c->it[e]; e++)
			;
		while (e > p && c->s[e - 1] == ' ')
			e--;
		if (e >= c->len || cite_term(c->s[e]) || cite_term(c->s[e - 1]))
			return 1;
	}
	return 0;
}

/* AMA italicises journals and books and writes "Accessed March 5, 2020" */
static int ama_marks(const cite_ctx *c)
{
	size_t at, e;

	if (find_lit(c, 0, c->len, "Accessed ", &at) && month_at(c, at + 9, &e))
		return 1;
	return italic_part(c);
}

/* With no mark of either: what NLM does and AMA does not, in the
 * journal locator: a minimal page range ("530-62", "530–62") or 6
 * authors before et al. */
static int nlm_habits(const cite_ctx *c)
{
	size_t p, a, b, d, e, at;
	int commas = 0;

	if (find_lit(c, 0, c->len, ", et al.", &at)) {
		for (p = 0; p < at; p++)
			commas += c->s[p] == ',';
		if (commas >= 5)
			return 1;
	}
	for (p = 0; p + 1 < c->len; p++) {
		if (c->s[p] != ':' || !cite_is_digit(c, p + 1))
			continue;
		for (a = b = p + 1; b < c->len && cite_is_digit(c, b); b++)
			;
		if (!cite_is_dash(c, b, &d))
			continue;
		for (e = b + d; e < c->len && cite_is_digit(c, e); e++)
			;
		if (e > b + d && e - (b + d) < b - a)
			return 1;
	}
	return 0;
}

static int has_re(const cite_ctx *c, enum cite_re_id id)
{
	return cite_re_match(id, c->s, c->len, c->md) == 1;
}

/* 1 when the entry is in another style than m->ama asks (reported). */
static int med_style(med *m)
{
	cite_ctx *c = m->c;
	const char *other = cite_style_other(c);
	size_t at;
	int v, a;

	if (!other) {
		v = vancouver_marks(c);
		a = ama_marks(c);
		if (m->ama && !a &&
		    (v || nlm_habits(c) ||
		     (!find_lit(c, 0, c->len, "http", &at) &&
		      (has_re(c, CITE_RE_STYLE_NLM_DATE) ||
		       has_re(c, CITE_RE_STYLE_NLM_BOOK)))))
			other = "NLM (Vancouver)";
		else if (!m->ama && a && !v)
			other = "AMA";
	}
	if (!other)
		return 0;
	cite_report(
		c, ML_RULE_CITATION_STYLE, 0,
		m->ama ? "this reference is in %s style, not AMA 11: write "
			 "Surname AB, Surname CD. Title in sentence case. "
			 "*Journal Abbrev*. 2019;12(3):45-67. doi:10.…"
		       : "this reference is in %s style, not NLM "
			 "(Vancouver): write Surname AB, Surname CD. Title. "
			 "Journal Abbrev. 2019;12(3):45-67. doi:10.…",
		other);
	return 1;
}

/* ---- locators ---------------------------------------------------------- */

/* Where the locators start: the first DOI, URL, PMID, "Accessed",
 * "[cited", "Available from" or "Updated"/"Published" date of a page. */
static void med_locators(med *m)
{
	static const char *const starts[] = {
		"doi:",	   "DOI:",	"doi: ",	 "https://",
		"http://", "www.",	"PMID:",	 "PMID ",
		"PMCID:",  "Accessed ", "Available from"
	};
	cite_ctx *c = m->c;
	size_t i, at, best = c->len;

	m->url = CITE_NONE;
	for (i = 0; i < ML_ARRAY_LEN(starts); i++)
		if (find_lit(c, 0, best, starts[i], &at) && at < best)
			best = at;
	for (i = 3; i < 6; i++)
		if (find_lit(c, 0, c->len, starts[i], &at) &&
		    (m->url == CITE_NONE || at < m->url))
			m->url = at;
	while (best > 0 && c->s[best - 1] == ' ')
		best--;
	m->body_end = best;
}

static void med_doi(med *m)
{
	cite_ctx *c = m->c;
	size_t at, a, b;

	if (find_lit(c, 0, c->len, "https://doi.org/", &at) ||
	    find_lit(c, 0, c->len, "http://dx.doi.org/", &at)) {
		if (m->ama && !find_lit(c, 0, at, "Available from", &a))
			cite_report(c, ML_RULE_CITATION_DOI, at,
				    "AMA 11 writes the DOI as doi:10.… (no "
				    "URL, no space)");
		a = at + (c->s[at + 4] == 's' ? 16 : 18);
	} else if (find_lit(c, 0, c->len, "doi: ", &at) ||
		   find_lit(c, 0, c->len, "DOI: ", &at) ||
		   find_lit(c, 0, c->len, "DOI:", &at)) {
		if (m->ama)
			cite_report(c, ML_RULE_CITATION_DOI, at,
				    "AMA 11 writes doi:10.… in lower case, "
				    "with no space after the colon");
		a = at + 4;
		while (a < c->len && c->s[a] == ' ')
			a++;
	} else if (find_lit(c, 0, c->len, "doi:", &at)) {
		a = at + 4;
	} else {
		return;
	}
	for (b = a; b < c->len && c->s[b] != ' '; b++)
		;
	while (b > a && (c->s[b - 1] == '.' || c->s[b - 1] == ','))
		b--;
	if (!cite_doi_valid(c->s + a, b - a, c->md))
		cite_report(c, ML_RULE_CITATION_DOI, a,
			    "not a valid DOI: a DOI reads 10.NNNN/suffix");
	else if (m->ama && b < c->len && c->s[b] == '.')
		cite_report(c, ML_RULE_CITATION_DOI, b,
			    "no period after the DOI in AMA 11");
	else
		cite_note_id(c, ML_CITE_DOI, a, b);
}

/* "Accessed March 5, 2020." (AMA), "[cited 2020 Mar 5]" (NLM) */
static void med_web(med *m)
{
	cite_ctx *c = m->c;
	size_t at, e;

	if (find_lit(c, 0, c->len, "Retrieved ", &at)) {
		cite_report(c, ML_RULE_CITATION_SOURCE, at,
			    m->ama ? "'Retrieved' is APA: AMA 11 writes "
				     "Accessed Month Day, Year. then the URL"
				   : "'Retrieved' is APA: NLM writes [cited "
				     "Year Mon Day]. Available from: URL");
		return;
	}
	if (find_lit(c, 0, c->len, "Accessed ", &at) &&
	    (!month_at(c, at + 9, &e) || e + 1 >= c->len || c->s[e] != ' ' ||
	     !cite_is_digit(c, e + 1))) {
		cite_report(c, ML_RULE_CITATION_DATE, at + 9,
			    m->ama ? "AMA 11 writes the date of access as "
				     "Accessed March 5, 2020."
				   : "NLM gives the date cited as [cited 2020 "
				     "Mar 5], not Accessed");
		return;
	}
	if (m->url == CITE_NONE || m->url < m->body_end)
		return;
	if (m->ama) {
		if (!find_lit(c, 0, c->len, "Accessed ", &at) &&
		    !find_lit(c, 0, c->len, "doi", &e))
			cite_report(c, ML_RULE_CITATION_DATE, m->url,
				    "an online source in AMA 11 says when it "
				    "was seen: Accessed Month Day, Year. "
				    "before the URL");
		return;
	}
	if (find_lit(c, 0, c->len, "doi", &e))
		return;
	if (!find_lit(c, 0, c->len, "[cited ", &at) &&
	    !find_lit(c, 0, c->len, "; cited ", &at))
		cite_report(c, ML_RULE_CITATION_DATE, m->url,
			    "an online source in NLM style gives the date it "
			    "was cited: [cited 2020 Mar 5].");
	else if (!is_year(c, at + (c->s[at] == '[' ? 7 : 8)))
		cite_report(c, ML_RULE_CITATION_DATE, at + 7,
			    "NLM writes the date cited year first: [cited "
			    "2020 Mar 5]");
	if (!find_lit(c, 0, m->url, "Available from: ", &at))
		cite_report(c, ML_RULE_CITATION_SOURCE, m->url,
			    "NLM gives the address after 'Available from: '");
	if (!find_lit(c, 0, c->len, "[Internet]", &at))
		cite_report(c, ML_RULE_CITATION_SOURCE, m->ts,
			    "an online source in NLM style is marked "
			    "[Internet] after its title (or its journal)");
}

/* ---- authors ----------------------------------------------------------- */

/* One NLM name at p: surname words, a space, 1 to 3 capitals (initials,
 * maybe hyphenated) and optionally " Jr"/" 2nd"; *e one past it. */
static int nlm_name(const cite_ctx *c, size_t p, size_t lim, size_t *e)
{
	size_t q = p, ini, words = 0, nini;

	for (;;) {
		size_t w = cite_word_end(c, q);
		if (w == q || w > lim)
			return 0;
		words++;
		if (w >= lim || c->s[w] != ' ')
			return 0;
		q = w + 1;
		nini = 0;
		for (ini = q; ini < lim && (cite_is_up(c, ini) ||
					    (c->s[ini] == '-' && ini > q));
		     ini += cite_u8len(c, ini))
			nini++;
		if (nini > 0 && nini <= 4 &&
		    (ini >= lim || c->s[ini] == ',' || c->s[ini] == '.' ||
		     c->s[ini] == ' ')) {
			*e = ini;
			static const char *const sfx[] = { " Jr",  " Sr",
							   " III", " II",
							   " IV",  " 2nd",
							   " 3rd", " 4th" };
			size_t k;
			for (k = 0; k < ML_ARRAY_LEN(sfx); k++)
				if (cite_lit(c, ini, sfx[k]) &&
				    (ini + strlen(sfx[k]) >= lim ||
				     !cite_is_letter(c,
						     ini + strlen(sfx[k])))) {
					*e = ini + strlen(sfx[k]);
					break;
				}
			return 1;
		}
		if (words > 5)
			return 0;
	}
}

static void med_authors(med *m)
{
	cite_ctx *c = m->c;
	size_t p = 0, e, lim = m->body_end;
	int n = 0;

	m->ae = CITE_NONE;
	while (p < lim) {
		if (cite_lit(c, p, "et al")) {
			if (m->ama && n != 3)
				cite_report(c, ML_RULE_CITATION_AUTHOR, p,
					    "AMA 11 lists all authors up to 6; "
					    "with 7 or more, the first 3 then "
					    "et al (here %d before it)",
					    n);
			else if (n < 3)
				cite_report(c, ML_RULE_CITATION_AUTHOR, p,
					    "NLM lists at least the first 3 "
					    "authors before et al");
			p += 5;
			if (p < lim && c->s[p] == '.')
				m->ae = p;
			return;
		}
		if (cite_lit(c, p, "and ") || cite_lit(c, p, "& ")) {
			cite_report(c, ML_RULE_CITATION_AUTHOR, p,
				    "%s separates every author with a comma: "
				    "no 'and' or '&'",
				    m->name);
			p += c->s[p] == '&' ? 2 : 4;
			continue;
		}
		if (!nlm_name(c, p, lim, &e))
			break;
		n++;
		if (c->s[e] == '.' && (e + 1 >= lim || c->s[e + 1] == ' ') &&
		    !(e + 2 < lim && cite_is_up(c, e + 2) &&
		      (c->s[e + 3] == '.' || c->s[e + 3] == ','))) {
			m->ae = e;
			break;
		}
		if (c->s[e] == '.') {
			cite_report(c, ML_RULE_CITATION_AUTHOR, e,
				    "%s writes initials without periods or "
				    "spaces: Smith JA",
				    m->name);
			return;
		}
		if (c->s[e] != ',')
			break;
		p = e + 1;
		while (p < lim && c->s[p] == ' ')
			p++;
	}
	if (m->ama && n > 6 && m->ae != CITE_NONE)
		cite_report(c, ML_RULE_CITATION_AUTHOR, 0,
			    "AMA 11 lists up to 6 authors; with %d, list the "
			    "first 3 then et al",
			    n);
	if (n == 0 &&
	    cite_re_match(CITE_RE_STYLE_APA_NAME, c->s, c->len, c->md) == 1) {
		for (e = 0; e < lim && c->s[e] != ','; e++)
			;
		cite_report(c, ML_RULE_CITATION_AUTHOR, e,
			    "%s writes the surname then the initials, no "
			    "comma or periods between: Smith JA",
			    m->name);
		m->ae = CITE_NONE;
		c->author_bad = 1;
	}
}

/* ---- title and source -------------------------------------------------- */

/* The end of the part that starts at p: its '.', '?' or '!' followed by a
 * space (or the end of the body). */
static size_t part_end(const cite_ctx *c, size_t p, size_t lim)
{
	for (; p < lim; p++)
		if (cite_term(c->s[p]) && (p + 1 >= lim || c->s[p + 1] == ' '))
			return p;
	return lim;
}

/* A title wholly in quotation marks: "“Title.” Journal" or "“Title”."
 * (then the title ends after the closing mark). */
static int quoted_title(med *m, size_t p)
{
	cite_ctx *c = m->c;
	size_t q, k = c->s[p] == '"' ? 1 : 3, after;

	if (k == 3 && !cite_lit(c, p, "\xE2\x80\x9C"))
		return 0;
	for (q = p + k; q < m->body_end; q++) {
		if (k == 1 ? c->s[q] != '"' : !cite_lit(c, q, "\xE2\x80\x9D"))
			continue;
		after = q + k;
		if (!cite_term(c->s[q - 1]) &&
		    !(after < c->len && cite_term(c->s[after])))
			return 0;
		m->te = after < c->len && cite_term(c->s[after]) ? after
								 : after - 1;
		return 1;
	}
	return 0;
}

static void med_title(med *m)
{
	cite_ctx *c = m->c;
	size_t p = m->ae == CITE_NONE ? 0 : m->ae + 1;

	while (p < m->body_end && c->s[p] == ' ')
		p++;
	if (m->ae == CITE_NONE && !c->author_bad) {
		/* a group author or no author: the first part, then the
		 * title; with only two parts before the journal, the first
		 * is the title */
		size_t e = part_end(c, p, m->body_end);
		if (e + 2 < m->body_end)
			p = e + 2;
	}
	m->ts = p;
	m->te = part_end(c, p, m->body_end);
	if (quoted_title(m, p))
		cite_report(c, ML_RULE_CITATION_TITLE, p,
			    "%s puts no quotation marks around a title",
			    m->name);
}

typedef struct {
	size_t js, je; /* journal */
	size_t y;      /* year */
	size_t semi;   /* ';' before the volume */
	size_t v, ve;  /* volume */
	size_t pg;     /* pages after ':', or CITE_NONE */
} jloc;

/* "Journal. 2019;12(3):45-67" in [p, lim): the year's ';' and the rest. */
static int find_journal(const cite_ctx *c, size_t p, size_t lim, jloc *j)
{
	size_t y, q;

	for (y = p; y + 5 < lim; y++) {
		if (!is_year(c, y) || y < p + 3 || c->s[y - 1] != ' ' ||
		    c->s[y - 2] != '.')
			continue;
		for (q = y + 4; q < lim && q < y + 20 && c->s[q] != ';' &&
				c->s[q] != '.' && c->s[q] != ',';
		     q++)
			;
		if (q >= lim || c->s[q] != ';')
			continue;
		j->js = p;
		j->je = y - 2;
		j->y = y;
		j->semi = q;
		for (j->v = q + 1; j->v < lim && c->s[j->v] == ' '; j->v++)
			;
		for (j->ve = j->v; j->ve < lim && cite_is_digit(c, j->ve);
		     j->ve++)
			;
		for (q = j->ve; q < lim && c->s[q] != ':' && c->s[q] != '.';
		     q++)
			;
		j->pg = q < lim && c->s[q] == ':' ? q + 1 : CITE_NONE;
		return 1;
	}
	return 0;
}

/* "456-63" where AMA gives "456-463" */
static void ama_pages(med *m, size_t p, size_t lim)
{
	cite_ctx *c = m->c;
	size_t a = p, b, d, e;

	while (a < lim && c->s[a] == ' ')
		a++;
	for (b = a; b < lim && cite_is_digit(c, b); b++)
		;
	if (b == a || !cite_is_dash(c, b, &d))
		return;
	for (e = b + d; e < lim && cite_is_digit(c, e); e++)
		;
	if (e > b + d && e - (b + d) < b - a)
		cite_report(c, ML_RULE_CITATION_SOURCE, b + d,
			    "AMA 11 gives page ranges in full: %.*s-%.*s%.*s",
			    (int)(b - a), c->s + a,
			    (int)((b - a) - (e - b - d)), c->s + a,
			    (int)(e - b - d), c->s + b + d);
}

static void med_journal(med *m, const jloc *j)
{
	cite_ctx *c = m->c;
	int it = italic_between(c, j->js, j->je);

	if (m->ama && !it)
		cite_report(c, ML_RULE_CITATION_SOURCE, j->js,
			    "AMA 11 italicises the journal name: *%.*s*",
			    (int)(j->je - j->js > 60 ? 60 : j->je - j->js),
			    c->s + j->js);
	else if (!m->ama && it)
		cite_report(c, ML_RULE_CITATION_SOURCE, j->js,
			    "NLM sets the journal name in roman, not italic");
	if (c->s[j->semi - 1] == ' ' || c->s[j->semi + 1] == ' ' ||
	    (j->pg != CITE_NONE &&
	     (c->s[j->pg] == ' ' || c->s[j->pg - 2] == ' ')))
		cite_report(c, ML_RULE_CITATION_PUNCTUATION, j->semi,
			    "%s writes the locator with no spaces: "
			    "2019;12(3):45-67",
			    m->name);
	else if (j->ve == j->v)
		cite_report(
			c, ML_RULE_CITATION_SOURCE, j->v,
			"no volume after the year: Year;Volume(Issue):pages");
	if (m->ama && j->pg != CITE_NONE)
		ama_pages(m, j->pg, m->body_end);
}

static void med_final(med *m)
{
	cite_ctx *c = m->c;
	size_t b = m->body_end;

	if (b == 0)
		return;
	if (c->s[b - 1] != '.' && c->s[b - 1] != '?' && c->s[b - 1] != '!')
		cite_report(c, ML_RULE_CITATION_PUNCTUATION, b,
			    "end this part of the reference with a period");
	else if (b >= 2 && c->s[b - 1] == '.' && c->s[b - 2] == '.' &&
		 (b < 3 || c->s[b - 3] != '.'))
		cite_report(c, ML_RULE_CITATION_PUNCTUATION, b - 1,
			    "double period: write one");
}

void cite_medical(cite_ctx *c, int ama)
{
	med m;
	jloc j;

	memset(&m, 0, sizeof(m));
	m.c = c;
	m.ama = ama;
	m.name = ama ? "AMA 11" : "NLM (Vancouver)";
	if (med_style(&m))
		return;
	med_locators(&m);
	c->body_end = m.body_end;
	if (m.body_end == 0) {
		cite_report(c, ML_RULE_CITATION_AUTHOR, 0,
			    "no reference before the DOI or URL: write "
			    "Surname AB. Title. Source.");
		return;
	}
	med_authors(&m);
	med_title(&m);
	if (m.te + 2 < m.body_end && find_journal(c, m.te + 2, m.body_end, &j))
		med_journal(&m, &j);
	med_final(&m);
	med_doi(&m);
	med_web(&m);
}
