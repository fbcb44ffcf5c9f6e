/* schema/schema.h - JSON Schema (draft 2020-12) validation over an ml_node tree.
 *
 * A schema is compiled once (regexes JIT-compiled, $refs resolved) and is
 * then read-only: one compiled schema may validate many trees from several
 * threads at once. Violations are reported one per fault through a
 * callback, with a message that starts with the instance's JSON pointer
 * ("/" for the root). Sub-schemas of anyOf/oneOf/not/if/contains are tried
 * silently: their failure is one finding on the instance, not one per
 * branch.
 *
 * Supported: every draft 2020-12 validation and applicator keyword,
 * unevaluatedProperties/Items, $ref/$dynamicRef/$anchor/$dynamicAnchor/$id
 * within the document (no remote fetching, $schema/$vocabulary ignored),
 * draft-07 "dependencies", format assertions for date, date-time, time,
 * uri, email, ipv4, ipv6 and uuid. Patterns are ECMA-262 as PCRE2 (UTF)
 * runs them, with \p{Long_Name} and Unicode \s translated. Unknown
 * keywords and unknown formats are ignored, as the specification says.
 * The compiled schema keeps its own copy of the schema tree. */
#ifndef ML_SCHEMA_H
#define ML_SCHEMA_H

#include "parse/node.h"
#include "util/buf.h"

typedef struct ml_schema ml_schema;

/* Flags of ml_schema_compile_ex. */
enum {
	/* "format" is an annotation only (the JSON Schema default); medlint
	 * asserts formats unless this is set. */
	ML_SCHEMA_FORMAT_ANNOTATION = 1u << 0,
	/* The caller keeps the schema's tree, unchanged, for as long as the
	 * compiled schema lives (the built-in schema's profile owns both):
	 * it is not copied into the schema. Only for a tree known to be
	 * well formed: the copy's depth check is skipped too. */
	ML_SCHEMA_BORROW_TREE = 1u << 1
};

/* Compile once. On a bad schema returns non-zero (an ml_result) and
 * writes a one-line reason naming line:col of the bad node into err,
 * e.g. `schema 12:5: "minLength" must be a non-negative integer`. */
int ml_schema_compile(const ml_node *schema, ml_schema **out, ml_buf *err);
int ml_schema_compile_ex(const ml_node *schema, unsigned flags, ml_schema **out,
			 ml_buf *err);
void ml_schema_free(ml_schema *s);

/* Called once per violation. `at` is the offending instance node (for a
 * missing required key: the parent mapping; for an unknown key: the key
 * node); `message` is complete, e.g.
 *   /type: "glossary" is not one of term, condition, exercise
 *   /reviewers/0: missing required key "credentials"  */
typedef void (*ml_schema_report_fn)(void *ctx, const ml_node *at,
				    const char *message);

/* What a violation says when the schema words it itself: the failing
 * keyword ("pattern") and the message the keyword alone would give. */
typedef struct {
	const char *keyword;
	const char *raw;
} ml_schema_detail;

typedef void (*ml_schema_detail_fn)(void *ctx, const ml_node *at,
				    const char *message,
				    const ml_schema_detail *detail);

/* Returns the number of violations reported (0 = valid), or a negative
 * ml_result on internal error. report may be NULL (count only).
 * Thread-safe for a shared compiled schema. A $ref cycle that never
 * consumes the instance stops at a depth limit with one violation. */
int ml_schema_validate(const ml_schema *s, const ml_node *instance,
		       ml_schema_report_fn report, void *ctx);

/* Evaluation is bounded: each application of a (sub)schema to an
 * instance node is a step, and one validation takes at most
 * ML_SCHEMA_STEPS_BASE + ML_SCHEMA_STEPS_PER_NODE steps per node of the
 * instance (its expanded weight), so its time is linear in the
 * instance whatever nests in the schema (nested anyOf/allOf/oneOf ask
 * for 2^depth steps: a 4 KB schema took 12.3 s an article). Past it the
 * validation ends with ML_ELIMIT; faults found before stay reported, none
 * is guessed after. */
#define ML_SCHEMA_STEPS_BASE 1000000ULL
#define ML_SCHEMA_STEPS_PER_NODE 256ULL
unsigned long long ml_schema_step_budget(const ml_node *instance);

/* ml_schema_validate; *steps_spent (when not NULL) is 1 when the step
 * budget ended it (the result is then ML_ELIMIT), else 0. */
int ml_schema_validate_ex(const ml_schema *s, const ml_node *instance,
			  ml_schema_report_fn report, void *ctx,
			  int *steps_spent);

/* The same for front matter, where the schema's own words are what a
 * reader sees: a failing keyword on a schema with "errorMessage" (a
 * string, or an object by keyword, as ajv-errors writes it) is reported
 * as "PATH: errorMessage"; without one, a keyword on the value itself
 * (type, enum, const, pattern, lengths, format, bounds) of a schema with
 * "description" as "PATH: VALUE is not valid: description". detail is
 * then the keyword and the message the keyword would give, else NULL;
 * steps_spent as ml_schema_validate_ex. */
int ml_schema_validate_detail(const ml_schema *s, const ml_node *instance,
			      ml_schema_detail_fn report, void *ctx,
			      int *steps_spent);

/* How many of s's patterns are matched by a JIT copy by now: a pattern is
 * JIT-compiled once it has been matched ML_RX_JIT_AFTER times
 * (util/regex.h), never when PCRE2 has no JIT. */
size_t ml_schema_jitted(const ml_schema *s);

#endif
