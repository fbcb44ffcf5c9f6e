/* Unit tests for util/prose.c (syllables, sentences, words, phrase
 * matching) and the prose rules on small articles: readability's scope
 * (no code, tables, references, HTML, link targets), wording's matches
 * and fixes, claim-uncited's citations, citation-age's years and types. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article_fixture.h"
#include "core/embedded.h"
#include "core/profile.h"
#include "parse/node.h"
#include "rules/internal.h"
#include "rules/rules.h"
#include "util/fold.h"
#include "util/prose.h"

static int syl(const char *w)
{
	return ml_prose_syllables(w, strlen(w));
}

static void test_syllables(void **state)
{
	static const struct {
		const char *w;
		int n;
	} cases[] = {
		{ "the", 1 },	     { "make", 1 },	 { "table", 2 },
		{ "tables", 2 },     { "hoped", 1 },	 { "wanted", 2 },
		{ "boxes", 2 },	     { "makes", 1 },	 { "diet", 2 },
		{ "patient", 2 },    { "nation", 2 },	 { "region", 2 },
		{ "biology", 4 },    { "video", 3 },	 { "idea", 3 },
		{ "area", 3 },	     { "usual", 3 },	 { "being", 2 },
		{ "dying", 2 },	     { "playing", 2 },	 { "likely", 2 },
		{ "careful", 2 },    { "something", 2 }, { "autism", 3 },
		{ "cooperate", 4 },  { "centre", 2 },	 { "hundred", 2 },
		{ "called", 1 },     { "friend", 1 },	 { "create", 2 },
		{ "goodbye", 2 },    { "easier", 3 },	 { "gastrocnemius", 5 },
		{ "well-being", 3 }, { "Medically", 4 }, { "GUARANTEED", 3 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ML_ARRAY_LEN(cases); i++) {
		if (syl(cases[i].w) != cases[i].n)
			print_error("%s: %d, want %d\n", cases[i].w,
				    syl(cases[i].w), cases[i].n);
		assert_int_equal(syl(cases[i].w), cases[i].n);
	}
	assert_int_equal(syl("42"), 1);	       /* a number is a word */
	assert_int_equal(syl("--"), 0);	       /* no letter, no digit */
	assert_true(syl("na\xc3\xafve") >= 1); /* a non-ASCII letter */
}

typedef struct {
	size_t n, words;
} split_out;

static void on_sentence(void *ctx, size_t a, size_t b, size_t words)
{
	(void)a, (void)b, (void)words;
	((split_out *)ctx)->n++;
}

static void on_word(void *ctx, size_t off, size_t len, int s)
{
	(void)off, (void)len, (void)s;
	((split_out *)ctx)->words++;
}

/* Sentences and words of text. */
static size_t sentences(const char *text, size_t *words)
{
	split_out o;
	ml_prose_cb cb = { on_word, on_sentence, &o, 0 };

	memset(&o, 0, sizeof(o));
	ml_prose_split(text, strlen(text), &cb);
	if (words)
		*words = o.words;
	return o.n;
}

static void test_sentences(void **state)
{
	size_t w;

	(void)state;
	/* abbreviations, initials, decimals and et al. do not end one */
	assert_int_equal(sentences("Eat greens, e.g. kale. Ask Dr. Lee.", NULL),
			 2);
	assert_int_equal(sentences("Smith et al. found it. It holds.", NULL),
			 2);
	assert_int_equal(sentences("J. R. Smith wrote it. Read it.", NULL), 2);
	assert_int_equal(sentences("Take 2.5 mg a day. Then stop.", &w), 2);
	assert_int_equal(w, 7); /* "2.5" is one word */
	/* approx. before a lower-case word goes on */
	assert_int_equal(sentences("It takes approx. five days.", NULL), 1);
	/* ?, !, ellipsis and closing quotes end one */
	assert_int_equal(
		sentences("Why? Because. \"Go.\" Now... yes! Fine", NULL), 5);
	assert_int_equal(sentences("He said \xe2\x80\x9cstop.\xe2\x80\x9d She "
				   "did.",
				   NULL),
			 2);
	/* a block without a final period is one sentence */
	assert_int_equal(sentences("Calf raises on a step", &w), 1);
	assert_int_equal(w, 5);
	/* a URL is no word and no sentence end */
	assert_int_equal(sentences("See https://example.org/a.b now.", &w), 1);
	assert_int_equal(w, 2);
	/* words: don't, well-being, 1,000 and curly apostrophes */
	sentences("Don\xe2\x80\x99t stop well-being for 1,000 days.", &w);
	assert_int_equal(w, 6);
	assert_int_equal(sentences("", NULL), 0);
	assert_int_equal(sentences("... !!", NULL), 0);
}

