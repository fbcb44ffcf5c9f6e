/* core/sections.c - locating an article's schema sections, once.
 *
 * {term} and {title} in a pattern expand, regex-escaped, to the article's
 * term and title, so those patterns are compiled per article; plain-text
 * patterns are compared without PCRE2, and the rest come from the
 * per-thread regex cache. */
#include "core/sections.h"

#include <stdlib.h>
#include <string.h>

#include "util/common.h"
#include "util/fold.h"

#define HEADING_FLAGS (ML_RX_CASELESS | ML_RX_WHOLE)

static const char *fm_str(const ml_node *fm, const char *key)
{
	const ml_node *n = fm ? ml_node_get(fm, key) : NULL;

	return n && n->type != ML_NODE_NULL ? ml_node_str(n) : NULL;
}

static ml_name before_colon(const char *s)
{
	const char *colon = strchr(s, ':');

	return ml_name_trimmed(s, colon ? (size_t)(colon - s) : strlen(s));
}

/* term: front matter `term`, else the title (front matter, else H1)
 * before its first colon. */
static void article_names(ml_sections *c, const ml_node *fm)
{
	const char *t =
		fm_str(fm, ml_profile_field(c->profile, ML_FIELD_TITLE));
	const char *term =
		fm_str(fm, ml_profile_field(c->profile, ML_FIELD_TERM));
	const char *h1 = c->doc->title >= 0
				 ? c->doc->headings[c->doc->title].text
				 : NULL;

	c->title.s = NULL;
	c->title.len = 0;
	c->term = c->title;
	if (t || h1)
		c->title = ml_name_trimmed(t ? t : h1, strlen(t ? t : h1));
	if (term)
		c->term = ml_name_trimmed(term, strlen(term));
	if (!c->term.s && (t || h1))
		c->term = before_colon(t ? t : h1);
}

