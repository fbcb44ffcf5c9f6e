/* main.c - the medlint command: argument table, config lookup, file
 * selection, exit code. Everything else lives in the core library. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "common.h"
#include "config.h"
#include "extlinks.h"
#include "files.h"
#include "fix.h"
#include "lint.h"
#include "profile.h"
#include "report.h"
#include "rules.h"
#include "rules/rules_family.h"

#define EXIT_FINDINGS 1
#define EXIT_USAGE 2

typedef struct {
	const char *config, *schema, *output, *stdin_name, *explain;
	int format, fail_on, jobs, list_rules, version, help;
	ml_links_mode links;
	unsigned shard_k, shard_n;
	int fix;
	const char *cache;
	int no_cache, allow_private;
	const char **resolve;
	size_t nresolve;
	int today_y, today_m, today_d;
	char **paths;
	size_t npaths;
} cli;

typedef enum { ARG_NONE, ARG_STR } arg_kind;

typedef struct {
	char shrt;
	const char *lng;
	arg_kind arg;
	const char *metavar;
	const char *help;
	int (*apply)(cli *c, const char *value);
} option;

static int set_config(cli *c, const char *v) { c->config = v; return 0; }
static int set_schema(cli *c, const char *v) { c->schema = v; return 0; }
static int set_output(cli *c, const char *v) { c->output = v; return 0; }
static int set_stdin(cli *c, const char *v) { c->stdin_name = v; return 0; }
static int set_explain(cli *c, const char *v) { c->explain = v; return 0; }
static int set_list(cli *c, const char *v) { (void)v; c->list_rules = 1; return 0; }
static int set_version(cli *c, const char *v) { (void)v; c->version = 1; return 0; }
static int set_help(cli *c, const char *v) { (void)v; c->help = 1; return 0; }
static int set_fix(cli *c, const char *v) { (void)v; c->fix = 1; return 0; }

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

static int set_cache(cli *c, const char *v) { c->cache = v; return 0; }
static int set_no_cache(cli *c, const char *v) { (void)v; c->no_cache = 1; return 0; }
static int set_private(cli *c, const char *v) { (void)v; c->allow_private = 1; return 0; }

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

	if (sscanf(v, "%u/%u%c", &k, &n, &tail) != 2 || n == 0 || k == 0 || k > n)
		return 1;
	c->shard_k = k;
	c->shard_n = n;
	return 0;
}

static int days_in_month(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : d[m - 1];
}

static int set_today(cli *c, const char *v)
{
	int y, m, d;
	char tail;

	if (strlen(v) != 10 || sscanf(v, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
	    m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return 1;
	c->today_y = y;
	c->today_m = m;
	c->today_d = d;
	return 0;
}

static const option options[] = {
	{'c', "config", ARG_STR, "FILE", "config file (default: .medlint.yaml, searched upward)", set_config},
	{'s', "schema", ARG_STR, "FILE", "article schema (default: config's, else schemas/article.schema.yaml)", set_schema},
	{'f', "format", ARG_STR, "FMT", "text (default) | json | sarif | github", set_format},
	{'o', "output", ARG_STR, "FILE", "write the report to FILE", set_output},
	{0, "links", ARG_STR, "MODE", "off | internal (default) | all (internal + http/https)", set_links},
	{0, "cache", ARG_STR, "FILE", "link cache (TSV url, status, unix time)", set_cache},
	{0, "no-cache", ARG_NONE, NULL, "neither read nor write the link cache", set_no_cache},
	{0, "allow-private", ARG_NONE, NULL, "allow loopback/private link targets (tests)", set_private},
	{0, "resolve", ARG_STR, "H:P:ADDR", "as curl --resolve (tests; repeatable)", set_resolve},
	{0, "fail-on", ARG_STR, "LEVEL", "error (default) | warning | never", set_fail_on},
	{'j', "jobs", ARG_STR, "N", "files linted in parallel (default: cores)", set_jobs},
	{0, "shard", ARG_STR, "K/N", "lint only the K-th of N slices (CI matrix)", set_shard},
	{0, "stdin-filename", ARG_STR, "F", "with PATH '-': read stdin, report as F", set_stdin},
	{0, "fix", ARG_NONE, NULL, "apply safe fixes in place, atomically", set_fix},
	{0, "today", ARG_STR, "YYYY-MM-DD", "the date review rules compare with", set_today},
	{0, "list-rules", ARG_NONE, NULL, "list every rule and exit", set_list},
	{0, "explain", ARG_STR, "RULE", "describe one rule and exit", set_explain},
	{0, "version", ARG_NONE, NULL, "print the version and exit", set_version},
	{'h', "help", ARG_NONE, NULL, "print this help and exit", set_help},
};

static void usage(FILE *f)
{
	size_t i;
	char left[64];

	fprintf(f, "usage: medlint [OPTIONS] [PATH...]\n"
		   "Lint health articles: front matter schema, sections, reviewers,\n"
		   "citations and links.\n\n");
	for (i = 0; i < ML_ARRAY_LEN(options); i++) {
		const option *o = &options[i];
		snprintf(left, sizeof(left), "%c%c%c --%s%s%s", o->shrt ? '-' : ' ',
			 o->shrt ? o->shrt : ' ', o->shrt ? ',' : ' ', o->lng,
			 o->metavar ? " " : "", o->metavar ? o->metavar : "");
		fprintf(f, "  %-28s %s\n", left, o->help);
	}
	fprintf(f, "\nExit status: 0 clean, 1 findings at or above --fail-on, "
		   "2 usage, config, schema or internal error.\n");
}

static const option *find_option(const char *arg)
{
	size_t i;

	for (i = 0; i < ML_ARRAY_LEN(options); i++) {
		if (arg[1] != '-' && arg[1] == options[i].shrt && options[i].shrt)
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
		snprintf(name, sizeof(name), "%.*s", eq ? (int)(eq - a) : (int)strlen(a), a);
		o = find_option(name);
		/* A short option may carry its value attached: -j4, -fjson. */
		if (o && a[1] != '-' && a[2] != '\0' && o->arg == ARG_STR)
			eq = a + 1;
		else if (!o || (a[1] != '-' && a[2] != '\0')) {
			fprintf(stderr, "medlint: unknown option '%s' (see --help)\n", a);
			return 1;
		}
		if (o->arg == ARG_STR) {
			val = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
			if (!val) {
				fprintf(stderr, "medlint: --%s needs a value\n", o->lng);
				return 1;
			}
		} else if (eq) {
			fprintf(stderr, "medlint: --%s takes no value\n", o->lng);
			return 1;
		}
		if (o->apply(c, val)) {
			fprintf(stderr, "medlint: invalid value '%s' for --%s\n", val, o->lng);
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
		printf("%-24s %-8s %s\n", r->id, ml_severity_name(r->severity), r->summary);
	}
}

