/* schema/eval.c - validates an ml_node tree against a compiled schema.
 *
 * eval() runs in one of two modes. Reporting mode (rep != 0) reports every
 * fault once, with its JSON pointer, and returns their count. The silent
 * mode returns 1 at the first fault: it is used for the branches of
 * anyOf/oneOf/not/if/contains, whose failure is reported once by the
 * caller. Paths and dynamic scopes are linked lists on the C stack, so
 * validating a valid instance allocates nothing (large arrays under
 * unevaluated* excepted). Annotations for unevaluatedProperties/Items are
 * bit sets over the instance's pairs or items, passed down to in-place
 * applicators only when some schema asks for them. */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema/internal.h"
#include "util/common.h"

#define EVAL_DEPTH_MAX 256

static int eval(sch_vctx *v, const sch *s, const ml_node *in,
		const sch_vpath *p, const sch_vscope *sc, int rep,
		sch_evalset *ev);

/* ---- annotation sets ---- */

static int set_init(sch_vctx *v, sch_evalset *e, size_t n)
{
	size_t words = (n + 63) / 64;

	e->n = n;
	if (words <= ML_ARRAY_LEN(e->small)) {
		e->bits = e->small;
		memset(e->small, 0, sizeof(e->small));
		return 0;
	}
	e->bits = calloc(words, sizeof(uint64_t));
	if (!e->bits) {
		v->internal = ML_ENOMEM;
		e->bits = e->small;
		e->n = 0;
		return -1;
	}
	return 0;
}

static void set_dispose(sch_evalset *e)
{
	if (e->bits != e->small)
		free(e->bits);
}

static void set_mark(sch_evalset *e, size_t i)
{
	if (e && i < e->n)
		e->bits[i / 64] |= (uint64_t)1 << (i % 64);
}

static int set_has(const sch_evalset *e, size_t i)
{
	return i < e->n && (e->bits[i / 64] >> (i % 64)) & 1;
}

static void set_merge(sch_evalset *dst, const sch_evalset *src)
{
	size_t i;

	if (!dst)
		return;
	for (i = 0; i < (dst->n + 63) / 64 && i < (src->n + 63) / 64; i++)
		dst->bits[i] |= src->bits[i];
}

static size_t inst_size(const ml_node *in)
{
	return in->type == ML_NODE_MAP	 ? in->npairs
	       : in->type == ML_NODE_SEQ ? in->nitems
					 : 0;
}

/* ---- arrays ---- */

static int check_contains(sch_vctx *v, const sch *s, const ml_node *in,
			  const sch_vpath *p, const sch_vscope *sc, int rep,
			  sch_evalset *ev)
{
	size_t i, count = 0;
	int exhaustive = ev || s->max_contains >= 0;

	for (i = 0; i < in->nitems; i++) {
		if (eval(v, s->contains, in->items[i], p, sc, 0, NULL))
			continue;
		count++;
		set_mark(ev, i);
		if (!exhaustive && count >= (size_t)s->min_contains)
			return 0;
	}
	if (count < (size_t)s->min_contains) {
		if (s->min_contains == 1)
			return sch_fault(v, rep, in, p,
					 "does not contain a matching item "
					 "(contains)");
		return sch_fault(v, rep, in, p,
				 "contains %zu matching items, at least %lld "
				 "required (minContains)",
				 count, s->min_contains);
	}
	if (s->max_contains >= 0 && count > (size_t)s->max_contains)
		return sch_fault(v, rep, in, p,
				 "contains %zu matching items, at most %lld "
				 "allowed (maxContains)",
				 count, s->max_contains);
	return 0;
}

