/* cite/loc.c - the locators that end a reference: DOI, URL, "Retrieved"
 * phrases, PMID, PMCID and ISBN. Finds where they start (the body of the
 * entry ends there), checks each, and offers fixes for the DOI forms,
 * "Retrieved from" and a period after a DOI or URL. */
#include "cite/internal.h"

#include <stdio.h>
#include <string.h>

#include "util/common.h"

#define SNIP 96

static int url_at(const cite_ctx *c, size_t p)
{
	return cite_lit_ci(c, p, "http://") || cite_lit_ci(c, p, "https://");
}

static size_t tok_end(const cite_ctx *c, size_t p)
{
	while (p < c->len && c->s[p] != ' ')
		p++;
	return p;
}

const char *const cite_months[12] = { "January", "February", "March",
				      "April",	 "May",	     "June",
				      "July",	 "August",   "September",
				      "October", "November", "December" };

static int month_at(const cite_ctx *c, size_t p)
{
	size_t i;

	for (i = 0; i < ML_ARRAY_LEN(cite_months); i++)
		if (cite_lit(c, p, cite_months[i]))
			return 1;
	return 0;
}

/* A bare "10.1000/x": a DOI prefix of 4 to 9 digits and a slash. */
static int bare_doi_at(const cite_ctx *c, size_t p)
{
	size_t q = p + 3;

	if (!cite_lit(c, p, "10."))
		return 0;
	while (cite_is_digit(c, q))
		q++;
	return q - p - 3 >= 4 && q - p - 3 <= 9 && q < c->len && c->s[q] == '/';
}

static int doi_word_at(const cite_ctx *c, size_t p)
{
	return bare_doi_at(c, p) || cite_lit_ci(c, p, "doi:") ||
	       ((cite_lit(c, p, "DOI ") || cite_lit(c, p, "doi ")) &&
		cite_lit(c, p + 4, "10.")) ||
	       cite_lit_ci(c, p, "doi.org/") ||
	       cite_lit_ci(c, p, "dx.doi.org/");
}

/* "Available at: URL", "Available from: URL" (Harvard, Vancouver):
 * the length of the phrase, 0 when none. */
static size_t available(const cite_ctx *c, size_t p)
{
	static const char *const forms[] = {
		"Available at: ", "Available from: ", "Available at ",
		"Available from "
	};
	size_t i, n;

	for (i = 0; i < ML_ARRAY_LEN(forms); i++) {
		n = strlen(forms[i]);
		if (cite_lit(c, p, forms[i]) && url_at(c, p + n))
			return n;
	}
	return 0;
}

static int loc_start(const cite_ctx *c, size_t p)
{
	if (p > 0 && c->s[p - 1] != ' ')
		return 0;
	if (!strchr("hHdDRPIA1", c->s[p]))
		return 0;
	if (available(c, p))
		return 1;
	if (url_at(c, p) || doi_word_at(c, p))
		return 1;
	if (cite_lit(c, p, "Retrieved from ") ||
	    (cite_lit(c, p, "Retrieved ") && month_at(c, p + 10)))
		return 1;
	return cite_lit(c, p, "PMID") || cite_lit(c, p, "PMCID") ||
	       (cite_lit(c, p, "PMC") && cite_is_digit(c, p + 3)) ||
	       cite_lit(c, p, "ISBN");
}

static void check_doi(cite_ctx *c, size_t a, size_t b)
{
	char doi[SNIP];

	c->has_doi = 1;
	if (cite_doi_valid(c->s + a, b - a, c->md)) {
		cite_note_id(c, ML_CITE_DOI, a, b);
		return;
	}
	cite_report(
		c, ML_RULE_CITATION_DOI, a,
		"malformed DOI '%s': a DOI is 10.<4-9 digit prefix>/<suffix> "
		"of letters, digits and -._;()/:, written "
		"https://doi.org/10.xxxx/...",
		cite_snip(c, a, b, doi, sizeof(doi)));
}

/* APA 7 accepts shortDOIs (https://doi.org/fg6rf9) as well. */
static int short_doi(const cite_ctx *c, size_t a, size_t b)
{
	size_t p;

	if (b - a < 4 || b - a > 12)
		return 0;
	for (p = a; p < b; p++)
		if (!((c->s[p] >= 'a' && c->s[p] <= 'z') ||
		      cite_is_digit(c, p)))
			return 0;
	return 1;
}

/* A DOI URL: anything but https://doi.org/ gets a fix to that form. */
static void doi_url(cite_ctx *c, size_t a, size_t path, size_t b)
{
	char doi[SNIP], fixed[SNIP + 20];
	ml_finding *fd;

	if (!cite_lit(c, a, "https://doi.org/")) {
		cite_snip(c, path, b, doi, sizeof(doi));
		(void)snprintf(fixed, sizeof(fixed), "https://doi.org/%s", doi);
		fd = cite_report(c, ML_RULE_CITATION_DOI, a,
				 "write the DOI as %s (https://doi.org/, not "
				 "http:// or dx.doi.org)",
				 fixed);
		cite_fix(c, fd, a, path, "https://doi.org/");
	}
	if (short_doi(c, path, b)) {
		c->has_doi = 1;
		return;
	}
	check_doi(c, path, b);
}

