/* scratch.h - one scratch file per fuzzing process, for targets whose
 * parser reads a path (the config and link-cache loaders): the input is
 * written over it before each run. */
#ifndef ML_FUZZ_SCRATCH_H
#define ML_FUZZ_SCRATCH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char scratch_path[4096];

static void scratch_remove(void)
{
	unlink(scratch_path);
}

/* The path of a file in $TMPDIR (or /tmp) that now holds data[0..size);
 * removed when the process exits. Aborts when it cannot be written. */
static const char *scratch_write(const char *stem, const uint8_t *data,
				 size_t size)
{
	char *path = scratch_path;
	static int fd = -1;

	if (fd < 0) {
		const char *tmp = getenv("TMPDIR");

		snprintf(path, sizeof(scratch_path), "%s/%s-XXXXXX",
			 tmp && *tmp ? tmp : "/tmp", stem);
		if ((fd = mkstemp(path)) < 0) {
			perror(path);
			abort();
		}
		/* Linked until exit; the loaders open it by name. */
		atexit(scratch_remove);
	}
	if (ftruncate(fd, 0) ||
	    (size && pwrite(fd, data, size, 0) != (ssize_t)size)) {
		perror(path);
		abort();
	}
	return path;
}

#endif
