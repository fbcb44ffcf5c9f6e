/* parse/frontmatter.c - the libyaml event -> ml_node builder with source
 * positions and safety bounds (the split and the TOML and JSON readers
 * are fmsplit.c, fmjson.c and fmtoml.cc). */
#include "parse/frontmatter.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util/common.h"

/* ---- YAML -> tree ------------------------------------------------- */

typedef struct {
	ml_node *node;
	ml_node *key; /* MAP: key awaiting its value */
	const char *anchor;
} frame;

typedef struct {
	const char *name;
	ml_node *node;
} anchor_entry;

typedef struct {
	ml_tree *tree;
	const char *text;
	size_t len;
	int first_line;
	frame stack[ML_YAML_MAX_DEPTH + 1];
	int depth;
	size_t nodes; /* after alias expansion */
	anchor_entry *anchors;
	size_t nanchors, anchors_cap;
	ml_node *root;
	int have_root;
	size_t scan_chars, scan_bytes, scan_line_start; /* mark_pos cursor */
	ml_yaml_error *err;
} builder;

/* libyaml counts marks in characters; medlint's columns count bytes like
 * cmark-gfm. Convert by stepping through the UTF-8 text from the previous
 * mark: marks come mostly in increasing order, which keeps this linear
 * even for a megabyte on one line. */
static size_t utf8_width(unsigned char c)
{
	return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static void mark_pos(builder *b, yaml_mark_t m, int *line, int *col)
{
	if (m.index < b->scan_chars) {
		b->scan_chars = b->scan_bytes = b->scan_line_start = 0;
	}
	while (b->scan_chars < m.index && b->scan_bytes < b->len) {
		unsigned char c = (unsigned char)b->text[b->scan_bytes];
		size_t w = utf8_width(c);

		b->scan_bytes +=
			w < b->len - b->scan_bytes ? w : b->len - b->scan_bytes;
		b->scan_chars++;
		if (c == '\n')
			b->scan_line_start = b->scan_bytes;
	}
	*line = (int)m.line + b->first_line;
	*col = (int)(b->scan_bytes - b->scan_line_start) + 1;
}

static int fail(builder *b, yaml_mark_t m, const char *fmt, const char *arg)
{
	mark_pos(b, m, &b->err->line, &b->err->column);
	(void)snprintf(b->err->message, sizeof(b->err->message), fmt,
		       arg ? arg : "");
	return ML_EINVAL;
}

static int str_eq(const char *a, size_t n, const char *lit)
{
	return strlen(lit) == n && memcmp(a, lit, n) == 0;
}

static int all_in(const char *s, size_t n, const char *set)
{
	size_t i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (!strchr(set, s[i]))
			return 0;
	return 1;
}

static int is_int(const char *s, size_t n, double *v)
{
	const char *digits = s;
	size_t nd = n;

	if (n > 2 && s[0] == '0' && s[1] == 'o' &&
	    all_in(s + 2, n - 2, "01234567")) {
		*v = (double)strtoull(s + 2, NULL, 8);
		return 1;
	}
	if (n > 2 && s[0] == '0' && s[1] == 'x' &&
	    all_in(s + 2, n - 2, "0123456789abcdefABCDEF")) {
		*v = (double)strtoull(s + 2, NULL, 16);
		return 1;
	}
	if (nd > 0 && (digits[0] == '-' || digits[0] == '+'))
		digits++, nd--;
	if (!all_in(digits, nd, "0123456789"))
		return 0;
	*v = strtod(s, NULL);
	return 1;
}

static int is_float(const char *s, size_t n, double *v)
{
	size_t i = 0, digits = 0;
	char *end;

	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	if (str_eq(s + i, n - i, ".inf") || str_eq(s + i, n - i, ".Inf") ||
	    str_eq(s + i, n - i, ".INF")) {
		*v = s[0] == '-' ? -1.0 / 0.0 : 1.0 / 0.0;
		return 1;
	}
	if (str_eq(s, n, ".nan") || str_eq(s, n, ".NaN") ||
	    str_eq(s, n, ".NAN")) {
		*v = 0.0 / 0.0;
		return 1;
	}
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++, digits++;
	if (i < n && s[i] == '.')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	if (digits == 0)
		return 0;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			i++;
		if (i >= n || !all_in(s + i, n - i, "0123456789"))
			return 0;
		i = n;
	}
	if (i != n)
		return 0;
	*v = strtod(s, &end);
	return 1;
}

