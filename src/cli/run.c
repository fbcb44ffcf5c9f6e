/* cli/run.c - one run of the medlint command: find the config and the
 * schema, collect the files, lint them in parallel, check external links,
 * apply --fix, write the report, and decide the exit status. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "core/config.h"
#include "core/content.h"
#include "core/routes.h"
#include "core/filelist.h"
#include "core/profile.h"
#include "fix/fix.h"
#include "core/ruletab.h"
#include "pipeline/extlinks.h"
#include "pipeline/load.h"
#include "pipeline/pipeline.h"
#include "report/report.h"
#include "util/atomic.h"
#include "util/buf.h"
#include "util/common.h"
#include "util/utf8.h"
#include "verify/verify.h"

/* ---- the run ------------------------------------------------------- */

/* The files one config (with one set of its overrides) governs: linted
 * together with its profile, severities, content root and site routes. */
typedef struct {
	const ml_load_entry *e;
	const ml_config *cfg; /* e->cfg */
	char *root;
	ml_content_index *index;
	ml_routes *routes;
	/* the group's files, borrowed from the session's file list; the
	 * array is the list's own when the group is every file (at NULL) */
	char **paths;
	size_t *at; /* where each file is in the session's file order */
	size_t n, cap;
	ml_file_result *results;
	ml_run run;
} group;

/* A file that could not be read, in a streamed run: said after the lint,
 * with its group's, as the results of a run that is not streamed are. */
typedef struct {
	size_t i; /* in the session's file order */
	char *path, *error;
} unread_file;

typedef struct {
	ml_loader *ld;
	const ml_load_entry *first; /* the entry of the current folder */
	ml_file_list files;
	char *root; /* the common root of what was named: for files with no
		       config */
	ml_file_result *results;
	size_t nresults;
	group *groups;
	size_t ngroups;
	/* streamed (ml_report_stream): the report spooled as files are
	 * linted; no results kept but the files that could not be read */
	int streamed;
	ml_report_stream rs;
	const ml_run **runs; /* each file's group's run */
	unread_file *unread;
	size_t nunread, capunread;
} session;

/* The loader of the run: each file's config found from its folder (or
 * -c for all). */
static int load(const cli *c, session *s)
{
	ml_load_opts o = { c->config, c->schema, c->verify_refs, "." };

	if (ml_loader_new(&o, &s->ld)) {
		fprintf(stderr, "medlint: out of memory\n");
		return 1;
	}
	return 0;
}

/* Every config and schema mistake met so far, one line each: exit 2. */
static int load_errors(session *s)
{
	ml_buf err = ML_BUF_INIT(ML_LIMIT_TEXT);
	const char *p;
	int bad = ml_loader_errors(s->ld, &err);

	for (p = ml_buf_cstr(&err); bad && *p;) {
		const char *nl = strchr(p, '\n');
		int n = nl ? (int)(nl - p) : (int)strlen(p);

		fprintf(stderr, "medlint: %.*s\n", n, p);
		p += n + (nl != NULL);
	}
	ml_buf_dispose(&err);
	return bad;
}

/* How the config's include reads in a message. */
static void globs(const ml_config *cfg, ml_buf *b)
{
	size_t i;

	for (i = 0; i < cfg->ninclude; i++)
		ml_buf_printf(b, "%s%s", i ? ", " : "", cfg->include[i]);
}

/* One path of the command line: a file, a folder or a quoted glob, with
 * the selection of the config that governs it. A folder or glob that
 * yields no article stops the run (a CI job must not go green having
 * checked nothing); a named file the config excludes is skipped with a
 * note. Sets *skipped when the path was such a file. */
static int add_path(session *s, const ml_load_entry *e, const char *path,
		    int *skipped, ml_buf *err)
{
	ml_buf g = ML_BUF_INIT(ML_LIMIT_SHORT);
	size_t before = s->files.n;
	ml_select sel;
	struct stat st;
	int rc, isdir;

	ml_config_select(&e->cfg, s->root, &sel);
	*skipped = 0;
	if (ml_is_glob(path) && stat(path, &st) != 0) {
		rc = ml_files_add_glob(&s->files, path, &sel, err);
		if (!rc && s->files.n == before) {
			ml_buf_printf(err, "%s: the pattern matches no article",
				      path);
			rc = ML_EIO;
		}
		return rc;
	}
	/* Before any stat: what a path outside the root is, or whether it
	 * exists, is not told (a pull request may add such links). */
	if (ml_files_outside(&sel, path)) {
		*skipped = 1;
		fprintf(stderr,
			"medlint: note: %s skipped: outside the content root "
			"%s\n",
			path, sel.root);
		return ML_OK;
	}
	isdir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	if ((rc = ml_files_add(&s->files, path, &sel, err)))
		return rc;
	if (s->files.n > before)
		return ML_OK;
	if (isdir) {
		globs(&e->cfg, &g);
		if (g.len)
			ml_buf_printf(err,
				      "%s: no article in this folder matches "
				      "include (%s)",
				      path, ml_buf_cstr(&g));
		else {
			ml_buf_printf(err, "%s: no article (", path);
			ml_ext_list(e->cfg.extensions, e->cfg.nextensions, err);
			ml_buf_puts(err, ") in this folder");
		}
		ml_buf_dispose(&g);
		return ML_EIO;
	}
	*skipped = 1;
	fprintf(stderr, "medlint: note: %s skipped: %s excludes it\n", path,
		e->cfg.path ? e->cfg.path : "the config");
	return ML_OK;
}

