/* cli/main.c - the medlint command: the option table that drives parsing and
 * --help, the rule listings, and the exit status. One run (config, files,
 * lint, links, report) is cli/run.c; everything else is the library. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/ruletab.h"
#include "lsp/lsp.h"
#include "report/report.h"
#include "util/common.h"

typedef enum { ARG_NONE, ARG_STR } arg_kind;

typedef struct {
	char shrt;
	const char *lng;
	arg_kind arg;
	const char *metavar;
	const char *help;
	int (*apply)(cli *c, const char *value);
} option;

static int set_config(cli *c, const char *v)
{
	c->config = v;
	return 0;
}
static int set_schema(cli *c, const char *v)
{
	c->schema = v;
	return 0;
}
static int set_output(cli *c, const char *v)
{
	c->output = v;
	return 0;
}
static int set_stdin(cli *c, const char *v)
{
	c->stdin_name = v;
	return 0;
}
static int set_explain(cli *c, const char *v)
{
	c->explain = v;
	return 0;
}
static int set_list(cli *c, const char *v)
{
	(void)v;
	c->list_rules = 1;
	return 0;
}
static int set_version(cli *c, const char *v)
{
	(void)v;
	c->version = 1;
	return 0;
}
static int set_help(cli *c, const char *v)
{
	(void)v;
	c->help = 1;
	return 0;
}
static int set_fix(cli *c, const char *v)
{
	(void)v;
	c->fix = 1;
	return 0;
}

static int set_diff(cli *c, const char *v)
{
	(void)v;
	c->diff = 1;
	return 0;
}

static int set_lsp(cli *c, const char *v)
{
	(void)v;
	c->lsp = 1;
	return 0;
}

static int set_init(cli *c, const char *v)
{
	(void)v;
	c->init = 1;
	return 0;
}
static int set_print_schema(cli *c, const char *v)
{
	(void)v;
	c->print_schema = 1;
	return 0;
}
static int set_print_config(cli *c, const char *v)
{
	(void)v;
	c->print_config = 1;
	return 0;
}

static int set_format(cli *c, const char *v)
{
	c->format = ml_format_parse(v);
	return c->format < 0;
}

static int set_fail_on(cli *c, const char *v)
{
	if (strcmp(v, "never") == 0)
		c->fail_on = ML_SEV_OFF;
	else if ((c->fail_on = ml_severity_parse(v)) <= 0)
		return 1;
	return 0;
}

static int parse_uint(const char *v, long min, long max, long *out)
{
	char *end;
	long x;

	errno = 0;
	x = strtol(v, &end, 10);
	if (errno || end == v || *end || x < min || x > max)
		return 1;
	*out = x;
	return 0;
}

static int set_jobs(cli *c, const char *v)
{
	long x;
	if (parse_uint(v, 1, 256, &x))
		return 1;
	c->jobs = (int)x;
	return 0;
}

static int set_links(cli *c, const char *v)
{
	if (strcmp(v, "off") == 0)
		c->links = ML_LINKS_OFF;
	else if (strcmp(v, "internal") == 0)
		c->links = ML_LINKS_INTERNAL;
	else if (strcmp(v, "all") == 0)
		c->links = ML_LINKS_ALL;
	else
		return 1;
	return 0;
}

static int set_cache(cli *c, const char *v)
{
	c->cache = v;
	return 0;
}
static int set_eutils(cli *c, const char *v)
{
	char *end = (char *)v + strlen(v); /* argv is the program's own */

	if (strncmp(v, "https://", 8) != 0 && strncmp(v, "http://", 7) != 0)
		return 1;
	while (end > v + 8 && end[-1] == '/')
		*--end = '\0';
	c->eutils = v;
	return 0;
}
static int set_key_env(cli *c, const char *v)
{
	if (!v[0])
		return 1;
	c->ncbi_key_env = v;
	return 0;
}
static int set_no_cache(cli *c, const char *v)
{
	(void)v;
	c->no_cache = 1;
	return 0;
}
static int set_private(cli *c, const char *v)
{
	(void)v;
	c->allow_private = 1;
	return 0;
}