static void test_formulas(void **state)
{
	ml_prose_counts c = { 10, 200, 300, 20 };

	(void)state;
	assert_true(fabs(ml_prose_fkgl(&c) - (0.39 * 20 + 11.8 * 1.5 - 15.59)) <
		    1e-9);
	assert_true(fabs(ml_prose_smog(&c) - (1.043 * sqrt(60.0) + 3.1291)) <
		    1e-9);
	assert_true(fabs(ml_prose_fre(&c) -
			 (206.835 - 1.015 * 20 - 84.6 * 1.5)) < 1e-9);
	memset(&c, 0, sizeof(c));
	assert_true(ml_prose_smog(&c) == 0 && ml_prose_fkgl(&c) == 0);
}

static size_t match(const char *text, const char *phrase, int inflect,
		    int *exact)
{
	return ml_prose_match(text, strlen(text), 0, phrase, inflect, exact);
}

static void test_match(void **state)
{
	int exact;

	(void)state;
	assert_int_equal(match("Cures it", "cure", 1, &exact), 5);
	assert_int_equal(exact, 0);
	assert_int_equal(match("curing", "cure", 1, &exact), 6);
	assert_int_equal(match("cured.", "cure", 1, &exact), 5);
	assert_int_equal(match("cure", "cure", 1, &exact), 4);
	assert_int_equal(exact, 1);
	assert_int_equal(match("curettage", "cure", 1, &exact), 0);
	assert_int_equal(match("cure-all", "cure", 1, &exact), 0);
	assert_int_equal(match("cures", "cure", 0, &exact), 0);
	assert_int_equal(match("remedies", "remedy", 1, &exact), 8);
	assert_int_equal(match("The  Elderly", "the elderly", 0, &exact), 12);
	assert_int_equal(match("the elder", "the elderly", 0, &exact), 0);
}

/* ---- the rules on articles ------------------------------------------- */

static ml_profile *profile(const char *yaml)
{
	ml_profile *p = NULL;
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);

	if (ml_profile_load_text("schema.yaml", yaml, strlen(yaml), &p, &err))
		print_error("%s\n", ml_buf_cstr(&err));
	ml_buf_dispose(&err);
	assert_non_null(p);
	return p;
}

static const char refs_schema[] =
	"sections:\n  - id: references\n    heading: References\n"
	"    citations: apa7\n";

static void test_wording_scope(void **state)
{
	ml_profile *p = profile(refs_schema);
	fixture x;
	/* one finding: line 3; nothing in code, links, quotes, block quotes,
	 * names, HTML or the reference list */
	const char *text =
		"# Title\n\n"
		"This cream cures acne. `cure` [cure](https://x.org/cure) "
		"\"a cure\" Cure Research Trust.\n\n"
		"> It cures all.\n\n<p>cures</p>\n\n"
		"## References\n\n1. Roe, J. (2020). *Cures for acne*. Press.\n";

	(void)state;
	fx_open(&x, "a.md", text, p);
	assert_int_equal(ml_check_wording(&x.a, &x.f, NULL), ML_OK);
	assert_int_equal(x.f.len, 1);
	assert_int_equal(x.f.items[0].line, 3);
	assert_int_equal(x.f.items[0].column, 12);
	assert_int_equal(x.f.items[0].end_column, 17);
	assert_true(x.f.items[0].fix_offset < 0); /* no replacement */
	fx_close(&x);
	ml_profile_free(p);
}

/* Phrases are looked up by their lead word: inflected single words
 * (remedies, remedied, CURING for "Cure"), a two-word phrase over two
 * spaces before the entry's one-word phrase, a hyphenated phrase, and
 * nothing for a longer word ("remedyx", "sidecar") or another spelling
 * ("risk free"). */
