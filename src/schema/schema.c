/* schema/schema.c - compiles a JSON Schema node tree into the sch form of
 * schema/internal.h: keywords checked and typed once, regexes JIT-compiled,
 * $id/$anchor/$dynamicAnchor registered (schema/ref.c resolves the $refs
 * afterwards, compiling their targets through sch_cc.compile). A node reached twice (YAML alias, $ref) is compiled once. */
#include "schema/schema.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "schema/internal.h"
#include "util/common.h"

#define COMPILE_DEPTH_MAX 256
#define DEFAULT_BASE "urn:medlint:schema"

/* ---- keyword value helpers ---- */

static int get_count(sch_cc *c, const char *kw, const ml_node *v,
		     long long *out)
{
	if ((v->type == ML_NODE_INT || v->type == ML_NODE_FLOAT) &&
	    v->num >= 0 && v->num == floor(v->num) && v->num < 9.0e18) {
		*out = (long long)v->num;
		return ML_OK;
	}
	return sch_fail(c, v, "\"%s\" must be a non-negative integer", kw);
}

static int get_number(sch_cc *c, const char *kw, const ml_node *v, double *out)
{
	if (v->type == ML_NODE_INT || v->type == ML_NODE_FLOAT) {
		*out = v->num;
		return ML_OK;
	}
	return sch_fail(c, v, "\"%s\" must be a number", kw);
}

static int is_schema_node(const ml_node *v)
{
	return v->type == ML_NODE_MAP || v->type == ML_NODE_BOOL;
}

static int sub(sch_cc *c, const char *kw, const ml_node *v, const char *base,
	       sch_resource *res, sch **out)
{
	if (!is_schema_node(v))
		return sch_fail(c, v,
				"\"%s\" must be a schema (object or boolean)",
				kw);
	*out = sch_compile_node(c, v, base, res);
	return *out ? ML_OK : c->result;
}

static int sub_array(sch_cc *c, const char *kw, const ml_node *v,
		     const char *base, sch_resource *res, sch ***out, size_t *n)
{
	size_t i;

	if (v->type != ML_NODE_SEQ || v->nitems == 0)
		return sch_fail(c, v,
				"\"%s\" must be a non-empty array of schemas",
				kw);
	*out = ml_tree_alloc(c->s->arena, v->nitems * sizeof(sch *));
	if (!*out)
		return sch_oom(c);
	*n = v->nitems;
	for (i = 0; i < v->nitems; i++)
		if (sub(c, kw, v->items[i], base, res, &(*out)[i]))
			return c->result;
	return ML_OK;
}

static int sub_map(sch_cc *c, const char *kw, const ml_node *v,
		   const char *base, sch_resource *res, sch_named **out,
		   size_t *n)
{
	size_t i;
	sch_named *a;

	if (v->type != ML_NODE_MAP)
		return sch_fail(c, v, "\"%s\" must be an object of schemas",
				kw);
	a = ml_tree_alloc(c->s->arena, (v->npairs + 1) * sizeof(*a));
	if (!a)
		return sch_oom(c);
	for (i = 0; i < v->npairs; i++) {
		const ml_node *k = v->pairs[i].key;
		if (!k->str)
			return sch_fail(c, k, "\"%s\" keys must be strings",
					kw);
		a[i].name = k->str;
		a[i].len = k->len;
		if (sub(c, kw, v->pairs[i].value, base, res, &a[i].s))
			return c->result;
	}
	if (out) {
		*out = a;
		*n = v->npairs;
	}
	return ML_OK;
}

static int string_array(sch_cc *c, const char *kw, const ml_node *v)
{
	size_t i;

	if (v->type != ML_NODE_SEQ)
		return sch_fail(c, v, "\"%s\" must be an array of strings", kw);
	for (i = 0; i < v->nitems; i++)
		if (v->items[i]->type != ML_NODE_STRING)
			return sch_fail(c, v->items[i],
					"\"%s\" must be an array of strings",
					kw);
	return ML_OK;
}

/* PCRE2 10.42 knows only the short General_Category names; ECMA-262
 * patterns may use the long ones (\p{Letter}, \p{gc=Decimal_Number}). */