static int explain(const char *id)
{
	int r = ml_rule_lookup(id);
	const ml_rule_info *info;

	if (r < 0) {
		fprintf(stderr, "medlint: unknown rule '%s' (see --list-rules)\n", id);
		return EXIT_USAGE;
	}
	info = ml_rule_info_get((ml_rule)r);
	printf("%s (default: %s)\n%s\n\n%s\n", info->id,
	       ml_severity_name(info->severity), info->summary, info->help);
	return 0;
}

/* ---- the run ------------------------------------------------------- */

typedef struct {
	ml_config cfg;
	ml_profile *profile;
	ml_file_list files;
	char *root;
	ml_file_result *results;
	size_t nresults;
	ml_content_index *index;
} session;

static int load_config(cli *c, session *s)
{
	ml_buf err = ML_BUF_INIT;
	char *found = NULL, cwd[PATH_MAX];
	int rc = 0;

	ml_config_init(&s->cfg);
	if (!c->config && getcwd(cwd, sizeof(cwd)))
		found = ml_config_find(cwd);
	if (c->config || found) {
		if (ml_config_load(&s->cfg, c->config ? c->config : found, &err)) {
			fprintf(stderr, "medlint: %s\n", ml_buf_cstr(&err));
			rc = 1;
		}
	}
	free(found);
	ml_buf_dispose(&err);
	return rc;
}