static int ascii(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

/* Most heading patterns are plain text once {term} is filled in: those
 * are compared without PCRE2 (ASCII case folding, as PCRE2 would).
 * Returns 1 when spec i is such a literal, 0 when it needs PCRE2. */
static int literal_spec(ml_sections *c, size_t i, const char *pat)
{
	if (ml_template_has_regex(pat) ||
	    (strstr(pat, "{term}") && !c->term.s) ||
	    (strstr(pat, "{title}") && !c->title.s))
		return 0;
	if (ml_template_human(pat, c->term, c->title, &c->buf, &c->buf2))
		return ML_ENOMEM;
	if (!ascii(ml_buf_cstr(&c->buf), c->buf.len))
		return 0;
	c->lit[i] = c->lits.len + 1;
	return ml_buf_put(&c->lits, ml_buf_cstr(&c->buf), c->buf.len + 1)
		       ? ML_ENOMEM
		       : 1;
}

/* 1 when pat has a | outside parentheses (an alternation around the
 * whole pattern, which splitting at the name would change). */
static int top_alternation(const char *pat)
{
	int depth = 0;

	for (; *pat; pat++) {
		if (*pat == '\\' && pat[1])
			pat++;
		else if (*pat == '(')
			depth++;
		else if (*pat == ')')
			depth--;
		else if (*pat == '|' && depth == 0)
			return 1;
	}
	return 0;
}

/* "Common {term}(?: \\S+)? Injuries": plain text, then one name the article
 * gives, then a pattern without names. The text and name are compared
 * without PCRE2 and the rest comes from the regex cache, so no pattern
 * is compiled per article. Returns 1 when spec i is split so. */
static int split_spec(ml_sections *c, size_t i, const char *pat)
{
	const char *t = strstr(pat, "{term}"), *u = strstr(pat, "{title}");
	const char *at = t && (!u || t < u) ? t : u, *rest;
	ml_name name;

	if (!at)
		return 0;
	name = at == t ? c->term : c->title;
	rest = at + (at == t ? 6 : 7);
	if (!name.s || !*rest || ml_template_has_names(rest) ||
	    top_alternation(pat) || !ascii(name.s, name.len))
		return 0;
	ml_buf_clear(&c->buf);
	if (ml_buf_put(&c->buf, pat, (size_t)(at - pat)))
		return ML_ENOMEM;
	if (ml_template_has_regex(ml_buf_cstr(&c->buf)) ||
	    strchr(ml_buf_cstr(&c->buf), '\\') ||
	    strchr(ml_buf_cstr(&c->buf), '^'))
		return 0;
	if (!(c->re[i] = ml_regex_cached(rest, HEADING_FLAGS)))
		return 0;
	c->head[i] = c->lits.len + 1;
	return ml_buf_put(&c->lits, pat, (size_t)(at - pat)) ||
			       ml_buf_put(&c->lits, name.s, name.len) ||
			       ml_buf_putc(&c->lits, '\0')
		       ? ML_ENOMEM
		       : 1;
}

static int compile_specs(ml_sections *c)
{
	size_t i;
	int rc;

	for (i = 0; i < c->profile->nsections; i++) {
		const char *pat = c->profile->sections[i].heading;
		if (!pat)
			continue;
		if ((rc = literal_spec(c, i, pat)) != 0) {
			if (rc < 0)
				return rc;
			continue;
		}
		if ((rc = split_spec(c, i, pat)) != 0) {
			if (rc < 0)
				return rc;
			continue;
		}
		if (!ml_template_has_names(pat)) {
			c->re[i] = ml_regex_cached(pat, HEADING_FLAGS);
			continue;
		}
		if (ml_template_expand(pat, c->term, c->title,
				       ML_TEMPLATE_REGEX, &c->buf))
			return ML_ENOMEM;
		c->own[i] = ml_regex_new(ml_buf_cstr(&c->buf), c->buf.len,
					 HEADING_FLAGS, NULL);
		c->re[i] = c->own[i];
	}
	return ML_OK;
}

/* lit (NUL-terminated, ASCII) equals s[0..n) ignoring ASCII case. */
static int same_text(const char *lit, const char *s, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		char x = s[k], y = lit[k], lx = (char)(x | 0x20);
		if (!y || (x != y &&
			   !(lx == (char)(y | 0x20) && lx >= 'a' && lx <= 'z')))
			return 0;
	}
	return lit[n] == '\0';
}

/* head (ASCII) equals s[0..n) ignoring ASCII case. */
static int same_prefix(const char *head, const char *s, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		char x = s[k], y = head[k], lx = (char)(x | 0x20);
		if (x != y &&
		    !(lx == (char)(y | 0x20) && lx >= 'a' && lx <= 'z'))
			return 0;
	}
	return 1;
}

/* re[i] on s[0..n) of heading h; a pattern that runs out of the regex
 * budget is named, with where its schema defines it. */
static int heading_match(const ml_sections *c, size_t i, const ml_heading *h,
			 const char *s, size_t n)
{
	const ml_section_spec *sp = &c->profile->sections[i];
	int m = ml_regex_match(c->re[i], s, n, NULL, NULL);

	if (m == ML_ELIMIT)
		ml_regex_budget_blame(h->line,
				      "the heading pattern of section \"%s\" "
				      "(%s:%d:%d)",
				      sp->id ? sp->id : "", c->profile->path,
				      sp->line, sp->column);
	return m == ML_ELIMIT ? m : m == 1;
}

int ml_sections_match(const ml_sections *c, size_t i, const ml_heading *h,
		      int any_level)
{
	const ml_section_spec *s = &c->profile->sections[i];

	if (!any_level && s->level && s->level != h->level)
		return 0;
	if (c->lit[i])
		return same_text(c->lits.ptr + c->lit[i] - 1, h->text, h->len);
	if (c->head[i]) {
		const char *head = c->lits.ptr + c->head[i] - 1;
		size_t n = strlen(head);
		if (h->len < n || !same_prefix(head, h->text, n))
			return 0;
		return heading_match(c, i, h, h->text + n, h->len - n);
	}
	if (c->re[i] && ml_utf8_has_combining(h->text, h->len)) {
		/* a decomposed heading matches its composed pattern */
		char t[512];
		size_t n = h->len < sizeof(t) ? h->len : 0;

		if (n) {
			memcpy(t, h->text, n);
			n = ml_utf8_compose(t, n, 0);
			return heading_match(c, i, h, t, n);
		}
	}
	return c->re[i] ? heading_match(c, i, h, h->text, h->len) : 0;
}

