/* parse/mdx.c - blank MDX syntax (ESM, JSX, {expressions}) to spaces of
 * the same length before cmark-gfm reads an .mdx body (parse/mdx.h). */
#include "parse/mdx.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/common.h"

#define WORK_PER_BYTE 64

enum { LINE_RUN = 1, LINE_JSX = 2, LINE_FENCE = 4 };

typedef struct {
	char *s;
	size_t len;
	size_t work; /* scanning steps left */
	int depth;   /* JSX elements open */
	size_t line, line_start;
	int content;	      /* the line has content before the cursor */
	unsigned char *flags; /* per line: LINE_* */
	size_t *run;	      /* per line: where blanked syntax starts it */
	size_t nlines;
} mdx;

int ml_mdx_path(const char *path)
{
	size_t n = path ? strlen(path) : 0;

	return n > 4 && strcasecmp(path + n - 4, ".mdx") == 0;
}

static int spend(mdx *m, size_t n)
{
	if (m->work < n) {
		m->work = 0;
		return 0;
	}
	m->work -= n;
	return 1;
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static void new_line(mdx *m, size_t next)
{
	if (m->line + 1 >= m->nlines)
		return;
	m->line++;
	m->line_start = next;
	m->content = 0;
	if (m->depth > 0)
		m->flags[m->line] |= LINE_JSX;
}

/* Overwrite [a, b) with spaces, newlines kept. A run that opens a line
 * (nothing but blank space before it) is remembered for the line-start
 * rewrite. */
static void blank(mdx *m, size_t a, size_t b)
{
	size_t k;

	if (!(m->flags[m->line] & LINE_RUN)) {
		m->flags[m->line] |= LINE_RUN;
		m->run[m->line] = a;
	}
	for (k = a; k < b; k++) {
		if (m->s[k] == '\n') {
			new_line(m, k + 1);
			m->flags[m->line] |= LINE_RUN;
			m->run[m->line] = k + 1;
		} else if (m->s[k] != '\r') {
			m->s[k] = ' ';
		}
	}
}

/* Past blank space and line ends from p; 0 when a blank line is crossed
 * (a tag never spans one) or the text ends. */
static size_t skip_space(mdx *m, size_t p)
{
	int nl = 0;

	for (; p < m->len && spend(m, 1); p++) {
		if (m->s[p] == '\n') {
			if (++nl > 1)
				return 0;
		} else if (!is_ws(m->s[p])) {
			return p;
		}
	}
	return 0;
}

/* A quoted string at p (a JS or attribute value); past its end, or 0.
 * lines: 0 one line, 1 no blank line, 2 any (a template literal). */
static size_t skip_string(mdx *m, size_t p, int lines)
{
	char q = m->s[p];
	int nl = 0;

	for (p++; p < m->len && spend(m, 1); p++) {
		if (m->s[p] == '\\' && q != '`')
			p++;
		else if (m->s[p] == q)
			return p + 1;
		else if (m->s[p] == '\n' &&
			 (!lines || (lines == 1 && ++nl > 1)))
			return 0;
		else if (m->s[p] != '\n' && !is_ws(m->s[p]))
			nl = 0;
	}
	return 0;
}

/* A JS comment at p ("//" or an opening slash-star); past its end, or 0. */
static size_t skip_comment(mdx *m, size_t p)
{
	if (m->s[p + 1] == '/') {
		while (p < m->len && m->s[p] != '\n' && spend(m, 1))
			p++;
		return p;
	}
	for (p += 2; p + 1 < m->len && spend(m, 1); p++)
		if (m->s[p] == '*' && m->s[p + 1] == '/')
			return p + 2;
	return 0;
}

/* An {expression} at p: braces counted outside strings and comments;
 * past its closing brace, or 0 when it does not close. */
static size_t expression(mdx *m, size_t p)
{
	int level = 0;

	while (p < m->len && spend(m, 1)) {
		char c = m->s[p];
		if (c == '"' || c == '\'' || c == '`') {
			if (!(p = skip_string(m, p, c == '`' ? 2 : 0)))
				return 0;
			continue;
		}
		if (c == '/' && p + 1 < m->len &&
		    (m->s[p + 1] == '*' || m->s[p + 1] == '/')) {
			if (!(p = skip_comment(m, p)))
				return 0;
			continue;
		}
		if (c == '{')
			level++;
		else if (c == '}' && --level == 0)
			return p + 1;
		p++;
	}
	return 0;
}

static int name_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       c == '$';
}