static int check_items(sch_vctx *v, const sch *s, const ml_node *in,
		       const sch_vpath *p, const sch_vscope *sc, int rep,
		       sch_evalset *ev)
{
	size_t i;
	int errs = 0;

	for (i = 0; i < in->nitems && (i < s->nprefix || s->items); i++) {
		const sch *sub = i < s->nprefix ? s->prefix[i] : s->items;
		sch_vpath ip = { p, NULL, i };
		set_mark(ev, i);
		if (sub->always == 0 && i >= s->nprefix) {
			errs += sch_fault(
				v, rep, in->items[i], &ip,
				"unexpected item: at most %zu allowed "
				"(items is false)",
				s->nprefix);
			break;
		}
		errs += eval(v, sub, in->items[i], &ip, sc, rep, NULL);
		if (errs && !rep)
			return errs;
	}
	return errs;
}

static int check_array(sch_vctx *v, const sch *s, const ml_node *in,
		       const sch_vpath *p, const sch_vscope *sc, int rep,
		       sch_evalset *ev)
{
	size_t n = in->nitems, a, b;
	int errs = 0, dup;

	if (s->min_items >= 0 && n < (size_t)s->min_items)
		errs += sch_fault(v, rep, in, p,
				  "has %zu items, at least %lld required "
				  "(minItems)",
				  n, s->min_items);
	if (s->max_items >= 0 && n > (size_t)s->max_items)
		errs += sch_fault(
			v, rep, in, p,
			"has %zu items, at most %lld allowed (maxItems)", n,
			s->max_items);
	if (errs && !rep)
		return errs;
	errs += check_items(v, s, in, p, sc, rep, ev);
	if (errs && !rep)
		return errs;
	if (s->unique && n > 1 && (dup = sch_find_duplicate(in, &a, &b))) {
		sch_vpath ip = { p, NULL, b };
		if (dup < 0) {
			v->internal = dup;
			return errs + 1;
		}
		errs += sch_fault(v, rep, in->items[b], &ip,
				  "duplicate of item %zu (uniqueItems)", a);
		if (!rep)
			return errs;
	}
	if (s->contains)
		errs += check_contains(v, s, in, p, sc, rep, ev);
	return errs;
}

/* ---- objects ---- */

static int has_key(const ml_node *map, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < map->npairs; i++) {
		const ml_node *k = map->pairs[i].key;
		if (k->str && k->len == len && memcmp(k->str, name, len) == 0)
			return 1;
	}
	return 0;
}

/* The schema whose keyword is checked next, for its own wording
 * (ml_schema_validate_detail); both return 0 so that they sum. */
static int worded(sch_vctx *v, const sch *s, const char *kw, int own)
{
	v->cur = s;
	v->kw = kw;
	v->own = own;
	return 0;
}

static int unworded(sch_vctx *v)
{
	v->cur = NULL;
	v->kw = NULL;
	return 0;
}

static int missing_key(sch_vctx *v, int rep, const ml_node *in,
		       const sch_vpath *p, const ml_node *key,
		       const sch_depreq *because)
{
	ml_buf q = ML_BUF_INIT(ML_LIMIT_SHORT);
	int r;

	if (!rep)
		return 1;
	ml_buf_init(&q, 1024);
	sch_put_str(&q, key->str, key->len, 0);
	if (because) {
		ml_buf_puts(&q, " (required when ");
		sch_put_str(&q, because->name, because->len, 0);
		ml_buf_puts(&q, " is present)");
		r = sch_fault(v, rep, in, p, "missing key %s", ml_buf_cstr(&q));
	} else {
		r = sch_fault(v, rep, in, p, "missing required key %s",
			      ml_buf_cstr(&q));
	}
	ml_buf_dispose(&q);
	return r;
}

