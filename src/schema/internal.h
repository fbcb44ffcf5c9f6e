/* schema/internal.h - the compiled form of a JSON Schema, shared by the
 * compiler (schema.c), the evaluator (schema/eval.c) and the format and
 * URI helpers (schema/format.c). Not for use outside these files. */
#ifndef ML_SCHEMA_INTERNAL_H
#define ML_SCHEMA_INTERNAL_H

#include <pcre2.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "parse/node.h"
#include "schema/schema.h"
#include "util/buf.h"

/* Instance type bits of "type". */
enum {
	SCH_T_NULL = 1 << 0,
	SCH_T_BOOL = 1 << 1,
	SCH_T_INT = 1 << 2, /* "integer": any number with no fraction */
	SCH_T_NUM = 1 << 3,
	SCH_T_STR = 1 << 4,
	SCH_T_ARR = 1 << 5,
	SCH_T_OBJ = 1 << 6
};

/* Which optional numeric keywords are present. */
enum {
	SCH_HAS_MIN = 1 << 0,
	SCH_HAS_MAX = 1 << 1,
	SCH_HAS_XMIN = 1 << 2,
	SCH_HAS_XMAX = 1 << 3,
	SCH_HAS_MULT = 1 << 4
};

typedef enum {
	SCH_FMT_NONE,
	SCH_FMT_DATE,
	SCH_FMT_DATE_TIME,
	SCH_FMT_TIME,
	SCH_FMT_URI,
	SCH_FMT_EMAIL,
	SCH_FMT_IPV4,
	SCH_FMT_IPV6,
	SCH_FMT_UUID
} sch_format;

typedef struct sch sch;

typedef struct {
	const char *name;
	size_t len;
	sch *s;
} sch_named; /* properties, dependentSchemas */

/* A compiled pattern of the schema. It is matched by PCRE2's interpreter
 * until it has been asked for ML_RX_JIT_AFTER times, then by a JIT copy
 * (as util/regex.h's lazy patterns are): a one-file run does not pay a
 * JIT compile for a few matches (issue 29). The schema is shared by the
 * threads: the copy is made by the one that counts to the mark. */
typedef struct {
	pcre2_code *code; /* compiled at load */
	_Atomic(pcre2_code *) jit;
	atomic_uint uses;
} sch_rx;

typedef struct {
	sch_rx *re;
	const char *src;
	sch *s;
} sch_pattern; /* patternProperties */

typedef struct {
	const char *name;
	size_t len;
	const ml_node *keys; /* SEQ of strings */
} sch_depreq;

typedef struct {
	const char *name;
	sch *s;
} sch_anchor;

/* A schema resource: the document root or a schema with "$id". Only the
 * $dynamicAnchors are kept: $dynamicRef searches them by name. */
typedef struct {
	const char *uri;
	sch_anchor *dyn;
	size_t ndyn;
} sch_resource;

struct sch {
	const ml_node *node;
	signed char always; /* boolean schema: 1 true, 0 false; -1 otherwise */
	unsigned char unique;
	unsigned char numflags;
	unsigned char format;
	unsigned types;		 /* 0 = no "type" */
	const sch_resource *res; /* the resource this schema belongs to */
	const ml_node *enum_, *const_;
	sch_rx *pattern;
	const char *pattern_src;
	long long min_len, max_len; /* -1 = absent */
	double minimum, maximum, xminimum, xmaximum, multiple;
	sch *ref;
	sch *dynref;		   /* static target of $dynamicRef */
	const char *dynref_anchor; /* its fragment when target is dynamic */
	sch **prefix;
	size_t nprefix;
	sch *items, *contains;
	long long min_contains, max_contains; /* min default 1; max -1 */
	long long min_items, max_items;
	sch_named *props;
	size_t nprops;
	sch_pattern *pats;
	size_t npats;
	sch *additional, *prop_names;
	const ml_node *required; /* SEQ of strings */
	sch_depreq *depreq;
	size_t ndepreq;
	sch_named *depsch;
	size_t ndepsch;
	long long min_props, max_props;
	sch **all_of, **any_of, **one_of;
	size_t nall_of, nany_of, none_of;
	sch *not_, *if_, *then_, *else_;
	sch *uneval_props, *uneval_items;
};

#define SCH_POOL 16

struct ml_schema {
	ml_tree *arena; /* compiled nodes and strings */
	sch *root;
	unsigned flags;
	sch_rx **codes; /* every compiled regex, to free */
	size_t ncodes, capcodes;
	/* match data reused across validations, taken and put back with
	 * atomic exchanges so that threads never share one */
	_Atomic(pcre2_match_data *) pool[SCH_POOL];
};

/* ---- compiler state (schema/schema.c, schema/ref.c) ---- */

typedef struct {
	const void *key;
	void *val;
} sch_slot;

typedef struct { /* open addressing, pointer -> pointer */
	sch_slot *slots;
	size_t cap, len;
} sch_ptrmap;

typedef struct {
	const char *uri; /* absolute, without fragment */
	const ml_node *node;
	sch_resource *res;
} sch_res_entry;

typedef struct {
	const char *uri;
	const char *name;
	const ml_node *node;
	sch_resource *res;
	int dynamic;
} sch_anchor_entry;

typedef struct {
	sch *owner;
	const ml_node *ref; /* the $ref / $dynamicRef string node */
	const char *base;
	int dynamic;
} sch_pending_ref;

typedef struct sch_cc sch_cc;
/* Compiles node n (schema/schema.c); schema/ref.c calls it through
 * sch_cc.compile for what a $ref reaches, so that ref.c stays below. */
typedef sch *(*sch_compile_fn)(sch_cc *c, const ml_node *n, const char *base,
			       sch_resource *res);

