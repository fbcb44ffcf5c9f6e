/* cite/author.c - the author element of an APA 7 reference.
 *
 * Personal authors: "Surname, I. I." joined by ", ", the last after
 * ", & "; 21 or more as the first 19, ", . . . " (or "…") and the last.
 * Surnames may carry particles (van der Berg) and a suffix follows the
 * initials (", Jr."). Anything that does not start like a personal name
 * is a group author ("World Health Organization."). The first fault
 * found is reported and parsing stops: later names would only cascade. */
#include "cite/internal.h"

#include <stdio.h>
#include <string.h>

#include "util/common.h"

enum { AU_OK, AU_ERR, AU_NOT_NAME, AU_END, AU_LEFTOVER };

typedef struct {
	cite_ctx *c;
	size_t p, end;	     /* cursor; end of the author element */
	int count;	     /* names parsed */
	int before_ellipsis; /* -1 when there is no ellipsis */
	int amp;
	size_t name20, last, ellipsis;
} au_state;

static const char *const particles[] = { "van",
					 "von",
					 "der",
					 "den",
					 "de",
					 "del",
					 "della",
					 "di",
					 "da",
					 "dos",
					 "das",
					 "du",
					 "la",
					 "le",
					 "ter",
					 "ten",
					 "op",
					 "bin",
					 "ibn",
					 "al",
					 "el",
					 "zu",
					 "y",
					 "ben",
					 "do",
					 "dal",
					 "degli",
					 "delle",
					 "dei",
					 "af",
					 "av",
					 "lo",
					 "bint",
					 "abu",
					 "van't",
					 "'t",
					 "auf",
					 "vom",
					 "zum",
					 "e",
					 "\xE2\x80\x99t",
					 "van\xE2\x80\x99t" };

static int is_particle(const cite_ctx *c, size_t p, size_t e)
{
	size_t i;

	for (i = 0; i < ML_ARRAY_LEN(particles); i++)
		if (strlen(particles[i]) == e - p &&
		    memcmp(c->s + p, particles[i], e - p) == 0)
			return 1;
	return 0;
}

/* 2: a capitalised surname word, 1: a particle, 0: neither. */
static int surname_word(const cite_ctx *c, size_t p, size_t *we)
{
	size_t e = cite_word_end(c, p);

	if (e == p)
		return 0;
	*we = e;
	if (cite_is_up(c, p))
		return 2;
	if (is_particle(c, p, e))
		return 1;
	/* d'Alembert, al-Hakim: a capital after the prefix */
	for (; p < e; p++)
		if ((c->s[p] == '-' || c->s[p] == '\'' ||
		     (unsigned char)c->s[p] == 0x99) &&
		    cite_is_up(c, p + 1))
			return 2;
	return 0;
}

/* "J." "JA," "J" "A-J": 1 to 3 capitals ending the token. */
static int initials_like(const cite_ctx *c, size_t p)
{
	size_t q = p;
	int n = 0;

	while (q < c->len && cite_is_up(c, q) && n < 4) {
		q += cite_u8len(c, q);
		n++;
		while (q < c->len && (c->s[q] == '.' || c->s[q] == '-'))
			q++;
	}
	return n > 0 && n <= 3 &&
	       (q >= c->len || strchr(" ,.;", c->s[q]) || cite_lit(c, q, "("));
}

static size_t au_surname(au_state *a, int *caps)
{
	cite_ctx *c = a->c;
	size_t p = a->p, we;
	int k, n = 0;

	*caps = 0;
	while ((k = surname_word(c, p, &we)) != 0) {
		if (k == 1 && !(we < a->end && c->s[we] == ' '))
			break;
		n++;
		*caps += k == 2;
		p = we;
		if (n < 5 && p < a->end && c->s[p] == ' ' &&
		    !initials_like(c, p + 1) && surname_word(c, p + 1, &we) &&
		    !cite_lit(c, p + 1, "and ") && !cite_lit(c, p + 1, "et al"))
			p++;
		else if (n < 5 && *caps && p < a->end && c->s[p] == ' ' &&
			 cite_is_lo(c, p + 1) &&
			 cite_lit(c, (we = cite_word_end(c, p + 1)), ", ") &&
			 cite_is_up(c, we + 2) && cite_lit(c, we + 3, ".") &&
			 !cite_lit(c, p + 1, "and ") &&
			 !cite_lit(c, p + 1, "et al"))
			return we; /* El ghormli, L.: a lower-case last part */
		else
			break;
	}
	return p;
}