static int check_required(sch_vctx *v, const sch *s, const ml_node *in,
			  const sch_vpath *p, int rep)
{
	size_t i, j;
	int errs = 0;

	for (i = 0; s->required && i < s->required->nitems; i++) {
		const ml_node *r = s->required->items[i];
		if (has_key(in, r->str, r->len))
			continue;
		(void)worded(v, s, "required", 0);
		errs += missing_key(v, rep, in, p, r, NULL);
		(void)unworded(v);
		if (!rep)
			return errs;
	}
	for (i = 0; i < s->ndepreq; i++) {
		const sch_depreq *d = &s->depreq[i];
		if (!has_key(in, d->name, d->len))
			continue;
		for (j = 0; j < d->keys->nitems; j++) {
			const ml_node *r = d->keys->items[j];
			if (has_key(in, r->str, r->len))
				continue;
			errs += missing_key(v, rep, in, p, r, d);
			if (!rep)
				return errs;
		}
	}
	return errs;
}

static const sch *find_prop(const sch *s, const ml_node *k)
{
	size_t i;

	for (i = 0; i < s->nprops; i++)
		if (s->props[i].len == k->len &&
		    memcmp(s->props[i].name, k->str, k->len) == 0)
			return s->props[i].s;
	return NULL;
}

/* properties, patternProperties, additionalProperties for one pair. */
static int check_pair(sch_vctx *v, const sch *s, const ml_pair *pr, size_t idx,
		      const sch_vpath *p, const sch_vscope *sc, int rep,
		      sch_evalset *ev)
{
	const ml_node *k = pr->key;
	sch_vpath kp = { p, k, 0 };
	const sch *sub;
	size_t i;
	int errs = 0, seen = 0;

	if (k->str && (sub = find_prop(s, k))) {
		seen = 1;
		errs += eval(v, sub, pr->value, &kp, sc, rep, NULL);
		if (errs && !rep)
			return errs;
	}
	for (i = 0; k->str && i < s->npats; i++) {
		if (!sch_regex_match(v, s->pats[i].re, s->pats[i].src, k))
			continue;
		seen = 1;
		errs += eval(v, s->pats[i].s, pr->value, &kp, sc, rep, NULL);
		if (errs && !rep)
			return errs;
	}
	if (seen || !s->additional) {
		if (seen)
			set_mark(ev, idx);
		return errs;
	}
	set_mark(ev, idx);
	if (s->additional->always == 0)
		return errs + sch_fault(v, rep, k, &kp,
					"unknown key (additionalProperties is "
					"false)");
	return errs + eval(v, s->additional, pr->value, &kp, sc, rep, NULL);
}

static int check_names(sch_vctx *v, const sch *s, const ml_node *in,
		       const sch_vpath *p, const sch_vscope *sc, int rep)
{
	size_t i;
	int errs = 0;

	for (i = 0; i < in->npairs; i++) {
		const ml_node *k = in->pairs[i].key;
		ml_node view;
		sch_vpath kp = { p, k, 0 };
		if (!k->str)
			continue;
		if (k->type != ML_NODE_STRING) {
			/* JSON property names are strings: so is a YAML key */
			view = *k;
			view.type = ML_NODE_STRING;
			k = &view;
		}
		errs += eval(v, s->prop_names, k, &kp, sc, rep, NULL);
		if (errs && !rep)
			return errs;
	}
	return errs;
}

static int check_object(sch_vctx *v, const sch *s, const ml_node *in,
			const sch_vpath *p, const sch_vscope *sc, int rep,
			sch_evalset *ev)
{
	size_t n = in->npairs, i;
	int errs = 0;

	if (s->min_props >= 0 && n < (size_t)s->min_props)
		errs += sch_fault(v, rep, in, p,
				  "has %zu keys, at least %lld required "
				  "(minProperties)",
				  n, s->min_props);
	if (s->max_props >= 0 && n > (size_t)s->max_props)
		errs += sch_fault(v, rep, in, p,
				  "has %zu keys, at most %lld allowed "
				  "(maxProperties)",
				  n, s->max_props);
	errs += check_required(v, s, in, p, rep);
	if (errs && !rep)
		return errs;
	if (s->nprops || s->npats || s->additional) {
		for (i = 0; i < n; i++) {
			errs += check_pair(v, s, &in->pairs[i], i, p, sc, rep,
					   ev);
			if (errs && !rep)
				return errs;
		}
	}
	if (s->prop_names)
		errs += check_names(v, s, in, p, sc, rep);
	for (i = 0; i < s->ndepsch && (!errs || rep); i++)
		if (has_key(in, s->depsch[i].name, s->depsch[i].len))
			errs += eval(v, s->depsch[i].s, in, p, sc, rep, ev);
	return errs;
}

