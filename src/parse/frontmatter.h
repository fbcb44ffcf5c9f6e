/* parse/frontmatter.h - split an article into front matter and body, and parse
 * YAML (front matter, schema files, config) into an ml_node tree.
 *
 * libyaml's marks are 0-based; they become 1-based file lines and byte
 * columns here, once. Parsing is bounded: depth, node count after alias
 * expansion (billion laughs), and input size. */
#ifndef ML_FRONTMATTER_H
#define ML_FRONTMATTER_H

#include <stddef.h>

#include "parse/node.h"
#include "util/buf.h"
#include "util/common.h"

#define ML_YAML_MAX_DEPTH 200
#define ML_YAML_MAX_NODES 100000
#define ML_FRONTMATTER_MAX ((size_t)1024 * 1024)

typedef struct {
	int present;	    /* an opening --- fence was found */
	int closed;	    /* ... and its closing fence */
	size_t yaml_offset; /* byte offset of the YAML text in the file */
	size_t yaml_len;
	int yaml_line;	    /* 1-based file line of the YAML text */
	size_t body_offset; /* byte offset of the body */
	int body_line;	    /* 1-based file line of the body */
} ml_split;

/* Locate the front matter. A UTF-8 BOM and CRLF line ends are accepted.
 * Without an opening fence the whole text is body. */
void ml_frontmatter_split(const char *text, size_t len, ml_split *out);

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
