/* Unit tests for the link cache file: round trip, TTL, what is stored,
 * damaged files, atomic replacement. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/common.h"
#include "links/cache.h"

#define NOW 1800000000LL
#define DAY 86400L

typedef struct {
	char dir[64];
	char path[128];
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/ml_cache_XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/links.tsv", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	char cmd[160];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
}

static char *read_file(const char *path)
{
	ml_buf b = ML_BUF_INIT(ML_LIMIT_TEXT);
	char chunk[512];
	size_t n;
	FILE *fp = fopen(path, "r");

	assert_non_null(fp);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		assert_int_equal(ml_buf_put(&b, chunk, n), ML_OK);
	fclose(fp);
	return ml_buf_detach(&b);
}

static size_t count_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t n = 0;

	assert_non_null(d);
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static void test_round_trip(void **state)
{
	fixture *f = *state;
	ml_linkcache c;
	ml_buf warn = ML_BUF_INIT(ML_LIMIT_TEXT);
	long long t = 0;
	char *text;

	ml_linkcache_init(&c);
	assert_int_equal(ml_linkcache_put(&c, "https://b.test/x", 200, NOW),
			 ML_OK);
	assert_int_equal(ml_linkcache_put(&c, "https://a.test/", 204, NOW - 5),
			 ML_OK);
	assert_int_equal(ml_linkcache_save(&c, f->path, &warn), ML_OK);
	ml_linkcache_dispose(&c);

	text = read_file(f->path);
	assert_string_equal(text, "https://a.test/\t204\t1799999995\n"
				  "https://b.test/x\t200\t1800000000\n");
	free(text);

	ml_linkcache_init(&c);
	assert_int_equal(ml_linkcache_load(&c, f->path, 7 * DAY, NOW, &warn),
			 ML_OK);
	assert_int_equal(warn.len, 0);
	assert_int_equal(ml_linkcache_get(&c, "https://b.test/x", &t), 200);
	assert_int_equal(t, NOW);
	assert_int_equal(ml_linkcache_get(&c, "https://a.test/", NULL), 204);
	assert_int_equal(ml_linkcache_get(&c, "https://c.test/", NULL), 0);
	ml_linkcache_dispose(&c);
	ml_buf_dispose(&warn);
}

static void test_missing_file_is_empty(void **state)
{
	fixture *f = *state;
	ml_linkcache c;
	ml_buf warn = ML_BUF_INIT(ML_LIMIT_TEXT);

	ml_linkcache_init(&c);
	assert_int_equal(ml_linkcache_load(&c, f->path, DAY, NOW, &warn),
			 ML_OK);
	assert_int_equal(c.len, 0);
	assert_int_equal(warn.len, 0);
	ml_linkcache_dispose(&c);
}

static void test_ttl_expiry(void **state)
{
	fixture *f = *state;
	ml_linkcache c;
	ml_buf warn = ML_BUF_INIT(ML_LIMIT_TEXT);
	char text[512];

	snprintf(text, sizeof(text),
		 "https://old.test/\t200\t%lld\n"
		 "https://fresh.test/\t200\t%lld\n"
		 "https://future.test/\t200\t%lld\n",
		 NOW - 8 * DAY, NOW - 6 * DAY, NOW + 30 * DAY);
	write_file(f->path, text);
	ml_linkcache_init(&c);
	assert_int_equal(ml_linkcache_load(&c, f->path, 7 * DAY, NOW, &warn),
			 ML_OK);
	assert_int_equal(warn.len, 0);
	assert_int_equal(ml_linkcache_get(&c, "https://old.test/", NULL), 0);
	assert_int_equal(ml_linkcache_get(&c, "https://fresh.test/", NULL),
			 200);
	assert_int_equal(ml_linkcache_get(&c, "https://future.test/", NULL), 0);
	ml_linkcache_dispose(&c);
}

static void test_errors_not_stored(void **state)
{
	ml_linkcache c;
	static const int bad[] = { 0, 301, 404, 408, 429, 500, 503, 999 };
	size_t i;

	(void)state;
	ml_linkcache_init(&c);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_false(ml_linkcache_storable(bad[i]));
		assert_int_equal(ml_linkcache_put(&c, "https://x.test/", bad[i],
						  NOW),
				 ML_OK);
		assert_int_equal(ml_linkcache_get(&c, "https://x.test/", NULL),
				 0);
	}
	/* A URL that passed before and fails now is forgotten. */
	assert_int_equal(ml_linkcache_put(&c, "https://x.test/", 200, NOW),
			 ML_OK);
	assert_int_equal(ml_linkcache_get(&c, "https://x.test/", NULL), 200);
	assert_int_equal(ml_linkcache_put(&c, "https://x.test/", 404, NOW),
			 ML_OK);
	assert_int_equal(ml_linkcache_get(&c, "https://x.test/", NULL), 0);
	ml_linkcache_dispose(&c);
}

