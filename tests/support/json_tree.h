/* json_tree.h - JSON text (jansson) to an ml_node tree, for tests.
 *
 * Integers become ML_NODE_INT, reals ML_NODE_FLOAT (num set, str holds
 * the text), strings keep embedded NULs (len is the byte length), object
 * members keep document order. JSON has no positions worth keeping here:
 * every node gets line = its pre-order number (1-based), column 1, which
 * is enough to tell nodes apart in assertions. */
#ifndef ML_JSON_TREE_H
#define ML_JSON_TREE_H

#include <jansson.h>

#include "parse/node.h"

/* Convert j into nodes of t. NULL when out of memory. */
ml_node *ml_json_to_node(ml_tree *t, const json_t *j);

/* Parse JSON text into a new tree (root set). NULL on a syntax error
 * (message in err, when given) or when out of memory. */
ml_tree *ml_json_tree_parse(const char *text, size_t len, json_error_t *err);

#endif
