/* article_fixture.h - builds an ml_article from a whole file's text for
 * the rule-family unit tests (front matter split and parsed, body parsed
 * into a document) and compares findings as "LINE:COL rule" lines. */
#ifndef ML_TEST_ARTICLE_FIXTURE_H
#define ML_TEST_ARTICLE_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/common.h"
#include "parse/document.h"
#include "core/finding.h"
#include "parse/frontmatter.h"
#include "core/article.h"
#include "core/sections.h"
#include "cite/citation.h"
#include "core/profile.h"
#include "core/ruletab.h"

typedef struct {
	ml_article a;
	ml_tree *tree;
	ml_document *doc;
	ml_sections sec; /* located as the pipeline does, before the families */
	int located;
	ml_lint_opts opts;
	ml_findings f;
} fixture;

static inline void fx_open(fixture *x, const char *path, const char *text,
			   const ml_profile *pr)
{
	size_t len = strlen(text);
	ml_split sp;
	ml_yaml_error err;

	memset(x, 0, sizeof(*x));
	ml_frontmatter_split(text, len, &sp);
	x->a.path = path;
	x->a.text = text;
	x->a.len = len;
	x->a.body_offset = sp.body_offset;
	x->a.body_line = sp.body_line;
	x->a.fm_present = sp.present;
	if (sp.present && sp.closed &&
	    ml_yaml_parse(text + sp.yaml_offset, sp.yaml_len, sp.yaml_line,
			  &x->tree, &err) == 0 &&
	    ml_tree_root(x->tree)->type == ML_NODE_MAP)
		x->a.fm = ml_tree_root(x->tree);
	x->doc = ml_document_parse(text + sp.body_offset, len - sp.body_offset,
				   sp.body_line, (long)sp.body_offset);
	x->a.doc = x->doc;
	x->a.profile = pr;
	if (x->doc && pr && pr->nsections) {
		x->located = 1;
		if (ml_sections_locate(&x->sec, pr, x->doc, x->a.fm,
				       ml_citation_reads_as_entry) == ML_OK)
			x->a.sections = &x->sec;
	}
	x->opts.today_y = 2026;
	x->opts.today_m = 6;
	x->opts.today_d = 1;
	x->a.opts = &x->opts;
	ml_findings_init(&x->f);
}

static inline void fx_close(fixture *x)
{
	ml_findings_dispose(&x->f);
	if (x->located)
		ml_sections_dispose(&x->sec);
	ml_document_free(x->doc);
	ml_tree_free(x->tree);
}

static inline int fx_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The findings as sorted "LINE:COL rule" lines (caller frees). */
static inline char *fx_got(const ml_findings *f)
{
	char **lines = calloc(f->len + 1, sizeof(char *));
	ml_buf b = ML_BUF_INIT(ML_LIMIT_TEXT);
	size_t i;

	for (i = 0; i < f->len; i++) {
		ml_buf_printf(&b, "%d:%d %s", f->items[i].line,
			      f->items[i].column,
			      ml_rule_info_get(f->items[i].rule)->id);
		lines[i] = ml_buf_detach(&b);
	}
	qsort(lines, f->len, sizeof(char *), fx_cmp);
	for (i = 0; i < f->len; i++) {
		ml_buf_printf(&b, "%s\n", lines[i]);
		free(lines[i]);
	}
	free(lines);
	return ml_buf_detach(&b);
}

/* "a\nb\n" sorted the same way. */
static inline char *fx_sorted(const char *want)
{
	char *lines[64];
	const char *p = want, *nl;
	size_t n = 0, i;
	ml_buf b = ML_BUF_INIT(ML_LIMIT_TEXT);

	while (*p && n < 64) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		if (nl > p)
			lines[n++] = ml_strndup(p, (size_t)(nl - p));
		p = *nl ? nl + 1 : nl;
	}
	qsort(lines, n, sizeof(char *), fx_cmp);
	for (i = 0; i < n; i++) {
		ml_buf_printf(&b, "%s\n", lines[i]);
		free(lines[i]);
	}
	return ml_buf_detach(&b);
}

/* Prints every message when a test fails, to see why. */
#define fx_expect(x, want)                                              \
	do {                                                            \
		char *got_ = fx_got(&(x)->f), *want_ = fx_sorted(want); \
		size_t i_;                                              \
		if (strcmp(got_, want_))                                \
			for (i_ = 0; i_ < (x)->f.len; i_++)             \
				fprintf(stderr, "  %d:%d %s\n",         \
					(x)->f.items[i_].line,          \
					(x)->f.items[i_].column,        \
					(x)->f.items[i_].message);      \
		assert_string_equal(got_, want_);                       \
		free(got_);                                             \
		free(want_);                                            \
	} while (0)

/* The default schema's sections, byline and credentials, by hand. */
static const char *const fx_disclaimer[] = {
	"for educational and informational purposes only", "medical advice"
};
static const char *const fx_creds[] = { "MD",  "DO",   "PhD",	"PharmD", "PT",
					"DPT", "RN",   "NP",	"PA-C",	  "RD",
					"ATC", "CSCS", "OTR/L", "DC" };

static inline void fx_default_profile(ml_profile *p, ml_section_spec *s)
{
	memset(p, 0, sizeof(*p));
	memset(s, 0, 6 * sizeof(*s));
	s[0].id = "definition";
	s[0].heading = "^{term} Definition and Meaning$";
	s[0].min_words = 30;
	s[1].id = "exercises";
	s[1].heading = "^{term} Exercises$";
	s[2].id = "conditions";
	s[2].heading = "^Common {term} Injuries and Conditions$";
	s[3].id = "disclaimer";
	s[3].heading = "^Disclaimer$";
	s[3].must_contain = (const char **)fx_disclaimer;
	s[3].nmust_contain = 2;
	s[4].id = "references";
	s[4].heading = "^References$";
	s[4].citations = ML_CITE_APA7;
	s[4].order = ML_ORDER_CITATION;
	s[5].id = "related";
	s[5].heading = "^Related Terms$";
	for (int i = 0; i < 6; i++) {
		s[i].level = 2;
		s[i].required = i < 5;
	}
	p->sections = s;
	p->nsections = 6;
	p->byline = "^Medically and clinically reviewed by (.+)$";
	p->credentials = (const char **)fx_creds;
	p->ncredentials = sizeof(fx_creds) / sizeof(fx_creds[0]);
	p->review_max_age_days = 730;
}

#endif
