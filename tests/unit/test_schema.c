/* Unit tests for the JSON Schema validator (schema.c): messages, where
 * findings point, compile errors, recursion limits, date formats and a
 * two-thread smoke test on one shared compiled schema.
 *
 * Trees come from JSON through tests/support/json_tree.c, which numbers
 * nodes in pre-order as their "line": {"a": 1} is map 1, key 2, value 3. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pcre2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/common.h"
#include "util/regex.h"
#include "json_tree.h"
#include "schema/schema.h"

#define MAX_SEEN 16

typedef struct {
	int n;
	char msg[MAX_SEEN][512];
	int line[MAX_SEEN];
	int type[MAX_SEEN];
} seen;

static void collect(void *ctx, const ml_node *at, const char *message)
{
	seen *s = ctx;

	if (s->n < MAX_SEEN) {
		snprintf(s->msg[s->n], sizeof(s->msg[0]), "%s", message);
		s->line[s->n] = at ? at->line : -1;
		s->type[s->n] = at ? (int)at->type : -1;
	}
	s->n++;
}

static ml_tree *json(const char *text)
{
	json_error_t err;
	ml_tree *t = ml_json_tree_parse(text, strlen(text), &err);

	if (!t)
		fail_msg("bad JSON in test: %s: %s", err.text, text);
	return t;
}

static ml_schema *compile_ok(const char *text)
{
	ml_tree *t = json(text);
	ml_schema *s = NULL;
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);
	int rc = ml_schema_compile(ml_tree_root(t), &s, &err);

	if (rc)
		fail_msg("schema did not compile: %s", ml_buf_cstr(&err));
	ml_buf_dispose(&err);
	/* the compiled schema must not point into the source tree's
	 * arena except for constants: keep the tree alive with it */
	ml_tree_free(t);
	return s;
}

/* Validate instance text; returns the count, fills *out. */
static int check(const ml_schema *s, const char *instance, seen *out)
{
	ml_tree *t = json(instance);
	int n;

	memset(out, 0, sizeof(*out));
	n = ml_schema_validate(s, ml_tree_root(t), collect, out);
	ml_tree_free(t);
	assert_int_equal(n, out->n);
	return n;
}

static const char *article_schema =
	"{\"type\": \"object\","
	" \"required\": [\"title\", \"slug\", \"type\"],"
	" \"additionalProperties\": false,"
	" \"properties\": {"
	"  \"title\": {\"type\": \"string\", \"minLength\": 3},"
	"  \"slug\": {\"type\": \"string\","
	"            \"pattern\": \"^[a-z0-9]+(-[a-z0-9]+)*$\"},"
	"  \"type\": {\"enum\": [\"term\", \"condition\", \"exercise\"]},"
	"  \"last_reviewed\": {\"type\": \"string\", \"format\": \"date\"},"
	"  \"reviewers\": {\"type\": \"array\", \"minItems\": 1,"
	"    \"items\": {\"type\": \"object\","
	"                \"required\": [\"name\", \"credentials\"],"
	"                \"properties\": {"
	"                  \"name\": {\"type\": \"string\"},"
	"                  \"credentials\": {\"type\": \"array\","
	"                     \"items\": {\"type\": \"string\"},"
	"                     \"uniqueItems\": true}}}},"
	"  \"related_terms\": {\"type\": \"array\", \"uniqueItems\": true,"
	"                    \"items\": {\"$ref\": \"#/$defs/slug\"}}},"
	" \"$defs\": {\"slug\": {\"type\": \"string\", \"pattern\": \"^[a-z-]+$\"}}"
	"}";

static void test_valid_article(void **state)
{
	ml_schema *s = compile_ok(article_schema);
	seen r;

	(void)state;
	assert_int_equal(check(s,
			       "{\"title\": \"Gastrocnemius\", \"slug\": "
			       "\"gastrocnemius\", \"type\": \"term\","
			       " \"last_reviewed\": \"2024-02-29\","
			       " \"reviewers\": [{\"name\": \"J\", "
			       "\"credentials\": [\"MD\"]}],"
			       " \"related_terms\": [\"soleus\"]}",
			       &r),
			 0);
	ml_schema_free(s);
}

