/* schema/scalar.c - how the evaluator reports (JSON pointer paths, one
 * report per distinct fault) and the keywords on scalar values: type,
 * const, enum, string length/pattern/format and the numeric bounds.
 * Regexes run with match data taken from the compiled schema's pool. */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema/internal.h"
#include "util/common.h"
#include "util/regex.h"

/* ---- messages ---- */

static void put_key(ml_buf *b, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '~')
			ml_buf_puts(b, "~0");
		else if (s[i] == '/')
			ml_buf_puts(b, "~1");
		else if ((unsigned char)s[i] <
			 0x20) /* keep messages one line */
			ml_buf_printf(b, "\\u%04x", (unsigned char)s[i]);
		else
			ml_buf_putc(b, s[i]);
	}
}

static void put_path(ml_buf *b, const sch_vpath *p)
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
static int already_reported(sch_vctx *v, const ml_node *at, const ml_buf *msg)
{
	uint64_t h = 1469598103934665603ull ^ (uint64_t)(uintptr_t)at;
	size_t i, slot;

	for (i = 0; i < msg->len; i++)
		h = (h ^ (unsigned char)msg->ptr[i]) * 1099511628211ull;
	h |= 1; /* 0 marks an empty slot */
	if (!v->seen_init) {
		memset(v->seen, 0, SCH_SEEN_SLOTS * sizeof(*v->seen));
		v->seen_init = 1;
	}
	for (i = 0; i < SCH_SEEN_SLOTS; i++) {
		slot = (size_t)(h + i) % SCH_SEEN_SLOTS;
		if (v->seen[slot] == h)
			return 1;
		if (v->seen[slot] == 0) {
			v->seen[slot] = h;
			return 0;
		}
	}
	return 0; /* full: report */
}

/* The schema's own words for the keyword v->kw of v->cur: its
 * errorMessage (a string, or an object by keyword), else, for a keyword
 * on the value itself, its description. NULL when it has neither. */
static const char *wording(const sch_vctx *v, int *described)
{
	const ml_node *n = v->cur && v->kw ? v->cur->node : NULL, *em, *d;

	*described = 0;
	if (!n || n->type != ML_NODE_MAP)
		return NULL;
	em = ml_node_get(n, "errorMessage");
	if (em && em->type == ML_NODE_MAP)
		em = ml_node_get(em, v->kw);
	if (em && em->type == ML_NODE_STRING && em->len)
		return em->str;
	d = v->own ? ml_node_get(n, "description") : NULL;
	*described = 1;
	return d && d->type == ML_NODE_STRING && d->len ? d->str : NULL;
}

/* v->msg, as the schema words it when it does (ml_schema_validate_detail) */
static void report_worded(sch_vctx *v, const ml_node *at, const sch_vpath *p)
{
	ml_buf w = ML_BUF_INIT(ML_LIMIT_SHORT);
	ml_schema_detail d = { v->kw, ml_buf_cstr(&v->msg) };
	int described;
	const char *say = wording(v, &described);

	if (!say) {
		v->detail(v->ctx, at, ml_buf_cstr(&v->msg), NULL);
		return;
	}
	ml_buf_init(&w, 4096);
	if (p)
		put_path(&w, p);
	else
		ml_buf_putc(&w, '/');
	ml_buf_puts(&w, ": ");
	if (described && ml_node_is_scalar(at)) {
		sch_put_value(&w, at, 0);
		ml_buf_puts(&w, " is not valid: ");
	}
	sch_put_str(&w, say, strlen(say), 1);
	v->detail(v->ctx, at, ml_buf_cstr(&w), &d);
	ml_buf_dispose(&w);
}

/* Report a fault in reporting mode (the message is the path of p, ": ",
 * then fmt) and count it; in silent mode only count it. */
int sch_fault(sch_vctx *v, int rep, const ml_node *at, const sch_vpath *p,
	      const char *fmt, ...) __attribute__((format(printf, 5, 6)));

int sch_fault(sch_vctx *v, int rep, const ml_node *at, const sch_vpath *p,
	      const char *fmt, ...)
{
	va_list ap;

	/* once the evaluation ended (a budget, out of memory) a branch's
	 * failure is not known: it is no fault to report */
	if (!rep || v->internal)
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
	else if (v->detail)
		report_worded(v, at, p);
	return 1;
}

/* A fault whose message quotes the instance value first:
 * `/slug: "Bad_Slug" does not match pattern ...`. */
