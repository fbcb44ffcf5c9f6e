/* pipeline/pipeline.c - one article through every check, and the parallel
 * run.
 *
 * Order of work for an article: the file itself (size, binary, UTF-8),
 * front matter (split, YAML, schema), the body (document, sections), then
 * the family table in order. A fault found early stops the checks that
 * need its data, so one fault gives one finding. */
#include "pipeline/pipeline.h"
#include "pipeline/ranges.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cite/citation.h"
#include "core/inline.h"
#include "core/sections.h"
#include "core/typeset.h"
#include "parse/document.h"
#include "parse/frontmatter.h"
#include "parse/mdx.h"
#include "rules/rules.h"
#include "schema/schema.h"
#include "util/common.h"
#include "util/regex.h"

/* The rule families in the order they run, each with the range of rules
 * it reports: a family whose rules are all off is not run. */
typedef struct {
	const char *name;
	ml_rule first, last;
	ml_family_fn check;
} family;

static const family families[] = {
	{ "structure", ML_RULE_SECTION_MISSING, ML_RULE_SECTION_CONTENT,
	  ml_check_structure },
	{ "reviewers", ML_RULE_REVIEWER_BYLINE_MISSING, ML_RULE_REVIEW_FUTURE,
	  ml_check_reviewers },
	{ "files", ML_RULE_SLUG_FILENAME, ML_RULE_RELATED_TERM_MISSING,
	  ml_check_files },
	{ "citations", ML_RULE_CITATION_AUTHOR, ML_RULE_CITATION_STYLE,
	  ml_check_citations },
	{ "links", ML_RULE_LINK_BROKEN, ML_RULE_LINK_INSECURE, ml_check_links },
	/* readability, claim-uncited and wording: one pass over the prose
	 * for the ones that are on (prose_rules) */
	{ "prose", ML_RULE_READABILITY, ML_RULE_WORDING, NULL },
	{ "citation-age", ML_RULE_CITATION_AGE, ML_RULE_CITATION_AGE,
	  ml_check_citation_age },
};

/* ---- the file itself ---------------------------------------------- */

/* Length of the valid UTF-8 sequence at s, or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if ((s[0] == 0xE0 && s[1] < 0xA0) ||
		    (s[0] == 0xED && s[1] > 0x9F))
			return 0; /* overlong, surrogate */
		return 3;
	}
	if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		if ((s[0] == 0xF0 && s[1] < 0x90) ||
		    (s[0] == 0xF4 && s[1] > 0x8F))
			return 0;
		return 4;
	}
	return 0;
}

/* Offset of the first NUL byte or invalid UTF-8 sequence, or len. Plain
 * ASCII, most of any article, is skipped eight bytes at a time. */
static size_t first_bad_byte(const unsigned char *s, size_t len)
{
	const uint64_t high = 0x8080808080808080ULL,
		       ones = 0x0101010101010101ULL;
	size_t i = 0, k;
	uint64_t w;

	while (i < len) {
		while (i + 8 <= len) {
			memcpy(&w, s + i, 8);
			if ((w & high) || ((w - ones) & ~w & high))
				break; /* a non-ASCII or a NUL byte in this word */
			i += 8;
		}
		if (i >= len)
			break;
		if (s[i] == 0)
			return i;
		k = utf8_seq(s + i, len - i);
		if (k == 0)
			return i;
		i += k;
	}
	return len;
}

/* Reports binary content or invalid UTF-8 once, at its position: 1 when
 * it did, 0 when the text is clean, ML_ENOMEM. */
static int check_encoding(const char *text, size_t len, ml_findings *out)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t bad = first_bad_byte(s, len), i, line_start = 0;
	int line = 1;

	if (bad == len)
		return 0;
	for (i = 0; i < bad; i++)
		if (s[i] == '\n') {
			line++;
			line_start = i + 1;
		}
	if (s[bad] == 0
		    ? ml_findings_report(
			      out, ML_RULE_FILE_INVALID, line,
			      (int)(bad - line_start) + 1,
			      "binary file (NUL byte): not a Markdown article")
		    : ml_findings_report(
			      out, ML_RULE_FILE_INVALID, line,
			      (int)(bad - line_start) + 1,
			      "invalid UTF-8 (byte 0x%02X): save the file as UTF-8",
			      s[bad]))
		return ML_ENOMEM;
	return 1;
}

