/* schema.c - compiles a JSON Schema node tree into the sch form of
 * schema_int.h: keywords checked and typed once, regexes JIT-compiled,
 * $id/$anchor/$dynamicAnchor registered and every $ref resolved to the
 * compiled schema it points at. A node reached twice (YAML alias, $ref)
 * is compiled once. */
#include "schema.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "schema_int.h"

#define COMPILE_DEPTH_MAX 256
#define DEFAULT_BASE "urn:medlint:schema"

typedef struct {
	const char *uri; /* absolute, without fragment */
	const ml_node *node;
	sch_resource *res;
} res_entry;

typedef struct {
	const char *uri;
	const char *name;
	const ml_node *node;
	sch_resource *res;
	int dynamic;
} anchor_entry;

typedef struct {
	sch *owner;
	const ml_node *ref; /* the $ref / $dynamicRef string node */
	const char *base;
	int dynamic;
} pending_ref;

typedef struct {
	const ml_node *node;
	sch *s;
} node_slot;

typedef struct {
	ml_schema *s;
	ml_buf *err;
	int result; /* first error */
	int depth;
	node_slot *map; /* open addressing, node -> compiled schema */
	size_t mapcap, maplen;
	res_entry *res;
	size_t nres, capres;
	anchor_entry *anchors;
	size_t nanchors, capanchors;
	pending_ref *refs;
	size_t nrefs, caprefs;
	ml_buf tmp;
} cc;

static sch *compile(cc *c, const ml_node *n, const char *base,
		    sch_resource *res);