static void test_wording_leads(void **state)
{
	ml_profile *p = profile("wording:\n  defaults: false\n  avoid:\n"
				"    - id: remedy\n      match: [remedy]\n"
				"      message: m1\n"
				"    - id: side\n"
				"      match: [\"side effects\", side]\n"
				"      message: m2\n"
				"    - id: cure\n      match: [Cure]\n"
				"      message: m3\n"
				"    - id: rf\n      match: [risk-free]\n"
				"      inflect: false\n      message: m4\n");
	fixture x;
	const char *text = "# T\n\nRemedies remedied remedyx. No side  "
			   "effects, CURING risk-free risk free sidecar.\n";
	static const int col[] = { 1, 10, 31, 46, 53 },
			 end[] = { 9, 18, 44, 52, 62 };
	size_t i;

	(void)state;
	fx_open(&x, "a.md", text, p);
	assert_int_equal(ml_check_wording(&x.a, &x.f, NULL), ML_OK);
	assert_int_equal(x.f.len, 5);
	for (i = 0; i < 5; i++) {
		assert_int_equal(x.f.items[i].line, 3);
		assert_int_equal(x.f.items[i].column, col[i]);
		assert_int_equal(x.f.items[i].end_column, end[i]);
	}
	assert_non_null(strstr(x.f.items[2].message, "\"side  effects\": m2"));
	assert_non_null(strstr(x.f.items[3].message, "\"CURING\": m3"));
	fx_close(&x);
	ml_profile_free(p);
}

static void test_wording_fix(void **state)
{
	ml_profile *p = profile("wording:\n  off: [the-elderly]\n  prefer:\n"
				"    - use: older adults\n"
				"      instead_of: [seniors]\n"
				"      message: AMA style\n      level: error\n"
				"      fix: false\n");
	fixture x;
	const char *text = "# T\n\nDiabetics and seniors; diabetic patients.\n"
			   "The elderly and *diabetic* patients.\n";

	(void)state;
	fx_open(&x, "a.md", text, p);
	assert_int_equal(ml_check_wording(&x.a, &x.f, NULL), ML_OK);
	assert_int_equal(x.f.len, 4);
	/* "Diabetics": capitalised replacement */
	assert_string_equal(x.f.items[0].fix_text, "People with diabetes");
	assert_int_equal(x.f.items[0].fix_len, 9);
	assert_false(x.f.items[0].fix_suggestion); /* --fix applies it */
	/* fix: false: an editor's quick fix, which --fix leaves */
	assert_string_equal(x.f.items[1].fix_text, "older adults");
	assert_true(x.f.items[1].fix_suggestion);
	assert_true(x.f.items[1].at_least_error);
	assert_string_equal(x.f.items[2].fix_text, "patients with diabetes");
	/* markup inside the match: no fix, still a finding */
	assert_int_equal(x.f.items[3].line, 4);
	assert_true(x.f.items[3].fix_offset < 0);
	fx_close(&x);
	ml_profile_free(p);
}

static void test_wording_unknown_off(void **state)
{
	ml_profile *p = NULL;
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);
	const char *y = "wording:\n  off: [no-such-entry]\n";

	(void)state;
	assert_int_equal(ml_profile_load_text("s.yaml", y, strlen(y), &p, &err),
			 ML_EINVAL);
	assert_non_null(strstr(ml_buf_cstr(&err), "s.yaml:2:"));
	assert_non_null(strstr(ml_buf_cstr(&err), "no-such-entry"));
	ml_buf_dispose(&err);
}

static void same_strings(const char **a, size_t na, const char **b, size_t nb)
{
	size_t i;

	assert_int_equal(na, nb);
	assert_true((a == NULL) == (b == NULL));
	for (i = 0; i < na; i++)
		assert_string_equal(a[i], b[i]);
}

static void same_string(const char *a, const char *b)
{
	assert_true((a == NULL) == (b == NULL));
	if (a)
		assert_string_equal(a, b);
}

/* The table the build generated (ml_wording_static) is the shipped YAML
 * (the copy embedded in the binary) as the entry loader reads it, and a
 * profile without a wording: key uses the table itself. */