struct sch_cc {
	ml_schema *s;
	ml_buf *err;
	sch_compile_fn compile;
	int result; /* first error */
	int depth;
	sch_ptrmap compiled; /* schema node -> sch */
	sch_ptrmap copies;   /* caller's node -> our copy */
	sch_res_entry *res;
	size_t nres, capres;
	sch_anchor_entry *anchors;
	size_t nanchors, capanchors;
	sch_pending_ref *refs;
	size_t nrefs, caprefs;
	ml_buf tmp;
};

/* schema/schema.c */
sch *sch_compile_node(sch_cc *c, const ml_node *n, const char *base,
		      sch_resource *res);

/* schema/ref.c: below schema.c */
int sch_fail(sch_cc *c, const ml_node *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int sch_oom(sch_cc *c);
const char *sch_intern(sch_cc *c, const char *str, size_t len);
void *sch_ptrmap_get(const sch_ptrmap *m, const void *key);
int sch_ptrmap_put(sch_ptrmap *m, const void *key, void *val);
/* A copy of the caller's tree in the schema's arena (shared nodes stay
 * shared), so that the compiled schema owns everything it points to. */
ml_node *sch_copy_tree(sch_cc *c, const ml_node *n);
sch_resource *sch_add_resource(sch_cc *c, const char *uri, const ml_node *n);
int sch_add_anchor(sch_cc *c, const char *uri, const ml_node *name,
		   const ml_node *n, sch_resource *res, int dynamic);
int sch_add_ref(sch_cc *c, sch *owner, const ml_node *ref, const char *base,
		int dynamic);
/* Resolve every pending $ref/$dynamicRef (compiling what they reach) and
 * give each resource its $dynamicAnchors. */
int sch_resolve_refs(sch_cc *c);
void sch_cc_dispose(sch_cc *c);

/* ---- evaluator state (schema/eval.c, schema/scalar.c) ---- */

#define SCH_SEEN_SLOTS 256

/* The instance's JSON pointer, a list on the C stack (NULL = root). */
typedef struct sch_vpath {
	const struct sch_vpath *up;
	const ml_node *key; /* NULL: index */
	size_t index;
} sch_vpath;

/* The dynamic scope: the resources entered so far, innermost first. */
typedef struct sch_vscope {
	const struct sch_vscope *up;
	const sch_resource *res;
} sch_vscope;

/* Evaluated pairs or items of one instance (unevaluated* keywords). */
typedef struct {
	uint64_t *bits;
	size_t n;
	uint64_t small[4];
} sch_evalset;

typedef struct {
	ml_schema *s;
	ml_schema_report_fn report;
	void *ctx;
	pcre2_match_data *md;
	int depth;
	int internal; /* an ml_result once something failed inside */
	int depth_reported;
	int silent_faults; /* reported from a silent branch */
	int suppressed;	   /* counted, but not reported again */
	int seen_init;
	unsigned long long steps, budget; /* evaluations: done, allowed */
	int out_of_steps;		  /* the budget ended the evaluation */
	uint64_t *seen; /* SCH_SEEN_SLOTS hashes of reported (node, message) */
	ml_buf msg;
	ml_schema_detail_fn detail; /* ml_schema_validate_detail's callback */
	const sch *cur;		    /* whose keyword kw is being checked */
	const char *kw;		    /* NULL: no schema wording applies */
	int own;		    /* kw is on the value itself */
} sch_vctx;

/* schema/scalar.c */
int sch_fault(sch_vctx *v, int rep, const ml_node *at, const sch_vpath *p,
	      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* A fault whose message starts with the instance value. */
int sch_fault_val(sch_vctx *v, int rep, const ml_node *at, const sch_vpath *p,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int sch_check_type(sch_vctx *v, const sch *s, const ml_node *in,
		   const sch_vpath *p, int rep);
int sch_check_enum(sch_vctx *v, const sch *s, const ml_node *in,
		   const sch_vpath *p, int rep);
int sch_check_const(sch_vctx *v, const sch *s, const ml_node *in,
		    const sch_vpath *p, int rep);
int sch_check_string(sch_vctx *v, const sch *s, const ml_node *in,
		     const sch_vpath *p, int rep);
int sch_check_number(sch_vctx *v, const sch *s, const ml_node *in,
		     const sch_vpath *p, int rep);
/* 1 when str matches re (source src): 0 when not, or when the regex
 * budget ran out, which ends the validation (v->internal, ML_ELIMIT). */
int sch_regex_match(sch_vctx *v, sch_rx *re, const char *src,
		    const ml_node *str);
void sch_match_data_release(sch_vctx *v);

/* schema/value.c */
/* A short rendering of a value: strings quoted (unless bare) and cut. */
void sch_put_value(ml_buf *b, const ml_node *n, int bare);
/* A string quoted (unless bare), escaped for one line and cut. */
void sch_put_str(ml_buf *b, const char *s, size_t n, int bare);
void sch_put_number(ml_buf *b, double d);
/* 1 and the first duplicate pair (*first < *second) of a SEQ, 0 when its
 * items are unique, or ML_ENOMEM. */
int sch_find_duplicate(const ml_node *seq, size_t *first, size_t *second);
size_t sch_code_points(const char *s, size_t len);
int sch_is_multiple(double x, double m);

/* schema/format.c */
int sch_format_check(sch_format f, const char *s, size_t len);
sch_format sch_format_lookup(const char *name);
/* RFC 3986 section 5.2 reference resolution: out = resolve(base, ref). */
int sch_uri_resolve(const char *base, const char *ref, size_t reflen,
		    ml_buf *out);

#endif