/* Each heading is the first spec it matches. ML_ELIMIT when a heading
 * pattern ran out of the regex budget (blamed on its section). */
static int classify(ml_sections *c)
{
	size_t h, i;
	int m;

	for (i = 0; i < c->profile->nsections; i++)
		c->first[i] = -1;
	for (h = 0; h < c->doc->nheadings; h++)
		c->spec_of[h] = -1;
	for (h = 0; h < c->doc->nheadings; h++) {
		for (i = 0; i < c->profile->nsections; i++) {
			m = ml_sections_match(c, i, &c->doc->headings[h], 0);
			if (m < 0)
				return m;
			if (!m)
				continue;
			c->spec_of[h] = (int)i;
			if (c->first[i] < 0)
				c->first[i] = (int)h;
			break;
		}
	}
	return ML_OK;
}

/* Appends s to b in the form phrases are compared in: lowercase ASCII,
 * curly quotes as straight ones, every run of white space (and no-break
 * space) as one space. Every change shortens the text, so it is done in
 * place after one copy. */
int ml_sections_fold(ml_buf *b, const char *s, size_t n)
{
	size_t r, w = b->len, end, start = b->len;
	char *p;

	if (ml_buf_put(b, s, n))
		return ML_ENOMEM;
	p = b->ptr;
	end = w + n;
	for (r = w; r < end; r++) {
		unsigned char ch = (unsigned char)p[r], k;
		char o = (char)ch;
		if (ch == 0xE2 && r + 2 < end &&
		    (unsigned char)p[r + 1] == 0x80) {
			k = (unsigned char)p[r + 2];
			if (k == 0x98 || k == 0x99 || k == 0x9C || k == 0x9D) {
				o = k < 0x9C ? '\'' : '"';
				r += 2;
			}
		} else if (ch == 0xC2 && r + 1 < end &&
			   (unsigned char)p[r + 1] == 0xA0) {
			o = ' ';
			r++;
		}
		if (ml_is_space(o) || o == ' ') {
			if (w && p[w - 1] != ' ')
				p[w++] = ' ';
			continue;
		}
		p[w++] = (char)(o >= 'A' && o <= 'Z' ? o + 32 : o);
	}
	/* Cyrillic, Greek, accented Latin: lower case, composed
	 * (util/fold.h), which again only shortens */
	if (!ascii(p + start, w - start))
		w = start + ml_utf8_compose(p + start, w - start, 1);
	b->len = w;
	p[w] = '\0';
	return ML_OK;
}

/* ---- sections found by content -------------------------------------- */

static int top_level(unsigned flags)
{
	return !(flags & (ML_IN_LIST | ML_IN_QUOTE));
}

/* How many of spec s's phrases paragraph g says. */
static int phrases_in(ml_sections *c, const ml_section_spec *s,
		      const ml_paragraph *g, size_t *count)
{
	size_t k;

	*count = 0;
	ml_buf_clear(&c->buf);
	if (ml_sections_fold(&c->buf, g->text, g->len))
		return ML_ENOMEM;
	for (k = 0; k < s->nmust_contain; k++) {
		ml_name t = ml_name_trimmed(s->must_contain[k],
					    strlen(s->must_contain[k]));
		ml_buf_clear(&c->buf2);
		if (!t.s)
			continue;
		if (ml_sections_fold(&c->buf2, t.s, t.len))
			return ML_ENOMEM;
		if (strstr(ml_buf_cstr(&c->buf), ml_buf_cstr(&c->buf2)))
			(*count)++;
	}
	return ML_OK;
}