static void test_wording_static_table(void **state)
{
	ml_profile y, *p = NULL;
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);
	size_t i;

	(void)state;
	memset(&y, 0, sizeof(y));
	assert_int_equal(
		ml_wording_defaults_parse(&y, (const char *)ml_wording_defaults,
					  ml_wording_defaults_len, &err),
		ML_OK);
	assert_true(y.nwording > 30);
	assert_int_equal(y.nwording, ml_wording_static_len);
	for (i = 0; i < y.nwording; i++) {
		const ml_wording_entry *a = &y.wording[i];
		const ml_wording_entry *b = &ml_wording_static[i];
		same_string(a->id, b->id);
		same_strings(a->match, a->nmatch, b->match, b->nmatch);
		assert_int_equal(a->inflect, b->inflect);
		same_string(a->message, b->message);
		same_string(a->replace, b->replace);
		assert_int_equal(a->fix, b->fix);
		assert_int_equal(a->error, b->error);
		same_strings(a->unless_after, a->nunless_after, b->unless_after,
			     b->nunless_after);
		same_strings(a->unless_before, a->nunless_before,
			     b->unless_before, b->nunless_before);
		assert_int_equal(a->line, b->line);
		assert_int_equal(a->column, b->column);
		same_string(a->file, b->file);
	}
	free(y.wording);
	ml_tree_free(y.wording_tree);

	assert_int_equal(ml_profile_load_text(ML_DEFAULT_SCHEMA_NAME,
					      (const char *)ml_default_schema,
					      ml_default_schema_len, &p, &err),
			 ML_OK);
	assert_ptr_equal(p->wording, ml_wording_static);
	assert_int_equal(p->nwording, ml_wording_static_len);
	ml_profile_free(p);
	ml_buf_dispose(&err);
}

static void test_readability_scope(void **state)
{
	ml_profile *p = profile("sections:\n  - id: references\n"
				"    heading: References\n    citations: apa7\n"
				"readability: {max_grade: 1, min_words: 5}\n");
	fixture x;
	char *text = malloc(20000);
	size_t i;

	(void)state;
	strcpy(text, "# Title\n\nThe cat sat. The dog ran. It is fun.\n\n"
		     "```\nextraordinarily complicated documentation\n```\n\n"
		     "| a | b |\n|---|---|\n| internationalisation | x |\n\n"
		     "<div>unquestionably</div>\n\n"
		     "[Go](https://example.org/extraordinarily-long-target)\n\n"
		     "## References\n\n");
	for (i = 0; i < 50; i++)
		strcat(text, "1. Institutionalisation, A. (2020). "
			     "*Incomprehensibility*. Press.\n");
	fx_open(&x, "a.md", text, p);
	assert_int_equal(ml_check_readability(&x.a, &x.f, NULL), ML_OK);
	assert_int_equal(x.f.len, 1);
	/* Title, 3 sentences and the link text Go: 11 words in 5 sentences */
	assert_non_null(
		strstr(x.f.items[0].message, "11 words in 5 sentences"));
	assert_int_equal(x.f.items[0].line, 1);
	fx_close(&x);
	ml_profile_free(p);
	free(text);
}

static void test_claims(void **state)
{
	ml_profile *p = profile(refs_schema);
	fixture x;
	const char *text =
		"# T\n\nAbout 1 in 5 adults have it. Take 500 mg twice a day.\n\n"
		"Studies show it helps [1].\n\nResearch suggests it works.\n"
		"See [the trial](https://x.org).\n\n"
		"A 1% hydrocortisone cream helps. Use it for 10 days.\n\n"
		"## References\n\n1. Roe, J. (2020). *A book*. Press.\n";

	(void)state;
	fx_open(&x, "a.md", text, p);
	assert_int_equal(ml_check_claims(&x.a, &x.f, NULL), ML_OK);
	assert_int_equal(x.f.len, 1);
	assert_int_equal(x.f.items[0].line, 3);
	assert_int_equal(x.f.items[0].end_column, 29);
	assert_non_null(strstr(x.f.items[0].message, "\"1 in 5\""));
	fx_close(&x);
	ml_profile_free(p);
}

static void test_citation_age(void **state)
{
	ml_profile *p = profile("sections:\n  - id: references\n"
				"    heading: References\n    citations: apa7\n"
				"citation_max_age_years: 10\n"
				"citation_age_allow: [book]\n");
	fixture x;
	const char *text =
		"# T\n\nText [1] [2] [3].\n\n## References\n\n"
		"1. Roe, J. (1998). Old study. *Journal*, *3*(2), 1-9.\n"
		"2. Roe, J. (1990). *A classic book* (2nd ed.). Press.\n"
		"3. Roe, J. (2020). New study. *Journal*, *3*(2), 1-9.\n";

	(void)state;
	fx_open(&x, "a.md", text, p);
	assert_int_equal(ml_check_citation_age(&x.a, &x.f, NULL), ML_OK);
	assert_int_equal(x.f.len, 1);
	assert_int_equal(x.f.items[0].line, 7);
	assert_int_equal(x.f.items[0].column, 13); /* the year */
	assert_non_null(strstr(x.f.items[0].message, "28 years old"));
	assert_non_null(strstr(x.f.items[0].message, "journal"));
	fx_close(&x);
	ml_profile_free(p);
}