static int set_verify(cli *c, const char *v)
{
	(void)v;
	c->verify_refs = 1;
	return 0;
}

static int set_resolve(cli *c, const char *v)
{
	/* HOST:PORT:ADDR, as curl --resolve. */
	const char *a = strchr(v, ':');
	const char *b = a ? strchr(a + 1, ':') : NULL;

	if (!a || a == v || !b || b == a + 1 || b[1] == '\0')
		return 1;
	c->resolve[c->nresolve++] = v;
	return 0;
}

static int set_shard(cli *c, const char *v)
{
	unsigned k, n;
	char tail;

	if (sscanf(v, "%u/%u%c", &k, &n, &tail) != 2 || n == 0 || k == 0 ||
	    k > n)
		return 1;
	c->shard_k = k;
	c->shard_n = n;
	return 0;
}

static int days_in_month(int y, int m)
{
	static const int d[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : d[m - 1];
}

static int set_today(cli *c, const char *v)
{
	int y, m, d;
	char tail;

	if (strlen(v) != 10 ||
	    sscanf(v, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 ||
	    m > 12 || d < 1 || d > days_in_month(y, m))
		return 1;
	c->today_y = y;
	c->today_m = m;
	c->today_d = d;
	return 0;
}

static int set_baseline(cli *c, const char *v)
{
	c->baseline = v;
	return !v[0];
}
static int set_write_baseline(cli *c, const char *v)
{
	c->write_baseline = v;
	return !v[0];
}
/* A revision is never taken for an option of git's. */
static int set_new_only(cli *c, const char *v)
{
	c->new_only = v;
	return !v[0] || v[0] == '-';
}

static const option options[] = {
	{ 'c', "config", ARG_STR, "FILE",
	  "config file (default: .medlint.yaml, searched upward)", set_config },
	{ 's', "schema", ARG_STR, "FILE",
	  "article schema (default: config's, else schemas/article.schema.yaml)",
	  set_schema },
	{ 'f', "format", ARG_STR, "FMT",
	  "text (default) | json | sarif | github | markdown | html",
	  set_format },
	{ 'o', "output", ARG_STR, "FILE", "write the report to FILE",
	  set_output },
	{ 0, "links", ARG_STR, "MODE",
	  "off | internal (default) | all (internal + http/https)", set_links },
	{ 0, "cache", ARG_STR, "FILE",
	  "link cache (TSV url, status, unix time)", set_cache },
	{ 0, "no-cache", ARG_NONE, NULL,
	  "neither read nor write the link cache", set_no_cache },
	{ 0, "eutils", ARG_STR, "URL",
	  "NCBI E-utilities base URL for --verify-refs (tests)", set_eutils },
	{ 0, "ncbi-key-env", ARG_STR, "VAR",
	  "variable holding the NCBI API key (default NCBI_API_KEY)",
	  set_key_env },
	{ 0, "allow-private", ARG_NONE, NULL,
	  "allow loopback/private link targets (tests)", set_private },
	{ 0, "resolve", ARG_STR, "H:P:ADDR",
	  "as curl --resolve (tests; repeatable)", set_resolve },
	{ 0, "fail-on", ARG_STR, "LEVEL", "error (default) | warning | never",
	  set_fail_on },
	{ 'j', "jobs", ARG_STR, "N",
	  "files linted in parallel (default: cores)", set_jobs },
	{ 0, "shard", ARG_STR, "K/N",
	  "lint only the K-th of N slices (CI matrix)", set_shard },
	{ 0, "stdin-filename", ARG_STR, "F",
	  "with PATH '-': read stdin, report as F", set_stdin },
	{ 0, "fix", ARG_NONE, NULL, "apply safe fixes in place, atomically",
	  set_fix },
	{ 0, "diff", ARG_NONE, NULL,
	  "with --fix: print the fixes as a unified diff, change nothing",
	  set_diff },
	{ 0, "write-baseline", ARG_STR, "FILE",
	  "accept today's findings: record them in FILE (exit 0)",
	  set_write_baseline },
	{ 0, "baseline", ARG_STR, "FILE",
	  "report only findings not recorded in FILE", set_baseline },
	{ 0, "new-only", ARG_STR, "REV",
	  "report only findings on lines changed since git revision REV",
	  set_new_only },
	{ 0, "verify-refs", ARG_NONE, NULL,
	  "resolve DOIs/PMIDs/PMCIDs at Crossref and PubMed (network)",
	  set_verify },
	{ 0, "today", ARG_STR, "YYYY-MM-DD",
	  "the date review rules compare with", set_today },
	{ 0, "lsp", ARG_NONE, NULL, "run as a language server on stdio",
	  set_lsp },
	{ 0, "init", ARG_NONE, NULL,
	  "write .medlint.yaml and schemas/article.schema.yaml (never "
	  "overwriting)",
	  set_init },
	{ 0, "print-schema", ARG_NONE, NULL,
	  "print the default schema compiled into medlint", set_print_schema },
	{ 0, "print-config", ARG_NONE, NULL,
	  "print the config and schema in effect (for the file named, else the "
	  "current folder) and where each value came from",
	  set_print_config },
	{ 0, "list-rules", ARG_NONE, NULL, "list every rule and exit",
	  set_list },
	{ 0, "explain", ARG_STR, "RULE", "describe one rule and exit",
	  set_explain },
	{ 0, "version", ARG_NONE, NULL, "print the version and exit",
	  set_version },
	{ 'h', "help", ARG_NONE, NULL, "print this help and exit", set_help },
};

static void usage(FILE *f)
{
	size_t i;
	char left[64];

	fprintf(f,
		"usage: medlint [OPTIONS] [PATH...]\n"
		"Lint health articles: front matter schema, sections, reviewers,\n"
		"citations and links.\n\n");
	for (i = 0; i < ML_ARRAY_LEN(options); i++) {
		const option *o = &options[i];
		(void)snprintf(left, sizeof(left), "%c%c%c --%s%s%s",
			       o->shrt ? '-' : ' ', o->shrt ? o->shrt : ' ',
			       o->shrt ? ',' : ' ', o->lng,
			       o->metavar ? " " : "",
			       o->metavar ? o->metavar : "");
		fprintf(f, "  %-28s %s\n", left, o->help);
	}
	fprintf(f, "\nExit status: 0 clean, 1 findings at or above --fail-on, "
		   "2 usage, config, schema or internal error.\n");
}

static const option *find_option(const char *arg)
{
	size_t i;

	for (i = 0; i < ML_ARRAY_LEN(options); i++) {
		if (arg[1] != '-' && arg[1] == options[i].shrt &&
		    options[i].shrt)
			return &options[i];
		if (arg[1] == '-' && strcmp(arg + 2, options[i].lng) == 0)
			return &options[i];
	}
	return NULL;
}

static int parse_args(cli *c, int argc, char **argv)
{
	int i, only_paths = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *val = NULL, *eq;
		char name[64];
		const option *o;

		if (only_paths || a[0] != '-' || strcmp(a, "-") == 0) {
			c->paths[c->npaths++] = argv[i];
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_paths = 1;
			continue;
		}
		eq = strncmp(a, "--", 2) == 0 ? strchr(a, '=') : NULL;
		(void)snprintf(name, sizeof(name), "%.*s",
			       eq ? (int)(eq - a) : (int)strlen(a), a);
		o = find_option(name);
		/* A short option may carry its value attached: -j4, -fjson. */
		if (o && a[1] != '-' && a[2] != '\0' && o->arg == ARG_STR)
			eq = a + 1;
		else if (!o || (a[1] != '-' && a[2] != '\0')) {
			fprintf(stderr,
				"medlint: unknown option '%s' (see --help)\n",
				a);
			return 1;
		}
		if (o->arg == ARG_STR) {
			val = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
			if (!val) {
				fprintf(stderr, "medlint: --%s needs a value\n",
					o->lng);
				return 1;
			}
		} else if (eq) {
			fprintf(stderr, "medlint: --%s takes no value\n",
				o->lng);
			return 1;
		}
		if (o->apply(c, val)) {
			fprintf(stderr,
				"medlint: invalid value '%s' for --%s\n", val,
				o->lng);
			return 1;
		}
	}
	return 0;
}

static void list_rules(void)
{
	int i;

	for (i = 0; i < ML_RULE__COUNT; i++) {
		const ml_rule_info *r = ml_rule_info_get((ml_rule)i);
		printf("%-24s %-8s %s\n", r->id, ml_severity_name(r->severity),
		       r->summary);
	}
}

static int explain(const char *id)
{
	int r = ml_rule_lookup(id);
	const ml_rule_info *info;

	if (r < 0) {
		fprintf(stderr,
			"medlint: unknown rule '%s' (see --list-rules)\n", id);
		return EXIT_USAGE;
	}
	info = ml_rule_info_get((ml_rule)r);
	printf("%s (default: %s)\n%s\n\n%s\n", info->id,
	       ml_severity_name(info->severity), info->summary, info->help);
	return 0;
}

/* --lsp: the language server on stdin/stdout until the client exits. */
static int lsp(const cli *c)
{
	ml_lsp_opts o;

	if (c->npaths) {
		fprintf(stderr, "medlint: --lsp takes no paths: the editor "
				"sends the documents\n");
		return EXIT_USAGE;
	}
	memset(&o, 0, sizeof(o));
	o.debounce_ms = 150;
	o.today_y = c->today_y;
	o.today_m = c->today_m;
	o.today_d = c->today_d;
	return ml_lsp_serve(0, 1, &o);
}

int main(int argc, char **argv)
{
	cli c;
	int status;

	memset(&c, 0, sizeof(c));
	c.fail_on = ML_SEV_ERROR;
	c.links = ML_LINKS_INTERNAL;
	c.paths = calloc((size_t)argc + 1, sizeof(char *));
	c.resolve = calloc((size_t)argc + 1, sizeof(char *));
	if (!c.paths || !c.resolve)
		return EXIT_USAGE;
	if (parse_args(&c, argc, argv)) {
		free(c.paths);
		free(c.resolve);
		return EXIT_USAGE;
	}
	if (c.help) {
		usage(stdout);
		status = 0;
	} else if (c.version) {
		printf("medlint %s\n", ML_VERSION);
		status = 0;
	} else if (c.list_rules) {
		list_rules();
		status = 0;
	} else if (c.explain) {
		status = explain(c.explain);
	} else if (c.lsp) {
		status = lsp(&c);
	} else if (c.init) {
		status = ml_cli_init(&c);
	} else if (c.print_schema) {
		status = ml_cli_print_schema();
	} else if (c.print_config && c.npaths > 1) {
		fprintf(stderr, "medlint: --print-config takes one file (or "
				"none: the current folder)\n");
		status = EXIT_USAGE;
	} else if (c.print_config) {
		status = ml_cli_print_config(&c);
	} else if (c.stdin_name &&
		   !(c.npaths == 1 && strcmp(c.paths[0], "-") == 0)) {
		fprintf(stderr,
			"medlint: --stdin-filename needs the path '-'\n");
		status = EXIT_USAGE;
	} else if (c.diff && !c.fix) {
		fprintf(stderr,
			"medlint: --diff shows what --fix would change: "
			"use --fix --diff\n");
		status = EXIT_USAGE;
	} else if (c.diff && c.output) {
		fprintf(stderr, "medlint: --fix --diff prints the diff on "
				"standard output: drop --output\n");
		status = EXIT_USAGE;
	} else if (c.fix && c.npaths == 1 && strcmp(c.paths[0], "-") == 0) {
		fprintf(stderr, "medlint: --fix rewrites files: it cannot fix "
				"standard input\n");
		status = EXIT_USAGE;
	} else {
		status = ml_cli_run(&c);
	}
	free(c.paths);
	free(c.resolve);
	return status;
}
