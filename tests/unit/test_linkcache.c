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
	assert_string_equal(text, "# medlint link cache (--links all)\n"
				  "https://a.test/\t204\t1799999995\n"
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

static void expect_skipped(const char *path, const char *text)
{
	ml_linkcache c;
	ml_buf warn = ML_BUF_INIT(ML_LIMIT_TEXT);

	write_file(path, text);
	ml_linkcache_init(&c);
	assert_int_equal(ml_linkcache_load(&c, path, 7 * DAY, NOW, &warn),
			 ML_OK);
	assert_int_equal(c.len, 0);
	assert_non_null(
		strstr(ml_buf_cstr(&warn), "skipped (the first: line 1)"));
	ml_linkcache_dispose(&c);
	ml_buf_dispose(&warn);
}

static void test_damaged_lines_are_skipped(void **state)
{
	fixture *f = *state;
	char good[256], *cut;
	size_t len, first;

	snprintf(
		good, sizeof(good),
		"https://a.test/\t200\t%lld\nhttps://b.test/long/path\t200\t%lld\n",
		NOW, NOW);
	/* cut short at every length: never a crash, never half an entry;
	 * the whole first line stays */
	first = (size_t)(strchr(good, '\n') - good) + 1;
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
			assert_true(warn.len > 0 &&
				    c.len == (len > first ? 1u : 0u));
		assert_int_equal(
			ml_linkcache_get(&c, "https://b.test/long", NULL), 0);
		ml_linkcache_dispose(&c);
		ml_buf_dispose(&warn);
		free(cut);
	}
	expect_skipped(f->path, "https://a.test/\t200\n");
	expect_skipped(f->path, "https://a.test/\tok\t1800000000\n");
	expect_skipped(f->path, "https://a.test/\t200\t18000x0000\n");
	expect_skipped(f->path, "https://a test/\t200\t1800000000\n");
	expect_skipped(f->path, "\t200\t1800000000\n");
	expect_skipped(f->path, "\x7f\x45\x4c\x46\x02\x01\x01\x00\n\x00\x01");
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
	assert_string_equal(text, "# medlint link cache (--links all)\n"
				  "https://new.test/\t200\t1800000000\n");
	free(text);
	assert_int_equal(stat(f->path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	assert_int_equal(count_files(f->dir), 1); /* no temp file left */

	/* The target cannot be replaced (it is a directory): an error with a
	 * warning, and no temporary file left behind. */
	snprintf(bad, sizeof(bad), "%s/sub", f->dir);
	assert_int_equal(mkdir(bad, 0755), 0);
	assert_int_equal(ml_linkcache_save(&c, bad, &warn), ML_EIO);
	assert_non_null(strstr(ml_buf_cstr(&warn), "not a regular file"));
	assert_int_equal(count_files(f->dir), 2);
	/* A directory that does not exist. */
	snprintf(bad, sizeof(bad), "%s/none/links.tsv", f->dir);
	assert_int_equal(ml_linkcache_save(&c, bad, &warn), ML_EIO);
	ml_linkcache_dispose(&c);
	ml_buf_dispose(&warn);
}

/* A decoded #fragment with a tab or a line end cannot forge an entry nor
 * spoil the file; a bad line costs only itself. */
static void test_keys_escaped(void **state)
{
	fixture *f = *state;
	ml_linkcache c;
	ml_buf warn = ML_BUF_INIT(ML_LIMIT_TEXT);
	char text[512], *got;

	ml_linkcache_init(&c);
	assert_int_equal(
		ml_linkcache_put(&c,
				 "https://a.test/#x\nhttps://evil.test/\t200\t"
				 "1800000000",
				 200, NOW),
		ML_OK);
	assert_int_equal(ml_linkcache_put(&c, "https://a.test/#\t", 200, NOW),
			 ML_OK);
	assert_int_equal(ml_linkcache_put(&c, "https://a.test/#a b", 200, NOW),
			 ML_OK);
	assert_int_equal(ml_linkcache_save(&c, f->path, &warn), ML_OK);
	ml_linkcache_dispose(&c);
	got = read_file(f->path);
	assert_string_equal(got,
			    "# medlint link cache (--links all)\n"
			    "https://a.test/#%09\t200\t1800000000\n"
			    "https://a.test/#a%20b\t200\t1800000000\n"
			    "https://a.test/#x%0Ahttps://evil.test/%09200%09"
			    "1800000000\t200\t1800000000\n");
	free(got);
	ml_linkcache_init(&c);
	assert_int_equal(ml_linkcache_load(&c, f->path, 7 * DAY, NOW, &warn),
			 ML_OK);
	assert_int_equal(warn.len, 0);
	assert_int_equal(ml_linkcache_get(&c, "https://evil.test/", NULL), 0);
	assert_int_equal(ml_linkcache_get(&c, "https://a.test/#\t", NULL), 200);
	assert_int_equal(ml_linkcache_get(&c, "https://a.test/#a b", NULL),
			 200);
	ml_linkcache_dispose(&c);
	/* A bad line between good ones: the good ones stay. */
	snprintf(text, sizeof(text),
		 "https://one.test/\t200\t%lld\n\t\t\n"
		 "https://two.test/\t200\t%lld\n",
		 NOW, NOW);
	write_file(f->path, text);
	ml_linkcache_init(&c);
	assert_int_equal(ml_linkcache_load(&c, f->path, 7 * DAY, NOW, &warn),
			 ML_OK);
	assert_int_equal(ml_linkcache_get(&c, "https://one.test/", NULL), 200);
	assert_int_equal(ml_linkcache_get(&c, "https://two.test/", NULL), 200);
	assert_non_null(strstr(ml_buf_cstr(&warn), "1 malformed"));
	ml_linkcache_dispose(&c);
	ml_buf_dispose(&warn);
}

/* What passed with --allow-private is not trusted without it. */
static void test_private_entries(void **state)
{
	fixture *f = *state;
	ml_linkcache c;
	ml_buf warn = ML_BUF_INIT(ML_LIMIT_TEXT);
	char *got;

	ml_linkcache_init(&c);
	c.allow_private = 1;
	assert_int_equal(ml_linkcache_put(&c, "http://127.0.0.1/", 200, NOW),
			 ML_OK);
	assert_int_equal(ml_linkcache_save(&c, f->path, &warn), ML_OK);
	ml_linkcache_dispose(&c);
	got = read_file(f->path);
	assert_string_equal(got,
			    "# medlint link cache (--links all)\n"
			    "http://127.0.0.1/\t200\t1800000000\tprivate\n");
	free(got);
	ml_linkcache_init(&c);
	assert_int_equal(ml_linkcache_load(&c, f->path, 7 * DAY, NOW, &warn),
			 ML_OK);
	assert_int_equal(ml_linkcache_get(&c, "http://127.0.0.1/", NULL), 0);
	ml_linkcache_dispose(&c);
	ml_linkcache_init(&c);
	c.allow_private = 1;
	assert_int_equal(ml_linkcache_load(&c, f->path, 7 * DAY, NOW, &warn),
			 ML_OK);
	assert_int_equal(ml_linkcache_get(&c, "http://127.0.0.1/", NULL), 200);
	assert_int_equal(warn.len, 0);
	ml_linkcache_dispose(&c);
	ml_buf_dispose(&warn);
}

/* At most ML_CACHE_MAX_ENTRIES are saved: the oldest go. */
static void test_size_cap(void **state)
{
	fixture *f = *state;
	ml_linkcache c;
	ml_buf warn = ML_BUF_INIT(ML_LIMIT_TEXT);
	char url[64];
	size_t i, n = ML_CACHE_MAX_ENTRIES + 10;

	ml_linkcache_init(&c);
	for (i = 0; i < n; i++) {
		snprintf(url, sizeof(url), "https://x.test/%zu", i);
		assert_int_equal(ml_linkcache_put(&c, url, 200,
						  NOW - (long long)(n - i)),
				 ML_OK);
	}
	assert_int_equal(ml_linkcache_save(&c, f->path, &warn), ML_OK);
	ml_linkcache_dispose(&c);
	ml_linkcache_init(&c);
	assert_int_equal(ml_linkcache_load(&c, f->path, 7 * DAY, NOW, &warn),
			 ML_OK);
	assert_int_equal(c.len, ML_CACHE_MAX_ENTRIES);
	assert_int_equal(ml_linkcache_get(&c, "https://x.test/9", NULL), 0);
	assert_int_equal(ml_linkcache_get(&c, "https://x.test/10", NULL), 200);
	ml_linkcache_dispose(&c);
	ml_buf_dispose(&warn);
}

/* A FIFO or a symbolic link given as the cache is neither read (no hang)
 * nor replaced. */
static void test_not_regular(void **state)
{
	fixture *f = *state;
	ml_linkcache c;
	ml_buf warn = ML_BUF_INIT(ML_LIMIT_TEXT);
	char fifo[160], link[160];
	struct stat st;

	snprintf(fifo, sizeof(fifo), "%s/fifo", f->dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	ml_linkcache_init(&c);
	assert_int_equal(ml_linkcache_load(&c, fifo, 7 * DAY, NOW, &warn),
			 ML_OK);
	assert_non_null(strstr(ml_buf_cstr(&warn), "not a regular file"));
	assert_int_equal(ml_linkcache_put(&c, "https://a.test/", 200, NOW),
			 ML_OK);
	assert_int_equal(ml_linkcache_save(&c, fifo, &warn), ML_EIO);
	assert_int_equal(lstat(fifo, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	ml_linkcache_dispose(&c);
	snprintf(link, sizeof(link), "%s/link", f->dir);
	assert_int_equal(symlink("/nonexistent/medlint-cache", link), 0);
	ml_linkcache_init(&c);
	assert_int_equal(ml_linkcache_put(&c, "https://a.test/", 200, NOW),
			 ML_OK);
	assert_int_equal(ml_linkcache_save(&c, link, &warn), ML_EIO);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	unlink(fifo);
	unlink(link);
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
		cmocka_unit_test_setup_teardown(test_damaged_lines_are_skipped,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_atomic_save, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_keys_escaped, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_private_entries, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_size_cap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_regular, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