/* citation-age run inside the citation family (the years of its parse)
 * finds what it finds alone (each entry parsed again), in an APA list
 * and in a Vancouver one, whose entries it parses itself. */
static void age_both_ways(const char *style)
{
	char schema[256];
	ml_profile *p;
	fixture x;
	ml_findings alone;
	const char *text =
		"# T\n\nText [1] [2] [3] [4] [5].\n\n## References\n\n"
		"1. Roe, J. (1998). Old study. *Journal*, *3*(2), 1-9.\n"
		"2. Roe, J. (1990). *A classic book* (2nd ed.). Press.\n"
		"3. Roe J, Doe A. Old trial. JAMA. 1995;293(17):1-9.\n"
		"4. Roe, J. (2001, May 3). *A page*. https://x.org/a\n"
		"5. Roe, J. (n.d.). Undated. Site.\n";
	size_t i, k = 0;

	(void)snprintf(schema, sizeof(schema),
		       "sections:\n  - id: references\n"
		       "    heading: References\n    citations: %s\n"
		       "citation_max_age_years: 10\n",
		       style);
	p = profile(schema);
	fx_open(&x, "a.md", text, p);
	ml_findings_init(&alone);
	assert_int_equal(ml_check_citation_age(&x.a, &alone, NULL), ML_OK);
	assert_true(alone.len >= 2);
	assert_int_equal(ml_check_citations_age(&x.a, 1, &x.f, NULL), ML_OK);
	for (i = 0; i < x.f.len; i++) {
		if (x.f.items[i].rule != ML_RULE_CITATION_AGE)
			continue;
		assert_true(k < alone.len);
		assert_int_equal(x.f.items[i].line, alone.items[k].line);
		assert_int_equal(x.f.items[i].column, alone.items[k].column);
		assert_string_equal(x.f.items[i].message,
				    alone.items[k].message);
		k++;
	}
	assert_int_equal(k, alone.len);
	ml_findings_dispose(&alone);
	fx_close(&x);
	ml_profile_free(p);
}

static void test_citation_age_shared(void **state)
{
	(void)state;
	age_both_ways("apa7");
	age_both_ways("vancouver");
}

/* ---- rules_split against ml_prose_split ------------------------------ */

/* Every callback of a split, as text. */
typedef struct {
	char log[65536];
	size_t len;
} split_log;

static void log_word(void *ctx, size_t off, size_t len, int syllables)
{
	split_log *l = ctx;

	if (l->len < sizeof(l->log) - 64)
		l->len += (size_t)snprintf(l->log + l->len,
					   sizeof(l->log) - l->len,
					   "w%zu+%zu:%d ", off, len, syllables);
}

static void log_sentence(void *ctx, size_t start, size_t end, size_t words)
{
	split_log *l = ctx;

	if (l->len < sizeof(l->log) - 64)
		l->len += (size_t)snprintf(l->log + l->len,
					   sizeof(l->log) - l->len,
					   "s%zu-%zu:%zu\n", start, end, words);
}

static void count_logged(const split_log *l, ml_prose_counts *c)
{
	const char *p = l->log, *end = l->log + l->len;
	size_t x, y;
	int syl;

	memset(c, 0, sizeof(*c));
	while (p < end) {
		if (*p == 'w' && sscanf(p, "w%zu+%zu:%d", &x, &y, &syl) == 3) {
			c->words++;
			c->syllables += (size_t)syl;
			c->polysyllables += syl >= 3;
		} else if (*p == 's') {
			c->sentences++;
		}
		while (p < end && *p != ' ' && *p != '\n')
			p++;
		p++;
	}
}

/* rules_split reads text[n], which must be no letter or digit: the text
 * is split with each byte it may be after it (the prose text has '\n',
 * a string its NUL), so its words are found with and without the bytes
 * after them in reach. */
