/* schema/format.c - "format" assertions (date, date-time, time, uri,
 * email, ipv4, ipv6, uuid) and RFC 3986 reference resolution for $id and
 * $ref. Everything is ASCII-only by design: RFC 3339 dates and RFC 3986
 * URIs admit no other digits or letters. */
#include <stdlib.h>
#include <string.h>

#include "schema/internal.h"
#include "util/common.h"

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_hex(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* n ASCII digits at s as a number, or -1. */
static int digits(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!is_digit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

/* RFC 3339 full-date: YYYY-MM-DD on the real calendar. */
static int check_date(const char *s, size_t len)
{
	int y, m, d;

	if (len != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 0 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= days_in_month(y, m);
}

/* RFC 3339 full-time: HH:MM:SS[.frac](Z|+HH:MM|-HH:MM). A leap second is
 * valid only at 23:59 UTC. */
static int check_time(const char *s, size_t len)
{
	int h, mi, sec, oh = 0, om = 0, sign = 0, utc;
	size_t i = 8;

	if (len < 9 || s[2] != ':' || s[5] != ':')
		return 0;
	h = digits(s, 2);
	mi = digits(s + 3, 2);
	sec = digits(s + 6, 2);
	if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60)
		return 0;
	if (s[i] == '.') {
		for (i++; i < len && is_digit((unsigned char)s[i]); i++)
			;
		if (i == 9)
			return 0;
	}
	if (i < len && (s[i] == 'Z' || s[i] == 'z')) {
		i++;
	} else if (i < len && (s[i] == '+' || s[i] == '-')) {
		sign = s[i] == '+' ? 1 : -1;
		if (len - i != 6 || s[i + 3] != ':')
			return 0;
		oh = digits(s + i + 1, 2);
		om = digits(s + i + 4, 2);
		if (oh < 0 || oh > 23 || om < 0 || om > 59)
			return 0;
		i += 6;
	} else {
		return 0;
	}
	if (i != len)
		return 0;
	if (sec == 60) {
		utc = ((h * 60 + mi - sign * (oh * 60 + om)) % 1440 + 1440) %
		      1440;
		return utc == 23 * 60 + 59;
	}
	return 1;
}

static int check_date_time(const char *s, size_t len)
{
	if (len < 20 || (s[10] != 'T' && s[10] != 't'))
		return 0;
	return check_date(s, 10) && check_time(s + 11, len - 11);
}

/* dotted decimal, no leading zeros */
static int check_ipv4(const char *s, size_t len)
{
	size_t i = 0, start;
	int part, v;

	for (part = 0; part < 4; part++) {
		if (part && (i >= len || s[i++] != '.'))
			return 0;
		start = i;
		for (v = 0;
		     i < len && is_digit((unsigned char)s[i]) && i - start < 3;
		     i++)
			v = v * 10 + (s[i] - '0');
		if (i == start || v > 255 || (s[start] == '0' && i - start > 1))
			return 0;
	}
	return i == len;
}

static int check_ipv6(const char *s, size_t len)
{
	size_t i = 0, groups = 0, j;
	int gap = 0;

	if (len >= 2 && s[0] == ':' && s[1] == ':') {
		gap = 1;
		i = 2;
	} else if (len && s[0] == ':') {
		return 0;
	}
	while (i < len) {
		for (j = i; j < len && is_hex((unsigned char)s[j]) && j - i < 5;
		     j++)
			;
		if (j < len && s[j] == '.') /* trailing IPv4 */
			return groups <= (gap ? 5u : 6u) &&
			       check_ipv4(s + i, len - i) &&
			       (gap || groups == 6);
		if (j == i || j - i > 4)
			return 0;
		groups++;
		i = j;
		if (i == len)
			break;
		if (s[i] != ':')
			return 0;
		i++;
		if (i < len && s[i] == ':') {
			if (gap)
				return 0;
			gap = 1;
			i++;
		} else if (i == len) {
			return 0;
		}
	}
	return gap ? groups <= 7 : groups == 8;
}

static int check_uuid(const char *s, size_t len)
{
	size_t i;

	if (len != 36)
		return 0;
	for (i = 0; i < len; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (!is_hex((unsigned char)s[i])) {
			return 0;
		}
	}
	return 1;
}

/* ---- RFC 3986 syntax ---- */

static int is_unreserved(int c)
{
	return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' ||
	       c == '~';
}

static int is_subdelim(int c)
{
	return c && strchr("!$&'()*+,;=", c) != NULL;
}

/* Characters of s[0..len) are all unreserved, sub-delims, pct-encoded or
 * in extra. */
static int uri_chars(const char *s, size_t len, const char *extra)
{
	size_t i;

	for (i = 0; i < len; i++) {
		int c = (unsigned char)s[i];
		if (c == '%') {
			if (i + 2 >= len + 0 ||
			    !is_hex((unsigned char)s[i + 1]) ||
			    !is_hex((unsigned char)s[i + 2]))
				return 0;
			i += 2;
		} else if (!is_unreserved(c) && !is_subdelim(c) &&
			   !(c && strchr(extra, c))) {
			return 0;
		}
	}
	return 1;
}

static int check_host(const char *s, size_t len)
{
	if (len && s[0] == '[') {
		if (s[len - 1] != ']')
			return 0;
		if (len > 2 && (s[1] == 'v' || s[1] == 'V'))
			return uri_chars(s + 2, len - 3, ":");
		return check_ipv6(s + 1, len - 2);
	}
	return uri_chars(s, len, "");
}

static int check_authority(const char *s, size_t len)
{
	const char *at = memchr(s, '@', len);
	size_t i, hostlen;

	if (at) {
		if (!uri_chars(s, (size_t)(at - s), ":"))
			return 0;
		len -= (size_t)(at - s) + 1;
		s = at + 1;
	}
	/* the port follows the last ':' outside an IP literal */
	hostlen = len;
	for (i = len; i > 0; i--) {
		if (s[i - 1] == ']')
			break;
		if (s[i - 1] == ':') {
			hostlen = i - 1;
			break;
		}
	}
	for (i = hostlen + 1; i < len; i++)
		if (!is_digit((unsigned char)s[i]))
			return 0;
	return check_host(s, hostlen);
}

/* An absolute URI: scheme ":" hier-part [ "?" query ] [ "#" fragment ]. */
static int check_uri(const char *s, size_t len)
{
	size_t i, end;
	const char *q;

	if (!len || !is_alpha((unsigned char)s[0]))
		return 0;
	for (i = 1; i < len && (is_alpha((unsigned char)s[i]) ||
				is_digit((unsigned char)s[i]) || s[i] == '+' ||
				s[i] == '-' || s[i] == '.');
	     i++)
		;
	if (i == len || s[i] != ':')
		return 0;
	i++;
	q = memchr(s + i, '#', len - i);
	if (q) {
		if (!uri_chars(q + 1, len - (size_t)(q + 1 - s), ":@/?"))
			return 0;
		len = (size_t)(q - s);
	}
	q = memchr(s + i, '?', len - i);
	if (q) {
		if (!uri_chars(q + 1, len - (size_t)(q + 1 - s), ":@/?"))
			return 0;
		len = (size_t)(q - s);
	}
	if (len - i >= 2 && s[i] == '/' && s[i + 1] == '/') {
		i += 2;
		for (end = i; end < len && s[end] != '/'; end++)
			;
		if (!check_authority(s + i, end - i))
			return 0;
		i = end;
	}
	return uri_chars(s + i, len - i, ":@/");
}

static int check_hostname(const char *s, size_t len)
{
	size_t i, label = 0;

	if (len == 0 || len > 253)
		return 0;
	for (i = 0; i < len; i++) {
		int c = (unsigned char)s[i];
		if (c == '.') {
			if (label == 0 || s[i - 1] == '-')
				return 0;
			label = 0;
		} else if (is_alpha(c) || is_digit(c) ||
			   (c == '-' && label > 0)) {
			if (++label > 63)
				return 0;
		} else {
			return 0;
		}
	}
	return label > 0 && s[len - 1] != '-';
}

/* RFC 5321 Mailbox: dot-atom or quoted local part, domain or address
 * literal. */
static int check_email(const char *s, size_t len)
{
	const char *at, *d;
	size_t i, local;

	if (len && s[0] == '"') {
		for (i = 1; i < len && s[i] != '"'; i++) {
			if (s[i] == '\\')
				i++;
			else if ((unsigned char)s[i] < 32 || s[i] == 127)
				return 0;
		}
		if (i + 1 >= len || s[i + 1] != '@')
			return 0;
		at = s + i + 1;
	} else {
		at = memchr(s, '@', len);
		if (!at || at == s)
			return 0;
		local = (size_t)(at - s);
		if (s[0] == '.' || s[local - 1] == '.')
			return 0;
		for (i = 0; i < local; i++) {
			int c = (unsigned char)s[i];
			if (c == '.' ? s[i + 1] == '.'
				     : !(is_alpha(c) || is_digit(c) ||
					 strchr("!#$%&'*+-/=?^_`{|}~", c)))
				return 0;
		}
	}
	d = at + 1;
	len -= (size_t)(d - s);
	if (len >= 2 && d[0] == '[' && d[len - 1] == ']') {
		if (len > 7 && memcmp(d + 1, "IPv6:", 5) == 0)
			return check_ipv6(d + 6, len - 7);
		return check_ipv4(d + 1, len - 2);
	}
	return check_hostname(d, len);
}

int sch_format_check(sch_format f, const char *s, size_t len)
{
	switch (f) {
	case SCH_FMT_DATE: return check_date(s, len);
	case SCH_FMT_DATE_TIME: return check_date_time(s, len);
	case SCH_FMT_TIME: return check_time(s, len);
	case SCH_FMT_URI: return check_uri(s, len);
	case SCH_FMT_EMAIL: return check_email(s, len);
	case SCH_FMT_IPV4: return check_ipv4(s, len);
	case SCH_FMT_IPV6: return check_ipv6(s, len);
	case SCH_FMT_UUID: return check_uuid(s, len);
	case SCH_FMT_NONE: break;
	}
	return 1;
}

sch_format sch_format_lookup(const char *name)
{
	static const struct {
		const char *name;
		sch_format f;
	} names[] = {
		{ "date", SCH_FMT_DATE },   { "date-time", SCH_FMT_DATE_TIME },
		{ "time", SCH_FMT_TIME },   { "uri", SCH_FMT_URI },
		{ "email", SCH_FMT_EMAIL }, { "ipv4", SCH_FMT_IPV4 },
		{ "ipv6", SCH_FMT_IPV6 },   { "uuid", SCH_FMT_UUID }
	};
	size_t i;

	for (i = 0; i < ML_ARRAY_LEN(names); i++)
		if (strcmp(name, names[i].name) == 0)
			return names[i].f;
	return SCH_FMT_NONE;
}

/* ---- RFC 3986 section 5: reference resolution ---- */

typedef struct {
	const char *p;
	size_t n;
	int has;
} part;

typedef struct {
	part scheme, auth, path, query, frag;
} uri_parts;

static void uri_split(const char *s, size_t len, uri_parts *u)
{
	size_t i = 0, j;

	memset(u, 0, sizeof(*u));
	for (j = 0; j < len && s[j] != ':' && s[j] != '/' && s[j] != '?' &&
		    s[j] != '#';
	     j++)
		;
	if (j > 0 && j < len && s[j] == ':' && is_alpha((unsigned char)s[0])) {
		u->scheme = (part){ s, j, 1 };
		i = j + 1;
	}
	if (len - i >= 2 && s[i] == '/' && s[i + 1] == '/') {
		for (j = i + 2;
		     j < len && s[j] != '/' && s[j] != '?' && s[j] != '#'; j++)
			;
		u->auth = (part){ s + i + 2, j - i - 2, 1 };
		i = j;
	}
	for (j = i; j < len && s[j] != '?' && s[j] != '#'; j++)
		;
	u->path = (part){ s + i, j - i, 1 };
	i = j;
	if (i < len && s[i] == '?') {
		for (j = i + 1; j < len && s[j] != '#'; j++)
			;
		u->query = (part){ s + i + 1, j - i - 1, 1 };
		i = j;
	}
	if (i < len && s[i] == '#')
		u->frag = (part){ s + i + 1, len - i - 1, 1 };
}

/* remove_dot_segments of RFC 3986 5.2.4, appending to out. */
static int remove_dots(const char *in, size_t n, ml_buf *out)
{
	size_t start = out->len, i = 0, j;

	while (i < n) {
		if (n - i >= 3 && !memcmp(in + i, "../", 3)) {
			i += 3;
		} else if ((n - i >= 2 && !memcmp(in + i, "./", 2)) ||
			   (n - i >= 3 && !memcmp(in + i, "/./", 3))) {
			i += 2;
		} else if (n - i == 2 && !memcmp(in + i, "/.", 2)) {
			i += 1;
			if (ml_buf_putc(out, '/'))
				return ML_ENOMEM;
			break;
		} else if ((n - i >= 4 && !memcmp(in + i, "/../", 4)) ||
			   (n - i == 3 && !memcmp(in + i, "/..", 3))) {
			int last = n - i == 3;
			i += 3;
			while (out->len > start &&
			       out->ptr[out->len - 1] != '/')
				out->len--;
			if (out->len > start)
				out->len--;
			if (out->ptr)
				out->ptr[out->len] = '\0';
			if (last) {
				if (ml_buf_putc(out, '/'))
					return ML_ENOMEM;
				break;
			}
		} else if ((n - i == 1 && in[i] == '.') ||
			   (n - i == 2 && !memcmp(in + i, "..", 2))) {
			break;
		} else {
			for (j = i + 1; j < n && in[j] != '/'; j++)
				;
			if (ml_buf_put(out, in + i, j - i))
				return ML_ENOMEM;
			i = j;
		}
	}
	return ML_OK;
}

static int put_part(ml_buf *out, const char *pre, part p)
{
	if (!p.has)
		return ML_OK;
	if (ml_buf_puts(out, pre) || ml_buf_put(out, p.p, p.n))
		return ML_ENOMEM;
	return ML_OK;
}

static int merge_path(const uri_parts *b, part rpath, ml_buf *out)
{
	ml_buf m = ML_BUF_INIT(ML_LIMIT_SHORT);
	size_t keep = 0, i;
	int rc;

	if (b->auth.has && b->path.n == 0) {
		rc = ml_buf_putc(&m, '/');
	} else {
		for (i = 0; i < b->path.n; i++)
			if (b->path.p[i] == '/')
				keep = i + 1;
		rc = ml_buf_put(&m, b->path.p, keep);
	}
	if (!rc)
		rc = ml_buf_put(&m, rpath.p, rpath.n);
	if (!rc)
		rc = remove_dots(m.ptr ? m.ptr : "", m.len, out);
	ml_buf_dispose(&m);
	return rc;
}

int sch_uri_resolve(const char *base, const char *ref, size_t reflen,
		    ml_buf *out)
{
	uri_parts b, r;
	int rc = ML_OK;

	uri_split(base, strlen(base), &b);
	uri_split(ref, reflen, &r);
	ml_buf_clear(out);
	if (r.scheme.has) {
		rc = put_part(out, "", r.scheme) || ml_buf_putc(out, ':') ||
		     put_part(out, "//", r.auth) ||
		     remove_dots(r.path.p, r.path.n, out) ||
		     put_part(out, "?", r.query);
	} else {
		rc = put_part(out, "", b.scheme) || ml_buf_putc(out, ':');
		if (!rc && r.auth.has) {
			rc = put_part(out, "//", r.auth) ||
			     remove_dots(r.path.p, r.path.n, out) ||
			     put_part(out, "?", r.query);
		} else if (!rc) {
			rc = put_part(out, "//", b.auth);
			if (!rc && r.path.n == 0)
				rc = ml_buf_put(out, b.path.p, b.path.n) ||
				     put_part(out, "?",
					      r.query.has ? r.query : b.query);
			else if (!rc && r.path.p[0] == '/')
				rc = remove_dots(r.path.p, r.path.n, out) ||
				     put_part(out, "?", r.query);
			else if (!rc)
				rc = merge_path(&b, r.path, out) ||
				     put_part(out, "?", r.query);
		}
	}
	if (!rc)
		rc = put_part(out, "#", r.frag);
	if (!rc && !out->ptr)
		rc = ml_buf_puts(out, "");
	return rc ? ML_ENOMEM : ML_OK;
}