/* ---- front matter ------------------------------------------------- */

typedef struct {
	ml_findings *out;
} schema_ctx;

static void on_violation(void *ctx, const ml_node *at, const char *message,
			 const ml_schema_detail *d)
{
	schema_ctx *c = ctx;
	ml_finding *f = ml_findings_add(c->out, ML_RULE_FRONTMATTER_SCHEMA,
					at->line, at->column, "%s", message);

	if (f && ml_node_is_scalar(at) && at->end_line == at->line) {
		f->end_line = at->end_line;
		f->end_column = at->end_column;
	}
	/* the schema's words; the keyword's own message stays in the
	 * JSON and SARIF properties (a failure only loses those) */
	if (f && d && d->keyword)
		(void)!ml_finding_set_detail(f, d->keyword, d->raw);
}

/* The profile that governs the article (core/typeset.h): its content
 * type's in its language. 1 when its type names no schema (reported):
 * nothing else is checked, as no schema says what it should hold. */
static int choose_profile(const ml_run *run, ml_article *a, const ml_node *fm,
			  ml_findings *out)
{
	int rc = ml_profile_choose(run->profile, fm, a->path, &a->profile, out);

	if (rc == 1) {
		a->profile = run->profile;
		a->unknown_type = 1;
	}
	return rc;
}

static int validate(const ml_article *a, const ml_node *fm, ml_findings *out)
{
	schema_ctx c = { out };
	int rc, spent;

	if (a->unknown_type || !a->profile->frontmatter)
		return ML_OK;
	rc = ml_schema_validate_detail(a->profile->frontmatter, fm,
				       on_violation, &c, &spent);
	if (rc == ML_ELIMIT && spent)
		return ml_findings_report(
			out, ML_RULE_FILE_TOO_COMPLEX, fm->line, 1,
			"front matter not fully validated: the schema's "
			"evaluation ran past %llu steps (nested "
			"anyOf/allOf/oneOf?)",
			ml_schema_step_budget(fm));
	if (rc == ML_ELIMIT && ml_regex_budget_spent(NULL, NULL))
		return ML_OK; /* the body reports it */
	return rc < 0 ? rc : ML_OK;
}

/* Splits and parses the front matter into *tree; sets a->fm when it is a
 * mapping that later rules may read. */
static int front_matter(const ml_run *run, ml_article *a, ml_tree **tree,
			ml_findings *out)
{
	ml_split sp;
	ml_yaml_error err;
	int rc;

	ml_frontmatter_split(a->text, a->len, &sp);
	a->body_offset = sp.body_offset;
	a->body_line = sp.body_line;
	a->fm_present = sp.present;
	/* the default type and the path's language, until the front matter
	 * says more */
	if ((rc = choose_profile(run, a, NULL, out)) < 0)
		return rc;
	if (!sp.present) {
		ml_node empty = { 0 };

		if (ml_findings_report(
			    out, ML_RULE_FRONTMATTER_MISSING, 1, 1,
			    "no front matter: start the file with a '---' line, "
			    "the YAML keys, and a closing '---' (or TOML "
			    "between '+++' lines, or a JSON object)"))
			return ML_ENOMEM;
		/* Still report what is required, so the editor sees the
		 * whole job at once. */
		empty.type = ML_NODE_MAP;
		empty.line = empty.column = 1;
		return validate(a, &empty, out);
	}
	if (!sp.closed && sp.format == ML_FM_JSON) {
		return ml_findings_report(
			out, ML_RULE_FRONTMATTER_SYNTAX, 1, 1,
			"JSON front matter opened on line 1 is never closed: "
			"its braces do not balance");
	}
	if (!sp.closed) {
		const char *fence = ml_frontmatter_fence(sp.format);
		return ml_findings_report(
			out, ML_RULE_FRONTMATTER_SYNTAX, 1, 1,
			"front matter opened on line 1 is never closed: "
			"add a '%s' line after the last key",
			fence);
	}
	if (sp.yaml_len > ML_FRONTMATTER_MAX) {
		return ml_findings_report(out, ML_RULE_FRONTMATTER_SYNTAX,
					  sp.yaml_line, 1,
					  "front matter larger than 1 MiB");
	}
	rc = ml_frontmatter_parse(a->text, &sp, tree, &err);
	if (rc == ML_EINVAL) {
		return ml_findings_report(out, ML_RULE_FRONTMATTER_SYNTAX,
					  err.line, err.column, "%s",
					  err.message);
	}
	if (rc)
		return rc;
	{
		ml_node *root = ml_tree_root(*tree);
		if (root->type == ML_NODE_NULL) {
			root->type = ML_NODE_MAP; /* an empty block is {} */
			root->line = sp.yaml_line;
		}
		if (root->type == ML_NODE_MAP)
			a->fm = root;
		rc = choose_profile(run, a, a->fm, out);
		if (rc < 0)
			return rc;
		return validate(a, root, out);
	}
}