/* YAML 1.2 core schema resolution of a plain scalar. */
static void resolve_plain(ml_node *n)
{
	const char *s = n->str;
	size_t len = n->len;

	if (len == 0 || str_eq(s, len, "~") || str_eq(s, len, "null") ||
	    str_eq(s, len, "Null") || str_eq(s, len, "NULL")) {
		n->type = ML_NODE_NULL;
	} else if (str_eq(s, len, "true") || str_eq(s, len, "True") ||
		   str_eq(s, len, "TRUE")) {
		n->type = ML_NODE_BOOL;
		n->boolean = 1;
	} else if (str_eq(s, len, "false") || str_eq(s, len, "False") ||
		   str_eq(s, len, "FALSE")) {
		n->type = ML_NODE_BOOL;
	} else if (is_int(s, len, &n->num)) {
		n->type = ML_NODE_INT;
	} else if (is_float(s, len, &n->num)) {
		n->type = ML_NODE_FLOAT;
	}
}

static int count_nodes(builder *b, size_t add, yaml_mark_t m)
{
	b->nodes += add;
	if (b->nodes > ML_YAML_MAX_NODES)
		return fail(b, m,
			    "document expands to more than 100000 nodes "
			    "(too many aliases?)%s",
			    NULL);
	return ML_OK;
}

static int key_cmp(const void *a, const void *b)
{
	const ml_pair *x = *(ml_pair *const *)a, *y = *(ml_pair *const *)b;
	size_t n = x->key->len < y->key->len ? x->key->len : y->key->len;
	int c = memcmp(x->key->str, y->key->str, n);

	if (c)
		return c;
	if (x->key->len != y->key->len)
		return x->key->len < y->key->len ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Duplicate keys: sort pointers to the pairs by key, so hostile maps with
 * many keys cost n log n, then report the later copy of the first dup. */
static int check_duplicates(builder *b, const ml_node *map, yaml_mark_t m)
{
	ml_pair **idx;
	const ml_pair *dup = NULL;
	size_t i;

	if (map->npairs < 2)
		return ML_OK;
	/* NOLINTNEXTLINE(bugprone-sizeof-expression): pointers */
	idx = malloc(map->npairs * sizeof(*idx));
	if (!idx)
		return ML_ENOMEM;
	for (i = 0; i < map->npairs; i++)
		idx[i] = &map->pairs[i];
	/* NOLINTNEXTLINE(bugprone-sizeof-expression): pointers */
	qsort(idx, map->npairs, sizeof(*idx), key_cmp);
	for (i = 1; i < map->npairs; i++) {
		if (idx[i]->key->len == idx[i - 1]->key->len &&
		    memcmp(idx[i]->key->str, idx[i - 1]->key->str,
			   idx[i]->key->len) == 0 &&
		    (!dup || idx[i]->key->line < dup->key->line ||
		     (idx[i]->key->line == dup->key->line &&
		      idx[i]->key->column < dup->key->column)))
			dup = idx[i];
	}
	free(idx);
	if (!dup)
		return ML_OK;
	b->err->line = dup->key->line;
	b->err->column = dup->key->column;
	(void)snprintf(b->err->message, sizeof(b->err->message),
		       "duplicate key \"%.200s\"", dup->key->str);
	(void)m;
	return ML_EINVAL;
}

static int add_node(builder *b, ml_node *n, yaml_mark_t m)
{
	frame *f;

	if (b->depth == 0) {
		if (!b->have_root) {
			b->root = n;
			b->have_root = 1;
		}
		return ML_OK;
	}
	f = &b->stack[b->depth - 1];
	if (f->node->type == ML_NODE_SEQ)
		return ml_node_append(b->tree, f->node, n) ? ML_ENOMEM : ML_OK;
	if (!f->key) {
		if (!ml_node_is_scalar(n))
			return fail(b, m, "mapping keys must be scalars%s",
				    NULL);
		f->key = n;
		return ML_OK;
	}
	if (ml_node_set(b->tree, f->node, f->key, n))
		return ML_ENOMEM;
	f->key = NULL;
	return ML_OK;
}

static int add_anchor(builder *b, const char *name, ml_node *n)
{
	if (!name)
		return ML_OK;
	if (ml_grow((void **)&b->anchors, &b->anchors_cap, b->nanchors + 1,
		    sizeof(anchor_entry)))
		return ML_ENOMEM;
	b->anchors[b->nanchors].name = name;
	b->anchors[b->nanchors].node = n;
	b->nanchors++;
	return ML_OK;
}

static const char *copy_anchor(builder *b, const yaml_char_t *a)
{
	return a ? ml_tree_strndup(b->tree, (const char *)a,
				   strlen((const char *)a))
		 : NULL;
}

static int on_scalar(builder *b, const yaml_event_t *ev)
{
	int line, col, rc;
	ml_node *n;
	const char *tag = (const char *)ev->data.scalar.tag;

	mark_pos(b, ev->start_mark, &line, &col);
	n = ml_tree_node(b->tree, ML_NODE_STRING, line, col);
	if (!n)
		return ML_ENOMEM;
	mark_pos(b, ev->end_mark, &n->end_line, &n->end_column);
	n->str = ml_tree_strndup(b->tree, (const char *)ev->data.scalar.value,
				 ev->data.scalar.length);
	if (!n->str)
		return ML_ENOMEM;
	n->len = ev->data.scalar.length;
	if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    !(tag && strcmp(tag, YAML_STR_TAG) == 0))
		resolve_plain(n);
	if ((rc = count_nodes(b, 1, ev->start_mark)))
		return rc;
	if ((rc = add_anchor(b, copy_anchor(b, ev->data.scalar.anchor), n)))
		return rc;
	return add_node(b, n, ev->start_mark);
}