static int digraph(const cite_ctx *c, size_t p)
{
	static const char *const dg[] = { "Ch", "Th", "Sh", "Ph", "Zh", "Kh" };
	size_t i;

	for (i = 0; i < ML_ARRAY_LEN(dg); i++)
		if (cite_lit(c, p, dg[i]))
			return 1;
	return 0;
}

/* "J A" or "JA" to "J. A." for a message. */
static void spell_initials(const cite_ctx *c, size_t p, char *dst, size_t cap)
{
	size_t n = 0, k;
	int hyph = 0;

	while (p < c->len && n + 8 < cap) {
		if (cite_is_up(c, p)) {
			k = cite_u8len(c, p);
			if (n && !hyph)
				dst[n++] = ' ';
			memcpy(dst + n, c->s + p, k);
			n += k;
			dst[n++] = '.';
			p += k;
			hyph = 0;
		} else if (c->s[p] == '-') {
			dst[n++] = '-';
			hyph = 1;
			p++;
		} else if (c->s[p] == '.' ||
			   (c->s[p] == ' ' && cite_is_up(c, p + 1))) {
			p++;
		} else {
			break;
		}
	}
	dst[n] = '\0';
}

static int initial_missing_period(au_state *a, size_t p)
{
	char want[64];

	spell_initials(a->c, p, want, sizeof(want));
	cite_report(a->c, ML_RULE_CITATION_AUTHOR, p,
		    "initials take a period and a space: write %s", want);
	return AU_ERR;
}

static int full_given_name(au_state *a, size_t p)
{
	char name[64];
	cite_ctx *c = a->c;

	cite_snip(c, p, cite_word_end(c, p), name, sizeof(name));
	cite_report(
		c, ML_RULE_CITATION_AUTHOR, p,
		"full given name '%s': APA lists initials only, write %.*s.",
		name, (int)cite_u8len(c, p), c->s + p);
	return AU_ERR;
}

/* One initial at p: its end (after the '.') or 0 with *bad set. */
static size_t one_initial(au_state *a, size_t p, int *bad)
{
	cite_ctx *c = a->c;
	size_t q = p + cite_u8len(c, p);

	if (digraph(c, p) && cite_lit(c, q + 1, "."))
		q++;
	if (q < c->len && c->s[q] == '.')
		return q + 1;
	if (cite_is_lo(c, q))
		*bad = full_given_name(a, p);
	else
		*bad = initial_missing_period(a, p);
	return 0;
}

static int au_initials(au_state *a)
{
	cite_ctx *c = a->c;
	size_t p = a->p, q;
	int bad = AU_OK;

	if (!cite_is_up(c, p)) {
		cite_report(c, ML_RULE_CITATION_AUTHOR, p,
			    "write the initials after the surname and comma: "
			    "Surname, I. I.");
		return AU_ERR;
	}
	for (;;) {
		q = one_initial(a, p, &bad);
		if (!q)
			return bad;
		p = q;
		if (p < a->end && cite_is_lo(c, p)) {
			cite_report(c, ML_RULE_CITATION_AUTHOR, p,
				    "'%.*s' after the initials: write Surname, "
				    "I. I. only",
				    (int)(cite_word_end(c, p) - p), c->s + p);
			return AU_ERR;
		}
		if (p < a->end && cite_is_up(c, p)) {
			char want[64];
			spell_initials(c, a->p, want, sizeof(want));
			cite_report(c, ML_RULE_CITATION_AUTHOR, p,
				    "separate initials with a space: write %s",
				    want);
			return AU_ERR;
		}
		if (p + 1 < a->end && (c->s[p] == ' ' || c->s[p] == '-') &&
		    cite_is_up(c, p + 1) &&
		    (c->s[p] == '-' || initials_like(c, p + 1)))
			p++;
		else
			break;
	}
	a->p = p;
	return AU_OK;
}

