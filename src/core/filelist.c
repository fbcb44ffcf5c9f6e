/* core/filelist.c - collect the files of a run. */
#include "core/filelist.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/config.h"
#include "util/common.h"

#define ML_WALK_MAX_DEPTH 64

/* The paths' bytes, NUL-terminated one after the other: one allocation
 * per 64 KiB, not one per path with its header and rounding. */
#define CHUNK_BYTES 65536

struct ml_path_chunk {
	struct ml_path_chunk *next;
	size_t used, cap;
	char data[];
};

static int push(ml_file_list *l, const char *p)
{
	size_t n = strlen(p) + 1;
	struct ml_path_chunk *c = l->chunks;

	if (ml_grow((void **)&l->paths, &l->cap, l->n + 1, sizeof(char *)))
		return ML_ENOMEM;
	if (!c || c->cap - c->used < n) {
		size_t cap = n > CHUNK_BYTES - sizeof(*c)
				     ? n
				     : CHUNK_BYTES - sizeof(*c);
		if (!(c = malloc(sizeof(*c) + cap)))
			return ML_ENOMEM;
		c->next = l->chunks;
		c->used = 0;
		c->cap = cap;
		l->chunks = c;
	}
	l->paths[l->n++] = memcpy(c->data + c->used, p, n);
	c->used += n;
	return ML_OK;
}

char *ml_path_relative(const char *root, const char *path)
{
	char abs[PATH_MAX];
	size_t n = strlen(root);

	if (!realpath(path, abs))
		return NULL;
	if (strcmp(root, "/") == 0)
		return ml_strdup(abs + 1);
	if (strncmp(abs, root, n) != 0 || (abs[n] != '/' && abs[n] != '\0'))
		return NULL;
	return ml_strdup(abs[n] ? abs + n + 1 : "");
}

static int any_glob(char *const *globs, size_t n, const char *rel)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ml_glob_match(globs[i], rel))
			return 1;
	return 0;
}

const char *const ml_default_extensions[] = { "md", "markdown", "mdx" };
const size_t ml_default_nextensions = ML_ARRAY_LEN(ml_default_extensions);

/* Names people give Markdown files: one of them that is not an article
 * extension is worth a note when a walk passes it over. */
static const char *const markdown_family[] = {
	"md",	"markdown", "mdx",    "mdown", "mkd", "mkdn", "mkdown",
	"mdwn", "mdtxt",    "mdtext", "rmd",   "qmd", "mdoc", "livemd"
};

static int ends_with_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);

	return n > e + 1 && name[n - e - 1] == '.' && name[n - e - 2] != '/' &&
	       strcasecmp(name + n - e, ext) == 0;
}

int ml_ext_is_article(char *const *ext, size_t n, const char *name)
{
	size_t i;

	if (!ext || !n) {
		ext = (char *const *)ml_default_extensions;
		n = ml_default_nextensions;
	}
	for (i = 0; i < n; i++)
		if (ends_with_ext(name, ext[i]))
			return 1;
	return 0;
}

const char *ml_ext_of(const char *name)
{
	const char *dot = strrchr(name, '.'), *slash = strrchr(name, '/');
	size_t i;

	if (dot && (!slash || dot > slash + 1))
		for (i = 0; i < ML_ARRAY_LEN(markdown_family); i++)
			if (strcasecmp(dot + 1, markdown_family[i]) == 0)
				return dot;
	return ".md";
}

int ml_ext_list(char *const *ext, size_t n, ml_buf *out)
{
	size_t i;
	int rc = ML_OK;

	if (!ext || !n) {
		ext = (char *const *)ml_default_extensions;
		n = ml_default_nextensions;
	}
	for (i = 0; i < n && !rc; i++)
		rc = ml_buf_printf(out, "%s*.%s", i ? ", " : "", ext[i]);
	return rc;
}

