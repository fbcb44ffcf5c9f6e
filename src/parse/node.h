/* parse/node.h - a YAML/JSON value tree that remembers where every node was.
 *
 * Built from libyaml events by frontmatter.c (front matter, schemas,
 * config) and from jansson by the conformance test. All nodes and strings
 * of a tree live in its arena and are freed together; an alias is a
 * pointer to the anchored node, so a tree may be a DAG (never a cycle).
 *
 * Scalars are resolved with the YAML 1.2 core schema: a plain scalar is
 * null, bool, int or float when it looks like one, else a string; a quoted
 * scalar is always a string. `str` always holds the scalar's text. */
#ifndef ML_NODE_H
#define ML_NODE_H

#include <stddef.h>

typedef enum {
	ML_NODE_NULL,
	ML_NODE_BOOL,
	ML_NODE_INT,
	ML_NODE_FLOAT,
	ML_NODE_STRING,
	ML_NODE_SEQ,
	ML_NODE_MAP
} ml_node_type;

typedef struct ml_node ml_node;

typedef struct {
	ml_node *key; /* for YAML, any node; for JSON, a string */
	ml_node *value;
} ml_pair;

struct ml_node {
	ml_node_type type;
	int line, column; /* 1-based start */
	int end_line, end_column;
	const char *str; /* scalars: text, NUL-terminated; else NULL */
	size_t len;
	double num;	 /* INT and FLOAT */
	int boolean;	 /* BOOL */
	ml_node **items; /* SEQ */
	size_t nitems;
	ml_pair *pairs; /* MAP, in document order */
	size_t npairs;
	size_t weight; /* nodes in the expanded subtree (alias-bomb bound) */
};

typedef struct ml_tree ml_tree;

ml_tree *ml_tree_new(void);
void ml_tree_free(ml_tree *t);
ml_node *ml_tree_root(const ml_tree *t);
void ml_tree_set_root(ml_tree *t, ml_node *root);
/* Arena allocation; memory is zeroed. NULL when out of memory. */
void *ml_tree_alloc(ml_tree *t, size_t size);
ml_node *ml_tree_node(ml_tree *t, ml_node_type type, int line, int column);
const char *ml_tree_strndup(ml_tree *t, const char *s, size_t n);
/* Append to a SEQ / MAP node (arrays grow inside the arena). */
int ml_node_append(ml_tree *t, ml_node *seq, ml_node *item);
int ml_node_set(ml_tree *t, ml_node *map, ml_node *key, ml_node *value);

/* The value under string key `key` of a MAP, or NULL. */
const ml_node *ml_node_get(const ml_node *map, const char *key);
/* Scalar text of node, or NULL when it is not a scalar. */
const char *ml_node_str(const ml_node *n);
int ml_node_is_scalar(const ml_node *n);
const char *ml_node_type_name(ml_node_type t);

/* Equal as JSON Schema counts it (const, enum, uniqueItems): numbers by
 * value (1 == 1.0), strings by text, mappings whatever their key order;
 * positions aside. Nesting past 256 levels is never equal. */
int ml_node_equal(const ml_node *a, const ml_node *b);

/* Where the scalars of a tree start, built once per file so that placing
 * a finding at its node costs O(log n), not a walk of the tree per
 * finding (80,000 related terms, each a finding, took 22 s). Every scalar
 * reachable from the root, key or value, sorted by line and column; of
 * two at one position the first in document order wins. */
typedef struct ml_node_index ml_node_index;

/* ML_OK, ML_ENOMEM, or ML_ELIMIT past ML_NODE_INDEX_MAX scalars. */
#define ML_NODE_INDEX_MAX ((size_t)4 * 1000 * 1000)
int ml_node_index_build(const ml_node *root, ml_node_index **out);
/* The scalar starting at line:column, or NULL. */
const ml_node *ml_node_index_find(const ml_node_index *x, int line, int column);
void ml_node_index_free(ml_node_index *x);

#endif
