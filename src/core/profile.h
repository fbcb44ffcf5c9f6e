/* core/profile.h - the article schema file (schemas/article.schema.yaml),
 * compiled once per run and shared read-only by every worker thread.
 *
 *   frontmatter:          a JSON Schema (draft 2020-12) -> schema.c
 *   sections:             ordered section specs          -> structure rules
 *   byline:               PCRE2 pattern of the reviewers line
 *   credentials:          allow-list of reviewer credentials
 *   review_max_age_days:  review-stale threshold (default 730)
 *   proper_nouns:         words citation-case accepts capitalised
 *   fields:               which front-matter key holds each role the rules
 *                         read (title, term, slug, reviewers, reviewer_name,
 *                         reviewer_credentials, reviewed, related)
 *   readability, claims, wording, citation_max_age_years,
 *   citation_age_allow:   the prose rules' parameters (core/prose.c)
 *
 * Every regex (byline, headings, frontmatter `pattern`) is compiled here,
 * so a bad one stops the run with file:line:col before any article. */
#ifndef ML_PROFILE_H
#define ML_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#include "core/ruletab.h"
#include "parse/node.h"
#include "util/buf.h"

struct ml_schema;

/* The roles the rules read from the front matter. */
typedef enum {
	ML_FIELD_TITLE,
	ML_FIELD_TERM,
	ML_FIELD_SLUG,
	ML_FIELD_REVIEWERS,
	ML_FIELD_REVIEWER_NAME,	 /* key inside a reviewers mapping */
	ML_FIELD_REVIEWER_CREDS, /* key inside a reviewers mapping */
	ML_FIELD_REVIEWED,
	ML_FIELD_RELATED,
	ML_FIELD__COUNT
} ml_field;

/* Role name as written under `fields:` ("reviewed"), and its default
 * front-matter key ("last_reviewed"). */
const char *ml_field_role(ml_field f);
const char *ml_field_default(ml_field f);

typedef enum {
	ML_ORDER_NONE,
	ML_ORDER_CITATION,
	ML_ORDER_ALPHABETICAL
} ml_cite_order;

/* How a section is found: by its heading (the default); by a heading or
 * else a top-level paragraph that says its must_contain phrases (a
 * disclaimer paragraph without a heading); by a heading or else the last
 * top-level numbered list (a reference list without a heading). */
typedef enum {
	ML_MATCH_HEADING,
	ML_MATCH_PARAGRAPH,
	ML_MATCH_LIST
} ml_section_match;

/* The style a reference list is checked in (`citations:`). */
typedef enum {
	ML_CITE_NONE, /* the section holds no reference list */
	ML_CITE_APA7,
	ML_CITE_AMA11,	  /* AMA Manual of Style, 11th edition */
	ML_CITE_VANCOUVER /* NLM Citing Medicine */
} ml_cite_style;

typedef struct {
	const char *id;
	const char *heading; /* PCRE2 pattern source, {term}/{title}
				unexpanded; NULL: found by content only */
	int level;	     /* 1..6; 0 = any */
	int required;
	int min_words; /* 0 = no minimum */
	const char **must_contain;
	size_t nmust_contain;
	ml_cite_style citations; /* the reference list lives here, in this
				    style (ML_CITE_NONE: not here) */
	ml_cite_order order;
	const char *example; /* what messages show instead of the pattern */
	ml_section_match match;
	int line, column; /* where the spec is in the schema file */
	/* heading: {en: ..., ru: ...} and must_contain: {en: [...], ...}:
	 * per language (core/typeset.h); heading and must_contain above
	 * hold the first language's until a language view is made */
	const ml_node *heading_by_lang, *must_by_lang;
} ml_section_spec;

/* readability: {metric, max_grade, min_words, sections} */
typedef enum { ML_METRIC_SMOG, ML_METRIC_FKGL } ml_read_metric;