/* Is heading h (or a heading above it) named like a reference list:
 * references, sources, bibliography, works cited, literature,
 * citations? Words are compared folded, at word starts. */
static int refs_heading(ml_sections *c, int h)
{
	static const char *const names[] = { "reference",   "sources",
					     "source list", "bibliograph",
					     "works cited", "literature",
					     "citations",   "cited works" };
	size_t k;

	for (; h >= 0; h = c->doc->headings[h].parent) {
		const char *t, *hit;
		ml_buf_clear(&c->buf);
		if (ml_sections_fold(&c->buf, c->doc->headings[h].text,
				     strlen(c->doc->headings[h].text)))
			return 0;
		t = ml_buf_cstr(&c->buf);
		for (k = 0; k < ML_ARRAY_LEN(names); k++)
			for (hit = t; (hit = strstr(hit, names[k])); hit++)
				if (hit == t ||
				    !((hit[-1] >= 'a' && hit[-1] <= 'z') ||
				      (hit[-1] >= '0' && hit[-1] <= '9')))
					return 1;
	}
	return 0;
}

/* Do most items of list l (more than half) read as references? */
static int reads_as_refs(const ml_sections *c, const ml_list *l)
{
	size_t k, yes = 0;

	if (!c->probe)
		return 0;
	for (k = 0; k < l->nitems; k++) {
		const ml_list_item *it = &c->doc->items[l->first_item + k];
		yes += c->probe(it->src, it->len) != 0;
		if (2 * yes > l->nitems)
			return 1;
		if (2 * (yes + l->nitems - k - 1) <= l->nitems)
			return 0;
	}
	return 0;
}

/* match: list: the last top-level list that is a reference list: under
 * a heading named like one (references, sources, bibliography, ...), or
 * numbered with most items reading as references. Numbered steps and
 * criteria are neither. */
static int find_list(ml_sections *c)
{
	size_t g;

	for (g = c->doc->nlists; g-- > 0;) {
		const ml_list *l = &c->doc->lists[g];
		if (!l->nitems || !top_level(l->flags))
			continue;
		if ((l->section >= 0 && refs_heading(c, l->section)) ||
		    (l->ordered && reads_as_refs(c, l)))
			return (int)g;
	}
	return -1;
}

/* match: paragraph: the top-level paragraph that says most of the
 * phrases (at least one; the last of equals, as disclaimers close a
 * page). match: list: find_list. Only for a section no heading
 * matched. */
static int find_by_content(ml_sections *c)
{
	size_t i, g, best_n, n;
	int rc;

	for (i = 0; i < c->profile->nsections; i++) {
		const ml_section_spec *s = &c->profile->sections[i];
		c->para[i] = c->list[i] = -1;
		if (c->first[i] >= 0 || s->match == ML_MATCH_HEADING)
			continue;
		if (s->match == ML_MATCH_LIST) {
			c->list[i] = find_list(c);
			continue;
		}
		best_n = 0;
		for (g = 0; g < c->doc->nparagraphs; g++) {
			if (!top_level(c->doc->paragraphs[g].flags))
				continue;
			if ((rc = phrases_in(c, s, &c->doc->paragraphs[g], &n)))
				return rc;
			if (n && n >= best_n) {
				best_n = n;
				c->para[i] = (int)g;
			}
		}
	}
	return ML_OK;
}

int ml_sections_found(const ml_sections *c, size_t i)
{
	return c->first[i] >= 0 || c->para[i] >= 0 || c->list[i] >= 0;
}

int ml_sections_usable(const ml_sections *c, size_t i)
{
	return c->re[i] || c->lit[i] ||
	       c->profile->sections[i].match != ML_MATCH_HEADING;
}