static int load_profile(cli *c, session *s)
{
	ml_buf err = ML_BUF_INIT;
	const char *path = c->schema ? c->schema
			   : s->cfg.schema ? s->cfg.schema
					   : "schemas/article.schema.yaml";
	int rc = ml_profile_load(path, &s->profile, &err);

	/* An installed medlint falls back to the schema it ships. */
	if (rc == ML_EIO && !c->schema && !s->cfg.schema) {
		ml_buf_clear(&err);
		rc = ml_profile_load(ML_DATADIR "/article.schema.yaml", &s->profile,
				     &err);
	}
	if (!rc && s->cfg.review_max_age_days)
		s->profile->review_max_age_days = s->cfg.review_max_age_days;
	if (!rc && s->cfg.nproper_nouns) {
		s->profile->proper_nouns = (const char **)s->cfg.proper_nouns;
		s->profile->nproper_nouns = s->cfg.nproper_nouns;
	}
	if (rc) {
		if (rc == ML_EIO && !c->schema && !s->cfg.schema)
			fprintf(stderr, "medlint: no schema: %s not found (use --schema "
					"or 'schema:' in .medlint.yaml)\n", path);
		else
			fprintf(stderr, "medlint: %s\n", ml_buf_cstr(&err));
	}
	ml_buf_dispose(&err);
	return rc != 0;
}

static int collect(cli *c, session *s)
{
	ml_buf err = ML_BUF_INIT;
	ml_select sel;
	size_t i;
	int rc = 0;

	memset(&sel, 0, sizeof(sel));
	sel.exclude = s->cfg.exclude;
	sel.nexclude = s->cfg.nexclude;
	sel.include = s->cfg.include;
	sel.ninclude = s->cfg.ninclude;
	if (s->cfg.root)
		s->root = ml_strdup(s->cfg.root);
	else if (c->npaths)
		s->root = ml_common_root((const char *const *)c->paths, c->npaths);
	else
		s->root = ml_common_root((const char *[]){"."}, 1);
	sel.root = s->root;
	if (c->npaths == 0 && s->cfg.path)
		rc = ml_files_add_root(&s->files, &sel, &err);
	else if (c->npaths == 0)
		rc = ml_files_add(&s->files, ".", &sel, &err);
	for (i = 0; i < c->npaths && !rc; i++)
		rc = ml_files_add(&s->files, c->paths[i], &sel, &err);
	if (rc)
		fprintf(stderr, "medlint: %s\n", ml_buf_cstr(&err));
	ml_files_finish(&s->files);
	if (!rc && c->shard_n)
		ml_files_shard(&s->files, s->root, c->shard_k, c->shard_n);
	ml_buf_dispose(&err);
	return rc != 0;
}

static int read_stdin(char **text, size_t *len)
{
	ml_buf b;
	char tmp[65536];
	size_t n;
	int rc = ML_OK;

	ml_buf_init(&b, ML_MAX_FILE_BYTES);
	while (!rc && (n = fread(tmp, 1, sizeof(tmp), stdin)) > 0)
		rc = ml_buf_put(&b, tmp, n);
	*len = b.len;
	*text = ml_buf_detach(&b);
	return rc;
}

static int lint(cli *c, session *s, ml_run *run)
{
	if (c->npaths == 1 && strcmp(c->paths[0], "-") == 0) {
		char *text;
		size_t len;
		int rc;

		if (read_stdin(&text, &len)) {
			fprintf(stderr, "medlint: standard input larger than %zu MiB\n",
				ML_MAX_FILE_BYTES >> 20);
			free(text);
			return 1;
		}
		s->results = calloc(1, sizeof(ml_file_result));
		s->nresults = 1;
		rc = s->results ? ml_lint_text(run, c->stdin_name ? c->stdin_name
								 : "<stdin>",
					       text, len, s->results)
				: ML_ENOMEM;
		free(text);
		return rc != 0;
	}
	s->results = calloc(s->files.n ? s->files.n : 1, sizeof(ml_file_result));
	if (!s->results)
		return 1;
	s->nresults = s->files.n;
	return ml_lint_files(run, s->files.paths, s->files.n, s->results) != 0;
}

static int read_errors(const session *s)
{
	size_t i;
	int bad = 0;

	for (i = 0; i < s->nresults; i++)
		if (s->results[i].error) {
			fprintf(stderr, "medlint: %s: %s\n", s->results[i].path,
				s->results[i].error);
			bad = 1;
		}
	return bad;
}

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

static void progress(void *ctx, size_t done, size_t total, size_t failed)
{
	const struct timespec *start = ctx;
	struct timespec now;
	double secs;

	clock_gettime(CLOCK_MONOTONIC, &now);
	secs = (double)(now.tv_sec - start->tv_sec) +
	       (double)(now.tv_nsec - start->tv_nsec) / 1e9;
	fprintf(stderr, "\rmedlint: links %zu/%zu checked, %zu failing, %.0f/s ",
		done, total, failed, secs > 0 ? (double)done / secs : 0.0);
	if (done == total)
		fputc('\n', stderr);
	fflush(stderr);
}