/* ---- the body ------------------------------------------------------ */

/* Which of rules an inline comment disables at line:column: the run-wide
 * link and verification phases come after the article's inline state is
 * gone. */
static int suppressed_at(const ml_inline *in, int line, int column,
			 const ml_rule *rules, size_t n,
			 unsigned long long *out)
{
	ml_findings probe;
	unsigned long long kept = 0, all = 0;
	size_t k;

	ml_findings_init(&probe);
	for (k = 0; k < n; k++) {
		if (!ml_findings_add(&probe, rules[k], line, column, "probe")) {
			ml_findings_dispose(&probe);
			return ML_ENOMEM;
		}
		all |= 1ULL << rules[k];
	}
	ml_inline_filter(in, &probe);
	for (k = 0; k < probe.len; k++)
		kept |= 1ULL << probe.items[k].rule;
	*out = all & ~kept;
	ml_findings_dispose(&probe);
	return ML_OK;
}

static int mark_suppressed(const ml_inline *in, ml_file_result *res)
{
	static const ml_rule link_rules[] = {
		ML_RULE_LINK_BROKEN,   ML_RULE_LINK_PRIVATE,
		ML_RULE_LINK_ANCHOR,   ML_RULE_LINK_TIMEOUT,
		ML_RULE_LINK_BLOCKED,  ML_RULE_LINK_RATE_LIMITED,
		ML_RULE_LINK_REDIRECT, ML_RULE_LINK_INSECURE
	};
	static const ml_rule ref_rules[] = { ML_RULE_CITATION_UNRESOLVED,
					     ML_RULE_CITATION_MISMATCH,
					     ML_RULE_CITATION_RETRACTED,
					     ML_RULE_CITATION_UPDATED,
					     ML_RULE_CITATION_UNVERIFIED };
	size_t i;
	int rc = ML_OK;

	for (i = 0; i < res->links.len && !rc; i++) {
		ml_link_ref *ref = &res->links.items[i];
		rc = suppressed_at(in, ref->line, ref->column, link_rules,
				   ML_ARRAY_LEN(link_rules), &ref->suppressed);
	}
	for (i = 0; i < res->refs.len && !rc; i++) {
		ml_ref_id *ref = &res->refs.items[i];
		rc = suppressed_at(in, ref->line, ref->column, ref_rules,
				   ML_ARRAY_LEN(ref_rules), &ref->suppressed);
	}
	return rc;
}

/* 1 when any rule of [first, last] is on. */
static int any_on(const ml_run *run, ml_rule first, ml_rule last)
{
	int r;

	if (!run->severity)
		return 1;
	for (r = first; r <= (int)last; r++)
		if (run->severity[r] != ML_SEV_OFF)
			return 1;
	return 0;
}

/* The ML_PROSE_* bits of the prose rules that are on. */
static unsigned prose_rules(const ml_run *run)
{
	unsigned bits = 0;
	int r;

	for (r = ML_RULE_READABILITY; r <= (int)ML_RULE_WORDING; r++)
		if (any_on(run, (ml_rule)r, (ml_rule)r))
			bits |= 1u << (r - ML_RULE_READABILITY);
	return bits;
}

/* Every family of the table in order; each skips the rules whose data is
 * missing (a->fm NULL after a front matter fault). Inline medlint
 * comments then filter what the families found. */
