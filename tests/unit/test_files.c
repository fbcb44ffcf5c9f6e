/* Unit tests for the content index (a temporary tree with hidden
 * folders and symbolic links in and out of it), slug-filename and
 * related-term-missing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "article_fixture.h"
#include "core/content.h"
#include "rules/rules.h"

#if defined(__SANITIZE_ADDRESS__)
#define ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ASAN 1
#endif
#endif
#ifdef ASAN
/* the sanitizer runtime's (sanitizer/allocator_interface.h, not always
 * installed) */
size_t __sanitizer_get_current_allocated_bytes(void);
#endif

static char base[] = "/tmp/medlint-files-XXXXXX";
static char root[256], outside[256];

static void path(char *out, size_t n, const char *dir, const char *rel)
{
	snprintf(out, n, "%s/%s", dir, rel);
}

static void touch(const char *dir, const char *rel)
{
	char p[512];
	FILE *f;

	path(p, sizeof(p), dir, rel);
	f = fopen(p, "w");
	assert_non_null(f);
	fclose(f);
}

static void mkdir_in(const char *dir, const char *rel)
{
	char p[512];

	path(p, sizeof(p), dir, rel);
	assert_int_equal(mkdir(p, 0700), 0);
}

static void link_in(const char *target, const char *dir, const char *rel)
{
	char p[512];

	path(p, sizeof(p), dir, rel);
	assert_int_equal(symlink(target, p), 0);
}

static int setup(void **state)
{
	char t[512];

	(void)state;
	if (!mkdtemp(base))
		return -1;
	path(root, sizeof(root), base, "root");
	path(outside, sizeof(outside), base, "outside");
	mkdir(root, 0700);
	mkdir(outside, 0700);
	touch(outside, "secret.md");
	touch(root, "soleus.md");
	touch(root, "notes.txt");
	mkdir_in(root, "sub");
	touch(root, "sub/achilles-tendon.md");
	mkdir_in(root, ".git");
	touch(root, ".git/hidden.md");
	path(t, sizeof(t), root, "soleus.md");
	link_in(t, root, "sub/alias.md"); /* inside: counts */
	path(t, sizeof(t), outside, "secret.md");
	link_in(t, root, "escape.md");	  /* outside: no */
	link_in(outside, root, "outdir"); /* never followed */
	link_in("/nonexistent/x.md", root, "dangling.md");
	return 0;
}

static int teardown(void **state)
{
	char cmd[600];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", base);
	return system(cmd) == 0 ? 0 : -1;
}

static int has(const ml_content_index *x, const char *slug)
{
	return ml_content_index_has(x, slug, strlen(slug));
}

static void test_index_stays_inside_the_root(void **state)
{
	ml_content_index *x;

	(void)state;
	assert_int_equal(ml_content_index_build(root, &x), ML_OK);
	assert_true(has(x, "soleus"));
	assert_true(has(x, "achilles-tendon"));
	assert_true(has(x, "alias"));
	assert_false(has(x, "escape"));
	assert_false(has(x, "secret"));
	assert_false(has(x, "hidden"));
	assert_false(has(x, "dangling"));
	assert_false(has(x, "notes"));
	assert_false(has(x, "sole"));
	assert_int_equal(ml_content_index_count(x), 3);
	ml_content_index_free(x);
	/* The walk happens on first use; a root that cannot be read is
	 * reported by the run, and no slug is called missing meanwhile. */
	assert_int_equal(ml_content_index_build("/nonexistent-root", &x),
			 ML_OK);
	assert_false(ml_content_index_failed(x));
	assert_true(has(x, "soleus"));
	assert_true(ml_content_index_failed(x));
	ml_content_index_free(x);
}

static void test_many_slugs(void **state)
{
	char dir[300], name[64];
	ml_content_index *x;
	int i;

	(void)state;
	path(dir, sizeof(dir), base, "many");
	mkdir(dir, 0700);
	for (i = 0; i < 3000; i++) {
		snprintf(name, sizeof(name), "term-%d.md", i);
		touch(dir, name);
	}
	assert_int_equal(ml_content_index_build(dir, &x), ML_OK);
	assert_int_equal(ml_content_index_count(x), 3000);
	assert_true(has(x, "term-0"));
	assert_true(has(x, "term-2999"));
	assert_false(has(x, "term-3000"));
	ml_content_index_free(x);
}

