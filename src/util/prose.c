/* util/prose.c - words, sentences and syllables of English prose, and the
 * readability formulas (see prose.h). */
#include "util/prose.h"
#include "util/common.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* ---- characters ---------------------------------------------------- */

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_upper(int c)
{
	return c >= 'A' && c <= 'Z';
}

static int lower(int c)
{
	return is_upper(c) ? c + 32 : c;
}

/* A non-ASCII code point that is punctuation or space, not a letter:
 * U+0080..U+00BF (no-break space, quotes, signs), U+00D7, U+00F7 and
 * U+2000..U+206F (dashes, curly quotes, ellipsis). lead points at the
 * sequence's first byte. */
static int utf8_punct(const unsigned char *lead, size_t left)
{
	if (lead[0] == 0xC2)
		return 1;
	if (lead[0] == 0xC3 && left > 1 && (lead[1] == 0x97 || lead[1] == 0xB7))
		return 1;
	return lead[0] == 0xE2 && left > 1 &&
	       (lead[1] == 0x80 || lead[1] == 0x81);
}

#define D10 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
#define L26 D10, D10, 1, 1, 1, 1, 1, 1
const unsigned char ml_prose_ascii_word[128] = {
	['0'] = D10, ['A'] = L26, ['a'] = L26
};

int ml_prose_word_byte(const char *s, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t k = i;

	if (u[i] < 0x80)
		return is_alpha(u[i]) || is_digit(u[i]);
	while (k > 0 && (u[k] & 0xC0) == 0x80 && i - k < 3)
		k--;
	return !utf8_punct(u + k, n - k);
}

/* The right single quotation mark U+2019 (E2 80 99), an apostrophe. */
static int curly_apostrophe(const char *s, size_t n, size_t i)
{
	return i + 2 < n && (unsigned char)s[i] == 0xE2 &&
	       (unsigned char)s[i + 1] == 0x80 &&
	       (unsigned char)s[i + 2] == 0x99;
}

/* End of the word that starts at i: letters and digits, joined by one
 * inner ' ’ - . , (a comma or period only between digits or letters
 * with no space: "1,000", "e.g"). */
static size_t word_end(const char *s, size_t n, size_t i)
{
	while (i < n) {
		size_t skip = 0;
		if (ml_prose_word_at(s, n, i)) {
			i++;
			continue;
		}
		if (s[i] == '\'' || s[i] == '-' || s[i] == '.' || s[i] == ',')
			skip = 1;
		else if (curly_apostrophe(s, n, i))
			skip = 3;
		if (!skip || i + skip >= n || !ml_prose_word_at(s, n, i + skip))
			break;
		if (s[i] == ',' && !(is_digit((unsigned char)s[i - 1]) &&
				     is_digit((unsigned char)s[i + 1])))
			break;
		i += skip;
	}
	return i;
}

/* ---- syllables ------------------------------------------------------- */

static int vowel(const char *w, size_t n, size_t i)
{
	int c = (unsigned char)w[i];

	if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u')
		return 1;
	/* y is a vowel but before a vowel ("yes", "beyond") */
	return c == 'y' && !(i + 1 < n && strchr("aeiou", w[i + 1]));
}

static int ends(const char *w, size_t n, const char *suf)
{
	size_t k = strlen(suf);

	return n >= k && memcmp(w + n - k, suf, k) == 0;
}

static int starts(const char *w, size_t n, const char *pre)
{
	size_t k = strlen(pre);

	return n > k && memcmp(w, pre, k) == 0;
}

/* Vowel pairs said as two syllables: "di-et", "stu-di-o", "ide-a",
 * "usu-al", "flu-ent", "be-ing". Not where the pair is one sound:
 * "na-tion", "so-cial", "re-gion", "qua-lity", "mil-lion", "pa-tient". */