static void expect_ignored(const char *path, const char *text)
{
	ml_linkcache c;
	ml_buf warn = ML_BUF_INIT(ML_LIMIT_TEXT);

	write_file(path, text);
	ml_linkcache_init(&c);
	assert_int_equal(ml_linkcache_load(&c, path, 7 * DAY, NOW, &warn),
			 ML_OK);
	assert_int_equal(c.len, 0);
	assert_non_null(strstr(ml_buf_cstr(&warn), "ignoring the cache"));
	ml_linkcache_dispose(&c);
	ml_buf_dispose(&warn);
}

static void test_damaged_files_are_ignored(void **state)
{
	fixture *f = *state;
	char good[256], *cut;
	size_t len;

	snprintf(
		good, sizeof(good),
		"https://a.test/\t200\t%lld\nhttps://b.test/long/path\t200\t%lld\n",
		NOW, NOW);
	/* cut short at every length: never a crash, never half an entry */
	len = strlen(good);
	for (; len > 0; len--) {
		ml_linkcache c;
		ml_buf warn = ML_BUF_INIT(ML_LIMIT_TEXT);
		cut = strndup(good, len);
		write_file(f->path, cut);
		ml_linkcache_init(&c);
		assert_int_equal(ml_linkcache_load(&c, f->path, 7 * DAY, NOW,
						   &warn),
				 ML_OK);
		if (cut[len - 1] == '\n') /* whole lines: a shorter file */
			assert_int_equal(warn.len, 0);
		else
			assert_true(warn.len > 0 && c.len == 0);
		assert_int_equal(
			ml_linkcache_get(&c, "https://b.test/long", NULL), 0);
		ml_linkcache_dispose(&c);
		ml_buf_dispose(&warn);
		free(cut);
	}
	expect_ignored(f->path, "https://a.test/\t200\n");
	expect_ignored(f->path, "https://a.test/\tok\t1800000000\n");
	expect_ignored(f->path, "https://a.test/\t200\t18000x0000\n");
	expect_ignored(f->path, "https://a test/\t200\t1800000000\n");
	expect_ignored(f->path, "\t200\t1800000000\n");
	expect_ignored(f->path, "\x7f\x45\x4c\x46\x02\x01\x01\x00\n\x00\x01");
}

static void test_atomic_save(void **state)
{
	fixture *f = *state;
	ml_linkcache c;
	ml_buf warn = ML_BUF_INIT(ML_LIMIT_TEXT);
	char bad[160], *text;
	struct stat st;

	ml_linkcache_init(&c);
	write_file(f->path, "https://old.test/\t200\t1800000000\n");
	assert_int_equal(ml_linkcache_put(&c, "https://new.test/", 200, NOW),
			 ML_OK);
	assert_int_equal(ml_linkcache_save(&c, f->path, &warn), ML_OK);
	text = read_file(f->path);
	assert_string_equal(text, "https://new.test/\t200\t1800000000\n");
	free(text);
	assert_int_equal(stat(f->path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	assert_int_equal(count_files(f->dir), 1); /* no temp file left */

	/* The target cannot be replaced (it is a directory): an error with a
	 * warning, and no temporary file left behind. */
	snprintf(bad, sizeof(bad), "%s/sub", f->dir);
	assert_int_equal(mkdir(bad, 0755), 0);
	assert_int_equal(ml_linkcache_save(&c, bad, &warn), ML_EIO);
	assert_non_null(strstr(ml_buf_cstr(&warn), "cannot write"));
	assert_int_equal(count_files(f->dir), 2);
	/* A directory that does not exist. */
	snprintf(bad, sizeof(bad), "%s/none/links.tsv", f->dir);
	assert_int_equal(ml_linkcache_save(&c, bad, &warn), ML_EIO);
	ml_linkcache_dispose(&c);
	ml_buf_dispose(&warn);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_missing_file_is_empty,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_ttl_expiry, setup,
						teardown),
		cmocka_unit_test(test_errors_not_stored),
		cmocka_unit_test_setup_teardown(test_damaged_files_are_ignored,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_atomic_save, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
