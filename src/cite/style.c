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

#include "util/buf.h"
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

/* Chicago author-date puts the year right after the authors: "Smith,
 * John. 2019." (AMA and NLM books and pages end with the year). */
static int year_after_authors(const cite_ctx *c)
{
	size_t p;

	for (p = 0; p + 6 < c->len; p++) {
		if (c->s[p] != '.' || c->s[p + 1] != ' ')
			continue;
		if ((cite_is_digit(c, p + 2) && cite_is_digit(c, p + 5)) ||
		    cite_lit(c, p + 2, "n.d."))
			return 1;
		if (!(p >= 1 && cite_is_up(c, p - 1) &&
		      (p < 2 || !cite_is_letter(c, p - 2))))
			return 0; /* not an initial: the names ended */
	}
	return 0;
}

/* "Group. Department. 2003. *Title*." "“Word.” 2021. In *Book*": a year
 * (or n.d.) standing alone as a part before the first italic part, as
 * Chicago author-date places it; AMA and NLM give it after the title. */
static int early_year_part(const cite_ctx *c)
{
	size_t p, k;

	for (p = 2; p + 5 <= c->len && !c->it[p]; p++) {
		if (c->s[p - 1] != ' ' ||
		    !(cite_term(c->s[p - 2]) || c->s[p - 2] == '"' ||
		      (p >= 4 && cite_lit(c, p - 4, "\xE2\x80\x9D"))))
			continue;
		if (cite_lit(c, p, "n.d."))
			k = p + 3;
		else if (cite_is_digit(c, p) && cite_is_digit(c, p + 3) &&
			 (c->s[p] == '1' || c->s[p] == '2') &&
			 !cite_is_digit(c, p + 4))
			k = p + 4 + (c->s[p + 4] >= 'a' && c->s[p + 4] <= 'z');
		else
			continue;
		if (k < c->len && c->s[k] == '.' && k + 1 < c->len &&
		    c->s[k + 1] == ' ')
			return cite_italic_between(c, k, c->len);
	}
	return 0;
}

/* What Harvard (Cite Them Right) writes and no other style does. */
static int harvard_marks(const cite_ctx *c)
{
	return has_lit(c, "Available at:") || has_lit(c, "(Accessed:") ||
	       has_lit(c, "(no date) ");
}

/* After a bare "(2019) ": Harvard's "and" before the last author, "et
 * al.", its
 * "doi: 10." and "(eds)", where APA writes "&", a DOI URL and "(Eds.)".
 * A bare year alone may be an APA entry that lost a period. */
static int harvard_weak(const cite_ctx *c)
{
	size_t ms, me;

	if (cite_re_find(CITE_RE_STYLE_BARE_PAREN_YEAR, c->s, c->len, 0, c->md,
			 &ms, &me) != 1)
		return 0;
	return has_lit(c, "doi: 10.") || has_lit(c, "(eds)") ||
	       has_lit(c, "(ed.)") || has_lit(c, " edn") ||
	       cite_find_lit(c, 0, ms, " and ", &me) ||
	       cite_find_lit(c, 0, ms, " et al.", &me);
}

static int medical(const cite_ctx *c)
{
	return cite_med_is_ama(c) ? ST_AMA : ST_VANCOUVER;
}

static int detect(cite_ctx *c)
{
	int nlm, chicago;

	if (harvard_marks(c) && !has(c, CITE_RE_STYLE_APA_DATE))
		return ST_HARVARD;
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
		return medical(c);
	if (has(c, CITE_RE_STYLE_HARVARD) ||
	    (nlm && has(c, CITE_RE_STYLE_BARE_PAREN_YEAR)) || harvard_weak(c))
		return ST_HARVARD;
	if (has(c, CITE_RE_STYLE_MLA))
		return ST_MLA;
	/* "Müller, M. 2021." is APA with its date unbracketed */
	chicago = has(c, CITE_RE_STYLE_CHICAGO) &&
		  !has(c, CITE_RE_STYLE_APA_NAME) &&
		  !has(c, CITE_RE_STYLE_APA_SOURCE);
	if ((chicago && year_after_authors(c)) ||
	    (!has(c, CITE_RE_STYLE_APA_NAME) &&
	     !has(c, CITE_RE_STYLE_APA_SOURCE) && early_year_part(c)))
		return ST_CHICAGO;
	/* a comma inside the closing quote of a title */
	if (has_lit(c, ",\xE2\x80\x9D "))
		return ST_IEEE;
	if (!has(c, CITE_RE_STYLE_APA_NAME) && cite_med_marks(c, nlm))
		return medical(c);
	return chicago ? ST_CHICAGO : ST_NONE;
}

