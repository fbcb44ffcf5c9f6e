/* Unit tests for GitHub-style heading slugs and the #fragment targets of
 * HTML and Markdown bodies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "parse/anchor.h"
#include "util/buf.h"
#include "util/common.h"
#include "parse/slug.h"
#include "util/urlmap.h"

static void expect_slug(const char *text, const char *slug)
{
	ml_buf b = ML_BUF_INIT(ML_LIMIT_TEXT);

	assert_int_equal(ml_heading_slug(text, strlen(text), &b), ML_OK);
	assert_string_equal(ml_buf_cstr(&b), slug);
	ml_buf_dispose(&b);
}

static void test_base_slugs(void **state)
{
	(void)state;
	expect_slug("Gastrocnemius Definition and Meaning",
		    "gastrocnemius-definition-and-meaning");
	expect_slug("Common Injuries & Conditions",
		    "common-injuries--conditions");
	expect_slug("What's new? (2024)", "whats-new-2024");
	expect_slug("snake_case and kebab-case", "snake_case-and-kebab-case");
	expect_slug("  Lead", "--lead");
	expect_slug("C++ / C#", "c--c");
	expect_slug("Ärzte Übersicht", "ärzte-übersicht");
	expect_slug("Тест Ω", "тест-ω");
	expect_slug("Caf\xc3\xa9 \xe2\x80\x94 menu \xf0\x9f\x8d\xb0",
		    "café--menu-");
	expect_slug("bad \xff byte", "bad--byte");
	expect_slug("", "");
}

static void test_duplicates(void **state)
{
	ml_slug_set s;
	ml_buf b = ML_BUF_INIT(ML_LIMIT_TEXT);
	static const char *in[] = { "Intro", "Intro", "Intro-1", "Intro" };
	static const char *out[] = { "intro", "intro-1", "intro-1-1",
				     "intro-2" };
	size_t i;

	(void)state;
	ml_slug_set_init(&s);
	for (i = 0; i < 4; i++) {
		assert_int_equal(ml_slug_set_add(&s, in[i], strlen(in[i]), &b),
				 ML_OK);
		assert_string_equal(b.ptr, out[i]);
	}
	assert_true(ml_slug_set_has(&s, "intro-2"));
	assert_false(ml_slug_set_has(&s, "intro-3"));
	ml_slug_set_dispose(&s);
	ml_buf_dispose(&b);
}

static void test_html_anchors(void **state)
{
	static const char html[] =
		"<html><body><h1 id=\"top\">x</h1>"
		"<!-- <div id=\"commented\"> -->"
		"<p ID='single' class=x>"
		"<a name=\"legacy\">a</a><div name=\"notanchor\"></div>"
		"<span id=bare>"
		"<script>var s = '<b id=\"inscript\">';</script>"
		"<h2 id=\"a&amp;b\">"
		"<p data-id=\"nope\" title='id=\"nope2\"'>"
		"<div id=\"caf%C3%A9\"></div><div id=\"unterminated";
	ml_urlmap set;

	(void)state;
	ml_urlmap_init(&set);
	assert_int_equal(ml_anchors_html(html, strlen(html), &set), ML_OK);
	assert_true(ml_fragment_found(&set, "top"));
	assert_true(ml_fragment_found(&set, "single"));
	assert_true(ml_fragment_found(&set, "legacy"));
	assert_true(ml_fragment_found(&set, "bare"));
	assert_true(ml_fragment_found(&set, "a&b"));
	assert_false(ml_fragment_found(&set, "commented"));
	assert_false(ml_fragment_found(&set, "notanchor"));
	assert_false(ml_fragment_found(&set, "inscript"));
	assert_false(ml_fragment_found(&set, "nope"));
	assert_false(ml_fragment_found(&set, "nope2"));
	ml_urlmap_dispose(&set);

	/* GitHub renders ids with a user-content- prefix. */
	ml_urlmap_init(&set);
	assert_int_equal(ml_anchors_html("<h2 id=\"user-content-usage\">", 28,
					 &set),
			 ML_OK);
	assert_true(ml_fragment_found(&set, "usage"));
	ml_urlmap_dispose(&set);
}

static void test_markdown_anchors(void **state)
{
	static const char md[] = "# Title\n\n## Usage *now*\n\n## Usage now\n"
				 "```\n# not a heading\n```\n"
				 "<a name=\"raw\"></a>\n\nSetext `code`\n---\n";
	ml_urlmap set;

	(void)state;
	ml_urlmap_init(&set);
	assert_int_equal(ml_anchors_markdown(md, strlen(md), &set), ML_OK);
	assert_true(ml_fragment_found(&set, "title"));
	assert_true(ml_fragment_found(&set, "usage-now"));
	assert_true(ml_fragment_found(&set, "usage-now-1"));
	assert_true(ml_fragment_found(&set, "raw"));
	assert_true(ml_fragment_found(&set, "setext-code"));
	assert_false(ml_fragment_found(&set, "not-a-heading"));
	ml_urlmap_dispose(&set);
}

static void test_fragment_decode(void **state)
{
	ml_buf b = ML_BUF_INIT(ML_LIMIT_TEXT);

	(void)state;
	assert_int_equal(ml_fragment_decode("caf%C3%A9%2", 11, &b), ML_OK);
	assert_string_equal(b.ptr, "caf\xc3\xa9%2");
	assert_int_equal(ml_fragment_decode("", 0, &b), ML_OK);
	assert_string_equal(ml_buf_cstr(&b), "");
	assert_true(ml_fragment_trivial(""));
	assert_true(ml_fragment_trivial("top"));
	assert_true(ml_fragment_trivial("/route"));
	assert_true(ml_fragment_trivial(":~:text=x"));
	assert_false(ml_fragment_trivial("section-1"));
	ml_buf_dispose(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_base_slugs),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_html_anchors),
		cmocka_unit_test(test_markdown_anchors),
		cmocka_unit_test(test_fragment_decode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
