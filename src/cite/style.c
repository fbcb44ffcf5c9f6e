/* cite/style.c - is the entry written in another citation style?
 *
 * Vancouver, AMA, IEEE, Harvard (Cite Them Right and the "Surname AB
 * (2019)" form), Chicago author-date and MLA each leave marks APA 7 never
 * makes: initials without periods after the surname, "2005;293(17):",
 * a year without parentheses after the authors, "vol." and "pp.", a
 * quoted title after an unpunctuated "(2019)". Such an entry gets one
 * citation-style finding naming the style, and none of the APA checks,
 * whose findings would only cascade (the G of a Vancouver title read as
 * an initial). An entry with an APA date "(2019)." is APA, however
 * faulty: its faults are the other rules' business. For Vancouver and
 * AMA journal articles whose parts parse, the message gives the entry
 * rewritten in APA 7. */
#include "cite/internal.h"

#include <stdio.h>
#include <string.h>

#include "util/common.h"

enum { ST_NONE, ST_VANCOUVER, ST_AMA, ST_IEEE, ST_HARVARD, ST_CHICAGO, ST_MLA };

static const char *const style_names[] = {
	"", "Vancouver", "AMA", "IEEE", "Harvard", "Chicago author-date", "MLA"
};

static int has(const cite_ctx *c, enum cite_re_id id)
{
	return cite_re_match(id, c->s, c->len, c->md) == 1;
}

static int has_lit(const cite_ctx *c, const char *lit)
{
	size_t k = strlen(lit), p;

	for (p = 0; p + k <= c->len; p++)
		if (c->s[p] == lit[0] && memcmp(c->s + p, lit, k) == 0)
			return 1;
	return 0;
}

static int any_italic(const cite_ctx *c)
{
	size_t p;

	for (p = 0; p < c->len; p++)
		if (c->it[p])
			return 1;
	return 0;
}

static int detect(cite_ctx *c)
{
	int nlm;

	if (has(c, CITE_RE_STYLE_IEEE_MARK))
		return ST_IEEE;
	if (has(c, CITE_RE_STYLE_APA_DATE))
		return ST_NONE;
	nlm = has(c, CITE_RE_STYLE_NLM_NAMES);
	if (has(c, CITE_RE_STYLE_IEEE))
		return ST_IEEE;
	if (has(c, CITE_RE_STYLE_NLM_DATE) ||
	    (nlm &&
	     (has_lit(c, "Available from") || has(c, CITE_RE_STYLE_NLM_BOOK))))
		return any_italic(c) || has_lit(c, "doi:") ? ST_AMA
							   : ST_VANCOUVER;
	if (has(c, CITE_RE_STYLE_HARVARD) ||
	    (nlm && has(c, CITE_RE_STYLE_BARE_PAREN_YEAR)))
		return ST_HARVARD;
	if (has(c, CITE_RE_STYLE_MLA))
		return ST_MLA;
	/* "Müller, M. 2021." is APA with its date unbracketed */
	if (has(c, CITE_RE_STYLE_CHICAGO) && !has(c, CITE_RE_STYLE_APA_NAME) &&
	    !has(c, CITE_RE_STYLE_APA_SOURCE))
		return ST_CHICAGO;
	return ST_NONE;
}

int cite_style(cite_ctx *c)
{
	int st = detect(c);

	if (st == ST_NONE)
		return 0;
	cite_report(c, ML_RULE_CITATION_STYLE, 0,
		    "this reference is in %s style, not APA 7: write Author, "
		    "A. A., & Author, B. B. (2019). Title in sentence case. "
		    "*Journal*, *12*(3), 45–67. https://doi.org/...",
		    style_names[st]);
	return 1;
}
