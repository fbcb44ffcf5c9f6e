/* fix/fix.c - the fixer of --fix and of the language server's quick
 * fixes: apply findings' safe rewrites and trailing-whitespace trimming in
 * front matter, and replace the file atomically. */
#include "fix/fix.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/content.h"

#include "parse/frontmatter.h"
#include "util/common.h"
#include "util/diff.h"

#define ML_FIX_PASSES 4 /* a fix may expose another; stop after a few */

void ml_fix_list_init(ml_fix_list *l)
{
	memset(l, 0, sizeof(*l));
}

void ml_fix_list_dispose(ml_fix_list *l)
{
	size_t i;

	for (i = 0; i < l->len; i++) {
		free((char *)l->items[i].path);
		free((char *)l->items[i].message);
	}
	free(l->items);
	ml_fix_list_init(l);
}

static int note(ml_fix_list *l, const char *path, int line, int column,
		int rule, const char *message)
{
	ml_fixed_item *it;

	if (ml_grow((void **)&l->items, &l->cap, l->len + 1, sizeof(*it)))
		return ML_ENOMEM;
	it = &l->items[l->len];
	it->path = ml_strdup(path);
	it->message = ml_strdup(message);
	it->line = line;
	it->column = column;
	it->rule = rule;
	if (!it->path || !it->message) {
		free((char *)it->path);
		free((char *)it->message);
		return ML_ENOMEM;
	}
	l->len++;
	return ML_OK;
}

int ml_fix_forbidden(const ml_findings *f)
{
	size_t i;

	for (i = 0; i < f->len; i++)
		if (f->items[i].rule == ML_RULE_FRONTMATTER_SYNTAX ||
		    f->items[i].rule == ML_RULE_FILE_INVALID)
			return 1;
	return 0;
}

/* ---- edits ---------------------------------------------------------- */

typedef struct {
	size_t off, len;
	const char *text;
	const ml_finding *from; /* NULL: trailing whitespace */
	int line, column;
} edit;

typedef struct {
	edit *items;
	size_t len, cap;
} edits;

static int edits_add(edits *e, size_t off, size_t len, const char *text,
		     const ml_finding *from, int line, int column)
{
	if (ml_grow((void **)&e->items, &e->cap, e->len + 1, sizeof(edit)))
		return ML_ENOMEM;
	e->items[e->len++] = (edit){ off, len, text, from, line, column };
	return ML_OK;
}

