/* rules/wording.c - wording: the schema's avoid and prefer entries and
 * the shipped health defaults (schemas/wording-defaults.yaml), matched
 * as whole words in the prose, never in code, links, block quotes,
 * quotation marks, proper names or the reference list. */
#include <stdlib.h>
#include <string.h>

#include "rules/internal.h"
#include "rules/rules.h"
#include "util/prose.h"

static int lower_ascii(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* The word of t that ends right before i (skipping spaces): [*s, e). */
static int word_before(const char *t, size_t from, size_t i, size_t *s,
		       size_t *e)
{
	size_t k = i;

	while (k > from && t[k - 1] == ' ')
		k--;
	*e = k;
	while (k > from && ml_prose_word_at(t, i, k - 1))
		k--;
	*s = k;
	return *e > *s;
}

static int word_after(const char *t, size_t n, size_t i, size_t *s, size_t *e)
{
	size_t k = i;

	while (k < n && t[k] == ' ')
		k++;
	*s = k;
	while (k < n && ml_prose_word_at(t, n, k))
		k++;
	*e = k;
	return *e > *s;
}

static int in_list(const char *w, size_t n, const char **list, size_t nlist)
{
	size_t i, k;

	for (i = 0; i < nlist; i++) {
		if (strlen(list[i]) != n)
			continue;
		for (k = 0;
		     k < n && lower_ascii((unsigned char)w[k]) ==
				      lower_ascii((unsigned char)list[i][k]);
		     k++)
			;
		if (k == n)
			return 1;
	}
	return 0;
}

/* A capitalised word that does not open a sentence names something
 * ("Cure Parkinson's", "Miracle-Gro"); the entry's own capitals (AIDS)
 * say nothing. */
static int proper_name(const char *t, size_t from, size_t at,
		       const char *phrase)
{
	size_t k = at;

	if (!(t[at] >= 'A' && t[at] <= 'Z') ||
	    (phrase[0] >= 'A' && phrase[0] <= 'Z'))
		return 0;
	while (k > from && (t[k - 1] == ' ' || strchr("\"'([", t[k - 1])))
		k--;
	return k > from && !strchr(".!?:", t[k - 1]);
}

/* One phrase of an entry, with the lower-case pair of letters it starts
 * with (a one-letter phrase: its letter and 0). */
typedef struct {
	unsigned pair;
	unsigned entry, phrase;
	const char *text;
	size_t len;
} cand;

/* Phrases are filed by the class of their first byte (a letter, or any
 * other) and of their second (a letter, none, or any other). */
#define CLASS1 28u
#define NKEYS ((size_t)27 * CLASS1)

typedef struct {
	const ml_article *a;
	const ml_prose_text *pt;
	ml_findings *out;
	cand *idx; /* by key, then in entry order */
	size_t nidx;
	unsigned start[NKEYS + 1]; /* idx[start[k] .. start[k + 1]) */
} wctx;

static unsigned pair_of(const char *s)
{
	return (unsigned)lower_ascii((unsigned char)s[0]) << 8 |
	       (s[1] ? (unsigned)lower_ascii((unsigned char)s[1]) : 0);
}

/* The key of a pair: first byte a letter (0..25) or not (26); second a
 * letter (0..25), none (26) or another byte (27). */
static unsigned key_of(unsigned pair)
{
	unsigned c0 = pair >> 8, c1 = pair & 0xFF, k0, k1;

	k0 = c0 >= 'a' && c0 <= 'z' ? c0 - 'a' : 26;
	k1 = c1 >= 'a' && c1 <= 'z' ? c1 - 'a' : c1 ? 27 : 26;
	return k0 * CLASS1 + k1;
}

/* The phrases filed by key (a counting sort: entry order is kept within
 * a key). */
static int index_phrases(wctx *w)
{
	const ml_profile *p = w->a->profile;
	size_t i, k, n = 0, c;
	unsigned *at;

	memset(w->start, 0, sizeof(w->start));
	for (i = 0; i < p->nwording; i++)
		for (k = 0; k < p->wording[i].nmatch; k++) {
			w->start[key_of(pair_of(p->wording[i].match[k])) + 1]++;
			n++;
		}
	for (c = 0; c < NKEYS; c++)
		w->start[c + 1] += w->start[c];
	w->idx = malloc((n ? n : 1) * sizeof(*w->idx));
	at = malloc(sizeof(w->start));
	if (!w->idx || !at) {
		free(at);
		return ML_ENOMEM;
	}
	memcpy(at, w->start, sizeof(w->start));
	w->nidx = n;
	for (i = 0; i < p->nwording; i++)
		for (k = 0; k < p->wording[i].nmatch; k++) {
			const char *m = p->wording[i].match[k];
			unsigned pair = pair_of(m);
			cand *x = &w->idx[at[key_of(pair)]++];
			x->pair = pair;
			x->entry = (unsigned)i, x->phrase = (unsigned)k;
			x->text = m;
			x->len = strlen(m);
		}
	free(at);
	return ML_OK;
}

/* Replacement cased as the match: "Diabetics" -> "People with ...". */
static int add_fix(ml_finding *fd, const ml_wording_entry *e, const char *m,
		   long off, size_t len)
{
	char *r = ml_strdup(e->replace);
	int rc;

	if (!r)
		return ML_ENOMEM;
	if (m[0] >= 'A' && m[0] <= 'Z' && r[0] >= 'a' && r[0] <= 'z')
		r[0] = (char)(r[0] - 32);
	rc = ml_finding_set_fix(fd, off, len, r) ? ML_ENOMEM : ML_OK;
	free(r);
	return rc;
}

static int report(wctx *w, const ml_wording_entry *e, size_t at, size_t len,
		  int exact)
{
	const char *t = ml_buf_cstr(&w->pt->text);
	int line, col, eline, ecol;
	long off, eoff;
	ml_finding *fd;

	ml_prose_text_pos(w->a, w->pt, at, &line, &col, &off);
	ml_prose_text_end(w->a, w->pt, at + len, &eline, &ecol, &eoff);
	fd = ml_findings_add(w->out, ML_RULE_WORDING, line, col,
			     e->replace ? "\"%.*s\": %s; write \"%s\" (wording "
					  "entry %s)"
					: "\"%.*s\": %s (wording entry %s%s)",
			     (int)len, t + at, e->message,
			     e->replace ? e->replace : e->id,
			     e->replace ? e->id : "");
	if (!fd)
		return ML_ENOMEM;
	fd->end_line = eline;
	fd->end_column = ecol;
	fd->at_least_error = e->error;
	/* the replacement covers exactly the phrase, written in the file as
	 * it reads (no markup or line break inside); --fix applies it only
	 * when it is unambiguous (the phrase itself, the entry's fix not
	 * false), editors offer it always */
	if (!e->replace || eline != line || eoff - off != (long)len ||
	    memcmp(w->a->text + off, t + at, len) != 0)
		return ML_OK;
	if (add_fix(fd, e, t + at, off, len))
		return ML_ENOMEM;
	fd->fix_suggestion = !(e->fix && exact);
	return ML_OK;
}

/* One phrase at a word start, unless a neighbour lets it go: its
 * length, or 0. */
static size_t try_phrase(wctx *w, const char *t, size_t from, size_t end,
			 size_t at, const ml_wording_entry *e, size_t k)
{
	size_t len, ws, we;
	int exact;

	len = ml_prose_match(t, end, at, e->match[k], e->inflect, &exact);
	if (!len || proper_name(t, from, at, e->match[k]))
		return 0;
	if (word_before(t, from, at, &ws, &we) &&
	    in_list(t + ws, we - ws, e->unless_after, e->nunless_after))
		return 0;
	if (word_after(t, end, at + len, &ws, &we) &&
	    in_list(t + ws, we - ws, e->unless_before, e->nunless_before))
		return 0;
	return report(w, e, at, len, exact) ? (size_t)-1 : len;
}

/* The entries at a word start: the first (in entry order) whose phrase
 * matches and is not let go by its neighbours; returns the length
 * matched (0: none). A phrase is tried only under the pair of letters
 * it starts with (or its one letter). */
static size_t try_entries(wctx *w, const char *t, size_t from, size_t end,
			  size_t at)
{
	const ml_profile *p = w->a->profile;
	unsigned pairs[2] = { (unsigned)lower_ascii((unsigned char)t[at]) << 8,
			      0 };
	size_t best = (size_t)-1, bestk = 0, i, j, len;
	int exact;

	pairs[1] = at + 1 < end ? pair_of(t + at) : pairs[0];
	for (j = 0; j < 2; j++) {
		unsigned key = key_of(pairs[j]);
		for (i = w->start[key]; i < w->start[key + 1]; i++) {
			const cand *c = &w->idx[i];
			if (c->entry >= best)
				break;
			if (c->pair != pairs[j] ||
			    !ml_prose_match_n(t, end, at, c->text, c->len,
					      p->wording[c->entry].inflect,
					      &exact))
				continue;
			best = c->entry, bestk = c->phrase;
			break;
		}
	}
	if (best == (size_t)-1)
		return 0;
	len = try_phrase(w, t, from, end, at, &p->wording[best], bestk);
	if (len)
		return len;
	/* let go: the other phrases and entries, in order */
	for (i = 0; i < p->nwording; i++)
		for (j = 0; j < p->wording[i].nmatch; j++) {
			if (i == best && j == bestk)
				continue;
			if (pair_of(p->wording[i].match[j]) != pairs[1] &&
			    pair_of(p->wording[i].match[j]) != pairs[0])
				continue;
			len = try_phrase(w, t, from, end, at, &p->wording[i],
					 j);
			if (len)
				return len;
		}
	return 0;
}

/* Opening and closing quotation marks: " and the curly pair. */
static int quote_mark(const char *t, size_t n, size_t i, size_t *len)
{
	const unsigned char *u = (const unsigned char *)t;

	*len = 1;
	if (t[i] == '"')
		return 1;
	*len = 3;
	return i + 2 < n && u[i] == 0xE2 && u[i + 1] == 0x80 &&
	       (u[i + 2] == 0x9C || u[i + 2] == 0x9D);
}

static int scan_block(wctx *w, const ml_prose_block *b)
{
	const char *t = ml_buf_cstr(&w->pt->text);
	size_t i = b->start, q, len;
	int quoted = 0;

	while (i < b->end) {
		if ((t[i] == '"' || (unsigned char)t[i] == 0xE2) &&
		    quote_mark(t, b->end, i, &q)) {
			quoted = !quoted;
			i += q;
			continue;
		}
		if (quoted || !ml_prose_word_at(t, b->end, i) ||
		    (i > b->start && ml_prose_word_at(t, b->end, i - 1))) {
			i++;
			continue;
		}
		len = try_entries(w, t, b->start, b->end, i);
		if (len == (size_t)-1)
			return ML_ENOMEM;
		if (len) {
			i += len;
			continue;
		}
		/* the rest of the word: no word start and no quotation mark
		 * (neither is a word byte) */
		for (i++; i < b->end && ml_prose_word_at(t, b->end, i); i++)
			;
	}
	return ML_OK;
}

int ml_check_wording(const ml_article *a, ml_findings *out, ml_link_list *links)
{
	ml_prose_text t;
	wctx *w;
	size_t i;
	int rc;

	(void)links;
	if (!a->doc || !a->profile->nwording)
		return ML_OK;
	w = calloc(1, sizeof(*w));
	if (!w)
		return ML_ENOMEM;
	w->a = a, w->pt = &t, w->out = out;
	if (index_phrases(w)) {
		free(w);
		return ML_ENOMEM;
	}
	rc = ml_prose_text_build(a, ML_IN_LINK | ML_IN_QUOTE, &t);
	for (i = 0; !rc && i < t.nblocks; i++)
		rc = scan_block(w, &t.blocks[i]);
	ml_prose_text_dispose(&t);
	free(w->idx);
	free(w);
	return rc;
}
