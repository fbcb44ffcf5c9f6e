/* parse/frontmatter.h - split an article into front matter and body, and parse
 * YAML (front matter, schema files, config) into an ml_node tree; TOML
 * (+++, Hugo's default) and JSON ({ ... } at the top, as Hugo reads it)
 * front matter into the same tree, so one JSON Schema validates all three.
 *
 * libyaml's marks are 0-based; they become 1-based file lines and byte
 * columns here, once; toml++ counts code points, jansson bytes: each
 * becomes a byte column at its boundary. Parsing is bounded: depth, node
 * count after alias expansion (billion laughs), and input size. */
#ifndef ML_FRONTMATTER_H
#define ML_FRONTMATTER_H

#include <stddef.h>

#include "parse/node.h"
#include "util/buf.h"
#include "util/common.h"

#define ML_YAML_MAX_DEPTH 200
#define ML_YAML_MAX_NODES 100000
#define ML_FRONTMATTER_MAX ((size_t)1024 * 1024)

typedef enum {
	ML_FM_YAML, /* between --- lines */
	ML_FM_TOML, /* between +++ lines */
	ML_FM_JSON  /* a JSON object opening the file, braces included */
} ml_fm_format;

typedef struct {
	int present; /* an opening fence (or '{') was found */
	int closed;  /* ... and its closing fence (or brace) */
	ml_fm_format format;
	size_t yaml_offset; /* byte offset of the front matter text */
	size_t yaml_len;
	int yaml_line;	    /* 1-based file line of that text */
	size_t body_offset; /* byte offset of the body */
	int body_line;	    /* 1-based file line of the body */
} ml_split;

/* Locate the front matter. A UTF-8 BOM and CRLF line ends are accepted.
 * Without an opening fence the whole text is body. A '{' opens JSON front
 * matter only when what follows it is '"' or '}' (a JSON object), so an
 * MDX {expression} or a Liquid {% tag %} opening a file stays body. */
void ml_frontmatter_split(const char *text, size_t len, ml_split *out);

/* The fence of a format for messages: "---", "+++" or "}". */
const char *ml_frontmatter_fence(ml_fm_format f);

typedef struct {
	int line, column; /* 1-based file position */
	char message[256];
} ml_yaml_error;

/* Parse the first YAML document of text[0..len) into a new tree.
 * first_line is the file line of text[0]. On a YAML error, a duplicate
 * key, or a bound exceeded returns ML_EINVAL and fills err; ML_ENOMEM when
 * out of memory. An empty document gives a NULL-type root. */
int ml_yaml_parse(const char *text, size_t len, int first_line, ml_tree **out,
		  ml_yaml_error *err);

/* TOML (toml++, through the C++ shim fmtoml.cc) and JSON (jansson) into a
 * tree as ml_yaml_parse builds it: tables and objects are MAPs in
 * document order, TOML dates and times are strings as written in RFC
 * 3339. The same errors: ML_EINVAL with err at the fault (a syntax error,
 * a redefined or duplicate key, a bound exceeded), ML_ENOMEM. */
int ml_toml_parse(const char *text, size_t len, int first_line, ml_tree **out,
		  ml_yaml_error *err);
int ml_json_parse(const char *text, size_t len, int first_line, ml_tree **out,
		  ml_yaml_error *err);

/* The front matter sp found in text, parsed by its format's reader. */
int ml_frontmatter_parse(const char *text, const ml_split *sp, ml_tree **out,
			 ml_yaml_error *err);

/* Reads and parses a YAML file of at most max_bytes (a config or schema
 * file: `what` names it in messages). On failure returns code (or
 * ML_ENOMEM) with "path: reason" or "path:line:col: reason" in err. */
ML_WARN_UNUSED int ml_yaml_load_file(const char *path, size_t max_bytes,
				     const char *what, int code, ml_tree **out,
				     ml_buf *err);

/* Replaces err with "file:line:col: " and the message at node n; returns
 * code, for loaders that stop at their first fault. */
int ml_yaml_fail(ml_buf *err, int code, const char *file, const ml_node *n,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#endif