int sch_fault_val(sch_vctx *v, int rep, const ml_node *at, const sch_vpath *p,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

int sch_fault_val(sch_vctx *v, int rep, const ml_node *at, const sch_vpath *p,
		  const char *fmt, ...)
{
	ml_buf val = ML_BUF_INIT(ML_LIMIT_SHORT);
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
	r = sch_fault(v, rep, at, p, "%s", ml_buf_cstr(&val));
	ml_buf_dispose(&val);
	return r;
}

/* ---- scalar keywords ---- */

static unsigned inst_types(const ml_node *in)
{
	switch (in->type) {
	case ML_NODE_NULL: return SCH_T_NULL;
	case ML_NODE_BOOL: return SCH_T_BOOL;
	case ML_NODE_INT: return SCH_T_INT | SCH_T_NUM;
	case ML_NODE_FLOAT:
		return isfinite(in->num) && in->num == floor(in->num)
			       ? SCH_T_INT | SCH_T_NUM
			       : SCH_T_NUM;
	case ML_NODE_STRING: return SCH_T_STR;
	case ML_NODE_SEQ: return SCH_T_ARR;
	case ML_NODE_MAP: return SCH_T_OBJ;
	}
	return 0;
}

int sch_check_type(sch_vctx *v, const sch *s, const ml_node *in,
		   const sch_vpath *p, int rep)
{
	static const char *names[] = { "null",	 "boolean", "integer", "number",
				       "string", "array",   "object" };
	ml_buf want = ML_BUF_INIT(ML_LIMIT_SHORT);
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
	r = sch_fault(v, rep, in, p, "expected %s, got %s", ml_buf_cstr(&want),
		      ml_node_type_name(in->type));
	ml_buf_dispose(&want);
	return r;
}

#define ENUM_SHOWN 20 /* values an enum message lists */

int sch_check_enum(sch_vctx *v, const sch *s, const ml_node *in,
		   const sch_vpath *p, int rep)
{
	ml_buf list = ML_BUF_INIT(ML_LIMIT_TEXT);
	size_t i;
	int r;

	for (i = 0; i < s->enum_->nitems; i++)
		if (ml_node_equal(in, s->enum_->items[i]))
			return 0;
	if (!rep)
		return 1;
	for (i = 0; i < s->enum_->nitems; i++)
		if (!ml_node_is_scalar(s->enum_->items[i]) ||
		    !ml_node_is_scalar(in))
			return sch_fault(
				v, rep, in, p,
				"is not one of the values of \"enum\"");
	ml_buf_init(&list, 4096);
	ml_buf_puts(&list, "is not one of ");
	for (i = 0; i < s->enum_->nitems && i < ENUM_SHOWN; i++) {
		if (i)
			ml_buf_puts(&list, ", ");
		sch_put_value(&list, s->enum_->items[i], 1);
	}
	if (i < s->enum_->nitems)
		ml_buf_printf(&list, " (and %zu more)", s->enum_->nitems - i);
	r = sch_fault_val(v, rep, in, p, "%s", ml_buf_cstr(&list));
	ml_buf_dispose(&list);
	return r;
}

int sch_check_const(sch_vctx *v, const sch *s, const ml_node *in,
		    const sch_vpath *p, int rep)
{
	ml_buf want = ML_BUF_INIT(ML_LIMIT_SHORT);
	int r;

	if (ml_node_equal(in, s->const_))
		return 0;
	if (!rep)
		return 1;
	if (!ml_node_is_scalar(s->const_) || !ml_node_is_scalar(in))
		return sch_fault(v, rep, in, p,
				 "does not equal the value of \"const\"");
	ml_buf_init(&want, 1024);
	ml_buf_puts(&want, "is not ");
	sch_put_value(&want, s->const_, 0);
	ml_buf_puts(&want, " (const)");
	r = sch_fault_val(v, rep, in, p, "%s", ml_buf_cstr(&want));
	ml_buf_dispose(&want);
	return r;
}

static pcre2_match_data *match_data(sch_vctx *v)
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

void sch_match_data_release(sch_vctx *v)
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

/* The code to match re with: the interpreted one, or the JIT copy once
 * re has been asked for ML_RX_JIT_AFTER times. Exactly one caller sees
 * the count reach the mark and makes the copy; without JIT support, or
 * short of memory, the interpreter stays. */
static const pcre2_code *rx_code(sch_rx *re)
{
	pcre2_code *j = atomic_load_explicit(&re->jit, memory_order_acquire);

	if (j)
		return j;
	if (atomic_fetch_add_explicit(&re->uses, 1, memory_order_relaxed) + 1 !=
	    ML_RX_JIT_AFTER)
		return re->code;
	if (!(j = pcre2_code_copy(re->code)))
		return re->code;
	if (pcre2_jit_compile(j, PCRE2_JIT_COMPLETE) != 0) {
		pcre2_code_free(j);
		return re->code;
	}
	atomic_store_explicit(&re->jit, j, memory_order_release);
	return j;
}

int sch_regex_match(sch_vctx *v, sch_rx *re, const char *src,
		    const ml_node *str)
{
	pcre2_match_data *md = match_data(v);
	/* util/regex.c's limits and the file's regex budget; a JIT stack
	 * that runs out is retried in the interpreter */
	int rc = md ? ml_regex_exec(rx_code(re), str->str, str->len, 0, md) : 0;

	if (rc < 0 && !v->internal) { /* ends the validation: never a guess */
		v->internal = rc == ML_ENOMEM ? rc : ML_ELIMIT;
		ml_regex_budget_blame(
			str->line, "the schema's front-matter pattern \"%s\"",
			src);
	}
	return rc == 1;
}

int sch_check_string(sch_vctx *v, const sch *s, const ml_node *in,
		     const sch_vpath *p, int rep)
{
	static const char *fmts[] = { "",     "date", "date-time",
				      "time", "uri",  "email",
				      "ipv4", "ipv6", "uuid" };
	size_t n;
	int errs = 0;

	if (s->min_len >= 0 || s->max_len >= 0) {
		n = sch_code_points(in->str, in->len);
		v->kw = "minLength";
		if (s->min_len >= 0 && n < (size_t)s->min_len)
			errs += sch_fault_val(v, rep, in, p,
					      "is shorter than %lld characters "
					      "(minLength)",
					      s->min_len);
		v->kw = "maxLength";
		if (s->max_len >= 0 && n > (size_t)s->max_len)
			errs += sch_fault_val(v, rep, in, p,
					      "is longer than %lld characters "
					      "(maxLength)",
					      s->max_len);
		if (errs && !rep)
			return errs;
	}
	if (s->pattern && !sch_regex_match(v, s->pattern, s->pattern_src, in) &&
	    !v->internal) { /* out of the regex budget: no verdict */
		v->kw = "pattern";
		errs += sch_fault_val(v, rep, in, p,
				      "does not match pattern %s",
				      s->pattern_src);
		if (!rep)
			return errs;
	}
	if (s->format &&
	    !sch_format_check((sch_format)s->format, in->str, in->len)) {
		v->kw = "format";
		errs += sch_fault_val(v, rep, in, p,
				      "is not a valid %s (format)",
				      fmts[s->format]);
	}
	return errs;
}

int sch_check_number(sch_vctx *v, const sch *s, const ml_node *in,
		     const sch_vpath *p, int rep)
{
	ml_buf lim = ML_BUF_INIT(ML_LIMIT_SHORT);
	double x = in->num;
	int errs = 0;
	const char *what = NULL;
	double bound = 0;

	if ((s->numflags & SCH_HAS_MIN) && x < s->minimum) {
		what = "is less than the minimum";
		v->kw = "minimum";
		bound = s->minimum;
	} else if ((s->numflags & SCH_HAS_XMIN) && x <= s->xminimum) {
		what = "must be greater than";
		v->kw = "exclusiveMinimum";
		bound = s->xminimum;
	} else if ((s->numflags & SCH_HAS_MAX) && x > s->maximum) {
		what = "is greater than the maximum";
		v->kw = "maximum";
		bound = s->maximum;
	} else if ((s->numflags & SCH_HAS_XMAX) && x >= s->xmaximum) {
		what = "must be less than";
		v->kw = "exclusiveMaximum";
		bound = s->xmaximum;
	} else if ((s->numflags & SCH_HAS_MULT) &&
		   !sch_is_multiple(x, s->multiple)) {
		what = "is not a multiple of";
		v->kw = "multipleOf";
		bound = s->multiple;
	}
	if (!what)
		return 0;
	if (!rep)
		return 1;
	ml_buf_init(&lim, 256);
	sch_put_number(&lim, bound);
	errs = sch_fault_val(v, rep, in, p, "%s %s", what, ml_buf_cstr(&lim));
	ml_buf_dispose(&lim);
	return errs;
}