static int edit_cmp(const void *a, const void *b)
{
	const edit *x = a, *y = b;

	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* ---- trailing whitespace in front matter ----------------------------- */

/* The front matter of the file being fixed, and its parsed tree. */
typedef struct {
	const char *yaml; /* in the file */
	size_t len, base; /* length, byte offset in the file */
	int line;	  /* file line of yaml[0] */
	ml_tree *orig;
} yaml_ctx;

/* 1 when the YAML with the deletions e[0..n) (in offset order) parses to
 * the same tree. */
static int same_meaning(const yaml_ctx *y, const edit *e, size_t n)
{
	ml_buf b = ML_BUF_INIT(ML_LIMIT_TEXT);
	ml_tree *t = NULL;
	ml_yaml_error err;
	size_t pos = 0, i;
	int same = 0;

	for (i = 0; i < n; i++) {
		ml_buf_put(&b, y->yaml + pos, e[i].off - y->base - pos);
		pos = e[i].off - y->base + e[i].len;
	}
	ml_buf_put(&b, y->yaml + pos, y->len - pos);
	if (ml_yaml_parse(ml_buf_cstr(&b), b.len, y->line, &t, &err) == ML_OK)
		same = ml_node_equal(ml_tree_root(y->orig), ml_tree_root(t));
	ml_tree_free(t);
	ml_buf_dispose(&b);
	return same;
}

/* Blanks before each line end of the YAML, as deletions. */
static int ws_candidates(const yaml_ctx *y, edits *cand)
{
	size_t i, a = 0;
	int line = y->line, rc = ML_OK;

	for (i = 0; i <= y->len && !rc; i++) {
		size_t end = i, e;
		if (i < y->len && y->yaml[i] != '\n')
			continue;
		if (end > a && y->yaml[end - 1] == '\r')
			end--;
		for (e = end;
		     e > a && (y->yaml[e - 1] == ' ' || y->yaml[e - 1] == '\t');
		     e--)
			;
		if (e < end)
			rc = edits_add(cand, y->base + e, end - e, "", NULL,
				       line, (int)(e - a) + 1);
		a = i + 1;
		line++;
	}
	return rc;
}

/* A visit budget for marking lines: aliases share nodes, so a walk of
 * the tree could see one many times (an alias bomb). */
#define MARK_VISITS 100000

/* Marks in risky[] (one byte per YAML line) the lines a multi-line
 * scalar spans: there trailing blanks may be content (a literal or
 * folded block, a quoted escape). 0, or -1 when the budget ran out. */
static int mark_scalars(const yaml_ctx *y, const ml_node *n, char *risky,
			int nlines, size_t *visits)
{
	size_t i;
	int l;

	if (!n || ++*visits > MARK_VISITS)
		return n ? -1 : 0;
	if (n->type == ML_NODE_SEQ) {
		for (i = 0; i < n->nitems; i++)
			if (mark_scalars(y, n->items[i], risky, nlines, visits))
				return -1;
	} else if (n->type == ML_NODE_MAP) {
		for (i = 0; i < n->npairs; i++)
			if (mark_scalars(y, n->pairs[i].key, risky, nlines,
					 visits) ||
			    mark_scalars(y, n->pairs[i].value, risky, nlines,
					 visits))
				return -1;
	} else if (n->end_line > n->line) {
		for (l = n->line; l <= n->end_line; l++)
			if (l - y->line >= 0 && l - y->line < nlines)
				risky[l - y->line] = 1;
	}
	return 0;
}

static int copy_edits(const edits *from, edits *out)
{
	size_t i;
	int rc = ML_OK;

	for (i = 0; i < from->len && !rc; i++)
		rc = edits_add(out, from->items[i].off, from->items[i].len, "",
			       NULL, from->items[i].line,
			       from->items[i].column);
	return rc;
}

/* Trailing blanks mean something inside a literal block scalar, so only
 * deletions that leave the tree alone are kept: all at once when they
 * do; else those outside every multi-line scalar, when they do together.
 * At most two parses of the YAML, whatever its size (one line at a time
 * was a parse per line: 45 KB took 88 s). */
static int keep_same_meaning(const yaml_ctx *y, const edits *cand, edits *out)
{
	edits kept = { 0 };
	size_t i, visits = 0;
	int nlines = 1, rc = ML_OK;
	char *risky;

	if (same_meaning(y, cand->items, cand->len))
		return copy_edits(cand, out);
	for (i = 0; i < y->len; i++)
		nlines += y->yaml[i] == '\n';
	if (!(risky = calloc((size_t)nlines, 1)))
		return ML_ENOMEM;
	if (mark_scalars(y, ml_tree_root(y->orig), risky, nlines, &visits))
		goto done; /* too many nodes to tell: trim nothing */
	for (i = 0; i < cand->len && !rc; i++) {
		int k = cand->items[i].line - y->line;
		if (k >= 0 && k < nlines && risky[k])
			continue;
		rc = edits_add(&kept, cand->items[i].off, cand->items[i].len,
			       "", NULL, cand->items[i].line,
			       cand->items[i].column);
	}
	if (!rc && kept.len && same_meaning(y, kept.items, kept.len))
		rc = copy_edits(&kept, out);
done:
	free(risky);
	free(kept.items);
	return rc;
}

static int trailing_ws(const char *text, size_t len, edits *out)
{
	ml_split sp;
	ml_yaml_error err;
	edits cand = { 0 };
	yaml_ctx y;
	int rc;

	ml_frontmatter_split(text, len, &sp);
	/* YAML only: TOML and JSON front matter are left as they are */
	if (!sp.present || !sp.closed || sp.format != ML_FM_YAML ||
	    sp.yaml_len > ML_FRONTMATTER_MAX)
		return ML_OK;
	y = (yaml_ctx){ text + sp.yaml_offset, sp.yaml_len, sp.yaml_offset,
			sp.yaml_line, NULL };
	rc = ws_candidates(&y, &cand);
	if (!rc && cand.len &&
	    ml_yaml_parse(y.yaml, y.len, y.line, &y.orig, &err) == ML_OK)
		rc = keep_same_meaning(&y, &cand, out);
	ml_tree_free(y.orig);
	free(cand.items);
	return rc;
}

/* ---- applying -------------------------------------------------------- */

int ml_fix_text(const char *path, const char *text, size_t len,
		const ml_findings *f, ml_buf *out, ml_fix_list *done)
{
	edits e = { 0 };
	const edit *last = NULL;
	size_t i, pos = 0;
	int rc = ML_OK;

	ml_buf_clear(out);
	if (ml_fix_forbidden(f))
		return ml_buf_put(out, text, len);
	for (i = 0; i < f->len && !rc; i++) {
		const ml_finding *x = &f->items[i];
		if (x->fix_offset < 0 || !x->fix_text || x->fix_suggestion ||
		    (size_t)x->fix_offset > len ||
		    x->fix_len > len - (size_t)x->fix_offset)
			continue;
		rc = edits_add(&e, (size_t)x->fix_offset, x->fix_len,
			       x->fix_text, x, x->line, x->column);
	}
	if (!rc)
		rc = trailing_ws(text, len, &e);
	if (e.len > 1)
		qsort(e.items, e.len, sizeof(edit), edit_cmp);
	for (i = 0; i < e.len && !rc; i++) {
		const edit *x = &e.items[i];
		/* Overlapping an applied edit, or a second insertion at one
		 * place: left for the next pass, which lints the result. */
		if (x->off < pos || (last && last->len == 0 && x->len == 0 &&
				     x->off == last->off))
			continue;
		if (x->len == 0 && x->text[0] == '\0')
			continue;
		rc = ml_buf_put(out, text + pos, x->off - pos);
		if (!rc)
			rc = ml_buf_puts(out, x->text);
		pos = x->off + x->len;
		last = x;
		if (!rc)
			rc = note(
				done, path, x->line, x->column,
				x->from ? (int)x->from->rule : -1,
				x->from ? x->from->message
					: "trailing whitespace removed from a "
					  "front matter line");
	}
	if (!rc)
		rc = ml_buf_put(out, text + pos, len - pos);
	free(e.items);
	return rc;
}

/* ---- writing --------------------------------------------------------- */

static long long mtime_ns(const struct stat *st)
{
	return (long long)st->st_mtim.tv_sec * 1000000000LL +
	       st->st_mtim.tv_nsec;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return ML_EIO;
		data += n;
		len -= (size_t)n;
	}
	return ML_OK;
}

