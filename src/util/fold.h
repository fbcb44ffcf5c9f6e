/* util/fold.h - comparing headings and phrases across case and Unicode
 * composition, without a Unicode library: the scripts a health site
 * writes in (Latin, Greek, Cyrillic, Devanagari).
 *
 * Two texts that are canonically equivalent (NFC = NFD) compare equal
 * once both are composed here: a base letter followed by a combining mark
 * that has a precomposed form (e + U+0301, и + U+0306, न + U+093C) becomes
 * that form. Devanagari's nukta letters U+0958..U+095F, which NFC keeps
 * decomposed, are composed too, so either spelling matches the other.
 * Case folding is the simple lower-case mapping of Latin-1, Latin
 * Extended-A, Greek and Cyrillic; Devanagari has no case. */
#ifndef ML_FOLD_H
#define ML_FOLD_H

#include <stddef.h>

/* Composes s[0..n) in place (every change shortens it) and, when lower,
 * lower-cases it; returns the new length. Bytes that are not UTF-8 are
 * kept as they are. */
size_t ml_utf8_compose(char *s, size_t n, int lower);
/* 1 when s[0..n) holds a combining mark ml_utf8_compose may compose. */
int ml_utf8_has_combining(const char *s, size_t n);

/* 1 when x[0..n) and y[0..n) are the same bytes once ASCII letters are
 * lower-cased (other bytes compared as they are): wording's phrase
 * leads, as the index files them (core/prose_schema.c) and as the rule
 * looks them up (rules/wording.c). */
static inline int ml_fold_ascii_same(const char *x, const char *y, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int a = (unsigned char)x[i], b = (unsigned char)y[i];
		a += (a >= 'A' && a <= 'Z') << 5;
		b += (b >= 'A' && b <= 'Z') << 5;
		if (a != b)
			return 0;
	}
	return 1;
}

#endif