/* Files a walk or glob passed over for their kind: one note, never
 * silence (a site's .mdx posts left unread would pass unchecked). */
static void skipped_kind_note(session *s, const ml_config *cfg)
{
	ml_buf b = ML_BUF_INIT(ML_LIMIT_SHORT);

	if (!s->files.skipped_kind)
		return;
	ml_ext_list(cfg->extensions, cfg->nextensions, &b);
	fprintf(stderr,
		"medlint: note: %zu file%s skipped: not an article extension "
		"(%s; set extensions: in the config), e.g. %s\n",
		s->files.skipped_kind, s->files.skipped_kind == 1 ? "" : "s",
		ml_buf_cstr(&b), s->files.skipped_example);
	ml_buf_dispose(&b);
}

/* No path: the articles under the current folder, each with its own
 * config, and what each of those configs takes: its include walked from
 * its folder (so a config in docs/ of a repository run from its root
 * lints its content, and the config of the current folder, wherever it
 * is, its own). Files no config governs are left with a note when some
 * config governs others; with no config at all, every article under the
 * current folder is linted with the built-in schema. */
static int add_walk(session *s, ml_buf *err)
{
	ml_select sel;
	ml_file_list found;
	size_t i, j, nnone = 0, nconf = 0;
	const ml_load_entry **seen = NULL;
	int rc;

	memset(&found, 0, sizeof(found));
	ml_config_select(&s->first->cfg, s->root, &sel);
	sel.include = NULL; /* every article here, to find their configs */
	sel.ninclude = 0;
	if ((rc = ml_files_add(&found, ".", &sel, err)))
		goto done;
	if (!(seen = calloc(found.n + 1, sizeof(const ml_load_entry *)))) {
		rc = ML_ENOMEM;
		goto done;
	}
	if (s->first->cfg.path)
		seen[nconf++] = s->first;
	for (i = 0; i < found.n; i++) {
		const ml_load_entry *e =
			ml_loader_file_entry(s->ld, found.paths[i]);

		if (!e) {
			rc = ML_ENOMEM;
			goto done;
		}
		if (!e->cfg.path) {
			nnone++;
			continue;
		}
		for (j = 0; j < nconf && seen[j]->config_id != e->config_id;
		     j++)
			;
		if (j == nconf)
			seen[nconf++] = e;
	}
	if (!nconf) {
		/* no config anywhere: every article found */
		ml_files_dispose(&s->files);
		s->files = found;
		memset(&found, 0, sizeof(found));
		goto done;
	}
	for (j = 0; j < nconf && !rc; j++) {
		ml_config_select(&seen[j]->cfg, s->root, &sel);
		rc = ml_files_add_root(&s->files, &sel, err);
	}
	if (!rc && nnone)
		fprintf(stderr,
			"medlint: note: %zu file%s under the current folder "
			"skipped: no .medlint.yaml governs %s (name %s to lint "
			"%s with the built-in schema)\n",
			nnone, nnone == 1 ? "" : "s",
			nnone == 1 ? "it" : "them", nnone == 1 ? "it" : "them",
			nnone == 1 ? "it" : "them");
done:
	free(seen);
	ml_files_dispose(&found);
	return rc;
}

/* A file a config's walk took may be governed by a nearer config (one in
 * a subfolder): that config's include and exclude decide. */
static void drop_unwanted(session *s)
{
	size_t i, k = 0;

	for (i = 0; i < s->files.n; i++) {
		const ml_load_entry *e =
			ml_loader_file_entry(s->ld, s->files.paths[i]);
		ml_select sel;

		if (e && e->cfg.path) {
			ml_config_select(&e->cfg, s->root, &sel);
			if (!ml_files_wanted(&sel, s->files.paths[i]) ||
			    !ml_ext_is_article(sel.ext, sel.next,
					       s->files.paths[i]))
				continue; /* its bytes are the list's */
		}
		s->files.paths[k++] = s->files.paths[i];
	}
	s->files.n = k;
}