static const char *gc_short(const char *name, size_t len)
{
	static const char *names[][2] = { { "Letter", "L" },
					  { "Cased_Letter", "L&" },
					  { "LC", "L&" },
					  { "Uppercase_Letter", "Lu" },
					  { "Lowercase_Letter", "Ll" },
					  { "Titlecase_Letter", "Lt" },
					  { "Modifier_Letter", "Lm" },
					  { "Other_Letter", "Lo" },
					  { "Mark", "M" },
					  { "Combining_Mark", "M" },
					  { "Nonspacing_Mark", "Mn" },
					  { "Spacing_Mark", "Mc" },
					  { "Enclosing_Mark", "Me" },
					  { "Number", "N" },
					  { "Decimal_Number", "Nd" },
					  { "digit", "Nd" },
					  { "Letter_Number", "Nl" },
					  { "Other_Number", "No" },
					  { "Punctuation", "P" },
					  { "punct", "P" },
					  { "Connector_Punctuation", "Pc" },
					  { "Dash_Punctuation", "Pd" },
					  { "Open_Punctuation", "Ps" },
					  { "Close_Punctuation", "Pe" },
					  { "Initial_Punctuation", "Pi" },
					  { "Final_Punctuation", "Pf" },
					  { "Other_Punctuation", "Po" },
					  { "Symbol", "S" },
					  { "Math_Symbol", "Sm" },
					  { "Currency_Symbol", "Sc" },
					  { "Modifier_Symbol", "Sk" },
					  { "Other_Symbol", "So" },
					  { "Separator", "Z" },
					  { "Space_Separator", "Zs" },
					  { "Line_Separator", "Zl" },
					  { "Paragraph_Separator", "Zp" },
					  { "Other", "C" },
					  { "Control", "Cc" },
					  { "cntrl", "Cc" },
					  { "Format", "Cf" },
					  { "Surrogate", "Cs" },
					  { "Private_Use", "Co" },
					  { "Unassigned", "Cn" } };
	size_t i;

	if (len > 3 && !memcmp(name, "gc=", 3))
		return gc_short(name + 3, len - 3);
	if (len > 17 && !memcmp(name, "General_Category=", 17))
		return gc_short(name + 17, len - 17);
	for (i = 0; i < ML_ARRAY_LEN(names); i++)
		if (strlen(names[i][0]) == len &&
		    !memcmp(names[i][0], name, len))
			return names[i][1];
	return NULL;
}

/* ECMA-262 \s is Unicode white space; PCRE2's (without UCP, which would
 * also widen \d and \w) is ASCII only. */
#define ECMA_SPACE "\\s\\u00a0\\ufeff\\p{Zs}\\u2028\\u2029"

/* Rewrite an ECMA-262 pattern for PCRE2: long property names and \s. */
static int ecma_pattern(const char *s, size_t len, ml_buf *out)
{
	size_t i, j;
	const char *gc;
	int rc = ML_OK, in_class = 0;

	ml_buf_clear(out);
	for (i = 0; i < len && !rc; i++) {
		if (s[i] != '\\' || i + 1 >= len) {
			if (s[i] == '[' && !in_class)
				in_class = 1;
			else if (s[i] == ']' && in_class)
				in_class = 0;
			rc = ml_buf_putc(out, s[i]);
			continue;
		}
		if ((s[i + 1] == 'p' || s[i + 1] == 'P') && i + 2 < len &&
		    s[i + 2] == '{') {
			for (j = i + 3; j < len && s[j] != '}'; j++)
				;
			if (j < len && (gc = gc_short(s + i + 3, j - i - 3))) {
				rc = ml_buf_printf(out, "\\%c{%s}", s[i + 1],
						   gc);
				i = j;
				continue;
			}
		}
		if (s[i + 1] == 's' || (s[i + 1] == 'S' && !in_class)) {
			rc = ml_buf_puts(out, in_class ? ECMA_SPACE
					      : s[i + 1] == 's'
						      ? "[" ECMA_SPACE "]"
						      : "[^" ECMA_SPACE "]");
			i++;
			continue;
		}
		rc = ml_buf_put(out, s + i, 2);
		i++;
	}
	if (!rc && !out->ptr)
		rc = ml_buf_puts(out, "");
	return rc;
}