static void test_messages(void **state)
{
	ml_schema *s = compile_ok(article_schema);
	seen r;

	(void)state;
	/* map 1, "title" 2, value 3, "slug" 4, value 5, "type" 6, value 7,
	 * "last_reviewed" 8, value 9 */
	assert_int_equal(check(s,
			       "{\"title\": \"Gastro\", \"slug\": \"Bad_Slug\","
			       " \"type\": \"glossary\","
			       " \"last_reviewed\": \"2026-02-30\"}",
			       &r),
			 3);
	assert_string_equal(r.msg[0], "/slug: \"Bad_Slug\" does not match "
				      "pattern ^[a-z0-9]+(-[a-z0-9]+)*$");
	assert_int_equal(r.line[0], 5);
	assert_string_equal(r.msg[1], "/type: \"glossary\" is not one of "
				      "term, condition, exercise");
	assert_int_equal(r.line[1], 7);
	assert_string_equal(r.msg[2], "/last_reviewed: \"2026-02-30\" is not "
				      "a valid date (format)");
	assert_int_equal(r.line[2], 9);
	ml_schema_free(s);
}

static void test_required_points_at_parent(void **state)
{
	ml_schema *s = compile_ok(article_schema);
	seen r;

	(void)state;
	/* map 1, title 2-3, slug 4-5, type 6-7, "reviewers" 8, seq 9,
	 * map 10 */
	assert_int_equal(check(s,
			       "{\"title\": \"Gastro\", \"slug\": \"g\","
			       " \"type\": \"term\","
			       " \"reviewers\": [{\"name\": \"J\"}]}",
			       &r),
			 1);
	assert_string_equal(r.msg[0], "/reviewers/0: missing required key "
				      "\"credentials\"");
	assert_int_equal(r.line[0], 10);
	assert_int_equal(r.type[0], ML_NODE_MAP);

	assert_int_equal(
		check(s, "{\"title\": \"Gastro\", \"slug\": \"g\"}", &r), 1);
	assert_string_equal(r.msg[0], "/: missing required key \"type\"");
	assert_int_equal(r.line[0], 1);
	ml_schema_free(s);
}

static void test_unknown_key_points_at_key(void **state)
{
	ml_schema *s = compile_ok(article_schema);
	seen r;

	(void)state;
	assert_int_equal(check(s,
			       "{\"title\": \"Gastro\", \"slug\": \"g\","
			       " \"type\": \"term\", \"extra\": 1,"
			       " \"a/b~\": 2}",
			       &r),
			 2);
	assert_string_equal(
		r.msg[0],
		"/extra: unknown key (additionalProperties is false)");
	assert_int_equal(r.line[0], 8);
	assert_int_equal(r.type[0], ML_NODE_STRING);
	/* JSON pointer escapes */
	assert_string_equal(
		r.msg[1],
		"/a~1b~0: unknown key (additionalProperties is false)");
	ml_schema_free(s);
}

static void test_nested_paths_and_duplicates(void **state)
{
	ml_schema *s = compile_ok(article_schema);
	seen r;

	(void)state;
	assert_int_equal(check(s,
			       "{\"title\": \"Gastro\", \"slug\": \"g\","
			       " \"type\": \"term\","
			       " \"reviewers\": [{\"name\": \"J\","
			       " \"credentials\": [\"MD\", 7, \"MD\"]}],"
			       " \"related_terms\": [\"Soleus\"]}",
			       &r),
			 3);
	assert_string_equal(r.msg[0], "/reviewers/0/credentials/1: expected "
				      "string, got integer");
	assert_string_equal(r.msg[1], "/reviewers/0/credentials/2: duplicate "
				      "of item 0 (uniqueItems)");
	assert_string_equal(r.msg[2], "/related_terms/0: \"Soleus\" does not "
				      "match pattern ^[a-z-]+$");
	ml_schema_free(s);
}

