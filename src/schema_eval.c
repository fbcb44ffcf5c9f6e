/* schema_eval.c - validates an ml_node tree against a compiled schema.
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

#include "common.h"
#include "schema_int.h"

#define EVAL_DEPTH_MAX 256
#define SEEN_SLOTS 256

typedef struct vpath {
	const struct vpath *up;
	const ml_node *key; /* NULL: index */
	size_t index;
} vpath;

typedef struct vscope {
	const struct vscope *up;
	const sch_resource *res;
} vscope;

typedef struct {
	uint64_t *bits;
	size_t n;
	uint64_t small[4];
} evalset;

typedef struct {
	ml_schema *s;
	ml_schema_report_fn report;
	void *ctx;
	pcre2_match_data *md;
	int depth;
	int internal; /* an ml_result once something failed inside */
	int depth_reported;
	int silent_faults; /* reported from a silent branch */
	int suppressed;    /* counted, but not reported again */
	int seen_init;
	uint64_t *seen; /* SEEN_SLOTS hashes of reported (node, message) */
	ml_buf msg;
} vctx;

static int eval(vctx *v, const sch *s, const ml_node *in, const vpath *p,
		const vscope *sc, int rep, evalset *ev);

/* ---- annotation sets ---- */

static int set_init(vctx *v, evalset *e, size_t n)
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

static void set_dispose(evalset *e)
{
	if (e->bits != e->small)
		free(e->bits);
}

static void set_mark(evalset *e, size_t i)
{
	if (e && i < e->n)
		e->bits[i / 64] |= (uint64_t)1 << (i % 64);
}

static int set_has(const evalset *e, size_t i)
{
	return i < e->n && (e->bits[i / 64] >> (i % 64)) & 1;
}

static void set_merge(evalset *dst, const evalset *src)
{
	size_t i;

	if (!dst)
		return;
	for (i = 0; i < (dst->n + 63) / 64 && i < (src->n + 63) / 64; i++)
		dst->bits[i] |= src->bits[i];
}

static size_t inst_size(const ml_node *in)
{
	return in->type == ML_NODE_MAP ? in->npairs
	       : in->type == ML_NODE_SEQ ? in->nitems
					 : 0;
}

/* ---- messages ---- */

static void put_key(ml_buf *b, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '~')
			ml_buf_puts(b, "~0");
		else if (s[i] == '/')
			ml_buf_puts(b, "~1");
		else
			ml_buf_putc(b, s[i]);
	}
}

static void put_path(ml_buf *b, const vpath *p)
{
	if (!p)
		return;
	put_path(b, p->up);
	ml_buf_putc(b, '/');
	if (!p->key)
		ml_buf_printf(b, "%zu", p->index);
	else if (p->key->str)
		put_key(b, p->key->str, p->key->len);
}

/* The same message on the same node twice (allOf branches repeating a
 * keyword, "type" beside a $ref to a schema with the same "type") is one
 * fault: it is reported once. */
static int already_reported(vctx *v, const ml_node *at, const ml_buf *msg)
{
	uint64_t h = 1469598103934665603ull ^ (uint64_t)(uintptr_t)at;
	size_t i, slot;

	for (i = 0; i < msg->len; i++)
		h = (h ^ (unsigned char)msg->ptr[i]) * 1099511628211ull;
	h |= 1; /* 0 marks an empty slot */
	if (!v->seen_init) {
		memset(v->seen, 0, SEEN_SLOTS * sizeof(*v->seen));
		v->seen_init = 1;
	}
	for (i = 0; i < SEEN_SLOTS; i++) {
		slot = (size_t)(h + i) % SEEN_SLOTS;
		if (v->seen[slot] == h)
			return 1;
		if (v->seen[slot] == 0) {
			v->seen[slot] = h;
			return 0;
		}
	}
	return 0; /* full: report */
}

/* Report a fault in reporting mode (the message is the path of p, ": ",
 * then fmt) and count it; in silent mode only count it. */