static sch_rx *compile_regex(sch_cc *c, const ml_node *v)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *re;
	sch_rx *rx;
	PCRE2_UCHAR msg[160];

	if (v->type != ML_NODE_STRING) {
		sch_fail(c, v, "a pattern must be a string");
		return NULL;
	}
	/* ECMA-262 flavour: \uXXXX escapes, "$" only at the very end */
	if (ecma_pattern(v->str, v->len, &c->tmp)) {
		sch_oom(c);
		return NULL;
	}
	re = pcre2_compile((PCRE2_SPTR)c->tmp.ptr, c->tmp.len,
			   PCRE2_UTF | PCRE2_ALT_BSUX | PCRE2_DOLLAR_ENDONLY,
			   &code, &off, NULL);
	if (!re) {
		pcre2_get_error_message(code, msg, sizeof(msg));
		sch_fail(c, v, "bad pattern \"%s\": %s at offset %zu", v->str,
			 (const char *)msg, (size_t)off);
		return NULL;
	}
	rx = ml_tree_alloc(c->s->arena, sizeof(*rx));
	if (!rx || ml_grow((void **)&c->s->codes, &c->s->capcodes,
			   c->s->ncodes + 1, sizeof(sch_rx *))) {
		pcre2_code_free(re);
		sch_oom(c);
		return NULL;
	}
	rx->code = re;
	atomic_init(&rx->jit, NULL);
	atomic_init(&rx->uses, 0);
	c->s->codes[c->s->ncodes++] = rx;
	return rx;
}

static int type_bit(const ml_node *v)
{
	static const struct {
		const char *name;
		int bit;
	} names[] = { { "null", SCH_T_NULL },	{ "boolean", SCH_T_BOOL },
		      { "integer", SCH_T_INT }, { "number", SCH_T_NUM },
		      { "string", SCH_T_STR },	{ "array", SCH_T_ARR },
		      { "object", SCH_T_OBJ } };
	size_t i;

	if (v->type != ML_NODE_STRING)
		return 0;
	for (i = 0; i < ML_ARRAY_LEN(names); i++)
		if (strcmp(v->str, names[i].name) == 0)
			return names[i].bit;
	return 0;
}

static int kw_type(sch_cc *c, sch *s, const ml_node *v)
{
	size_t i;
	int bit;

	if (v->type == ML_NODE_SEQ) {
		for (i = 0; i < v->nitems; i++) {
			if (!(bit = type_bit(v->items[i])))
				return sch_fail(c, v->items[i], "unknown type");
			s->types |= (unsigned)bit;
		}
		if (v->nitems == 0)
			return sch_fail(c, v, "\"type\" must not be empty");
		return ML_OK;
	}
	if (!(bit = type_bit(v)))
		return sch_fail(c, v,
				"\"type\" must be a type name or an array "
				"of them");
	s->types = (unsigned)bit;
	return ML_OK;
}

static int kw_depreq(sch_cc *c, sch *s, const ml_node *v)
{
	size_t i;
	sch_depreq *d;

	if (v->type != ML_NODE_MAP)
		return sch_fail(c, v,
				"\"dependentRequired\" must be an object");
	d = ml_tree_alloc(c->s->arena,
			  (s->ndepreq + v->npairs + 1) * sizeof(sch_depreq));
	if (!d)
		return sch_oom(c);
	if (s->ndepreq)
		memcpy(d, s->depreq, s->ndepreq * sizeof(*d));
	for (i = 0; i < v->npairs; i++) {
		const ml_node *k = v->pairs[i].key;
		if (!k->str)
			return sch_fail(c, k, "keys must be strings");
		if (string_array(c, "dependentRequired", v->pairs[i].value))
			return c->result;
		d[s->ndepreq].name = k->str;
		d[s->ndepreq].len = k->len;
		d[s->ndepreq].keys = v->pairs[i].value;
		s->ndepreq++;
	}
	s->depreq = d;
	return ML_OK;
}

