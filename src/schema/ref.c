/* schema/ref.c - the compiler's bookkeeping: its errors and strings, a
 * private copy of the
 * schema tree, the registry of schema resources ($id) and anchors
 * ($anchor, $dynamicAnchor), and the resolution of every $ref and
 * $dynamicRef (RFC 3986 against the base URI, then a JSON pointer or an
 * anchor) to the compiled schema it designates. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "schema/internal.h"
#include "util/common.h"

#define COPY_DEPTH_MAX 1000

/* ---- errors and strings ---- */

int sch_fail(sch_cc *c, const ml_node *at, const char *fmt, ...)
{
	va_list ap;

	if (c->result)
		return c->result;
	c->result = ML_EINVAL;
	if (c->err) {
		ml_buf_clear(c->err);
		ml_buf_printf(c->err, "schema %d:%d: ", at ? at->line : 0,
			      at ? at->column : 0);
		va_start(ap, fmt);
		ml_buf_vprintf(c->err, fmt, ap);
		va_end(ap);
	}
	return c->result;
}

int sch_oom(sch_cc *c)
{
	if (!c->result) {
		c->result = ML_ENOMEM;
		if (c->err) {
			ml_buf_clear(c->err);
			ml_buf_puts(c->err, "schema: out of memory");
		}
	}
	return c->result;
}

const char *sch_intern(sch_cc *c, const char *str, size_t len)
{
	const char *p = ml_tree_strndup(c->s->arena, str, len);
	if (!p)
		sch_oom(c);
	return p;
}

/* ---- pointer map ---- */

static size_t ptr_hash(const void *p)
{
	size_t h = (size_t)p;
	h ^= h >> 17;
	h *= (size_t)0x9E3779B97F4A7C15ull;
	return h ^ (h >> 29);
}

void *sch_ptrmap_get(const sch_ptrmap *m, const void *key)
{
	size_t i;

	if (!m->cap)
		return NULL;
	for (i = ptr_hash(key) & (m->cap - 1); m->slots[i].key;
	     i = (i + 1) & (m->cap - 1))
		if (m->slots[i].key == key)
			return m->slots[i].val;
	return NULL;
}

static void slot_insert(sch_slot *slots, size_t cap, const void *key, void *val)
{
	size_t i;

	for (i = ptr_hash(key) & (cap - 1); slots[i].key;
	     i = (i + 1) & (cap - 1))
		;
	slots[i].key = key;
	slots[i].val = val;
}

int sch_ptrmap_put(sch_ptrmap *m, const void *key, void *val)
{
	size_t j, ncap;
	sch_slot *ns;

	if ((m->len + 1) * 2 > m->cap) {
		ncap = m->cap ? m->cap * 2 : 64;
		ns = calloc(ncap, sizeof(*ns));
		if (!ns)
			return ML_ENOMEM;
		for (j = 0; j < m->cap; j++)
			if (m->slots[j].key)
				slot_insert(ns, ncap, m->slots[j].key,
					    m->slots[j].val);
		free(m->slots);
		m->slots = ns;
		m->cap = ncap;
	}
	slot_insert(m->slots, m->cap, key, val);
	m->len++;
	return ML_OK;
}

/* ---- private copy of the schema tree ---- */

static ml_node *copy_node(sch_cc *c, const ml_node *n, int depth)
{
	ml_node *d = sch_ptrmap_get(&c->copies, n);
	size_t i;

	if (d || c->result)
		return d;
	if (depth > COPY_DEPTH_MAX) {
		sch_fail(c, n, "schema nested too deeply");
		return NULL;
	}
	if (!(d = ml_tree_alloc(c->s->arena, sizeof(*d))))
		goto nomem;
	*d = *n;
	if (n->str && !(d->str = ml_tree_strndup(c->s->arena, n->str, n->len)))
		goto nomem;
	if (n->nitems && !(d->items = ml_tree_alloc(
				   c->s->arena, n->nitems * sizeof(ml_node *))))
		goto nomem;
	if (n->npairs && !(d->pairs = ml_tree_alloc(
				   c->s->arena, n->npairs * sizeof(ml_pair))))
		goto nomem;
	if (sch_ptrmap_put(&c->copies, n, d))
		goto nomem;
	for (i = 0; i < n->nitems; i++)
		if (!(d->items[i] = copy_node(c, n->items[i], depth + 1)))
			return NULL;
	for (i = 0; i < n->npairs; i++)
		if (!(d->pairs[i].key =
			      copy_node(c, n->pairs[i].key, depth + 1)) ||
		    !(d->pairs[i].value =
			      copy_node(c, n->pairs[i].value, depth + 1)))
			return NULL;
	return d;
nomem:
	sch_oom(c);
	return NULL;
}

