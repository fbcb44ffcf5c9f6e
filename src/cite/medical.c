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

static const char *const mon3[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
				      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

int cite_find_lit(const cite_ctx *c, size_t from, size_t to, const char *lit,
		  size_t *at)
{
	size_t k = strlen(lit);
	const char *p, *end;

	if (to > c->len)
		to = c->len;
	if (k == 0 || from + k > to)
		return 0;
	/* memchr for the first byte: every entry is searched for a dozen
	 * marks */
	end = c->s + to - k + 1;
	for (p = c->s + from; p < end; p++) {
		p = memchr(p, lit[0], (size_t)(end - p));
		if (!p)
			return 0;
		if (memcmp(p, lit, k) == 0) {
			*at = (size_t)(p - c->s);
			return 1;
		}
	}
	return 0;
}

int cite_is_year(const cite_ctx *c, size_t p)
{
	return p + 4 <= c->len && (c->s[p] == '1' || c->s[p] == '2') &&
	       cite_is_digit(c, p + 1) && cite_is_digit(c, p + 2) &&
	       cite_is_digit(c, p + 3) && !cite_is_digit(c, p + 4) &&
	       (p == 0 || !cite_is_digit(c, p - 1));
}

int cite_month3_at(const cite_ctx *c, size_t p)
{
	size_t i;

	for (i = 0; i < 12; i++)
		if (cite_lit(c, p, mon3[i]))
			return 1;
	return 0;
}

int cite_month_at(const cite_ctx *c, size_t p, size_t *e)
{
	size_t i;

	for (i = 0; i < 12; i++)
		if (cite_lit(c, p, cite_months[i])) {
			*e = p + strlen(cite_months[i]);
			return 1;
		}
	return 0;
}

/* ---- locators ---------------------------------------------------------- */

/* Where the locators start: the first DOI, URL, PMID, "Accessed",
 * "[cited", "Available from" or "Updated"/"Published" date of a page. */
void cite_med_locators(cite_med *m)
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
		if (cite_find_lit(c, 0, best, starts[i], &at) && at < best)
			best = at;
	for (i = 3; i < 6; i++)
		if (cite_find_lit(c, 0, c->len, starts[i], &at) &&
		    (m->url == CITE_NONE || at < m->url))
			m->url = at;
	while (best > 0 && c->s[best - 1] == ' ')
		best--;
	m->body_end = best;
}

