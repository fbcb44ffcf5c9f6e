/* replay.c - run the fuzz target over files (the seed corpus) without
 * libFuzzer, so every build replays it under ctest. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long len;
	size_t got;

	if (!f) {
		fprintf(stderr, "replay: cannot open %s\n", path);
		return 1;
	}
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(len > 0 ? (size_t)len : 1);
	got = buf ? fread(buf, 1, (size_t)(len > 0 ? len : 0), f) : 0;
	fclose(f);
	if (!buf || got != (size_t)(len > 0 ? len : 0)) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		free(buf);
		return 1;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)buf, got);
	free(buf);
	return 0;
}

/* A folder replays every regular file in it (the seed corpus). */
static int replay(const char *path, int *count)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char child[4096];
	int bad = 0;

	if (stat(path, &st) != 0) {
		fprintf(stderr, "replay: %s not found\n", path);
		return 1;
	}
	if (!S_ISDIR(st.st_mode)) {
		(*count)++;
		return replay_file(path);
	}
	if (!(d = opendir(path)))
		return 1;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(child, sizeof(child), "%s/%s", path, e->d_name);
		bad |= replay(child, count);
	}
	closedir(d);
	return bad;
}

int main(int argc, char **argv)
{
	int i, n = 0, bad = 0;

	for (i = 1; i < argc; i++)
		bad |= replay(argv[i], &n);
	printf("replay: %d inputs, %s\n", n, bad ? "errors" : "no crash");
	return bad || n == 0;
}