static void test_no_cascade(void **state)
{
	ml_schema *s = compile_ok(
		"{\"properties\": {"
		" \"a\": {\"type\": \"string\", \"enum\": [\"x\"], "
		"        \"minLength\": 3},"
		" \"b\": {\"anyOf\": [{\"type\": \"string\"},"
		"                   {\"type\": \"integer\", \"minimum\": 5}]},"
		" \"c\": {\"oneOf\": [{\"minimum\": 0}, {\"maximum\": 10}]},"
		" \"d\": {\"not\": {\"type\": \"null\"}}}}");
	seen r;

	(void)state;
	assert_int_equal(
		check(s, "{\"a\": 1, \"b\": 2, \"c\": 5, \"d\": null}", &r), 4);
	assert_string_equal(r.msg[0], "/a: expected string, got integer");
	assert_string_equal(r.msg[1], "/b: does not match any of the anyOf "
				      "alternatives");
	assert_string_equal(r.msg[2], "/c: matches more than one of the oneOf "
				      "alternatives (1 and 2)");
	assert_string_equal(r.msg[3], "/d: must not match the \"not\" schema");
	ml_schema_free(s);
}

static void test_numbers_and_lengths(void **state)
{
	ml_schema *s =
		compile_ok("{\"properties\": {"
			   " \"i\": {\"type\": \"integer\"},"
			   " \"k\": {\"const\": 1},"
			   " \"n\": {\"minimum\": 1.5, \"multipleOf\": 0.5},"
			   " \"s\": {\"minLength\": 2, \"maxLength\": 2}}}");
	seen r;

	(void)state;
	/* 1.0 is an integer; 1 == 1.0; "é€" is two code points */
	assert_int_equal(check(s,
			       "{\"i\": 1.0, \"k\": 1.0, \"n\": 2.5,"
			       " \"s\": \"\\u00e9\\u20ac\"}",
			       &r),
			 0);
	assert_int_equal(check(s,
			       "{\"i\": 1.5, \"k\": [1], \"n\": 1,"
			       " \"s\": \"abc\"}",
			       &r),
			 4);
	assert_string_equal(r.msg[0], "/i: expected integer, got number");
	assert_string_equal(r.msg[1],
			    "/k: does not equal the value of \"const\"");
	assert_string_equal(r.msg[2], "/n: 1 is less than the minimum 1.5");
	assert_string_equal(r.msg[3], "/s: \"abc\" is longer than 2 "
				      "characters (maxLength)");
	assert_int_equal(check(s, "{\"k\": 2}", &r), 1);
	assert_string_equal(r.msg[0], "/k: 2 is not 1 (const)");
	ml_schema_free(s);
}

static void test_date_format(void **state)
{
	static const struct {
		const char *date;
		int valid;
	} cases[] = {
		{ "2024-02-29", 1 },
		{ "2023-02-29", 0 },
		{ "1900-02-29", 0 },
		{ "2000-02-29", 1 },
		{ "2026-04-30", 1 },
		{ "2026-04-31", 0 },
		{ "2026-12-31", 1 },
		{ "2026-13-01", 0 },
		{ "2026-00-10", 0 },
		{ "2026-01-00", 0 },
		{ "2026-5-10", 0 },
		{ "26-05-10", 0 },
		{ "2026-05-10T00:00:00Z", 0 },
		{ "2026/05/10", 0 },
		{ "", 0 },
	};
	ml_schema *s = compile_ok("{\"format\": \"date\"}");
	ml_schema *dt = compile_ok("{\"format\": \"date-time\"}");
	char inst[64];
	size_t i;
	seen r;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(inst, sizeof(inst), "\"%s\"", cases[i].date);
		if (check(s, inst, &r) != !cases[i].valid)
			fail_msg("date %s: expected %s", cases[i].date,
				 cases[i].valid ? "valid" : "invalid");
	}
	/* not a string: formats do not apply */
	assert_int_equal(check(s, "20260510", &r), 0);
	assert_int_equal(check(dt, "\"2026-05-10T12:30:00+02:00\"", &r), 0);
	assert_int_equal(check(dt, "\"1998-12-31T23:59:60Z\"", &r), 0);
	assert_int_equal(check(dt, "\"1998-12-31T22:59:60Z\"", &r), 1);
	assert_int_equal(check(dt, "\"2026-05-10 12:30:00Z\"", &r), 1);
	ml_schema_free(s);
	ml_schema_free(dt);
}