static void same_split(const char *text, size_t n, int no_syllables)
{
	static split_log a, b;
	static char copy[1024 + 32];
	static const char after[] = { '\n', '\0', ' ', '.', '\xE2' };
	ml_prose_cb ca = { log_word, log_sentence, &a, no_syllables },
		    cb = { log_word, log_sentence, &b, no_syllables };
	size_t k;

	assert_true(n <= 1024);
	a.len = 0;
	ml_prose_split(text, n, &ca);
	for (k = 0; k < sizeof(after); k++) {
		ml_prose_counts want, got;
		memcpy(copy, text, n);
		copy[n] = after[k];
		b.len = 0;
		rules_split(copy, n, &cb);
		if (a.len != b.len || memcmp(a.log, b.log, a.len) != 0)
			break;
		/* and the shared pass's own counts (readability's) */
		if (!no_syllables) {
			count_logged(&a, &want);
			rules_split_counts(copy, n, copy + sizeof(copy), &got);
			assert_int_equal(got.words, want.words);
			assert_int_equal(got.syllables, want.syllables);
			assert_int_equal(got.polysyllables, want.polysyllables);
			assert_int_equal(got.sentences, want.sentences);
		}
	}
	if (a.len != b.len || memcmp(a.log, b.log, a.len) != 0) {
		print_error("text: \"%.*s\"\nutil:  %.*s\nrules: %.*s\n",
			    (int)n, text, (int)a.len, a.log, (int)b.len, b.log);
		fail();
	}
}

/* The pieces prose is made of where the split decides something:
 * abbreviations, initials, decimals, URLs, ellipses, closing marks,
 * apostrophes, UTF-8 letters and punctuation. */
static const char *const split_pieces[] = {
	"the",
	"Tendon",
	"e.g.",
	"Dr.",
	"J.",
	"approx.",
	"2.5",
	"1,000",
	"well-being",
	"don't",
	"it\xE2\x80\x99s",
	" ",
	"  ",
	"\n",
	"\t",
	".",
	"!",
	"?",
	"...",
	"\xE2\x80\xA6",
	"\"",
	"'",
	")",
	"]",
	"(",
	",",
	"-",
	":",
	"https://x.org/a",
	"www.y.com",
	"w",
	"caf\xC3\xA9",
	"\xE2\x80\x94",
	"\xE2\x80\x9D",
	"\xE2\x80\x99",
	"\xC2\xA0",
	"na\xC3\xAFve",
	"\xC3\x97",
	"5",
	"U.S.",
	"et al.",
	"Fig.",
	"a",
	"I",
	"etc.",
	"gastrocnemius",
	"studies",
	"http:",
	"x",
	"Mr",
	"\x80",
	"\xE2",
};

static void test_split_same(void **state)
{
	static const char *const fixed[] = {
		"Take approx. five drops. Then rest.",
		"See Dr. Smith (e.g. on Mon.). It helps!",
		"It costs 2.5 mg... or 1,000 units\xE2\x80\xA6 Not more?",
		"Visit https://example.org/x. Or www.nhs.uk now.",
		"\xE2\x80\x9CQuoted.\xE2\x80\x9D Then \"this.\" And (that.) end",
		"J. R. Smith wrote it. U.S. data agree. Well-being isn't "
		"simple",
		"",
		"...",
		". . . word",
	};
	unsigned long seed = 12345;
	char buf[512];
	size_t i, k, n;

	(void)state;
	/* util/prose.c's abbreviations and a few that are none, before a
	 * capital (where only an abbreviation keeps the sentence going) */
	static const char *const abbr[] = {
		"e.g",	"i.e",	  "dr",	 "mr",	   "mrs",  "ms",   "prof",
		"st",	"vs",	  "cf",	 "al",	   "fig",  "figs", "no",
		"nos",	"approx", "jr",	 "sr",	   "inc",  "ltd",  "dept",
		"univ", "vol",	  "pp",	 "ca",	   "mt",   "jan",  "feb",
		"mar",	"apr",	  "jun", "jul",	   "aug",  "sep",  "sept",
		"oct",	"nov",	  "dec", "u.s",	   "u.k",  "a.m",  "p.m",
		"ph.d", "m.d",	  "eq",	 "ed",	   "eds",  "min",  "max",
		"est",	"mg",	  "ml",	 "kg",	   "resp", "viz",  "incl",
		"Dr",	"FIG",	  "the", "tendon", "be",   "go",   "hr",
		"wk",	"xo",	  "zz",	 "bmi",	   "gp",   "q",	   "b",
		"Q"
	};

	for (i = 0; i < ML_ARRAY_LEN(fixed); i++) {
		same_split(fixed[i], strlen(fixed[i]), 0);
		same_split(fixed[i], strlen(fixed[i]), 1);
	}
	for (i = 0; i < ML_ARRAY_LEN(abbr); i++) {
		n = (size_t)snprintf(buf, sizeof(buf), "One %s. Two %s. three",
				     abbr[i], abbr[i]);
		same_split(buf, n, 0);
	}
	for (i = 0; i < 20000; i++) {
		size_t pieces;
		seed = seed * 6364136223846793005ul + 1442695040888963407ul;
		pieces = 1 + (seed >> 33) % 40;
		for (n = 0, k = 0; k < pieces; k++) {
			const char *p;
			size_t m;
			seed = seed * 6364136223846793005ul +
			       1442695040888963407ul;
			p = split_pieces[(seed >> 33) %
					 ML_ARRAY_LEN(split_pieces)];
			m = strlen(p);
			if (n + m >= sizeof(buf))
				break;
			memcpy(buf + n, p, m);
			n += m;
		}
		/* cut anywhere, even inside a UTF-8 sequence */
		seed = seed * 6364136223846793005ul + 1442695040888963407ul;
		if (n && (seed >> 40) % 4 == 0)
			n -= (seed >> 33) % n;
		same_split(buf, n, (int)(i & 1));
	}
}

