/* rules/reviewers.c - reviewer-byline-missing, reviewer-mismatch,
 * reviewer-credential, review-stale, review-future.
 *
 * The byline is the first top-level paragraph before the first section
 * (after the H1) that matches the profile's byline pattern; its capture
 * group holds the people: "Jonathan Lee, MD and Dylan Peterson, PT, DPT".
 * Separators are ',', ';', '&' and the word "and"; a token that is, or
 * looks like, a credential belongs to the person before it.
 *
 * One fault, one finding: a credential off the allow-list is reported
 * once (in the front matter when both places carry it) and that
 * person's credentials are then left out of the byline comparison. */
#include "rules/rules.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "parse/document.h"
#include "parse/node.h"
#include "util/common.h"
#include "util/regex.h"

typedef struct {
	const char *s;
	size_t len;
	int line, column; /* where a finding about it goes */
	int allowed;
} cred;

typedef struct {
	const char *name;
	size_t len;
	size_t first, ncreds; /* creds[first .. first + ncreds) */
	int bad;	      /* holds a credential off the allow-list */
	int matched;
	int line, column; /* a front matter string in byline form: where it
			     is (0: a mapping, or the byline) */
} person;

typedef struct {
	person *p;
	size_t n, cap;
	cred *c;
	size_t nc, capc;
} people;

typedef struct {
	const ml_article *a;
	const ml_profile *pr;
	ml_findings *out;
	people fm, by;
	int have_fm; /* front matter has a reviewers list */
	const ml_paragraph *byline;
} rctx;

static int is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static int is_upper(char ch)
{
	return ch >= 'A' && ch <= 'Z';
}

static void trim(const char **s, size_t *n)
{
	while (*n && is_space(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && is_space((*s)[*n - 1]))
		(*n)--;
}

static int ieq(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i;

	if (an != bn)
		return 0;
	for (i = 0; i < an; i++) {
		char x = a[i], y = b[i];
		if (is_upper(x))
			x = (char)(x + 32);
		if (is_upper(y))
			y = (char)(y + 32);
		if (x != y)
			return 0;
	}
	return 1;
}

/* ---- credentials ----------------------------------------------------- */

static int allowed(const rctx *c, const char *s, size_t n)
{
	size_t i;

	if (!c->pr->ncredentials)
		return 1;
	for (i = 0; i < c->pr->ncredentials; i++) {
		const char *k = c->pr->credentials[i];
		if (strlen(k) == n && !memcmp(k, s, n))
			return 1;
	}
	return 0;
}

static int on_list_ci(const rctx *c, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < c->pr->ncredentials; i++)
		if (ieq(c->pr->credentials[i], strlen(c->pr->credentials[i]), s,
			n))
			return 1;
	return 0;
}

/* One word of at most 12 bytes that is on the allow-list (in any case)
 * or has two capitals and only letters, digits and . - / ( ): MD, PhD,
 * PA-C, OTR/L, M.D., MBBS. */
static int looks_like_credential(const rctx *c, const char *s, size_t n)
{
	size_t i, caps = 0;

	if (!n || n > 12)
		return 0;
	if (on_list_ci(c, s, n))
		return 1;
	for (i = 0; i < n; i++) {
		char ch = s[i];
		if (is_space(ch) ||
		    !(is_upper(ch) || (ch >= 'a' && ch <= 'z') ||
		      (ch >= '0' && ch <= '9') || strchr(".-/()", ch)))
			return 0;
		caps += is_upper(ch);
	}
	return is_upper(s[0]) && caps >= 2;
}

/* ---- people lists ----------------------------------------------------- */

static int add_person(people *l, const char *name, size_t len)
{
	person *p;

	if (ml_grow((void **)&l->p, &l->cap, l->n + 1, sizeof(person)))
		return ML_ENOMEM;
	p = &l->p[l->n++];
	memset(p, 0, sizeof(*p));
	p->name = name;
	p->len = len;
	p->first = l->nc;
	return ML_OK;
}