static int on_alias(builder *b, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	size_t i = b->nanchors;
	int rc;

	/* The latest definition wins, as YAML says; an anchor still open
	 * (an alias inside its own node) is not registered yet, so a cycle
	 * is reported as an unknown alias. */
	while (i-- > 0) {
		if (strcmp(b->anchors[i].name, name) == 0) {
			ml_node *n = b->anchors[i].node;
			if ((rc = count_nodes(b, n->weight, ev->start_mark)))
				return rc;
			return add_node(b, n, ev->start_mark);
		}
	}
	return fail(b, ev->start_mark, "unknown alias \"*%.200s\"", name);
}

static int on_start(builder *b, const yaml_event_t *ev, ml_node_type type)
{
	int line, col, rc;
	ml_node *n;
	const yaml_char_t *anchor = type == ML_NODE_MAP
					    ? ev->data.mapping_start.anchor
					    : ev->data.sequence_start.anchor;

	if (b->depth >= ML_YAML_MAX_DEPTH)
		return fail(b, ev->start_mark,
			    "nesting deeper than 200 levels%s", NULL);
	if ((rc = count_nodes(b, 1, ev->start_mark)))
		return rc;
	mark_pos(b, ev->start_mark, &line, &col);
	n = ml_tree_node(b->tree, type, line, col);
	if (!n)
		return ML_ENOMEM;
	b->stack[b->depth].node = n;
	b->stack[b->depth].key = NULL;
	b->stack[b->depth].anchor = copy_anchor(b, anchor);
	b->depth++;
	return ML_OK;
}

static int on_end(builder *b, const yaml_event_t *ev)
{
	frame f = b->stack[--b->depth];
	int rc;

	mark_pos(b, ev->end_mark, &f.node->end_line, &f.node->end_column);
	if (f.node->type == ML_NODE_MAP &&
	    (rc = check_duplicates(b, f.node, ev->start_mark)))
		return rc;
	if ((rc = add_anchor(b, f.anchor, f.node)))
		return rc;
	return add_node(b, f.node, ev->start_mark);
}