static int run_families(const ml_run *run, const ml_article *a,
			ml_file_result *res)
{
	ml_inline *in = NULL;
	size_t i;
	int rc = ML_OK,
	    age = any_on(run, ML_RULE_CITATION_AGE, ML_RULE_CITATION_AGE),
	    age_done = 0;

	for (i = 0; i < ML_ARRAY_LEN(families) && !rc; i++)
		if (!any_on(run, families[i].first, families[i].last) ||
		    (families[i].check == ml_check_citation_age && age_done))
			continue;
		else if (families[i].check == ml_check_citations && age) {
			/* citation-age reads the years of this parse */
			rc = ml_check_citations_age(a, 1, &res->findings,
						    &res->links);
			age_done = 1;
		} else if (families[i].check)
			rc = families[i].check(a, &res->findings, &res->links);
		else
			rc = ml_check_prose(a, prose_rules(run),
					    &res->findings);
	if (!rc && a->opts->verify_refs &&
	    any_on(run, ML_RULE_CITATION_UNRESOLVED,
		   ML_RULE_CITATION_UNVERIFIED))
		rc = ml_collect_ref_ids(a, &res->refs);
	if (!rc)
		rc = ml_inline_build(a->doc, &in, &res->findings);
	if (!rc) {
		ml_inline_filter(in, &res->findings);
		rc = mark_suppressed(in, res);
	}
	ml_inline_free(in);
	return rc;
}

/* The file's regex budget ran out (util/regex.h): what the body's rules
 * found from findings[keep] on is dropped, as not all of them ran, and
 * one finding names the pattern that ran out and where it is defined. */
static int regex_spent(const ml_article *a, ml_file_result *res, size_t keep)
{
	const char *what;
	long line;
	size_t i;

	if (!ml_regex_budget_spent(&what, &line))
		return ML_OK;
	for (i = keep; i < res->findings.len; i++) {
		free(res->findings.items[i].message);
		free(res->findings.items[i].fix_text);
	}
	res->findings.len = keep;
	ml_link_list_dispose(&res->links);
	ml_ref_id_list_dispose(&res->refs);
	return ml_findings_report(&res->findings, ML_RULE_FILE_TOO_COMPLEX,
				  line > 0 ? (int)line : a->body_line, 1,
				  "not fully linted: %s ran out of the file's "
				  "regex budget",
				  what);
}

/* The body: parsed, its sections located once for every family. */
static int body(const ml_run *run, ml_article *a, ml_file_result *res)
{
	ml_document *doc;
	ml_sections sec;
	size_t keep = res->findings.len;
	const char *src = a->text + a->body_offset;
	char *mdx = NULL;
	int rc = ML_OK;

	ml_document_limit why;

	if (ml_regex_budget_spent(NULL, NULL)) /* by the front matter */
		return regex_spent(a, res, keep);
	/* MDX: its syntax blanked in a copy, every offset kept */
	if (ml_mdx_path(a->path)) {
		mdx = malloc(a->len - a->body_offset + 1);
		if (!mdx)
			return ML_ENOMEM;
		memcpy(mdx, src, a->len - a->body_offset + 1);
		if (ml_mdx_blank(mdx, a->len - a->body_offset)) {
			free(mdx);
			return ML_ENOMEM;
		}
		src = mdx;
	}
	rc = ml_document_parse_bounded(src, a->len - a->body_offset,
				       a->body_line, (long)a->body_offset, &doc,
				       &why);
	if (rc) /* the document keeps pointers into mdx until it is freed */
		free(mdx);
	if (rc == ML_ELIMIT) /* one finding: no rule reads the body */
		return ml_findings_report(&res->findings,
					  ML_RULE_FILE_TOO_COMPLEX, why.line, 1,
					  "body not linted: %s", why.what);
	if (rc)
		return rc;
	a->doc = doc;
	if (a->profile->nsections) {
		rc = ml_sections_locate(&sec, a->profile, doc, a->fm,
					ml_citation_reads_as_entry);
		a->sections = &sec; /* disposed below even when rc failed */
	}
	if (!rc)
		rc = run_families(run, a, res);
	if ((!rc || rc == ML_ELIMIT) && ml_regex_budget_spent(NULL, NULL))
		rc = regex_spent(a, res, keep);
	if (a->sections)
		ml_sections_dispose(&sec);
	a->sections = NULL;
	a->doc = NULL;
	ml_document_free(doc);
	free(mdx);
	return rc;
}

/* ---- severities ---------------------------------------------------- */