static void test_uri_and_email_formats(void **state)
{
	ml_schema *s = compile_ok("{\"properties\": {"
				  " \"u\": {\"format\": \"uri\"},"
				  " \"e\": {\"format\": \"email\"}}}");
	seen r;

	(void)state;
	assert_int_equal(
		check(s,
		      "{\"u\": \"https://pubmed.ncbi.nlm.nih.gov/30422541/\","
		      " \"e\": \"editor@example.org\"}",
		      &r),
		0);
	assert_int_equal(
		check(s, "{\"u\": \"/relative\", \"e\": \"a@@b\"}", &r), 2);
	assert_string_equal(r.msg[0],
			    "/u: \"/relative\" is not a valid uri (format)");
	assert_string_equal(r.msg[1],
			    "/e: \"a@@b\" is not a valid email (format)");
	ml_schema_free(s);
}

static void expect_compile_error(const char *schema, const char *want)
{
	ml_tree *t = json(schema);
	ml_schema *s = NULL;
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);

	assert_int_equal(ml_schema_compile(ml_tree_root(t), &s, &err),
			 ML_EINVAL);
	assert_null(s);
	assert_string_equal(ml_buf_cstr(&err), want);
	ml_buf_dispose(&err);
	ml_tree_free(t);
}

static void test_compile_errors(void **state)
{
	(void)state;
	/* lines are pre-order node numbers: map 1, key 2, value 3 */
	expect_compile_error("{\"minLength\": -1}",
			     "schema 3:1: \"minLength\" must be a "
			     "non-negative integer");
	expect_compile_error("{\"type\": \"text\"}",
			     "schema 3:1: \"type\" must be a type name or an "
			     "array of them");
	expect_compile_error("{\"properties\": {\"a\": 5}}",
			     "schema 5:1: \"properties\" must be a schema "
			     "(object or boolean)");
	expect_compile_error("{\"$ref\": \"#/$defs/missing\"}",
			     "schema 3:1: cannot resolve \"#/$defs/missing\"");
	expect_compile_error("{\"$ref\": \"https://example.com/s.json\"}",
			     "schema 3:1: cannot resolve "
			     "\"https://example.com/s.json\" (only references "
			     "within the schema are supported)");
	expect_compile_error("{\"pattern\": \"a(\"}",
			     "schema 3:1: bad pattern \"a(\": missing closing "
			     "parenthesis at offset 2");
}

static void test_ref_cycle_is_bounded(void **state)
{
	ml_schema *s = compile_ok("{\"$ref\": \"#\"}");
	ml_schema *s2 = compile_ok(
		"{\"$defs\": {\"a\": {\"$ref\": \"#/$defs/b\"},"
		"             \"b\": {\"anyOf\": [{\"$ref\": \"#/$defs/a\"}]}},"
		" \"$ref\": \"#/$defs/a\"}");
	ml_schema *tree = compile_ok(
		"{\"type\": \"object\", \"properties\": {"
		" \"kids\": {\"type\": \"array\", \"items\": {\"$ref\": \"#\"}},"
		" \"name\": {\"type\": \"string\"}}}");
	seen r;

	(void)state;
	assert_int_equal(check(s, "{}", &r), 1);
	assert_string_equal(r.msg[0],
			    "/: schema nesting too deep (a $ref cycle?)");
	/* inside a silent anyOf branch: reported and counted all the same */
	assert_int_equal(check(s2, "1", &r), 2);
	assert_string_equal(r.msg[0],
			    "/: schema nesting too deep (a $ref cycle?)");
	assert_string_equal(r.msg[1],
			    "/: does not match any of the anyOf alternatives");
	/* legitimate recursion over the instance */
	assert_int_equal(check(tree,
			       "{\"name\": \"a\", \"kids\": [{\"name\": \"b\","
			       " \"kids\": [{\"name\": 3}]}]}",
			       &r),
			 1);
	assert_string_equal(r.msg[0], "/kids/0/kids/0/name: expected string, "
				      "got integer");
	ml_schema_free(s);
	ml_schema_free(s2);
	ml_schema_free(tree);
}