static int add_cred(rctx *c, people *l, const char *s, size_t len, int line,
		    int col)
{
	cred *k;

	if (!l->n || ml_grow((void **)&l->c, &l->capc, l->nc + 1, sizeof(cred)))
		return l->n ? ML_ENOMEM : ML_OK;
	k = &l->c[l->nc++];
	k->s = s;
	k->len = len;
	k->line = line;
	k->column = col;
	k->allowed = allowed(c, s, len);
	l->p[l->n - 1].ncreds++;
	l->p[l->n - 1].bad |= !k->allowed;
	return ML_OK;
}

static void people_dispose(people *l)
{
	free(l->p);
	free(l->c);
}

/* Length of the separator at s[i] (",", ";", "&", " and "), or 0. */
static size_t separator(const char *s, size_t i, size_t n)
{
	if (s[i] == ',' || s[i] == ';' || s[i] == '&')
		return 1;
	if (is_space(s[i]) && i + 4 < n && ieq(s + i + 1, 3, "and", 3) &&
	    is_space(s[i + 4]))
		return 4;
	return 0;
}

/* Where a token of a reviewers string is: found in the byline's source,
 * or the front matter node that holds it. */
typedef struct {
	const ml_document *d;
	const ml_paragraph *g; /* NULL: always (line, column) */
	size_t cursor;
	int line, column;
} locator;

static void locate(locator *lc, const char *t, size_t n, int *line, int *col)
{
	size_t i;

	*line = lc->line;
	*col = lc->column;
	if (!lc->g || !n)
		return;
	for (i = lc->cursor; i + n <= lc->g->src_len; i++) {
		if (memcmp(lc->g->src + i, t, n) != 0)
			continue;
		ml_document_pos(lc->d, lc->g->offset + (long)i, line, col);
		lc->cursor = i + n;
		return;
	}
}

static int on_list(const rctx *c, const char *s, size_t n)
{
	return c->pr->ncredentials && allowed(c, s, n);
}

/* "Jane Doe, RN" gives two tokens; "Jane Doe RN" one, whose trailing
 * allow-listed words are credentials. */
static int take_token(rctx *c, people *l, const char *t, size_t n, locator *lc)
{
	size_t cut = n, b, e;
	int line, col, rc;

	trim(&t, &n);
	if (!n)
		return ML_OK;
	/* "... PT, DPT." ends a sentence: the period is not the credential's */
	if (n > 1 && t[n - 1] == '.' && !allowed(c, t, n) &&
	    on_list(c, t, n - 1))
		n--;
	if (l->n && looks_like_credential(c, t, n)) {
		locate(lc, t, n, &line, &col);
		return add_cred(c, l, t, n, line, col);
	}
	for (cut = n;; cut = b) {
		for (e = cut; e && is_space(t[e - 1]); e--)
			;
		for (b = e; b && !is_space(t[b - 1]); b--)
			;
		if (!b || !on_list(c, t + b, e - b))
			break;
	}
	for (e = cut; e && is_space(t[e - 1]); e--)
		;
	locate(lc, t, e, &line, &col);
	if ((rc = add_person(l, t, e)))
		return rc;
	while (cut < n && !rc) {
		for (b = cut; b < n && is_space(t[b]); b++)
			;
		for (e = b; e < n && !is_space(t[e]); e++)
			;
		locate(lc, t + b, e - b, &line, &col);
		rc = add_cred(c, l, t + b, e - b, line, col);
		cut = e;
	}
	return rc;
}

static int parse_people(rctx *c, people *l, const char *s, size_t n,
			locator *lc)
{
	size_t i = 0, start = 0, k;
	int rc = ML_OK;

	while (i < n && !rc) {
		if ((k = separator(s, i, n))) {
			rc = take_token(c, l, s + start, i - start, lc);
			i += k;
			start = i;
		} else {
			i++;
		}
	}
	return rc ? rc : take_token(c, l, s + start, n - start, lc);
}

