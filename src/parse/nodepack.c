/* parse/nodepack.c - a packed value tree (parse/nodepack.h) made into an
 * ml_tree: every node in one arena block, every item pointer and pair in
 * another, the strings copied. */
#include "parse/nodepack.h"

#include <string.h>

#include "util/common.h"

/* The arrays a packed tree needs: item pointers of SEQs, pairs of MAPs.
 * Non-zero when a range is out of bounds. */
static int count(const ml_packed_tree *p, size_t *nitems, size_t *npairs)
{
	size_t i;

	*nitems = *npairs = 0;
	for (i = 0; i < p->nnodes; i++) {
		const ml_packed_node *n = &p->nodes[i];

		if (n->kids > p->nkids || n->nkids > p->nkids - n->kids ||
		    (n->str != ML_PACK_NOSTR &&
		     (n->str >= p->nstrings || n->len >= p->nstrings - n->str)))
			return -1;
		if (n->type == ML_NODE_SEQ)
			*nitems += n->nkids;
		else if (n->type == ML_NODE_MAP)
			*npairs += n->nkids / 2;
	}
	for (i = 0; i < p->nkids; i++)
		if (p->kids[i] >= p->nnodes)
			return -1;
	return 0;
}

static void fill(const ml_packed_tree *p, ml_node *nodes, const char *strings,
		 ml_node **items, ml_pair *pairs)
{
	size_t i, k;

	for (i = 0; i < p->nnodes; i++) {
		const ml_packed_node *s = &p->nodes[i];
		const size_t *kid = p->kids + s->kids;
		ml_node *n = &nodes[i];

		n->type = (ml_node_type)s->type;
		n->line = s->line;
		n->column = s->column;
		n->end_line = s->end_line;
		n->end_column = s->end_column;
		n->boolean = s->boolean;
		n->str = s->str == ML_PACK_NOSTR ? NULL : strings + s->str;
		n->len = s->len;
		n->num = s->num;
		n->weight = s->weight;
		if (s->type == ML_NODE_SEQ && s->nkids) {
			n->items = items;
			n->nitems = s->nkids;
			for (k = 0; k < s->nkids; k++)
				*items++ = &nodes[kid[k]];
		} else if (s->type == ML_NODE_MAP && s->nkids >= 2) {
			n->pairs = pairs;
			n->npairs = s->nkids / 2;
			for (k = 0; k + 1 < s->nkids; k += 2, pairs++) {
				pairs->key = &nodes[kid[k]];
				pairs->value = &nodes[kid[k + 1]];
			}
		}
	}
}

int ml_tree_unpack(const ml_packed_tree *p, ml_tree **out)
{
	size_t nitems, npairs;
	ml_node *nodes, **items = NULL;
	ml_pair *pairs = NULL;
	char *strings;
	ml_tree *t;

	*out = NULL;
	if (!p->nnodes || count(p, &nitems, &npairs))
		return ML_EINVAL;
	t = ml_tree_new();
	if (!t)
		return ML_ENOMEM;
	nodes = ml_tree_alloc(t, p->nnodes * sizeof(ml_node));
	strings = ml_tree_alloc(t, p->nstrings ? p->nstrings : 1);
	if (nitems)
		items = ml_tree_alloc(t, nitems * sizeof(ml_node *));
	if (npairs)
		pairs = ml_tree_alloc(t, npairs * sizeof(ml_pair));
	if (!nodes || !strings || (nitems && !items) || (npairs && !pairs)) {
		ml_tree_free(t);
		return ML_ENOMEM;
	}
	memcpy(strings, p->strings, p->nstrings);
	fill(p, nodes, strings, items, pairs);
	ml_tree_set_root(t, nodes);
	*out = t;
	return ML_OK;
}