static int fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return ML_EIO;
	rc = fsync(fd) == 0 || errno == EINVAL ? ML_OK : ML_EIO;
	close(fd);
	return rc;
}

/* A new temporary file beside target (same folder: rename cannot cross
 * file systems) holding data, with target's mode (and owner, as root),
 * synced to disk. Its name goes to tmp. */
static int write_temp(const char *target, const struct stat *st,
		      const char *data, size_t len, char *tmp, size_t cap,
		      ml_buf *err)
{
	char dir[PATH_MAX], base[PATH_MAX];
	int fd;

	if ((size_t)snprintf(dir, sizeof(dir), "%s", target) >= sizeof(dir)) {
		ml_buf_printf(err, "%s: path too long", target);
		return ML_EIO;
	}
	memcpy(base, dir, sizeof(base));
	if ((size_t)snprintf(tmp, cap, "%s/.%s.medlint-XXXXXX", dirname(dir),
			     basename(base)) >= cap) {
		ml_buf_printf(err, "%s: path too long", target);
		return ML_ELIMIT;
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		ml_buf_printf(err, "%s: cannot create a temporary file: %s",
			      target, strerror(errno));
		return ML_EIO;
	}
	/* Mode first, so the new file is never more open than the old. */
	if (fchmod(fd, st->st_mode & 07777) != 0 ||
	    (geteuid() == 0 && fchown(fd, st->st_uid, st->st_gid) != 0) ||
	    write_all(fd, data, len) || fsync(fd) != 0) {
		ml_buf_printf(err, "%s: cannot write a temporary file: %s",
			      target, strerror(errno));
		close(fd);
		unlink(tmp);
		return ML_EIO;
	}
	if (close(fd) != 0) {
		ml_buf_printf(err, "%s: cannot write: %s", target,
			      strerror(errno));
		unlink(tmp);
		return ML_EIO;
	}
	return ML_OK;
}