static int on_event(builder *b, const yaml_event_t *ev, int *done)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT: return on_scalar(b, ev);
	case YAML_ALIAS_EVENT: return on_alias(b, ev);
	case YAML_SEQUENCE_START_EVENT: return on_start(b, ev, ML_NODE_SEQ);
	case YAML_MAPPING_START_EVENT: return on_start(b, ev, ML_NODE_MAP);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT: return on_end(b, ev);
	case YAML_DOCUMENT_END_EVENT:
	case YAML_STREAM_END_EVENT: *done = 1; return ML_OK;
	default: return ML_OK;
	}
}

static int parser_error(builder *b, const yaml_parser_t *p)
{
	yaml_mark_t m = p->problem_mark;

	if (p->error == YAML_MEMORY_ERROR)
		return ML_ENOMEM;
	mark_pos(b, m, &b->err->line, &b->err->column);
	if (p->context)
		(void)snprintf(b->err->message, sizeof(b->err->message),
			       "%s %s",
			       p->problem ? p->problem : "syntax error",
			       p->context);
	else
		(void)snprintf(b->err->message, sizeof(b->err->message), "%s",
			       p->problem ? p->problem : "syntax error");
	return ML_EINVAL;
}

int ml_yaml_parse(const char *text, size_t len, int first_line, ml_tree **out,
		  ml_yaml_error *err)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	builder b;
	int rc = ML_OK, done = 0;

	memset(&b, 0, sizeof(b));
	memset(err, 0, sizeof(*err));
	*out = NULL;
	b.text = text;
	b.len = len;
	b.first_line = first_line;
	b.err = err;
	b.tree = ml_tree_new();
	if (!b.tree || !yaml_parser_initialize(&parser)) {
		ml_tree_free(b.tree);
		return ML_ENOMEM;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	while (!done && rc == ML_OK) {
		if (!yaml_parser_parse(&parser, &ev)) {
			rc = parser_error(&b, &parser);
			break;
		}
		rc = on_event(&b, &ev, &done);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	free(b.anchors);
	if (rc == ML_OK && !b.root) {
		b.root = ml_tree_node(b.tree, ML_NODE_NULL, first_line, 1);
		if (!b.root)
			rc = ML_ENOMEM;
		else
			b.root->str = "";
	}
	if (rc) {
		ml_tree_free(b.tree);
		return rc;
	}
	ml_tree_set_root(b.tree, b.root);
	*out = b.tree;
	return ML_OK;
}

/* ---- YAML files ----------------------------------------------------- */

int ml_yaml_fail(ml_buf *err, int code, const char *file, const ml_node *n,
		 const char *fmt, ...)
{
	va_list ap;

	ml_buf_clear(err);
	ml_buf_printf(err, "%s:%d:%d: ", file, n->line, n->column);
	va_start(ap, fmt);
	ml_buf_vprintf(err, fmt, ap);
	va_end(ap);
	return code;
}

int ml_yaml_load_file(const char *path, size_t max_bytes, const char *what,
		      int code, ml_tree **out, ml_buf *err)
{
	ml_buf text = ML_BUF_INIT(max_bytes);
	ml_yaml_error yerr;
	int rc;

	*out = NULL;
	rc = ml_buf_read_file(&text, path, NULL);
	if (rc == ML_ELIMIT)
		ml_buf_printf(err, "%s: %s larger than %zu MiB", path, what,
			      max_bytes >> 20);
	else if (rc == ML_EIO)
		ml_buf_printf(err, "%s: cannot read the %s", path, what);
	if (!rc) {
		rc = ml_yaml_parse(ml_buf_cstr(&text), text.len, 1, out, &yerr);
		if (rc == ML_EINVAL)
			ml_buf_printf(err, "%s:%d:%d: %s", path, yerr.line,
				      yerr.column, yerr.message);
	}
	ml_buf_dispose(&text);
	if (rc && rc != ML_ENOMEM)
		rc = code;
	return rc;
}
