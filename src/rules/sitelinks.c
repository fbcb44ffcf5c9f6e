/* rules/sitelinks.c - link-file and link-anchor on a site (a site: block):
 * every link of the article, and the link templates cmark does not see
 * as links (Hugo's {{< ref >}}/{{< relref >}}, Jekyll's {% link %} and
 * {{ site.baseurl }} with spaces), resolved by core/routes.c as the
 * generator resolves them. A template medlint cannot resolve is counted
 * for the run's one "not checked" note, never passed in silence. */
#include "rules/rules.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/routes.h"
#include "parse/document.h"
#include "util/common.h"
#include "util/urlmap.h"

static int report(const ml_article *a, const ml_route_result *res, int line,
		  int col, ml_findings *out)
{
	ml_site_gen g = ml_routes_gen(a->opts->routes);
	const char *gen = g == ML_GEN_PLAIN ? "GitHub" : ml_site_gen_name(g);

	switch (res->verdict) {
	case ML_ROUTE_NO_TARGET:
		return ml_findings_report(out, ML_RULE_LINK_FILE, line, col,
					  "\"%s\" is not a page or file of "
					  "the site (as %s %s it)",
					  res->shown, gen,
					  g == ML_GEN_PLAIN ? "shows"
							    : "builds");
	case ML_ROUTE_NO_ANCHOR:
		return ml_findings_report(out, ML_RULE_LINK_ANCHOR, line, col,
					  "\"#%s\" matches no heading or id "
					  "in %s (ids as %s renders them)",
					  res->frag, res->shown, gen);
	case ML_ROUTE_UNPUBLISHED:
		return ml_findings_report(out, ML_RULE_LINK_FILE, line, col,
					  "\"%s\" is unpublished (a draft): %s "
					  "leaves it out of the site",
					  res->shown, gen);
	case ML_ROUTE_UNDECIDED:
		ml_routes_undecided(a->opts->routes, a->path ? a->path : "-",
				    line, col);
		return ML_OK;
	default: return ML_OK;
	}
}

/* 1 when the link leaves the site (the caller's other checks apply). */
int ml_site_link(const ml_article *a, const ml_link *l, ml_findings *out,
		 int *rc)
{
	ml_route_result res;

	*rc = ml_routes_check(a->opts->routes, a, l->url, &res);
	if (*rc || res.verdict == ML_ROUTE_EXTERNAL)
		return !*rc;
	*rc = report(a, &res, l->line, l->column, out);
	return 0;
}

/* ---- templates in the raw body ---------------------------------------- */

typedef struct {
	const char *s, *end;
	int line;
	const char *line_start;
} scan;

/* A ref/relref shortcode at p ("{{<" or "{{%"): its target, or 0. */
static size_t ref_target(const char *p, const char *end, const char **t)
{
	const char *q = p + 3, *e;

	while (q < end && *q == ' ')
		q++;
	if (end - q > 7 && strncmp(q, "relref ", 7) == 0)
		q += 7;
	else if (end - q > 4 && strncmp(q, "ref ", 4) == 0)
		q += 4;
	else
		return 0;
	while (q < end && *q == ' ')
		q++;
	if (q < end && (*q == '"' || *q == '\'')) {
		e = memchr(q + 1, *q, (size_t)(end - q - 1));
		*t = q + 1;
		return e && !memchr(q + 1, '\n', (size_t)(e - q - 1))
			       ? (size_t)(e - q - 1)
			       : 0;
	}
	for (e = q;
	     e < end && !isspace((unsigned char)*e) && *e != '>' && *e != '%';
	     e++)
		;
	*t = q;
	return (size_t)(e - q);
}

