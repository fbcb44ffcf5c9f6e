/* fuzz_fmformats.c - libFuzzer target: TOML and JSON front matter
 * (parse/fmsplit.c, fmtoml.cc, fmjson.c) from arbitrary bytes.
 *
 * The input is split as an article is and its front matter parsed by its
 * format's reader; the whole input is also given to the TOML and the JSON
 * reader as it is. Whatever the bytes: an error names a place inside the
 * input and says something; a tree has every node inside the input, its
 * end not before its start; the default schema validates it. Built with
 * -fsanitize=fuzzer when MEDLINT_FUZZ is on; otherwise replay.c feeds it
 * the seed corpus tests/fuzz/fmformats-corpus under ctest. */
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

static void on_violation(void *ctx, const ml_node *at, const char *message)
{
	(void)ctx;
	if (!at || !message || at->line < 1 || at->column < 1)
		abort();
}

/* Every node between first and last line, its end after its start. */
static void check_node(const ml_node *n, int first, int last, int depth)
{
	size_t i;

	if (depth > ML_YAML_MAX_DEPTH + 1 || n->line < first ||
	    n->line > last || n->column < 1)
		abort();
	if (n->end_line &&
	    (n->end_line < n->line ||
	     (n->end_line == n->line && n->end_column < n->column)))
		abort();
	if (ml_node_is_scalar(n) && !n->str)
		abort();
	for (i = 0; i < n->nitems; i++)
		check_node(n->items[i], first, last, depth + 1);
	for (i = 0; i < n->npairs; i++) {
		if (n->pairs[i].key->type != ML_NODE_STRING)
			abort();
		check_node(n->pairs[i].key, first, last, depth + 1);
		check_node(n->pairs[i].value, first, last, depth + 1);
	}
}

static int lines_of(const char *s, size_t n)
{
	int lines = 1;
	size_t i;

	for (i = 0; i < n; i++)
		lines += s[i] == '\n';
	return lines;
}

typedef int (*reader)(const char *, size_t, int, ml_tree **, ml_yaml_error *);

static void one(reader fn, const char *s, size_t n, int first)
{
	const ml_profile *profile = fuzz_default_profile();
	ml_yaml_error err;
	ml_tree *tree = NULL;
	int last = first + lines_of(s, n) - 1, rc;

	rc = fn(s, n, first, &tree, &err);
	if (rc == ML_EINVAL) {
		if (tree || err.line < first || err.line > last ||
		    err.column < 1 || !err.message[0])
			abort();
		return;
	}
	if (rc)
		return; /* out of memory (libFuzzer's -rss_limit_mb) */
	check_node(ml_tree_root(tree), first, last, 0);
	ml_regex_budget_reset();
	rc = ml_schema_validate(profile->frontmatter, ml_tree_root(tree),
				on_violation, NULL);
	if (rc < 0 && rc != ML_ENOMEM && rc != ML_ELIMIT)
		abort();
	ml_tree_free(tree);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	ml_split sp;

	if (size > ML_FRONTMATTER_MAX)
		return 0;
	ml_frontmatter_split(text, size, &sp);
	if (sp.yaml_offset + sp.yaml_len > size || sp.body_offset > size)
		abort();
	if (sp.present && sp.closed && sp.format == ML_FM_TOML)
		one(ml_toml_parse, text + sp.yaml_offset, sp.yaml_len,
		    sp.yaml_line);
	if (sp.present && sp.closed && sp.format == ML_FM_JSON)
		one(ml_json_parse, text + sp.yaml_offset, sp.yaml_len,
		    sp.yaml_line);
	one(ml_toml_parse, text, size, 1);
	one(ml_json_parse, text, size, 3);
	return 0;
}
