/* json_tree.c - jansson value -> ml_node tree (see json_tree.h). */
#include "json_tree.h"

#include <stdio.h>
#include <string.h>

typedef struct {
	ml_tree *t;
	int seq; /* pre-order number, used as a fake line */
} conv;

static ml_node *convert(conv *c, const json_t *j);

static ml_node *scalar(conv *c, ml_node_type type, const char *text, size_t len)
{
	ml_node *n = ml_tree_node(c->t, type, ++c->seq, 1);

	if (!n || !(n->str = ml_tree_strndup(c->t, text, len)))
		return NULL;
	n->len = len;
	return n;
}

static ml_node *number(conv *c, const json_t *j)
{
	char text[64];
	ml_node *n;

	if (json_is_integer(j)) {
		snprintf(text, sizeof(text), "%" JSON_INTEGER_FORMAT,
			 json_integer_value(j));
		n = scalar(c, ML_NODE_INT, text, strlen(text));
		if (n)
			n->num = (double)json_integer_value(j);
		return n;
	}
	snprintf(text, sizeof(text), "%.17g", json_real_value(j));
	n = scalar(c, ML_NODE_FLOAT, text, strlen(text));
	if (n)
		n->num = json_real_value(j);
	return n;
}

static ml_node *array(conv *c, const json_t *j)
{
	ml_node *n = ml_tree_node(c->t, ML_NODE_SEQ, ++c->seq, 1), *item;
	size_t i;

	if (!n)
		return NULL;
	for (i = 0; i < json_array_size(j); i++) {
		item = convert(c, json_array_get(j, i));
		if (!item || ml_node_append(c->t, n, item))
			return NULL;
	}
	return n;
}

static ml_node *object(conv *c, const json_t *j)
{
	ml_node *n = ml_tree_node(c->t, ML_NODE_MAP, ++c->seq, 1), *k, *v;
	void *it;

	if (!n)
		return NULL;
	/* jansson keeps members in insertion (document) order */
	for (it = json_object_iter((json_t *)j); it;
	     it = json_object_iter_next((json_t *)j, it)) {
		k = scalar(c, ML_NODE_STRING, json_object_iter_key(it),
			   json_object_iter_key_len(it));
		v = k ? convert(c, json_object_iter_value(it)) : NULL;
		if (!v || ml_node_set(c->t, n, k, v))
			return NULL;
	}
	return n;
}

static ml_node *convert(conv *c, const json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT: return object(c, j);
	case JSON_ARRAY: return array(c, j);
	case JSON_STRING:
		return scalar(c, ML_NODE_STRING, json_string_value(j),
			      json_string_length(j));
	case JSON_INTEGER:
	case JSON_REAL: return number(c, j);
	case JSON_TRUE:
	case JSON_FALSE: {
		ml_node *n = scalar(c, ML_NODE_BOOL,
				    json_is_true(j) ? "true" : "false",
				    json_is_true(j) ? 4 : 5);
		if (n)
			n->boolean = json_is_true(j);
		return n;
	}
	case JSON_NULL: return scalar(c, ML_NODE_NULL, "null", 4);
	}
	return NULL;
}

ml_node *ml_json_to_node(ml_tree *t, const json_t *j)
{
	conv c = { t, 0 };

	return convert(&c, j);
}

ml_tree *ml_json_tree_parse(const char *text, size_t len, json_error_t *err)
{
	json_error_t local;
	json_t *j = json_loadb(text, len, JSON_ALLOW_NUL | JSON_DECODE_ANY,
			       err ? err : &local);
	ml_tree *t;
	ml_node *root;

	if (!j)
		return NULL;
	t = ml_tree_new();
	root = t ? ml_json_to_node(t, j) : NULL;
	json_decref(j);
	if (!root) {
		ml_tree_free(t);
		return NULL;
	}
	ml_tree_set_root(t, root);
	return t;
}
