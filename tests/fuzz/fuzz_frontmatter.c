/* fuzz_frontmatter.c - libFuzzer target: front matter and JSON Schema
 * (parse/frontmatter.c, schema/) from arbitrary bytes.
 *
 * The input is split as an article is; without a front-matter fence the
 * whole input is taken as YAML. The tree is validated against medlint's
 * own front-matter schema, then compiled as a schema itself and, when it
 * compiles, used to validate itself: the YAML parser, the schema
 * compiler and the validator all see hostile input. A sequence of
 * {schema, tests: [{data}]} (the JSON-Schema-Test-Suite's shape, which
 * bench/fuzz adds to the seeds from ../shared/testdata) has each schema
 * compiled and each test's data validated. Built with
 * -fsanitize=fuzzer when MEDLINT_FUZZ is on; otherwise replay.c feeds it
 * the seed corpus tests/fuzz/frontmatter-corpus under ctest. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "setup.h"
#include "parse/frontmatter.h"
#include "schema/schema.h"
#include "util/regex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every violation's node and message must be whole. */
static void on_violation(void *ctx, const ml_node *at, const char *message)
{
	size_t *n = ctx;

	if (!at || !message || at->line < 1 || at->column < 1)
		abort();
	*n += strlen(message);
}

/* Compile schema; when it compiles, validate each of instances (a
 * sequence of {data: ...}) or, without them, the schema itself. */
static void apply(const ml_node *schema, const ml_node *instances, size_t *seen)
{
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);
	ml_schema *s = NULL;
	size_t i;

	if (ml_schema_compile(schema, &s, &err) != ML_OK) {
		if (!ml_buf_cstr(&err)[0])
			abort(); /* a refused schema always says why */
		ml_buf_dispose(&err);
		return;
	}
	if (!instances || instances->type != ML_NODE_SEQ)
		ml_schema_validate(s, schema, on_violation, seen);
	else
		for (i = 0; i < instances->nitems; i++) {
			const ml_node *d =
				ml_node_get(instances->items[i], "data");

			if (d)
				ml_schema_validate(s, d, on_violation, seen);
		}
	ml_schema_free(s);
	ml_buf_dispose(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const ml_profile *profile;
	ml_yaml_error yerr;
	ml_tree *tree = NULL;
	const ml_node *root;
	size_t off = 0, len = size, seen = 0, i;
	int first = 1, rc;
	ml_split sp;

	profile = fuzz_default_profile();
	ml_regex_budget_reset(); /* one input is one file */
	ml_frontmatter_split(text, size, &sp);
	if (sp.present) {
		if (!sp.closed)
			return 0;
		if (sp.yaml_offset + sp.yaml_len > size ||
		    sp.body_offset > size || sp.yaml_line < 1)
			abort();
		off = sp.yaml_offset;
		len = sp.yaml_len;
		first = sp.yaml_line;
	}
	if (len > ML_FRONTMATTER_MAX)
		return 0;
	rc = ml_yaml_parse(text + off, len, first, &tree, &yerr);
	if (rc == ML_EINVAL) {
		/* An error names a place in the input and says something. */
		if (yerr.line < first || yerr.column < 1 || !yerr.message[0])
			abort();
		return 0;
	}
	if (rc)
		return 0; /* out of memory (libFuzzer's -rss_limit_mb) */
	root = ml_tree_root(tree);
	/* A pattern out of the file's regex budget is ML_ELIMIT, which the
	 * pipeline turns into file-too-complex; nothing else may fail. */
	rc = profile->frontmatter
		     ? ml_schema_validate(profile->frontmatter, root,
					  on_violation, &seen)
		     : 0;
	if (rc < 0 && rc != ML_ENOMEM && rc != ML_ELIMIT)
		abort();
	if (root->type == ML_NODE_SEQ) {
		for (i = 0; i < root->nitems; i++) {
			const ml_node *s =
				ml_node_get(root->items[i], "schema");
			if (s)
				apply(s, ml_node_get(root->items[i], "tests"),
				      &seen);
		}
	} else {
		apply(root, NULL, &seen);
	}
	ml_tree_free(tree);
	return 0;
}