ml_node *sch_copy_tree(sch_cc *c, const ml_node *n)
{
	return copy_node(c, n, 0);
}

/* ---- registries ---- */

static const sch_res_entry *find_resource(const sch_cc *c, const char *uri,
					  size_t len)
{
	size_t i;

	for (i = 0; i < c->nres; i++)
		if (strlen(c->res[i].uri) == len &&
		    memcmp(c->res[i].uri, uri, len) == 0)
			return &c->res[i];
	return NULL;
}

sch_resource *sch_add_resource(sch_cc *c, const char *uri, const ml_node *n)
{
	const sch_res_entry *old = find_resource(c, uri, strlen(uri));
	sch_resource *r;

	if (old)
		return old->node == n ? old->res : NULL;
	if (ml_grow((void **)&c->res, &c->capres, c->nres + 1,
		    sizeof(*c->res))) {
		sch_oom(c);
		return NULL;
	}
	r = ml_tree_alloc(c->s->arena, sizeof(*r));
	if (!r) {
		sch_oom(c);
		return NULL;
	}
	r->uri = uri;
	c->res[c->nres].uri = uri;
	c->res[c->nres].node = n;
	c->res[c->nres].res = r;
	c->nres++;
	return r;
}

int sch_add_anchor(sch_cc *c, const char *uri, const ml_node *name,
		   const ml_node *n, sch_resource *res, int dynamic)
{
	sch_anchor_entry *a;
	size_t i;

	if (name->type != ML_NODE_STRING || name->len == 0)
		return sch_fail(c, name, "\"%s\" must be a non-empty string",
				dynamic ? "$dynamicAnchor" : "$anchor");
	for (i = 0; i < c->nanchors; i++) {
		a = &c->anchors[i];
		if (strcmp(a->uri, uri) == 0 &&
		    strcmp(a->name, name->str) == 0) {
			if (a->node != n)
				return sch_fail(c, name,
						"duplicate anchor \"%s\"",
						name->str);
			a->dynamic |= dynamic;
			return ML_OK;
		}
	}
	if (ml_grow((void **)&c->anchors, &c->capanchors, c->nanchors + 1,
		    sizeof(*c->anchors)))
		return sch_oom(c);
	a = &c->anchors[c->nanchors++];
	a->uri = uri;
	a->name = name->str;
	a->node = n;
	a->res = res;
	a->dynamic = dynamic;
	return ML_OK;
}

int sch_add_ref(sch_cc *c, sch *owner, const ml_node *ref, const char *base,
		int dynamic)
{
	sch_pending_ref *r;

	if (ref->type != ML_NODE_STRING)
		return sch_fail(c, ref, "\"%s\" must be a string",
				dynamic ? "$dynamicRef" : "$ref");
	if (ml_grow((void **)&c->refs, &c->caprefs, c->nrefs + 1,
		    sizeof(*c->refs)))
		return sch_oom(c);
	r = &c->refs[c->nrefs++];
	r->owner = owner;
	r->ref = ref;
	r->base = base;
	r->dynamic = dynamic;
	return ML_OK;
}

/* ---- $ref resolution ---- */

/* Percent-decode s[0..len) into out. */
static int pct_decode(const char *s, size_t len, ml_buf *out)
{
	return ml_percent_decode(s, len, out) ? ML_ENOMEM : ML_OK;
}

static const ml_node *pointer_step(const ml_node *n, const char *tok,
				   size_t len)
{
	char key[1024];
	size_t i, k = 0;

	for (i = 0; i < len && k < sizeof(key); i++) {
		if (tok[i] == '~' && i + 1 < len &&
		    (tok[i + 1] == '0' || tok[i + 1] == '1')) {
			key[k++] = tok[i + 1] == '0' ? '~' : '/';
			i++;
		} else {
			key[k++] = tok[i];
		}
	}
	if (i < len)
		return NULL;
	if (n->type == ML_NODE_MAP) {
		for (i = 0; i < n->npairs; i++) {
			const ml_node *kn = n->pairs[i].key;
			if (kn->str && kn->len == k &&
			    memcmp(kn->str, key, k) == 0)
				return n->pairs[i].value;
		}
		return NULL;
	}
	if (n->type == ML_NODE_SEQ && k > 0 && k < 10 &&
	    (key[0] != '0' || k == 1)) {
		size_t idx = 0;
		for (i = 0; i < k; i++) {
			if (key[i] < '0' || key[i] > '9')
				return NULL;
			idx = idx * 10 + (size_t)(key[i] - '0');
		}
		return idx < n->nitems ? n->items[idx] : NULL;
	}
	return NULL;
}