/* credentials: [MD, PhD] or "MD, PhD" */
static int fm_creds(rctx *c, const ml_node *cr)
{
	size_t i;
	int rc = ML_OK;

	if (!cr || cr->type == ML_NODE_NULL)
		return ML_OK;
	if (cr->type != ML_NODE_SEQ) {
		const char *s = ml_node_str(cr), *q;
		size_t n = s ? strlen(s) : 0, k;
		for (i = 0; s && i < n && !rc; i = k + 1) {
			q = memchr(s + i, ',', n - i);
			k = q ? (size_t)(q - s) : n;
			const char *t = s + i;
			size_t tl = k - i;
			trim(&t, &tl);
			if (tl)
				rc = add_cred(c, &c->fm, t, tl, cr->line,
					      cr->column);
		}
		return rc;
	}
	for (i = 0; i < cr->nitems && !rc; i++) {
		const ml_node *k = cr->items[i];
		const char *s = ml_node_str(k);
		if (s && *s)
			rc = add_cred(c, &c->fm, s, strlen(s), k->line,
				      k->column);
	}
	return rc;
}

/* One front matter reviewer: a mapping (name and credentials keys from
 * the schema's fields) or a string in byline form ("Jane Roe, MD, PhD",
 * or several people as the byline names them). */
static int fm_person(rctx *c, const ml_node *it)
{
	const char *nk = ml_profile_field(c->pr, ML_FIELD_REVIEWER_NAME),
		   *ck = ml_profile_field(c->pr, ML_FIELD_REVIEWER_CREDS);
	const char *name = it->type == ML_NODE_MAP
				   ? ml_node_str(ml_node_get(it, nk))
				   : NULL;
	size_t n = name ? strlen(name) : 0;
	int rc;

	if (it->type == ML_NODE_STRING) {
		locator lc = { NULL, NULL, 0, it->line, it->column };
		size_t k = c->fm.n;

		rc = parse_people(c, &c->fm, it->str, it->len, &lc);
		for (; !rc && k < c->fm.n; k++) {
			c->fm.p[k].line = it->line;
			c->fm.p[k].column = it->column;
		}
		return rc;
	}
	trim(&name, &n);
	if (!n) {
		c->have_fm = 0;
		return ML_OK;
	}
	rc = add_person(&c->fm, name, n);
	return rc ? rc : fm_creds(c, ml_node_get(it, ck));
}

/* The front matter reviewers: a list of people, or one person (a key
 * such as medical_reviewer); a malformed entry (the schema reports it)
 * turns the byline comparison off. */
static int fm_people(rctx *c)
{
	const ml_node *rv =
		c->a->fm ? ml_node_get(c->a->fm,
				       ml_profile_field(c->pr,
							ML_FIELD_REVIEWERS))
			 : NULL;
	size_t i;
	int rc = ML_OK;

	if (!rv || (rv->type != ML_NODE_SEQ && rv->type != ML_NODE_MAP &&
		    rv->type != ML_NODE_STRING))
		return ML_OK;
	c->have_fm = 1;
	if (rv->type != ML_NODE_SEQ)
		return fm_person(c, rv);
	for (i = 0; i < rv->nitems && !rc; i++)
		rc = fm_person(c, rv->items[i]);
	return rc;
}

/* ---- the byline -------------------------------------------------------- */