/* Bytes the process holds allocated now. */
static size_t heap_in_use(void)
{
#ifdef ASAN
	return __sanitizer_get_current_allocated_bytes();
#else
	return mallinfo2().uordblks;
#endif
}

/* Issue 29: the index is what grows with the content tree in a streamed
 * run, so it keeps each article's name once (its folder once per folder)
 * with an 8-byte entry and a 4-byte slot: some 50 bytes an article here,
 * where the two keys (slug and path) of 8-byte slots took 90 or more. The
 * lookups by slug and by path from the root tell folders apart. */
static void test_index_compact(void **state)
{
	char dir[300], sub[300], name[64];
	ml_content_index *x;
	size_t before, per;
	int i;

	(void)state;
	path(dir, sizeof(dir), base, "compact");
	mkdir(dir, 0700);
	mkdir_in(dir, "a");
	mkdir_in(dir, "a/b");
	for (i = 0; i < 2000; i++) {
		snprintf(name, sizeof(name), "a/article-name-%d.md", i);
		touch(dir, name);
		snprintf(name, sizeof(name), "a/b/article-name-%d.md",
			 i + 2000);
		touch(dir, name);
	}
	touch(dir, "a/b/article-name-7.md"); /* one slug in two folders */
	path(sub, sizeof(sub), dir, "a");
	before = heap_in_use();
	assert_int_equal(ml_content_index_build(dir, &x), ML_OK);
	ml_content_index_prime(x);
	per = (heap_in_use() - before) / 4001;
	print_message("content index: %zu bytes an article\n", per);
	assert_true(per <= 64);
	assert_int_equal(ml_content_index_count(x), 4000);
	assert_true(has(x, "article-name-0"));
	assert_true(has(x, "article-name-3999"));
	assert_false(has(x, "article-name-4000"));
	assert_false(has(x, "article-name"));
	assert_false(has(x, "article-name-1.md"));
	assert_int_equal(ml_content_index_has_file(x, "/a/article-name-1.md"),
			 1);
	assert_int_equal(
		ml_content_index_has_file(x, "/a/b/article-name-2001.md"), 1);
	assert_int_equal(ml_content_index_has_file(x, "/a/b/article-name-7.md"),
			 1);
	assert_int_equal(ml_content_index_has_file(x, "/a/article-name-7.md"),
			 1);
	assert_int_equal(ml_content_index_has_file(x, "/a/b/article-name-1.md"),
			 0);
	assert_int_equal(
		ml_content_index_has_file(x, "/a/article-name-2001.md"), 0);
	assert_int_equal(ml_content_index_has_file(x, "/article-name-1.md"), 0);
	assert_int_equal(ml_content_index_has_file(x, "/a/article-name-1.mdx"),
			 0);
	assert_int_equal(ml_content_index_has_file(x, "/a/article-name-1"), 0);
	assert_int_equal(
		ml_content_index_has_file(x, "/b/article-name-2001.md"), 0);
	ml_content_index_free(x);
}

static void test_slug_and_related(void **state)
{
	static const char text[] =
		"---\n"
		"title: Gastrocnemius\n"
		"slug: gastrocnemius\n"
		"related_terms: [soleus, achilles-tendon, plantaris, ../escape]\n"
		"---\n# Gastrocnemius\n";
	ml_content_index *x;
	fixture f;

	(void)state;
	assert_int_equal(ml_content_index_build(root, &x), ML_OK);
	fx_open(&f, "content/gastrocnemius.md", text, NULL);
	f.opts.index = x;
	assert_int_equal(ml_check_files(&f.a, &f.f, NULL), ML_OK);
	fx_expect(&f, "4:42 related-term-missing\n4:53 related-term-missing\n");
	fx_close(&f);
	fx_open(&f, "content/calf.md", text, NULL);
	assert_int_equal(ml_check_files(&f.a, &f.f, NULL),
			 ML_OK); /* no index */
	fx_expect(&f, "3:7 slug-filename\n");
	assert_non_null(strstr(f.f.items[0].message, "\"calf.md\""));
	fx_close(&f);
	fx_open(&f, "-", "# No front matter\n", NULL);
	f.opts.index = x;
	assert_int_equal(ml_check_files(&f.a, &f.f, NULL), ML_OK);
	fx_expect(&f, "");
	fx_close(&f);
	ml_content_index_free(x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_index_stays_inside_the_root),
		cmocka_unit_test(test_many_slugs),
		cmocka_unit_test(test_index_compact),
		cmocka_unit_test(test_slug_and_related),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
