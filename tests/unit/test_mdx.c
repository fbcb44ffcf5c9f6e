/* Unit tests: parse/mdx.c, MDX syntax blanked with every offset kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/mdx.h"
#include "util/common.h"

/* in blanked, compared with want; newlines and length always kept */
static void expect(const char *in, const char *want)
{
	size_t n = strlen(in), i;
	char *s = malloc(n + 1);

	assert_non_null(s);
	memcpy(s, in, n + 1);
	assert_int_equal(ml_mdx_blank(s, n), ML_OK);
	for (i = 0; i < n; i++)
		assert_true((in[i] == '\n') == (s[i] == '\n'));
	if (strcmp(s, want) != 0)
		fprintf(stderr, "in:   [%s]\ngot:  [%s]\nwant: [%s]\n", in, s,
			want);
	assert_string_equal(s, want);
	free(s);
}

static void test_path(void **state)
{
	(void)state;
	assert_true(ml_mdx_path("content/post.mdx"));
	assert_true(ml_mdx_path("A.MDX"));
	assert_false(ml_mdx_path("post.md"));
	assert_false(ml_mdx_path(".mdx"));
	assert_false(ml_mdx_path(NULL));
}

static void test_esm(void **state)
{
	(void)state;
	expect("import A from './a.md'\n\ntext\n",
	       "                      \n\ntext\n");
	expect("import {\n  B,\n} from \"b\"\nexport const x = 1\n\ntext\n",
	       "        \n    \n          \n                  \n\ntext\n");
	/* in a paragraph it is prose */
	expect("text\nimport x\n", "text\nimport x\n");
	expect("Important text\n", "Important text\n");
}

static void test_jsx(void **state)
{
	(void)state;
	expect("a <B c=\"d>\" e={f > 1} /> g\n",
	       "a                        g\n");
	expect("<Callout type=\"x\">\nBody text.\n</Callout>\n",
	       "                  \nBody text.\n          \n");
	expect("<Chart\n  data={[1, { a: \"}\" }]}\n  {...rest}\n/>\n",
	       "      \n"
	       "                        \n"
	       "           \n  \n");
	expect("<>x</>\n", "  x   \n");
	expect("x <a.b:c-d/> y\n", "x            y\n");
}

static void test_not_jsx(void **state)
{
	(void)state;
	expect("<https://x.org> and <a@b.org>\n",
	       "<https://x.org> and <a@b.org>\n");
	expect("a < b and c<5 and <!-- note -->\n",
	       "a < b and c<5 and <!-- note -->\n");
	expect("\\<B /> and \\{x}\n", "\\<B /> and \\{x}\n");
	/* a tag never spans a blank line; an unclosed one stays */
	expect("<B c=\"d\n\ne\" />\n", "<B c=\"d\n\ne\" />\n");
	expect("{ open\n", "{ open\n");
}

static void test_expressions(void **state)
{
	(void)state;
	expect("a {b.c} d {`e ${f}`} g\n", "a       d            g\n");
	expect("{/* a [1] note */}\n", "                  \n");
	expect("{\n  // x }\n  y\n}\n", " \n        \n   \n \n");
	/* heading ids are not JavaScript */
	expect("## Title {#custom-id}\n", "## Title {#custom-id}\n");
}

static void test_code_kept(void **state)
{
	(void)state;
	expect("```jsx\n<B />\nimport x\n{y}\n```\n<C/>\n",
	       "```jsx\n<B />\nimport x\n{y}\n```\n    \n");
	expect("a `<B />` and ``{x}`` <C/>\n", "a `<B />` and ``{x}``     \n");
}

static void test_directive(void **state)
{
	(void)state;
	expect("{/* medlint-disable-next-line link-file */}\n",
	       "<!--medlint-disable-next-line link-file -->\n");
	expect("{/* medlint-enable*/}\n", "<!--medlint-enable-->\n");
	/* without a blank after the opening, or with "--": blanked */
	expect("{/*medlint-enable */}\n", "                     \n");
	expect("{/* medlint-enable -- x */}\n",
	       "                           \n");
}

static void test_structure_kept(void **state)
{
	(void)state;
	/* content after 4 columns of blanked syntax: an empty HTML tag over
	 * it, so that CommonMark does not see indented code */
	expect("<Badge>New</Badge> Text\n", "<x    >New         Text\n");
	expect("<Badge k=\"v\" /> Text\n", "<x             >Text\n");
	expect("- <Icon /> [a](b.md)\n", "- <x      >[a](b.md)\n");
	expect("> <Icon /> quoted\n", "> <x      >quoted\n");
	expect("<B/> x\n", "<x  >x\n");
	expect("{} x\n", "   x\n"); /* 3 columns: nothing to keep */
	/* a paragraph indented inside a JSX element (MDX has no indented
	 * code), not one outside */
	expect("<Tabs>\n\n    Text here.\n</Tabs>\n",
	       "      \n\n<x> Text here.\n       \n");
	expect("Text\n\n    code\n", "Text\n\n    code\n");
}

static void test_bounded(void **state)
{
	size_t n = 200000, i;
	char *s = malloc(n + 1);

	(void)state;
	assert_non_null(s);
	for (i = 0; i < n; i++)
		s[i] = "<a b=\"{"[i % 7];
	s[n] = '\0';
	assert_int_equal(ml_mdx_blank(s, n), ML_OK);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path),
		cmocka_unit_test(test_esm),
		cmocka_unit_test(test_jsx),
		cmocka_unit_test(test_not_jsx),
		cmocka_unit_test(test_expressions),
		cmocka_unit_test(test_code_kept),
		cmocka_unit_test(test_directive),
		cmocka_unit_test(test_structure_kept),
		cmocka_unit_test(test_bounded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