/* ---- the APA 7 rewrite of a Vancouver or AMA journal article -------
 *
 * "Sareen AG, Lee J. Title. Br J Sports Med. 2012;46(3):12-9. doi:10.x"
 * becomes "Sareen, A. G., & Lee, J. (2012). Title. *Br J Sports Med*,
 * *46*(3), 12–19. https://doi.org/10.x". Offered only when every part
 * reads: authors "Surname INITIALS" (no et al., which APA never writes:
 * the names it stands for are unknown), a title, a journal, then
 * "YEAR[ Mon[ D]];VOLUME[(ISSUE)]:PAGES." and nothing but a DOI, a PMID
 * or an "Available from" URL after it. The journal keeps its abbreviation
 * (APA wants the full name, which the entry does not give): the message
 * says so. Books too: "Surname AB[, editor(s)]. Title. [2nd ed.] Place:
 * Publisher; YEAR." becomes "Surname, A. B. [(Ed.).] (YEAR). *Title* (2nd
 * ed.). Publisher." A chapter ("In: ..."), a suffix (Jr), an "[Internet]"
 * or any other part means no rewrite: the message then gives the APA 7
 * pattern. */

/* [p, e) of the next ". "-ended part (the '.' excluded), from p. */
static int next_part(const cite_ctx *c, size_t p, size_t lim, size_t *e)
{
	size_t q;

	for (q = p; q + 1 < lim; q++)
		if (cite_term(c->s[q]) && c->s[q + 1] == ' ')
			break;
	if (q + 1 >= lim) {
		if (lim > p && cite_term(c->s[lim - 1]))
			q = lim - 1;
		else
			return 0;
	}
	*e = q;
	return q > p;
}

/* One "Surname INITIALS" at s[a, b) as "Surname, I. I." into out. */
static int put_author(const cite_ctx *c, size_t a, size_t b, ml_buf *out)
{
	size_t sp = b, k;

	while (sp > a && c->s[sp - 1] != ' ')
		sp--;
	if (sp <= a + 1 || b - sp < 1 || b - sp > 4)
		return 0;
	for (k = sp; k < b; k++)
		if (!(c->s[k] >= 'A' && c->s[k] <= 'Z') &&
		    !(c->s[k] == '-' && k > sp && k + 1 < b))
			return 0;
	for (k = a; k < sp - 1; k++)
		if (cite_is_digit(c, k) || c->s[k] == ';' || c->s[k] == ':')
			return 0;
	ml_buf_put(out, c->s + a, sp - 1 - a);
	ml_buf_puts(out, ",");
	for (k = sp; k < b; k++) {
		if (c->s[k] == '-') {
			ml_buf_putc(out, '-');
			continue;
		}
		if (k == sp || c->s[k - 1] != '-')
			ml_buf_putc(out, ' ');
		ml_buf_putc(out, c->s[k]);
		ml_buf_putc(out, '.');
	}
	return 1;
}

static int put_authors(const cite_ctx *c, size_t a, size_t b, ml_buf *out)
{
	size_t starts[64], ends[64], n = 0, p = a, k;

	while (p < b && n < ML_ARRAY_LEN(starts)) {
		size_t q = p;

		while (q < b && c->s[q] != ',')
			q++;
		starts[n] = p;
		ends[n++] = q;
		p = q < b ? q + 2 : b;
	}
	if (p < b || n == 0)
		return 0;
	for (k = 0; k < n; k++) {
		if (k > 0)
			ml_buf_puts(out, k + 1 == n ? ", & " : ", ");
		if (!put_author(c, starts[k], ends[k], out))
			return 0;
	}
	return 1;
}

static size_t digits(const cite_ctx *c, size_t p, size_t lim)
{
	size_t q = p;

	while (q < lim && cite_is_digit(c, q))
		q++;
	return q - p;
}

/* "2012;46(3):12-9." at p: year, volume, issue, first and last page. */
typedef struct {
	size_t y, ny, v, nv, i, ni, p1, np1, p2, np2, end;
} nlm_date;