/* Finds the byline and reads its people, or reports it missing. */
static int byline(rctx *c)
{
	const ml_document *d = c->a->doc;
	const ml_regex *re = ml_regex_cached(c->pr->byline, ML_RX_CASELESS);
	int limit = d->title >= 0 ? d->title + 1 : 0, m;
	size_t i, gs = 0, gl = 0;
	locator lc;

	if (!re)
		return ML_OK; /* a bad pattern is the profile loader's to report */
	for (i = 0; i < d->nparagraphs && d->paragraphs[i].section < limit;
	     i++) {
		const ml_paragraph *g = &d->paragraphs[i];
		if (g->flags)
			continue;
		m = ml_regex_match(re, g->text, g->len, &gs, &gl);
		if (m == ML_ELIMIT) /* the pipeline reports it */
			ml_regex_budget_blame(g->line,
					      "the byline pattern (%s:%d:%d)",
					      c->pr->path, c->pr->byline_line,
					      c->pr->byline_column);
		if (m < 0)
			return m == ML_ENOMEM ? m : ML_OK;
		if (m == 1) {
			c->byline = g;
			break;
		}
	}
	if (!c->byline) {
		const ml_heading *h = d->title >= 0 ? &d->headings[d->title]
						    : NULL;
		if (c->pr->byline_example)
			return ml_findings_report(
				c->out, ML_RULE_REVIEWER_BYLINE_MISSING,
				h ? h->line : d->first_line, h ? h->column : 1,
				"no reviewers byline: after the title, add a "
				"line such as \"%s\"",
				c->pr->byline_example);
		return ml_findings_report(
			c->out, ML_RULE_REVIEWER_BYLINE_MISSING,
			h ? h->line : d->first_line, h ? h->column : 1,
			"no reviewers byline: after the title, add the line "
			"the schema's byline describes, naming the reviewers "
			"and their credentials%s",
			"");
	}
	lc.d = d;
	lc.g = c->byline;
	lc.cursor = 0;
	lc.line = c->byline->line;
	lc.column = c->byline->column;
	return parse_people(c, &c->by, c->byline->text + gs, gl, &lc);
}

/* ---- findings ---------------------------------------------------------- */

static int allow_list(const rctx *c, ml_buf *b)
{
	size_t i;
	int rc = ML_OK;

	for (i = 0; i < c->pr->ncredentials && !rc; i++)
		rc = ml_buf_printf(b, "%s%s", i ? ", " : "",
				   c->pr->credentials[i]);
	return rc;
}

/* Name as compared: no "Dr." prefix or final period, case and runs of
 * spaces ignored. */
static int name_key(const person *p, ml_buf *b)
{
	const char *s = p->name;
	size_t n = p->len, i;
	int rc = ML_OK;

	ml_buf_clear(b);
	if (n > 3 && (ieq(s, 3, "dr.", 3) || ieq(s, 3, "dr ", 3))) {
		s += 3;
		n -= 3;
	}
	trim(&s, &n);
	if (n && s[n - 1] == '.')
		n--;
	for (i = 0; i < n && !rc; i++) {
		char ch = s[i];
		if (is_space(ch) && (i == 0 || is_space(s[i - 1])))
			continue;
		if (is_space(ch))
			ch = ' ';
		else if (is_upper(ch))
			ch = (char)(ch + 32);
		rc = ml_buf_putc(b, ch);
	}
	return rc;
}

static person *find_person(people *l, const person *p, ml_buf *k1, ml_buf *k2)
{
	size_t i;

	if (name_key(p, k1))
		return NULL;
	for (i = 0; i < l->n; i++)
		if (!name_key(&l->p[i], k2) &&
		    !strcmp(ml_buf_cstr(k1), ml_buf_cstr(k2)))
			return &l->p[i];
	return NULL;
}

static int has_cred(const people *l, const person *p, const cred *k)
{
	size_t i;

	for (i = p->first; i < p->first + p->ncreds; i++)
		if (l->c[i].len == k->len && !memcmp(l->c[i].s, k->s, k->len))
			return 1;
	return 0;
}

/* The allow-list as "MD, DO, ...", made once per article when needed. */
static const char *list_of(const rctx *c, ml_buf *list)
{
	if (!list->len && allow_list(c, list))
		return "";
	return ml_buf_cstr(list);
}