/* Draft 2019-09's "dependencies", still common in schemas: an array is a
 * dependentRequired entry, a schema a dependentSchemas one. Applied after
 * the other keywords, it adds to theirs. */
static int kw_dependencies(sch_cc *c, sch *s, const ml_node *v,
			   const char *base, sch_resource *res)
{
	size_t i;
	sch_named *d;

	if (v->type != ML_NODE_MAP)
		return sch_fail(c, v, "\"dependencies\" must be an object");
	d = ml_tree_alloc(c->s->arena,
			  (s->ndepsch + v->npairs + 1) * sizeof(sch_named));
	if (!d)
		return sch_oom(c);
	if (s->ndepsch)
		memcpy(d, s->depsch, s->ndepsch * sizeof(*d));
	s->depsch = d;
	for (i = 0; i < v->npairs; i++) {
		const ml_node *k = v->pairs[i].key, *val = v->pairs[i].value;
		ml_node one = *v;
		if (!k->str)
			return sch_fail(c, k, "keys must be strings");
		if (val->type == ML_NODE_SEQ) {
			one.pairs = &v->pairs[i];
			one.npairs = 1;
			if (kw_depreq(c, s, &one))
				return c->result;
			continue;
		}
		d[s->ndepsch].name = k->str;
		d[s->ndepsch].len = k->len;
		if (sub(c, "dependencies", val, base, res, &d[s->ndepsch].s))
			return c->result;
		s->ndepsch++;
	}
	return ML_OK;
}

static int kw_pattern_props(sch_cc *c, sch *s, const ml_node *v,
			    const char *base, sch_resource *res)
{
	size_t i;

	if (v->type != ML_NODE_MAP)
		return sch_fail(c, v,
				"\"patternProperties\" must be an object");
	s->pats = ml_tree_alloc(c->s->arena,
				(v->npairs + 1) * sizeof(sch_pattern));
	if (!s->pats)
		return sch_oom(c);
	for (i = 0; i < v->npairs; i++) {
		s->pats[i].src = v->pairs[i].key->str;
		if (!(s->pats[i].re = compile_regex(c, v->pairs[i].key)))
			return c->result;
		if (sub(c, "patternProperties", v->pairs[i].value, base, res,
			&s->pats[i].s))
			return c->result;
	}
	s->npats = v->npairs;
	return ML_OK;
}

/* Keywords that need more than a field: each a kw_fn. */
typedef int (*kw_fn)(sch_cc *c, sch *s, const char *kw, const ml_node *v,
		     const char *base, sch_resource *res);

static int kw_type_fn(sch_cc *c, sch *s, const char *kw, const ml_node *v,
		      const char *base, sch_resource *res)
{
	return kw_type(c, s, v);
}

static int kw_enum(sch_cc *c, sch *s, const char *kw, const ml_node *v,
		   const char *base, sch_resource *res)
{
	if (v->type != ML_NODE_SEQ)
		return sch_fail(c, v, "\"enum\" must be an array");
	s->enum_ = v;
	return ML_OK;
}

static int kw_const(sch_cc *c, sch *s, const char *kw, const ml_node *v,
		    const char *base, sch_resource *res)
{
	s->const_ = v;
	return ML_OK;
}

static int kw_pattern(sch_cc *c, sch *s, const char *kw, const ml_node *v,
		      const char *base, sch_resource *res)
{
	s->pattern_src = v->str;
	return (s->pattern = compile_regex(c, v)) ? ML_OK : c->result;
}

static int kw_format(sch_cc *c, sch *s, const char *kw, const ml_node *v,
		     const char *base, sch_resource *res)
{
	if (v->type != ML_NODE_STRING)
		return sch_fail(c, v, "\"format\" must be a string");
	if (!(c->s->flags & ML_SCHEMA_FORMAT_ANNOTATION))
		s->format = (unsigned char)sch_format_lookup(v->str);
	return ML_OK;
}