static void apply_severity(const ml_run *run, ml_findings *f)
{
	size_t i, k = 0;

	for (i = 0; i < f->len; i++) {
		ml_finding *x = &f->items[i];
		ml_severity s = run->severity ? run->severity[x->rule]
					      : x->severity;
		if (s == ML_SEV_ERROR && x->at_most_warning)
			s = ML_SEV_WARNING;
		if (s == ML_SEV_WARNING && x->at_least_error)
			s = ML_SEV_ERROR;
		if (s == ML_SEV_OFF) {
			free(x->message);
			free(x->fix_text);
			continue;
		}
		x->severity = s;
		f->items[k++] = *x;
	}
	f->len = k;
}

/* ---- one article --------------------------------------------------- */

int ml_lint_text(const ml_run *run, const char *path, const char *text,
		 size_t len, ml_file_result *res)
{
	ml_article a;
	ml_tree *tree = NULL;
	int rc = ML_OK;

	memset(res, 0, sizeof(*res));
	ml_findings_init(&res->findings);
	ml_regex_budget_reset();
	res->path = ml_strdup(path);
	if (!res->path)
		return ML_ENOMEM;
	memset(&a, 0, sizeof(a));
	a.path = path;
	a.text = text;
	a.len = len;
	a.profile = run->profile;
	a.opts = &run->opts;
	if (len == 0) {
		rc = ml_findings_report(
			&res->findings, ML_RULE_FILE_INVALID, 1, 1,
			"empty file: an article needs front matter and a body");
		goto done;
	}
	if ((rc = check_encoding(text, len, &res->findings)) != 0) {
		rc = rc > 0 ? ML_OK : rc;
		goto done;
	}
	rc = front_matter(run, &a, &tree, &res->findings);
	if (!rc && !a.unknown_type)
		rc = body(run, &a, res);
done:
	ml_ranges_finish(&a, res);
	ml_tree_free(tree);
	apply_severity(run, &res->findings);
	ml_findings_sort(&res->findings);
	return rc;
}

/* Reads a regular file of at most ML_MAX_FILE_BYTES, NUL-terminated. */
static int read_article(const char *path, char **text, size_t *len,
			ml_file_result *res, int *too_big)
{
	ml_buf b = ML_BUF_INIT(ML_MAX_FILE_BYTES);
	int rc = ml_buf_read_file(&b, path, NULL);

	*text = NULL;
	*too_big = rc == ML_ELIMIT;
	if (rc == ML_EIO)
		res->error = ml_strdup(strerror(errno));
	if (rc == ML_OK) {
		*len = b.len;
		if (!(*text = ml_buf_detach(&b)))
			rc = ML_ENOMEM;
	}
	ml_buf_dispose(&b);
	return rc == ML_ELIMIT ? ML_OK : rc;
}

static int lint_path(const ml_run *run, const char *path, ml_file_result *res)
{
	char *text;
	size_t len = 0;
	int too_big, rc;

	memset(res, 0, sizeof(*res));
	rc = read_article(path, &text, &len, res, &too_big);
	if (rc) {
		char *err = res->error;
		res->error = NULL;
		ml_findings_init(&res->findings);
		res->path = ml_strdup(path);
		res->error = err;
		return rc == ML_EIO ? ML_OK : rc;
	}
	if (too_big) {
		ml_findings_init(&res->findings);
		res->path = ml_strdup(path);
		rc = ml_findings_report(&res->findings, ML_RULE_FILE_INVALID, 1,
					1,
					"file larger than %zu MiB: not linted",
					ML_MAX_FILE_BYTES >> 20);
		apply_severity(run, &res->findings);
		return res->path ? rc : ML_ENOMEM;
	}
	rc = ml_lint_text(run, path, text, len, res);
	free(text);
	return rc;
}

/* ---- the parallel run ---------------------------------------------- */

typedef struct {
	const ml_run *run;
	char *const *paths;
	size_t n;
	ml_file_result *results;
	atomic_size_t next;
	atomic_int rc;
} pool;

static void *worker(void *arg)
{
	pool *p = arg;
	size_t i;

	while ((i = atomic_fetch_add(&p->next, 1)) < p->n) {
		int rc = lint_path(p->run, p->paths[i], &p->results[i]);
		if (rc)
			atomic_store(&p->rc, rc);
	}
	return NULL;
}