static void pubmed_id(cite_ctx *c, size_t a, size_t b, int pmc)
{
	char id[SNIP];
	size_t e = a;

	while (e < b && c->s[e] != '/' && c->s[e] != '?' && c->s[e] != '#')
		e++;
	if (pmc ? ml_pmcid_valid(c->s + a, e - a)
		: ml_pmid_valid(c->s + a, e - a)) {
		cite_note_id(c, pmc ? ML_CITE_PMCID : ML_CITE_PMID, a, e);
		return;
	}
	cite_report(c, ML_RULE_CITATION_IDENTIFIER, a,
		    pmc ? "malformed PMCID '%s' in the URL: write PMC and its "
			  "digits, e.g. PMC1234567"
			: "malformed PMID '%s' in the URL: a PMID is 1 to 8 "
			  "digits",
		    cite_snip(c, a, e, id, sizeof(id)));
}

/* Which site a URL is on decides the extra checks it gets. */
static void url_host(cite_ctx *c, size_t a, size_t b)
{
	size_t h = a + (cite_lit_ci(c, a, "https://") ? 8 : 7), p = h;

	while (p < b && c->s[p] != '/')
		p++;
	if ((p - h == 7 && cite_lit_ci(c, h, "doi.org")) ||
	    (p - h == 10 && cite_lit_ci(c, h, "dx.doi.org")) ||
	    (p - h == 11 && cite_lit_ci(c, h, "www.doi.org"))) {
		doi_url(c, a, p < b ? p + 1 : b, b);
		return;
	}
	c->has_url = 1;
	if (p - h == 23 && cite_lit_ci(c, h, "pubmed.ncbi.nlm.nih.gov") &&
	    p + 1 < b)
		pubmed_id(c, p + 1, b, 0);
	else if (cite_lit_ci(c, h, "www.ncbi.nlm.nih.gov/pubmed/"))
		pubmed_id(c, h + 28, b, 0);
	else if (cite_lit_ci(c, h, "www.ncbi.nlm.nih.gov/pmc/articles/"))
		pubmed_id(c, h + 34, b, 1);
	else if (cite_lit_ci(c, h, "pmc.ncbi.nlm.nih.gov/articles/"))
		pubmed_id(c, h + 30, b, 1);
}

static size_t url_tok(cite_ctx *c, size_t a)
{
	size_t b = tok_end(c, a), end = b;
	ml_finding *fd;

	while (end > a && (c->s[end - 1] == ',' || c->s[end - 1] == ';'))
		end--;
	if (end < b)
		cite_report(c, ML_RULE_CITATION_PUNCTUATION, end,
			    "no '%c' after a URL: end the reference with the "
			    "URL itself",
			    c->s[end]);
	if (end > a && c->s[end - 1] == '.') {
		end--;
		fd = cite_report(c, ML_RULE_CITATION_DOI, end,
				 "no period after a DOI or URL: end the "
				 "reference with the DOI or URL itself");
		cite_fix(c, fd, end, end + 1, "");
	}
	url_host(c, a, end);
	return b;
}

/* doi:10.1000/x, DOI: 10.1000/x, doi.org/10.1000/x */
static size_t doi_word(cite_ctx *c, size_t a)
{
	char doi[SNIP], fixed[SNIP + 20];
	size_t d, b, end;
	ml_finding *fd;

	if (bare_doi_at(c, a))
		d = a;
	else if (cite_lit_ci(c, a, "dx.doi.org/"))
		d = a + 11;
	else if (cite_lit_ci(c, a, "doi.org/"))
		d = a + 8;
	else
		d = a + (c->s[a + 3] == ':' ? 4 : 3);
	if (d < c->len && c->s[d] == ' ')
		d++;
	b = tok_end(c, d);
	end = b;
	while (end > d && (c->s[end - 1] == '.' || c->s[end - 1] == ','))
		end--;
	cite_snip(c, d, end, doi, sizeof(doi));
	(void)snprintf(fixed, sizeof(fixed), "https://doi.org/%s", doi);
	fd = cite_report(c, ML_RULE_CITATION_DOI, a,
			 "write the DOI as a URL: %s", fixed);
	if (end - d < sizeof(doi)) /* a cut DOI in a fix would break it */
		cite_fix(c, fd, a, b, fixed);
	check_doi(c, d, end);
	return b;
}