static int kw_multiple(sch_cc *c, sch *s, const char *kw, const ml_node *v,
		       const char *base, sch_resource *res)
{
	s->numflags |= SCH_HAS_MULT;
	if (get_number(c, kw, v, &s->multiple))
		return c->result;
	if (!(s->multiple > 0))
		return sch_fail(c, v, "\"multipleOf\" must be greater than 0");
	return ML_OK;
}

static int kw_unique(sch_cc *c, sch *s, const char *kw, const ml_node *v,
		     const char *base, sch_resource *res)
{
	if (v->type != ML_NODE_BOOL)
		return sch_fail(c, v, "\"uniqueItems\" must be a boolean");
	s->unique = (unsigned char)v->boolean;
	return ML_OK;
}

static int kw_required(sch_cc *c, sch *s, const char *kw, const ml_node *v,
		       const char *base, sch_resource *res)
{
	s->required = v;
	return string_array(c, kw, v);
}

static int kw_depreq_fn(sch_cc *c, sch *s, const char *kw, const ml_node *v,
			const char *base, sch_resource *res)
{
	return kw_depreq(c, s, v);
}

static int kw_ref(sch_cc *c, sch *s, const char *kw, const ml_node *v,
		  const char *base, sch_resource *res)
{
	return sch_add_ref(c, s, v, base, kw[1] == 'd');
}

static int kw_patprops_fn(sch_cc *c, sch *s, const char *kw, const ml_node *v,
			  const char *base, sch_resource *res)
{
	return kw_pattern_props(c, s, v, base, res);
}

/* compiled for their $id and $anchor, applied only through $ref */
static int kw_defs(sch_cc *c, sch *s, const char *kw, const ml_node *v,
		   const char *base, sch_resource *res)
{
	return sub_map(c, kw, v, base, res, NULL, NULL);
}

typedef enum {
	KW_COUNT,  /* non-negative integer: long long field */
	KW_NUMBER, /* number: double field, numflag set */
	KW_SUB,	   /* schema: sch * field */
	KW_SUBS,   /* array of schemas: sch ** field, size_t count */
	KW_NAMED,  /* object of schemas: sch_named * field, size_t count */
	KW_FN
} kw_kind;

typedef struct {
	const char *name;
	kw_kind kind;
	size_t field, count; /* offsets in sch */
	unsigned char numflag;
	kw_fn fn;
} kw_def;

#define FIELD(kind, name, m)                             \
	{                                                \
		name, kind, offsetof(sch, m), 0, 0, NULL \
	}
#define LIST(kind, name, m, n)                                          \
	{                                                               \
		name, kind, offsetof(sch, m), offsetof(sch, n), 0, NULL \
	}
#define NUMBER(name, m, flag)                                    \
	{                                                        \
		name, KW_NUMBER, offsetof(sch, m), 0, flag, NULL \
	}
#define FN(name, fn)                     \
	{                                \
		name, KW_FN, 0, 0, 0, fn \
	}