int ml_lint_files(const ml_run *run, char *const *paths, size_t n,
		  ml_file_result *results)
{
	pool p;
	pthread_t tids[256];
	int jobs = run->jobs < 1 ? 1 : run->jobs > 256 ? 256 : run->jobs;
	int i, started = 0;

	p.run = run;
	p.paths = paths;
	p.n = n;
	p.results = results;
	atomic_init(&p.next, 0);
	atomic_init(&p.rc, ML_OK);
	if ((size_t)jobs > n)
		jobs = n ? (int)n : 1;
	for (i = 1; i < jobs; i++) {
		if (pthread_create(&tids[i], NULL, worker, &p) != 0)
			break;
		started++;
	}
	worker(&p);
	for (i = 1; i <= started; i++)
		pthread_join(tids[i], NULL);
	return atomic_load(&p.rc);
}

/* ---- the streamed run ---------------------------------------------- */

/* Results wait in a ring of STREAM_WINDOW slots per worker until every
 * file before them is handed on: a slow file holds back at most that
 * many, and memory does not grow with the number of files. */
#define STREAM_WINDOW 32

typedef struct {
	const ml_run *const *runs;
	char *const *paths;
	size_t n, window;
	ml_file_result *slot;
	unsigned char *ready;
	size_t next, handed; /* next to lint; next to hand on */
	int handing;	     /* a thread is in the sink */
	int rc;
	ml_lint_sink sink;
	void *ctx;
	pthread_mutex_t lock;
	pthread_cond_t moved;
} stream;

/* With the lock held: hand on every finished result in order. Only one
 * thread at a time is in the sink, outside the lock. */
static void stream_hand(stream *s)
{
	while (!s->handing && s->handed < s->n &&
	       s->ready[s->handed % s->window]) {
		size_t i = s->handed, k = i % s->window;
		int rc;

		s->handing = 1;
		pthread_mutex_unlock(&s->lock);
		rc = s->rc ? ML_OK : s->sink(s->ctx, i, &s->slot[k]);
		ml_file_result_dispose(&s->slot[k]);
		pthread_mutex_lock(&s->lock);
		if (rc && !s->rc)
			s->rc = rc;
		s->ready[k] = 0;
		s->handed++;
		s->handing = 0;
		pthread_cond_broadcast(&s->moved);
	}
}

static void *stream_worker(void *arg)
{
	stream *s = arg;

	pthread_mutex_lock(&s->lock);
	for (;;) {
		size_t i;
		int rc;

		while (s->next < s->n && s->next >= s->handed + s->window)
			pthread_cond_wait(&s->moved, &s->lock);
		if (s->next >= s->n)
			break;
		i = s->next++;
		pthread_mutex_unlock(&s->lock);
		rc = s->rc ? ML_OK
			   : lint_path(s->runs[i], s->paths[i],
				       &s->slot[i % s->window]);
		pthread_mutex_lock(&s->lock);
		if (rc && !s->rc)
			s->rc = rc;
		s->ready[i % s->window] = 1;
		stream_hand(s);
	}
	stream_hand(s);
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

int ml_lint_stream(const ml_run *const *runs, char *const *paths, size_t n,
		   int jobs, ml_lint_sink sink, void *ctx)
{
	stream s;
	pthread_t tids[256];
	int i, started = 0;

	jobs = jobs < 1 ? 1 : jobs > 256 ? 256 : jobs;
	if ((size_t)jobs > n)
		jobs = n ? (int)n : 1;
	memset(&s, 0, sizeof(s));
	s.runs = runs;
	s.paths = paths;
	s.n = n;
	s.window = (size_t)jobs * STREAM_WINDOW;
	s.sink = sink;
	s.ctx = ctx;
	s.slot = calloc(s.window, sizeof(*s.slot));
	s.ready = calloc(s.window, 1);
	if (!s.slot || !s.ready) {
		free(s.slot);
		free(s.ready);
		return ML_ENOMEM;
	}
	pthread_mutex_init(&s.lock, NULL);
	pthread_cond_init(&s.moved, NULL);
	for (i = 1; i < jobs; i++) {
		if (pthread_create(&tids[i], NULL, stream_worker, &s) != 0)
			break;
		started++;
	}
	stream_worker(&s);
	for (i = 1; i <= started; i++)
		pthread_join(tids[i], NULL);
	pthread_cond_destroy(&s.moved);
	pthread_mutex_destroy(&s.lock);
	free(s.slot);
	free(s.ready);
	return s.rc;
}