static int fault(vctx *v, int rep, const ml_node *at, const vpath *p,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int fault(vctx *v, int rep, const ml_node *at, const vpath *p,
		 const char *fmt, ...)
{
	va_list ap;

	if (!rep)
		return 1;
	if (!v->msg.limit)
		ml_buf_init(&v->msg, 4096);
	ml_buf_clear(&v->msg);
	if (p)
		put_path(&v->msg, p);
	else
		ml_buf_putc(&v->msg, '/');
	ml_buf_puts(&v->msg, ": ");
	va_start(ap, fmt);
	ml_buf_vprintf(&v->msg, fmt, ap);
	va_end(ap);
	if (already_reported(v, at, &v->msg)) {
		v->suppressed++;
		return 1;
	}
	if (v->report)
		v->report(v->ctx, at, ml_buf_cstr(&v->msg));
	return 1;
}

/* A fault whose message quotes the instance value first:
 * `/slug: "Bad_Slug" does not match pattern ...`. */
static int fault_val(vctx *v, int rep, const ml_node *at, const vpath *p,
		     const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int fault_val(vctx *v, int rep, const ml_node *at, const vpath *p,
		     const char *fmt, ...)
{
	ml_buf val = ML_BUF_INIT;
	va_list ap;
	int r;

	if (!rep)
		return 1;
	ml_buf_init(&val, 4096);
	sch_put_value(&val, at, 0);
	ml_buf_putc(&val, ' ');
	va_start(ap, fmt);
	ml_buf_vprintf(&val, fmt, ap);
	va_end(ap);
	r = fault(v, rep, at, p, "%s", ml_buf_cstr(&val));
	ml_buf_dispose(&val);
	return r;
}

/* ---- scalar keywords ---- */

static unsigned inst_types(const ml_node *in)
{
	switch (in->type) {
	case ML_NODE_NULL:
		return SCH_T_NULL;
	case ML_NODE_BOOL:
		return SCH_T_BOOL;
	case ML_NODE_INT:
		return SCH_T_INT | SCH_T_NUM;
	case ML_NODE_FLOAT:
		return isfinite(in->num) && in->num == floor(in->num)
			       ? SCH_T_INT | SCH_T_NUM
			       : SCH_T_NUM;
	case ML_NODE_STRING:
		return SCH_T_STR;
	case ML_NODE_SEQ:
		return SCH_T_ARR;
	case ML_NODE_MAP:
		return SCH_T_OBJ;
	}
	return 0;
}

static int check_type(vctx *v, const sch *s, const ml_node *in,
		      const vpath *p, int rep)
{
	static const char *names[] = {"null",   "boolean", "integer", "number",
				      "string", "array",   "object"};
	ml_buf want = ML_BUF_INIT;
	size_t i;
	int r;

	if (s->types & inst_types(in))
		return 0;
	if (!rep)
		return 1;
	ml_buf_init(&want, 256);
	for (i = 0; i < ML_ARRAY_LEN(names); i++)
		if (s->types & (1u << i))
			ml_buf_printf(&want, "%s%s", want.len ? " or " : "",
				      names[i]);
	r = fault(v, rep, in, p, "expected %s, got %s", ml_buf_cstr(&want),
		  ml_node_type_name(in->type));
	ml_buf_dispose(&want);
	return r;
}

static int check_enum(vctx *v, const sch *s, const ml_node *in,
		      const vpath *p, int rep)
{
	ml_buf list = ML_BUF_INIT;
	size_t i;
	int r;

	for (i = 0; i < s->enum_->nitems; i++)
		if (sch_equal(in, s->enum_->items[i]))
			return 0;
	if (!rep)
		return 1;
	ml_buf_init(&list, 2048);
	ml_buf_puts(&list, "is not one of ");
	for (i = 0; i < s->enum_->nitems; i++) {
		if (i)
			ml_buf_puts(&list, ", ");
		sch_put_value(&list, s->enum_->items[i], 1);
	}
	r = fault_val(v, rep, in, p, "%s", ml_buf_cstr(&list));
	ml_buf_dispose(&list);
	return r;
}

static int check_const(vctx *v, const sch *s, const ml_node *in,
		       const vpath *p, int rep)
{
	ml_buf want = ML_BUF_INIT;
	int r;

	if (sch_equal(in, s->const_))
		return 0;
	if (!rep)
		return 1;
	ml_buf_init(&want, 1024);
	ml_buf_puts(&want, "is not ");
	sch_put_value(&want, s->const_, 0);
	ml_buf_puts(&want, " (const)");
	r = fault_val(v, rep, in, p, "%s", ml_buf_cstr(&want));
	ml_buf_dispose(&want);
	return r;
}

static pcre2_match_data *match_data(vctx *v)
{
	size_t i;

	if (v->md)
		return v->md;
	for (i = 0; i < SCH_POOL && !v->md; i++)
		v->md = atomic_exchange(&v->s->pool[i], NULL);
	if (!v->md && !(v->md = pcre2_match_data_create(1, NULL)))
		v->internal = ML_ENOMEM;
	return v->md;
}

static void match_data_release(vctx *v)
{
	size_t i;

	for (i = 0; i < SCH_POOL && v->md; i++) {
		pcre2_match_data *expect = NULL;
		if (atomic_compare_exchange_strong(&v->s->pool[i], &expect,
						   v->md))
			v->md = NULL;
	}
	pcre2_match_data_free(v->md);
	v->md = NULL;
}

int sch_match(const ml_schema *s, pcre2_code *re, const char *str,
	      size_t len, pcre2_match_data *md)
{
	int rc = pcre2_match(re, (PCRE2_SPTR)str, len, 0, 0, md, s->mctx);

	if (rc == PCRE2_ERROR_JIT_STACKLIMIT)
		rc = pcre2_match(re, (PCRE2_SPTR)str, len, 0, PCRE2_NO_JIT, md,
				 s->mctx);
	return rc >= 0; /* 0: matched, ovector too small for the groups */
}

static int regex_match(vctx *v, pcre2_code *re, const ml_node *str)
{
	pcre2_match_data *md = match_data(v);

	return md && sch_match(v->s, re, str->str, str->len, md);
}

static int check_string(vctx *v, const sch *s, const ml_node *in,
			const vpath *p, int rep)
{
	static const char *fmts[] = {"",      "date", "date-time",
				     "time",  "uri",  "email",
				     "ipv4",  "ipv6", "uuid"};
	size_t n;
	int errs = 0;

	if (s->min_len >= 0 || s->max_len >= 0) {
		n = sch_code_points(in->str, in->len);
		if (s->min_len >= 0 && n < (size_t)s->min_len)
			errs += fault_val(v, rep, in, p,
					  "is shorter than %lld characters "
					  "(minLength)",
					  s->min_len);
		if (s->max_len >= 0 && n > (size_t)s->max_len)
			errs += fault_val(v, rep, in, p,
					  "is longer than %lld characters "
					  "(maxLength)",
					  s->max_len);
		if (errs && !rep)
			return errs;
	}
	if (s->pattern && !regex_match(v, s->pattern, in)) {
		errs += fault_val(v, rep, in, p, "does not match pattern %s",
				  s->pattern_src);
		if (!rep)
			return errs;
	}
	if (s->format &&
	    !sch_format_check((sch_format)s->format, in->str, in->len))
		errs += fault_val(v, rep, in, p, "is not a valid %s (format)",
				  fmts[s->format]);
	return errs;
}

static int check_number(vctx *v, const sch *s, const ml_node *in,
			const vpath *p, int rep)
{
	ml_buf lim = ML_BUF_INIT;
	double x = in->num;
	int errs = 0;
	const char *what = NULL;
	double bound = 0;

	if ((s->numflags & SCH_HAS_MIN) && x < s->minimum) {
		what = "is less than the minimum";
		bound = s->minimum;
	} else if ((s->numflags & SCH_HAS_XMIN) && x <= s->xminimum) {
		what = "must be greater than";
		bound = s->xminimum;
	} else if ((s->numflags & SCH_HAS_MAX) && x > s->maximum) {
		what = "is greater than the maximum";
		bound = s->maximum;
	} else if ((s->numflags & SCH_HAS_XMAX) && x >= s->xmaximum) {
		what = "must be less than";
		bound = s->xmaximum;
	} else if ((s->numflags & SCH_HAS_MULT) && !sch_is_multiple(x, s->multiple)) {
		what = "is not a multiple of";
		bound = s->multiple;
	}
	if (!what)
		return 0;
	if (!rep)
		return 1;
	ml_buf_init(&lim, 256);
	sch_put_number(&lim, bound);
	errs = fault_val(v, rep, in, p, "%s %s", what, ml_buf_cstr(&lim));
	ml_buf_dispose(&lim);
	return errs;
}

/* ---- arrays ---- */

static int check_contains(vctx *v, const sch *s, const ml_node *in,
			  const vpath *p, const vscope *sc, int rep,
			  evalset *ev)
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
			return fault(v, rep, in, p,
				     "does not contain a matching item "
				     "(contains)");
		return fault(v, rep, in, p,
			     "contains %zu matching items, at least %lld "
			     "required (minContains)",
			     count, s->min_contains);
	}
	if (s->max_contains >= 0 && count > (size_t)s->max_contains)
		return fault(v, rep, in, p,
			     "contains %zu matching items, at most %lld "
			     "allowed (maxContains)",
			     count, s->max_contains);
	return 0;
}