static int read_date(const cite_ctx *c, size_t p, size_t lim, nlm_date *d)
{
	memset(d, 0, sizeof(*d));
	d->y = p;
	if ((d->ny = digits(c, p, lim)) != 4)
		return 0;
	p += 4;
	/* " Jan" or " Jan 4" */
	if (p + 4 <= lim && c->s[p] == ' ' && cite_is_up(c, p + 1)) {
		p += 4;
		if (p < lim && c->s[p] == ' ' && digits(c, p + 1, lim))
			p += 1 + digits(c, p + 1, lim);
	}
	if (p >= lim || c->s[p] != ';')
		return 0;
	p++;
	if (p < lim && c->s[p] == ' ')
		p++;
	d->v = p;
	if (!(d->nv = digits(c, p, lim)))
		return 0;
	p += d->nv;
	if (p < lim && c->s[p] == '(') {
		d->i = ++p;
		while (p < lim && c->s[p] != ')' && p - d->i < 16)
			p++;
		if (p >= lim || c->s[p] != ')' || p == d->i)
			return 0;
		d->ni = p - d->i;
		p++;
	}
	if (p >= lim || c->s[p] != ':')
		return 0;
	p++;
	d->p1 = p;
	if (p < lim && cite_is_letter(c, p) && (unsigned char)c->s[p] < 0x80)
		p++; /* e1234, S12 */
	if (!digits(c, p, lim))
		return 0;
	p += digits(c, p, lim);
	d->np1 = p - d->p1;
	if (p < lim && (c->s[p] == '-' || cite_lit(c, p, "\xE2\x80\x93"))) {
		p += c->s[p] == '-' ? 1 : 3;
		d->p2 = p;
		if (p < lim && cite_is_letter(c, p) &&
		    (unsigned char)c->s[p] < 0x80)
			p++;
		if (!digits(c, p, lim))
			return 0;
		p += digits(c, p, lim);
		d->np2 = p - d->p2;
	}
	if (p >= lim || c->s[p] != '.')
		return 0;
	d->end = p + 1;
	return 1;
}

/* The last page written out in full: 123-8 is 123–128. */
static void put_pages(const cite_ctx *c, const nlm_date *d, ml_buf *out)
{
	ml_buf_put(out, c->s + d->p1, d->np1);
	if (!d->np2)
		return;
	ml_buf_puts(out, "\xE2\x80\x93");
	if (d->np2 < d->np1 && cite_is_digit(c, d->p2))
		ml_buf_put(out, c->s + d->p1, d->np1 - d->np2);
	ml_buf_put(out, c->s + d->p2, d->np2);
}

/* What may follow the date: "doi:10.x", "https://doi.org/10.x", "PMID:
 * 123", "PMCID: PMC1", "Available from: URL". The DOI or URL goes into
 * out as APA writes it; anything else means no rewrite. */
static int read_tail(const cite_ctx *c, size_t p, ml_buf *out)
{
	while (p < c->len) {
		size_t q;

		while (p < c->len && c->s[p] == ' ')
			p++;
		if (p >= c->len)
			break;
		if (cite_lit_ci(c, p, "doi:") ||
		    cite_lit(c, p, "https://doi.org/")) {
			p = c->s[p] == 'h' ? p + 16 : p + 4;
			while (p < c->len && c->s[p] == ' ')
				p++;
			q = p;
			while (q < c->len && c->s[q] != ' ')
				q++;
			while (q > p && c->s[q - 1] == '.')
				q--;
			if (!cite_lit(c, p, "10."))
				return 0;
			ml_buf_puts(out, " https://doi.org/");
			ml_buf_put(out, c->s + p, q - p);
		} else if (cite_lit(c, p, "PMID:") ||
			   cite_lit(c, p, "PMCID:")) {
			q = p + 6;
			while (q < c->len && c->s[q] == ' ')
				q++;
			while (q < c->len && c->s[q] != ' ' && c->s[q] != ';')
				q++;
		} else if (cite_lit(c, p, "Available from: http")) {
			p += 16;
			q = p;
			while (q < c->len && c->s[q] != ' ')
				q++;
			ml_buf_putc(out, ' ');
			ml_buf_put(out, c->s + p, q - p);
		} else {
			return 0;
		}
		p = q;
		while (p < c->len && (c->s[p] == '.' || c->s[p] == ';'))
			p++;
	}
	return 1;
}

