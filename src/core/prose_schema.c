/* core/prose_schema.c - the article schema's keys for the prose rules:
 *
 *   readability: {metric: smog|fkgl, max_grade: 8, min_words: 300,
 *                 sections: [ids]}
 *   claims: {sections: [ids]}
 *   wording: {defaults: true, off: [ids], avoid: [...], prefer: [...]}
 *   citation_max_age_years: N
 *   citation_age_allow: [book, chapter, web, journal, other]
 *
 * The wording defaults ship as schemas/wording-defaults.yaml, compiled
 * into the binary and read through the same entry loader as a schema's
 * own avoid and prefer lists. */
#include "core/internal.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/embedded.h"
#include "parse/frontmatter.h"
#include "util/common.h"
#include "util/fold.h"
#include "util/prose.h"

#define bad(c, n, ...) \
	ml_yaml_fail((c)->err, ML_EINVAL, (c)->file, n, __VA_ARGS__)

typedef struct {
	ml_profile *p;
	ml_tree *tree; /* owns what is loaded */
	const char *file;
	ml_buf *err;
} ctx;

/* A string or a list of strings, pointing into the tree. */
static int strings(ctx *c, const ml_node *k, const ml_node *v,
		   const char ***out, size_t *n)
{
	size_t i, cnt = v->type == ML_NODE_SEQ ? v->nitems : 1;

	if (v->type != ML_NODE_SEQ && v->type != ML_NODE_STRING)
		return bad(c, v, "\"%s\" must be a string or a list of strings",
			   k->str);
	*out = ml_tree_alloc(c->tree, (cnt + 1) * sizeof(char *));
	if (!*out)
		return ML_ENOMEM;
	for (i = 0; i < cnt; i++) {
		const ml_node *it = v->type == ML_NODE_SEQ ? v->items[i] : v;
		if (it->type != ML_NODE_STRING || !it->len)
			return bad(c, it,
				   "items of \"%s\" must be non-empty "
				   "strings",
				   k->str);
		(*out)[i] = it->str;
	}
	*n = cnt;
	return ML_OK;
}

#ifndef ML_WORDING_GEN
/* Every id names a section of the schema. */
static int section_ids(ctx *c, const ml_node *k, const ml_node *v,
		       const char ***out, size_t *n)
{
	size_t i, j;
	int rc = strings(c, k, v, out, n);

	for (i = 0; !rc && i < *n; i++) {
		for (j = 0; j < c->p->nsections; j++)
			if (!strcmp(c->p->sections[j].id, (*out)[i]))
				break;
		if (j == c->p->nsections)
			return bad(c, v->type == ML_NODE_SEQ ? v->items[i] : v,
				   "no section with id \"%s\" (sections: must "
				   "come first)",
				   (*out)[i]);
	}
	return rc;
}

static int readability_key(ctx *c, const ml_node *k, const ml_node *v)
{
	ml_readability_spec *r = &c->p->readability;

	if (!strcmp(k->str, "metric")) {
		if (v->type == ML_NODE_STRING && !strcmp(v->str, "smog"))
			r->metric = ML_METRIC_SMOG;
		else if (v->type == ML_NODE_STRING && !strcmp(v->str, "fkgl"))
			r->metric = ML_METRIC_FKGL;
		else
			return bad(c, v, "\"metric\" must be smog or fkgl");
		return ML_OK;
	}
	if (!strcmp(k->str, "max_grade")) {
		if ((v->type != ML_NODE_INT && v->type != ML_NODE_FLOAT) ||
		    v->num < 1 || v->num > 30)
			return bad(c, v,
				   "\"max_grade\" must be a number from "
				   "1 to 30");
		r->max_grade = v->num;
		return ML_OK;
	}
	if (!strcmp(k->str, "min_words")) {
		if (v->type != ML_NODE_INT || v->num < 1 || v->num > 1000000)
			return bad(c, v,
				   "\"min_words\" must be an integer "
				   "from 1 to 1000000");
		r->min_words = (int)v->num;
		return ML_OK;
	}
	if (!strcmp(k->str, "sections"))
		return section_ids(c, k, v, &r->sections, &r->nsections);
	return bad(c, k,
		   "unknown key \"%s\" in readability (known: metric, "
		   "max_grade, min_words, sections)",
		   k->str);
}