/* ---- in-place applicators ---- */

/* Evaluate a branch silently; with annotations wanted, collect them in a
 * temporary set that only a passing branch merges into ev. */
static int try_branch(sch_vctx *v, const sch *s, const ml_node *in,
		      const sch_vpath *p, const sch_vscope *sc, sch_evalset *ev)
{
	sch_evalset tmp;
	int bad;

	if (!ev)
		return eval(v, s, in, p, sc, 0, NULL);
	if (set_init(v, &tmp, ev->n))
		return 1;
	bad = eval(v, s, in, p, sc, 0, &tmp);
	if (!bad)
		set_merge(ev, &tmp);
	set_dispose(&tmp);
	return bad;
}

static int check_any_one(sch_vctx *v, const sch *s, const ml_node *in,
			 const sch_vpath *p, const sch_vscope *sc, int rep,
			 sch_evalset *ev)
{
	size_t i, ok = 0, first = 0, second = 0;
	int errs = 0;

	if (s->nany_of) {
		for (i = 0; i < s->nany_of && (ev || !ok); i++)
			ok += !try_branch(v, s->any_of[i], in, p, sc, ev);
		if (!ok)
			errs += sch_fault(v, rep, in, p,
					  "does not match any of the anyOf "
					  "alternatives");
		if (errs && !rep)
			return errs;
	}
	if (s->none_of) {
		for (ok = 0, i = 0; i < s->none_of && (ev || ok < 2); i++) {
			if (try_branch(v, s->one_of[i], in, p, sc, ev))
				continue;
			if (ok++ == 0)
				first = i;
			else if (ok == 2)
				second = i;
		}
		if (ok == 0)
			errs += sch_fault(v, rep, in, p,
					  "does not match any of the oneOf "
					  "alternatives");
		else if (ok > 1)
			errs += sch_fault(v, rep, in, p,
					  "matches more than one of the oneOf "
					  "alternatives (%zu and %zu)",
					  first + 1, second + 1);
	}
	return errs;
}

static int check_conditionals(sch_vctx *v, const sch *s, const ml_node *in,
			      const sch_vpath *p, const sch_vscope *sc, int rep,
			      sch_evalset *ev)
{
	int errs = 0;
	size_t i;

	for (i = 0; i < s->nall_of; i++) {
		errs += eval(v, s->all_of[i], in, p, sc, rep, ev);
		if (errs && !rep)
			return errs;
	}
	if (s->nany_of || s->none_of) {
		errs += check_any_one(v, s, in, p, sc, rep, ev);
		if (errs && !rep)
			return errs;
	}
	if (s->not_ && !eval(v, s->not_, in, p, sc, 0, NULL)) {
		errs += sch_fault(v, rep, in, p,
				  "must not match the \"not\" schema");
		if (!rep)
			return errs;
	}
	if (s->if_ && (s->then_ || s->else_ || ev)) {
		const sch *branch = try_branch(v, s->if_, in, p, sc, ev)
					    ? s->else_
					    : s->then_;
		if (branch)
			errs += eval(v, branch, in, p, sc, rep, ev);
	}
	return errs;
}

static const sch *dynamic_target(const sch *s, const sch_vscope *sc)
{
	const sch *t = s->dynref;
	size_t i;

	if (!s->dynref_anchor)
		return t;
	/* the outermost resource in scope with that $dynamicAnchor wins */
	for (; sc; sc = sc->up)
		for (i = 0; i < sc->res->ndyn; i++)
			if (strcmp(sc->res->dyn[i].name, s->dynref_anchor) == 0)
				t = sc->res->dyn[i].s;
	return t;
}