/* The entry a named path is read with: a glob's is that of the folder
 * before its first wildcard. */
static const ml_load_entry *entry_of_path(session *s, const char *path)
{
	char dir[PATH_MAX];
	const char *w = strpbrk(path, "*?["), *slash;
	struct stat st;

	if (!w || stat(path, &st) == 0)
		return ml_loader_entry(s->ld, path);
	for (slash = w; slash > path && *slash != '/'; slash--)
		;
	if (slash == path)
		return ml_loader_entry(s->ld, *path == '/' ? "/" : ".");
	if ((size_t)(slash - path) >= sizeof(dir))
		return NULL;
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = '\0';
	return ml_loader_entry(s->ld, dir);
}

static int collect(cli *c, session *s)
{
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT),
	       g = ML_BUF_INIT(ML_LIMIT_SHORT);
	const ml_config *cfg = &s->first->cfg;
	size_t i, nskipped = 0;
	int rc = 0, skipped = 0;

	if (c->npaths == 0)
		rc = add_walk(s, &err);
	if (c->npaths == 0 && !rc && s->files.n == 0) {
		globs(cfg, &g);
		if (g.len)
			ml_buf_printf(&err,
				      "include (%s) in %s matches no "
				      "article under %s",
				      ml_buf_cstr(&g), cfg->path, cfg->root);
		else {
			ml_buf_puts(&err, "no article (");
			ml_ext_list(cfg->extensions, cfg->nextensions, &err);
			ml_buf_printf(&err,
				      ") under %s: name the files or "
				      "folders to lint",
				      cfg->root ? cfg->root : s->root);
		}
		rc = ML_EIO;
	}
	for (i = 0; i < c->npaths && !rc; i++) {
		const ml_load_entry *e = entry_of_path(s, c->paths[i]);

		rc = e ? add_path(s, e, c->paths[i], &skipped, &err)
		       : ML_ENOMEM;
		nskipped += (size_t)skipped;
	}
	skipped_kind_note(s, cfg);
	if (!rc && c->npaths && s->files.n == 0 && nskipped)
		fprintf(stderr, "medlint: note: every file named is skipped: "
				"nothing to lint\n");
	if (rc == ML_ENOMEM && !err.len)
		ml_buf_puts(&err, "out of memory");
	/* a config or schema mistake met on the way says more than that
	 * nothing was found: it is told (with all others) instead */
	if (rc && !load_errors(s))
		fprintf(stderr, "medlint: %s\n", ml_buf_cstr(&err));
	ml_files_finish(&s->files);
	if (!rc)
		drop_unwanted(s);
	if (!rc && c->shard_n)
		ml_files_shard(&s->files, cfg->root ? cfg->root : s->root,
			       c->shard_k, c->shard_n);
	ml_buf_dispose(&err);
	ml_buf_dispose(&g);
	return rc != 0;
}

/* The files into groups, one per entry, in the order first met. */
static int make_groups(session *s)
{
	size_t i, n = ml_loader_count(s->ld), k;

	const ml_load_entry *one = NULL;

	if (!(s->groups = calloc(n ? n : 1, sizeof(group))))
		return 1;
	/* One entry for every file (the usual run): the group is the file
	 * list itself, with no array per file. */
	for (i = 0; i < s->files.n; i++) {
		const ml_load_entry *e =
			ml_loader_file_entry(s->ld, s->files.paths[i]);
		if (!e)
			return 1;
		if (i && e != one)
			break;
		one = e;
	}
	if (s->files.n && i == s->files.n && n) {
		s->groups[0].e = one;
		s->groups[0].cfg = &one->cfg;
		s->groups[0].paths = s->files.paths;
		s->groups[0].n = s->files.n;
		s->ngroups = 1;
		return 0;
	}
	for (i = 0; i < s->files.n; i++) {
		const ml_load_entry *e =
			ml_loader_file_entry(s->ld, s->files.paths[i]);
		group *g;

		if (!e)
			return 1;
		for (k = 0; k < s->ngroups && s->groups[k].e != e; k++)
			;
		if (k == s->ngroups) {
			if (k == n)
				return 1; /* an entry made after the count */
			s->groups[k].e = e;
			s->groups[k].cfg = &e->cfg;
			s->ngroups++;
		}
		g = &s->groups[k];
		if (ml_grow((void **)&g->paths, &g->cap, g->n + 1,
			    sizeof(char *)))
			return 1;
		g->paths[g->n] = s->files.paths[i];
		g->n++;
	}
	for (k = 0; k < s->ngroups; k++) {
		group *g = &s->groups[k];
		size_t j = 0;

		if (!(g->at = calloc(g->n, sizeof(size_t))))
			return 1;
		for (i = 0; i < s->files.n && j < g->n; i++)
			if (s->files.paths[i] == g->paths[j])
				g->at[j++] = i;
	}
	return 0;
}