static int is_markdown_family(const char *name)
{
	return ml_ext_is_article((char *const *)markdown_family,
				 ML_ARRAY_LEN(markdown_family), name);
}

/* A file passed over for its kind: counted, and the first one kept. */
static int skip_kind(ml_file_list *l, const char *path)
{
	l->skipped_kind++;
	if (l->skipped_example)
		return ML_OK;
	l->skipped_example = ml_strdup(path);
	return l->skipped_example ? ML_OK : ML_ENOMEM;
}

/* rel is the path relative to the root (NULL when outside it). The
 * config says once which files are articles: include and exclude apply
 * to every path, walked or named. */
static int wanted(const ml_select *sel, const char *rel, int walking_root)
{
	(void)walking_root;
	if (rel && sel->nexclude && any_glob(sel->exclude, sel->nexclude, rel))
		return 0;
	if (rel && sel->ninclude)
		return any_glob(sel->include, sel->ninclude, rel);
	return 1;
}

int ml_files_wanted(const ml_select *sel, const char *path)
{
	char *rel = sel->root ? ml_path_relative(sel->root, path) : NULL;
	int w = wanted(sel, rel, 0);

	free(rel);
	return w;
}

int ml_is_glob(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

/* A regular file met by a walk: an article when its extension is one and
 * the config wants it; else counted as skipped for its kind when it looks
 * like Markdown, or when an include glob names it (the user meant it). */
static int walk_file(ml_file_list *l, const char *path, const char *rel,
		     const char *name, const ml_select *sel)
{
	int article = ml_ext_is_article(sel->ext, sel->next, name);

	if (!wanted(sel, rel, 0))
		return ML_OK;
	if (article)
		return push(l, path);
	if ((rel && sel->ninclude) || is_markdown_family(name))
		return skip_kind(l, path);
	return ML_OK;
}

/* A folder that cannot be read, or one nested too deep, is an error with
 * its reason in err: skipping it would pass articles nobody checked. */
static int walk(ml_file_list *l, const char *dir, const char *rel,
		const ml_select *sel, int walking_root, int depth, ml_buf *err)
{
	DIR *d;
	struct dirent *e;
	ml_buf path = ML_BUF_INIT(ML_LIMIT_SHORT),
	       r = ML_BUF_INIT(ML_LIMIT_TEXT);
	int rc = ML_OK;

	if (depth > ML_WALK_MAX_DEPTH) {
		ml_buf_clear(err);
		ml_buf_printf(err, "%s: folders nested more than %d deep", dir,
			      ML_WALK_MAX_DEPTH);
		return ML_EIO;
	}
	if (!(d = opendir(dir))) {
		ml_buf_clear(err);
		ml_buf_printf(err, "%s: cannot read the folder: %s", dir,
			      strerror(errno));
		return ML_EIO;
	}
	while (!rc && (e = readdir(d))) {
		struct stat st;
		if (e->d_name[0] == '.' ||
		    strcmp(e->d_name, "node_modules") == 0)
			continue;
		ml_buf_clear(&path);
		ml_buf_clear(&r);
		ml_buf_printf(&path, "%s%s%s", dir,
			      dir[strlen(dir) - 1] == '/' ? "" : "/",
			      e->d_name);
		if (rel)
			ml_buf_printf(&r, "%s%s%s", rel, rel[0] ? "/" : "",
				      e->d_name);
		/* lstat: never follow a symlink out of the tree. */
		if (lstat(ml_buf_cstr(&path), &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode))
			rc = walk(l, ml_buf_cstr(&path),
				  rel ? ml_buf_cstr(&r) : NULL, sel,
				  walking_root, depth + 1, err);
		else if (S_ISREG(st.st_mode))
			rc = walk_file(l, ml_buf_cstr(&path),
				       rel ? ml_buf_cstr(&r) : NULL, e->d_name,
				       sel);
	}
	closedir(d);
	ml_buf_dispose(&path);
	ml_buf_dispose(&r);
	return rc;
}

/* Where path leads, symbolic links followed, whether or not its end
 * exists: realpath() of it, else of its folder with its name; a dangling
 * link's target the same way. 1 when a link was followed, 0 when not,
 * -1 when not even the folder resolves. */
static int resolve(const char *path, char out[PATH_MAX])
{
	char cur[PATH_MAX], link[PATH_MAX], dir[PATH_MAX];
	const char *slash, *base;
	int hops, followed = 0;
	struct stat st;
	ssize_t n;

	if (snprintf(cur, sizeof(cur), "%s", path) >= (int)sizeof(cur))
		return -1;
	for (hops = 0; hops < 40; hops++) {
		if (realpath(cur, out))
			return followed;
		if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
			break;
		n = readlink(cur, link, sizeof(link) - 1);
		if (n < 0)
			return -1;
		link[n] = '\0';
		followed = 1;
		slash = strrchr(cur, '/');
		if (link[0] == '/' || !slash) {
			memcpy(cur, link, (size_t)n + 1);
		} else {
			size_t k = (size_t)(slash - cur) + 1;
			if (k + (size_t)n >= sizeof(cur))
				return -1;
			memcpy(cur + k, link, (size_t)n + 1);
		}
	}
	slash = strrchr(cur, '/');
	if (!slash)
		(void)snprintf(dir, sizeof(dir), ".");
	else
		(void)snprintf(dir, sizeof(dir), "%.*s",
			       slash == cur ? 1 : (int)(slash - cur), cur);
	if (!realpath(dir, out)) {
		out[0] = '\0';
		return followed ? 1 : -1;
	}
	base = slash ? slash + 1 : cur;
	if (strlen(out) + strlen(base) + 2 > PATH_MAX)
		return -1;
	if (strcmp(out, "/") != 0)
		strncat(out, "/", PATH_MAX - strlen(out) - 1);
	strncat(out, base, PATH_MAX - strlen(out) - 1);
	return followed;
}

int ml_files_outside(const ml_select *sel, const char *path)
{
	char abs[PATH_MAX];
	size_t n;
	int r;

	if (!sel->root || strcmp(sel->root, "/") == 0)
		return 0;
	r = resolve(path, abs);
	if (r < 0)
		return 0; /* plainly missing: the caller says so */
	if (r > 0 && !abs[0])
		return 1; /* a link into a folder that does not exist */
	n = strlen(sel->root);
	return !(strncmp(abs, sel->root, n) == 0 &&
		 (abs[n] == '/' || abs[n] == '\0'));
}

int ml_files_add(ml_file_list *l, const char *path, const ml_select *sel,
		 ml_buf *err)
{
	struct stat st;
	char *rel;
	int rc;

	if (stat(path, &st) != 0) {
		ml_buf_printf(err, "%s: %s", path, strerror(errno));
		return ML_EIO;
	}
	if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) {
		/* A FIFO would block the read; a device is no article. */
		ml_buf_printf(err, "%s: not a regular file", path);
		return ML_EIO;
	}
	rel = sel->root ? ml_path_relative(sel->root, path) : NULL;
	if (S_ISDIR(st.st_mode))
		rc = walk(l, path, rel, sel, 0, 0, err);
	else
		rc = wanted(sel, rel, 0) ? push(l, path) : ML_OK;
	free(rel);
	return rc;
}