/* " (Director)", " (Writer & Director)", " (Executive Producers)":
 * the role a creator of audiovisual work has; its end, else 0. */
static size_t role_at(const cite_ctx *c, size_t p, size_t end)
{
	static const char *const roles[] = { "Director",
					     "Host",
					     "Writer",
					     "Producer",
					     "Executive Producer",
					     "Composer",
					     "Artist",
					     "Photographer",
					     "Narrator",
					     "Interviewer",
					     "Creator",
					     "Presenter",
					     "Speaker",
					     "Performer",
					     "Illustrator",
					     "Conductor",
					     "Cinematographer",
					     "Curator",
					     "Lyricist",
					     "Showrunner" };
	size_t q, i, k;

	if (!cite_lit(c, p, " ("))
		return 0;
	q = p + 2;
	for (;;) {
		for (i = 0; i < ML_ARRAY_LEN(roles); i++) {
			k = strlen(roles[i]);
			if (cite_lit(c, q, roles[i]))
				break;
		}
		if (i == ML_ARRAY_LEN(roles))
			return 0;
		q += k;
		if (q < end && c->s[q] == 's')
			q++;
		if (q < end && c->s[q] == ')')
			return q + 1;
		if (cite_lit(c, q, " & "))
			q += 3;
		else if (cite_lit(c, q, " and ") || cite_lit(c, q, ", and "))
			q += c->s[q] == ',' ? 6 : 5;
		else if (cite_lit(c, q, ", ") || cite_lit(c, q, "/"))
			q += c->s[q] == ',' ? 2 : 1;
		else
			return 0;
	}
}

/* " [@handle]" or " [Name]": a social media name after the author. */
static size_t handle_at(const cite_ctx *c, size_t p, size_t end)
{
	size_t q;

	if (!cite_lit(c, p, " ["))
		return 0;
	for (q = p + 2; q < end && c->s[q] != ']' && c->s[q] != '['; q++)
		;
	return q < end && c->s[q] == ']' && q > p + 2 ? q + 1 : 0;
}

/* "Aert, R. C. M. van": the particle after the initials (a citeproc
 * rendering with particles demoted) belongs before the surname. */
static int particle_after(au_state *a, size_t start)
{
	cite_ctx *c = a->c;
	size_t p = a->p, e;

	if (!cite_lit(c, p, " ") || !cite_is_lo(c, p + 1))
		return 0;
	e = cite_word_end(c, p + 1);
	if (!is_particle(c, p + 1, e))
		return 0;
	while (cite_lit(c, e, " ") && cite_is_lo(c, e + 1) &&
	       is_particle(c, e + 1, cite_word_end(c, e + 1)))
		e = cite_word_end(c, e + 1);
	if (e < a->end && !strchr(",.", c->s[e]))
		return 0;
	cite_report(c, ML_RULE_CITATION_AUTHOR, p + 1,
		    "the particle '%.*s' goes before the surname: %.*s %.*s, "
		    "...",
		    (int)(e - p - 1), c->s + p + 1, (int)(e - p - 1),
		    c->s + p + 1, (int)(cite_word_end(c, start) - start),
		    c->s + start);
	return 1;
}

static int au_suffix(au_state *a)
{
	static const char *const sfx[] = { ", Jr.", ", Sr.", ", III", ", II",
					   ", IV" };
	cite_ctx *c = a->c;
	size_t i, q;

	if ((q = role_at(c, a->p, a->end)) || (q = handle_at(c, a->p, a->end)))
		a->p = q;
	if ((q = handle_at(c, a->p, a->end)))
		a->p = q;
	for (i = 0; i < ML_ARRAY_LEN(sfx); i++) {
		q = a->p + strlen(sfx[i]);
		if (cite_lit(c, a->p, sfx[i]) &&
		    (q >= a->end || strchr(" ,.", c->s[q]))) {
			a->p = q;
			return AU_OK;
		}
	}
	if ((cite_lit(c, a->p, ", Jr") || cite_lit(c, a->p, ", Sr")) &&
	    (a->p + 4 >= a->end || strchr(" ,", c->s[a->p + 4]))) {
		cite_report(c, ML_RULE_CITATION_AUTHOR, a->p + 2,
			    "write the suffix with a period: %.2s.",
			    c->s + a->p + 2);
		return AU_ERR;
	}
	return AU_OK;
}