/* Files no config governs: said once, with how to write one. */
static void no_config_note(const cli *c, const session *s)
{
	size_t k;

	if (c->config || c->schema)
		return;
	for (k = 0; k < s->ngroups; k++)
		if (!s->groups[k].cfg->path && !s->groups[k].e->schema) {
			fprintf(stderr,
				"medlint: no .medlint.yaml from %s up to the "
				"repository root: the built-in schema is in "
				"use (medlint --init writes a config and a "
				"schema to edit)\n",
				s->groups[k].paths ? s->groups[k].paths[0]
				: c->stdin_name	   ? c->stdin_name
						   : ".");
			return;
		}
}

/* Overrides whose files: took no article of the run: a note each (a
 * mistyped glob would leave its rules unapplied without a word). A shard
 * sees only part of the run, so it says nothing. */
static void unused_overrides_note(const cli *c, const session *s)
{
	ml_buf b = ML_BUF_INIT(ML_LIMIT_TEXT);
	const ml_load_entry **used;
	const char *p;
	size_t k;

	if (c->shard_n || !s->ngroups ||
	    !(used = calloc(s->ngroups, sizeof(ml_load_entry *))))
		return;
	for (k = 0; k < s->ngroups; k++)
		used[k] = s->groups[k].e;
	if (ml_loader_unused_overrides(s->ld, used, s->ngroups, &b))
		for (p = ml_buf_cstr(&b); *p;) {
			const char *nl = strchr(p, '\n');
			int n = nl ? (int)(nl - p) : (int)strlen(p);

			fprintf(stderr, "medlint: note: %.*s\n", n, p);
			p += n + (nl != NULL);
		}
	free(used);
	ml_buf_dispose(&b);
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

static int lint(cli *c, session *s)
{
	size_t k;

	if (c->npaths == 1 && strcmp(c->paths[0], "-") == 0) {
		group *g = &s->groups[0];
		char *text;
		size_t len;
		int rc;

		if (read_stdin(&text, &len)) {
			fprintf(stderr,
				"medlint: standard input larger than %zu MiB\n",
				ML_MAX_FILE_BYTES >> 20);
			free(text);
			return 1;
		}
		g->results = calloc(1, sizeof(ml_file_result));
		g->n = 1;
		rc = g->results ? ml_lint_text(&g->run,
					       c->stdin_name ? c->stdin_name
							     : "<stdin>",
					       text, len, g->results)
				: ML_ENOMEM;
		free(text);
		return rc != 0;
	}
	for (k = 0; k < s->ngroups; k++) {
		group *g = &s->groups[k];

		if (!(g->results = calloc(g->n, sizeof(ml_file_result))) ||
		    ml_lint_files(&g->run, g->paths, g->n, g->results))
			return 1;
	}
	return 0;
}

static int report_color(const cli *c)
{
	return !c->output && c->format == ML_FMT_TEXT &&
	       isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
}

/* A report that needs no run-wide phase after the lint (no --links all,
 * --verify-refs or baseline work) and nothing of later files (text, JSON,
 * GitHub) is written while the files are linted: memory holds a few
 * results, not every finding of the run. */
static int can_stream(const cli *c, int is_stdin)
{
	return !is_stdin && ml_report_streams((ml_format)c->format) &&
	       c->links != ML_LINKS_ALL && !c->verify_refs && !c->baseline &&
	       !c->write_baseline && !c->new_only;
}

/* One file's result, in file order: its findings to the spool; a file
 * that could not be read is kept, to be said after the lint. */
static int stream_sink(void *ctx, size_t i, ml_file_result *res)
{
	session *s = ctx;
	unread_file *u;

	if (res->error) {
		if (ml_grow((void **)&s->unread, &s->capunread, s->nunread + 1,
			    sizeof(*u)))
			return ML_ENOMEM;
		u = &s->unread[s->nunread++];
		u->i = i;
		u->path = res->path;
		u->error = res->error;
		res->path = res->error = NULL;
	}
	return ml_report_stream_add(&s->rs, res);
}

/* Every group's files in one run, in the session's file order. 0, or 1
 * when the lint failed; s->streamed stays 0 (and nothing is linted) when
 * no spool can be made. */
static int lint_streamed(const cli *c, session *s)
{
	size_t k, i;

	if (ml_report_stream_init(&s->rs, (ml_format)c->format,
				  report_color(c))) {
		ml_report_stream_dispose(&s->rs);
		return 0;
	}
	if (!(s->runs = calloc(s->files.n ? s->files.n : 1,
			       sizeof(const ml_run *))))
		return 1;
	for (k = 0; k < s->ngroups; k++)
		for (i = 0; i < s->groups[k].n; i++)
			s->runs[s->groups[k].at ? s->groups[k].at[i] : i] =
				&s->groups[k].run;
	s->streamed = 1;
	return ml_lint_stream(s->runs, s->files.paths, s->files.n,
			      s->ngroups ? s->groups[0].run.jobs : 1,
			      stream_sink, s) != 0;
}

/* The groups' results into one list in the usual file order. */
static int merge_results(session *s)
{
	size_t k, i, n = 0;

	for (k = 0; k < s->ngroups; k++)
		n += s->groups[k].n;
	if (!(s->results = calloc(n ? n : 1, sizeof(ml_file_result))))
		return 1;
	for (k = 0; k < s->ngroups; k++) {
		group *g = &s->groups[k];

		for (i = 0; i < g->n; i++)
			s->results[g->at ? g->at[i] : i] = g->results[i];
		free(g->results);
		g->results = NULL;
	}
	s->nresults = n;
	return 0;
}

static int read_errors(const session *ss, const group *s)
{
	size_t i;
	int bad = 0;

	for (i = 0; ss->streamed && i < ss->nunread; i++)
		if (ss->runs[ss->unread[i].i] == &s->run) {
			fprintf(stderr, "medlint: %s: %s\n", ss->unread[i].path,
				ss->unread[i].error);
			bad = 1;
		}
	for (i = 0; !ss->streamed && i < s->n; i++)
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
	fprintf(stderr,
		"\rmedlint: links %zu/%zu checked, %zu failing, %.0f/s ", done,
		total, failed, secs > 0 ? (double)done / secs : 0.0);
	if (done == total)
		fputc('\n', stderr);
	(void)fflush(stderr);
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
	o->exclude_at = (const char *const *)cfg->links.exclude_at;
	o->nexclude = cfg->links.nexclude;
	o->allow_private = c->allow_private;
	o->resolve = c->resolve;
	o->nresolve = c->nresolve;
	o->cache_path = c->no_cache ? NULL
			: c->cache  ? c->cache
				    : cfg->links.cache;
	o->stop = &interrupted;
	if (isatty(STDERR_FILENO)) {
		static struct timespec start;
		clock_gettime(CLOCK_MONOTONIC, &start);
		o->progress = progress;
		o->progress_ctx = &start;
	}
}

/* --links all: check external links of every result, once per URL. */

/* What the link and verification engines said: their warnings as lines
 * of their own, then the error that stopped them. */
static void print_engine(const ml_buf *warn, const ml_buf *err, int rc,
			 const char *failed)
{
	if (warn->len)
		fprintf(stderr, "medlint: warning: %s%s", ml_buf_cstr(warn),
			warn->ptr[warn->len - 1] == '\n' ? "" : "\n");
	if (rc)
		fprintf(stderr, "medlint: %s\n",
			err->len ? ml_buf_cstr(err) : failed);
}

static int external_links(const cli *c, group *s, ml_summary *sum)
{
	ml_link_opts o;
	ml_buf warn = ML_BUF_INIT(ML_LIMIT_TEXT),
	       err = ML_BUF_INIT(ML_LIMIT_SHORT);
	struct sigaction sa, old;
	int rc;

	size_t checked = 0;

	link_options(c, s->cfg, &o);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigaction(SIGINT, &sa, &old);
	rc = ml_extlinks_check(&o, s->cfg->severity, s->results, s->n, &checked,
			       &warn, &err);
	sum->links_checked += checked;
	sigaction(SIGINT, &old, NULL);
	print_engine(&warn, &err, rc, "link check failed");
	ml_buf_dispose(&warn);
	ml_buf_dispose(&err);
	if (!rc && interrupted)
		return 130;
	return rc ? 1 : 0;
}

/* --verify-refs: every reference identifier at its registry, once. */
static int verify_refs(const cli *c, group *s)
{
	const ml_verify_config *vc = &s->cfg->verify;
	ml_verify_opts o;
	ml_verify_stats st;
	ml_buf warn = ML_BUF_INIT(ML_LIMIT_TEXT),
	       err = ML_BUF_INIT(ML_LIMIT_SHORT);
	char cache[PATH_MAX];
	struct sigaction sa, old;
	int rc;

	ml_verify_opts_default(&o);
	link_options(c, s->cfg, &o.link);
	o.link.progress = NULL;
	if (vc->crossref)
		o.crossref = vc->crossref;
	if (c->eutils)
		o.eutils = c->eutils;
	else if (vc->eutils)
		o.eutils = vc->eutils;
	o.mailto = vc->mailto;
	/* the environment's, never the config's (cli/trust.c checked where
	 * it may go) */
	o.api_key = getenv(ml_cli_key_var(c));
	o.title_similarity = vc->title_similarity;
	o.cache_ttl_s = vc->cache_ttl_s;
	o.cache_path = ml_cli_verify_cache(c, s->cfg, cache, sizeof(cache));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigaction(SIGINT, &sa, &old);
	rc = ml_verify_refs(&o, s->cfg->severity, s->results, s->n, &st, &warn,
			    &err);
	sigaction(SIGINT, &old, NULL);
	print_engine(&warn, &err, rc, "reference verification failed");
	if (!rc)
		fprintf(stderr,
			"medlint: references: %zu identifiers verified, %zu "
			"from the cache, %zu requests\n",
			st.ids - st.trouble, st.cached, st.requests);
	ml_buf_dispose(&warn);
	ml_buf_dispose(&err);
	if (!rc && interrupted)
		return 130;
	return rc ? 1 : 0;
}

typedef struct {
	const cli *c;
	const session *s;
	const ml_summary *sum;
	int color;
} report_job;

static int fill_report(void *ctx, FILE *f)
{
	const report_job *j = ctx;

	if (j->s->streamed)
		return ml_report_stream_write(f, (ml_report_stream *)&j->s->rs,
					      j->sum);
	return ml_report_write(f, (ml_format)j->c->format, j->s->results,
			       j->s->nresults, j->sum, j->color);
}

/* --output FILE is replaced whole or not at all (util/atomic.c), the
 * target of a symbolic link too; a device or FIFO there (/dev/stdout) is
 * written as a stream. The code of what stopped it, *err its errno. */
static int report_to_file(const char *path, report_job *j, int *err)
{
	struct stat st;
	char real[PATH_MAX];
	FILE *f;
	int rc;

	if (lstat(path, &st) != 0 || S_ISREG(st.st_mode))
		return ml_replace_file(path, fill_report, j, err);
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && realpath(path, real))
		return ml_replace_file(real, fill_report, j, err);
	if (!(f = fopen(path, "w"))) {
		*err = errno;
		return ML_EIO;
	}
	rc = fill_report(j, f);
	*err = errno;
	if (fclose(f) != 0 && !rc) {
		*err = errno;
		rc = ML_EIO;
	}
	return rc;
}