static int one_ref(const ml_article *a, const char *t, size_t n,
		   const char *after, const char *end, int line, int col,
		   ml_findings *out)
{
	char target[1024];
	const char *close = strstr(after, "}}");
	ml_route_result res;
	int rc;

	/* {{< ref "x" >}}#frag: the fragment follows the shortcode */
	if (close && close < end && close[2] == '#' && !memchr(t, '#', n))
		(void)snprintf(target, sizeof(target), "%.*s%.*s", (int)n, t,
			       (int)strcspn(close + 2, ")\" \n"), close + 2);
	else
		(void)snprintf(target, sizeof(target), "%.*s", (int)n, t);
	if (!strchr(target, '{'))
		rc = ml_routes_check_ref(a->opts->routes, a, target, &res);
	else
		rc = ML_OK, res.verdict = ML_ROUTE_UNDECIDED;
	if (!rc && res.verdict == ML_ROUTE_NO_TARGET)
		return ml_findings_report(out, ML_RULE_LINK_FILE, line, col,
					  "ref \"%s\" names no page of the "
					  "site (hugo fails the build on it)",
					  res.shown);
	return rc ? rc : report(a, &res, line, col, out);
}

/* A template where a link's destination is ("](" or href=") holding
 * whitespace, which cmark therefore did not take for a link. */
static int one_dest(const ml_article *a, const char *p, const char *end,
		    char close, int line, int col, ml_findings *out)
{
	const char *e = p;
	char url[1024];
	ml_route_result res;
	int rc;

	while (e < end && *e != close && *e != '\n')
		e++;
	if (e >= end || *e != close || !memchr(p, ' ', (size_t)(e - p)))
		return ML_OK;
	(void)snprintf(url, sizeof(url), "%.*s", (int)(e - p), p);
	rc = ml_routes_check(a->opts->routes, a, url, &res);
	return rc ? rc : report(a, &res, line, col, out);
}

static int fence(const char *p, const char *end)
{
	int sp = 0;

	while (p < end && *p == ' ' && sp < 4)
		p++, sp++;
	return sp < 4 && end - p >= 3 &&
	       (strncmp(p, "```", 3) == 0 || strncmp(p, "~~~", 3) == 0);
}

static int at_brace(const ml_article *a, scan *sc, const char *p,
		    ml_findings *out)
{
	const char *t;
	size_t n;
	int col = (int)(p - sc->line_start) + 1;
	int hugo = ml_routes_gen(a->opts->routes) == ML_GEN_HUGO;

	if (hugo && (p[2] == '<' || p[2] == '%') &&
	    (n = ref_target(p, sc->end, &t)))
		return one_ref(a, t, n, t + n, sc->end, sc->line, col, out);
	if (p - sc->s >= 2 && p[-2] == ']' && p[-1] == '(')
		return one_dest(a, p, sc->end, ')', sc->line, col, out);
	if (p - sc->s >= 6 && strncmp(p - 6, "href=\"", 6) == 0)
		return one_dest(a, p, sc->end, '"', sc->line, col, out);
	return ML_OK;
}

/* ---- MkDocs admonitions ------------------------------------------------ */

/* MkDocs sites write notes as "!!! note", "??? question" (pymdownx.details)
 * and tabs as '=== "Tab"', their body indented four spaces: CommonMark reads
 * that body as code, MkDocs as Markdown. The body is parsed again, without
 * its indentation, and its links checked at their place in the file. */
#define ADMONITION_DEPTH 6

static size_t marker(const char *p, const char *end)
{
	size_t n = 0;

	while (p + n < end && p[n] == ' ')
		n++;
	if (end - (p + n) >= 4 &&
	    (strncmp(p + n, "!!! ", 4) == 0 || strncmp(p + n, "??? ", 4) == 0 ||
	     strncmp(p + n, "???+ ", 5) == 0 || strncmp(p + n, "=== ", 4) == 0))
		return n + 1;
	return 0;
}

typedef struct {
	const ml_article *a;
	ml_findings *out;
	ml_urlmap done; /* "line:col" of links checked in admonitions */
} adm_ctx;

static int admonitions(adm_ctx *x, const char *s, const char *end, int line,
		       int col, int depth);

/* 1 when the link at line:column was checked already: by the article's
 * own parse (lines right under a marker continue its paragraph) or by an
 * enclosing admonition's. */
