/* parse/fmjson.c - JSON front matter into an ml_node tree with a position
 * on every node.
 *
 * jansson parses the whole object first: it alone decides what is valid
 * JSON (duplicate keys refused), and its error is the one finding a
 * syntax fault gives. jansson keeps no positions, so a second pass walks
 * the same text: this file reads only the structure between tokens
 * (blank space and { } [ ] : ,), and every token - each key and scalar -
 * is decoded by jansson itself (json_loadb with JSON_DISABLE_EOF_CHECK
 * stops after one value and says how many bytes it read). Positions are
 * byte offsets, turned into file line and byte column here. */
#include "parse/frontmatter.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "util/common.h"

typedef struct {
	ml_tree *tree;
	const char *text;
	size_t len;
	int first_line;
	size_t nodes;
	size_t line_start; /* offset of the line holding `cursor` */
	size_t cursor;	   /* positions are asked in increasing order */
	int line;
	ml_yaml_error *err;
} jbuild;

/* File line and byte column of offset off (never before the last one
 * asked, but a restart is correct too). */
static void pos(jbuild *b, size_t off, int *line, int *col)
{
	if (off < b->cursor) {
		b->cursor = b->line_start = 0;
		b->line = 0;
	}
	for (; b->cursor < off && b->cursor < b->len; b->cursor++)
		if (b->text[b->cursor] == '\n') {
			b->line++;
			b->line_start = b->cursor + 1;
		}
	*line = b->first_line + b->line;
	*col = (int)(off - b->line_start) + 1;
}

static int fail_at(jbuild *b, size_t off, const char *msg)
{
	pos(b, off, &b->err->line, &b->err->column);
	(void)snprintf(b->err->message, sizeof(b->err->message), "%s", msg);
	return ML_EINVAL;
}

static size_t skip_ws(const jbuild *b, size_t p)
{
	while (p < b->len && strchr(" \t\r\n", b->text[p]) && b->text[p])
		p++;
	return p;
}

static ml_node *new_node(jbuild *b, ml_node_type t, size_t off)
{
	int line, col;
	ml_node *n;

	if (++b->nodes > ML_YAML_MAX_NODES)
		return NULL;
	pos(b, off, &line, &col);
	n = ml_tree_node(b->tree, t, line, col);
	return n;
}

static int too_many(jbuild *b, size_t off)
{
	return b->nodes > ML_YAML_MAX_NODES
		       ? fail_at(b, off,
				 "front matter has more than 100000 "
				 "values")
		       : ML_ENOMEM;
}

/* One scalar token at *p, decoded by jansson, into a node. */
static int scalar(jbuild *b, size_t *p, ml_node **out)
{
	json_error_t e;
	json_t *v = json_loadb(b->text + *p, b->len - *p,
			       JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK, &e);
	size_t at = *p, used = v ? (size_t)e.position : 0;
	ml_node *n = NULL;
	int rc = ML_OK;

	if (!v || used == 0 || used > b->len - at)
		return fail_at(b, at, "not a JSON value");
	if (!(n = new_node(b, ML_NODE_NULL, at))) {
		json_decref(v);
		return too_many(b, at);
	}
	if (json_is_string(v)) {
		n->type = ML_NODE_STRING;
		n->len = json_string_length(v);
		n->str = ml_tree_strndup(b->tree, json_string_value(v), n->len);
	} else {
		n->type = json_is_integer(v) ? ML_NODE_INT
			  : json_is_real(v)  ? ML_NODE_FLOAT
			  : json_is_null(v)  ? ML_NODE_NULL
					     : ML_NODE_BOOL;
		n->num = json_number_value(v);
		n->boolean = json_is_true(v);
		n->len = json_is_null(v) ? 0 : used;
		n->str = ml_tree_strndup(b->tree, b->text + at, n->len);
	}
	if (!n->str)
		rc = ML_ENOMEM;
	json_decref(v);
	*p = at + used;
	pos(b, *p, &n->end_line, &n->end_column);
	*out = n;
	return rc;
}

static int value(jbuild *b, size_t *p, int depth, ml_node **out);

/* After an item of an object or array: ',' goes on, close ends. */
static int next_item(jbuild *b, size_t *p, char close, int *done)
{
	*p = skip_ws(b, *p);
	if (*p < b->len && b->text[*p] == ',') {
		*p = skip_ws(b, *p + 1);
		return ML_OK;
	}
	if (*p < b->len && b->text[*p] == close) {
		*done = 1;
		return ML_OK;
	}
	return fail_at(b, *p, "expected ',' or a closing bracket");
}