/* One "Surname, I. I." at a->p. */
static int au_name(au_state *a, int first)
{
	cite_ctx *c = a->c;
	size_t start = a->p, p;
	int caps, r;

	p = au_surname(a, &caps);
	if (!first && caps >= 2 && (p >= a->end || c->s[p] == '.')) {
		a->p = p; /* a group as the last co-author */
		a->count++;
		a->last = start;
		return AU_OK;
	}
	/* a group among persons, "Smith, J., World Health Organization, &
	 * Lee, K.": several capitalised words, then a comma and no initial */
	if (caps >= 2 && cite_lit(c, p, ", ") &&
	    !(cite_is_up(c, p + 2) &&
	      (cite_lit(c, p + 3, ".") || cite_lit(c, p + 3, "-")))) {
		a->p = p;
		a->count++;
		a->last = start;
		return AU_OK;
	}
	if (p == start || caps == 0) {
		if (first)
			return AU_NOT_NAME;
		cite_report(c, ML_RULE_CITATION_AUTHOR, start,
			    "expected an author as Surname, I. I. here");
		return AU_ERR;
	}
	if (p >= start + 4 &&
	    (cite_lit(c, p - 3, " Jr") || cite_lit(c, p - 3, " Sr")) &&
	    cite_lit(c, p, ", ")) {
		cite_report(c, ML_RULE_CITATION_AUTHOR, p - 2,
			    "the suffix follows the initials: Surname, I. I., "
			    "%.2s.",
			    c->s + p - 2);
		return AU_ERR;
	}
	if (cite_lit(c, p, ", ") && p + 2 < a->end) {
		a->p = p + 2;
	} else if (c->s[p] == ' ' && caps == 1 && initials_like(c, p + 1)) {
		char want[64];
		spell_initials(c, p + 1, want, sizeof(want));
		cite_report(c, ML_RULE_CITATION_AUTHOR, p,
			    "missing comma between surname and initials: "
			    "write %.*s, %s",
			    (int)(p - start > 40 ? 40 : p - start),
			    c->s + start, want);
		return AU_ERR;
	} else if (first) {
		return AU_NOT_NAME;
	} else {
		cite_report(c, ML_RULE_CITATION_AUTHOR, p,
			    "write a comma and the initials after the surname: "
			    "Surname, I. I.");
		return AU_ERR;
	}
	if (first && !cite_is_up(c, a->p))
		return AU_NOT_NAME;
	r = au_initials(a);
	if (r != AU_OK)
		return r;
	a->count++;
	if (a->count == 20)
		a->name20 = start;
	a->last = start;
	if (particle_after(a, start))
		return AU_ERR;
	return au_suffix(a);
}

static int is_ellipsis(const cite_ctx *c, size_t p, size_t *after)
{
	static const char *const forms[] = { ", . . . ", ", \xE2\x80\xA6 ",
					     ", ... ", " . . . ",
					     " \xE2\x80\xA6 " };
	size_t i;

	for (i = 0; i < ML_ARRAY_LEN(forms); i++) {
		if (cite_lit(c, p, forms[i])) {
			*after = p + strlen(forms[i]);
			return 1;
		}
	}
	return 0;
}