/* sorted by name (strcmp) for bsearch */
static const kw_def keywords[] = {
	FN("$defs", kw_defs),
	FN("$dynamicRef", kw_ref),
	FN("$ref", kw_ref),
	FIELD(KW_SUB, "additionalProperties", additional),
	LIST(KW_SUBS, "allOf", all_of, nall_of),
	LIST(KW_SUBS, "anyOf", any_of, nany_of),
	FN("const", kw_const),
	FIELD(KW_SUB, "contains", contains),
	FN("dependentRequired", kw_depreq_fn),
	LIST(KW_NAMED, "dependentSchemas", depsch, ndepsch),
	FIELD(KW_SUB, "else", else_),
	FN("enum", kw_enum),
	NUMBER("exclusiveMaximum", xmaximum, SCH_HAS_XMAX),
	NUMBER("exclusiveMinimum", xminimum, SCH_HAS_XMIN),
	FN("format", kw_format),
	FIELD(KW_SUB, "if", if_),
	FIELD(KW_SUB, "items", items),
	FIELD(KW_COUNT, "maxContains", max_contains),
	FIELD(KW_COUNT, "maxItems", max_items),
	FIELD(KW_COUNT, "maxLength", max_len),
	FIELD(KW_COUNT, "maxProperties", max_props),
	NUMBER("maximum", maximum, SCH_HAS_MAX),
	FIELD(KW_COUNT, "minContains", min_contains),
	FIELD(KW_COUNT, "minItems", min_items),
	FIELD(KW_COUNT, "minLength", min_len),
	FIELD(KW_COUNT, "minProperties", min_props),
	NUMBER("minimum", minimum, SCH_HAS_MIN),
	FN("multipleOf", kw_multiple),
	FIELD(KW_SUB, "not", not_),
	LIST(KW_SUBS, "oneOf", one_of, none_of),
	FN("pattern", kw_pattern),
	FN("patternProperties", kw_patprops_fn),
	LIST(KW_SUBS, "prefixItems", prefix, nprefix),
	LIST(KW_NAMED, "properties", props, nprops),
	FIELD(KW_SUB, "propertyNames", prop_names),
	FN("required", kw_required),
	FIELD(KW_SUB, "then", then_),
	FN("type", kw_type_fn),
	FIELD(KW_SUB, "unevaluatedItems", uneval_items),
	FIELD(KW_SUB, "unevaluatedProperties", uneval_props),
	FN("uniqueItems", kw_unique),
};

static int kw_cmp(const void *key, const void *def)
{
	return strcmp(key, ((const kw_def *)def)->name);
}

/* One keyword of a schema object. Unknown keywords are ignored. */
static int keyword(sch_cc *c, sch *s, const char *k, const ml_node *v,
		   const char *base, sch_resource *res)
{
	const kw_def *d = bsearch(k, keywords, ML_ARRAY_LEN(keywords),
				  sizeof(keywords[0]), kw_cmp);
	char *f;

	if (!d)
		return ML_OK;
	f = (char *)s + d->field;
	switch (d->kind) {
	case KW_COUNT: return get_count(c, k, v, (long long *)(void *)f);
	case KW_NUMBER:
		s->numflags |= d->numflag;
		return get_number(c, k, v, (double *)(void *)f);
	case KW_SUB: return sub(c, k, v, base, res, (sch **)(void *)f);
	case KW_SUBS:
		return sub_array(c, k, v, base, res, (sch ***)(void *)f,
				 (size_t *)(void *)((char *)s + d->count));
	case KW_NAMED:
		return sub_map(c, k, v, base, res, (sch_named **)(void *)f,
			       (size_t *)(void *)((char *)s + d->count));
	case KW_FN: break;
	}
	return d->fn(c, s, k, v, base, res);
}

/* "$id": a new base URI and a new schema resource. */
static int schema_id(sch_cc *c, sch *s, const ml_node *id, const char **base,
		     sch_resource **res)
{
	const char *hash, *uri;

	if (id->type != ML_NODE_STRING)
		return sch_fail(c, id, "\"$id\" must be a string");
	ml_buf_clear(&c->tmp);
	if (sch_uri_resolve(*base, id->str, id->len, &c->tmp))
		return sch_fail(c, id, "\"$id\" is not a valid URI reference");
	hash = strchr(ml_buf_cstr(&c->tmp), '#');
	if (hash && hash[1])
		return sch_fail(c, id, "\"$id\" must not have a fragment");
	uri = sch_intern(c, ml_buf_cstr(&c->tmp),
			 hash ? (size_t)(hash - c->tmp.ptr) : c->tmp.len);
	if (!uri)
		return c->result;
	if (!(*res = sch_add_resource(c, uri, s->node)))
		return c->result ? c->result
				 : sch_fail(c, id, "duplicate \"$id\" %s", uri);
	*base = uri;
	return ML_OK;
}

