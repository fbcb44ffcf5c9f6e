/* util/trust.c - paths a repository names confined to it, and the check
 * that a file is a cache before it is replaced (util/trust.h). */
#include "util/trust.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/common.h"

static int inside(const char *root, const char *real)
{
	size_t n = strlen(root);

	if (strcmp(root, "/") == 0)
		return 1;
	return strncmp(real, root, n) == 0 &&
	       (real[n] == '\0' || real[n] == '/');
}

static int refuse(ml_buf *why, const char *reason)
{
	(void)ml_buf_puts(why, reason);
	return 0;
}

/* rest (from a '/') is the part of a path that does not exist yet, and
 * head (length cut) the folder it would go in: its first component is no
 * dangling link or file, and none of its components is "..". */
static int rest_ok(const char *head, const char *rest, ml_buf *why)
{
	char first[PATH_MAX];
	const char *p = rest;
	size_t n;
	struct stat st;

	while (*p == '/')
		p++;
	n = strcspn(p, "/");
	if ((size_t)snprintf(first, sizeof(first), "%s/%.*s", head, (int)n,
			     p) >= sizeof(first))
		return refuse(why, "the path is too long");
	if (lstat(first, &st) == 0)
		return refuse(why, "a part of it is a dangling link or not a "
				   "folder");
	while (*p) {
		n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return refuse(why, "\"..\" follows a folder that does "
					   "not exist");
		p += n;
		while (*p == '/')
			p++;
	}
	return 1;
}

int ml_path_within(const char *root, const char *path, ml_buf *why)
{
	char r[PATH_MAX], head[PATH_MAX], real[PATH_MAX];
	size_t len = strlen(path), cut = len;

	if (path[0] != '/' || len >= sizeof(head) || !realpath(root, r))
		return refuse(why, "the path does not resolve");
	memcpy(head, path, len + 1);
	/* the deepest part that exists, every link in it resolved */
	while (!realpath(cut ? head : "/", real)) {
		if (errno != ENOENT && errno != ENOTDIR)
			return refuse(why, strerror(errno));
		cut = (size_t)(strrchr(head, '/') - head);
		head[cut] = '\0';
	}
	if (!inside(r, real)) {
		(void)ml_buf_printf(why, "it leads outside %s", r);
		return 0;
	}
	return cut == len || rest_ok(real, path + cut, why);
}

int ml_repo_root(const char *dir, char *out, size_t n)
{
	char cur[PATH_MAX], git[PATH_MAX + 8];
	struct stat st;
	size_t cut;

	if (!realpath(dir, cur))
		return ML_EIO;
	for (cut = strlen(cur);;) {
		(void)snprintf(git, sizeof(git), "%s/.git", cut > 1 ? cur : "");
		if (lstat(git, &st) == 0)
			break;
		if (cut <= 1) { /* at / without a .git: the folder itself */
			if (!realpath(dir, cur))
				return ML_EIO;
			break;
		}
		cut = (size_t)(strrchr(cur, '/') - cur);
		if (cut == 0)
			cut = 1;
		cur[cut] = '\0';
	}
	if (strlen(cur) >= n)
		return ML_ELIMIT;
	memcpy(out, cur, strlen(cur) + 1);
	return ML_OK;
}

int ml_cache_open(const char *path, long long max, const char **why)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);

	*why = NULL;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		*why = "not a regular file";
	else if ((long long)st.st_size > max)
		*why = "too large for a cache";
	if (*why) {
		close(fd);
		return -1;
	}
	return fd;
}

int ml_cache_replaceable(const char *path, const char *header,
			 ml_cache_line_fn legacy, ml_buf *why)
{
	char first[512];
	const char *reason;
	struct stat st;
	ssize_t n;
	size_t len;
	int fd;

	if (lstat(path, &st) != 0)
		return 1; /* nothing there (or unreachable: writing says so) */
	if (!S_ISREG(st.st_mode))
		return refuse(why, "not a regular file");
	fd = ml_cache_open(path, (long long)1 << 62, &reason);
	if (fd < 0)
		return refuse(why, reason ? reason : strerror(errno));
	n = read(fd, first, sizeof(first) - 1);
	close(fd);
	if (n < 0)
		return refuse(why, strerror(errno));
	first[n] = '\0';
	len = strcspn(first, "\n");
	if (n == 0 ||
	    (len == strlen(header) && memcmp(first, header, len) == 0) ||
	    (legacy && len < (size_t)n && legacy(first, len)))
		return 1;
	(void)ml_buf_printf(why,
			    "not a medlint cache (its first line is not "
			    "\"%s\")",
			    header);
	return 0;
}

int ml_cache_save(const char *path, const char *what, const char *header,
		  ml_cache_line_fn legacy, ml_fill_fn fill, void *ctx,
		  ml_buf *warn)
{
	ml_buf why = ML_BUF_INIT(ML_LIMIT_SHORT);
	int rc, err = 0;

	if (!ml_cache_replaceable(path, header, legacy, &why)) {
		if (warn) /* never an article */
			ml_buf_printf(warn, "%s %s: %s; not written\n", what,
				      path, ml_buf_cstr(&why));
		ml_buf_dispose(&why);
		return ML_EIO;
	}
	ml_buf_dispose(&why);
	/* never a file in the place of a device, a FIFO or a link */
	rc = ml_replace_file(path, fill, ctx, &err);
	if (rc == ML_EINVAL && warn)
		ml_buf_printf(warn, "%s %s: not a regular file; not written\n",
			      what, path);
	else if (rc == ML_EIO && warn)
		ml_buf_printf(warn, "%s %s: cannot write: %s\n", what, path,
			      strerror(err));
	return rc == ML_EINVAL ? ML_EIO : rc;
}