static int seen(adm_ctx *x, int line, int column, int *rc)
{
	char key[48];
	size_t i;

	for (i = 0; i < x->a->doc->nlinks; i++)
		if (x->a->doc->links[i].line == line &&
		    x->a->doc->links[i].column == column)
			return 1;
	(void)snprintf(key, sizeof(key), "%d:%d", line, column);
	if (ml_urlmap_get(&x->done, key, NULL))
		return 1;
	*rc = ml_urlmap_put(&x->done, key, 0);
	return *rc != ML_OK;
}

/* The body after the marker line at p: de-indented into body, checked. */
static const char *admonition(adm_ctx *x, const char *p, const char *end,
			      int *line, int col, int depth, size_t ind,
			      int *rc)
{
	ml_buf body = ML_BUF_INIT(ML_LIMIT_TEXT);
	const char *q = memchr(p, '\n', (size_t)(end - p));
	int first = *line + 1, n = 0;
	ml_document *doc;
	size_t i;

	q = q ? q + 1 : end;
	while (q < end && !*rc) {
		const char *e = memchr(q, '\n', (size_t)(end - q));
		size_t len = (size_t)((e ? e + 1 : end) - q), k = 0;
		while (k < len && q[k] == ' ')
			k++;
		if (k < len && q[k] != '\n' && q[k] != '\r' && k < ind + 4)
			break; /* the body ends at a line less indented */
		*rc = ml_buf_put(&body, q + (k < ind + 4 ? k : ind + 4),
				 len - (k < ind + 4 ? k : ind + 4));
		q += len;
		n++;
	}
	if (!*rc && body.len &&
	    (doc = ml_document_parse(body.ptr, body.len, first, 0))) {
		for (i = 0; i < doc->nlinks && !*rc; i++) {
			ml_link l = doc->links[i];
			l.column += col + (int)ind + 4 - 1;
			if (!seen(x, l.line, l.column, rc))
				(void)ml_site_link(x->a, &l, x->out, rc);
		}
		ml_document_free(doc);
		if (!*rc && depth < ADMONITION_DEPTH)
			*rc = admonitions(x, body.ptr, body.ptr + body.len,
					  first, col + (int)ind + 4, depth + 1);
	}
	ml_buf_dispose(&body);
	*line += n;
	return q;
}

static int admonitions(adm_ctx *x, const char *s, const char *end, int line,
		       int col, int depth)
{
	const char *p = s;
	int rc = ML_OK, infence = 0;
	size_t m;

	while (p < end && !rc) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		if (fence(p, end))
			infence = !infence;
		if (!infence && (m = marker(p, end))) {
			p = admonition(x, p, end, &line, col, depth, m - 1,
				       &rc);
			line++;
			continue;
		}
		p = e ? e + 1 : end;
		line++;
	}
	return rc;
}

int ml_site_templates(const ml_article *a, ml_findings *out)
{
	scan sc;
	const char *p;
	int infence = 0, rc = ML_OK;

	sc.s = a->text + a->body_offset;
	sc.end = a->text + a->len;
	sc.line = a->body_line;
	sc.line_start = sc.s;
	if (ml_routes_gen(a->opts->routes) == ML_GEN_MKDOCS) {
		adm_ctx x = { a, out, { NULL, NULL, 0, 0 } };
		rc = admonitions(&x, sc.s, sc.end, sc.line, 1, 0);
		ml_urlmap_dispose(&x.done);
	}
	/* line by line, each searched for its braces (most lines have
	 * none: a byte loop here cost as much as the route index) */
	for (p = sc.s; p < sc.end && !rc;) {
		const char *nl = memchr(p, '\n', (size_t)(sc.end - p)),
			   *le = nl ? nl : sc.end, *q = p;

		sc.line_start = p;
		if (fence(p, sc.end))
			infence = !infence;
		while (!infence && !rc &&
		       (q = memchr(q, '{', (size_t)(le - q)))) {
			if (q + 2 < sc.end && (q[1] == '{' || q[1] == '%'))
				rc = at_brace(a, &sc, q, out);
			q++;
		}
		if (!nl)
			break;
		p = nl + 1;
		sc.line++;
	}
	return rc;
}