static int split_pair(const char *w, size_t n, size_t i)
{
	int a = (unsigned char)w[i], b = (unsigned char)w[i + 1],
	    p = i > 0 ? (unsigned char)w[i - 1] : 0;
	int c = i + 2 < n ? w[i + 2] : 0;

	if (p == 'q' || (a == 'u' && p == 'g'))
		return 0;
	if (b == 'i' && i + 4 == n && w[i + 2] == 'n' && w[i + 3] == 'g')
		return 1; /* "be-ing", "see-ing", "go-ing" */
	if (a == 'i' && b == 'a')
		return !strchr("cstx", p) || (c == 't' && i + 4 <= n);
	if (a == 'i' && b == 'o')
		return !strchr("cstgx", p) && !(c == 'n' && strchr("nl", p));
	if (a == 'i' && b == 'u')
		return !strchr("cgx", p);
	if (a == 'e' && b == 'o')
		return !(p == 'p' && i == 1) && !strchr("gc", p);
	if (a == 'u' && (b == 'a' || b == 'o'))
		return 1;
	if (a == 'u' && b == 'i')
		return c == 'd' || c == 'n' ||
		       (c == 't' && i + 3 < n && w[i + 3] == 'y');
	if (a == 'u' && b == 'e')
		return c == 'n' || c == 'l';
	if (a == 'i' && b == 'e') {
		if (c == 'r')
			return n > 4 &&
			       (i + 3 == n || (i + 4 == n && w[n - 1] == 's'));
		if (c == 't' && i + 3 < n && w[i + 3] == 'y')
			return 1; /* "anxi-e-ty", "soci-e-ty" */
		if (c == 's' && i + 4 == n && w[n - 1] == 't')
			return 1; /* "loneli-est" */
		if (c == 'n')
			return i + 3 < n &&
			       (w[i + 3] == 't' || w[i + 3] == 'c') &&
			       !strchr("cst", p);
		return c == 't' && !strchr("cst", p);
	}
	if (a == 'e' && b == 'a')
		return (i + 2 == n && n > 3) || /* "are-a", "ide-a" */
		       (c == 't' && p == 'r' && i >= 2 && w[i - 2] == 'c');
	return 0;
}

/* Endings after which an inner e is silent: "like-ly", "care-ful",
 * "state-ment", "some-thing". */
static const char *const silent_e_suffixes[] = { "ly",	  "ful",   "ment",
						 "ments", "ness",  "less",
						 "thing", "one",   "times",
						 "body",  "where", "ship" };

static int inner_silent_e(const char *w, size_t n)
{
	size_t i, k;

	/* the e sits 3 to 6 letters from the end, or there is none */
	if (n < 5 || (w[n - 3] != 'e' && w[n - 4] != 'e' && w[n - 5] != 'e' &&
		      (n < 6 || w[n - 6] != 'e')))
		return 0;
	for (i = 0; i < ML_ARRAY_LEN(silent_e_suffixes); i++) {
		k = strlen(silent_e_suffixes[i]);
		if (n >= k + 3 && ends(w, n, silent_e_suffixes[i]) &&
		    w[n - k - 1] == 'e' && !vowel(w, n, n - k - 2) &&
		    vowel(w, n, n - k - 3) && w[n - k - 2] != 'l')
			return 1;
	}
	return 0;
}

/* -es and -ed said as a syllable: after s, x, z, ch, sh, ce, ge ("boxes")
 * and t, d ("wanted"), and after a consonant and l or r ("hun-dred"). */
static int ending_said(const char *w, size_t n)
{
	int c = (unsigned char)w[n - 3], ed = w[n - 1] == 'd';

	if ((c == 'l' || c == 'r') && n > 4 && !vowel(w, n, n - 4) &&
	    w[n - 4] != c)
		return 1;
	if (ed)
		return c == 't' || c == 'd';
	return strchr("sxz", c) || ends(w, n - 2, "ch") ||
	       ends(w, n - 2, "sh") || c == 'c' || c == 'g';
}

/* A final e, es or ed that is not said: "make", "hoped", "makes"; but
 * "the", "table", "free", "centre", "boxes", "wanted". */
