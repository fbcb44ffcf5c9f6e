/* jsts.c - runs the official JSON-Schema-Test-Suite (draft 2020-12)
 * against schema.c.
 *
 *   jsts SUITE_DIR [SKIP_FILE]
 *
 * SUITE_DIR is the suite's draft2020-12 folder. Every *.json file in it
 * and in optional/ is run with "format" as an annotation (the
 * specification's default), and optional/format/{date,date-time,uri,
 * email,time,ipv4,ipv6,uuid}.json with format assertion (medlint's mode). Groups are skipped only when SKIP_FILE lists
 * them, one per line: `FILE[: GROUP DESCRIPTION] -- reason`. With
 * JSTS_ASSERT_FORMAT set, every file runs with format assertion (to try
 * optional/format/ as SUITE_DIR); JSTS_VERBOSE prints every message. Any failure
 * of a non-skipped test makes the exit status 1; a missing suite exits 77
 * (ctest's SKIP_RETURN_CODE). */
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/common.h"
#include "json_tree.h"
#include "parse/node.h"
#include "schema/schema.h"

#define MAX_SKIPS 256

typedef struct {
	char *file;  /* e.g. "refRemote.json" or "optional/format/uri.json" */
	char *group; /* NULL: the whole file */
	int used;
} skip_entry;

typedef struct {
	skip_entry skips[MAX_SKIPS];
	size_t nskips;
	long passed, failed, skipped;
	int verbose;
} suite;

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
			 e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static int load_skips(suite *st, const char *path)
{
	char line[1024];
	FILE *f = fopen(path, "r");

	if (!f) {
		fprintf(stderr, "jsts: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f) && st->nskips < MAX_SKIPS) {
		char *s = trim(line), *reason, *colon;
		skip_entry *e;
		if (!*s || *s == '#')
			continue;
		if ((reason = strstr(s, " -- ")))
			*reason = '\0';
		s = trim(s);
		e = &st->skips[st->nskips++];
		colon = strstr(s, ": ");
		if (colon) {
			*colon = '\0';
			e->group = ml_strdup(trim(colon + 2));
		}
		e->file = ml_strdup(trim(s));
	}
	fclose(f);
	return 0;
}

static int is_skipped(suite *st, const char *file, const char *group)
{
	size_t i;

	for (i = 0; i < st->nskips; i++) {
		skip_entry *e = &st->skips[i];
		if (strcmp(e->file, file) == 0 &&
		    (!e->group || strcmp(e->group, group) == 0)) {
			e->used = 1;
			return 1;
		}
	}
	return 0;
}

typedef struct {
	int calls;
	ml_buf log;
} report_log;

static void on_report(void *ctx, const ml_node *at, const char *message)
{
	report_log *r = ctx;

	r->calls++;
	if (!at)
		ml_buf_puts(&r->log, "    (report without a node)\n");
	ml_buf_printf(&r->log, "    %s\n", message);
}

/* One test of a group; returns 1 when it passed. */
static int run_test(suite *st, const ml_schema *s, const char *file,
		    const char *group, const json_t *test)
{
	const char *desc =
		json_string_value(json_object_get(test, "description"));
	int want_valid = json_is_true(json_object_get(test, "valid"));
	ml_tree *t = ml_tree_new();
	ml_node *data;
	report_log r = { 0, ML_BUF_INIT(ML_LIMIT_TEXT) };
	int n, ok;

	data = t ? ml_json_to_node(t, json_object_get(test, "data")) : NULL;
	if (!data) {
		ml_tree_free(t);
		fprintf(stderr, "jsts: out of memory\n");
		return 0;
	}
	n = ml_schema_validate(s, data, on_report, &r);
	ok = n >= 0 && (n == 0) == want_valid && r.calls == n;
	if (!ok) {
		printf("FAIL %s: %s / %s: expected %s, got %d violation(s), "
		       "%d report(s)\n%s",
		       file, group, desc ? desc : "?",
		       want_valid ? "valid" : "invalid", n, r.calls,
		       ml_buf_cstr(&r.log));
	} else if (st->verbose && r.calls) {
		printf("ok %s: %s / %s\n%s", file, group, desc ? desc : "?",
		       ml_buf_cstr(&r.log));
	}
	ml_buf_dispose(&r.log);
	ml_tree_free(t);
	return ok;
}

static void run_group(suite *st, const char *file, const json_t *g,
		      unsigned flags, long counts[3])
{
	const char *group =
		json_string_value(json_object_get(g, "description"));
	const json_t *tests = json_object_get(g, "tests");
	size_t i, ntests = json_array_size(tests);
	ml_tree *t;
	ml_node *root;
	ml_schema *s = NULL;
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);

	if (!group)
		group = "?";
	if (is_skipped(st, file, group)) {
		counts[2] += (long)ntests;
		return;
	}
	t = ml_tree_new();
	root = t ? ml_json_to_node(t, json_object_get(g, "schema")) : NULL;
	if (!root || ml_schema_compile_ex(root, flags, &s, &err)) {
		printf("FAIL %s: %s: schema does not compile: %s\n", file,
		       group, ml_buf_cstr(&err));
		counts[1] += (long)ntests;
	} else {
		for (i = 0; i < ntests; i++)
			counts[run_test(st, s, file, group,
					json_array_get(tests, i))
				       ? 0
				       : 1]++;
	}
	ml_schema_free(s);
	ml_buf_dispose(&err);
	ml_tree_free(t);
}