static int schema_object(sch_cc *c, sch *s, const ml_node *n, const char *base,
			 sch_resource *res)
{
	const ml_node *v;
	size_t i;

	s->always = -1;
	s->min_len = s->max_len = -1;
	s->min_items = s->max_items = -1;
	s->min_props = s->max_props = -1;
	s->min_contains = 1;
	s->max_contains = -1;
	if ((v = ml_node_get(n, "$id")) && schema_id(c, s, v, &base, &res))
		return c->result;
	s->res = res;
	if ((v = ml_node_get(n, "$anchor")) &&
	    sch_add_anchor(c, base, v, n, res, 0))
		return c->result;
	if ((v = ml_node_get(n, "$dynamicAnchor")) &&
	    sch_add_anchor(c, base, v, n, res, 1))
		return c->result;
	for (i = 0; i < n->npairs; i++) {
		const ml_node *k = n->pairs[i].key;
		if (k->type == ML_NODE_STRING &&
		    keyword(c, s, k->str, n->pairs[i].value, base, res))
			return c->result;
	}
	if ((v = ml_node_get(n, "dependencies")))
		return kw_dependencies(c, s, v, base, res);
	return ML_OK;
}

sch *sch_compile_node(sch_cc *c, const ml_node *n, const char *base,
		      sch_resource *res)
{
	sch *s = sch_ptrmap_get(&c->compiled, n);

	if (s || c->result)
		return s;
	if (!is_schema_node(n)) {
		sch_fail(c, n, "a schema must be an object or a boolean");
		return NULL;
	}
	if (c->depth >= COMPILE_DEPTH_MAX) {
		sch_fail(c, n, "schema nested too deeply");
		return NULL;
	}
	s = ml_tree_alloc(c->s->arena, sizeof(*s));
	if (!s || sch_ptrmap_put(&c->compiled, n, s)) {
		sch_oom(c);
		return NULL;
	}
	s->node = n;
	s->res = res;
	if (n->type == ML_NODE_BOOL) {
		s->always = (signed char)(n->boolean != 0);
		return s;
	}
	c->depth++;
	schema_object(c, s, n, base, res);
	c->depth--;
	return c->result ? NULL : s;
}

static int compile_all(sch_cc *c, const ml_node *schema)
{
	const ml_node *root = c->s->flags & ML_SCHEMA_BORROW_TREE
				      ? schema
				      : sch_copy_tree(c, schema);
	sch_resource *res;

	if (!root)
		return c->result;
	if (!(res = sch_add_resource(c, DEFAULT_BASE, root)))
		return sch_oom(c);
	c->s->root = sch_compile_node(c, root, DEFAULT_BASE, res);
	if (!c->s->root)
		return c->result;
	return sch_resolve_refs(c);
}

int ml_schema_compile_ex(const ml_node *schema, unsigned flags, ml_schema **out,
			 ml_buf *err)
{
	sch_cc c;
	ml_schema *s;

	*out = NULL;
	memset(&c, 0, sizeof(c));
	c.compile = sch_compile_node;
	ml_buf_init(&c.tmp, 1 << 16);
	c.err = err;
	if (!schema)
		return sch_fail(&c, NULL, "no schema");
	s = calloc(1, sizeof(*s));
	if (!s || !(s->arena = ml_tree_new())) {
		ml_schema_free(s);
		return sch_oom(&c);
	}
	s->flags = flags;
	c.s = s;
	if (compile_all(&c, schema)) {
		ml_schema_free(s);
		sch_cc_dispose(&c);
		return c.result;
	}
	sch_cc_dispose(&c);
	*out = s;
	return ML_OK;
}

int ml_schema_compile(const ml_node *schema, ml_schema **out, ml_buf *err)
{
	return ml_schema_compile_ex(schema, 0, out, err);
}

size_t ml_schema_jitted(const ml_schema *s)
{
	size_t i, n = 0;

	for (i = 0; s && i < s->ncodes; i++)
		n += atomic_load(&s->codes[i]->jit) != NULL;
	return n;
}

void ml_schema_free(ml_schema *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->ncodes; i++) {
		pcre2_code_free(s->codes[i]->code);
		pcre2_code_free(atomic_load(&s->codes[i]->jit));
	}
	free(s->codes);
	for (i = 0; i < SCH_POOL; i++)
		pcre2_match_data_free(atomic_load(&s->pool[i]));
	ml_tree_free(s->arena);
	free(s);
}