static int object_pair(jbuild *b, size_t *p, int depth, ml_node *map)
{
	ml_node *k, *v;
	int rc;

	if (*p >= b->len || b->text[*p] != '"')
		return fail_at(b, *p, "expected a key");
	if ((rc = scalar(b, p, &k)))
		return rc;
	*p = skip_ws(b, *p);
	if (*p >= b->len || b->text[*p] != ':')
		return fail_at(b, *p, "expected ':'");
	*p = skip_ws(b, *p + 1);
	if ((rc = value(b, p, depth + 1, &v)))
		return rc;
	return ml_node_set(b->tree, map, k, v) ? ML_ENOMEM : ML_OK;
}

/* An object or array at *p ('{' or '['). */
static int container(jbuild *b, size_t *p, int depth, ml_node **out)
{
	int is_map = b->text[*p] == '{', done = 0, rc = ML_OK;
	char close = is_map ? '}' : ']';
	ml_node *n = new_node(b, is_map ? ML_NODE_MAP : ML_NODE_SEQ, *p), *item;

	if (!n)
		return too_many(b, *p);
	if (depth >= ML_YAML_MAX_DEPTH)
		return fail_at(b, *p, "nesting deeper than 200 levels");
	*p = skip_ws(b, *p + 1);
	if (*p < b->len && b->text[*p] == close)
		done = 1;
	while (!done && !rc) {
		if (is_map)
			rc = object_pair(b, p, depth, n);
		else if (!(rc = value(b, p, depth + 1, &item)))
			rc = ml_node_append(b->tree, n, item) ? ML_ENOMEM
							      : ML_OK;
		if (!rc)
			rc = next_item(b, p, close, &done);
	}
	if (rc)
		return rc;
	(*p)++;
	pos(b, *p, &n->end_line, &n->end_column);
	*out = n;
	return ML_OK;
}

static int value(jbuild *b, size_t *p, int depth, ml_node **out)
{
	*p = skip_ws(b, *p);
	if (*p >= b->len)
		return fail_at(b, *p, "expected a value");
	if (b->text[*p] == '{' || b->text[*p] == '[')
		return container(b, p, depth, out);
	return scalar(b, p, out);
}

/* jansson's error: its line, and its column (code points) as a byte
 * column of that line. */
static int syntax_error(jbuild *b, const json_error_t *e)
{
	size_t off = 0;
	int line = 1, col;

	while (off < b->len && line < e->line)
		if (b->text[off++] == '\n')
			line++;
	for (col = 1; off < b->len && col < e->column && b->text[off] != '\n';
	     col++) {
		off++;
		while (off < b->len &&
		       ((unsigned char)b->text[off] & 0xC0) == 0x80)
			off++;
	}
	if (e->line < 1)
		off = (size_t)e->position <= b->len ? (size_t)e->position
						    : b->len;
	return fail_at(b, off, e->text[0] ? e->text : "JSON syntax error");
}

int ml_json_parse(const char *text, size_t len, int first_line, ml_tree **out,
		  ml_yaml_error *err)
{
	jbuild b;
	json_error_t e;
	json_t *whole;
	ml_node *root = NULL;
	size_t p = 0;
	int rc;

	memset(&b, 0, sizeof(b));
	memset(err, 0, sizeof(*err));
	*out = NULL;
	b.text = text;
	b.len = len;
	b.first_line = first_line;
	b.err = err;
	if (!(b.tree = ml_tree_new()))
		return ML_ENOMEM;
	whole = json_loadb(text, len, JSON_REJECT_DUPLICATES, &e);
	if (!whole)
		rc = syntax_error(&b, &e);
	else
		rc = value(&b, &p, 0, &root);
	/* The object is where its first key is, as libyaml places a block
	 * mapping: a missing required key points there, as with YAML. */
	if (!rc && root->type == ML_NODE_MAP && root->npairs) {
		root->line = root->pairs[0].key->line;
		root->column = root->pairs[0].key->column;
	}
	json_decref(whole);
	if (rc) {
		ml_tree_free(b.tree);
		return rc;
	}
	ml_tree_set_root(b.tree, root);
	*out = b.tree;
	return ML_OK;
}
