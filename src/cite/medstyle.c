/* cite/medstyle.c - which style an entry of an AMA 11 or NLM
 * (Vancouver) list is in: another style (APA, IEEE, Harvard, MLA,
 * Chicago; cite/style.c), or the other of the two, told apart by marks
 * only one of them makes. A journal article in the other of the two is
 * rewritten in the style the list asks for. */
#include "cite/internal.h"

#include <string.h>

#include "util/buf.h"
#include "util/common.h"

/* ---- which style ------------------------------------------------------ */

/* NLM marks AMA never makes, and AMA marks NLM never makes. */
static int vancouver_marks(const cite_ctx *c)
{
	size_t p, at;

	if (cite_find_lit(c, 0, c->len, "[Internet]", &at) ||
	    cite_find_lit(c, 0, c->len, "[cited ", &at) ||
	    cite_find_lit(c, 0, c->len, "Available from:", &at))
		return 1;
	/* "2019 Feb 5;12" "2019 Feb;12" */
	for (p = 0; p + 9 < c->len; p++)
		if (cite_is_year(c, p) && c->s[p + 4] == ' ' &&
		    cite_month3_at(c, p + 5)) {
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

int cite_italic_between(const cite_ctx *c, size_t a, size_t b)
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

static int accessed_month(const cite_ctx *c)
{
	size_t at, e;

	return cite_find_lit(c, 0, c->len, "Accessed ", &at) &&
	       cite_month_at(c, at + 9, &e);
}

static int strong_nlm(const cite_ctx *c)
{
	size_t at;

	return cite_find_lit(c, 0, c->len, "[Internet]", &at) ||
	       cite_find_lit(c, 0, c->len, "[cited ", &at) ||
	       cite_find_lit(c, 0, c->len, "Available from:", &at);
}

/* AMA italicises journals and books and writes "Accessed March 5, 2020" */
static int ama_marks(const cite_ctx *c)
{
	size_t at, e;

	if (cite_find_lit(c, 0, c->len, "Accessed ", &at) &&
	    cite_month_at(c, at + 9, &e))
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

	if (cite_find_lit(c, 0, c->len, ", et al.", &at)) {
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

/* "47(6):574", "15(9).": a journal's volume and issue as AMA and NLM
 * write them (APA writes "*47*(6), 574"). */
static int nlm_locator(const cite_ctx *c, int colon_only)
{
	size_t p, q;

	for (p = 1; p + 3 < c->len; p++) {
		if (c->s[p] != '(' || !cite_is_digit(c, p - 1))
			continue;
		for (q = p + 1; q < c->len && q - p < 12 && c->s[q] != ')'; q++)
			;
		if (q + 1 >= c->len || c->s[q] != ')')
			continue;
		q++;
		if (c->s[q] == ':' || (!colon_only && c->s[q] == ';') ||
		    (!colon_only && c->s[q] == '.' &&
		     (q + 1 == c->len || c->s[q + 1] == ' ')))
			return 1;
	}
	return 0;
}

/* "Published May 5, 2000.": AMA's date of a news or web page. */
static int published_month(const cite_ctx *c)
{
	size_t at, e;

	return cite_find_lit(c, 0, c->len, "Published ", &at) &&
	       cite_month_at(c, at + 10, &e);
}

/* "Title. *Site*. https://": AMA's site name in italics right before
 * the URL, after at least two parts in roman (the names, the title). */
static int italic_site(const cite_ctx *c)
{
	size_t p, e, parts = 0;

	for (p = 1; p + 2 < c->len; p++) {
		if (!c->it[p] && c->s[p] == ' ' && cite_term(c->s[p - 1]) &&
		    !c->it[p - 1])
			parts++;
		if (!c->it[p] || c->it[p - 1] || c->s[p - 1] != ' ')
			continue;
		for (e = p; e < c->len && c->it[e]; e++)
			;
		return parts >= 2 && cite_lit(c, e, ". http");
	}
	return 0;
}

/* A date standing alone as a part after an italic part, ". *WebMD*.
 * January 2022." or ". 2019. https://": AMA's web page and book date
 * (APA brackets its date; Chicago puts it right after the names). */
static int date_part(const cite_ctx *c)
{
	size_t p, q, e;

	for (p = 2; p + 6 <= c->len; p++) {
		if (c->s[p - 1] != ' ' || !cite_term(c->s[p - 2]) ||
		    !cite_italic_between(c, 0, p))
			continue;
		q = p;
		if (cite_month_at(c, q, &e) && e < c->len && c->s[e] == ' ')
			q = e + 1;
		if (cite_is_year(c, q) &&
		    (q + 4 == c->len ||
		     (q + 5 <= c->len && c->s[q + 4] == '.' &&
		      (q + 5 == c->len || c->s[q + 5] == ' '))))
			return 1;
	}
	return 0;
}

int cite_med_marks(const cite_ctx *c, int nlm_names)
{
	size_t at;

	return cite_has_re(c, CITE_RE_STYLE_NLM_BOOK) || accessed_month(c) ||
	       strong_nlm(c) || published_month(c) || italic_site(c) ||
	       nlm_locator(c, 1) || (italic_part(c) && date_part(c)) ||
	       (nlm_names && (italic_part(c) || nlm_locator(c, 0) ||
			      cite_find_lit(c, 0, c->len, "doi:10.", &at)));
}

int cite_med_is_ama(const cite_ctx *c)
{
	if (strong_nlm(c) && !accessed_month(c))
		return 0;
	return ama_marks(c);
}

int cite_has_re(const cite_ctx *c, enum cite_re_id id)
{
	return cite_re_match(id, c->s, c->len, c->md) == 1;
}

/* ---- the rewrite ---------------------------------------------------- */

/* The authors, in the style asked for: AMA keeps up to 6 and gives 7 or
 * more as the first 3 and et al. */
static void put_names(const cite_med *m, ml_buf *out)
{
	const cite_ctx *c = m->c;
	size_t p, third = CITE_NONE, at;
	int commas = 0, etal = cite_find_lit(c, 0, m->ae, "et al", &at);

	for (p = 0; p < m->ae; p++)
		if (c->s[p] == ',' && ++commas == 3)
			third = p;
	if (m->ama && third != CITE_NONE && (etal || commas >= 6)) {
		ml_buf_put(out, c->s, third);
		ml_buf_puts(out, ", et al.");
		return;
	}
	ml_buf_put(out, c->s, m->ae + 1);
}

/* "456-63" in full for AMA ("456-463"); NLM keeps what it has. */
static void put_locator(const cite_med *m, const cite_jloc *j, size_t end,
			ml_buf *out)
{
	const cite_ctx *c = m->c;
	size_t a = j->pg, b, d, e;

	if (!m->ama || a == CITE_NONE) {
		ml_buf_put(out, c->s + j->v, end - j->v);
		return;
	}
	for (b = a; b < end && cite_is_digit(c, b); b++)
		;
	if (b == a || !cite_is_dash(c, b, &d)) {
		ml_buf_put(out, c->s + j->v, end - j->v);
		return;
	}
	for (e = b + d; e < end && cite_is_digit(c, e); e++)
		;
	ml_buf_put(out, c->s + j->v, b - j->v);
	ml_buf_putc(out, '-');
	if (e - (b + d) < b - a)
		ml_buf_put(out, c->s + a, (b - a) - (e - b - d));
	ml_buf_put(out, c->s + b + d, end - (b + d));
}

/* The date a URL was seen, "Accessed March 5, 2024." for AMA from NLM's
 * "[cited 2024 Mar 5]", and the other way; "[date]" when there is none. */
static void put_seen(const cite_med *m, ml_buf *out)
{
	const cite_ctx *c = m->c;
	size_t at, e, k, d = 0;
	int mon = -1, done = 0;

	if (!m->ama && cite_find_lit(c, 0, c->len, "Accessed ", &at) &&
	    cite_month_at(c, at + 9, &e)) {
		for (k = 0; k < 12; k++)
			if (cite_lit(c, at + 9, cite_months[k]))
				mon = (int)k;
		for (d = e + 1; cite_is_digit(c, d); d++)
			;
		if (d > e + 1 && cite_lit(c, d, ", ") &&
		    cite_is_year(c, d + 2)) {
			ml_buf_printf(out, " [cited %.4s %.3s %.*s].",
				      c->s + d + 2, cite_months[mon],
				      (int)(d - e - 1), c->s + e + 1);
			done = 1;
		}
	} else if (m->ama && cite_find_lit(c, 0, c->len, "[cited ", &at) &&
		   cite_is_year(c, at + 7) && at + 16 < c->len &&
		   c->s[at + 11] == ' ' && c->s[at + 15] == ' ') {
		for (k = 0; k < 12; k++)
			if (memcmp(c->s + at + 12, cite_months[k], 3) == 0)
				mon = (int)k;
		for (d = at + 16; cite_is_digit(c, d); d++)
			;
		if (mon >= 0 && d > at + 16) {
			ml_buf_printf(out, " Accessed %s %.*s, %.4s.",
				      cite_months[mon], (int)(d - at - 16),
				      c->s + at + 16, c->s + at + 7);
			done = 1;
		}
	}
	if (!done)
		ml_buf_puts(out,
			    m->ama ? " Accessed [date]." : " [cited date].");
	ml_buf_puts(out, m->ama ? " " : " Available from: ");
}

/* A journal article of the other medical style, in m's: "Names. Title.
 * Journal. Year;Vol(Issue):pages. doi:..." Returns 0 when its parts do
 * not parse (or it is in another style altogether). */
static int rewrite(cite_med *m, ml_buf *out, int family)
{
	cite_ctx *c = m->c;
	cite_jloc j;
	size_t end, d;
	int ok;

	if (!family)
		return 0;
	c->quiet++;
	cite_med_locators(m);
	cite_med_authors(m);
	cite_med_title(m);
	ok = m->ae != CITE_NONE && m->te + 2 < m->body_end &&
	     cite_find_journal(c, m->te + 2, m->body_end, &j) &&
	     j.js > m->ts + 1;
	c->quiet--;
	if (!ok)
		return 0;
	for (end = j.v; end < m->body_end && c->s[end] != '.'; end++)
		;
	put_names(m, out);
	ml_buf_putc(out, ' ');
	ml_buf_put(out, c->s + m->ts, j.js - 1 - m->ts);
	ml_buf_puts(out, m->ama ? " *" : " ");
	ml_buf_put(out, c->s + j.js, j.je - j.js);
	ml_buf_puts(out, m->ama ? "*. " : ". ");
	ml_buf_put(out, c->s + j.y, m->ama ? 4 : j.semi - j.y);
	ml_buf_putc(out, ';');
	put_locator(m, &j, end, out);
	ml_buf_putc(out, '.');
	if (cite_find_lit(c, 0, c->len, "doi:", &d) ||
	    cite_find_lit(c, 0, c->len, "doi.org/", &d)) {
		size_t a = d + (c->s[d + 3] == ':' ? 4 : 8), b;
		while (a < c->len && c->s[a] == ' ')
			a++;
		for (b = a; b < c->len && c->s[b] != ' '; b++)
			;
		while (b > a && c->s[b - 1] == '.')
			b--;
		ml_buf_puts(out, " doi:");
		ml_buf_put(out, c->s + a, b - a);
	} else if (m->url != CITE_NONE) {
		put_seen(m, out);
		for (d = m->url; d < c->len && c->s[d] != ' '; d++)
			;
		ml_buf_put(out, c->s + m->url, d - m->url);
	}
	return 1;
}

/* Is an entry of an AMA list in NLM style? With no AMA mark (a: italic
 * part, Accessed Month) any NLM mark or habit says so; [Internet],
 * [cited ...] and Available from: outweigh an italic journal, and AMA's
 * Accessed outweighs them. */
static int nlm_in_ama(const cite_ctx *c, int a, int v)
{
	size_t at;

	if (!a)
		return v || nlm_habits(c) ||
		       (!cite_find_lit(c, 0, c->len, "http", &at) &&
			(cite_has_re(c, CITE_RE_STYLE_NLM_DATE) ||
			 cite_has_re(c, CITE_RE_STYLE_NLM_BOOK)));
	return strong_nlm(c) && !accessed_month(c);
}

int cite_med_style(cite_med *m)
{
	cite_ctx *c = m->c;
	const char *other = cite_style_other(c);
	ml_buf fix = ML_BUF_INIT(ML_LIMIT_SHORT);
	int v, a;

	if (!other) {
		v = vancouver_marks(c);
		a = ama_marks(c);
		if (m->ama && nlm_in_ama(c, a, v))
			other = "NLM (Vancouver)";
		else if (!m->ama && a && !v)
			other = "AMA";
	}
	if (!other) {
		ml_buf_dispose(&fix);
		return 0;
	}
	if (rewrite(m, &fix,
		    strcmp(other, "AMA") == 0 ||
			    strcmp(other, "NLM (Vancouver)") == 0))
		cite_suggest(c,
			     cite_report(c, ML_RULE_CITATION_STYLE, 0,
					 "this reference is in %s style, not "
					 "%s; in %s it reads: %s",
					 other, m->name, m->name,
					 ml_buf_cstr(&fix)),
			     &fix);
	else
		cite_report(
			c, ML_RULE_CITATION_STYLE, 0,
			m->ama ? "this reference is in %s style, not AMA 11: "
				 "write Surname AB, Surname CD. Title in "
				 "sentence case. *Journal Abbrev*. "
				 "2019;12(3):45-67. doi:10.…"
			       : "this reference is in %s style, not NLM "
				 "(Vancouver): write Surname AB, Surname CD. "
				 "Title. Journal Abbrev. 2019;12(3):45-67. "
				 "doi:10.…",
			other);
	ml_buf_dispose(&fix);
	return 1;
}