/* A title as APA writes it: the first word after a colon capitalised. */
static void put_title(const cite_ctx *c, size_t a, size_t b, ml_buf *out)
{
	size_t k;

	for (k = a; k < b; k++) {
		char ch = c->s[k];

		if (k >= a + 2 && c->s[k - 1] == ' ' && c->s[k - 2] == ':' &&
		    ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		ml_buf_putc(out, ch);
	}
}

/* "2nd ed" at [a, b): the edition's number and suffix, APA's "(2nd ed.)". */
static int is_edition(const cite_ctx *c, size_t a, size_t b)
{
	size_t n = digits(c, a, b);

	return n > 0 && n < 4 && b - a == n + 5 &&
	       (cite_lit(c, a + n, "st ed") || cite_lit(c, a + n, "nd ed") ||
		cite_lit(c, a + n, "rd ed") || cite_lit(c, a + n, "th ed"));
}

/* "Surname AB, editor." at [0, ae): ae moved before ", editor(s)" and
 * the APA role returned, or NULL. */
static const char *editors(const cite_ctx *c, size_t *ae)
{
	if (*ae > 9 && cite_lit(c, *ae - 9, ", editors")) {
		*ae -= 9;
		return " (Eds.).";
	}
	if (*ae > 8 && cite_lit(c, *ae - 8, ", editor")) {
		*ae -= 8;
		return " (Ed.).";
	}
	return NULL;
}

/* "Title. 2nd ed. Boston (MA): Pearson; 2013." from ts: a book. */
static int rewrite_book(const cite_ctx *c, size_t ae, const char *role,
			size_t ts, ml_buf *out)
{
	size_t te, es = 0, ee = 0, ps, pe, colon, semi, k;

	if (!next_part(c, ts, c->len, &te) || c->s[te] != '.')
		return 0;
	ps = te + 2;
	if (ps < c->len && next_part(c, ps, c->len, &pe) &&
	    is_edition(c, ps, pe)) {
		es = ps;
		ee = pe;
		ps = pe + 2;
	}
	/* the rest is "Place: Publisher; YEAR." and nothing after it */
	if (ps + 8 > c->len || c->s[c->len - 1] != '.' ||
	    digits(c, c->len - 5, c->len) != 4 ||
	    !cite_lit(c, c->len - 7, "; "))
		return 0;
	semi = c->len - 7;
	for (colon = ps; colon + 1 < semi; colon++)
		if (c->s[colon] == ':')
			break;
	if (colon + 1 >= semi)
		return 0;
	for (k = ps; k < semi; k++)
		if (c->s[k] == ';' ||
		    (c->s[k] == '.' && k + 1 < semi && c->s[k + 1] == ' '))
			return 0;
	if (!put_authors(c, 0, ae, out))
		return 0;
	if (role)
		ml_buf_puts(out, role);
	ml_buf_puts(out, " (");
	ml_buf_put(out, c->s + c->len - 5, 4);
	ml_buf_puts(out, "). *");
	put_title(c, ts, te, out);
	ml_buf_putc(out, '*');
	if (es) {
		ml_buf_puts(out, " (");
		ml_buf_put(out, c->s + es, ee - es);
		ml_buf_puts(out, ".)");
	}
	ml_buf_puts(out, ". ");
	k = colon + 1;
	while (k < semi && c->s[k] == ' ')
		k++;
	ml_buf_put(out, c->s + k, semi - k);
	ml_buf_putc(out, '.');
	return 1;
}

static int rewrite_nlm(const cite_ctx *c, ml_buf *out)
{
	const char *role;
	size_t ae, ts, te, js, je, k;
	nlm_date d;

	if (!next_part(c, 0, c->len, &ae) || c->s[ae] != '.')
		return 0;
	for (k = 0; k + 6 <= ae; k++)
		if (cite_lit(c, k, "et al"))
			return 0;
	ts = ae + 2;
	role = editors(c, &ae);
	if (role)
		return rewrite_book(c, ae, role, ts, out) ? 2 : 0;
	if (!next_part(c, ts, c->len, &te))
		return 0;
	js = te + 2;
	if (rewrite_book(c, ae, NULL, ts, out))
		return 2;
	ml_buf_clear(out);
	if (!next_part(c, js, c->len, &je) || c->s[je] != '.' ||
	    !read_date(c, je + 2, c->len, &d))
		return 0;
	if (!put_authors(c, 0, ae, out))
		return 0;
	ml_buf_puts(out, " (");
	ml_buf_put(out, c->s + d.y, 4);
	ml_buf_puts(out, "). ");
	put_title(c, ts, te + 1, out);
	ml_buf_puts(out, " *");
	ml_buf_put(out, c->s + js, je - js);
	ml_buf_puts(out, "*, *");
	ml_buf_put(out, c->s + d.v, d.nv);
	ml_buf_puts(out, "*");
	if (d.ni) {
		ml_buf_putc(out, '(');
		ml_buf_put(out, c->s + d.i, d.ni);
		ml_buf_putc(out, ')');
	}
	ml_buf_puts(out, ", ");
	put_pages(c, &d, out);
	ml_buf_putc(out, '.');
	return read_tail(c, d.end, out);
}

/* "Surname, Given" opens the entry (a full given name, not initials). */
static int given_name_first_author(const cite_ctx *c)
{
	size_t p = cite_word_end(c, 0);

	return p > 1 && cite_is_up(c, 0) && cite_lit(c, p, ", ") &&
	       cite_is_up(c, p + 2) &&
	       cite_is_lo(c, p + 2 + cite_u8len(c, p + 2));
}

const char *cite_style_other(cite_ctx *c)
{
	int nlm;

	if (has(c, CITE_RE_STYLE_IEEE_MARK))
		return "IEEE";
	if (has(c, CITE_RE_STYLE_APA_DATE))
		return "APA 7";
	nlm = has(c, CITE_RE_STYLE_NLM_NAMES);
	if (has(c, CITE_RE_STYLE_HARVARD) ||
	    (nlm && has(c, CITE_RE_STYLE_BARE_PAREN_YEAR)))
		return "Harvard";
	if (has(c, CITE_RE_STYLE_MLA))
		return "MLA";
	/* "Surname, Given, and Given Surname. 2018.": AMA and NLM never put
	 * a comma after the first surname, nor the year after the names */
	if (given_name_first_author(c) && year_after_authors(c))
		return "Chicago author-date";
	/* a comma inside the closing quote of a title: IEEE */
	if (has_lit(c, ",\xE2\x80\x9D "))
		return "IEEE";
	/* "(2018) Title" "(no date)": a year in parentheses with no period
	 * is Harvard's; AMA and NLM never bracket the year */
	if (has(c, CITE_RE_STYLE_BARE_PAREN_YEAR) || has_lit(c, "(no date)"))
		return "Harvard";
	if (nlm || has(c, CITE_RE_STYLE_NLM_DATE) || has_lit(c, "Accessed ") ||
	    has_lit(c, "Available from"))
		return NULL;
	if (has(c, CITE_RE_STYLE_IEEE))
		return "IEEE";
	if (has(c, CITE_RE_STYLE_CHICAGO) && !has(c, CITE_RE_STYLE_APA_NAME) &&
	    !has(c, CITE_RE_STYLE_APA_SOURCE) && year_after_authors(c))
		return "Chicago author-date";
	return NULL;
}

void cite_suggest(cite_ctx *c, ml_finding *fd, const ml_buf *rewrite)
{
	if (!fd || ml_buf_failed(rewrite))
		return;
	cite_fix(c, fd, 0, c->len, ml_buf_cstr(rewrite));
	fd->fix_suggestion = 1;
}

int cite_style(cite_ctx *c)
{
	ml_buf apa = ML_BUF_INIT(ML_LIMIT_SHORT);
	int st = detect(c), kind = 0;

	if (st == ST_NONE)
		return 0;
	if (st == ST_VANCOUVER || st == ST_AMA)
		kind = rewrite_nlm(c, &apa);
	if (kind)
		cite_suggest(
			c,
			cite_report(c, ML_RULE_CITATION_STYLE, 0,
				    "this reference is in %s style, not APA 7; "
				    "in APA 7 it reads: %s%s",
				    style_names[st], ml_buf_cstr(&apa),
				    kind == 1 ? " (write the journal's full "
						"name if this is its "
						"abbreviation)"
					      : ""),
			&apa);
	else
		cite_report(c, ML_RULE_CITATION_STYLE, 0,
			    "this reference is in %s style, not APA 7: write "
			    "Author, A. A., & Author, B. B. (2019). Title in "
			    "sentence case. *Journal*, *12*(3), 45–67. "
			    "https://doi.org/...",
			    style_names[st]);
	ml_buf_dispose(&apa);
	return 1;
}