static void test_unevaluated_and_dynamic(void **state)
{
	ml_schema *s =
		compile_ok("{\"allOf\": [{\"properties\": {\"a\": true}}],"
			   " \"unevaluatedProperties\": false}");
	seen r;

	(void)state;
	assert_int_equal(check(s, "{\"a\": 1, \"b\": 2}", &r), 1);
	assert_string_equal(r.msg[0],
			    "/b: unknown key (unevaluatedProperties is false)");
	assert_int_equal(r.line[0], 4);
	ml_schema_free(s);
}

static void test_null_report_counts(void **state)
{
	ml_schema *s = compile_ok(article_schema);
	ml_tree *t = json("{\"title\": 1}");

	(void)state;
	assert_int_equal(ml_schema_validate(s, ml_tree_root(t), NULL, NULL), 3);
	assert_int_equal(ml_schema_validate(NULL, ml_tree_root(t), NULL, NULL),
			 ML_EINVAL);
	ml_tree_free(t);
	ml_schema_free(s);
}

static void test_same_fault_reported_once(void **state)
{
	ml_schema *s = compile_ok(
		"{\"$defs\": {\"slug\": {\"type\": \"string\","
		"                         \"pattern\": \"^[a-z]+$\"}},"
		" \"required\": [\"a\"],"
		" \"allOf\": [{\"required\": [\"a\"]}],"
		" \"properties\": {"
		"  \"s\": {\"type\": \"string\", \"$ref\": \"#/$defs/slug\"},"
		"  \"t\": {\"type\": \"string\","
		"          \"anyOf\": [{\"minLength\": 9}, {\"maxLength\": 0}]}}}");
	seen r;

	(void)state;
	assert_int_equal(check(s, "{\"s\": 5, \"t\": 7}", &r), 3);
	assert_string_equal(r.msg[0], "/: missing required key \"a\"");
	assert_string_equal(r.msg[1], "/s: expected string, got integer");
	assert_string_equal(r.msg[2], "/t: expected string, got integer");
	assert_int_equal(ml_schema_validate(s, NULL, NULL, NULL), ML_EINVAL);
	ml_schema_free(s);
}

static void test_ecma_regex_dialect(void **state)
{
	ml_schema *s = compile_ok("{\"properties\": {"
				  " \"l\": {\"pattern\": \"^\\\\p{Letter}+$\"},"
				  " \"w\": {\"pattern\": \"^a\\\\sb$\"},"
				  " \"n\": {\"pattern\": \"^[^\\\\s,]+$\"},"
				  " \"e\": {\"pattern\": \"^\\\\u00e9$\"},"
				  " \"u\": {\"pattern\": \"b\"}}}");
	seen r;

	(void)state;
	/* \p{Letter} (long name), \s includes NBSP, \uXXXX, unanchored */
	assert_int_equal(check(s,
			       "{\"l\": \"\\u03c0abc\", \"w\": "
			       "\"a\\u00a0b\", \"n\": \"Lee\", \"e\": "
			       "\"\\u00e9\", \"u\": \"abc\"}",
			       &r),
			 0);
	assert_int_equal(check(s,
			       "{\"l\": \"ab1\", \"n\": \"J\\u00a0Lee\","
			       " \"u\": \"ac\"}",
			       &r),
			 3);
	ml_schema_free(s);
}

static void test_draft7_dependencies(void **state)
{
	ml_schema *s = compile_ok(
		"{\"dependencies\": {\"a\": [\"b\"],"
		"                   \"c\": {\"required\": [\"d\"]}}}");
	seen r;

	(void)state;
	assert_int_equal(check(s, "{\"a\": 1, \"c\": 2}", &r), 2);
	assert_string_equal(r.msg[0], "/: missing key \"b\" (required when "
				      "\"a\" is present)");
	assert_string_equal(r.msg[1], "/: missing required key \"d\"");
	ml_schema_free(s);
}

