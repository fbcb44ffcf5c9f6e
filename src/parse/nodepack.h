/* parse/nodepack.h - a value tree (parse/node.h) as constant tables
 * without pointers, and the tree made again from them.
 *
 * A build-time generator (src/gen/schema_gen.c) parses a YAML file with
 * ml_yaml_parse and writes its tree in this form; at run time
 * ml_tree_unpack rebuilds the very tree, positions and all, in two
 * arena allocations, instead of parsing the text again (issue 29: the
 * built-in article schema's parse was a fifth of a one-file run). The
 * tables hold no pointers, so they need no relocation at start-up. */
#ifndef ML_NODEPACK_H
#define ML_NODEPACK_H

#include <stddef.h>

#include "parse/node.h"

typedef struct {
	int type; /* ml_node_type */
	int line, column, end_line, end_column;
	int boolean;
	size_t str; /* offset into strings (scalars), ML_PACK_NOSTR else */
	size_t len;
	double num;
	size_t kids; /* first index into kids: SEQ its items, MAP its pairs
			as key, value, key, value ... */
	size_t nkids;
	size_t weight;
} ml_packed_node;

#define ML_PACK_NOSTR ((size_t)-1)

typedef struct {
	const ml_packed_node *nodes; /* nodes[0] is the root */
	size_t nnodes;
	const size_t *kids; /* indices into nodes */
	size_t nkids;
	const char *strings; /* NUL-terminated texts, one after another */
	size_t nstrings;     /* bytes, the last NUL included */
} ml_packed_tree;

/* A new tree equal to the packed one (its strings copied into the tree's
 * arena, so they may be changed in place as a parsed tree's may). ML_OK,
 * ML_ENOMEM, or ML_EINVAL when an index is out of range. */
int ml_tree_unpack(const ml_packed_tree *p, ml_tree **out);

#endif