int ml_fix_write_atomic(const char *path, const char *root, const char *data,
			size_t len, long long expect_size,
			long long expect_mtime_ns, ml_buf *err)
{
	char target[PATH_MAX], dir[PATH_MAX], tmp[PATH_MAX + 32];
	struct stat st;
	int rc;

	if (!realpath(path, target) || stat(target, &st) != 0) {
		ml_buf_printf(err, "%s: %s", path, strerror(errno));
		return ML_EIO;
	}
	if (root && !ml_content_inside(root, target)) {
		ml_buf_printf(err, "%s: outside the content root: not written",
			      path);
		return ML_EINVAL;
	}
	if (!S_ISREG(st.st_mode)) {
		ml_buf_printf(err, "%s: not a regular file: not written", path);
		return ML_EINVAL;
	}
	if (st.st_size != expect_size || mtime_ns(&st) != expect_mtime_ns) {
		ml_buf_printf(err,
			      "%s: changed while medlint was fixing it; not "
			      "written",
			      path);
		return ML_EINVAL;
	}
	rc = write_temp(target, &st, data, len, tmp, sizeof(tmp), err);
	if (rc)
		return rc;
	if (rename(tmp, target) != 0) {
		ml_buf_printf(err, "%s: cannot replace: %s", path,
			      strerror(errno));
		unlink(tmp);
		return ML_EIO;
	}
	memcpy(dir, target, sizeof(dir)); /* realpath()ed: fits */
	if (fsync_dir(dirname(dir)) != ML_OK) {
		ml_buf_printf(err,
			      "%s: replaced, but its folder could not be "
			      "synced: %s",
			      path, strerror(errno));
		return ML_EIO;
	}
	return ML_OK;
}

/* ---- one file -------------------------------------------------------- */

static int read_file(const char *path, ml_buf *b, struct stat *st, ml_buf *err)
{
	int rc = ml_buf_read_file(b, path, st);

	if (rc == ML_ELIMIT)
		return ML_OK; /* too big to lint: left alone below */
	if (rc)
		ml_buf_printf(err, "%s: %s", path, strerror(errno));
	return rc;
}

/* The unified diff of one file's fix, with git's a/ and b/ before the
 * path (a "./" dropped), so that `git apply` and `patch -p1` take it. */
static int diff_file(const char *path, const ml_buf *orig, const ml_buf *cur,
		     ml_buf *diff, ml_buf *err)
{
	ml_buf a = ML_BUF_INIT(ML_LIMIT_SHORT), b = ML_BUF_INIT(ML_LIMIT_SHORT);
	int rc;

	while (path[0] == '.' && path[1] == '/')
		path += 2;
	ml_buf_printf(&a, "a/%s", path);
	ml_buf_printf(&b, "b/%s", path);
	rc = ml_buf_failed(&a) ? ml_buf_failed(&a) : ml_buf_failed(&b);
	if (!rc)
		rc = ml_diff_unified(ml_buf_cstr(&a), ml_buf_cstr(&b),
				     orig->ptr, orig->len, cur->ptr, cur->len,
				     diff);
	if (rc == ML_ELIMIT)
		ml_buf_printf(err, "%s: the diff is larger than %zu MiB", path,
			      diff->limit >> 20);
	ml_buf_dispose(&a);
	ml_buf_dispose(&b);
	return rc;
}