static int au_bad_sep(au_state *a)
{
	cite_ctx *c = a->c;
	size_t p = a->p;

	if (cite_lit(c, p, ", and ") || cite_lit(c, p, " and ")) {
		cite_report(c, ML_RULE_CITATION_AUTHOR,
			    p + (c->s[p] == ',' ? 2 : 1),
			    "write & instead of 'and' before the last author: "
			    ", & Surname, I.");
		return AU_ERR;
	}
	if (cite_lit(c, p, " & ")) {
		cite_report(c, ML_RULE_CITATION_AUTHOR, p,
			    "put a comma before the &: , & Surname, I.");
		return AU_ERR;
	}
	if (cite_lit(c, p, ", et al") || cite_lit(c, p, " et al")) {
		cite_report(c, ML_RULE_CITATION_AUTHOR,
			    p + (c->s[p] == ',' ? 2 : 1),
			    "'et al.' is not used in a reference list: name "
			    "every author (21 or more: the first 19, . . ., "
			    "the last)");
		return AU_ERR;
	}
	return AU_LEFTOVER;
}

/* The separator after a name and the name after it. */
static int au_next(au_state *a)
{
	cite_ctx *c = a->c;
	size_t after;
	int r;

	if (a->p >= a->end)
		return AU_END;
	if (cite_lit(c, a->p, ", & ")) {
		a->amp = 1;
		a->p += 4;
		r = au_name(a, 0);
		return r == AU_OK ? AU_END : r;
	}
	if (is_ellipsis(c, a->p, &after)) {
		a->before_ellipsis = a->count;
		a->ellipsis = a->p;
		a->p = after;
		r = au_name(a, 0);
		return r == AU_OK ? AU_END : r;
	}
	if (cite_lit(c, a->p, ", ") && !cite_lit(c, a->p, ", and ") &&
	    !cite_lit(c, a->p, ", et al")) {
		a->p += 2;
		return au_name(a, 0);
	}
	return au_bad_sep(a);
}

static void au_counts(au_state *a)
{
	cite_ctx *c = a->c;

	if (a->before_ellipsis >= 0) {
		if (a->before_ellipsis != 19 ||
		    a->count - a->before_ellipsis != 1)
			cite_report(c, ML_RULE_CITATION_AUTHOR, a->ellipsis,
				    "the ellipsis is only for 21 or more "
				    "authors: list the first 19, then . . . "
				    "and the last author (here %d before it)",
				    a->before_ellipsis);
		else if (a->amp)
			cite_report(c, ML_RULE_CITATION_AUTHOR, a->ellipsis,
				    "no & with an ellipsis: the first 19, "
				    ". . . , the last author");
	} else if (a->count > 20) {
		cite_report(c, ML_RULE_CITATION_AUTHOR, a->name20,
			    "%d authors: APA lists the first 19, then . . . "
			    "and the last author",
			    a->count);
	} else if (a->count >= 2 && !a->amp) {
		cite_report(c, ML_RULE_CITATION_AUTHOR, a->last,
			    "write , & before the last author");
	}
}

/* After the names: (Ed.) or (Eds.), the closing period. */
static int au_tail(au_state *a)
{
	cite_ctx *c = a->c;
	int eds = cite_lit(c, a->p, " (Eds.)");

	if (eds || cite_lit(c, a->p, " (Ed.)")) {
		if (eds != (a->count > 1))
			cite_report(c, ML_RULE_CITATION_AUTHOR, a->p + 1,
				    "write %s for %s editor%s",
				    eds ? "(Ed.)" : "(Eds.)",
				    eds ? "one" : "more than one",
				    eds ? "" : "s");
		a->p += eds ? 7 : 6;
		if (a->p < c->len && c->s[a->p] == '.')
			a->p++;
		else
			cite_report(c, ML_RULE_CITATION_PUNCTUATION, a->p,
				    "write a period after %s",
				    eds ? "(Eds.)" : "(Ed.)");
		return AU_OK;
	}
	if (c->s[a->p - 1] != '.') {
		if (a->p < a->end && c->s[a->p] == '.') {
			a->p++;
			return AU_OK;
		}
		cite_report(c, ML_RULE_CITATION_PUNCTUATION, a->p,
			    "end the author element with a period");
	}
	return AU_OK;
}