/* How to write `root` from the current folder: "." when they are the
 * same, "../.." when the root is above, else the absolute path. Reports
 * then show paths the way the user would type them. */
static char *root_from_cwd(const char *root)
{
	char cwd[PATH_MAX];
	ml_buf b = ML_BUF_INIT(ML_LIMIT_TEXT);
	size_t n = strlen(root);
	const char *p;

	if (!getcwd(cwd, sizeof(cwd)))
		return ml_strdup(root);
	if (strcmp(cwd, root) == 0)
		return ml_strdup(".");
	if (strncmp(cwd, root, n) == 0 && (cwd[n] == '/' || n == 1)) {
		for (p = cwd + (n == 1 ? 0 : n); *p; p++)
			if (*p == '/')
				ml_buf_puts(&b, b.len ? "/.." : "..");
		return ml_buf_detach(&b);
	}
	if (strncmp(root, cwd, strlen(cwd)) == 0 && root[strlen(cwd)] == '/')
		return ml_strdup(root + strlen(cwd) + 1);
	return ml_strdup(root);
}

int ml_files_add_root(ml_file_list *l, const ml_select *sel, ml_buf *err)
{
	char *dir = root_from_cwd(sel->root), *ex;
	size_t first = l->n, i;
	int rc;

	if (!dir)
		return ML_ENOMEM;
	rc = walk(l, dir, "", sel, 1, 0, err);
	/* "./a.md" reads better as "a.md". */
	for (i = first; i < l->n && strcmp(dir, ".") == 0; i++)
		memmove(l->paths[i], l->paths[i] + 2,
			strlen(l->paths[i] + 2) + 1);
	ex = l->skipped_example;
	if (ex && strcmp(dir, ".") == 0 && ex[0] == '.' && ex[1] == '/')
		memmove(ex, ex + 2, strlen(ex + 2) + 1);
	free(dir);
	return rc;
}