static int report_credentials(rctx *c)
{
	ml_buf list = ML_BUF_INIT(ML_LIMIT_TEXT),
	       k1 = ML_BUF_INIT(ML_LIMIT_TEXT), k2 = ML_BUF_INIT(ML_LIMIT_TEXT);
	size_t i, j;
	int rc = ML_OK;

	/* "author: Austin": a reviewer in byline form names no credential */
	for (i = 0; i < c->fm.n && !rc; i++)
		if (c->fm.p[i].line && !c->fm.p[i].ncreds)
			rc = ml_findings_report(
				c->out, ML_RULE_REVIEWER_CREDENTIAL,
				c->fm.p[i].line, c->fm.p[i].column,
				"reviewer %.*s has no credential: write it in "
				"byline form, \"%.*s, MD\" (allow-list: %s)",
				(int)c->fm.p[i].len, c->fm.p[i].name,
				(int)c->fm.p[i].len, c->fm.p[i].name,
				list_of(c, &list));
	for (i = 0; i < c->fm.n && !rc; i++)
		for (j = 0; j < c->fm.p[i].ncreds && !rc; j++) {
			const cred *k = &c->fm.c[c->fm.p[i].first + j];
			if (!k->allowed)
				rc = ml_findings_report(
					c->out, ML_RULE_REVIEWER_CREDENTIAL,
					k->line, k->column,
					"credential \"%.*s\" of %.*s is not on the allow-list "
					"(%s)",
					(int)k->len, k->s, (int)c->fm.p[i].len,
					c->fm.p[i].name, list_of(c, &list));
		}
	for (i = 0; i < c->by.n && !rc; i++) {
		const person *b = &c->by.p[i],
			     *f = find_person(&c->fm, b, &k1, &k2);
		for (j = 0; j < b->ncreds && !rc; j++) {
			const cred *k = &c->by.c[b->first + j];
			if (k->allowed || (f && has_cred(&c->fm, f, k)))
				continue;
			rc = ml_findings_report(
				c->out, ML_RULE_REVIEWER_CREDENTIAL, k->line,
				k->column,
				"byline credential \"%.*s\" of %.*s is not on the "
				"allow-list (%s)",
				(int)k->len, k->s, (int)b->len, b->name,
				list_of(c, &list));
		}
	}
	ml_buf_dispose(&list);
	ml_buf_dispose(&k1);
	ml_buf_dispose(&k2);
	return rc ? ML_ENOMEM : ML_OK;
}

static int same_creds(const people *a, const person *pa, const people *b,
		      const person *pb)
{
	size_t i;

	for (i = 0; i < pa->ncreds; i++)
		if (!has_cred(b, pb, &a->c[pa->first + i]))
			return 0;
	for (i = 0; i < pb->ncreds; i++)
		if (!has_cred(a, pa, &b->c[pb->first + i]))
			return 0;
	return 1;
}

static int put_creds(ml_buf *w, const people *l, const person *p)
{
	size_t i;
	int rc = p->ncreds ? ML_OK : ml_buf_puts(w, "no credentials");

	for (i = 0; i < p->ncreds && !rc; i++)
		rc = ml_buf_printf(w, "%s%.*s", i ? ", " : "",
				   (int)l->c[p->first + i].len,
				   l->c[p->first + i].s);
	return rc;
}

static int diff_person(rctx *c, const person *b, person *f, ml_buf *w)
{
	int rc = ML_OK;
	const char *sep = w->len ? "; " : "";

	if (!f)
		return ml_buf_printf(
			w,
			"%sthe byline names %.*s, who is not among "
			"the front matter reviewers",
			sep, (int)b->len, b->name);
	f->matched = 1;
	if (b->bad || f->bad || same_creds(&c->by, b, &c->fm, f))
		return ML_OK;
	rc = ml_buf_printf(w, "%s%.*s is ", sep, (int)b->len, b->name);
	rc = rc || put_creds(w, &c->by, b) ||
	     ml_buf_puts(w, " in the byline but ") || put_creds(w, &c->fm, f) ||
	     ml_buf_puts(w, " in the front matter");
	return rc ? ML_ENOMEM : ML_OK;
}

