/* util/fold.c - composition and simple case folding (util/fold.h). */
#include "util/fold.h"

#include <stdint.h>
#include <string.h>

/* Decodes the sequence at s (n bytes left) into *cp: its length, or 0
 * when it is not UTF-8 (then the byte is kept as it is). */
static size_t decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF && n >= 2 && (s[1] & 0xC0) == 0x80) {
		*cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	if (s[0] >= 0xE0 && s[0] <= 0xEF && n >= 3 && (s[1] & 0xC0) == 0x80 &&
	    (s[2] & 0xC0) == 0x80) {
		*cp = ((uint32_t)(s[0] & 0x0F) << 12) |
		      ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		return *cp >= 0x800 ? 3 : 0;
	}
	return 0;
}

static size_t encode(uint32_t cp, unsigned char *o)
{
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	o[0] = (unsigned char)(0xE0 | (cp >> 12));
	o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[2] = (unsigned char)(0x80 | (cp & 0x3F));
	return 3;
}

/* Simple lower-case mapping; every result has as many bytes. */
static uint32_t lower(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c < 0xC0)
		return c;
	if (c <= 0xDE)
		return c == 0xD7 ? c : c + 0x20;
	if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177))
		return c | 1;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
		return c & 1 ? c + 1 : c;
	if (c == 0x178)
		return 0xFF;
	if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2)
		return c + 0x20;
	if (c == 0x386)
		return 0x3AC;
	if (c >= 0x388 && c <= 0x38A)
		return c + 0x25;
	if (c == 0x38C)
		return 0x3CC;
	if (c == 0x38E || c == 0x38F)
		return c + 0x3F;
	if (c >= 0x410 && c <= 0x42F)
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40F)
		return c + 0x50;
	if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) ||
	    (c >= 0x4D0 && c <= 0x4FF))
		return c | 1;
	if (c >= 0x4C1 && c <= 0x4CE)
		return c & 1 ? c + 1 : c;
	if (c == 0x4C0)
		return 0x4CF;
	return c;
}

