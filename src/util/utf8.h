/* util/utf8.h - which UTF-8 sequences are letters, and upper-case ones,
 * for checks that read prose (author names, title case).
 *
 * Both look at the sequence that starts at byte p of s (len bytes) and
 * return 0 past the end. Two-byte sequences are classified by code point
 * (Latin-1, Latin Extended-A, Greek, Cyrillic); longer ones count as
 * letters unless they are in U+2000..U+2BFF (punctuation and symbols). */
#ifndef ML_UTF8_H
#define ML_UTF8_H

#include <stddef.h>

int ml_utf8_is_letter(const char *s, size_t len, size_t p);
int ml_utf8_is_upper(const char *s, size_t len, size_t p);

#endif
