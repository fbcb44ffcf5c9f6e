/* util/atomic.c - replace a file whole or not at all (util/atomic.h). */
#include "util/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"

/* The rename is durable only once the folder holding it is synced. No
 * allocation here: the file is in place, nothing may fail it now. */
static void sync_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) : 0;
	char dir[PATH_MAX];
	int fd;

	if (n >= sizeof(dir))
		return;
	memcpy(dir, path, n);
	dir[n] = '\0';
	fd = open(!slash ? "." : n ? dir : "/", O_RDONLY);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

static int fill_temp(int fd, ml_fill_fn fill, void *ctx, int *err)
{
	FILE *f = fdopen(fd, "w");
	int rc;

	if (!f) {
		*err = errno;
		close(fd);
		return ML_EIO;
	}
	(void)fchmod(fd, 0644);
	rc = fill(ctx, f);
	if (rc == ML_EIO)
		*err = errno;
	if ((fflush(f) != 0 || fsync(fd) != 0) && !rc) {
		*err = errno;
		rc = ML_EIO;
	}
	if (fclose(f) != 0 && !rc) {
		*err = errno;
		rc = ML_EIO;
	}
	return rc;
}

int ml_replace_file(const char *path, ml_fill_fn fill, void *ctx, int *err)
{
	ml_buf tmp = ML_BUF_INIT(ML_LIMIT_TEXT);
	struct stat st;
	int fd, rc;

	*err = 0;
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return ML_EINVAL;
	rc = ml_buf_printf(&tmp, "%s.tmpXXXXXX", path);
	if (rc)
		return rc;
	fd = mkstemp(tmp.ptr);
	if (fd < 0) {
		*err = errno;
		rc = ML_EIO;
	} else {
		rc = fill_temp(fd, fill, ctx, err);
		if (rc == ML_OK && rename(tmp.ptr, path) != 0) {
			*err = errno;
			rc = ML_EIO;
		}
		if (rc)
			(void)unlink(tmp.ptr);
		else
			sync_dir(path);
	}
	ml_buf_dispose(&tmp);
	return rc;
}