static int mapping(ctx *c, const ml_node *k, const ml_node *v,
		   int (*each)(ctx *, const ml_node *, const ml_node *))
{
	size_t i;
	int rc = ML_OK;

	if (v->type != ML_NODE_MAP)
		return bad(c, v, "\"%s\" must be a mapping", k->str);
	for (i = 0; i < v->npairs && !rc; i++)
		rc = each(c, v->pairs[i].key, v->pairs[i].value);
	return rc;
}

static int claims_key(ctx *c, const ml_node *k, const ml_node *v)
{
	if (!strcmp(k->str, "sections"))
		return section_ids(c, k, v, &c->p->claim_sections,
				   &c->p->nclaim_sections);
	return bad(c, k, "unknown key \"%s\" in claims (known: sections)",
		   k->str);
}

#endif /* !ML_WORDING_GEN */

/* ---- wording entries ------------------------------------------------- */

static int entry_flag(ctx *c, const ml_node *k, const ml_node *v, int *out)
{
	if (v->type != ML_NODE_BOOL)
		return bad(c, v, "\"%s\" must be true or false", k->str);
	*out = v->boolean;
	return ML_OK;
}

static int entry_string(ctx *c, const ml_node *k, const ml_node *v,
			const char **out)
{
	if (v->type != ML_NODE_STRING || !v->len)
		return bad(c, v, "\"%s\" must be a non-empty string", k->str);
	*out = v->str;
	return ML_OK;
}

/* One key of an avoid or prefer entry; prefer names its phrases
 * instead_of and its replacement use. */
static int entry_key(ctx *c, ml_wording_entry *e, const ml_node *k,
		     const ml_node *v, int prefer)
{
	const char *s = k->str;

	if (!strcmp(s, prefer ? "instead_of" : "match"))
		return strings(c, k, v, &e->match, &e->nmatch);
	if (!strcmp(s, prefer ? "use" : "replace"))
		return entry_string(c, k, v, &e->replace);
	if (!strcmp(s, "id"))
		return entry_string(c, k, v, &e->id);
	if (!strcmp(s, "message"))
		return entry_string(c, k, v, &e->message);
	if (!strcmp(s, "inflect"))
		return entry_flag(c, k, v, &e->inflect);
	if (!strcmp(s, "fix"))
		return entry_flag(c, k, v, &e->fix);
	if (!strcmp(s, "unless_after"))
		return strings(c, k, v, &e->unless_after, &e->nunless_after);
	if (!strcmp(s, "unless_before"))
		return strings(c, k, v, &e->unless_before, &e->nunless_before);
	if (!strcmp(s, "level")) {
		if (v->type != ML_NODE_STRING ||
		    (strcmp(v->str, "warning") != 0 &&
		     strcmp(v->str, "error") != 0))
			return bad(c, v, "\"level\" must be warning or error");
		e->error = !strcmp(v->str, "error");
		return ML_OK;
	}
	return bad(c, k,
		   "unknown key \"%s\" in a wording entry (known: id, "
		   "%s, message, %s, inflect, fix, level, unless_after, "
		   "unless_before)",
		   s, prefer ? "instead_of" : "match",
		   prefer ? "use" : "replace");
}

static int load_entry(ctx *c, const ml_node *v, int prefer, ml_wording_entry *e)
{
	size_t i;
	int rc = ML_OK;

	if (v->type != ML_NODE_MAP)
		return bad(c, v, "a wording entry must be a mapping");
	memset(e, 0, sizeof(*e));
	e->inflect = 1;
	e->fix = 1;
	e->line = v->line;
	e->column = v->column;
	e->file = c->file;
	for (i = 0; i < v->npairs && !rc; i++)
		rc = entry_key(c, e, v->pairs[i].key, v->pairs[i].value,
			       prefer);
	if (rc)
		return rc;
	if (!e->nmatch)
		return bad(c, v, "a wording entry needs \"%s\"",
			   prefer ? "instead_of" : "match");
	if (prefer && !e->replace)
		return bad(c, v, "a prefer entry needs \"use\"");
	if (!e->message)
		return bad(c, v,
			   "a wording entry needs \"message\" (its "
			   "reason)");
	if (!e->id)
		e->id = e->match[0];
	return ML_OK;
}

