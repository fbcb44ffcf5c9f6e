/* parse/node.c - arena-backed value tree with source positions. */
#include "parse/node.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/common.h"

#define ARENA_CHUNK 16384

typedef struct chunk {
	struct chunk *next;
	size_t used, size;
	max_align_t data[];
} chunk;

struct ml_tree {
	chunk *head;
	ml_node *root;
};

ml_tree *ml_tree_new(void)
{
	return calloc(1, sizeof(ml_tree));
}

void ml_tree_free(ml_tree *t)
{
	chunk *c, *next;

	if (!t)
		return;
	for (c = t->head; c; c = next) {
		next = c->next;
		free(c);
	}
	free(t);
}

ml_node *ml_tree_root(const ml_tree *t)
{
	return t->root;
}

void ml_tree_set_root(ml_tree *t, ml_node *root)
{
	t->root = root;
}

void *ml_tree_alloc(ml_tree *t, size_t size)
{
	size_t align = sizeof(max_align_t);
	chunk *c = t->head;
	void *p;

	size = (size + align - 1) / align * align;
	if (!c || c->size - c->used < size) {
		size_t csize = size > ARENA_CHUNK ? size : ARENA_CHUNK;
		c = malloc(sizeof(chunk) + csize);
		if (!c)
			return NULL;
		c->next = t->head;
		c->used = 0;
		c->size = csize;
		t->head = c;
	}
	p = (char *)c->data + c->used;
	c->used += size;
	memset(p, 0, size);
	return p;
}

ml_node *ml_tree_node(ml_tree *t, ml_node_type type, int line, int column)
{
	ml_node *n = ml_tree_alloc(t, sizeof(ml_node));
	if (!n)
		return NULL;
	n->type = type;
	n->line = n->end_line = line;
	n->column = n->end_column = column;
	n->weight = 1;
	return n;
}