static int check_items(vctx *v, const sch *s, const ml_node *in,
		       const vpath *p, const vscope *sc, int rep, evalset *ev)
{
	size_t i;
	int errs = 0;

	for (i = 0; i < in->nitems && (i < s->nprefix || s->items); i++) {
		const sch *sub = i < s->nprefix ? s->prefix[i] : s->items;
		vpath ip = {p, NULL, i};
		set_mark(ev, i);
		if (sub->always == 0 && i >= s->nprefix) {
			errs += fault(v, rep, in->items[i], &ip,
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

static int check_array(vctx *v, const sch *s, const ml_node *in,
		       const vpath *p, const vscope *sc, int rep, evalset *ev)
{
	size_t n = in->nitems, a, b;
	int errs = 0, dup;

	if (s->min_items >= 0 && n < (size_t)s->min_items)
		errs += fault(v, rep, in, p,
			      "has %zu items, at least %lld required "
			      "(minItems)",
			      n, s->min_items);
	if (s->max_items >= 0 && n > (size_t)s->max_items)
		errs += fault(v, rep, in, p,
			      "has %zu items, at most %lld allowed (maxItems)",
			      n, s->max_items);
	if (errs && !rep)
		return errs;
	errs += check_items(v, s, in, p, sc, rep, ev);
	if (errs && !rep)
		return errs;
	if (s->unique && n > 1 && (dup = sch_find_duplicate(in, &a, &b))) {
		vpath ip = {p, NULL, b};
		if (dup < 0) {
			v->internal = dup;
			return errs + 1;
		}
		errs += fault(v, rep, in->items[b], &ip,
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

static int check_required(vctx *v, const sch *s, const ml_node *in,
			  const vpath *p, int rep)
{
	size_t i, j;
	int errs = 0;

	for (i = 0; s->required && i < s->required->nitems; i++) {
		const ml_node *r = s->required->items[i];
		if (has_key(in, r->str, r->len))
			continue;
		errs += fault(v, rep, in, p, "missing required key \"%s\"",
			      r->str);
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
			errs += fault(v, rep, in, p,
				      "missing key \"%s\" (required when "
				      "\"%s\" is present)",
				      r->str, d->name);
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
static int check_pair(vctx *v, const sch *s, const ml_pair *pr, size_t idx,
		      const vpath *p, const vscope *sc, int rep, evalset *ev)
{
	const ml_node *k = pr->key;
	vpath kp = {p, k, 0};
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
		if (!regex_match(v, s->pats[i].re, k))
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
		return errs + fault(v, rep, k, &kp,
				    "unknown key (additionalProperties is "
				    "false)");
	return errs + eval(v, s->additional, pr->value, &kp, sc, rep, NULL);
}

static int check_names(vctx *v, const sch *s, const ml_node *in,
		       const vpath *p, const vscope *sc, int rep)
{
	size_t i;
	int errs = 0;

	for (i = 0; i < in->npairs; i++) {
		const ml_node *k = in->pairs[i].key;
		ml_node view;
		vpath kp = {p, k, 0};
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

static int check_object(vctx *v, const sch *s, const ml_node *in,
			const vpath *p, const vscope *sc, int rep, evalset *ev)
{
	size_t n = in->npairs, i;
	int errs = 0;

	if (s->min_props >= 0 && n < (size_t)s->min_props)
		errs += fault(v, rep, in, p,
			      "has %zu keys, at least %lld required "
			      "(minProperties)",
			      n, s->min_props);
	if (s->max_props >= 0 && n > (size_t)s->max_props)
		errs += fault(v, rep, in, p,
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
static int try_branch(vctx *v, const sch *s, const ml_node *in,
		      const vpath *p, const vscope *sc, evalset *ev)
{
	evalset tmp;
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

static int check_any_one(vctx *v, const sch *s, const ml_node *in,
			 const vpath *p, const vscope *sc, int rep,
			 evalset *ev)
{
	size_t i, ok = 0, first = 0, second = 0;
	int errs = 0;

	if (s->nany_of) {
		for (i = 0; i < s->nany_of && (ev || !ok); i++)
			ok += !try_branch(v, s->any_of[i], in, p, sc, ev);
		if (!ok)
			errs += fault(v, rep, in, p,
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
			errs += fault(v, rep, in, p,
				      "does not match any of the oneOf "
				      "alternatives");
		else if (ok > 1)
			errs += fault(v, rep, in, p,
				      "matches more than one of the oneOf "
				      "alternatives (%zu and %zu)",
				      first + 1, second + 1);
	}
	return errs;
}

static int check_conditionals(vctx *v, const sch *s, const ml_node *in,
			      const vpath *p, const vscope *sc, int rep,
			      evalset *ev)
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
		errs += fault(v, rep, in, p, "must not match the \"not\" schema");
		if (!rep)
			return errs;
	}
	if (s->if_ && (s->then_ || s->else_ || ev)) {
		const sch *branch =
			try_branch(v, s->if_, in, p, sc, ev) ? s->else_ : s->then_;
		if (branch)
			errs += eval(v, branch, in, p, sc, rep, ev);
	}
	return errs;
}

static const sch *dynamic_target(const sch *s, const vscope *sc)
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

static int check_unevaluated(vctx *v, const sch *s, const ml_node *in,
			     const vpath *p, const vscope *sc, int rep,
			     evalset *lev)
{
	size_t i;
	int errs = 0;

	if (in->type == ML_NODE_MAP && s->uneval_props) {
		for (i = 0; i < in->npairs; i++) {
			const ml_pair *pr = &in->pairs[i];
			vpath kp = {p, pr->key, 0};
			if (set_has(lev, i))
				continue;
			set_mark(lev, i);
			if (s->uneval_props->always == 0)
				errs += fault(v, rep, pr->key, &kp,
					      "unknown key "
					      "(unevaluatedProperties is "
					      "false)");
			else
				errs += eval(v, s->uneval_props, pr->value,
					     &kp, sc, rep, NULL);
			if (errs && !rep)
				return errs;
		}
	}
	if (in->type == ML_NODE_SEQ && s->uneval_items) {
		for (i = 0; i < in->nitems; i++) {
			vpath ip = {p, NULL, i};
			if (set_has(lev, i))
				continue;
			set_mark(lev, i);
			if (s->uneval_items->always == 0)
				errs += fault(v, rep, in->items[i], &ip,
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
static int check_value(vctx *v, const sch *s, const ml_node *in,
		       const vpath *p, const vscope *sc, int rep, evalset *ev,
		       int *rejected)
{
	int errs;

	*rejected = 1;
	if (s->types && (errs = check_type(v, s, in, p, rep)))
		return errs;
	if (s->const_ && (errs = check_const(v, s, in, p, rep)))
		return errs;
	if (s->enum_ && (errs = check_enum(v, s, in, p, rep)))
		return errs;
	*rejected = 0;
	switch (in->type) {
	case ML_NODE_STRING:
		return check_string(v, s, in, p, rep);
	case ML_NODE_INT:
	case ML_NODE_FLOAT:
		return s->numflags ? check_number(v, s, in, p, rep) : 0;
	case ML_NODE_SEQ:
		return check_array(v, s, in, p, sc, rep, ev);
	case ML_NODE_MAP:
		return check_object(v, s, in, p, sc, rep, ev);
	default:
		return 0;
	}
}

static int eval_body(vctx *v, const sch *s, const ml_node *in,
		     const vpath *p, const vscope *sc, int rep, evalset *ev)
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

static int eval(vctx *v, const sch *s, const ml_node *in, const vpath *p,
		const vscope *sc, int rep, evalset *ev)
{
	vscope inner;
	evalset local, *cur = ev;
	int errs;

	if (s->always >= 0)
		return s->always ? 0
				 : fault(v, rep, in, p,
					 "is not allowed here (false schema)");
	if (v->depth >= EVAL_DEPTH_MAX || v->internal) {
		if (!v->depth_reported && !v->internal) {
			/* reported even inside a silent branch, and counted */
			v->depth_reported = 1;
			v->silent_faults += !rep;
			return fault(v, 1, in, p,
				     "schema nesting too deep (a $ref cycle?)");
		}
		v->suppressed += rep && !v->internal; /* counted, not reported */
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

int ml_schema_validate(const ml_schema *s, const ml_node *instance,
		       ml_schema_report_fn report, void *ctx)
{
	uint64_t seen[SEEN_SLOTS]; /* cleared on the first fault only */
	vctx v;
	int errs;

	if (!s || !instance)
		return ML_EINVAL;
	memset(&v, 0, sizeof(v));
	v.seen = seen;
	v.s = (ml_schema *)s; /* only the atomic match-data pool changes */
	v.report = report;
	v.ctx = ctx;
	errs = eval(&v, s->root, instance, NULL, NULL, 1, NULL);
	match_data_release(&v);
	ml_buf_dispose(&v.msg);
	if (v.internal)
		return v.internal;
	return errs + v.silent_faults - v.suppressed;
}