typedef struct {
	ml_read_metric metric; /* smog */
	double max_grade;      /* 8 */
	int min_words;	       /* 300: less prose is not measured */
	const char **sections; /* section ids measured one by one; none:
				  the whole article */
	size_t nsections;
} ml_readability_spec;

/* One entry of wording's avoid/prefer lists or of its shipped defaults
 * (schemas/wording-defaults.yaml). */
typedef struct {
	const char *id;
	const char **match; /* phrases, matched as whole words ignoring
			       case; the last word with its inflections
			       unless inflect is 0 */
	size_t nmatch;
	int inflect;
	const char *message; /* the reason */
	const char *replace; /* the replacement, or NULL */
	int fix;	     /* replace is unambiguous: --fix applies it */
	int error;	     /* level: error */
	const char **unless_after; /* a preceding word that makes it fine */
	size_t nunless_after;
	const char **unless_before; /* a following word that makes it fine */
	size_t nunless_before;
	int line, column; /* where the entry is; 0 for the defaults */
	const char *file; /* the schema, or the defaults' name */
} ml_wording_entry;

/* wording's phrases filed by their lead, the run of word bytes they
 * start with (rules/wording.c reads them by it): built with the list by
 * core/prose_schema.c, once per profile, and read by every thread. */
typedef struct {
	unsigned entry, phrase; /* wording[entry].match[phrase] */
	const char *text;
	size_t len;
	unsigned next; /* the next phrase with the same lead, or NONE */
} ml_wording_phrase;

typedef struct {
	uint32_t hash;	      /* ML_WORDING_FNV of the lead's folded bytes */
	unsigned first, last; /* the group of phrases with this lead */
	const char *lead;
	size_t len;
} ml_wording_lead;

#define ML_WORDING_NONE 0xFFFFFFFFu
#define ML_WORDING_FNV_INIT 2166136261u
#define ML_WORDING_FNV(h, c) (((h) ^ (uint32_t)(c)) * 16777619u)

typedef struct ml_wording_index {
	ml_wording_phrase *phrase; /* in entry order */
	size_t nphrase;
	ml_wording_lead *slot; /* open addressing, nslot a power of two */
	size_t nslot;
	/* a quick no for most words, before any hashing: the words that
	 * may match start with a byte of first[], or with a pair of bytes
	 * (ml_wording_key; a one-letter word's pair has no second) under
	 * which lengths[] has the word's length (bit 31: 31 or more) */
	unsigned char first[256];
	uint32_t lengths[27 * 28];
	/* and, under the same pair, the class of its third byte
	 * (ml_wording_class3) */
	uint32_t third[27 * 28];
	/* never 0, and no other index of the process has it: what a cache
	 * of the quick no's answers is kept with (rules/prose.c) */
	uint32_t id;
} ml_wording_index;

/* The class of a folded pair of bytes: first a letter (0..25) or not
 * (26); second a letter (0..25), none (26) or another byte (27). */
static inline unsigned ml_wording_key(int c0, int c1)
{
	unsigned k0, k1;

	k0 = c0 >= 'a' && c0 <= 'z' ? (unsigned)(c0 - 'a') : 26;
	k1 = c1 >= 'a' && c1 <= 'z' ? (unsigned)(c1 - 'a') : c1 ? 27 : 26;
	return k0 * 28 + k1;
}

/* The class of a folded third byte: a letter (0..25), none (26: the
 * word has two bytes) or another byte (27). */
static inline unsigned ml_wording_class3(int c2)
{
	return c2 >= 'a' && c2 <= 'z' ? (unsigned)(c2 - 'a') : c2 ? 27 : 26;
}

typedef struct ml_profile ml_profile;
/* The index of p's wording list (ML_OK or ML_ENOMEM); free it with
 * ml_wording_index_free. */
ML_WARN_UNUSED int ml_wording_index_build(const ml_profile *p,
					  ml_wording_index **out);
void ml_wording_index_free(ml_wording_index *x);