/* Lints and fixes cur in memory until a pass changes nothing (a fix may
 * expose another), a few times at most. *broke is set when a pass made
 * the file unsafe to touch (then nothing must be written). */
static int fix_passes(ml_fix_lint_fn lint, void *ctx, const char *path,
		      ml_buf *cur, ml_fix_list *pass, int *broke)
{
	ml_buf next = ML_BUF_INIT(ML_LIMIT_TEXT);
	int rc = ML_OK, i;

	*broke = 0;
	for (i = 0; i < ML_FIX_PASSES && !rc; i++) {
		ml_file_result res;
		size_t before = pass->len;
		int forbidden;

		rc = lint(ctx, path, ml_buf_cstr(cur), cur->len, &res);
		forbidden = ml_fix_forbidden(&res.findings);
		if (!rc && !forbidden)
			rc = ml_fix_text(path, ml_buf_cstr(cur), cur->len,
					 &res.findings, &next, pass);
		ml_file_result_dispose(&res);
		if (forbidden) {
			*broke = i > 0;
			break;
		}
		if (rc || pass->len == before)
			break;
		ml_buf_clear(cur);
		rc = ml_buf_put(cur, next.ptr, next.len);
	}
	ml_buf_dispose(&next);
	return rc;
}

/* --fix (diff NULL: the file is replaced) or --fix --diff (the change is
 * appended to diff and nothing is written). */
static int fix_one(ml_fix_lint_fn lint, void *ctx, const char *path,
		   const char *root, ml_fix_list *done, ml_buf *diff,
		   ml_buf *err)
{
	ml_buf orig, cur = ML_BUF_INIT(ML_LIMIT_TEXT);
	ml_fix_list pass;
	struct stat st;
	size_t i;
	int rc = ML_OK, broke = 0;

	ml_buf_init(&orig, ML_MAX_FILE_BYTES);
	ml_fix_list_init(&pass);
	/* A file that cannot be read is the lint's to report, not ours. */
	if (read_file(path, &orig, &st, err) != ML_OK) {
		ml_buf_clear(err);
		goto done;
	}
	if (orig.len == 0 || orig.len >= ML_MAX_FILE_BYTES)
		goto done;
	rc = ml_buf_put(&cur, orig.ptr, orig.len);
	if (!rc)
		rc = fix_passes(lint, ctx, path, &cur, &pass, &broke);
	if (rc || broke || pass.len == 0 ||
	    (cur.len == orig.len && memcmp(cur.ptr, orig.ptr, cur.len) == 0))
		goto done;
	if (diff)
		rc = diff_file(path, &orig, &cur, diff, err);
	else
		rc = ml_fix_write_atomic(path, root, cur.ptr, cur.len,
					 (long long)st.st_size, mtime_ns(&st),
					 err);
	for (i = 0; !rc && i < pass.len; i++)
		rc = note(done, pass.items[i].path, pass.items[i].line,
			  pass.items[i].column, pass.items[i].rule,
			  pass.items[i].message);
done:
	ml_fix_list_dispose(&pass);
	ml_buf_dispose(&orig);
	ml_buf_dispose(&cur);
	return rc;
}

int ml_fix_file(ml_fix_lint_fn lint, void *ctx, const char *path,
		const char *root, ml_fix_list *done, ml_buf *err)
{
	return fix_one(lint, ctx, path, root, done, NULL, err);
}

int ml_fix_file_diff(ml_fix_lint_fn lint, void *ctx, const char *path,
		     ml_fix_list *done, ml_buf *diff, ml_buf *err)
{
	return fix_one(lint, ctx, path, NULL, done, diff, err);
}