/* wording's leads compare with ASCII case folded, nothing more. */
static void test_fold_ascii_same(void **state)
{
	(void)state;
	assert_true(ml_fold_ascii_same("Cure", "cURE", 4));
	assert_true(ml_fold_ascii_same("100% Safe", "100% sAFE", 9));
	assert_true(ml_fold_ascii_same("caf\xC3\xA9", "CAF\xC3\xA9", 5));
	assert_false(ml_fold_ascii_same("caf\xC3\xA9", "CAF\xC3\x89", 5));
	assert_false(ml_fold_ascii_same("cure", "curd", 4));
	/* '@' and '[' sit beside the capitals, '`' and '{' beside the
	 * small letters: none is a letter */
	assert_false(ml_fold_ascii_same("@[", "`{", 2));
	assert_true(ml_fold_ascii_same("cure", "cures", 4));
	assert_true(ml_fold_ascii_same("x", "y", 0));
}

/* readability's numbers are written as printf writes them. */
static void same_fixed(double x, int decimals)
{
	char want[400];
	ml_buf b = ML_BUF_INIT(ML_LIMIT_SHORT);

	(void)snprintf(want, sizeof(want), decimals ? "%.1f" : "%.0f", x);
	assert_int_equal(rules_put_fixed(&b, x, decimals), ML_OK);
	assert_string_equal(ml_buf_cstr(&b), want);
	ml_buf_dispose(&b);
}

static void test_put_fixed(void **state)
{
	static const double cases[] = { 0,     -0.0,   0.05,   0.15,  0.25,
					0.35,  0.45,   0.5,    1.5,   2.5,
					-0.04, -0.05,  -0.5,   -7.25, 12.65,
					12.75, 99.95,  100.05, 1e14,  -1e14,
					1e300, -1e300, 8,      23.5,  -6.5 };
	unsigned long seed = 7;
	size_t i;

	(void)state;
	for (i = 0; i < ML_ARRAY_LEN(cases); i++) {
		same_fixed(cases[i], 1);
		same_fixed(cases[i], 0);
	}
	for (i = 0; i < 100000; i++) {
		double x;
		seed = seed * 6364136223846793005ul + 1442695040888963407ul;
		/* grades and eases: -100 .. 200, and ties of both */
		x = (double)(long)(seed >> 33) / (double)(1ul << 31) * 300.0 -
		    100.0;
		if (i % 3 == 1)
			x = (double)((long)(seed >> 40) % 4000 - 2000) / 20.0;
		same_fixed(x, (int)(i & 1));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_syllables),
		cmocka_unit_test(test_sentences),
		cmocka_unit_test(test_split_same),
		cmocka_unit_test(test_put_fixed),
		cmocka_unit_test(test_fold_ascii_same),
		cmocka_unit_test(test_formulas),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_wording_scope),
		cmocka_unit_test(test_wording_leads),
		cmocka_unit_test(test_wording_fix),
		cmocka_unit_test(test_wording_unknown_off),
		cmocka_unit_test(test_wording_static_table),
		cmocka_unit_test(test_readability_scope),
		cmocka_unit_test(test_claims),
		cmocka_unit_test(test_citation_age),
		cmocka_unit_test(test_citation_age_shared),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