static size_t name_end(const mdx *m, size_t p)
{
	while (p < m->len &&
	       (name_start(m->s[p]) || (m->s[p] >= '0' && m->s[p] <= '9') ||
		m->s[p] == '.' || m->s[p] == ':' || m->s[p] == '-'))
		p++;
	return p;
}

/* One attribute at q (a name, perhaps = and a value, or a {spread});
 * past it, or 0. */
static size_t attribute(mdx *m, size_t q)
{
	size_t r;

	if (m->s[q] == '{')
		return expression(m, q);
	if (!name_start(m->s[q]))
		return 0;
	q = name_end(m, q);
	if (!(r = skip_space(m, q)) || m->s[r] != '=')
		return q;
	if (!(r = skip_space(m, r + 1)))
		return 0;
	if (m->s[r] == '"' || m->s[r] == '\'')
		return skip_string(m, r, 1);
	return m->s[r] == '{' ? expression(m, r) : 0;
}

/* The attributes and end of an opening tag whose name ends at p. */
static size_t open_tag(mdx *m, size_t p)
{
	size_t q;

	while (p < m->len && spend(m, 1)) {
		if (!(q = skip_space(m, p)))
			return 0;
		if (m->s[q] == '>') {
			m->depth++;
			return q + 1;
		}
		if (m->s[q] == '/' && q + 1 < m->len && m->s[q + 1] == '>')
			return q + 2;
		if (q == p && m->s[q] != '{')
			return 0; /* <a@b.c>, <https://...>: not JSX */
		if (!(p = attribute(m, q)))
			return 0;
	}
	return 0;
}

/* A JSX tag at p ('<'): past its end, or 0 when it is not one. */
static size_t tag(mdx *m, size_t p)
{
	size_t q = p + 1;

	if (q < m->len && m->s[q] == '>') { /* <> */
		m->depth++;
		return q + 1;
	}
	if (q < m->len && m->s[q] == '/') {
		if (q + 1 < m->len && m->s[q + 1] == '>') { /* </> */
			m->depth -= m->depth > 0;
			return q + 2;
		}
		if (q + 1 >= m->len || !name_start(m->s[q + 1]))
			return 0;
		q = skip_space(m, name_end(m, q + 1));
		if (!q || m->s[q] != '>')
			return 0;
		m->depth -= m->depth > 0;
		return q + 1;
	}
	if (q >= m->len || !name_start(m->s[q]))
		return 0;
	return open_tag(m, name_end(m, q));
}

/* {#id}: a heading id attribute (Docusaurus, kramdown), not JS. */
static int heading_id(const mdx *m, size_t p)
{
	size_t q = p + 2;

	if (p + 1 >= m->len || m->s[p + 1] != '#')
		return 0;
	while (q < m->len && (name_start(m->s[q]) || m->s[q] == '-' ||
			      (m->s[q] >= '0' && m->s[q] <= '9')))
		q++;
	return q > p + 2 && q < m->len && m->s[q] == '}';
}

/* An MDX comment holding a medlint directive, written with a blank after
 * its opening (as MDX users write them), becomes an HTML comment of the
 * same length (inline control reads those); 1 when it did. The opening
 * brace, slash, star and that blank make "<!--", the closing star, slash
 * and brace "-->"; a text holding "--" is not made a comment. */
static int directive(mdx *m, size_t a, size_t b)
{
	char *s = m->s + a;
	size_t n = b - a, k;

	if (n < 14 || memcmp(s, "{/*", 3) != 0 || !is_ws(s[3]) ||
	    memcmp(s + n - 3, "*/}", 3) != 0 || memchr(s, '\n', n))
		return 0;
	for (k = 3; k < n - 3 && is_ws(s[k]); k++)
		;
	if (strncmp(s + k, "medlint-", 8) != 0)
		return 0;
	for (k = 4; k + 1 < n - 3; k++)
		if (s[k] == '-' && s[k + 1] == '-')
			return 0;
	memcpy(s, "<!--", 4);
	memcpy(s + n - 3, "-->", 3);
	m->content = 1;
	return 1;
}

