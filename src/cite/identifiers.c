/* cite/identifiers.c - DOI, ISBN, PMID and PMCID validation. */
#include "cite/internal.h"

#include <string.h>

#include "util/common.h"

/* DOIs are rarely longer than 200 characters; Crossref allows far more,
 * but a reference with a 2 KB DOI is a paste error either way. */
#define DOI_MAX 2048

/* Percent-decode (DOIs in URLs may be escaped); 0 when malformed. */
size_t cite_pct_decode(const char *s, size_t len, char *dst)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '%') {
			int hi, lo;
			if (i + 2 >= len)
				return 0;
			hi = ml_hexval((unsigned char)s[i + 1]);
			lo = ml_hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return 0;
			dst[n++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			dst[n++] = s[i];
		}
	}
	return n;
}

int cite_doi_valid(const char *doi, size_t len, pcre2_match_data *md)
{
	char buf[DOI_MAX];
	size_t n;

	if (len == 0 || len >= DOI_MAX)
		return 0;
	n = cite_pct_decode(doi, len, buf);
	return n > 0 && cite_re_match(CITE_RE_DOI, buf, n, md) == 1;
}

int ml_doi_valid(const char *doi, size_t len)
{
	pcre2_match_data *md = cite_re_md();
	int ok = md && cite_doi_valid(doi, len, md);

	pcre2_match_data_free(md);
	return ok;
}

/* The ISBN's digits (X kept) without separators; 0 when it has other
 * characters, a separator at an end or two in a row. */
static size_t isbn_digits(const char *s, size_t len, char *d, size_t cap)
{
	size_t i, n = 0;
	int sep = 1;

	for (i = 0; i < len; i++) {
		char ch = s[i];
		if (ch == '-' || ch == ' ') {
			if (sep)
				return 0;
			sep = 1;
			continue;
		}
		if (!((ch >= '0' && ch <= '9') || ch == 'X' || ch == 'x'))
			return 0;
		if (n == cap)
			return 0;
		d[n++] = (char)(ch == 'x' ? 'X' : ch);
		sep = 0;
	}
	return sep ? 0 : n;
}

static char isbn10_check(const char *d)
{
	int i, sum = 0, r;

	for (i = 0; i < 9; i++) {
		if (d[i] == 'X')
			return 0;
		sum += (10 - i) * (d[i] - '0');
	}
	r = (11 - sum % 11) % 11;
	return (char)(r == 10 ? 'X' : '0' + r);
}

static char isbn13_check(const char *d)
{
	int i, sum = 0;

	for (i = 0; i < 12; i++) {
		if (d[i] == 'X')
			return 0;
		sum += (i % 2 ? 3 : 1) * (d[i] - '0');
	}
	return (char)('0' + (10 - sum % 10) % 10);
}

char ml_isbn_check_digit(const char *s, size_t len)
{
	char d[13];
	size_t n = isbn_digits(s, len, d, sizeof(d));

	if (n == 10)
		return isbn10_check(d);
	if (n == 13 && (d[12] != 'X') &&
	    (memcmp(d, "978", 3) == 0 || memcmp(d, "979", 3) == 0))
		return isbn13_check(d);
	return 0;
}

int ml_isbn_valid(const char *s, size_t len)
{
	char d[13];
	size_t n = isbn_digits(s, len, d, sizeof(d));
	char want = ml_isbn_check_digit(s, len);

	return want && (n == 10 || n == 13) && d[n - 1] == want;
}

static int digits_ok(const char *s, size_t len, size_t max)
{
	size_t i;

	if (len == 0 || len > max || s[0] == '0')
		return 0;
	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int ml_pmid_valid(const char *s, size_t len)
{
	return digits_ok(s, len, 8);
}

int ml_pmcid_valid(const char *s, size_t len)
{
	return len > 3 && memcmp(s, "PMC", 3) == 0 &&
	       digits_ok(s + 3, len - 3, 8);
}