static void link_options(const cli *c, const ml_config *cfg, ml_link_opts *o)
{
	ml_link_opts_default(o);
	o->timeout_ms = cfg->links.timeout_s * 1000;
	o->connect_timeout_ms = cfg->links.connect_timeout_s * 1000;
	o->retries = cfg->links.retries;
	o->global = cfg->links.concurrency;
	o->per_host = cfg->links.per_host;
	o->interval_ms = cfg->links.interval_ms;
	o->retry_after_cap_s = cfg->links.retry_after_cap_s;
	o->cache_ttl_s = cfg->links.cache_ttl_s;
	o->accept = cfg->links.accept;
	o->naccept = cfg->links.naccept;
	o->exclude = (const char *const *)cfg->links.exclude;
	o->nexclude = cfg->links.nexclude;
	o->allow_private = c->allow_private;
	o->resolve = c->resolve;
	o->nresolve = c->nresolve;
	o->cache_path = c->no_cache ? NULL : c->cache ? c->cache : cfg->links.cache;
	o->stop = &interrupted;
	if (isatty(STDERR_FILENO)) {
		static struct timespec start;
		clock_gettime(CLOCK_MONOTONIC, &start);
		o->progress = progress;
		o->progress_ctx = &start;
	}
}

/* --links all: check external links of every result, once per URL. */
static int external_links(const cli *c, session *s, ml_summary *sum)
{
	ml_link_opts o;
	ml_buf warn = ML_BUF_INIT, err = ML_BUF_INIT;
	struct sigaction sa, old;
	int rc;

	link_options(c, &s->cfg, &o);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigaction(SIGINT, &sa, &old);
	rc = ml_extlinks_check(&o, s->cfg.severity, s->results, s->nresults,
			       &sum->links_checked, &warn, &err);
	sigaction(SIGINT, &old, NULL);
	/* The engine's warnings are lines of their own. */
	if (warn.len)
		fprintf(stderr, "medlint: warning: %s%s", ml_buf_cstr(&warn),
			warn.ptr[warn.len - 1] == '\n' ? "" : "\n");
	if (rc)
		fprintf(stderr, "medlint: %s\n",
			err.len ? ml_buf_cstr(&err) : "link check failed");
	ml_buf_dispose(&warn);
	ml_buf_dispose(&err);
	if (!rc && interrupted)
		return 130;
	return rc ? 1 : 0;
}

static FILE *open_output(const char *path)
{
	FILE *f;

	if (!path)
		return stdout;
	f = fopen(path, "w");
	if (!f)
		fprintf(stderr, "medlint: cannot write %s: %s\n", path, strerror(errno));
	return f;
}

static void today(cli *c)
{
	time_t now;
	struct tm tm;

	if (c->today_y)
		return;
	now = time(NULL);
	localtime_r(&now, &tm);
	c->today_y = tm.tm_year + 1900;
	c->today_m = tm.tm_mon + 1;
	c->today_d = tm.tm_mday;
}

/* The folder that an editor's unsaved buffer lives in: the content root
 * for --stdin-filename runs without a config. */
static const char *stdin_dir(const char *name)
{
	static char dir[PATH_MAX];
	char *slash;

	if (!name || !strchr(name, '/'))
		return ".";
	snprintf(dir, sizeof(dir), "%s", name);
	slash = strrchr(dir, '/');
	if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	return dir;
}

static void session_dispose(session *s)
{
	size_t i;

	for (i = 0; i < s->nresults; i++)
		ml_file_result_dispose(&s->results[i]);
	free(s->results);
	ml_files_dispose(&s->files);
	ml_content_index_free(s->index);
	ml_profile_free(s->profile);
	ml_config_dispose(&s->cfg);
	free(s->root);
}

/* --fix: rewrite the files first, so that the lint that follows reports
 * what remains. 1 when a file could not be written. */