/* The names did not reach the date: a missing comma between two names,
 * or text that belongs after the date. */
static void au_leftover(au_state *a)
{
	cite_ctx *c = a->c;
	au_state b = *a;
	char t[48];
	size_t q = a->p;
	int ok;

	while (q < c->len && c->s[q] == ' ')
		q++;
	b.p = q;
	b.count = 0;
	c->quiet++;
	ok = q < a->end && au_name(&b, 1) == AU_OK;
	c->quiet--;
	if (ok) {
		cite_report(c, ML_RULE_CITATION_AUTHOR, a->p,
			    "separate the authors with a comma: , %s",
			    cite_snip(c, q, b.p, t, sizeof(t)));
		return;
	}
	if (c->s[q] == '(' || c->s[q] == '[') {
		/* "Moreton-Robinson, A. (Goenpul). (2020)": a note inside
		 * the author element */
		cite_report(c, ML_RULE_CITATION_AUTHOR, q,
			    "only the authors' names (and a role such as "
			    "(Ed.) or (Director)) go before the date: drop "
			    "'%s'",
			    cite_snip(c, q, a->end, t, 24));
		return;
	}
	cite_report(c, ML_RULE_CITATION_DATE, q,
		    "the date goes right after the authors, before '%s'",
		    cite_snip(c, q, a->end, t, 24));
	c->title_early = q; /* what came first is the title */
}

static int au_personal(au_state *a)
{
	int r;

	a->before_ellipsis = -1;
	r = au_name(a, 1);
	if (r != AU_OK)
		return r;
	while ((r = au_next(a)) == AU_OK)
		;
	if (r == AU_ERR)
		return r;
	au_counts(a);
	if (a->c->author_bad)
		return AU_ERR;
	au_tail(a);
	while (a->p < a->end && a->c->s[a->p] == ' ')
		a->p++;
	if (a->p < a->end && a->c->date_s != CITE_NONE) {
		au_leftover(a);
		a->p = a->end;
	}
	return AU_OK;
}

/* No personal name at the start: an organisation, spelled out. */
static void au_group(cite_ctx *c, size_t end)
{
	size_t p;

	c->author = CITE_AU_GROUP;
	if (c->date_s == CITE_NONE) {
		/* without a date the element ends at the first sentence */
		for (p = 0; p < end; p++)
			if ((c->s[p] == '.' &&
			     (p + 1 >= end || c->s[p + 1] == ' ')))
				break;
		end = p < end ? p + 1 : end;
	}
	c->auth_e = end;
	for (p = 0; p + 6 <= end; p++) {
		if (cite_lit(c, p, " et al")) {
			cite_report(c, ML_RULE_CITATION_AUTHOR, p + 1,
				    "'et al.' is not used in a reference list: "
				    "name every author");
			return;
		}
	}
	if (end == 0)
		return;
	if (!cite_term(c->s[end - 1]))
		cite_report(c, ML_RULE_CITATION_PUNCTUATION, end,
			    "write a period after the author: %.*s.",
			    (int)(end > 60 ? 60 : end), c->s);
}

void cite_authors(cite_ctx *c)
{
	au_state a;
	size_t end = c->date_s != CITE_NONE ? c->date_s : c->body_end;
	int r;

	while (end > 0 && c->s[end - 1] == ' ')
		end--;
	memset(&a, 0, sizeof(a));
	a.c = c;
	a.end = end;
	if (end == 0) {
		c->author = CITE_AU_NONE;
		c->auth_e = 0;
		cite_report(c, ML_RULE_CITATION_AUTHOR, 0,
			    "no author before the date: write the authors "
			    "(Surname, I. I.), a group author, or the title");
		return;
	}
	r = au_personal(&a);
	if (r == AU_NOT_NAME) {
		au_group(c, end);
		return;
	}
	c->author = CITE_AU_PERSON;
	c->nauthors = a.count;
	c->auth_e = r == AU_OK ? a.p : end;
	if (r != AU_OK && c->date_s == CITE_NONE)
		c->auth_e = CITE_NONE; /* lost: no date to resync on */
}