static int silent_ending(const char *w, size_t n)
{
	if (n > 2 && w[n - 1] == 'e')
		return !vowel(w, n, n - 2) && w[n - 2] != 'y' &&
		       !(w[n - 2] == 'l' && !vowel(w, n, n - 3)) &&
		       !(w[n - 2] == 'r' && !vowel(w, n, n - 3) &&
			 w[n - 3] != 'r');
	return n > 3 && (ends(w, n, "es") || ends(w, n, "ed")) &&
	       !vowel(w, n, n - 3) && !ending_said(w, n);
}

/* Syllables of one lower-case ASCII-letter word. */
static int syllables_plain(const char *w, size_t n)
{
	int count = 0, prev = 0;
	size_t i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		int v = vowel(w, n, i);
		if (v && (!prev || (i > 0 && split_pair(w, n, i - 1))))
			count++;
		prev = v;
	}
	/* a silent final e: "make", "hope", but not "the", "table", "free",
	 * "centre" */
	if (silent_ending(w, n) && count > 1)
		count--;
	if (count > 1 && inner_silent_e(w, n))
		count--;
	if (ends(w, n, "ism") || (ends(w, n, "isms")))
		count++;
	if (ends(w, n, "ying") && n > 4 && !vowel(w, n, n - 5))
		count++;
	if ((starts(w, n, "co") && n > 3 && strchr("aeio", w[2]) &&
	     !starts(w, n, "cou") && !starts(w, n, "coa") &&
	     !starts(w, n, "coi")) ||
	    (starts(w, n, "pre") && strchr("aeiou", w[3])) ||
	    (starts(w, n, "re") && n > 4 && strchr("aio", w[2]) &&
	     !starts(w, n, "rea") && !starts(w, n, "rei")))
		count++;
	return count > 0 ? count : 1;
}

static int count_syllables(const char *w, size_t n)
{
	char part[64];
	size_t i, k = 0;
	int total = 0, any = 0, letters = 0;

	for (i = 0; i <= n; i++) {
		int c = i < n ? (unsigned char)w[i] : '-';
		if (is_alpha(c)) {
			if (k < sizeof(part))
				part[k++] = (char)lower(c);
			letters = 1;
		} else if (is_digit(c) || c >= 0x80) {
			any = 1;
		} else if (c == '-' && k) {
			total += syllables_plain(part, k);
			k = 0;
		}
		if (i == n && k)
			total += syllables_plain(part, k);
	}
	if (!letters)
		return any ? 1 : 0;
	return total > 0 ? total : 1;
}

/* Counted every time: rules/prose.c's word table, which the rules'
 * split goes through, is the cache. */
int ml_prose_syllables(const char *w, size_t n)
{
	return count_syllables(w, n);
}

/* ---- sentences ------------------------------------------------------- */

/* Words a period follows without ending the sentence (lower case,
 * inner periods kept: "e.g"). */
static const char *const abbreviations[] = {
	"e.g", "i.e", "dr",   "mr",  "mrs",  "ms",   "prof", "st",
	"vs",  "cf",  "al",   "fig", "figs", "no",   "nos",  "approx",
	"jr",  "sr",  "inc",  "ltd", "dept", "univ", "vol",  "pp",
	"ca",  "mt",  "jan",  "feb", "mar",  "apr",  "jun",  "jul",
	"aug", "sep", "sept", "oct", "nov",  "dec",  "u.s",  "u.k",
	"a.m", "p.m", "ph.d", "m.d", "eq",   "ed",   "eds",  "min",
	"max", "est", "mg",   "ml",  "kg",   "resp", "viz",  "incl"
};