/* A code span opened by the backticks at p: past its closing run, or
 * past the opening run when it does not close before a blank line. */
static size_t code_span(mdx *m, size_t p)
{
	size_t n = 0, q, k;
	int nl = 0;

	while (p + n < m->len && m->s[p + n] == '`')
		n++;
	for (q = p + n; q < m->len && spend(m, 1); q++) {
		if (m->s[q] == '\n' && ++nl > 1)
			break;
		if (m->s[q] != '\n' && !is_ws(m->s[q]))
			nl = 0;
		if (m->s[q] != '`')
			continue;
		for (k = 0; q + k < m->len && m->s[q + k] == '`'; k++)
			;
		if (k == n) {
			for (; p < q + k; p++)
				if (m->s[p] == '\n')
					new_line(m, p + 1);
			return q + k;
		}
		q += k - 1;
	}
	return p + n;
}

/* A fence line at p (up to 3 blanks, then 3 or more ` or ~): its
 * character and length, else 0. */
static size_t fence_at(const mdx *m, size_t p, char *ch)
{
	size_t i = 0, n = 0;

	while (i < 3 && p + i < m->len && m->s[p + i] == ' ')
		i++;
	if (p + i >= m->len || (m->s[p + i] != '`' && m->s[p + i] != '~'))
		return 0;
	*ch = m->s[p + i];
	while (p + i + n < m->len && m->s[p + i + n] == *ch)
		n++;
	return n >= 3 ? n : 0;
}

static size_t line_end(const mdx *m, size_t p)
{
	const char *nl = memchr(m->s + p, '\n', m->len - p);

	return nl ? (size_t)(nl - m->s) : m->len;
}

static int blank_line(const mdx *m, size_t p, size_t e)
{
	for (; p < e; p++)
		if (!is_ws(m->s[p]))
			return 0;
	return 1;
}

/* Past the fenced code block opening at p (its closing line included). */
static size_t skip_fence(mdx *m, size_t p, char ch, size_t n)
{
	size_t e = line_end(m, p), k;
	char c2;

	m->flags[m->line] |= LINE_FENCE;
	while (e < m->len) {
		p = e + 1;
		new_line(m, p);
		m->flags[m->line] |= LINE_FENCE;
		e = line_end(m, p);
		k = fence_at(m, p, &c2);
		if (k >= n && c2 == ch)
			break;
	}
	return e;
}

/* import/export at the start of a line after a blank one: ESM, up to
 * the next blank line. */
static int esm_at(const mdx *m, size_t p, int after_blank)
{
	const char *s = m->s + p;
	size_t left = m->len - p;

	if (!after_blank || left < 7 ||
	    (memcmp(s, "import", 6) != 0 && memcmp(s, "export", 6) != 0))
		return 0;
	return s[6] == ' ' || s[6] == '\t' || s[6] == '{' || s[6] == '*';
}

static size_t skip_esm(mdx *m, size_t p)
{
	size_t e = line_end(m, p), start = p;

	while (e < m->len && !blank_line(m, e + 1, line_end(m, e + 1)))
		e = line_end(m, e + 1);
	blank(m, start, e);
	return e;
}

/* At the start of a line: fences and ESM; past what was handled, else
 * p itself. */
static size_t line_head(mdx *m, size_t p, int after_blank)
{
	char ch;
	size_t n = fence_at(m, p, &ch);

	if (n)
		return skip_fence(m, p, ch, n);
	if (esm_at(m, p, after_blank))
		return skip_esm(m, p);
	return p;
}

static size_t step(mdx *m, size_t p)
{
	char c = m->s[p];
	size_t e;

	if (c == '\\') {
		m->content = 1;
		return p + 1 < m->len && m->s[p + 1] != '\n' ? p + 2 : p + 1;
	}
	if (c == '`') {
		m->content = 1;
		return code_span(m, p);
	}
	if (c == '<' && (e = tag(m, p))) {
		blank(m, p, e);
		return e;
	}
	if (c == '{' && !heading_id(m, p) && (e = expression(m, p))) {
		if (!directive(m, p, e))
			blank(m, p, e);
		return e;
	}
	if (!is_ws(c))
		m->content = 1;
	return p + 1;
}