int ml_sections_human(const ml_sections *c, size_t i, ml_buf *out,
		      ml_buf *scratch)
{
	const ml_section_spec *s = &c->profile->sections[i];
	/* a name the article does not give is shown as a placeholder, and
	 * the message says why (ml_sections_names_unknown) */
	ml_name term = c->term.s ? c->term : (ml_name){ "[term]", 6 };
	ml_name title = c->title.s ? c->title : (ml_name){ "[title]", 7 };

	if (s->example)
		return ml_template_expand(s->example, term, title,
					  ML_TEMPLATE_TEXT, out);
	if (!s->heading || ml_template_has_regex(s->heading)) {
		/* never a raw regex in a message: the section's id */
		ml_buf_clear(out);
		return ml_buf_puts(out, s->id ? s->id : "(unnamed)");
	}
	return ml_template_human(s->heading, term, title, out, scratch);
}

int ml_sections_names_unknown(const ml_sections *c, size_t i)
{
	const ml_section_spec *s = &c->profile->sections[i];
	const char *t = s->example ? s->example : s->heading;

	if (!t)
		return 0;
	return (!c->term.s && strstr(t, "{term}")) ||
	       (!c->title.s && strstr(t, "{title}"));
}

void ml_sections_dispose(ml_sections *c)
{
	size_t i;

	if (c->own)
		for (i = 0; i < c->profile->nsections; i++)
			ml_regex_free(c->own[i]);
	free(c->re);
	free(c->own);
	free(c->first);
	free(c->spec_of);
	free(c->lit);
	free(c->head);
	free(c->para);
	free(c->list);
	ml_buf_dispose(&c->lits);
	ml_buf_dispose(&c->buf);
	ml_buf_dispose(&c->buf2);
	memset(c, 0, sizeof(*c));
}

int ml_sections_locate(ml_sections *c, const ml_profile *p,
		       const ml_document *doc, const ml_node *fm,
		       ml_ref_probe probe)
{
	size_t n = p->nsections, nh = doc->nheadings ? doc->nheadings : 1;
	int rc;

	memset(c, 0, sizeof(*c));
	c->profile = p;
	c->doc = doc;
	c->probe = probe;
	ml_buf_init(&c->lits, ML_LIMIT_TEXT);
	ml_buf_init(&c->buf, ML_LIMIT_TEXT);
	ml_buf_init(&c->buf2, ML_LIMIT_TEXT);
	/* NOLINTNEXTLINE(bugprone-sizeof-expression): pointers */
	c->re = calloc(n ? n : 1, sizeof(*c->re));
	/* NOLINTNEXTLINE(bugprone-sizeof-expression): pointers */
	c->own = calloc(n ? n : 1, sizeof(*c->own));
	c->first = calloc(n ? n : 1, sizeof(int));
	c->spec_of = calloc(nh, sizeof(int));
	c->lit = calloc(n ? n : 1, sizeof(size_t));
	c->head = calloc(n ? n : 1, sizeof(size_t));
	c->para = calloc(n ? n : 1, sizeof(int));
	c->list = calloc(n ? n : 1, sizeof(int));
	if (!c->re || !c->own || !c->first || !c->spec_of || !c->lit ||
	    !c->head || !c->para || !c->list)
		return ML_ENOMEM;
	article_names(c, fm);
	if (compile_specs(c))
		return ML_ENOMEM;
	if ((rc = classify(c)))
		return rc;
	return find_by_content(c);
}

int ml_section_pattern_check(const char *pattern, ml_buf *err)
{
	ml_buf b = ML_BUF_INIT(ML_LIMIT_TEXT);
	ml_name x = { "x", 1 };
	ml_regex *re;
	int rc;

	ml_buf_init(&b, 1 << 20);
	rc = ml_template_expand(pattern, x, x, ML_TEMPLATE_REGEX, &b);
	if (rc) {
		ml_buf_dispose(&b);
		return rc;
	}
	re = ml_regex_new(ml_buf_cstr(&b), b.len, ML_RX_CASELESS | ML_RX_WHOLE,
			  err);
	ml_buf_dispose(&b);
	if (!re)
		return ML_EINVAL;
	ml_regex_free(re);
	return ML_OK;
}