static int check_unevaluated(sch_vctx *v, const sch *s, const ml_node *in,
			     const sch_vpath *p, const sch_vscope *sc, int rep,
			     sch_evalset *lev)
{
	size_t i;
	int errs = 0;

	if (in->type == ML_NODE_MAP && s->uneval_props) {
		for (i = 0; i < in->npairs; i++) {
			const ml_pair *pr = &in->pairs[i];
			sch_vpath kp = { p, pr->key, 0 };
			if (set_has(lev, i))
				continue;
			set_mark(lev, i);
			if (s->uneval_props->always == 0)
				errs += sch_fault(v, rep, pr->key, &kp,
						  "unknown key "
						  "(unevaluatedProperties is "
						  "false)");
			else
				errs += eval(v, s->uneval_props, pr->value, &kp,
					     sc, rep, NULL);
			if (errs && !rep)
				return errs;
		}
	}
	if (in->type == ML_NODE_SEQ && s->uneval_items) {
		for (i = 0; i < in->nitems; i++) {
			sch_vpath ip = { p, NULL, i };
			if (set_has(lev, i))
				continue;
			set_mark(lev, i);
			if (s->uneval_items->always == 0)
				errs += sch_fault(
					v, rep, in->items[i], &ip,
					"unexpected item "
					"(unevaluatedItems is false)");
			else
				errs += eval(v, s->uneval_items, in->items[i],
					     &ip, sc, rep, NULL);
			if (errs && !rep)
				return errs;
		}
	}
	return errs;
}

/* Keywords on the value itself. A failing "type", "const" or "enum"
 * rejects the value as a whole (*rejected): nothing else of this schema is
 * checked, so that one wrong value gives one finding. */
static int check_value(sch_vctx *v, const sch *s, const ml_node *in,
		       const sch_vpath *p, const sch_vscope *sc, int rep,
		       sch_evalset *ev, int *rejected)
{
	int errs;

	*rejected = 1;
	if (s->types && (errs = worded(v, s, "type", 1) +
				sch_check_type(v, s, in, p, rep) + unworded(v)))
		return errs;
	if (s->const_ &&
	    (errs = worded(v, s, "const", 1) +
		    sch_check_const(v, s, in, p, rep) + unworded(v)))
		return errs;
	if (s->enum_ && (errs = worded(v, s, "enum", 1) +
				sch_check_enum(v, s, in, p, rep) + unworded(v)))
		return errs;
	*rejected = 0;
	switch (in->type) {
	case ML_NODE_STRING:
		errs = worded(v, s, NULL, 1) +
		       sch_check_string(v, s, in, p, rep);
		return errs + unworded(v);
	case ML_NODE_INT:
	case ML_NODE_FLOAT:
		if (!s->numflags)
			return 0;
		errs = worded(v, s, NULL, 1) +
		       sch_check_number(v, s, in, p, rep);
		return errs + unworded(v);
	case ML_NODE_SEQ: return check_array(v, s, in, p, sc, rep, ev);
	case ML_NODE_MAP: return check_object(v, s, in, p, sc, rep, ev);
	default: return 0;
	}
}

static int eval_body(sch_vctx *v, const sch *s, const ml_node *in,
		     const sch_vpath *p, const sch_vscope *sc, int rep,
		     sch_evalset *ev)
{
	int rejected;
	int errs = check_value(v, s, in, p, sc, rep, ev, &rejected);

	if (errs && (!rep || rejected))
		return errs;
	if (s->ref) {
		errs += eval(v, s->ref, in, p, sc, rep, ev);
		if (errs && !rep)
			return errs;
	}
	if (s->dynref) {
		errs += eval(v, dynamic_target(s, sc), in, p, sc, rep, ev);
		if (errs && !rep)
			return errs;
	}
	return errs + check_conditionals(v, s, in, p, sc, rep, ev);
}