static void run_file(suite *st, const char *dir, const char *file,
		     unsigned flags)
{
	char path[4096];
	json_error_t jerr;
	json_t *groups;
	long counts[3] = { 0, 0, 0 };
	size_t i;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	groups = json_load_file(path, JSON_ALLOW_NUL, &jerr);
	if (!groups) /* optional/bignum.json: integers past 64 bits */
		groups = json_load_file(
			path, JSON_ALLOW_NUL | JSON_DECODE_INT_AS_REAL, &jerr);
	if (!groups || !json_is_array(groups)) {
		printf("FAIL %s: %d:%d: %s\n", file, jerr.line, jerr.column,
		       jerr.text);
		st->failed++;
		json_decref(groups);
		return;
	}
	for (i = 0; i < json_array_size(groups); i++)
		run_group(st, file, json_array_get(groups, i), flags, counts);
	json_decref(groups);
	printf("%s: %ld passed, %ld failed, %ld skipped\n", file, counts[0],
	       counts[1], counts[2]);
	st->passed += counts[0];
	st->failed += counts[1];
	st->skipped += counts[2];
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.json files of dir, sorted. */
static size_t list_json(const char *dir, char ***out)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, len;

	*out = NULL;
	if (!d)
		return 0;
	while ((e = readdir(d))) {
		len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
			continue;
		if (ml_grow((void **)&names, &cap, n + 1, sizeof(char *)))
			break;
		names[n++] = ml_strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(char *), cmp_str);
	*out = names;
	return n;
}

/* Every *.json of dir/sub ("" or "optional/"). */
static void run_dir(suite *st, const char *dir, const char *sub)
{
	char path[4096], name[1024];
	char **files;
	size_t n, i;
	/* JSTS_ASSERT_FORMAT: try SUITE_DIR/optional/format as SUITE_DIR */
	unsigned flags =
		getenv("JSTS_ASSERT_FORMAT") ? 0 : ML_SCHEMA_FORMAT_ANNOTATION;

	snprintf(path, sizeof(path), "%s/%s", dir, sub);
	n = list_json(path, &files);
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "%s%s", sub, files[i]);
		run_file(st, dir, name, flags);
		free(files[i]);
	}
	free(files);
}

int main(int argc, char **argv)
{
	static const char *formats[] = {
		"optional/format/date.json", "optional/format/date-time.json",
		"optional/format/uri.json",  "optional/format/email.json",
		"optional/format/time.json", "optional/format/ipv4.json",
		"optional/format/ipv6.json", "optional/format/uuid.json"
	};
	static suite st;
	size_t i;
	DIR *d;

	if (argc < 2) {
		fprintf(stderr, "usage: jsts SUITE_DIR [SKIP_FILE]\n");
		return 2;
	}
	st.verbose = getenv("JSTS_VERBOSE") != NULL;
	if (!(d = opendir(argv[1]))) {
		printf("jsts: skipped: %s not found (the JSON-Schema-Test-Suite "
		       "lives beside the project in ../shared/testdata)\n",
		       argv[1]);
		return 77;
	}
	closedir(d);
	if (argc > 2 && load_skips(&st, argv[2]))
		return 2;
	run_dir(&st, argv[1], "");
	if (!getenv("JSTS_ASSERT_FORMAT"))
		run_dir(&st, argv[1], "optional/");
	for (i = 0; i < ML_ARRAY_LEN(formats) && !getenv("JSTS_ASSERT_FORMAT");
	     i++)
		run_file(&st, argv[1], formats[i], 0);
	for (i = 0; i < st.nskips; i++) {
		if (!st.skips[i].used)
			printf("jsts: warning: skip entry matches nothing: %s%s%s\n",
			       st.skips[i].file, st.skips[i].group ? ": " : "",
			       st.skips[i].group ? st.skips[i].group : "");
		free(st.skips[i].file);
		free(st.skips[i].group);
	}
	printf("jsts: %ld passed, %ld failed, %ld skipped\n", st.passed,
	       st.failed, st.skipped);
	return st.failed ? 1 : 0;
}