int ml_prose_abbreviation(const char *w, size_t n)
{
	size_t i, k;

	if (n == 1 && is_upper((unsigned char)w[0]))
		return 1; /* an initial: "J. Smith" */
	if (n > 6)
		return 0; /* longer than any ("approx") */
	for (i = 0; i < ML_ARRAY_LEN(abbreviations); i++) {
		const char *a = abbreviations[i];
		if (a[0] != lower((unsigned char)w[0]) || strlen(a) != n)
			continue;
		for (k = 0; k < n && lower((unsigned char)w[k]) == a[k]; k++)
			;
		if (k == n)
			return 1;
	}
	return 0;
}

static int closing(const char *s, size_t n, size_t i, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;

	*len = 1;
	if (strchr("\"')]", s[i]))
		return 1;
	*len = 3; /* ’ ” */
	return i + 2 < n && u[i] == 0xE2 && u[i + 1] == 0x80 &&
	       (u[i + 2] == 0x99 || u[i + 2] == 0x9D);
}

/* At i a terminator: the offset after it and its closing marks when it
 * ends a sentence, else 0. word/wlen is the word just before it. */
static size_t sentence_stop(const char *s, size_t n, size_t i, const char *word,
			    size_t wlen)
{
	size_t j = i, k;
	int dot = s[i] == '.';

	if (dot && i + 2 < n && s[i + 1] == '.' && s[i + 2] == '.') {
		j = i + 3, dot = 0;
	} else if (i + 2 < n && (unsigned char)s[i] == 0xE2 &&
		   (unsigned char)s[i + 1] == 0x80 &&
		   (unsigned char)s[i + 2] == 0xA6) {
		j = i + 3; /* … */
	} else {
		j = i + 1;
	}
	while (j < n && (s[j] == '.' || s[j] == '!' || s[j] == '?'))
		j++;
	while (j < n && closing(s, n, j, &k))
		j += k;
	if (j < n && s[j] != ' ' && s[j] != '\n' && s[j] != '\t')
		return 0;
	if (j >= n || (!dot && s[i] != '.' && (unsigned char)s[i] != 0xE2))
		return j; /* ? and ! end it */
	if (dot && word && ml_prose_abbreviation(word, wlen))
		return 0;
	for (k = j; k < n && !ml_prose_word_at(s, n, k); k++)
		;
	if (k < n && (unsigned char)s[k] < 0x80 &&
	    is_alpha((unsigned char)s[k]) && !is_upper((unsigned char)s[k]))
		return 0; /* "approx. five": the sentence goes on */
	return j;
}

static int terminator(const char *s, size_t n, size_t i)
{
	return s[i] == '.' || s[i] == '!' || s[i] == '?' ||
	       (i + 2 < n && (unsigned char)s[i] == 0xE2 &&
		(unsigned char)s[i + 1] == 0x80 &&
		(unsigned char)s[i + 2] == 0xA6);
}

size_t ml_prose_url_end(const char *s, size_t n, size_t i)
{
	size_t k = i;

	while (k < n && k - i < 12 && is_alpha((unsigned char)s[k]))
		k++;
	if (!(k > i && k + 3 <= n && !memcmp(s + k, "://", 3)) &&
	    !(i + 4 <= n && !strncmp(s + i, "www.", 4)))
		return 0;
	while (k < n && s[k] != ' ' && s[k] != '\n' && s[k] != '\t')
		k++;
	return k;
}

void ml_prose_split(const char *s, size_t n, const ml_prose_cb *cb)
{
	size_t i = 0, start = 0, words = 0, e, stop;
	const char *last = NULL;
	size_t lastlen = 0;

	while (i < n) {
		if (ml_prose_word_at(s, n, i)) {
			size_t u;
			e = word_end(s, n, i);
			/* a scheme's letters end the word at its ':' */
			if ((e < n && s[e] == ':') || s[i] == 'w') {
				if ((u = ml_prose_url_end(s, n, i)) != 0) {
					i = u; /* a URL is no word and ends
						  no sentence */
					continue;
				}
			}
			if (cb->word)
				cb->word(cb->ctx, i, e - i,
					 cb->no_syllables
						 ? 0
						 : ml_prose_syllables(s + i,
								      e - i));
			last = s + i, lastlen = e - i;
			words++;
			i = e;
			continue;
		}
		if (terminator(s, n, i) &&
		    (stop = sentence_stop(s, n, i, last, lastlen))) {
			if (words && cb->sentence)
				cb->sentence(cb->ctx, start, stop, words);
			if (words)
				start = stop;
			words = 0, last = NULL, i = stop;
			continue;
		}
		i++;
	}
	if (words && cb->sentence)
		cb->sentence(cb->ctx, start, n, words);
}