/* The report, or one line on stderr saying why there is none (a report
 * cut by a failure is never passed on as a whole one). 0 or EXIT_USAGE. */
static int write_report(const cli *c, const session *s, const ml_summary *sum)
{
	report_job j = { c, s, sum, 0 };
	int rc, err = 0;

	j.color = report_color(c);
	if (c->output) {
		rc = report_to_file(c->output, &j, &err);
	} else {
		rc = fill_report(&j, stdout);
		err = errno;
	}
	if (rc == ML_OK)
		return 0;
	if (rc == ML_EIO)
		fprintf(stderr, "medlint: cannot write %s: %s\n",
			c->output ? c->output : "the report", strerror(err));
	else
		fprintf(stderr, "medlint: cannot write the report: %s\n",
			rc == ML_ENOMEM	  ? "out of memory"
			: rc == ML_ELIMIT ? "it is larger than medlint's limit"
					  : "it is not a regular file");
	return EXIT_USAGE;
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
static const char *stdin_dir(const char *name, char *buf, size_t n)
{
	const char *dir = name ? ml_load_folder(name, buf, n) : ".";

	/* NULL: too long for any folder; the open fails and says so */
	return dir ? dir : name;
}

/* A site: block: the generator's config is read now (a bad one is the
 * run's one-line error); the site is walked when a link first needs it. */
static int site_routes(group *s)
{
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);
	int rc = 0;

	if (s->cfg->site.gen != ML_GEN_NONE &&
	    ml_routes_new(&s->cfg->site, &s->routes, &err)) {
		ml_text_oneline(&err);
		fprintf(stderr, "medlint: %s\n", ml_buf_cstr(&err));
		rc = 1;
	}
	ml_buf_dispose(&err);
	return rc;
}