typedef struct {
	const ml_schema *s;
	ml_tree *good, *bad;
	int failures;
} worker_arg;

static void *worker(void *p)
{
	worker_arg *a = p;
	seen r;
	int i;

	for (i = 0; i < 2000; i++) {
		memset(&r, 0, sizeof(r));
		if (ml_schema_validate(a->s, ml_tree_root(a->good), collect,
				       &r) != 0)
			a->failures++;
		memset(&r, 0, sizeof(r));
		if (ml_schema_validate(a->s, ml_tree_root(a->bad), collect,
				       &r) != 2 ||
		    strcmp(r.msg[0], "/slug: \"Bad_Slug\" does not match "
				     "pattern ^[a-z0-9]+(-[a-z0-9]+)*$") != 0)
			a->failures++;
	}
	return NULL;
}

static void test_two_threads_share_a_schema(void **state)
{
	ml_schema *s = compile_ok(article_schema);
	worker_arg a[2];
	pthread_t th[2];
	int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		a[i].s = s;
		a[i].failures = 0;
		a[i].good = json("{\"title\": \"Soleus\", \"slug\": \"soleus\","
				 " \"type\": \"term\","
				 " \"related_terms\": [\"a-b\", \"c\"]}");
		a[i].bad =
			json("{\"title\": \"Soleus\", \"slug\": \"Bad_Slug\","
			     " \"type\": \"term\","
			     " \"related_terms\": [\"a\", \"a\"]}");
		assert_int_equal(pthread_create(&th[i], NULL, worker, &a[i]),
				 0);
	}
	for (i = 0; i < 2; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(a[i].failures, 0);
		ml_tree_free(a[i].good);
		ml_tree_free(a[i].bad);
	}
	ml_schema_free(s);
}

/* anyOf nested 40 deep through $defs, each level two branches that both
 * fail at the bottom: 2^40 evaluations asked for. The step budget ends it
 * with ML_ELIMIT, says so, and reports no guessed fault; a schema that
 * needs few steps is not touched by it. */
static void test_step_budget(void **state)
{
	ml_buf b = ML_BUF_INIT(ML_LIMIT_SHORT);
	ml_tree *t = json("{\"title\": \"Soleus\"}");
	ml_schema *s;
	seen r;
	int i, rc, spent = -1;

	(void)state;
	ml_buf_init(&b, 1 << 16);
	assert_int_equal(ml_buf_puts(&b, "{\"properties\": {\"title\": "
					 "{\"$ref\": \"#/$defs/l40\"}},"
					 " \"$defs\": {\"l0\": {\"minLength\": "
					 "100}"),
			 0);
	for (i = 1; i <= 40; i++)
		assert_int_equal(ml_buf_printf(&b,
					       ", \"l%d\": {\"anyOf\": "
					       "[{\"$ref\": \"#/$defs/l%d\"}, "
					       "{\"$ref\": \"#/$defs/l%d\"}]}",
					       i, i - 1, i - 1),
				 0);
	assert_int_equal(ml_buf_puts(&b, "}}"), 0);
	s = compile_ok(ml_buf_cstr(&b));
	memset(&r, 0, sizeof(r));
	rc = ml_schema_validate_ex(s, ml_tree_root(t), collect, &r, &spent);
	assert_int_equal(rc, ML_ELIMIT);
	assert_int_equal(spent, 1);
	assert_int_equal(r.n, 0); /* no "does not match any" guessed */
	assert_true(ml_schema_step_budget(ml_tree_root(t)) <
		    ML_SCHEMA_STEPS_BASE + 16 * ML_SCHEMA_STEPS_PER_NODE);
	ml_schema_free(s);
	ml_tree_free(t);
	/* the article schema on a valid article: within the budget */
	s = compile_ok(article_schema);
	t = json("{\"title\": \"Soleus\", \"slug\": \"soleus\", "
		 "\"type\": \"term\"}");
	spent = -1;
	memset(&r, 0, sizeof(r));
	assert_int_equal(ml_schema_validate_ex(s, ml_tree_root(t), collect, &r,
					       &spent),
			 0);
	assert_int_equal(spent, 0);
	ml_schema_free(s);
	ml_tree_free(t);
	ml_buf_dispose(&b);
}

