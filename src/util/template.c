/* util/template.c - heading templates: a schema pattern with {term} and
 * {title} in it, filled in with an article's names, either as a regex
 * (the names escaped) or as text an editor would write. */
#include "util/template.h"

#include <string.h>

#include "util/common.h"

int ml_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

ml_name ml_name_trimmed(const char *s, size_t n)
{
	ml_name r;

	while (n && ml_is_space(*s)) {
		s++;
		n--;
	}
	while (n && ml_is_space(s[n - 1]))
		n--;
	r.s = n ? s : NULL;
	r.len = n;
	return r;
}

/* Escapes ASCII punctuation and spaces: a backslash before any
 * non-alphanumeric ASCII character is a literal in PCRE2. */
static int put_escaped(ml_buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int meta = c < 0x80 && !(c >= '0' && c <= '9') &&
			   !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') &&
			   c != '_';
		if ((meta && ml_buf_putc(b, '\\')) || ml_buf_putc(b, (char)c))
			return ML_ENOMEM;
	}
	return ML_OK;
}

static int put_name(ml_buf *b, ml_name v, const char *placeholder, int mode)
{
	if (!v.s)
		return ml_buf_puts(b, mode == ML_TEMPLATE_REGEX ? ".+?"
								: placeholder);
	return mode == ML_TEMPLATE_REGEX ? put_escaped(b, v.s, v.len)
					 : ml_buf_put(b, v.s, v.len);
}

/* pattern with {term}/{title} replaced; an unknown name matches any
 * text, so a missing title never makes every section "missing". */
int ml_template_expand(const char *pat, ml_name term, ml_name title, int mode,
		       ml_buf *out)
{
	const char *p = pat, *q;
	int rc = ML_OK;

	ml_buf_clear(out);
	while (!rc && (q = strchr(p, '{'))) {
		rc = ml_buf_put(out, p, (size_t)(q - p));
		if (!rc && !strncmp(q, "{term}", 6)) {
			rc = put_name(out, term, "{term}", mode);
			p = q + 6;
		} else if (!rc && !strncmp(q, "{title}", 7)) {
			rc = put_name(out, title, "{title}", mode);
			p = q + 7;
		} else if (!rc) {
			rc = ml_buf_putc(out, '{');
			p = q + 1;
		}
	}
	return rc ? rc : ml_buf_puts(out, p);
}

int ml_template_has_names(const char *pat)
{
	return strstr(pat, "{term}") || strstr(pat, "{title}");
}

static int is_meta(char ch)
{
	switch (ch) {
	case '.':
	case '|':
	case '?':
	case '*':
	case '+':
	case '(':
	case ')':
	case '[':
	case ']':
	case '{':
	case '}': return 1;
	default: return 0;
	}
}

/* 1 when a heading pattern has regex syntax beyond anchors and escaped
 * punctuation. */
int ml_template_has_regex(const char *pat)
{
	const char *p;

	for (p = pat; *p; p++) {
		if (*p == '{' && !strncmp(p, "{term}", 6)) {
			p += 5;
		} else if (*p == '{' && !strncmp(p, "{title}", 7)) {
			p += 6;
		} else if (*p == '\\') {
			char e = (char)(p[1] | 0x20);
			if (!p[1] || (e >= 'a' && e <= 'z') ||
			    (p[1] >= '0' && p[1] <= '9'))
				return 1;
			p++;
		} else if (is_meta(*p) || (*p == '^' && p != pat) ||
			   (*p == '$' && p[1])) {
			return 1;
		}
	}
	return 0;
}

/* The heading a pattern asks for, as an editor would write it: anchors
 * and escapes dropped, names filled in. A pattern with real regex syntax
 * is shown as /pattern/ with the names filled in. */
int ml_template_human(const char *pat, ml_name term, ml_name title, ml_buf *out,
		      ml_buf *scratch)
{
	const char *p;
	int rc = ML_OK;

	if (ml_template_has_regex(pat)) {
		if (ml_template_expand(pat, term, title, ML_TEMPLATE_TEXT,
				       scratch))
			return ML_ENOMEM;
		ml_buf_clear(out);
		return ml_buf_printf(out, "/%s/", ml_buf_cstr(scratch));
	}
	ml_buf_clear(out);
	for (p = pat; *p && !rc; p++) {
		if (*p == '{' && !strncmp(p, "{term}", 6)) {
			rc = put_name(out, term, "{term}", ML_TEMPLATE_TEXT);
			p += 5;
		} else if (*p == '{' && !strncmp(p, "{title}", 7)) {
			rc = put_name(out, title, "{title}", ML_TEMPLATE_TEXT);
			p += 6;
		} else if ((*p == '^' && p == pat) || (*p == '$' && !p[1])) {
			continue;
		} else if (*p == '\\' && p[1]) {
			rc = ml_buf_putc(out, *++p);
		} else {
			size_t run = 1 + strcspn(p + 1, "{\\$");
			rc = ml_buf_put(out, p, run);
			p += run - 1;
		}
	}
	return rc;
}