static int eval(sch_vctx *v, const sch *s, const ml_node *in,
		const sch_vpath *p, const sch_vscope *sc, int rep,
		sch_evalset *ev)
{
	sch_vscope inner;
	sch_evalset local, *cur = ev;
	int errs;

	if (++v->steps > v->budget) {
		/* nested applicators re-evaluate one instance per branch: a
		 * few KB of anyOf/allOf can ask for 2^n evaluations */
		if (!v->internal)
			v->internal = ML_ELIMIT;
		v->out_of_steps = 1;
		return 1;
	}
	if (s->always >= 0)
		return s->always
			       ? 0
			       : sch_fault(
					 v, rep, in, p,
					 "is not allowed here (false schema)");
	if (v->depth >= EVAL_DEPTH_MAX || v->internal) {
		if (!v->depth_reported && !v->internal) {
			/* reported even inside a silent branch, and counted */
			v->depth_reported = 1;
			v->silent_faults += !rep;
			return sch_fault(
				v, 1, in, p,
				"schema nesting too deep (a $ref cycle?)");
		}
		v->suppressed += rep &&
				 !v->internal; /* counted, not reported */
		return 1;
	}
	if (!sc || sc->res != s->res) {
		inner.up = sc;
		inner.res = s->res;
		sc = &inner;
	}
	if ((s->uneval_props && in->type == ML_NODE_MAP) ||
	    (s->uneval_items && in->type == ML_NODE_SEQ)) {
		if (set_init(v, &local, inst_size(in)))
			return 1;
		cur = &local;
	}
	v->depth++;
	errs = eval_body(v, s, in, p, sc, rep, cur);
	if (cur != ev && (!errs || rep)) {
		errs += check_unevaluated(v, s, in, p, sc, rep, cur);
		set_merge(ev, cur);
	}
	v->depth--;
	if (cur != ev)
		set_dispose(cur);
	return errs;
}

unsigned long long ml_schema_step_budget(const ml_node *instance)
{
	size_t n = instance && instance->weight ? instance->weight : 1;

	return ML_SCHEMA_STEPS_BASE +
	       (unsigned long long)n * ML_SCHEMA_STEPS_PER_NODE;
}

static int validate(const ml_schema *s, const ml_node *instance,
		    ml_schema_report_fn report, ml_schema_detail_fn detail,
		    void *ctx, int *steps_spent)
{
	uint64_t seen[SCH_SEEN_SLOTS]; /* cleared on the first fault only */
	sch_vctx v;
	int errs;

	if (steps_spent)
		*steps_spent = 0;
	if (!s || !instance)
		return ML_EINVAL;
	memset(&v, 0, sizeof(v));
	v.seen = seen;
	v.s = (ml_schema *)s; /* only the atomic match-data pool changes */
	v.report = report;
	v.detail = detail;
	v.ctx = ctx;
	v.budget = ml_schema_step_budget(instance);
	errs = eval(&v, s->root, instance, NULL, NULL, 1, NULL);
	sch_match_data_release(&v);
	ml_buf_dispose(&v.msg);
	if (steps_spent)
		*steps_spent = v.out_of_steps;
	if (v.internal)
		return v.internal;
	return errs + v.silent_faults - v.suppressed;
}

int ml_schema_validate(const ml_schema *s, const ml_node *instance,
		       ml_schema_report_fn report, void *ctx)
{
	return validate(s, instance, report, NULL, ctx, NULL);
}

int ml_schema_validate_ex(const ml_schema *s, const ml_node *instance,
			  ml_schema_report_fn report, void *ctx,
			  int *steps_spent)
{
	return validate(s, instance, report, NULL, ctx, steps_spent);
}

int ml_schema_validate_detail(const ml_schema *s, const ml_node *instance,
			      ml_schema_detail_fn report, void *ctx,
			      int *steps_spent)
{
	return validate(s, instance, NULL, report, ctx, steps_spent);
}
