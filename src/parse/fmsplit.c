/* parse/fmsplit.c - where an article's front matter is, in which format,
 * and which reader parses it: YAML between --- lines, TOML between +++
 * lines, or a JSON object opening the file (Hugo's three). */
#include "parse/frontmatter.h"

#include <string.h>

#include "util/common.h"

/* Length of the line starting at p (without its line end) and, in *next,
 * the offset just past its line end. */
static size_t line_at(const char *text, size_t len, size_t p, size_t *next)
{
	size_t e = p;

	while (e < len && text[e] != '\n')
		e++;
	*next = e < len ? e + 1 : e;
	if (e > p && text[e - 1] == '\r')
		e--;
	return e - p;
}

static int is_fence(const char *s, size_t n, const char *fence)
{
	if (n < 3 || memcmp(s, fence, 3) != 0)
		return 0;
	for (s += 3, n -= 3; n > 0; s++, n--)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

/* Between an opening fence line and a closing one; YAML also closes with
 * "...". Without a closing fence everything after the opening one is
 * front matter. */
static void fenced(const char *text, size_t len, size_t next, const char *fence,
		   ml_split *out)
{
	size_t p, n;
	int line;

	out->present = 1;
	out->yaml_offset = next;
	out->yaml_line = 2;
	for (p = next, line = 2; p < len; p = next, line++) {
		n = line_at(text, len, p, &next);
		if (is_fence(text + p, n, fence) ||
		    (out->format == ML_FM_YAML &&
		     is_fence(text + p, n, "..."))) {
			out->closed = 1;
			out->yaml_len = p - out->yaml_offset;
			out->body_offset = next;
			out->body_line = line + 1;
			return;
		}
	}
	out->yaml_len = len - out->yaml_offset;
	out->body_offset = len;
	out->body_line = line;
}

/* A JSON object at p, as Hugo's lexer finds its end: braces counted
 * outside strings, a backslash skipping the next character; the line end
 * right after the closing brace belongs to the front matter. The JSON
 * itself is parsed by jansson (fmjson.c). */
static void json_object(const char *text, size_t len, size_t p, ml_split *out)
{
	size_t i;
	int level = 0, in_str = 0, line = 1;

	out->present = 1;
	out->format = ML_FM_JSON;
	out->yaml_offset = p;
	out->yaml_line = 1;
	for (i = p; i < len; i++) {
		char c = text[i];
		if (c == '\n')
			line++;
		else if (c == '\\' && in_str)
			i++;
		else if (c == '"')
			in_str = !in_str;
		else if (!in_str && c == '{')
			level++;
		else if (!in_str && c == '}' && --level == 0)
			break;
	}
	if (i >= len) {
		out->yaml_len = len - p;
		out->body_offset = len;
		out->body_line = line;
		return;
	}
	out->closed = 1;
	out->yaml_len = i + 1 - p;
	i++;
	if (i < len && text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
		i++;
	if (i < len && text[i] == '\n') {
		i++;
		line++;
	}
	out->body_offset = i;
	out->body_line = line;
}

/* '{' then blank space, then '"' or '}': a JSON object, not an MDX
 * expression or a template tag. */
static int opens_object(const char *text, size_t len, size_t p)
{
	if (p >= len || text[p] != '{')
		return 0;
	for (p++; p < len && strchr(" \t\r\n", text[p]); p++)
		;
	return p < len && (text[p] == '"' || text[p] == '}');
}

void ml_frontmatter_split(const char *text, size_t len, ml_split *out)
{
	size_t p = 0, next, n;

	memset(out, 0, sizeof(*out));
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		p = 3;
	out->body_offset = p;
	out->body_line = 1;
	n = line_at(text, len, p, &next);
	if (is_fence(text + p, n, "---")) {
		out->format = ML_FM_YAML;
		fenced(text, len, next, "---", out);
	} else if (is_fence(text + p, n, "+++")) {
		out->format = ML_FM_TOML;
		fenced(text, len, next, "+++", out);
	} else if (opens_object(text, len, p)) {
		json_object(text, len, p, out);
	}
}

const char *ml_frontmatter_fence(ml_fm_format f)
{
	return f == ML_FM_TOML ? "+++" : f == ML_FM_JSON ? "}" : "---";
}

int ml_frontmatter_parse(const char *text, const ml_split *sp, ml_tree **out,
			 ml_yaml_error *err)
{
	const char *s = text + sp->yaml_offset;

	switch (sp->format) {
	case ML_FM_TOML:
		return ml_toml_parse(s, sp->yaml_len, sp->yaml_line, out, err);
	case ML_FM_JSON:
		return ml_json_parse(s, sp->yaml_len, sp->yaml_line, out, err);
	default: return ml_yaml_parse(s, sp->yaml_len, sp->yaml_line, out, err);
	}
}