/* Links left undecided: one note for the run, never a silent pass. */
static int site_notes(const group *s)
{
	const char *path;
	int line, col;
	size_t n;

	if (!s->routes)
		return 0;
	if (ml_routes_failed(s->routes)) {
		fprintf(stderr, "medlint: cannot read the site's folders\n");
		return 1;
	}
	n = ml_routes_undecided_count(s->routes, &path, &line, &col);
	if (n)
		fprintf(stderr,
			"medlint: note: %zu link%s not checked: a template or "
			"route medlint does not resolve (first at %s:%d:%d)\n",
			n, n == 1 ? "" : "s", path, line, col);
	return 0;
}

static void session_dispose(session *s)
{
	size_t i, k;

	for (k = 0; k < s->ngroups; k++) {
		group *g = &s->groups[k];

		for (i = 0; g->results && i < g->n; i++)
			ml_file_result_dispose(&g->results[i]);
		free(g->results);
		if (g->paths != s->files.paths)
			free(g->paths);
		free(g->at);
		free(g->root);
		ml_content_index_free(g->index);
		ml_routes_free(g->routes);
	}
	free(s->groups);
	for (i = 0; i < s->nresults; i++)
		ml_file_result_dispose(&s->results[i]);
	free(s->results);
	for (i = 0; i < s->nunread; i++) {
		free(s->unread[i].path);
		free(s->unread[i].error);
	}
	free(s->unread);
	free(s->runs);
	ml_report_stream_dispose(&s->rs);
	ml_files_dispose(&s->files);
	ml_loader_free(s->ld);
	free(s->root);
}