static int fail(cc *c, const ml_node *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(cc *c, const ml_node *at, const char *fmt, ...)
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

static int oom(cc *c)
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

static const char *intern(cc *c, const char *str, size_t len)
{
	const char *p = ml_tree_strndup(c->s->arena, str, len);
	if (!p)
		oom(c);
	return p;
}

/* ---- node -> sch map ---- */

static size_t ptr_hash(const void *p)
{
	size_t h = (size_t)p;
	h ^= h >> 17;
	h *= (size_t)0x9E3779B97F4A7C15ull;
	return h ^ (h >> 29);
}

static sch *map_get(const cc *c, const ml_node *n)
{
	size_t i;

	if (!c->mapcap)
		return NULL;
	for (i = ptr_hash(n) & (c->mapcap - 1); c->map[i].node;
	     i = (i + 1) & (c->mapcap - 1))
		if (c->map[i].node == n)
			return c->map[i].s;
	return NULL;
}

static int map_put(cc *c, const ml_node *n, sch *s)
{
	size_t i, j, ncap;
	node_slot *nm;

	if ((c->maplen + 1) * 2 > c->mapcap) {
		ncap = c->mapcap ? c->mapcap * 2 : 64;
		nm = calloc(ncap, sizeof(*nm));
		if (!nm)
			return oom(c);
		for (j = 0; j < c->mapcap; j++) {
			if (!c->map[j].node)
				continue;
			for (i = ptr_hash(c->map[j].node) & (ncap - 1);
			     nm[i].node; i = (i + 1) & (ncap - 1))
				;
			nm[i] = c->map[j];
		}
		free(c->map);
		c->map = nm;
		c->mapcap = ncap;
	}
	for (i = ptr_hash(n) & (c->mapcap - 1); c->map[i].node;
	     i = (i + 1) & (c->mapcap - 1))
		;
	c->map[i].node = n;
	c->map[i].s = s;
	c->maplen++;
	return ML_OK;
}

/* ---- registries ---- */

static const res_entry *find_resource(const cc *c, const char *uri,
				      size_t len)
{
	size_t i;

	for (i = 0; i < c->nres; i++)
		if (strlen(c->res[i].uri) == len &&
		    memcmp(c->res[i].uri, uri, len) == 0)
			return &c->res[i];
	return NULL;
}

static sch_resource *add_resource(cc *c, const char *uri, const ml_node *n)
{
	const res_entry *old = find_resource(c, uri, strlen(uri));
	sch_resource *r;

	if (old)
		return old->node == n ? old->res : NULL;
	if (ml_grow((void **)&c->res, &c->capres, c->nres + 1,
		    sizeof(*c->res))) {
		oom(c);
		return NULL;
	}
	r = ml_tree_alloc(c->s->arena, sizeof(*r));
	if (!r) {
		oom(c);
		return NULL;
	}
	r->uri = uri;
	c->res[c->nres].uri = uri;
	c->res[c->nres].node = n;
	c->res[c->nres].res = r;
	c->nres++;
	return r;
}

static int add_anchor(cc *c, const char *uri, const ml_node *name,
		      const ml_node *n, sch_resource *res, int dynamic)
{
	anchor_entry *a;
	size_t i;

	if (name->type != ML_NODE_STRING || name->len == 0)
		return fail(c, name, "\"%s\" must be a non-empty string",
			    dynamic ? "$dynamicAnchor" : "$anchor");
	for (i = 0; i < c->nanchors; i++) {
		a = &c->anchors[i];
		if (strcmp(a->uri, uri) == 0 && strcmp(a->name, name->str) == 0) {
			if (a->node != n)
				return fail(c, name, "duplicate anchor \"%s\"",
					    name->str);
			a->dynamic |= dynamic;
			return ML_OK;
		}
	}
	if (ml_grow((void **)&c->anchors, &c->capanchors, c->nanchors + 1,
		    sizeof(*c->anchors)))
		return oom(c);
	a = &c->anchors[c->nanchors++];
	a->uri = uri;
	a->name = name->str;
	a->node = n;
	a->res = res;
	a->dynamic = dynamic;
	return ML_OK;
}

static int add_ref(cc *c, sch *owner, const ml_node *ref, const char *base,
		   int dynamic)
{
	pending_ref *r;

	if (ref->type != ML_NODE_STRING)
		return fail(c, ref, "\"%s\" must be a string",
			    dynamic ? "$dynamicRef" : "$ref");
	if (ml_grow((void **)&c->refs, &c->caprefs, c->nrefs + 1,
		    sizeof(*c->refs)))
		return oom(c);
	r = &c->refs[c->nrefs++];
	r->owner = owner;
	r->ref = ref;
	r->base = base;
	r->dynamic = dynamic;
	return ML_OK;
}

/* ---- keyword value helpers ---- */

static int get_count(cc *c, const char *kw, const ml_node *v, long long *out)
{
	if ((v->type == ML_NODE_INT || v->type == ML_NODE_FLOAT) &&
	    v->num >= 0 && v->num == floor(v->num) && v->num < 9.0e18) {
		*out = (long long)v->num;
		return ML_OK;
	}
	return fail(c, v, "\"%s\" must be a non-negative integer", kw);
}

static int get_number(cc *c, const char *kw, const ml_node *v, double *out)
{
	if (v->type == ML_NODE_INT || v->type == ML_NODE_FLOAT) {
		*out = v->num;
		return ML_OK;
	}
	return fail(c, v, "\"%s\" must be a number", kw);
}

static int is_schema_node(const ml_node *v)
{
	return v->type == ML_NODE_MAP || v->type == ML_NODE_BOOL;
}

static int sub(cc *c, const char *kw, const ml_node *v, const char *base,
	       sch_resource *res, sch **out)
{
	if (!is_schema_node(v))
		return fail(c, v, "\"%s\" must be a schema (object or boolean)",
			    kw);
	*out = compile(c, v, base, res);
	return *out ? ML_OK : c->result;
}

static int sub_array(cc *c, const char *kw, const ml_node *v,
		     const char *base, sch_resource *res, sch ***out,
		     size_t *n)
{
	size_t i;

	if (v->type != ML_NODE_SEQ || v->nitems == 0)
		return fail(c, v, "\"%s\" must be a non-empty array of schemas",
			    kw);
	*out = ml_tree_alloc(c->s->arena, v->nitems * sizeof(sch *));
	if (!*out)
		return oom(c);
	*n = v->nitems;
	for (i = 0; i < v->nitems; i++)
		if (sub(c, kw, v->items[i], base, res, &(*out)[i]))
			return c->result;
	return ML_OK;
}

static int sub_map(cc *c, const char *kw, const ml_node *v, const char *base,
		   sch_resource *res, sch_named **out, size_t *n)
{
	size_t i;
	sch_named *a;

	if (v->type != ML_NODE_MAP)
		return fail(c, v, "\"%s\" must be an object of schemas", kw);
	a = ml_tree_alloc(c->s->arena, (v->npairs + 1) * sizeof(*a));
	if (!a)
		return oom(c);
	for (i = 0; i < v->npairs; i++) {
		const ml_node *k = v->pairs[i].key;
		if (!k->str)
			return fail(c, k, "\"%s\" keys must be strings", kw);
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

static int string_array(cc *c, const char *kw, const ml_node *v)
{
	size_t i;

	if (v->type != ML_NODE_SEQ)
		return fail(c, v, "\"%s\" must be an array of strings", kw);
	for (i = 0; i < v->nitems; i++)
		if (v->items[i]->type != ML_NODE_STRING)
			return fail(c, v->items[i],
				    "\"%s\" must be an array of strings", kw);
	return ML_OK;
}

/* PCRE2 10.42 knows only the short General_Category names; ECMA-262
 * patterns may use the long ones (\p{Letter}, \p{gc=Decimal_Number}). */
static const char *gc_short(const char *name, size_t len)
{
	static const char *names[][2] = {
		{"Letter", "L"}, {"Cased_Letter", "L&"}, {"LC", "L&"},
		{"Uppercase_Letter", "Lu"}, {"Lowercase_Letter", "Ll"},
		{"Titlecase_Letter", "Lt"}, {"Modifier_Letter", "Lm"},
		{"Other_Letter", "Lo"}, {"Mark", "M"}, {"Combining_Mark", "M"},
		{"Nonspacing_Mark", "Mn"}, {"Spacing_Mark", "Mc"},
		{"Enclosing_Mark", "Me"}, {"Number", "N"},
		{"Decimal_Number", "Nd"}, {"digit", "Nd"},
		{"Letter_Number", "Nl"}, {"Other_Number", "No"},
		{"Punctuation", "P"}, {"punct", "P"},
		{"Connector_Punctuation", "Pc"}, {"Dash_Punctuation", "Pd"},
		{"Open_Punctuation", "Ps"}, {"Close_Punctuation", "Pe"},
		{"Initial_Punctuation", "Pi"}, {"Final_Punctuation", "Pf"},
		{"Other_Punctuation", "Po"}, {"Symbol", "S"},
		{"Math_Symbol", "Sm"}, {"Currency_Symbol", "Sc"},
		{"Modifier_Symbol", "Sk"}, {"Other_Symbol", "So"},
		{"Separator", "Z"}, {"Space_Separator", "Zs"},
		{"Line_Separator", "Zl"}, {"Paragraph_Separator", "Zp"},
		{"Other", "C"}, {"Control", "Cc"}, {"cntrl", "Cc"},
		{"Format", "Cf"}, {"Surrogate", "Cs"}, {"Private_Use", "Co"},
		{"Unassigned", "Cn"}};
	size_t i;

	if (len > 3 && !memcmp(name, "gc=", 3))
		return gc_short(name + 3, len - 3);
	if (len > 17 && !memcmp(name, "General_Category=", 17))
		return gc_short(name + 17, len - 17);
	for (i = 0; i < ML_ARRAY_LEN(names); i++)
		if (strlen(names[i][0]) == len && !memcmp(names[i][0], name, len))
			return names[i][1];
	return NULL;
}

static int ecma_pattern(const char *s, size_t len, ml_buf *out)
{
	size_t i, j;
	const char *gc;
	int rc = ML_OK;

	ml_buf_clear(out);
	for (i = 0; i < len && !rc; i++) {
		if (s[i] != '\\' || i + 1 >= len) {
			rc = ml_buf_putc(out, s[i]);
			continue;
		}
		if ((s[i + 1] == 'p' || s[i + 1] == 'P') && i + 2 < len &&
		    s[i + 2] == '{') {
			for (j = i + 3; j < len && s[j] != '}'; j++)
				;
			if (j < len && (gc = gc_short(s + i + 3, j - i - 3))) {
				rc = ml_buf_printf(out, "\\%c{%s}", s[i + 1], gc);
				i = j;
				continue;
			}
		}
		rc = ml_buf_put(out, s + i, 2);
		i++;
	}
	if (!rc && !out->ptr)
		rc = ml_buf_puts(out, "");
	return rc;
}

static pcre2_code *compile_regex(cc *c, const ml_node *v)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *re;
	PCRE2_UCHAR msg[160];

	if (v->type != ML_NODE_STRING) {
		fail(c, v, "a pattern must be a string");
		return NULL;
	}
	/* ECMA-262 flavour: \uXXXX escapes, "$" only at the very end */
	if (ecma_pattern(v->str, v->len, &c->tmp)) {
		oom(c);
		return NULL;
	}
	re = pcre2_compile((PCRE2_SPTR)c->tmp.ptr, c->tmp.len,
			   PCRE2_UTF | PCRE2_ALT_BSUX | PCRE2_DOLLAR_ENDONLY,
			   &code, &off, NULL);
	if (!re) {
		pcre2_get_error_message(code, msg, sizeof(msg));
		fail(c, v, "bad pattern \"%s\": %s at offset %zu", v->str,
		     (const char *)msg, (size_t)off);
		return NULL;
	}
	if (ml_grow((void **)&c->s->codes, &c->s->capcodes, c->s->ncodes + 1,
		    sizeof(pcre2_code *))) {
		pcre2_code_free(re);
		oom(c);
		return NULL;
	}
	c->s->codes[c->s->ncodes++] = re;
	/* without JIT support pcre2_match falls back to the interpreter */
	(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

static int type_bit(const ml_node *v)
{
	static const struct {
		const char *name;
		int bit;
	} names[] = {{"null", SCH_T_NULL},    {"boolean", SCH_T_BOOL},
		     {"integer", SCH_T_INT},  {"number", SCH_T_NUM},
		     {"string", SCH_T_STR},   {"array", SCH_T_ARR},
		     {"object", SCH_T_OBJ}};
	size_t i;

	if (v->type != ML_NODE_STRING)
		return 0;
	for (i = 0; i < ML_ARRAY_LEN(names); i++)
		if (strcmp(v->str, names[i].name) == 0)
			return names[i].bit;
	return 0;
}

static int kw_type(cc *c, sch *s, const ml_node *v)
{
	size_t i;
	int bit;

	if (v->type == ML_NODE_SEQ) {
		for (i = 0; i < v->nitems; i++) {
			if (!(bit = type_bit(v->items[i])))
				return fail(c, v->items[i], "unknown type");
			s->types |= (unsigned)bit;
		}
		if (v->nitems == 0)
			return fail(c, v, "\"type\" must not be empty");
		return ML_OK;
	}
	if (!(bit = type_bit(v)))
		return fail(c, v, "\"type\" must be a type name or an array "
				  "of them");
	s->types = (unsigned)bit;
	return ML_OK;
}

static int kw_depreq(cc *c, sch *s, const ml_node *v)
{
	size_t i;

	if (v->type != ML_NODE_MAP)
		return fail(c, v, "\"dependentRequired\" must be an object");
	s->depreq = ml_tree_alloc(c->s->arena, (v->npairs + 1) *
						       sizeof(sch_depreq));
	if (!s->depreq)
		return oom(c);
	for (i = 0; i < v->npairs; i++) {
		if (string_array(c, "dependentRequired", v->pairs[i].value))
			return c->result;
		s->depreq[i].name = v->pairs[i].key->str;
		s->depreq[i].len = v->pairs[i].key->len;
		s->depreq[i].keys = v->pairs[i].value;
	}
	s->ndepreq = v->npairs;
	return ML_OK;
}

static int kw_pattern_props(cc *c, sch *s, const ml_node *v,
			    const char *base, sch_resource *res)
{
	size_t i;

	if (v->type != ML_NODE_MAP)
		return fail(c, v, "\"patternProperties\" must be an object");
	s->pats = ml_tree_alloc(c->s->arena, (v->npairs + 1) *
						     sizeof(sch_pattern));
	if (!s->pats)
		return oom(c);
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

/* One keyword of a schema object. Unknown keywords are ignored. */
static int keyword(cc *c, sch *s, const char *k, const ml_node *v,
		   const char *base, sch_resource *res)
{
	sch_named *ignored;
	size_t nignored;

	if (!strcmp(k, "type"))
		return kw_type(c, s, v);
	if (!strcmp(k, "enum")) {
		if (v->type != ML_NODE_SEQ)
			return fail(c, v, "\"enum\" must be an array");
		s->enum_ = v;
		return ML_OK;
	}
	if (!strcmp(k, "const")) {
		s->const_ = v;
		return ML_OK;
	}
	if (!strcmp(k, "pattern")) {
		s->pattern_src = v->str;
		return (s->pattern = compile_regex(c, v)) ? ML_OK : c->result;
	}
	if (!strcmp(k, "format")) {
		if (v->type != ML_NODE_STRING)
			return fail(c, v, "\"format\" must be a string");
		if (!(c->s->flags & ML_SCHEMA_FORMAT_ANNOTATION))
			s->format = (unsigned char)sch_format_lookup(v->str);
		return ML_OK;
	}
	if (!strcmp(k, "minLength"))
		return get_count(c, k, v, &s->min_len);
	if (!strcmp(k, "maxLength"))
		return get_count(c, k, v, &s->max_len);
	if (!strcmp(k, "minItems"))
		return get_count(c, k, v, &s->min_items);
	if (!strcmp(k, "maxItems"))
		return get_count(c, k, v, &s->max_items);
	if (!strcmp(k, "minProperties"))
		return get_count(c, k, v, &s->min_props);
	if (!strcmp(k, "maxProperties"))
		return get_count(c, k, v, &s->max_props);
	if (!strcmp(k, "minContains"))
		return get_count(c, k, v, &s->min_contains);
	if (!strcmp(k, "maxContains"))
		return get_count(c, k, v, &s->max_contains);
	if (!strcmp(k, "minimum")) {
		s->numflags |= SCH_HAS_MIN;
		return get_number(c, k, v, &s->minimum);
	}
	if (!strcmp(k, "maximum")) {
		s->numflags |= SCH_HAS_MAX;
		return get_number(c, k, v, &s->maximum);
	}
	if (!strcmp(k, "exclusiveMinimum")) {
		s->numflags |= SCH_HAS_XMIN;
		return get_number(c, k, v, &s->xminimum);
	}
	if (!strcmp(k, "exclusiveMaximum")) {
		s->numflags |= SCH_HAS_XMAX;
		return get_number(c, k, v, &s->xmaximum);
	}
	if (!strcmp(k, "multipleOf")) {
		s->numflags |= SCH_HAS_MULT;
		if (get_number(c, k, v, &s->multiple))
			return c->result;
		if (!(s->multiple > 0))
			return fail(c, v, "\"multipleOf\" must be greater "
					  "than 0");
		return ML_OK;
	}
	if (!strcmp(k, "uniqueItems")) {
		if (v->type != ML_NODE_BOOL)
			return fail(c, v, "\"uniqueItems\" must be a boolean");
		s->unique = (unsigned char)v->boolean;
		return ML_OK;
	}
	if (!strcmp(k, "required")) {
		s->required = v;
		return string_array(c, k, v);
	}
	if (!strcmp(k, "dependentRequired"))
		return kw_depreq(c, s, v);
	if (!strcmp(k, "$ref"))
		return add_ref(c, s, v, base, 0);
	if (!strcmp(k, "$dynamicRef"))
		return add_ref(c, s, v, base, 1);
	if (!strcmp(k, "items"))
		return sub(c, k, v, base, res, &s->items);
	if (!strcmp(k, "contains"))
		return sub(c, k, v, base, res, &s->contains);
	if (!strcmp(k, "additionalProperties"))
		return sub(c, k, v, base, res, &s->additional);
	if (!strcmp(k, "propertyNames"))
		return sub(c, k, v, base, res, &s->prop_names);
	if (!strcmp(k, "not"))
		return sub(c, k, v, base, res, &s->not_);
	if (!strcmp(k, "if"))
		return sub(c, k, v, base, res, &s->if_);
	if (!strcmp(k, "then"))
		return sub(c, k, v, base, res, &s->then_);
	if (!strcmp(k, "else"))
		return sub(c, k, v, base, res, &s->else_);
	if (!strcmp(k, "unevaluatedProperties"))
		return sub(c, k, v, base, res, &s->uneval_props);
	if (!strcmp(k, "unevaluatedItems"))
		return sub(c, k, v, base, res, &s->uneval_items);
	if (!strcmp(k, "prefixItems"))
		return sub_array(c, k, v, base, res, &s->prefix, &s->nprefix);
	if (!strcmp(k, "allOf"))
		return sub_array(c, k, v, base, res, &s->all_of, &s->nall_of);
	if (!strcmp(k, "anyOf"))
		return sub_array(c, k, v, base, res, &s->any_of, &s->nany_of);
	if (!strcmp(k, "oneOf"))
		return sub_array(c, k, v, base, res, &s->one_of, &s->none_of);
	if (!strcmp(k, "properties"))
		return sub_map(c, k, v, base, res, &s->props, &s->nprops);
	if (!strcmp(k, "dependentSchemas"))
		return sub_map(c, k, v, base, res, &s->depsch, &s->ndepsch);
	if (!strcmp(k, "patternProperties"))
		return kw_pattern_props(c, s, v, base, res);
	if (!strcmp(k, "$defs"))
		return sub_map(c, k, v, base, res, &ignored, &nignored);
	return ML_OK;
}

/* "$id": a new base URI and a new schema resource. */
static int schema_id(cc *c, sch *s, const ml_node *id, const char **base,
		     sch_resource **res)
{
	const char *hash, *uri;

	if (id->type != ML_NODE_STRING)
		return fail(c, id, "\"$id\" must be a string");
	ml_buf_clear(&c->tmp);
	if (sch_uri_resolve(*base, id->str, id->len, &c->tmp))
		return fail(c, id, "\"$id\" is not a valid URI reference");
	hash = strchr(ml_buf_cstr(&c->tmp), '#');
	if (hash && hash[1])
		return fail(c, id, "\"$id\" must not have a fragment");
	uri = intern(c, ml_buf_cstr(&c->tmp),
		     hash ? (size_t)(hash - c->tmp.ptr) : c->tmp.len);
	if (!uri)
		return c->result;
	if (!(*res = add_resource(c, uri, s->node)))
		return c->result ? c->result
				 : fail(c, id, "duplicate \"$id\" %s", uri);
	*base = uri;
	return ML_OK;
}

static int schema_object(cc *c, sch *s, const ml_node *n, const char *base,
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
	    add_anchor(c, base, v, n, res, 0))
		return c->result;
	if ((v = ml_node_get(n, "$dynamicAnchor")) &&
	    add_anchor(c, base, v, n, res, 1))
		return c->result;
	for (i = 0; i < n->npairs; i++) {
		const ml_node *k = n->pairs[i].key;
		if (k->type == ML_NODE_STRING &&
		    keyword(c, s, k->str, n->pairs[i].value, base, res))
			return c->result;
	}
	return ML_OK;
}

static sch *compile(cc *c, const ml_node *n, const char *base,
		    sch_resource *res)
{
	sch *s = map_get(c, n);

	if (s || c->result)
		return s;
	if (!is_schema_node(n)) {
		fail(c, n, "a schema must be an object or a boolean");
		return NULL;
	}
	if (c->depth >= COMPILE_DEPTH_MAX) {
		fail(c, n, "schema nested too deeply");
		return NULL;
	}
	s = ml_tree_alloc(c->s->arena, sizeof(*s));
	if (!s || map_put(c, n, s)) {
		oom(c);
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

/* ---- $ref resolution ---- */

static int hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* Percent-decode s[0..len) into out. */
static int pct_decode(const char *s, size_t len, ml_buf *out)
{
	size_t i;

	ml_buf_clear(out);
	for (i = 0; i < len; i++) {
		int hi, lo;
		if (s[i] == '%' && i + 2 < len &&
		    (hi = hexval(s[i + 1])) >= 0 &&
		    (lo = hexval(s[i + 2])) >= 0) {
			if (ml_buf_putc(out, (char)(hi * 16 + lo)))
				return ML_ENOMEM;
			i += 2;
		} else if (ml_buf_putc(out, s[i])) {
			return ML_ENOMEM;
		}
	}
	return ML_OK;
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
			if (kn->str && kn->len == k && memcmp(kn->str, key, k) == 0)
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
static const ml_node *pointer_walk(const ml_node *n, const char *p,
				   size_t len)
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

static const anchor_entry *find_anchor(const cc *c, const char *uri,
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

static int resolve_ref(cc *c, size_t idx)
{
	pending_ref r = c->refs[idx]; /* compile() may move c->refs */
	const res_entry *doc;
	const anchor_entry *a = NULL;
	const ml_node *target;
	const char *abs, *hash;
	size_t doclen;
	ml_buf frag = ML_BUF_INIT;
	sch *t;

	ml_buf_clear(&c->tmp);
	if (sch_uri_resolve(r.base, r.ref->str, r.ref->len, &c->tmp))
		return fail(c, r.ref, "bad reference \"%s\"", r.ref->str);
	abs = ml_buf_cstr(&c->tmp);
	hash = strchr(abs, '#');
	doclen = hash ? (size_t)(hash - abs) : strlen(abs);
	if (!(doc = find_resource(c, abs, doclen)))
		return fail(c, r.ref,
			    "cannot resolve \"%s\" (only references within "
			    "the schema are supported)",
			    r.ref->str);
	if (pct_decode(hash ? hash + 1 : "", hash ? strlen(hash + 1) : 0,
		       &frag))
		return oom(c);
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
		return fail(c, r.ref, "cannot resolve \"%s\"", r.ref->str);
	}
	t = compile(c, target, doc->uri, doc->res);
	if (t && r.dynamic) {
		r.owner->dynref = t;
		if (a && a->dynamic)
			r.owner->dynref_anchor = intern(c, frag.ptr, frag.len);
	} else if (t) {
		r.owner->ref = t;
	}
	ml_buf_dispose(&frag);
	return c->result;
}

/* Each resource gets the list of its $dynamicAnchors. */
static int collect_dynamic(cc *c)
{
	size_t i, j;

	for (i = 0; i < c->nanchors; i++) {
		anchor_entry *a = &c->anchors[i];
		sch_resource *r = a->res;
		sch_anchor *na;
		if (!a->dynamic || !r)
			continue;
		na = ml_tree_alloc(c->s->arena, (r->ndyn + 1) * sizeof(*na));
		if (!na)
			return oom(c);
		for (j = 0; j < r->ndyn; j++)
			na[j] = r->dyn[j];
		na[r->ndyn].name = a->name;
		na[r->ndyn].s = map_get(c, a->node);
		r->dyn = na;
		r->ndyn++;
	}
	return ML_OK;
}

static void cc_dispose(cc *c)
{
	free(c->map);
	free(c->res);
	free(c->anchors);
	free(c->refs);
	ml_buf_dispose(&c->tmp);
}

static int compile_all(cc *c, const ml_node *root)
{
	sch_resource *res = add_resource(c, DEFAULT_BASE, root);
	size_t i;

	if (!res)
		return oom(c);
	c->s->root = compile(c, root, DEFAULT_BASE, res);
	if (!c->s->root)
		return c->result;
	for (i = 0; i < c->nrefs && !c->result; i++)
		resolve_ref(c, i);
	if (!c->result)
		collect_dynamic(c);
	return c->result;
}

int ml_schema_compile_ex(const ml_node *schema, unsigned flags,
			 ml_schema **out, ml_buf *err)
{
	cc c;
	ml_schema *s;

	*out = NULL;
	memset(&c, 0, sizeof(c));
	ml_buf_init(&c.tmp, 1 << 16);
	c.err = err;
	if (!schema)
		return fail(&c, NULL, "no schema");
	s = calloc(1, sizeof(*s));
	if (!s || !(s->arena = ml_tree_new()) ||
	    !(s->mctx = pcre2_match_context_create(NULL))) {
		ml_schema_free(s);
		return oom(&c);
	}
	/* bound backtracking: a hostile instance must not hang a worker */
	pcre2_set_match_limit(s->mctx, 1000000);
	pcre2_set_depth_limit(s->mctx, 10000);
	s->flags = flags;
	c.s = s;
	if (compile_all(&c, schema)) {
		ml_schema_free(s);
		cc_dispose(&c);
		return c.result;
	}
	cc_dispose(&c);
	*out = s;
	return ML_OK;
}

int ml_schema_compile(const ml_node *schema, ml_schema **out, ml_buf *err)
{
	return ml_schema_compile_ex(schema, 0, out, err);
}

void ml_schema_free(ml_schema *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->ncodes; i++)
		pcre2_code_free(s->codes[i]);
	free(s->codes);
	for (i = 0; i < SCH_POOL; i++)
		pcre2_match_data_free(atomic_load(&s->pool[i]));
	pcre2_match_context_free(s->mctx);
	ml_tree_free(s->arena);
	free(s);
}
