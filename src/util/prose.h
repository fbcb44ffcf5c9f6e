/* util/prose.h - English prose measured: words, sentences, syllables and
 * the readability formulas built on them (SMOG, Flesch-Kincaid grade,
 * Flesch reading ease), and whole-word matching for word lists.
 *
 * Input is plain text of one block (a paragraph, heading or list item):
 * the end of a block always ends a sentence, so a list item without a
 * final period is a sentence of its own. Inside a block a '.', '!', '?'
 * or '...' followed by space ends a sentence, except after an
 * abbreviation ("e.g.", "Dr.", "et al."), an initial ("J. Smith") or
 * when the next word starts in lower case ("approx. five"). A word is a
 * run of letters and digits with inner apostrophes, hyphens, periods and
 * commas ("don't", "well-being", "2.5", "1,000"); UTF-8 letters count as
 * letters, typographic punctuation (U+2000..U+206F) does not. Syllables
 * are counted by rule (vowel groups, silent endings, vowel pairs that are
 * two syllables), measured against the npm `syllable` package on the
 * words of tests/readability (see its README). */
#ifndef ML_PROSE_H
#define ML_PROSE_H

#include <stddef.h>

/* Syllables in word w[0..n): at least 1 for any word with a letter or
 * a digit; hyphenated parts are counted one by one. */
int ml_prose_syllables(const char *w, size_t n);
/* 1 when a period after word w[0..n) need not end the sentence: an
 * initial ("J.") or an abbreviation ("e.g.", "Dr.", "approx."). */
int ml_prose_abbreviation(const char *w, size_t n);

typedef struct {
	/* a word at text[off .. off+len) with its syllables */
	void (*word)(void *ctx, size_t off, size_t len, int syllables);
	/* a sentence at text[start .. end) holding words words */
	void (*sentence)(void *ctx, size_t start, size_t end, size_t words);
	void *ctx;
	int no_syllables; /* word gets 0 syllables: not counted */
} ml_prose_cb;

/* Splits one block text[0..n) into sentences and words, calling cb's
 * functions (either may be NULL) in text order; a sentence without a
 * word is not reported. The rules split with their own fast copy
 * (rules/prose.c rules_split); this plain one is kept as the oracle
 * tests/unit/test_prose.c checks that copy against (test_split_same). */
void ml_prose_split(const char *text, size_t n, const ml_prose_cb *cb);

/* A URL starts at text[i] ("https://...", "www."): the offset after it
 * (at the next space), else 0. Such a run is no word and ends no
 * sentence. */
size_t ml_prose_url_end(const char *text, size_t n, size_t i);

typedef struct {
	size_t sentences, words, syllables;
	size_t polysyllables; /* words of three syllables or more */
} ml_prose_counts;

/* The formulas; 0 when c has no sentence or no word. SMOG is
 * 1.043 * sqrt(polysyllables * 30 / sentences) + 3.1291 (McLaughlin
 * 1969); FKGL 0.39 * words/sentences + 11.8 * syllables/words - 15.59;
 * FRE 206.835 - 1.015 * words/sentences - 84.6 * syllables/words. */
double ml_prose_smog(const ml_prose_counts *c);
double ml_prose_fkgl(const ml_prose_counts *c);
double ml_prose_fre(const ml_prose_counts *c);

/* 1 when the byte is part of a word (ASCII letter or digit, or a byte of
 * a UTF-8 letter). */
int ml_prose_word_byte(const char *s, size_t n, size_t i);
/* 1 for an ASCII letter or digit, by byte. */
extern const unsigned char ml_prose_ascii_word[128];
/* The same, with ASCII answered inline (the hot path of every scan). */
static inline int ml_prose_word_at(const char *s, size_t n, size_t i)
{
	unsigned char c = (unsigned char)s[i];

	if (c < 0x80)
		return ml_prose_ascii_word[c];
	return ml_prose_word_byte(s, n, i);
}

/* Whole-word phrase match at text[at] (at starts a word): the phrase's
 * words, ASCII case ignored, a space in the phrase matching one or more
 * spaces; with inflect the last word may also end in s, es, d, ed, ing,
 * er or ers (a final e or y of the phrase dropped or turned to i as
 * English spells it: "cure" -> "curing", "ies"). The match must end at
 * a word boundary (not before a letter, a digit or "-letter"). Returns
 * the length matched, or 0; *exact is 1 when the text is the phrase
 * itself (no inflection), which a fix may replace. */
size_t ml_prose_match(const char *text, size_t n, size_t at, const char *phrase,
		      int inflect, int *exact);
/* The same with the phrase's length given (phrase[0..plen), no NUL
 * needed). */
size_t ml_prose_match_n(const char *text, size_t n, size_t at,
			const char *phrase, size_t plen, int inflect,
			int *exact);

#endif
