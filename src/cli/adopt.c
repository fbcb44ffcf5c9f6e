/* cli/adopt.c - adopting medlint on a repository that already has
 * faults: --write-baseline and --baseline (report/baseline.c keeps the
 * fingerprints and the file), and --new-only REV, which asks git which
 * lines changed since REV (git is run directly, never through a shell)
 * and keeps the findings on them. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "cli/cli.h"
#include "report/baseline.h"
#include "report/report.h"
#include "util/buf.h"
#include "util/common.h"
#include "util/hunks.h"
#include "util/urlmap.h"

extern char **environ;

/* ---- git -------------------------------------------------------------- */

/* Runs git with argv (argv[0] "git"), its standard output handed to
 * sink as it comes; stdin and stderr are /dev/null. The exit status, or
 * -1 when git could not be run or sink failed. */
static int run_git(char *const argv[],
		   int (*sink)(void *, const char *, size_t), void *ctx)
{
	posix_spawn_file_actions_t fa;
	char chunk[65536];
	int fd[2], status = -1, failed = 0;
	pid_t pid;
	ssize_t got;

	if (pipe(fd) != 0)
		return -1;
	if (posix_spawn_file_actions_init(&fa) != 0) {
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	(void)posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY,
					       0);
	(void)posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY,
					       0);
	(void)posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
	(void)posix_spawn_file_actions_addclose(&fa, fd[0]);
	(void)posix_spawn_file_actions_addclose(&fa, fd[1]);
	if (posix_spawnp(&pid, "git", &fa, NULL, argv, environ) != 0)
		pid = -1;
	posix_spawn_file_actions_destroy(&fa);
	close(fd[1]);
	/* Read to the end even after a failed sink, so git never blocks on
	 * a full pipe. */
	while (pid > 0 && ((got = read(fd[0], chunk, sizeof(chunk))) > 0 ||
			   (got < 0 && errno == EINTR)))
		if (got > 0 && !failed && sink(ctx, chunk, (size_t)got))
			failed = 1;
	close(fd[0]);
	if (pid <= 0)
		return -1;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (failed || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static int to_buf(void *ctx, const char *data, size_t n)
{
	return ml_buf_put(ctx, data, n);
}

/* ---- --new-only ------------------------------------------------------- */

/* A result's changed lines, from the diff. */
typedef struct {
	int *first, *last; /* ranges, 1-based, inclusive */
	size_t n, cap;
	int whole;   /* untracked or outside the repository: all changed */
	int tracked; /* git knows it */
} changes;

typedef struct {
	ml_urlmap index; /* path relative to the top-level -> result */
	changes *ch;
	size_t n;
	ml_hunks_parser diff;
	ml_buf names; /* ls-files -z output, as it streams */
} new_only;

static long on_file(void *ctx, const char *path)
{
	new_only *no = ctx;
	size_t i;

	return ml_urlmap_get(&no->index, path, &i) ? (long)i : -1;
}

static int on_range(void *ctx, long idx, int first, int last)
{
	changes *c = &((new_only *)ctx)->ch[idx];
	size_t cap_first = c->cap;

	if (ml_grow((void **)&c->first, &cap_first, c->n + 1, sizeof(int)) ||
	    ml_grow((void **)&c->last, &c->cap, c->n + 1, sizeof(int)))
		return ML_ENOMEM;
	c->first[c->n] = first;
	c->last[c->n++] = last;
	return ML_OK;
}

static int diff_sink(void *ctx, const char *data, size_t n)
{
	return ml_hunks_feed(&((new_only *)ctx)->diff, data, n);
}

/* ls-files -z: each NUL-ended name marks its result tracked. */
static int names_sink(void *ctx, const char *data, size_t n)
{
	new_only *no = ctx;
	size_t i, at;

	for (i = 0; i < n; i++) {
		if (data[i]) {
			if (no->names.len < ML_LIMIT_SHORT - 1)
				(void)ml_buf_putc(&no->names, data[i]);
			continue;
		}
		if (ml_urlmap_get(&no->index, ml_buf_cstr(&no->names), &at))
			no->ch[at].tracked = 1;
		ml_buf_clear(&no->names);
	}
	return ML_OK;
}

/* Git lists a file's hunks in order and apart: a binary search. */
static int changed(const changes *c, int line)
{
	size_t lo = 0, hi = c->n;

	if (c->whole)
		return 1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (line < c->first[mid])
			hi = mid;
		else if (line > c->last[mid])
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

/* The repository's top-level, real, or 1 said on stderr. */
static int toplevel(char *top, size_t cap)
{
	char *argv[] = { "git", "rev-parse", "--show-toplevel", NULL };
	ml_buf out = ML_BUF_INIT(PATH_MAX + 2);
	int st = run_git(argv, to_buf, &out), rc = 0;

	while (out.len && (out.ptr[out.len - 1] == '\n'))
		out.ptr[--out.len] = '\0';
	if (st != 0 || !out.len || !realpath(ml_buf_cstr(&out), top)) {
		fprintf(stderr, "medlint: --new-only: not in a git repository "
				"(or git cannot be run)\n");
		rc = 1;
	}
	(void)cap;
	ml_buf_dispose(&out);
	return rc;
}

static int known_rev(const char *top, const char *rev)
{
	ml_buf spec = ML_BUF_INIT(ML_LIMIT_SHORT), out = ML_BUF_INIT(4096);
	int st;

	ml_buf_printf(&spec, "%s^{commit}", rev);
	{
		char *argv[] = { "git",
				 "-C",
				 (char *)top,
				 "rev-parse",
				 "--verify",
				 "--quiet",
				 "--end-of-options",
				 (char *)ml_buf_cstr(&spec),
				 NULL };
		st = ml_buf_failed(&spec) ? -1 : run_git(argv, to_buf, &out);
	}
	ml_buf_dispose(&spec);
	ml_buf_dispose(&out);
	return st == 0;
}

/* Each result's path relative to top, into the index; files outside the
 * repository are wholly new. The pathspecs for git, when they fit. */
static int index_results(new_only *no, const char *top, ml_file_result *r,
			 size_t n, char ***specs, size_t *nspecs)
{
	size_t i, tl = strlen(top), total = 0;
	char real[PATH_MAX];

	*specs = calloc(n + 1, sizeof(char *));
	if (!*specs)
		return ML_ENOMEM;
	*nspecs = 0;
	for (i = 0; i < n; i++) {
		const char *rel;
		if (!realpath(r[i].path, real) || strncmp(real, top, tl) != 0 ||
		    real[tl] != '/') {
			no->ch[i].whole = 1;
			continue;
		}
		rel = real + tl + 1;
		if (ml_urlmap_put(&no->index, rel, i))
			return ML_ENOMEM;
		if (!((*specs)[(*nspecs)++] = ml_strdup(rel)))
			return ML_ENOMEM;
		total += strlen(rel) + 1;
	}
	/* Too many to name: git looks at the whole tree instead. */
	if (total > (size_t)128 * 1024)
		*nspecs = 0;
	return ML_OK;
}

/* git -C TOP --literal-pathspecs CMD... -- PATHS */
static char **git_argv(const char *top, const char *const *cmd, size_t ncmd,
		       char **specs, size_t nspecs)
{
	char **argv = calloc(ncmd + nspecs + 6, sizeof(char *));
	size_t k = 0, i;

	if (!argv)
		return NULL;
	argv[k++] = "git";
	argv[k++] = "-C";
	argv[k++] = (char *)top;
	argv[k++] = "--literal-pathspecs";
	for (i = 0; i < ncmd; i++)
		argv[k++] = (char *)cmd[i];
	argv[k++] = "--";
	for (i = 0; i < nspecs; i++)
		argv[k++] = specs[i];
	return argv;
}

/* The diff and the tracked files into no. 1 when git failed. */
static int ask_git(new_only *no, const char *top, const char *rev, char **specs,
		   size_t nspecs)
{
	const char *diff[] = { "diff",
			       "--unified=0",
			       "--no-color",
			       "--no-ext-diff",
			       "--no-textconv",
			       "--no-relative",
			       "--src-prefix=a/",
			       "--dst-prefix=b/",
			       "--end-of-options",
			       rev };
	const char *ls[] = { "ls-files", "-z", "--full-name" };
	char **argv = git_argv(top, diff, ML_ARRAY_LEN(diff), specs, nspecs);
	int st = -1;

	if (argv)
		st = run_git(argv, diff_sink, no);
	free(argv);
	if (st == 0 && ml_hunks_finish(&no->diff) == ML_OK) {
		argv = git_argv(top, ls, ML_ARRAY_LEN(ls), specs, nspecs);
		st = argv ? run_git(argv, names_sink, no) : -1;
		free(argv);
	} else
		st = -1;
	return st != 0;
}

static void new_only_dispose(new_only *no, char **specs)
{
	size_t i;

	for (i = 0; no->ch && i < no->n; i++) {
		free(no->ch[i].first);
		free(no->ch[i].last);
	}
	for (i = 0; specs && specs[i]; i++)
		free(specs[i]);
	free(specs);
	free(no->ch);
	ml_urlmap_dispose(&no->index);
	ml_hunks_dispose(&no->diff);
	ml_buf_dispose(&no->names);
}

/* Keeps the findings of r[0..n) on lines changed since rev. 0, or 1 said
 * on stderr. */
static int keep_new_only(const char *rev, ml_file_result *r, size_t n)
{
	char top[PATH_MAX];
	char **specs = NULL;
	new_only no;
	size_t i, j, nspecs = 0, nchanged = 0;
	int rc = 1;

	memset(&no, 0, sizeof(no));
	ml_urlmap_init(&no.index);
	ml_buf_init(&no.names, ML_LIMIT_SHORT);
	ml_hunks_init(&no.diff, on_file, on_range, &no);
	if (rev[0] == '-') {
		fprintf(stderr, "medlint: --new-only: '%s' is not a revision\n",
			rev);
		goto done;
	}
	if (toplevel(top, sizeof(top)))
		goto done;
	if (!known_rev(top, rev)) {
		fprintf(stderr, "medlint: --new-only: unknown revision '%s'\n",
			rev);
		goto done;
	}
	no.n = n;
	if (!(no.ch = calloc(n ? n : 1, sizeof(changes))) ||
	    index_results(&no, top, r, n, &specs, &nspecs)) {
		fprintf(stderr, "medlint: --new-only: out of memory\n");
		goto done;
	}
	if (ask_git(&no, top, rev, specs, nspecs)) {
		fprintf(stderr, "medlint: --new-only: git diff %s failed\n",
			rev);
		goto done;
	}
	for (i = 0; i < n; i++) {
		unsigned char *keep = calloc(r[i].findings.len + 1, 1);
		if (!keep) {
			fprintf(stderr, "medlint: --new-only: out of memory\n");
			goto done;
		}
		if (!no.ch[i].tracked)
			no.ch[i].whole = 1; /* new since rev, or never added */
		for (j = 0; j < r[i].findings.len; j++)
			keep[j] = (unsigned char)changed(
				&no.ch[i], r[i].findings.items[j].line);
		ml_baseline_filter(&r[i].findings, keep);
		free(keep);
		nchanged += no.ch[i].whole || no.ch[i].n;
	}
	/* exit 0 with nothing kept is right, but not silently so: a REV
	 * that is the head itself, or a diff of other files, looks the same
	 * as a clean change */
	if (!nchanged)
		fprintf(stderr,
			"medlint: note: --new-only %s: none of the %zu "
			"file%s linted changed since %s: no finding is new\n",
			rev, n, n == 1 ? "" : "s", rev);
	rc = 0;
done:
	new_only_dispose(&no, specs);
	return rc;
}

/* ---- the baseline ----------------------------------------------------- */

static int write_baseline(const char *path, const ml_file_result *r, size_t n)
{
	size_t count = 0;
	int err = 0, rc = ml_baseline_write(path, r, n, &count, &err);

	if (rc == ML_OK) {
		fprintf(stderr,
			"medlint: baseline %s written: %zu finding%s "
			"accepted\n",
			path, count, count == 1 ? "" : "s");
		return 0;
	}
	if (rc == ML_EIO)
		fprintf(stderr, "medlint: cannot write the baseline %s: %s\n",
			path, strerror(err));
	else
		fprintf(stderr, "medlint: cannot write the baseline %s: %s\n",
			path,
			rc == ML_ELIMIT	  ? "too many findings for one baseline"
			: rc == ML_ENOMEM ? "out of memory"
					  : "it is not a regular file");
	return 1;
}

static int use_baseline(const cli *c, ml_file_result *r, size_t n,
			ml_summary *sum)
{
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);
	ml_baseline *b = NULL;
	int rc = ml_baseline_load(c->baseline, &b, &err);

	if (!rc)
		rc = ml_baseline_apply(b, r, n, c->format == ML_FMT_SARIF,
				       &sum->baseline_fixed);
	if (rc) {
		fprintf(stderr, "medlint: %s\n",
			err.len ? ml_buf_cstr(&err)
				: "out of memory applying the baseline");
	} else {
		sum->baseline = 1;
		if (sum->baseline_fixed)
			fprintf(stderr,
				"medlint: %zu baseline entr%s fixed: run "
				"--write-baseline %s to remove %s\n",
				sum->baseline_fixed,
				sum->baseline_fixed == 1 ? "y is" : "ies are",
				c->baseline,
				sum->baseline_fixed == 1 ? "it" : "them");
	}
	ml_baseline_free(b);
	ml_buf_dispose(&err);
	return rc != 0;
}

int ml_cli_adopt_check(const cli *c)
{
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);
	ml_baseline *b = NULL;
	char top[PATH_MAX];
	int bad = 0;

	if (c->baseline && ml_baseline_load(c->baseline, &b, &err)) {
		fprintf(stderr, "medlint: %s\n",
			err.len ? ml_buf_cstr(&err)
				: "out of memory reading the baseline");
		bad = 1;
	}
	if (!bad && c->new_only) {
		if (toplevel(top, sizeof(top))) {
			bad = 1; /* said */
		} else if (!known_rev(top, c->new_only)) {
			fprintf(stderr,
				"medlint: --new-only: unknown revision '%s'\n",
				c->new_only);
			bad = 1;
		}
	}
	ml_baseline_free(b);
	ml_buf_dispose(&err);
	return bad ? EXIT_USAGE : 0;
}

int ml_cli_adopt(const cli *c, ml_file_result *r, size_t n, ml_summary *sum)
{
	if (c->write_baseline && write_baseline(c->write_baseline, r, n))
		return EXIT_USAGE;
	if (c->baseline && use_baseline(c, r, n, sum))
		return EXIT_USAGE;
	if (c->new_only && keep_new_only(c->new_only, r, n))
		return EXIT_USAGE;
	return 0;
}