/* ML_SCHEMA_BORROW_TREE: the schema is compiled over the caller's tree,
 * which must outlive the schema; the verdicts and places are the
 * copying compile's, and the schema freed first leaves the tree whole. */
static void test_borrowed_tree(void **state)
{
	static const char *bad = "{\"title\": \"Gastro\", \"slug\": "
				 "\"Bad_Slug\", \"type\": \"glossary\","
				 " \"last_reviewed\": \"2026-02-30\"}";
	ml_tree *t = json(article_schema);
	ml_schema *b = NULL, *c = compile_ok(article_schema);
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);
	seen rb, rc;
	int i;

	(void)state;
	assert_int_equal(ml_schema_compile_ex(ml_tree_root(t),
					      ML_SCHEMA_BORROW_TREE, &b, &err),
			 ML_OK);
	assert_int_equal(check(b, bad, &rb), 3);
	assert_int_equal(check(c, bad, &rc), 3);
	for (i = 0; i < 3; i++) {
		assert_string_equal(rb.msg[i], rc.msg[i]);
		assert_int_equal(rb.line[i], rc.line[i]);
	}
	ml_schema_free(b);
	ml_schema_free(c);
	assert_int_equal(ml_tree_root(t)->type, ML_NODE_MAP);
	assert_non_null(ml_node_get(ml_tree_root(t), "$defs"));
	ml_tree_free(t);
	ml_buf_dispose(&err);
}

/* A pattern is matched by the interpreter until it has been used
 * ML_RX_JIT_AFTER times, then by a JIT copy (issue 29: a one-file run
 * compiled two JIT patterns for two matches); the answers are the same
 * before and after, for a match and for a miss. */
static void test_pattern_jit_after_uses(void **state)
{
	ml_schema *s = compile_ok("{\"type\": \"string\", "
				  "\"pattern\": \"^[a-z]+(-[a-z]+)*$\"}");
	uint32_t jit = 0;
	seen out;
	int i;

	(void)state;
	(void)pcre2_config(PCRE2_CONFIG_JIT, &jit);
	for (i = 0; i < 2 * ML_RX_JIT_AFTER; i++) {
		assert_int_equal(ml_schema_jitted(s),
				 jit && i >= ML_RX_JIT_AFTER / 2 ? 1 : 0);
		assert_int_equal(check(s, "\"kebab-case\"", &out), 0);
		assert_int_equal(check(s, "\"Not_kebab\"", &out), 1);
		assert_non_null(strstr(out.msg[0], "does not match pattern"));
	}
	ml_schema_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_article),
		cmocka_unit_test(test_messages),
		cmocka_unit_test(test_required_points_at_parent),
		cmocka_unit_test(test_unknown_key_points_at_key),
		cmocka_unit_test(test_nested_paths_and_duplicates),
		cmocka_unit_test(test_no_cascade),
		cmocka_unit_test(test_numbers_and_lengths),
		cmocka_unit_test(test_date_format),
		cmocka_unit_test(test_uri_and_email_formats),
		cmocka_unit_test(test_compile_errors),
		cmocka_unit_test(test_ref_cycle_is_bounded),
		cmocka_unit_test(test_unevaluated_and_dynamic),
		cmocka_unit_test(test_null_report_counts),
		cmocka_unit_test(test_same_fault_reported_once),
		cmocka_unit_test(test_ecma_regex_dialect),
		cmocka_unit_test(test_draft7_dependencies),
		cmocka_unit_test(test_two_threads_share_a_schema),
		cmocka_unit_test(test_step_budget),
		cmocka_unit_test(test_pattern_jit_after_uses),
		cmocka_unit_test(test_borrowed_tree),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