static void scan(mdx *m)
{
	size_t p = 0, e;
	int after_blank = 1;

	while (p < m->len && m->work) {
		if (p == m->line_start) {
			if ((e = line_head(m, p, after_blank)) != p) {
				p = e;
				continue;
			}
			after_blank = blank_line(m, p, line_end(m, p));
		}
		if (m->s[p] == '\n') {
			new_line(m, ++p);
			continue;
		}
		p = step(m, p);
	}
}

/* Past the container markers opening line [p, e): block quote '>' and
 * list markers ("-", "*", "+", "1.", "1)") followed by blank space; p
 * itself when there is none. */
static size_t containers(const mdx *m, size_t p, size_t e)
{
	for (;;) {
		size_t q = p, d = 0, k = 0;
		while (q < e && q < p + 3 && m->s[q] == ' ')
			q++;
		while (q + d < e && d < 9 && m->s[q + d] >= '0' &&
		       m->s[q + d] <= '9')
			d++;
		if ((q < e && m->s[q] == '>') ||
		    (q + 1 < e && m->s[q] && strchr("-*+", m->s[q]) &&
		     is_ws(m->s[q + 1])))
			k = 1; /* a quote marker or a bullet */
		else if (d && q + d < e &&
			 (m->s[q + d] == '.' || m->s[q + d] == ')'))
			k = d + 1; /* an ordered list marker */
		if (!k)
			return p;
		p = q + k;
	}
}

/* Columns of blank space from p, and where the content after it starts
 * (e when none). */
static size_t indent(const mdx *m, size_t p, size_t e, size_t *content)
{
	size_t col = 0;

	for (; p < e && is_ws(m->s[p]); p++)
		col = m->s[p] == '\t' ? col + 4 - col % 4 : col + 1;
	*content = p;
	return col;
}

/* The structure MDX gives, kept (parse/mdx.h): content after blanked
 * syntax is not indented code (4 columns at a line's start, 5 after a
 * container marker, where one of them is the marker's own blank), nor is
 * a paragraph indented inside a JSX element. */
static void fix_lines(mdx *m)
{
	size_t l, p = 0, e, c, col, q;
	int prev_blank = 1;

	for (l = 0; l < m->nlines && p <= m->len; l++, p = e + 1) {
		unsigned f = m->flags[l];
		size_t a = m->run[l];
		e = line_end(m, p);
		q = containers(m, p, e);
		col = indent(m, q, e, &c);
		if (c < e && !(f & LINE_FENCE) && (f & LINE_RUN) && a >= q &&
		    a < c && col >= (q > p ? 5u : 4u) && c >= a + 3) {
			m->s[a] = '<';
			m->s[a + 1] = 'x';
			m->s[c - 1] = '>';
		} else if (c < e && col >= 4 &&
			   !(f & (LINE_FENCE | LINE_RUN)) && (f & LINE_JSX) &&
			   prev_blank && q == p &&
			   !memcmp(m->s + p, "   ", 3)) {
			memcpy(m->s + p, "<x>", 3);
		}
		(void)indent(m, p, e, &c);
		prev_blank = c >= e;
		if (e >= m->len)
			break;
	}
}

int ml_mdx_blank(char *s, size_t len)
{
	mdx m;
	size_t i;

	memset(&m, 0, sizeof(m));
	m.s = s;
	m.len = len;
	m.work = len * WORK_PER_BYTE + 1024;
	m.nlines = 1;
	for (i = 0; i < len; i++)
		m.nlines += s[i] == '\n';
	m.flags = calloc(m.nlines, 1);
	m.run = calloc(m.nlines, sizeof(*m.run));
	if (!m.flags || !m.run) {
		free(m.flags);
		free(m.run);
		return ML_ENOMEM;
	}
	scan(&m);
	fix_lines(&m);
	free(m.flags);
	free(m.run);
	return ML_OK;
}