typedef struct ml_profile {
	char *path;
	ml_tree *tree;			/* owns every string below */
	struct ml_schema *frontmatter;	/* NULL when the file has none */
	const ml_node *frontmatter_src; /* its YAML, for the role check */
	ml_section_spec *sections;
	size_t nsections;
	const char *byline;	    /* NULL = no byline check */
	const char *byline_example; /* byline: {example:}, or NULL */
	int byline_line, byline_column;
	/* front-matter key of each role; NULL = ml_field_default */
	const char *fields[ML_FIELD__COUNT];
	int field_line[ML_FIELD__COUNT], field_column[ML_FIELD__COUNT];
	int fields_line; /* the `fields:` key, 0 when absent */
	const char **credentials;
	size_t ncredentials;
	int review_max_age_days;
	const char **proper_nouns;
	size_t nproper_nouns;
	int double_hyphen_dash; /* from the config: -- renders as an en dash */
	/* the prose rules (core/prose.c) */
	ml_readability_spec readability;
	const char **claim_sections; /* claims: {sections}; none: all */
	size_t nclaim_sections;
	int claims_line;
	ml_wording_entry *wording; /* defaults (less those turned off),
				      then the schema's own entries; the
				      table ml_wording_static itself when
				      the schema has no wording: key */
	size_t nwording;
	ml_tree *wording_tree;		 /* ml_wording_defaults_parse's YAML */
	ml_wording_index *wording_index; /* of wording, built with it */
	int citation_max_age_years; /* 0: not set (citation-age cannot run) */
	const char **citation_age_allow; /* reference types never too old */
	size_t ncitation_age_allow;
	/* content types and languages (core/typeset.h): the loader attaches
	 * them to the profile it hands out; NULL when the config has none */
	struct ml_typeset *typeset;
	/* a language view of base (core/typeset.h): it owns only its
	 * sections and view_mem, everything else is base's; lang its code */
	const struct ml_profile *base;
	const char *lang;
	void *view_mem;
} ml_profile;

/* The wording defaults (schemas/wording-defaults.yaml) as the build
 * loaded them (src/gen/wording_gen.c writes the table): a profile's
 * wording list is this table until its schema's wording: key changes
 * it. ml_wording_defaults_parse loads the YAML text the same way,
 * appending to p->wording with p->wording_tree owning the strings. */
#define ML_WORDING_DEFAULTS_NAME "schemas/wording-defaults.yaml"
extern const ml_wording_entry ml_wording_static[];
extern const size_t ml_wording_static_len;
ML_WARN_UNUSED int ml_wording_defaults_parse(ml_profile *p, const char *text,
					     size_t len, ml_buf *err);

/* Load and compile. On error returns non-zero and writes a one-line
 * reason with file:line:col into err. */
int ml_profile_load(const char *path, ml_profile **out, ml_buf *err);
/* The same from text in memory (the built-in default); name is what
 * messages call the file. */
int ml_profile_load_text(const char *name, const char *text, size_t len,
			 ml_profile **out, ml_buf *err);
/* The front-matter key that holds role f (never NULL). */
const char *ml_profile_field(const ml_profile *p, ml_field f);
/* A rule that is on (severity[r] != off) but cannot run under this schema:
 * its role names a key the front-matter schema does not declare, its
 * section is missing, or it needs `byline`/`credentials`. Non-zero with
 * one line "file:line:col: rule R ..." in err. */
int ml_profile_check(const ml_profile *p, const ml_severity *severity,
		     ml_buf *err);
/* The same for a run: every rule that cannot run, one line each (joined
 * by newlines) in err; the verification rules (citation-unresolved ...
 * citation-unverified) count only when verify (--verify-refs) is set. */
int ml_profile_check_run(const ml_profile *p, const ml_severity *severity,
			 int verify, ml_buf *err);
void ml_profile_free(ml_profile *p);

#endif