static int lint_for_fix(void *ctx, const char *path, const char *text,
			size_t len, ml_file_result *res)
{
	return ml_lint_text(ctx, path, text, len, res);
}

/* --fix: rewrite the files first, so that the lint that follows reports
 * what remains. 1 when a file could not be written. */
static int fix_files(const group *s, ml_fix_list *done)
{
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);
	size_t i;
	int bad = 0, rc = ML_OK;

	for (i = 0; i < s->n && rc != ML_ENOMEM; i++) {
		ml_buf_clear(&err);
		rc = ml_fix_file(lint_for_fix, (void *)&s->run, s->paths[i],
				 s->root, done, &err);
		if (rc) {
			fprintf(stderr, "medlint: --fix: %s\n",
				err.len ? ml_buf_cstr(&err) : "out of memory");
			bad = 1;
		}
	}
	ml_buf_dispose(&err);
	return bad;
}

/* --fix --diff: what --fix would change, as one unified diff on stdout;
 * nothing is written. 1 when some file would change, 2 on an error. */
static int diff_files(const session *s)
{
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT),
	       diff = ML_BUF_INIT(ML_LIMIT_OUTPUT);
	ml_fix_list done;
	size_t i, k;
	int rc = ML_OK, status;

	ml_fix_list_init(&done);
	for (k = 0; k < s->ngroups && !rc; k++)
		for (i = 0; i < s->groups[k].n && !rc; i++)
			rc = ml_fix_file_diff(lint_for_fix,
					      (void *)&s->groups[k].run,
					      s->groups[k].paths[i], &done,
					      &diff, &err);
	if (rc) {
		fprintf(stderr, "medlint: --fix --diff: %s\n",
			err.len ? ml_buf_cstr(&err) : "out of memory");
		status = EXIT_USAGE;
	} else if (diff.len &&
		   (fwrite(diff.ptr, 1, diff.len, stdout) != diff.len ||
		    fflush(stdout) != 0)) {
		fprintf(stderr, "medlint: --fix --diff: cannot write: %s\n",
			strerror(errno));
		status = EXIT_USAGE;
	} else {
		status = diff.len ? EXIT_FINDINGS : 0;
	}
	ml_fix_list_dispose(&done);
	ml_buf_dispose(&diff);
	ml_buf_dispose(&err);
	return status;
}

/* A group's content root (its config's folder, else the common root of
 * what was named), its index and the settings of its lint. 1 (said on
 * stderr) when the root cannot be indexed. */
static int prepare(cli *c, const session *s, group *g)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	ml_run *run = &g->run;

	g->root = ml_strdup(g->cfg->root ? g->cfg->root : s->root);
	if (!g->root || ml_content_index_build(g->root, &g->index)) {
		fprintf(stderr, "medlint: cannot index the content root %s\n",
			g->root ? g->root : s->root);
		return 1;
	}
	ml_content_index_set_extensions(g->index, g->cfg->extensions,
					g->cfg->nextensions);
	/* Many files: walk the content root once up front, so that checking
	 * related and linked articles needs no system call per article. */
	if (g->n >= 32)
		ml_content_index_prime(g->index);
	if (site_routes(g))
		return 1;
	memset(run, 0, sizeof(*run));
	run->profile = g->e->profile;
	run->severity = g->cfg->severity;
	run->jobs = c->jobs ? c->jobs : (ncpu > 0 ? (int)ncpu : 1);
	run->opts.content_root = g->root;
	run->opts.today_y = c->today_y;
	run->opts.today_m = c->today_m;
	run->opts.today_d = c->today_d;
	run->opts.links = c->links;
	run->opts.verify_refs = c->verify_refs;
	run->opts.index = g->index;
	run->opts.routes = g->routes;
	return 0;
}

/* The run's starting point: the common root of what was named, and the
 * entry of the current folder (or of --stdin-filename's). */