static size_t retrieved(cite_ctx *c, size_t a)
{
	size_t from, r;
	ml_finding *fd;

	if (cite_lit(c, a, "Retrieved from ")) {
		r = a + 15;
		fd = cite_report(
			c, ML_RULE_CITATION_DOI, a,
			url_at(c, r) && cite_lit_ci(c, r + 8, "doi.org")
				? "drop 'Retrieved from' before a DOI: "
				  "write https://doi.org/... alone"
				: "drop 'Retrieved from': APA 7 writes "
				  "the URL alone (Retrieved Month D, "
				  "YYYY, from URL only for pages that "
				  "change)");
		if (url_at(c, r))
			cite_fix(c, fd, a, r, "");
		return r;
	}
	for (from = a; from + 5 <= c->len && from < a + 64; from++)
		if (cite_lit(c, from, "from "))
			break;
	if (from + 5 > c->len || from >= a + 64) {
		cite_report(c, ML_RULE_CITATION_DATE, a,
			    "write the retrieval date as Retrieved Month D, "
			    "YYYY, from URL");
		return c->len;
	}
	if (cite_re_match(CITE_RE_RETRIEVED, c->s + a, from + 5 - a, c->md) !=
	    1)
		cite_report(c, ML_RULE_CITATION_DATE, a,
			    "write the retrieval date as Retrieved Month D, "
			    "YYYY, from URL (e.g. Retrieved May 10, 2019, "
			    "from)");
	return from + 5;
}

/* PMID: 123, PMCID: PMC123, PMC123 */
static size_t pm_id(cite_ctx *c, size_t a)
{
	int pmc = !cite_lit(c, a, "PMID");
	size_t d = a, b, end;
	char id[SNIP];

	if (cite_lit(c, a, "PMID") || cite_lit(c, a, "PMCID")) {
		d = a + (pmc ? 5 : 4);
		if (d < c->len && c->s[d] == ':')
			d++;
		if (d < c->len && c->s[d] == ' ')
			d++;
	}
	b = tok_end(c, d);
	end = b;
	while (end > d && strchr(".,;", c->s[end - 1]))
		end--;
	if (pmc ? ml_pmcid_valid(c->s + d, end - d)
		: ml_pmid_valid(c->s + d, end - d)) {
		cite_note_id(c, pmc ? ML_CITE_PMCID : ML_CITE_PMID, d, end);
		return b;
	}
	cite_report(c, ML_RULE_CITATION_IDENTIFIER, d,
		    pmc ? "malformed PMCID '%s': write PMC and its digits, "
			  "e.g. PMCID: PMC1234567"
			: "malformed PMID '%s': a PMID is 1 to 8 digits",
		    cite_snip(c, d, end, id, sizeof(id)));
	return b;
}

static size_t isbn(cite_ctx *c, size_t a)
{
	size_t d = a + 4, end;
	char id[SNIP], want;

	if (cite_lit(c, d, "-10") || cite_lit(c, d, "-13"))
		d += 3;
	if (d < c->len && c->s[d] == ':')
		d++;
	if (d < c->len && c->s[d] == ' ')
		d++;
	for (end = d; end < c->len; end++) {
		char ch = c->s[end];
		if (ch == ' ' && end + 1 < c->len && cite_is_digit(c, end + 1))
			continue;
		if (!strchr("0123456789Xx-", ch) || ch == '\0')
			break;
	}
	if (ml_isbn_valid(c->s + d, end - d))
		return end;
	want = ml_isbn_check_digit(c->s + d, end - d);
	if (want)
		cite_report(c, ML_RULE_CITATION_IDENTIFIER, end - 1,
			    "ISBN %s fails its check digit: the last digit "
			    "should be %c",
			    cite_snip(c, d, end, id, sizeof(id)), want);
	else
		cite_report(c, ML_RULE_CITATION_IDENTIFIER, d,
			    "malformed ISBN '%s': write the 10 or 13 digits of "
			    "an ISBN-10 or ISBN-13",
			    cite_snip(c, d, end, id, sizeof(id)));
	return end;
}

static size_t loc_one(cite_ctx *c, size_t p)
{
	char t[SNIP];
	size_t n = available(c, p);
	ml_finding *fd;

	if (n) {
		fd = cite_report(c, ML_RULE_CITATION_DOI, p,
				 "drop '%.*s': APA 7 writes the DOI or URL "
				 "alone",
				 (int)n - 1, c->s + p);
		cite_fix(c, fd, p, p + n, "");
		return p + n;
	}

	if (url_at(c, p))
		return url_tok(c, p);
	if (doi_word_at(c, p))
		return doi_word(c, p);
	if (cite_lit(c, p, "Retrieved "))
		return retrieved(c, p);
	if (cite_lit(c, p, "PM"))
		return pm_id(c, p);
	if (cite_lit(c, p, "ISBN"))
		return isbn(c, p);
	cite_report(c, ML_RULE_CITATION_SOURCE, p,
		    "unexpected '%s' after the DOI or URL: nothing follows the "
		    "DOI or URL in an APA 7 reference",
		    cite_snip(c, p, c->len, t, 40));
	return c->len;
}

void cite_locators(cite_ctx *c)
{
	size_t p;

	for (p = 0; p < c->len && !loc_start(c, p); p++)
		;
	c->body_end = p;
	while (c->body_end > 0 && c->s[c->body_end - 1] == ' ')
		c->body_end--;
	while (p < c->len) {
		p = loc_one(c, p);
		while (p < c->len && strchr(" .,;", c->s[p]))
			p++;
	}
}