/* base + mark -> precomposed (only pairs whose result is no longer). */
static const struct {
	uint32_t base, mark, out;
} pairs[] = {
	/* Latin-1: grave, acute, circumflex, tilde, diaeresis, cedilla */
	{ 'A', 0x300, 0xC0 },
	{ 'A', 0x301, 0xC1 },
	{ 'A', 0x302, 0xC2 },
	{ 'A', 0x303, 0xC3 },
	{ 'A', 0x308, 0xC4 },
	{ 'C', 0x327, 0xC7 },
	{ 'E', 0x300, 0xC8 },
	{ 'E', 0x301, 0xC9 },
	{ 'E', 0x302, 0xCA },
	{ 'E', 0x308, 0xCB },
	{ 'I', 0x300, 0xCC },
	{ 'I', 0x301, 0xCD },
	{ 'I', 0x302, 0xCE },
	{ 'I', 0x308, 0xCF },
	{ 'N', 0x303, 0xD1 },
	{ 'O', 0x300, 0xD2 },
	{ 'O', 0x301, 0xD3 },
	{ 'O', 0x302, 0xD4 },
	{ 'O', 0x303, 0xD5 },
	{ 'O', 0x308, 0xD6 },
	{ 'U', 0x300, 0xD9 },
	{ 'U', 0x301, 0xDA },
	{ 'U', 0x302, 0xDB },
	{ 'U', 0x308, 0xDC },
	{ 'Y', 0x301, 0xDD },
	{ 'a', 0x300, 0xE0 },
	{ 'a', 0x301, 0xE1 },
	{ 'a', 0x302, 0xE2 },
	{ 'a', 0x303, 0xE3 },
	{ 'a', 0x308, 0xE4 },
	{ 'c', 0x327, 0xE7 },
	{ 'e', 0x300, 0xE8 },
	{ 'e', 0x301, 0xE9 },
	{ 'e', 0x302, 0xEA },
	{ 'e', 0x308, 0xEB },
	{ 'i', 0x300, 0xEC },
	{ 'i', 0x301, 0xED },
	{ 'i', 0x302, 0xEE },
	{ 'i', 0x308, 0xEF },
	{ 'n', 0x303, 0xF1 },
	{ 'o', 0x300, 0xF2 },
	{ 'o', 0x301, 0xF3 },
	{ 'o', 0x302, 0xF4 },
	{ 'o', 0x303, 0xF5 },
	{ 'o', 0x308, 0xF6 },
	{ 'u', 0x300, 0xF9 },
	{ 'u', 0x301, 0xFA },
	{ 'u', 0x302, 0xFB },
	{ 'u', 0x308, 0xFC },
	{ 'y', 0x301, 0xFD },
	{ 'y', 0x308, 0xFF },
	/* Cyrillic: short i, io, yi, short u, grave e and i */
	{ 0x418, 0x306, 0x419 },
	{ 0x438, 0x306, 0x439 },
	{ 0x415, 0x308, 0x401 },
	{ 0x435, 0x308, 0x451 },
	{ 0x406, 0x308, 0x407 },
	{ 0x456, 0x308, 0x457 },
	{ 0x423, 0x306, 0x40E },
	{ 0x443, 0x306, 0x45E },
	{ 0x415, 0x300, 0x400 },
	{ 0x435, 0x300, 0x450 },
	{ 0x418, 0x300, 0x40D },
	{ 0x438, 0x300, 0x45D },
	/* Devanagari nukta letters */
	{ 0x928, 0x93C, 0x929 },
	{ 0x930, 0x93C, 0x931 },
	{ 0x933, 0x93C, 0x934 },
	{ 0x915, 0x93C, 0x958 },
	{ 0x916, 0x93C, 0x959 },
	{ 0x917, 0x93C, 0x95A },
	{ 0x91C, 0x93C, 0x95B },
	{ 0x921, 0x93C, 0x95C },
	{ 0x922, 0x93C, 0x95D },
	{ 0x92B, 0x93C, 0x95E },
	{ 0x92F, 0x93C, 0x95F },
};

static int is_mark(uint32_t c)
{
	return (c >= 0x300 && c <= 0x36F) || c == 0x93C;
}

static uint32_t compose(uint32_t base, uint32_t mark)
{
	size_t i;

	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		if (pairs[i].base == base && pairs[i].mark == mark)
			return pairs[i].out;
	return 0;
}

size_t ml_utf8_compose(char *str, size_t n, int low)
{
	unsigned char *s = (unsigned char *)str;
	size_t r = 0, w = 0, k, k2;
	uint32_t c, m, x;

	while (r < n) {
		if (s[r] < 0x80 && (r + 1 >= n || s[r + 1] < 0x80)) {
			s[w++] = (unsigned char)(low && s[r] >= 'A' &&
								 s[r] <= 'Z'
							 ? s[r] + 32
							 : s[r]);
			r++;
			continue;
		}
		if (!(k = decode(s + r, n - r, &c))) {
			s[w++] = s[r++];
			continue;
		}
		r += k;
		if (r < n && (k2 = decode(s + r, n - r, &m)) && is_mark(m) &&
		    (x = compose(c, m))) {
			c = x;
			r += k2;
		}
		if (low)
			c = lower(c);
		w += encode(c, s + w);
	}
	if (w < n)
		s[w] = '\0';
	return w;
}

int ml_utf8_has_combining(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i;

	for (i = 0; i + 1 < n; i++) {
		if ((s[i] == 0xCC || (s[i] == 0xCD && s[i + 1] <= 0xAF)) &&
		    s[i + 1] >= 0x80)
			return 1;
		if (s[i] == 0xE0 && i + 2 < n && s[i + 1] == 0xA4 &&
		    s[i + 2] == 0xBC)
			return 1;
	}
	return 0;
}