/* ---- counts and formulas -------------------------------------------- */

double ml_prose_smog(const ml_prose_counts *c)
{
	if (!c->sentences || !c->words)
		return 0;
	return 1.043 * sqrt((double)c->polysyllables * 30.0 /
			    (double)c->sentences) +
	       3.1291;
}

double ml_prose_fkgl(const ml_prose_counts *c)
{
	if (!c->sentences || !c->words)
		return 0;
	return 0.39 * (double)c->words / (double)c->sentences +
	       11.8 * (double)c->syllables / (double)c->words - 15.59;
}

double ml_prose_fre(const ml_prose_counts *c)
{
	if (!c->sentences || !c->words)
		return 0;
	return 206.835 - 1.015 * (double)c->words / (double)c->sentences -
	       84.6 * (double)c->syllables / (double)c->words;
}

/* ---- phrase matching ------------------------------------------------- */

/* 1 when text[i..] ends a word there: no letter, digit or "-letter". */
static int word_boundary(const char *t, size_t n, size_t i)
{
	if (i >= n)
		return 1;
	if (ml_prose_word_at(t, n, i))
		return 0;
	return !(t[i] == '-' && i + 1 < n && ml_prose_word_at(t, n, i + 1));
}

/* Length of the first of sufs (NULL-terminated) at t[i..] that ends a
 * word, or 0. */
static size_t suffix(const char *t, size_t n, size_t i, const char *const *sufs)
{
	size_t k, m, j;

	for (k = 0; sufs[k]; k++) {
		m = strlen(sufs[k]);
		if (i + m > n)
			continue;
		for (j = 0;
		     j < m && lower((unsigned char)t[i + j]) == sufs[k][j]; j++)
			;
		if (j == m && word_boundary(t, n, i + m))
			return m;
	}
	return 0;
}

static const char *const plain_sufs[] = { "ers", "ing", "es", "ed",
					  "er",	 "s",	"d",  NULL };
static const char *const e_sufs[] = { "ing", NULL }; /* cur-ing */
static const char *const y_sufs[] = { "iers", "ies", "ied", "ier", NULL };

size_t ml_prose_match(const char *t, size_t n, size_t at, const char *phrase,
		      int inflect, int *exact)
{
	return ml_prose_match_n(t, n, at, phrase, strlen(phrase), inflect,
				exact);
}

size_t ml_prose_match_n(const char *t, size_t n, size_t at, const char *phrase,
			size_t plen, int inflect, int *exact)
{
	size_t i = at, p = 0, k;

	*exact = 0;
	while (p < plen) {
		if (phrase[p] == ' ') {
			if (i >= n || t[i] != ' ')
				return 0;
			while (i < n && t[i] == ' ')
				i++;
			p++;
			continue;
		}
		if (i < n && lower((unsigned char)t[i]) ==
				     lower((unsigned char)phrase[p])) {
			i++, p++;
			continue;
		}
		/* "cure" as "curing", "remedy" as "remedies" */
		if (!inflect || p + 1 != plen ||
		    (phrase[p] != 'e' && phrase[p] != 'y'))
			return 0;
		k = suffix(t, n, i, phrase[p] == 'e' ? e_sufs : y_sufs);
		return k ? i + k - at : 0;
	}
	if (word_boundary(t, n, i)) {
		*exact = 1;
		return i - at;
	}
	if (!inflect)
		return 0;
	k = suffix(t, n, i, plain_sufs);
	return k ? i + k - at : 0;
}