static int start(cli *c, session *s)
{
	char dir[PATH_MAX];
	int is_stdin = c->npaths == 1 && strcmp(c->paths[0], "-") == 0;

	if (is_stdin)
		s->root = ml_common_root(
			(const char *[]){
				stdin_dir(c->stdin_name, dir, sizeof(dir)) },
			1);
	else if (c->npaths)
		s->root = ml_common_root((const char *const *)c->paths,
					 c->npaths);
	else
		s->root = ml_common_root((const char *[]){ "." }, 1);
	/* the folder itself: "." is a folder, a stdin name is a file */
	s->first = ml_loader_entry(
		s->ld, is_stdin && c->stdin_name ? c->stdin_name : ".");
	if (!s->root || !s->first) {
		fprintf(stderr, "medlint: out of memory\n");
		return 1;
	}
	return 0;
}

/* --stdin-filename: one group, the entry of that name. */
static int stdin_group(session *s)
{
	if (!(s->groups = calloc(1, sizeof(group))))
		return 1;
	s->groups[0].e = s->first;
	s->groups[0].cfg = &s->first->cfg;
	s->ngroups = 1;
	return 0;
}

/* After the report: 2 when a --fix failed, 1 when the findings reach
 * --fail-on, else 0. */
static int exit_status(const cli *c, const ml_summary *sum, int fix_failed)
{
	if (fix_failed)
		return EXIT_USAGE;
	if (c->write_baseline) /* today's findings are accepted */
		return 0;
	if (c->fail_on == ML_SEV_ERROR)
		return sum->errors ? EXIT_FINDINGS : 0;
	if (c->fail_on == ML_SEV_WARNING)
		return sum->errors || sum->warnings ? EXIT_FINDINGS : 0;
	return 0;
}

int ml_cli_run(cli *c)
{
	session s;
	ml_summary sum;
	ml_fix_list fixes;
	size_t k;
	int status = EXIT_USAGE, fix_failed = 0,
	    is_stdin = c->npaths == 1 && strcmp(c->paths[0], "-") == 0;

	memset(&s, 0, sizeof(s));
	memset(&sum, 0, sizeof(sum));
	ml_fix_list_init(&fixes);
	today(c);
	/* the current folder's config first: its mistakes before any walk */
	if (load(c, &s) || start(c, &s) || load_errors(&s) ||
	    ml_cli_adopt_check(c))
		goto done;
	if (is_stdin ? stdin_group(&s) : collect(c, &s))
		goto done;
	if (load_errors(&s))
		goto done;
	if (!is_stdin && make_groups(&s)) {
		fprintf(stderr, "medlint: out of memory\n");
		goto done;
	}
	for (k = 0; k < s.ngroups; k++)
		if (ml_cli_trust_check(c, s.groups[k].cfg) ||
		    prepare(c, &s, &s.groups[k]))
			goto done;
	no_config_note(c, &s);
	if (!is_stdin)
		unused_overrides_note(c, &s);
	if (c->fix && c->diff) {
		status = diff_files(&s);
		goto done;
	}
	for (k = 0; c->fix && k < s.ngroups; k++)
		fix_failed |= fix_files(&s.groups[k], &fixes);
	if ((can_stream(c, is_stdin) && lint_streamed(c, &s)) ||
	    (!s.streamed && lint(c, &s))) {
		fprintf(stderr, "medlint: internal error while linting\n");
		goto done;
	}
	for (k = 0; k < s.ngroups; k++) {
		group *g = &s.groups[k];

		if (ml_content_index_failed(g->index)) {
			fprintf(stderr,
				"medlint: cannot read the content root %s\n",
				g->root);
			goto done;
		}
		if (read_errors(&s, g) || site_notes(g))
			goto done;
		if (c->links == ML_LINKS_ALL &&
		    (status = external_links(c, g, &sum))) {
			if (status != 130)
				status = EXIT_USAGE;
			goto done;
		}
		if (c->verify_refs && (status = verify_refs(c, g))) {
			if (status != 130)
				status = EXIT_USAGE;
			goto done;
		}
		status = EXIT_USAGE;
	}
	if (s.streamed) { /* counted as the files were spooled */
		ml_summary_count(&sum, NULL, 0);
		sum.errors = s.rs.counts.errors;
		sum.warnings = s.rs.counts.warnings;
		sum.files = s.files.n;
	} else {
		if (merge_results(&s))
			goto done;
		if ((status = ml_cli_adopt(c, s.results, s.nresults, &sum)))
			goto done;
		ml_summary_count(&sum, s.results, s.nresults);
	}
	sum.fixed = fixes.len;
	sum.fixed_items = fixes.items;
	if (!(status = write_report(c, &s, &sum)))
		status = exit_status(c, &sum, fix_failed);
done:
	session_dispose(&s);
	ml_fix_list_dispose(&fixes);
	return status;
}