static int add_entries(ctx *c, const ml_node *k, const ml_node *v, int prefer)
{
	ml_profile *p = c->p;
	ml_wording_entry *grown;
	size_t i;
	int rc = ML_OK;

	if (v->type != ML_NODE_SEQ)
		return bad(c, v, "\"%s\" must be a list of entries", k->str);
	grown = realloc(p->wording,
			(p->nwording + v->nitems + 1) * sizeof(*grown));
	if (!grown)
		return ML_ENOMEM;
	p->wording = grown;
	for (i = 0; i < v->nitems && !rc; i++) {
		rc = load_entry(c, v->items[i], prefer,
				&p->wording[p->nwording]);
		if (!rc)
			p->nwording++;
	}
	return rc;
}

/* The shipped defaults as the build read them: the YAML text through
 * the entry loader into p->wording (p->wording_tree owns the strings).
 * The build's generator (src/gen/wording_gen.c) writes the table
 * ml_wording_static from this, and test_prose compares the two. */
int ml_wording_defaults_parse(ml_profile *p, const char *text, size_t len,
			      ml_buf *err)
{
	ml_yaml_error yerr;
	ctx d = { p, NULL, ML_WORDING_DEFAULTS_NAME, err };
	const ml_node *root, *list;
	size_t i, keep = p->nwording;
	int rc;

	rc = ml_yaml_parse(text, len, 1, &p->wording_tree, &yerr);
	if (rc) {
		if (rc != ML_ENOMEM)
			ml_buf_printf(err, "%s:%d:%d: %s",
				      ML_WORDING_DEFAULTS_NAME, yerr.line,
				      yerr.column, yerr.message);
		return rc == ML_ENOMEM ? rc : ML_EINVAL;
	}
	d.tree = p->wording_tree;
	root = ml_tree_root(d.tree);
	list = ml_node_get(root, "avoid");
	if (!list) {
		(void)ml_buf_printf(err, "%s: no \"avoid\" list",
				    ML_WORDING_DEFAULTS_NAME);
		return ML_EINVAL;
	}
	rc = add_entries(&d, root->pairs[0].key, list, 0);
	for (i = keep; !rc && i < p->nwording; i++)
		p->wording[i].line = 0; /* not in the user's schema */
	return rc;
}

#ifndef ML_WORDING_GEN
/* The shipped defaults, less the ids in off: a copy of the build's
 * table (no parse), which the schema's own entries may then extend. */
static int load_defaults(ctx *c, const char **off, size_t noff)
{
	ml_profile *p = c->p;
	ml_wording_entry *grown;
	size_t i, o;

	grown = realloc(p->wording, (p->nwording + ml_wording_static_len + 1) *
					    sizeof(*grown));
	if (!grown)
		return ML_ENOMEM;
	p->wording = grown;
	for (i = 0; i < ml_wording_static_len; i++) {
		for (o = 0;
		     o < noff && strcmp(off[o], ml_wording_static[i].id) != 0;
		     o++)
			;
		if (o == noff)
			p->wording[p->nwording++] = ml_wording_static[i];
	}
	return ML_OK;
}

/* An id in off must name a default entry (the generator has checked
 * that every default names its id). */
static int check_off(ctx *c, const ml_node *offn, const char **off, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < ml_wording_static_len; j++)
			if (!strcmp(ml_wording_static[j].id, off[i]))
				break;
		if (j == ml_wording_static_len)
			return bad(c,
				   offn->type == ML_NODE_SEQ ? offn->items[i]
							     : offn,
				   "wording: off: \"%s\" is no default entry "
				   "(see schemas/wording-defaults.yaml)",
				   off[i]);
	}
	return ML_OK;
}

static int load_wording(ctx *c, const ml_node *k, const ml_node *v)
{
	const ml_node *defs = NULL, *offn = NULL;
	const char **off = NULL;
	size_t i, noff = 0;
	int rc = ML_OK, use_defaults = 1;

	if (v->type != ML_NODE_MAP)
		return bad(c, v, "\"wording\" must be a mapping");
	for (i = 0; i < v->npairs && !rc; i++) {
		const ml_node *kk = v->pairs[i].key, *vv = v->pairs[i].value;
		if (!strcmp(kk->str, "defaults"))
			rc = entry_flag(c, kk, vv, &use_defaults), defs = vv;
		else if (!strcmp(kk->str, "off"))
			rc = strings(c, kk, vv, &off, &noff), offn = vv;
		else if (strcmp(kk->str, "avoid") != 0 &&
			 strcmp(kk->str, "prefer") != 0)
			rc = bad(c, kk,
				 "unknown key \"%s\" in wording (known: "
				 "defaults, off, avoid, prefer)",
				 kk->str);
	}
	(void)defs;
	if (!rc && offn)
		rc = check_off(c, offn, off, noff);
	if (!rc) {
		/* the defaults were loaded before any schema key: redo them
		 * without the entries turned off, or drop them */
		ml_prose_profile_reset(c->p);
		if (use_defaults)
			rc = load_defaults(c, off, noff);
	}
	for (i = 0; i < v->npairs && !rc; i++) {
		const ml_node *kk = v->pairs[i].key, *vv = v->pairs[i].value;
		if (!strcmp(kk->str, "avoid") || !strcmp(kk->str, "prefer"))
			rc = add_entries(c, kk, vv, !strcmp(kk->str, "prefer"));
	}
	return rc;
}