/* A quoted glob from the command line (a double star spans folders): the folder
 * before its first wildcard segment is walked with the pattern as its
 * include, and each article found (and taken by the config's
 * include/exclude) is added; a file the pattern names that is not of an
 * article's kind is counted as skipped. */
int ml_files_add_glob(ml_file_list *l, const char *pattern,
		      const ml_select *sel, ml_buf *err)
{
	ml_file_list all;
	ml_select walk_sel;
	ml_buf base = ML_BUF_INIT(ML_LIMIT_SHORT);
	const char *p = pattern, *seg, *wild;
	char *pat[1];
	size_t i;
	int rc;

	while (p[0] == '.' && p[1] == '/')
		p += 2;
	wild = strpbrk(p, "*?[");
	for (seg = p; wild && strchr(seg, '/') && strchr(seg, '/') < wild;)
		seg = strchr(seg, '/') + 1;
	if (ml_buf_put(&base, p, (size_t)(seg - p)))
		return ML_ENOMEM;
	if (base.len > 1 && base.ptr[base.len - 1] == '/')
		base.ptr[--base.len] = '\0';
	memset(&all, 0, sizeof(all));
	memset(&walk_sel, 0, sizeof(walk_sel));
	pat[0] = (char *)p;
	walk_sel.include = pat;
	walk_sel.ninclude = 1;
	walk_sel.ext = sel->ext;
	walk_sel.next = sel->next;
	/* rel spells each path as the pattern does: "base/name" */
	rc = walk(&all, base.len ? ml_buf_cstr(&base) : ".", ml_buf_cstr(&base),
		  &walk_sel, 0, 0, err);
	for (i = 0; i < all.n && !rc; i++) {
		const char *c = all.paths[i];
		if (!base.len && c[0] == '.' && c[1] == '/')
			c += 2;
		if (ml_glob_match(p, c) && ml_files_wanted(sel, c) &&
		    !ml_files_outside(sel, c))
			rc = push(l, c);
	}
	if (!rc && all.skipped_kind) {
		rc = skip_kind(l, all.skipped_example);
		l->skipped_kind += all.skipped_kind - 1;
	}
	ml_files_dispose(&all);
	ml_buf_dispose(&base);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void ml_files_finish(ml_file_list *l)
{
	size_t i, k = 0;

	if (l->n == 0)
		return;
	qsort(l->paths, l->n, sizeof(char *), cmp_str);
	for (i = 0; i < l->n; i++) {
		if (k == 0 || strcmp(l->paths[k - 1], l->paths[i]) != 0)
			l->paths[k++] = l->paths[i];
	}
	l->n = k;
}

void ml_files_dispose(ml_file_list *l)
{
	struct ml_path_chunk *c, *next;

	for (c = l->chunks; c; c = next) {
		next = c->next;
		free(c);
	}
	l->chunks = NULL;
	free(l->paths);
	free(l->skipped_example);
	memset(l, 0, sizeof(*l));
}

/* What a named path adds to the content root: the deepest folder reached
 * along it without following a symbolic link, resolved, into out. A link
 * (to a file or to a folder, whatever it is named) adds the folder it
 * sits in, never where it points, so that ml_files_outside then refuses
 * it when it lands outside. Relative paths, and absolute ones under the
 * current folder (as CI passes them), are walked from the current
 * folder; another absolute one from its parent folder, resolved (system
 * links such as /var -> /private/var stay followed). -1 when no folder
 * of it resolves. */
static int named_folder(const char *path, char *out)
{
	char cur[PATH_MAX], next[PATH_MAX], dir[PATH_MAX];
	const char *p = path, *e, *slash;
	struct stat st;
	size_t n = strlen(path), k;

	while (n > 1 && path[n - 1] == '/')
		n--;
	if (!realpath(".", cur))
		return -1;
	k = strlen(cur);
	if (path[0] == '/' && strncmp(path, cur, k) == 0 &&
	    (path[k] == '/' || path[k] == '\0') && k > 1) {
		p = path + k; /* under the current folder: walked from it */
	} else if (path[0] == '/') {
		(void)snprintf(dir, sizeof(dir), "%.*s", (int)n, path);
		slash = strrchr(dir, '/');
		p = path + (slash - dir) + 1;
		dir[slash == dir ? 1 : slash - dir] = '\0';
		if (!realpath(dir, cur))
			return -1;
	}
	for (; p < path + n; p = e) {
		while (p < path + n && *p == '/')
			p++;
		e = memchr(p, '/', (size_t)(path + n - p));
		e = e ? e : path + n;
		if (e - p == 1 && p[0] == '.')
			continue;
		if (e - p == 2 && p[0] == '.' && p[1] == '.') {
			slash = strrchr(cur, '/');
			cur[slash == cur ? 1 : slash - cur] = '\0';
			continue;
		}
		if (e == p ||
		    snprintf(next, sizeof(next), "%s/%.*s",
			     strcmp(cur, "/") ? cur : "", (int)(e - p),
			     p) >= (int)sizeof(next) ||
		    lstat(next, &st) != 0 || !S_ISDIR(st.st_mode))
			break; /* a link, a file or nothing: its folder */
		memcpy(cur, next, strlen(next) + 1);
	}
	memcpy(out, cur, strlen(cur) + 1);
	return 0;
}

char *ml_common_root(const char *const *paths, size_t n)
{
	char abs[PATH_MAX], *common = NULL;
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (named_folder(paths[i], abs))
			continue;
		if (!common) {
			common = ml_strdup(abs);
			continue;
		}
		/* Longest common prefix ending at a path boundary. */
		for (k = 0; common[k] && common[k] == abs[k]; k++)
			;
		if (!(common[k] == '\0' && (abs[k] == '/' || abs[k] == '\0'))) {
			while (k > 0 && common[k] != '/')
				k--;
			common[k > 0 ? k : 1] = '\0';
		}
	}
	return common ? common : ml_strdup("/");
}

/* FNV-1a: tiny, stable, good enough spread for path slicing. */
static uint64_t fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

void ml_files_shard(ml_file_list *l, const char *root, unsigned k, unsigned n)
{
	size_t i, keep = 0;

	for (i = 0; i < l->n; i++) {
		char *rel = ml_path_relative(root, l->paths[i]);
		uint64_t h = fnv1a(rel ? rel : l->paths[i]);
		free(rel);
		if (h % n == k - 1)
			l->paths[keep++] = l->paths[i];
	}
	l->n = keep;
}