static void med_doi(cite_med *m)
{
	cite_ctx *c = m->c;
	size_t at, a, b;

	if (cite_find_lit(c, 0, c->len, "https://doi.org/", &at) ||
	    cite_find_lit(c, 0, c->len, "http://dx.doi.org/", &at)) {
		if (m->ama && !cite_find_lit(c, 0, at, "Available from", &a))
			cite_report(c, ML_RULE_CITATION_DOI, at,
				    "AMA 11 writes the DOI as doi:10.… (no "
				    "URL, no space)");
		a = at + (c->s[at + 4] == 's' ? 16 : 18);
	} else if (cite_find_lit(c, 0, c->len, "doi: ", &at) ||
		   cite_find_lit(c, 0, c->len, "DOI: ", &at) ||
		   cite_find_lit(c, 0, c->len, "DOI:", &at)) {
		if (m->ama)
			cite_report(c, ML_RULE_CITATION_DOI, at,
				    "AMA 11 writes doi:10.… in lower case, "
				    "with no space after the colon");
		a = at + 4;
		while (a < c->len && c->s[a] == ' ')
			a++;
	} else if (cite_find_lit(c, 0, c->len, "doi:", &at)) {
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
static void med_web(cite_med *m)
{
	cite_ctx *c = m->c;
	size_t at, e;

	if (cite_find_lit(c, 0, c->len, "Retrieved ", &at)) {
		cite_report(c, ML_RULE_CITATION_SOURCE, at,
			    m->ama ? "'Retrieved' is APA: AMA 11 writes "
				     "Accessed Month Day, Year. then the URL"
				   : "'Retrieved' is APA: NLM writes [cited "
				     "Year Mon Day]. Available from: URL");
		return;
	}
	if (cite_find_lit(c, 0, c->len, "Accessed ", &at) &&
	    (!cite_month_at(c, at + 9, &e) || e + 1 >= c->len ||
	     c->s[e] != ' ' || !cite_is_digit(c, e + 1))) {
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
		if (!cite_find_lit(c, 0, c->len, "Accessed ", &at) &&
		    !cite_find_lit(c, 0, c->len, "doi", &e))
			cite_report(c, ML_RULE_CITATION_DATE, m->url,
				    "an online source in AMA 11 says when it "
				    "was seen: Accessed Month Day, Year. "
				    "before the URL");
		return;
	}
	if (cite_find_lit(c, 0, c->len, "doi", &e))
		return;
	if (!cite_find_lit(c, 0, c->len, "[cited ", &at) &&
	    !cite_find_lit(c, 0, c->len, "; cited ", &at))
		cite_report(c, ML_RULE_CITATION_DATE, m->url,
			    "an online source in NLM style gives the date it "
			    "was cited: [cited 2020 Mar 5].");
	else if (!cite_is_year(c, at + (c->s[at] == '[' ? 7 : 8)))
		cite_report(c, ML_RULE_CITATION_DATE, at + 7,
			    "NLM writes the date cited year first: [cited "
			    "2020 Mar 5]");
	if (!cite_find_lit(c, 0, m->url, "Available from: ", &at))
		cite_report(c, ML_RULE_CITATION_SOURCE, m->url,
			    "NLM gives the address after 'Available from: '");
	if (!cite_find_lit(c, 0, c->len, "[Internet]", &at))
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

/* ", Ketamine sedation is": after a name, a capitalised word and a
 * lower-case one, the title run on after a comma (a group author after
 * the names is capitalised throughout, "World Health Organization"). */
static int title_after_comma(const cite_ctx *c, size_t e, size_t lim)
{
	size_t w;

	if (e + 3 >= lim || c->s[e + 1] != ' ' || !cite_is_up(c, e + 2))
		return 0;
	w = cite_word_end(c, e + 2);
	return w + 2 < lim && w > e + 3 && c->s[w] == ' ' &&
	       cite_is_lo(c, w + 1) && cite_is_lo(c, w + 2) &&
	       !(w + 3 < lim && c->s[w + 1] == 'e' && c->s[w + 2] == 't' &&
		 c->s[w + 3] == ' ');
}

/* The first name read as no NLM name: "Wells et al." (a surname with
 * no initials) or "Tayal, VS," (a comma between surname and initials). */
static int first_author_form(cite_med *m)
{
	cite_ctx *c = m->c;
	size_t w = cite_word_end(c, 0), i;

	if (w == 0 || !cite_is_up(c, 0))
		return 0;
	if (cite_lit(c, w, " et al")) {
		cite_report(c, ML_RULE_CITATION_AUTHOR, w + 1,
			    "%s lists the authors as Surname AB, and at least "
			    "the first 3 before et al",
			    m->name);
		c->author_bad = 1;
		return 1;
	}
	if (w >= 3 && w + 3 < m->body_end && c->s[w] == ' ' &&
	    cite_is_up(c, w + 1) && cite_is_lo(c, w + 2) &&
	    c->s[w + 3] == ',') {
		cite_report(c, ML_RULE_CITATION_AUTHOR, w + 1,
			    "%s writes initials as capitals: Smith JA",
			    m->name);
		c->author_bad = 1;
		return 1;
	}
	if (!cite_lit(c, w, ", "))
		return 0;
	for (i = w + 2; i < m->body_end && cite_is_up(c, i); i++)
		;
	if (i == w + 2 || i - (w + 2) > 3 || i >= m->body_end || c->s[i] != ',')
		return 0;
	cite_report(c, ML_RULE_CITATION_AUTHOR, w,
		    "%s writes the surname then the initials, no comma "
		    "between: Smith JA",
		    m->name);
	c->author_bad = 1;
	return 1;
}

void cite_med_authors(cite_med *m)
{
	cite_ctx *c = m->c;
	size_t p = 0, e, w, lim = m->body_end;
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
			if (cite_lit(c, e + 2, "et al"))
				cite_report(c, ML_RULE_CITATION_AUTHOR, e,
					    "%s writes initials without a "
					    "period and lists at least the "
					    "first 3 authors before et al: "
					    "Smith JA, Jones B, Li C, et al",
					    m->name);
			break;
		}
		if (c->s[e] == ' ' && cite_lit(c, e + 1, "and ")) {
			cite_report(c, ML_RULE_CITATION_AUTHOR, e + 1,
				    "%s separates every author with a comma: "
				    "no 'and' or '&'",
				    m->name);
			p = e + 5;
			continue;
		}
		if (c->s[e] == ',' && !m->ama && title_after_comma(c, e, lim) &&
		    !nlm_name(c, e + 2, lim, &w)) {
			cite_report(
				c, ML_RULE_CITATION_PUNCTUATION, e,
				"%s ends the list of authors with a period: "
				"Smith JA, Li C. Title",
				m->name);
			c->author_bad = 1;
			return;
		}
		if (c->s[e] == '.') {
			cite_report(c, ML_RULE_CITATION_AUTHOR, e,
				    "%s writes initials without periods or "
				    "spaces: Smith JA",
				    m->name);
			return;
		}
		if (c->s[e] == ' ' && cite_lit(c, e + 1, "et al")) {
			cite_report(c, ML_RULE_CITATION_AUTHOR, e,
				    "%s puts a comma before et al: Smith JA, "
				    "et al",
				    m->name);
			p = e + 1;
			continue;
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
	if (n == 0 && p == 0 && first_author_form(m))
		return;
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
	/* "vs. soleus": a lower-case word goes on with the part */
	for (; p < lim; p++)
		if (cite_term(c->s[p]) &&
		    (p + 1 >= lim ||
		     (c->s[p + 1] == ' ' && !cite_is_lo(c, p + 2))))
			return p;
	return lim;
}

/* A title wholly in quotation marks: "“Title.” Journal" or "“Title”."
 * (then the title ends after the closing mark). */
static int quoted_title(cite_med *m, size_t p)
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

void cite_med_title(cite_med *m)
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

/* "Journal. 2019;12(3):45-67" in [p, lim): the year's ';' and the rest. */
int cite_find_journal(const cite_ctx *c, size_t p, size_t lim, cite_jloc *j)
{
	size_t y, q;

	for (y = p; y + 5 < lim; y++) {
		if (!cite_is_year(c, y) || y < p + 3 || c->s[y - 1] != ' ' ||
		    c->s[y - 2] != '.')
			continue;
		for (q = y + 4; q < lim && q < y + 20 && c->s[q] != ';' &&
				c->s[q] != '.' && c->s[q] != ',';
		     q++)
			;
		if (q >= lim || c->s[q] != ';')
			continue;
		/* the journal is the part before the year */
		for (j->js = y - 2; j->js > p && !(c->s[j->js - 1] == ' ' &&
						   cite_term(c->s[j->js - 2]));
		     j->js--)
			;
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
static void ama_pages(cite_med *m, size_t p, size_t lim)
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

/* "2355-2365" where NLM gives "2355-65" (Citing Medicine and the
 * MEDLINE indexing manual: only the digits that change). An en dash is
 * let pass: Citing Medicine prints a hyphen, but nlm-citation-sequence.csl
 * renders an en dash, and editors paste that. */
static void nlm_pages(cite_med *m, size_t p, size_t lim)
{
	cite_ctx *c = m->c;
	size_t a = p, b, d, e, k, x = 0, f;

	while (a < lim && c->s[a] == ' ')
		a++;
	/* an electronic or supplement page, "e1208-e1225", "S15-S22": the
	 * letter once or on both ends, the digits elided as any others */
	if (a + 1 < lim && cite_is_letter(c, a) && cite_is_digit(c, a + 1))
		x = 1;
	for (b = a + x; b < lim && cite_is_digit(c, b); b++)
		;
	if (b == a + x || !cite_is_dash(c, b, &d))
		return;
	/* the second number's first digit: "e1208-e1225", "e423-433" */
	f = b + d;
	if (x && f < lim && c->s[f] == c->s[a])
		f++;
	else if (x && !cite_is_digit(c, f))
		return;
	for (e = f; e < lim && cite_is_digit(c, e); e++)
		;
	if (e - f != b - (a + x) || b - (a + x) < 2 || c->s[a + x] != c->s[f] ||
	    (e < lim && cite_is_letter(c, e)))
		return;
	for (k = 0; k < b - (a + x) && c->s[a + x + k] == c->s[f + k]; k++)
		;
	cite_report(c, ML_RULE_CITATION_SOURCE, b + d,
		    "NLM drops the repeated digits of a page range: "
		    "%.*s-%.*s",
		    (int)(b - a), c->s + a, (int)(e - (f + k)), c->s + f + k);
}

/* Words the NLM Catalog always abbreviates in a journal's name, and the
 * small words it drops. A name of one word is never abbreviated. */
static const char *const jwords[] = {
	"Journal",	 "Medicine",	"Medical",  "American",
	"International", "Annals",	"Clinical", "Emergency",
	"Association",	 "Society",	"Research", "Review",
	"Reviews",	 "Surgery",	"Academy",  "Academic",
	"Proceedings",	 "National",	"British",  "European",
	"Archives",	 "Bulletin",	"Critical", "Pediatric",
	"Monthly",	 "Emergencies", "of",	    "the",
	"and",		 "for"
};

static void nlm_journal_name(cite_med *m, size_t js, size_t je)
{
	cite_ctx *c = m->c;
	size_t p = js, e, i, words = 0, bad = CITE_NONE;

	while (p < je) {
		while (p < je && !cite_is_letter(c, p))
			p += c->s[p] == '(' ? je - p : 1; /* "(Phila)" */
		if (p >= je)
			break;
		e = cite_word_end(c, p);
		if (e <= p)
			break;
		words++;
		for (i = 0; bad == CITE_NONE && i < ML_ARRAY_LEN(jwords); i++)
			if (strlen(jwords[i]) == e - p &&
			    memcmp(c->s + p, jwords[i], e - p) == 0)
				bad = p;
		p = e;
	}
	if (words >= 2 && bad != CITE_NONE)
		cite_report(c, ML_RULE_CITATION_SOURCE, bad,
			    "%s abbreviates the journal's name as the NLM "
			    "Catalog does (Journal J, Medicine Med, American "
			    "Am; of, the, and dropped): N Engl J Med",
			    m->ama ? "AMA 11" : "NLM");
}

static void med_journal(cite_med *m, const cite_jloc *j)
{
	cite_ctx *c = m->c;
	int it = cite_italic_between(c, j->js, j->je);

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
	else if (j->ve == j->v && (m->ama || c->s[j->v] != '('))
		/* Citing Medicine: a journal with no volume gives the issue
		 * alone, "2002;(401):28-32" */
		cite_report(
			c, ML_RULE_CITATION_SOURCE, j->v,
			"no volume after the year: Year;Volume(Issue):pages");
	if (m->ama && j->pg != CITE_NONE)
		ama_pages(m, j->pg, m->body_end);
	if (j->pg == CITE_NONE && j->ve > j->v)
		cite_report(c, ML_RULE_CITATION_SOURCE, j->ve,
			    "no pages after the volume: %s gives the "
			    "location, Year;Vol(Issue):pages.",
			    m->ama ? "AMA 11" : "NLM");
	/* AMA 11 (3.11.3) abbreviates journal names as the NLM Catalog
	 * does, as Citing Medicine does */
	nlm_journal_name(m, j->js, j->je);
	if (m->ama)
		return;
	if (j->pg != CITE_NONE)
		nlm_pages(m, j->pg, m->body_end);
}

/* Parts run together: "Weiss JW.Serum lactate", "revised version.J Vasc
 * Surg", "Rieder M .A blinded"; and "et. al" for "et al". */
static void med_joins(cite_med *m)
{
	cite_ctx *c = m->c;
	size_t b = m->body_end, p;

	if (m->url != CITE_NONE && m->url < b)
		b = m->url;
	for (p = 2; p + 2 < b; p++) {
		if (c->s[p] != '.' || !cite_is_up(c, p + 1))
			continue;
		if ((cite_is_lo(c, p - 1) && cite_is_lo(c, p - 2)) ||
		    (cite_is_up(c, p - 1) && c->s[p - 2] != '.' &&
		     cite_is_lo(c, p + 2) && cite_is_lo(c, p + 3)) ||
		    c->s[p - 1] == ' ') {
			cite_report(c, ML_RULE_CITATION_PUNCTUATION, p,
				    "%s ends each part with a period and a "
				    "space: '. ' before the next part",
				    m->name);
			return;
		}
	}
	for (p = 0; p + 6 < b; p++)
		if (cite_lit(c, p, "et. al")) {
			cite_report(c, ML_RULE_CITATION_AUTHOR, p,
				    "write et al, with no period after et");
			return;
		}
}

static void med_final(cite_med *m)
{
	cite_ctx *c = m->c;
	size_t b = m->body_end;

	if (b == 0)
		return;
	med_joins(m);
	if (c->s[b - 1] != '.' && c->s[b - 1] != '?' && c->s[b - 1] != '!')
		cite_report(c, ML_RULE_CITATION_PUNCTUATION, b,
			    "end this part of the reference with a period");
	else if (b >= 2 && c->s[b - 1] == '.' && c->s[b - 2] == '.' &&
		 (b < 3 || c->s[b - 3] != '.'))
		cite_report(c, ML_RULE_CITATION_PUNCTUATION, b - 1,
			    "double period: write one");
}

/* ---- NLM: the parts a reference is made of ---------------------------- */

/* "West J Med 1991; 155:146-51", "Lancet 2007;370:676-84": the year run
 * into the journal's name, where NLM puts ". " between them; with no
 * journal read, also "JAMA 1993." at the end. The year's position, or
 * CITE_NONE. */
static size_t nlm_runin(const cite_med *m, int journal)
{
	const cite_ctx *c = m->c;
	size_t y, q, from = m->ts < m->body_end ? m->ts : 0;
	int comma;

	for (y = from + 2; y + 4 < m->body_end + 1 && y + 4 <= c->len; y++) {
		if (c->s[y - 1] != ' ' || (c->s[y] != '1' && c->s[y] != '2') ||
		    !cite_is_year(c, y))
			continue;
		/* "Anesthesiology 2014;", "*Resuscitation*, 2011." */
		comma = c->s[y - 2] == ',' && y >= 3 &&
			cite_is_letter(c, y - 3);
		if (!comma && !cite_is_letter(c, y - 2))
			continue;
		if ((y >= 6 && cite_lit(c, y - 6, "cited ")) ||
		    (y >= 8 && cite_lit(c, y - 8, "pdated ")) ||
		    (y >= 5 && cite_lit(c, y - 5, "Epub ")) ||
		    (y >= 4 && cite_month3_at(c, y - 4)) ||
		    (y >= 5 && cite_month3_at(c, y - 5)))
			continue;
		q = y + 4;
		if (q + 4 < c->len && c->s[q] == ' ' &&
		    cite_month3_at(c, q + 1))
			for (q += 4;
			     q < c->len &&
			     (cite_is_letter(c, q) || cite_is_digit(c, q) ||
			      c->s[q] == ' ' || c->s[q] == '-');
			     q++)
				;
		while (q < c->len && c->s[q] == ' ')
			q++;
		if (q < c->len && c->s[q] == ';' && !comma)
			return y;
		if (!journal && q + 1 >= m->body_end && q < c->len &&
		    c->s[q] == '.')
			return y;
	}
	return CITE_NONE;
}

/* "Am J Emerg Med. Sep 2012;30(7)": the month before the year. */
static void nlm_month_first(cite_med *m)
{
	cite_ctx *c = m->c;
	size_t p, q;

	for (p = 2; p + 9 < m->body_end; p++) {
		if (c->s[p - 1] != ' ' || c->s[p - 2] != '.' ||
		    !cite_month3_at(c, p))
			continue;
		for (q = p + 3; q < m->body_end &&
				(cite_is_letter(c, q) || c->s[q] == '-');
		     q++)
			;
		if (c->s[q] == ' ' && cite_is_year(c, q + 1) &&
		    q + 5 < c->len && c->s[q + 5] == ';') {
			cite_report(c, ML_RULE_CITATION_DATE, p,
				    "NLM writes the year before the month: "
				    "%.4s %.3s;",
				    c->s + q + 1, c->s + p);
			return;
		}
	}
}

/* "Place: Publisher; 2019": where the place's colon is, else 0. */
static size_t city_publisher(const cite_ctx *c, size_t lim)
{
	size_t q, r;

	for (q = 1; q + 8 < lim; q++) {
		if (c->s[q] != ':' || c->s[q + 1] != ' ')
			continue;
		for (r = q + 2; r < lim && c->s[r] != ';' && c->s[r] != ':' &&
				!(c->s[r] == '.' && c->s[r + 1] == ' ');
		     r++)
			;
		if (r + 1 < lim && c->s[r] == ';' &&
		    (cite_is_year(c, r + 1) ||
		     (c->s[r + 1] == ' ' && cite_is_year(c, r + 2)) ||
		     (cite_lit(c, r + 1, " c") && cite_is_year(c, r + 3))))
			return q;
	}
	return 0;
}

/* A book's (or a report's) publication: "Place: Publisher; 2019", or
 * "Publisher; 2019" as AMA 11 writes it. */
static int place_publisher(const cite_ctx *c, size_t lim)
{
	size_t q;

	if (city_publisher(c, lim))
		return 1;
	/* "Elsevier; 2020.": the place is missing, which the CSL styles
	 * also print when the data has none; not told as another form */
	for (q = 3; q + 6 < lim; q++)
		if (c->s[q] == ';' && c->s[q + 1] == ' ' &&
		    (cite_is_year(c, q + 2) ||
		     (c->s[q + 2] == 'c' && cite_is_year(c, q + 3))) &&
		    (cite_is_letter(c, q - 1) || c->s[q - 1] == ')'))
			return 1;
	return 0;
}

/* ". 15(9):74724", ". 47(6):574": a journal's locator with no year
 * before it (a missing date, told by itself). */
static int bare_locator(const cite_ctx *c, size_t lim)
{
	size_t p, q;

	for (p = 2; p + 3 < lim; p++) {
		if (c->s[p - 2] != '.' || c->s[p - 1] != ' ' ||
		    !cite_is_digit(c, p))
			continue;
		for (q = p; q < lim && cite_is_digit(c, q); q++)
			;
		if (q < lim && c->s[q] == '(')
			while (q < lim && c->s[q] != ')')
				q++;
		if (q + 1 < lim &&
		    (c->s[q] == ':' || (c->s[q] == ')' && c->s[q + 1] == ':')))
			return 1;
	}
	return 0;
}

/* An entry that is neither an NLM journal article, a book or chapter
 * (Place: Publisher; Year) nor a web page ([Internet], [cited],
 * Available from:). */
static void nlm_form(cite_med *m, int journal)
{
	cite_ctx *c = m->c;
	size_t at;

	if (cite_find_lit(c, 0, c->len, " eds.", &at) ||
	    cite_find_lit(c, 0, c->len, " eds,", &at) ||
	    cite_find_lit(c, 0, c->len, "(eds)", &at)) {
		cite_report(c, ML_RULE_CITATION_SOURCE, at,
			    "NLM names a book's editors with 'editors': In: "
			    "Smith AB, Jones CD, editors. Title.");
		return;
	}
	if (journal || place_publisher(c, m->body_end) ||
	    bare_locator(c, m->body_end) ||
	    cite_find_lit(c, 0, c->len, "[Internet]", &at) ||
	    cite_find_lit(c, 0, c->len, "[cited ", &at) ||
	    cite_find_lit(c, 0, c->len, "Available from", &at))
		return;
	cite_report(c, ML_RULE_CITATION_SOURCE,
		    m->te + 2 < m->body_end ? m->te + 2 : 0,
		    "not an NLM reference: a journal article reads Title. "
		    "Journal Abbrev. 2019;12(3):45-67., a book Title. "
		    "Place: Publisher; 2019., a web page Title [Internet]. "
		    "... [cited 2020 Mar 5]. Available from: URL");
}

/* "…tamponade?. Resuscitation": no period after a title's '?' or '!';
 * and PubMed's closing parts, "Epub 2011 Nov 3." "PMID: 123.", end with
 * one. */
static void nlm_marks(cite_med *m)
{
	cite_ctx *c = m->c;
	size_t p, at, e;

	for (p = 1; p + 1 < m->body_end; p++)
		if (c->s[p] == '.' &&
		    (c->s[p - 1] == '?' || c->s[p - 1] == '!') &&
		    (p + 1 >= c->len || c->s[p + 1] == ' ')) {
			cite_report(c, ML_RULE_CITATION_PUNCTUATION, p,
				    "no period after a title that ends in '%c'",
				    c->s[p - 1]);
			break;
		}
	for (e = c->len; e > 0 && c->s[e - 1] == ' '; e--)
		;
	if (e > 0 && cite_is_digit(c, e - 1) && m->body_end < e &&
	    (cite_find_lit(c, m->body_end, e, "Epub ", &at) ||
	     cite_find_lit(c, m->body_end, e, "PMID", &at)) &&
	    !cite_find_lit(c, at, e, ". ", &p))
		cite_report(c, ML_RULE_CITATION_PUNCTUATION, e,
			    "end the reference with a period, as PubMed "
			    "does: Epub 2011 Nov 3. PMID: 12345.");
}

/* "3 (1): 21-4", "27: 89-100": spaces inside a volume, issue and pages
 * that were not read as a journal's locator. */
static void nlm_locator_spaces(cite_med *m)
{
	cite_ctx *c = m->c;
	size_t p;

	for (p = 1; p + 3 < m->body_end; p++) {
		int bad = (cite_is_digit(c, p - 1) && c->s[p] == ' ' &&
			   c->s[p + 1] == '(' && cite_is_digit(c, p + 2)) ||
			  (c->s[p - 1] == ')' && c->s[p] == ':' &&
			   c->s[p + 1] == ' ' && cite_is_digit(c, p + 2)) ||
			  (cite_is_digit(c, p - 1) && c->s[p] == ' ' &&
			   c->s[p + 1] == ':' && cite_is_digit(c, p + 2));
		if (bad) {
			cite_report(c, ML_RULE_CITATION_PUNCTUATION, p,
				    "NLM writes the locator with no spaces: "
				    "2019;12(3):45-67");
			return;
		}
	}
}

/* "Philadelphia, PA: Saunders; 2012", "Cambridge, MA, USA: MIT Press":
 * Citing Medicine puts the state or country after the place in
 * parentheses, "Philadelphia (PA):". */
static void nlm_place(cite_med *m)
{
	cite_ctx *c = m->c;
	size_t q = city_publisher(c, m->body_end);

	if (q >= 6 && ((c->s[q - 4] == ',' && c->s[q - 3] == ' ' &&
			cite_is_up(c, q - 2) && cite_is_up(c, q - 1) &&
			cite_is_letter(c, q - 5)) ||
		       cite_lit(c, q - 5, ", USA")))
		cite_report(c, ML_RULE_CITATION_SOURCE, q - 4,
			    "NLM puts the state or country after the place "
			    "in parentheses: Philadelphia (PA): Publisher; "
			    "2019.");
}

/* "Justice AC, McGinnis KA, et al. HIV Med. 2010;11(2):143-51.": the
 * names, then the journal and its date; the article's title is missing.
 * The part read as a title is a journal's name when each of its words
 * opens with a capital and a year (and maybe a month) and ';' follow. */
static void nlm_no_title(cite_med *m, int journal)
{
	cite_ctx *c = m->c;
	size_t p, t = m->te;

	if (journal || m->ae == CITE_NONE || t <= m->ts || t - m->ts > 40 ||
	    t + 8 > c->len || !cite_lit(c, t, ". ") || !cite_is_year(c, t + 2))
		return;
	if (!(c->s[t + 6] == ';' ||
	      (c->s[t + 6] == ' ' && cite_month3_at(c, t + 7))))
		return;
	for (p = m->ts; p < t; p++)
		if ((p == m->ts || c->s[p - 1] == ' ') && !cite_is_up(c, p) &&
		    c->s[p] != '(')
			return;
	cite_report(c, ML_RULE_CITATION_TITLE, m->ts,
		    "no title: NLM gives the article's title between the "
		    "authors and the journal, Surname AB. Title. Journal. "
		    "2019;12(3):45-67.");
}

/* "... doi: 10.1001/jama.2009.1243." and "Available from: https://x.org/.":
 * Citing Medicine ends an entry with its DOI or address, with no period
 * after it. A period before PubMed's "Epub ..." or "PMID: ..." separates
 * the parts and stays. */
static void nlm_closing_id(cite_med *m)
{
	cite_ctx *c = m->c;
	size_t e = c->len, w;

	while (e > 0 && c->s[e - 1] == ' ')
		e--;
	if (e < 3 || c->s[e - 1] != '.' || c->s[e - 2] == '.')
		return;
	for (w = e - 1; w > 0 && c->s[w - 1] != ' '; w--)
		;
	if (c->s[w] == '<')
		w++;
	if (!(cite_lit(c, w, "http://") || cite_lit(c, w, "https://") ||
	      cite_lit(c, w, "www.") || cite_lit(c, w, "doi:10.") ||
	      cite_lit(c, w, "DOI:10.") ||
	      (cite_lit(c, w, "10.") && w >= 5 &&
	       (cite_lit(c, w - 5, "doi: ") || cite_lit(c, w - 5, "DOI: ")))))
		return;
	cite_report(c, ML_RULE_CITATION_PUNCTUATION, e - 1,
		    "NLM puts no period after a DOI or URL that ends the "
		    "reference");
}

static void nlm_parts(cite_med *m, int journal)
{
	cite_ctx *c = m->c;
	size_t y = nlm_runin(m, journal), at;

	if (y != CITE_NONE)
		cite_report(c, ML_RULE_CITATION_PUNCTUATION, y,
			    "NLM ends the journal's name with a period "
			    "before the year (Journal Abbrev. %.4s;), a "
			    "publisher with a semicolon (Publisher; %.4s.)",
			    c->s + y, c->s + y);
	if (!journal &&
	    (cite_find_lit(c, 0, m->body_end, "Journal of ", &at) ||
	     cite_find_lit(c, 0, m->body_end, "Journal Of ", &at)) &&
	    at > m->te)
		cite_report(c, ML_RULE_CITATION_SOURCE, at,
			    "NLM abbreviates the journal's name as the NLM "
			    "Catalog does: N Engl J Med, J Clin Oncol");
	nlm_month_first(m);
	nlm_marks(m);
	nlm_locator_spaces(m);
	nlm_form(m, journal);
	nlm_place(m);
	nlm_no_title(m, journal);
	nlm_closing_id(m);
	if (cite_find_lit(c, 0, c->len, "[cited ", &at) &&
	    cite_is_year(c, at + 7) && at + 11 < c->len && c->s[at + 11] == ']')
		cite_report(c, ML_RULE_CITATION_DATE, at + 7,
			    "NLM gives the full date cited: [cited %.4s Mar "
			    "5]",
			    c->s + at + 7);
}

/* Whether [ts, te) is a title to check for sentence case: not quoted,
 * not a web site's name ("Cleveland Clinic [Internet]"), not a piece of
 * a group author cut at an initialism ("U.S. Department of ..."); AMA
 * sets a book's title in title case, so there only an article's. */
static int title_for_case(const cite_med *m, int journal)
{
	const cite_ctx *c = m->c;
	size_t at, lim = m->te + 14 < c->len ? m->te + 14 : c->len;

	if (m->te <= m->ts || m->te > m->body_end || (m->ama && !journal))
		return 0;
	if (c->s[m->ts] == '"' || cite_lit(c, m->ts, "\xE2\x80\x9C"))
		return 0;
	if (cite_find_lit(c, m->ts, lim, "[Internet]", &at) ||
	    cite_find_lit(c, m->ts, lim, "[cited", &at))
		return 0;
	return !(m->ae == CITE_NONE && m->ts >= 4 && c->s[m->ts - 2] == '.' &&
		 cite_is_up(c, m->ts - 3) && c->s[m->ts - 4] == '.');
}

/* ---- AMA 11: the parts a reference is made of -------------------------- */

/* The first italic part that opens a part: "Title. *Journal*. 2025."
 * (not a species name inside the title). */
static size_t first_italic(const cite_ctx *c, size_t lim)
{
	size_t p;

	for (p = 2; p < lim; p++)
		if (c->it[p] && !c->it[p - 1] && c->s[p - 1] == ' ' &&
		    c->s[p - 2] == '.')
			return p;
	return CITE_NONE;
}

/* What AMA 11 leaves out or puts in that the entry does not: no place of
 * publication (a book or report gives its publisher only); no authors
 * ("Title. *Journal*. 2025."); an italic journal followed by a year and
 * nothing else (no volume, pages or "Published online" date). */
static void ama_parts(cite_med *m, int journal)
{
	cite_ctx *c = m->c;
	size_t q = city_publisher(c, m->body_end), j, e;

	if (q)
		cite_report(c, ML_RULE_CITATION_SOURCE, q,
			    "AMA 11 gives a book's publisher with no place: "
			    "Publisher; 2019.");
	if (journal)
		return;
	j = first_italic(c, m->body_end);
	if (j == CITE_NONE || j < 3 || c->s[j - 1] != ' ' || c->s[j - 2] != '.')
		return;
	for (e = j; e < m->body_end && c->it[e]; e++)
		;
	if (!cite_lit(c, e, ". ") || !cite_is_year(c, e + 2))
		return;
	/* "Group. *Title of the Report*. 2015. Accessed ..." is a report or
	 * document the group published itself online (AMA 11 3.15), as
	 * citeproc-js renders one with no publisher: the group is its
	 * author, the italic its title, not a journal */
	if (cite_lit(c, e + 6, ". Accessed "))
		return;
	if (m->ae == CITE_NONE && !c->author_bad && part_end(c, 0, j) + 2 == j)
		cite_report(c, ML_RULE_CITATION_AUTHOR, 0,
			    "no authors: AMA 11 starts with them (or with the "
			    "group that wrote it), then the title");
	if (e + 6 >= m->body_end || c->s[e + 6] == '.')
		cite_report(c, ML_RULE_CITATION_SOURCE, e + 2,
			    "no volume or pages after the year: "
			    "2019;12(3):45-67, or Published online Month D, "
			    "Year.");
}

void cite_medical(cite_ctx *c, int ama)
{
	cite_med m;
	cite_jloc j;
	int journal;

	memset(&m, 0, sizeof(m));
	m.c = c;
	m.ama = ama;
	m.name = ama ? "AMA 11" : "NLM (Vancouver)";
	if (cite_med_style(&m))
		return;
	cite_med_locators(&m);
	c->body_end = m.body_end;
	if (m.body_end == 0) {
		cite_report(c, ML_RULE_CITATION_AUTHOR, 0,
			    "no reference before the DOI or URL: write "
			    "Surname AB. Title. Source.");
		return;
	}
	cite_med_authors(&m);
	cite_med_title(&m);
	journal = m.te + 2 < m.body_end &&
		  cite_find_journal(c, m.te + 2, m.body_end, &j);
	if (journal)
		med_journal(&m, &j);
	/* article titles in sentence case in both; AMA sets a book's
	 * title in title case */
	if (title_for_case(&m, journal))
		cite_case_in(c, m.ts, m.te, m.name);
	if (!ama)
		nlm_parts(&m, journal);
	else
		ama_parts(&m, journal);
	med_final(&m);
	med_doi(&m);
	med_web(&m);
}
