/* util/utf8.c - letters and upper case in UTF-8 prose. */
#include "util/utf8.h"

/* The code point at p when it is a two-byte sequence, else 0. */
static unsigned cp2(const char *s, size_t len, size_t p)
{
	const unsigned char *u = (const unsigned char *)s + p;

	if (p + 1 < len && u[0] >= 0xC2 && u[0] <= 0xDF &&
	    (u[1] & 0xC0) == 0x80)
		return ((unsigned)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
	return 0;
}

/* Upper case in Latin-1, Latin Extended-A, Greek and Cyrillic. */
static int cp_upper(unsigned cp)
{
	if (cp >= 0xC0 && cp <= 0xDE)
		return cp != 0xD7;
	if (cp >= 0x100 && cp <= 0x137)
		return cp % 2 == 0;
	if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
		return cp % 2 == 1;
	if (cp >= 0x14A && cp <= 0x177)
		return cp % 2 == 0;
	if (cp == 0x178)
		return 1;
	return (cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x400 && cp <= 0x42F);
}

int ml_utf8_is_upper(const char *s, size_t len, size_t p)
{
	unsigned cp;

	if (p >= len)
		return 0;
	if (s[p] >= 'A' && s[p] <= 'Z')
		return 1;
	cp = cp2(s, len, p);
	return cp && cp_upper(cp);
}

int ml_utf8_is_letter(const char *s, size_t len, size_t p)
{
	unsigned char ch;
	unsigned cp;

	if (p >= len)
		return 0;
	ch = (unsigned char)s[p];
	if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))
		return 1;
	cp = cp2(s, len, p);
	if (cp)
		return cp >= 0xC0 && cp != 0xD7 && cp != 0xF7;
	/* other scripts; U+2000..U+2BFF (lead byte 0xE2) is punctuation and
	 * symbols */
	return ch >= 0xE0 && ch != 0xE2;
}