/* A decoded JSON pointer ("/a/b~1c") from node n. */
static const ml_node *pointer_walk(const ml_node *n, const char *p, size_t len)
{
	size_t i = 0, j;

	while (n && i < len) {
		if (p[i] != '/')
			return NULL;
		i++;
		for (j = i; j < len && p[j] != '/'; j++)
			;
		n = pointer_step(n, p + i, j - i);
		i = j;
	}
	return n;
}

static const sch_anchor_entry *find_anchor(const sch_cc *c, const char *uri,
					   size_t urilen, const char *name)
{
	size_t i;

	for (i = 0; i < c->nanchors; i++)
		if (strlen(c->anchors[i].uri) == urilen &&
		    memcmp(c->anchors[i].uri, uri, urilen) == 0 &&
		    strcmp(c->anchors[i].name, name) == 0)
			return &c->anchors[i];
	return NULL;
}

static int resolve_ref(sch_cc *c, size_t idx)
{
	sch_pending_ref r = c->refs[idx]; /* compile() may move c->refs */
	const sch_res_entry *doc;
	const sch_anchor_entry *a = NULL;
	const ml_node *target;
	const char *abs, *hash;
	size_t doclen;
	ml_buf frag = ML_BUF_INIT(ML_LIMIT_SHORT);
	sch *t;

	ml_buf_clear(&c->tmp);
	if (sch_uri_resolve(r.base, r.ref->str, r.ref->len, &c->tmp))
		return sch_fail(c, r.ref, "bad reference \"%s\"", r.ref->str);
	abs = ml_buf_cstr(&c->tmp);
	hash = strchr(abs, '#');
	doclen = hash ? (size_t)(hash - abs) : strlen(abs);
	if (!(doc = find_resource(c, abs, doclen)))
		return sch_fail(c, r.ref,
				"cannot resolve \"%s\" (only references within "
				"the schema are supported)",
				r.ref->str);
	if (pct_decode(hash ? hash + 1 : "", hash ? strlen(hash + 1) : 0,
		       &frag))
		return sch_oom(c);
	if (frag.len == 0) {
		target = doc->node;
	} else if (frag.ptr[0] == '/') {
		target = pointer_walk(doc->node, frag.ptr, frag.len);
	} else {
		a = find_anchor(c, abs, doclen, frag.ptr);
		target = a ? a->node : NULL;
	}
	if (!target) {
		ml_buf_dispose(&frag);
		return sch_fail(c, r.ref, "cannot resolve \"%s\"", r.ref->str);
	}
	t = c->compile(c, target, doc->uri, doc->res);
	if (t && r.dynamic) {
		r.owner->dynref = t;
		if (a && a->dynamic)
			r.owner->dynref_anchor =
				sch_intern(c, frag.ptr, frag.len);
	} else if (t) {
		r.owner->ref = t;
	}
	ml_buf_dispose(&frag);
	return c->result;
}

/* Each resource gets the list of its $dynamicAnchors. */
static int collect_dynamic(sch_cc *c)
{
	size_t i, j;

	for (i = 0; i < c->nanchors; i++) {
		sch_anchor_entry *a = &c->anchors[i];
		sch_resource *r = a->res;
		sch_anchor *na;
		if (!a->dynamic || !r)
			continue;
		na = ml_tree_alloc(c->s->arena, (r->ndyn + 1) * sizeof(*na));
		if (!na)
			return sch_oom(c);
		for (j = 0; j < r->ndyn; j++)
			na[j] = r->dyn[j];
		na[r->ndyn].name = a->name;
		na[r->ndyn].s = sch_ptrmap_get(&c->compiled, a->node);
		r->dyn = na;
		r->ndyn++;
	}
	return ML_OK;
}

int sch_resolve_refs(sch_cc *c)
{
	size_t i;

	for (i = 0; i < c->nrefs && !c->result; i++)
		resolve_ref(c, i);
	if (!c->result)
		collect_dynamic(c);
	return c->result;
}

void sch_cc_dispose(sch_cc *c)
{
	free(c->compiled.slots);
	free(c->copies.slots);
	free(c->res);
	free(c->anchors);
	free(c->refs);
	ml_buf_dispose(&c->tmp);
}