/* ---- citation age ---------------------------------------------------- */

/* The reference types citation-age tells apart (rules/citeage.c). */
static const char *const ref_types[] = { "book", "chapter", "journal", "web",
					 "other" };

static int age_allow(ctx *c, const ml_node *k, const ml_node *v)
{
	ml_profile *p = c->p;
	size_t i, j;
	int rc = strings(c, k, v, &p->citation_age_allow,
			 &p->ncitation_age_allow);

	for (i = 0; !rc && i < p->ncitation_age_allow; i++) {
		for (j = 0; j < ML_ARRAY_LEN(ref_types); j++)
			if (!strcmp(ref_types[j], p->citation_age_allow[i]))
				break;
		if (j == ML_ARRAY_LEN(ref_types))
			return bad(c, v->type == ML_NODE_SEQ ? v->items[i] : v,
				   "\"%s\" is no reference type (known: book, "
				   "chapter, journal, web, other)",
				   p->citation_age_allow[i]);
	}
	return rc;
}

/* ---- wording's index ------------------------------------------------ */

static int lower_ascii(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* The length of the lead of phrase m: its first run of word bytes. */
static size_t lead_of(const char *m, size_t len)
{
	size_t k = 0;

	while (k < len && ml_prose_word_at(m, len, k))
		k++;
	return k;
}

/* Files the lead m[0..lead) of a phrase of length len in the quick no.
 * A phrase longer than its lead ("the" of "the elderly", "risk" of
 * "risk-free") matches only where the word is its lead: what follows
 * the lead in the phrase is no word byte, and must follow it in the
 * text. A phrase that is its lead alone may be inflected: the lead, or
 * all of it but its last byte, then a suffix; and the stems an
 * inflection starts with ("e" as "ing", "y" as "ies", "be" as "bing")
 * are let through by their first byte. */
static void file_filter(ml_wording_index *x, const char *m, size_t lead,
			size_t len)
{
	int c0 = lower_ascii((unsigned char)m[0]), last;
	unsigned k, from;

	if (lead == len && lead == 1) {
		x->first[c0] = 1;
	} else {
		k = ml_wording_key(
			c0, lead > 1 ? lower_ascii((unsigned char)m[1]) : 0);
		if (lead < len)
			x->lengths[k] |= 1u << (lead < 31 ? lead : 31);
		else
			for (from = (unsigned)lead - 1; from < 32; from++)
				x->lengths[k] |= 1u << from;
		/* the word is the lead, or (inflected) starts with all of
		 * it but its last byte: its third byte is known when that
		 * holds three */
		if (lead < len ? lead < 3 : lead - 1 < 3)
			x->third[k] |= lead < len && lead < 3 ? 1u << 26
							      : 0xFFFFFFFFu;
		else
			x->third[k] |= 1u << ml_wording_class3(lower_ascii(
					       (unsigned char)m[2]));
	}
	last = lower_ascii((unsigned char)m[lead - 1]);
	if (lead == len && lead <= 2 && (last == 'e' || last == 'y'))
		x->first[lead == 1 ? 'i' : c0] = 1;
}

static void file_phrase(ml_wording_index *x, unsigned c)
{
	ml_wording_phrase *ph = &x->phrase[c];
	size_t lead = lead_of(ph->text, ph->len), k, i;
	uint32_t h = ML_WORDING_FNV_INIT;
	ml_wording_lead *sl;

	ph->next = ML_WORDING_NONE;
	if (!lead)
		return; /* no word start is one of its bytes: never matches */
	for (i = 0; i < lead; i++)
		h = ML_WORDING_FNV(h, lower_ascii((unsigned char)ph->text[i]));
	file_filter(x, ph->text, lead, ph->len);
	for (k = h & (x->nslot - 1);; k = (k + 1) & (x->nslot - 1)) {
		sl = &x->slot[k];
		if (!sl->lead) {
			sl->hash = h, sl->lead = ph->text, sl->len = lead;
			sl->first = sl->last = c;
			return;
		}
		if (sl->hash == h && sl->len == lead &&
		    ml_fold_ascii_same(sl->lead, ph->text, lead)) {
			x->phrase[sl->last].next = c;
			sl->last = c;
			return;
		}
	}
}

/* The next index's id: 1, 2, ... (after 2^32 - 1 indexes, 1 again; a
 * process builds one per profile). */
static uint32_t index_id(void)
{
	static _Atomic uint32_t last;
	uint32_t id;

	do
		id = atomic_fetch_add_explicit(&last, 1, memory_order_relaxed) +
		     1;
	while (!id);
	return id;
}

int ml_wording_index_build(const ml_profile *p, ml_wording_index **out)
{
	ml_wording_index *x;
	size_t i, k, n = 0;

	*out = NULL;
	for (i = 0; i < p->nwording; i++)
		n += p->wording[i].nmatch;
	x = calloc(1, sizeof(*x));
	if (!x)
		return ML_ENOMEM;
	x->id = index_id();
	for (x->nslot = 16; x->nslot < 2 * n; x->nslot *= 2)
		;
	x->phrase = malloc((n ? n : 1) * sizeof(*x->phrase));
	x->slot = calloc(x->nslot, sizeof(*x->slot));
	if (!x->phrase || !x->slot) {
		ml_wording_index_free(x);
		return ML_ENOMEM;
	}
	for (i = 0; i < p->nwording; i++)
		for (k = 0; k < p->wording[i].nmatch; k++) {
			ml_wording_phrase *ph = &x->phrase[x->nphrase];
			ph->entry = (unsigned)i, ph->phrase = (unsigned)k;
			ph->text = p->wording[i].match[k];
			ph->len = strlen(ph->text);
			file_phrase(x, (unsigned)x->nphrase++);
		}
	*out = x;
	return ML_OK;
}

void ml_wording_index_free(ml_wording_index *x)
{
	if (!x)
		return;
	free(x->phrase);
	free(x->slot);
	free(x);
}

/* The index of the list as it now is. */
static int reindex(ml_profile *p)
{
	ml_wording_index_free(p->wording_index);
	p->wording_index = NULL;
	return ml_wording_index_build(p, &p->wording_index);
}

/* ---- entry points ---------------------------------------------------- */

int ml_prose_profile_init(ml_profile *p, ml_buf *err)
{
	p->readability.metric = ML_METRIC_SMOG;
	p->readability.max_grade = 8;
	p->readability.min_words = 300;
	/* the build's table itself, until a wording: key changes it */
	p->wording = (ml_wording_entry *)ml_wording_static;
	p->nwording = ml_wording_static_len;
	return reindex(p);
}

void ml_prose_profile_reset(ml_profile *p)
{
	if (p->wording != ml_wording_static)
		free(p->wording);
	p->wording = NULL;
	p->nwording = 0;
	ml_tree_free(p->wording_tree);
	p->wording_tree = NULL;
	ml_wording_index_free(p->wording_index);
	p->wording_index = NULL;
}

int ml_prose_profile_key(ml_profile *p, const char *file, const ml_node *k,
			 const ml_node *v, ml_buf *err)
{
	ctx c = { p, p->tree, file, err };

	if (!strcmp(k->str, "readability"))
		return mapping(&c, k, v, readability_key);
	if (!strcmp(k->str, "claims")) {
		p->claims_line = k->line;
		return mapping(&c, k, v, claims_key);
	}
	if (!strcmp(k->str, "wording")) {
		int rc = load_wording(&c, k, v);
		return rc ? rc : reindex(p);
	}
	if (!strcmp(k->str, "citation_max_age_years")) {
		if (v->type != ML_NODE_INT || v->num < 1 || v->num > 500)
			return bad(&c, v,
				   "\"citation_max_age_years\" must be an "
				   "integer from 1 to 500");
		p->citation_max_age_years = (int)v->num;
		return ML_OK;
	}
	if (!strcmp(k->str, "citation_age_allow"))
		return age_allow(&c, k, v);
	return 1; /* not a prose key */
}
#endif /* !ML_WORDING_GEN */