static int fix_files(const session *s, const ml_run *run, ml_fix_list *done)
{
	ml_buf err = ML_BUF_INIT;
	size_t i;
	int bad = 0, rc = ML_OK;

	for (i = 0; i < s->files.n && rc != ML_ENOMEM; i++) {
		ml_buf_clear(&err);
		rc = ml_fix_file(run, s->files.paths[i], done, &err);
		if (rc) {
			fprintf(stderr, "medlint: --fix: %s\n",
				err.len ? ml_buf_cstr(&err) : "out of memory");
			bad = 1;
		}
	}
	ml_buf_dispose(&err);
	return bad;
}

static int run_lint(cli *c)
{
	session s;
	ml_run run;
	ml_summary sum;
	ml_fix_list fixes;
	FILE *out = NULL;
	int status = EXIT_USAGE, color, fix_failed = 0;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	memset(&s, 0, sizeof(s));
	memset(&sum, 0, sizeof(sum));
	ml_fix_list_init(&fixes);
	if (load_config(c, &s) || load_profile(c, &s))
		goto done;
	if (!(c->npaths == 1 && strcmp(c->paths[0], "-") == 0) && collect(c, &s))
		goto done;
	if (c->npaths == 1 && strcmp(c->paths[0], "-") == 0)
		s.root = s.cfg.root ? ml_strdup(s.cfg.root)
			 : ml_common_root((const char *[]){stdin_dir(c->stdin_name)}, 1);
	today(c);
	if (ml_content_index_build(s.root, &s.index)) {
		fprintf(stderr, "medlint: cannot index the content root %s\n", s.root);
		goto done;
	}
	/* Many files: walk the content root once up front, so that checking
	 * related and linked articles needs no system call per article. */
	if (s.files.n >= 32)
		ml_content_index_prime(s.index);
	memset(&run, 0, sizeof(run));
	run.profile = s.profile;
	run.severity = s.cfg.severity;
	run.review_max_age_days = s.cfg.review_max_age_days;
	run.jobs = c->jobs ? c->jobs : (ncpu > 0 ? (int)ncpu : 1);
	run.opts.content_root = s.root;
	run.opts.today_y = c->today_y;
	run.opts.today_m = c->today_m;
	run.opts.today_d = c->today_d;
	run.opts.links = c->links;
	run.opts.index = s.index;
	if (c->fix)
		fix_failed = fix_files(&s, &run, &fixes);
	if (lint(c, &s, &run)) {
		fprintf(stderr, "medlint: internal error while linting\n");
		goto done;
	}
	if (ml_content_index_failed(s.index)) {
		fprintf(stderr, "medlint: cannot read the content root %s\n", s.root);
		goto done;
	}
	if (read_errors(&s))
		goto done;
	if (c->links == ML_LINKS_ALL && (status = external_links(c, &s, &sum))) {
		if (status != 130)
			status = EXIT_USAGE;
		goto done;
	}
	status = EXIT_USAGE;
	if (!(out = open_output(c->output)))
		goto done;
	ml_summary_count(&sum, s.results, s.nresults);
	sum.fixed = fixes.len;
	sum.fixed_items = fixes.items;
	color = !c->output && c->format == ML_FMT_TEXT && isatty(STDOUT_FILENO) &&
		!getenv("NO_COLOR");
	if (ml_report_write(out, (ml_format)c->format, s.results, s.nresults, &sum,
			    color)) {
		fprintf(stderr, "medlint: cannot write the report\n");
		goto done;
	}
	status = (c->fail_on == ML_SEV_ERROR && sum.errors) ||
			 (c->fail_on == ML_SEV_WARNING && (sum.errors || sum.warnings))
		 ? EXIT_FINDINGS
		 : 0;
	if (fix_failed)
		status = EXIT_USAGE;
done:
	if (out && out != stdout && fclose(out) != 0)
		status = EXIT_USAGE;
	session_dispose(&s);
	ml_fix_list_dispose(&fixes);
	return status;
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
	} else if (c.stdin_name && !(c.npaths == 1 && strcmp(c.paths[0], "-") == 0)) {
		fprintf(stderr, "medlint: --stdin-filename needs the path '-'\n");
		status = EXIT_USAGE;
	} else if (c.fix && c.npaths == 1 && strcmp(c.paths[0], "-") == 0) {
		fprintf(stderr, "medlint: --fix rewrites files: it cannot fix "
				"standard input\n");
		status = EXIT_USAGE;
	} else {
		status = run_lint(&c);
	}
	free(c.paths);
	free(c.resolve);
	return status;
}