const char *ml_tree_strndup(ml_tree *t, const char *s, size_t n)
{
	char *p = ml_tree_alloc(t, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Arrays live in the arena too, with power-of-two capacities (at least
 * 4): a full array is copied to a block twice its size and the old one is
 * abandoned, which bounds the waste to the array's own size. */
static int arena_grow(ml_tree *t, void **items, size_t len, size_t elem)
{
	size_t cap;
	void *p;

	if (len != 0 && (len < 4 || (len & (len - 1)) != 0))
		return 0; /* still room */
	cap = len == 0 ? 4 : len * 2;
	p = ml_tree_alloc(t, cap * elem);
	if (!p)
		return -1;
	if (len)
		memcpy(p, *items, len * elem);
	*items = p;
	return 0;
}

int ml_node_append(ml_tree *t, ml_node *seq, ml_node *item)
{
	if (arena_grow(t, (void **)&seq->items, seq->nitems, sizeof(ml_node *)))
		return -1;
	seq->items[seq->nitems++] = item;
	seq->weight += item->weight;
	return 0;
}

int ml_node_set(ml_tree *t, ml_node *map, ml_node *key, ml_node *value)
{
	if (arena_grow(t, (void **)&map->pairs, map->npairs, sizeof(ml_pair)))
		return -1;
	map->pairs[map->npairs].key = key;
	map->pairs[map->npairs].value = value;
	map->npairs++;
	map->weight += key->weight + value->weight;
	return 0;
}

const ml_node *ml_node_get(const ml_node *map, const char *key)
{
	size_t i, klen;

	if (!map || map->type != ML_NODE_MAP)
		return NULL;
	klen = strlen(key);
	for (i = 0; i < map->npairs; i++) {
		const ml_node *k = map->pairs[i].key;
		if (k->str && k->len == klen && memcmp(k->str, key, klen) == 0)
			return map->pairs[i].value;
	}
	return NULL;
}

int ml_node_is_scalar(const ml_node *n)
{
	return n && n->type != ML_NODE_SEQ && n->type != ML_NODE_MAP;
}

const char *ml_node_str(const ml_node *n)
{
	return ml_node_is_scalar(n) ? n->str : NULL;
}

const char *ml_node_type_name(ml_node_type t)
{
	static const char *names[] = { "null",	 "boolean", "integer", "number",
				       "string", "array",   "object" };
	return (size_t)t < sizeof(names) / sizeof(names[0]) ? names[t] : "?";
}

/* ---- equality --------------------------------------------------------- */

#define NODE_EQUAL_DEPTH_MAX 256

static int equal_at(const ml_node *a, const ml_node *b, int depth);

static int is_num(const ml_node *n)
{
	return n->type == ML_NODE_INT || n->type == ML_NODE_FLOAT;
}

static int key_equal(const ml_node *a, const ml_node *b, int depth)
{
	if (a->str && b->str)
		return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
	return equal_at(a, b, depth);
}

static int map_equal(const ml_node *a, const ml_node *b, int depth)
{
	size_t i, j;

	if (a->npairs != b->npairs)
		return 0;
	for (i = 0; i < a->npairs; i++) {
		for (j = 0; j < b->npairs; j++)
			if (key_equal(a->pairs[i].key, b->pairs[j].key, depth))
				break;
		if (j == b->npairs ||
		    !equal_at(a->pairs[i].value, b->pairs[j].value, depth))
			return 0;
	}
	return 1;
}

static int equal_at(const ml_node *a, const ml_node *b, int depth)
{
	size_t i;

	if (a == b)
		return 1;
	if (depth > NODE_EQUAL_DEPTH_MAX)
		return 0;
	if (is_num(a) && is_num(b))
		return a->num == b->num;
	if (a->type != b->type)
		return 0;
	switch (a->type) {
	case ML_NODE_NULL: return 1;
	case ML_NODE_BOOL: return !a->boolean == !b->boolean;
	case ML_NODE_STRING:
		return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
	case ML_NODE_SEQ:
		if (a->nitems != b->nitems)
			return 0;
		for (i = 0; i < a->nitems; i++)
			if (!equal_at(a->items[i], b->items[i], depth + 1))
				return 0;
		return 1;
	case ML_NODE_MAP: return map_equal(a, b, depth + 1);
	default: return 0;
	}
}

int ml_node_equal(const ml_node *a, const ml_node *b)
{
	if (!a || !b)
		return a == b;
	return equal_at(a, b, 0);
}

/* ---- the position index ----------------------------------------------- */

struct ml_node_index {
	const ml_node **at; /* sorted by (line, column, document order) */
	size_t n;
};

typedef struct {
	const ml_node *n;
	size_t order;
} index_entry;

static int entry_cmp(const void *pa, const void *pb)
{
	const index_entry *a = pa, *b = pb;

	if (a->n->line != b->n->line)
		return a->n->line < b->n->line ? -1 : 1;
	if (a->n->column != b->n->column)
		return a->n->column < b->n->column ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* Pushes n on the walk's stack (a growable array: no recursion, so any
 * depth is fine). */
static int push(const ml_node ***st, size_t *len, size_t *cap, const ml_node *n)
{
	if (*len == *cap) {
		size_t c = *cap ? *cap * 2 : 64;
		const ml_node **p = realloc(*st, c * sizeof(const ml_node *));
		if (!p)
			return ML_ENOMEM;
		*st = p;
		*cap = c;
	}
	(*st)[(*len)++] = n;
	return ML_OK;
}

/* The scalars in document order: a node's children are pushed in reverse
 * so that the first pops first. An alias is a shared node and is visited
 * where each of its uses is (the YAML reader bounds the expanded count);
 * the count is bounded here as well. */
static int collect(const ml_node *root, index_entry **out, size_t *nout)
{
	const ml_node **st = NULL;
	index_entry *v = NULL;
	size_t len = 0, cap = 0, n = 0, vcap = 0, visits = 0, i;
	int rc = ML_OK;

	if (root && (rc = push(&st, &len, &cap, root)))
		goto done;
	while (len) {
		const ml_node *x = st[--len];
		if (++visits > 4 * ML_NODE_INDEX_MAX) {
			rc = ML_ELIMIT;
			goto done;
		}
		if (ml_node_is_scalar(x)) {
			if (n == vcap) {
				size_t c = vcap ? vcap * 2 : 64;
				index_entry *p;
				if (c > ML_NODE_INDEX_MAX) {
					rc = ML_ELIMIT;
					goto done;
				}
				if (!(p = realloc(v, c * sizeof(*p)))) {
					rc = ML_ENOMEM;
					goto done;
				}
				v = p;
				vcap = c;
			}
			v[n].n = x;
			v[n].order = n;
			n++;
			continue;
		}
		for (i = x->nitems; i-- > 0;)
			if ((rc = push(&st, &len, &cap, x->items[i])))
				goto done;
		for (i = x->npairs; i-- > 0;)
			if ((rc = push(&st, &len, &cap, x->pairs[i].value)) ||
			    (rc = push(&st, &len, &cap, x->pairs[i].key)))
				goto done;
	}
done:
	free(st);
	if (rc) {
		free(v);
		v = NULL;
		n = 0;
	}
	*out = v;
	*nout = n;
	return rc;
}

int ml_node_index_build(const ml_node *root, ml_node_index **out)
{
	ml_node_index *x;
	index_entry *v;
	size_t n, i;
	int rc;

	*out = NULL;
	if ((rc = collect(root, &v, &n)))
		return rc;
	qsort(v, n, sizeof(*v), entry_cmp);
	x = calloc(1, sizeof(*x));
	if (!x || (n && !(x->at = malloc(n * sizeof(const ml_node *))))) {
		free(x);
		free(v);
		return ML_ENOMEM;
	}
	for (i = 0; i < n; i++)
		x->at[i] = v[i].n;
	x->n = n;
	free(v);
	*out = x;
	return ML_OK;
}

const ml_node *ml_node_index_find(const ml_node_index *x, int line, int column)
{
	size_t lo = 0, hi;

	if (!x)
		return NULL;
	hi = x->n;
	while (lo < hi) { /* the first entry at or after line:column */
		size_t mid = lo + (hi - lo) / 2;
		const ml_node *m = x->at[mid];
		if (m->line < line || (m->line == line && m->column < column))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < x->n && x->at[lo]->line == line && x->at[lo]->column == column)
		return x->at[lo];
	return NULL;
}

void ml_node_index_free(ml_node_index *x)
{
	if (!x)
		return;
	free(x->at);
	free(x);
}