static int report_mismatch(rctx *c)
{
	ml_buf w = ML_BUF_INIT(ML_LIMIT_TEXT), k1 = ML_BUF_INIT(ML_LIMIT_TEXT),
	       k2 = ML_BUF_INIT(ML_LIMIT_TEXT);
	size_t i;
	int rc = ML_OK;

	if (!c->have_fm || !c->byline)
		return ML_OK;
	for (i = 0; i < c->by.n && !rc; i++)
		rc = diff_person(c, &c->by.p[i],
				 find_person(&c->fm, &c->by.p[i], &k1, &k2),
				 &w);
	for (i = 0; i < c->fm.n && !rc; i++)
		if (!c->fm.p[i].matched)
			rc = ml_buf_printf(
				&w,
				"%sfront matter reviewer %.*s is not "
				"in the byline",
				w.len ? "; " : "", (int)c->fm.p[i].len,
				c->fm.p[i].name);
	if (!rc && w.len)
		rc = ml_findings_report(c->out, ML_RULE_REVIEWER_MISMATCH,
					c->byline->line, c->byline->column,
					"byline and front matter reviewers "
					"differ: %s",
					ml_buf_cstr(&w));
	ml_buf_dispose(&w);
	ml_buf_dispose(&k1);
	ml_buf_dispose(&k2);
	return rc ? ML_ENOMEM : ML_OK;
}

/* ---- review dates ------------------------------------------------------ */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static long days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int digits(const char *s, int n, int *v)
{
	int i;

	for (*v = 0, i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

/* Strict YYYY-MM-DD with a day that exists. */
static int parse_date(const char *s, int *y, int *m, int *d)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31 };

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    !digits(s, 4, y) || !digits(s + 5, 2, m) || !digits(s + 8, 2, d))
		return 0;
	if (*m < 1 || *m > 12 || *d < 1 || *d > mdays[*m - 1])
		return 0;
	return *m != 2 || *d < 29 ||
	       ((*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0);
}

static int report_dates(rctx *c)
{
	const ml_lint_opts *o = c->a->opts;
	const char *key = ml_profile_field(c->pr, ML_FIELD_REVIEWED);
	const ml_node *n = c->a->fm ? ml_node_get(c->a->fm, key) : NULL;
	int y, m, d;
	long age;

	if (!o || !o->today_y || !n || !parse_date(ml_node_str(n), &y, &m, &d))
		return ML_OK;
	age = days_from_civil(o->today_y, o->today_m, o->today_d) -
	      days_from_civil(y, m, d);
	if (age < 0)
		return ml_findings_report(
			c->out, ML_RULE_REVIEW_FUTURE, n->line, n->column,
			"%s %s is after today (%04d-%02d-%02d): "
			"use the date of the review",
			key, n->str, o->today_y, o->today_m, o->today_d);
	if (c->pr->review_max_age_days > 0 && age > c->pr->review_max_age_days)
		return ml_findings_report(
			c->out, ML_RULE_REVIEW_STALE, n->line, n->column,
			"last reviewed %s, %ld days ago (more than %d): have "
			"the article reviewed again",
			n->str, age, c->pr->review_max_age_days);
	return ML_OK;
}

int ml_check_reviewers(const ml_article *a, ml_findings *out,
		       ml_link_list *links)
{
	rctx c;
	int rc;

	if (!a->profile)
		return ML_OK;
	memset(&c, 0, sizeof(c));
	c.a = a;
	c.pr = a->profile;
	c.out = out;
	rc = fm_people(&c);
	if (!rc && a->doc && c.pr->byline)
		rc = byline(&c);
	if (!rc)
		rc = report_credentials(&c);
	if (!rc)
		rc = report_mismatch(&c);
	if (!rc)
		rc = report_dates(&c);
	people_dispose(&c.fm);
	people_dispose(&c.by);
	return rc;
}
