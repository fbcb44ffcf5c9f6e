/* rules/wording.c - wording: the schema's avoid and prefer entries and
 * the shipped health defaults (schemas/wording-defaults.yaml), matched
 * as whole words in the prose, never in code, links, block quotes,
 * quotation marks, proper names or the reference list. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules/internal.h"
#include "rules/rules.h"
#include "util/fold.h"
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
	size_t i;

	for (i = 0; i < nlist; i++)
		if (strlen(list[i]) == n && ml_fold_ascii_same(w, list[i], n))
			return 1;
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

/* Phrases are found by their lead: the run of word bytes they start
 * with ("no" of "no side effects", "100" of "100% safe", "risk" of
 * "risk-free", all of "cure"), ASCII case folded. A phrase can match at
 * a word of the text only when that word is its lead, or, for a phrase
 * that is its lead alone, the lead inflected (ml_prose_match_n: "cures",
 * "curing", "remedies"); so each word of the text is looked up once by
 * its folded bytes and once per inflection it ends in, and only the
 * phrases found there are matched. */
typedef ml_wording_phrase cand;
typedef ml_wording_lead lead_slot;

#define NONE ML_WORDING_NONE
#define FNV_INIT ML_WORDING_FNV_INIT
#define FNV(h, c) ML_WORDING_FNV(h, c)

typedef rules_wording_walk wctx;

/* May the word t[at..e) match a phrase? */
static int may_match(const wctx *w, const char *t, size_t at, size_t e)
{
	return rules_wording_may(w->ix, t, at, e);
}

/* The group of lead s[0..n) (then a final byte tail, when not 0) with
 * hash h, or NULL. */
static const lead_slot *lookup(const wctx *w, uint32_t h, const char *s,
			       size_t n, int tail)
{
	size_t k = h & (w->ix->nslot - 1), m = n + (tail != 0);
	const lead_slot *sl;

	for (;; k = (k + 1) & (w->ix->nslot - 1)) {
		sl = &w->ix->slot[k];
		if (!sl->lead)
			return NULL;
		if (sl->hash == h && sl->len == m &&
		    ml_fold_ascii_same(sl->lead, s, n) &&
		    (!tail || lower_ascii((unsigned char)sl->lead[n]) == tail))
			return sl;
	}
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

static unsigned pair_of(const char *s)
{
	return (unsigned)lower_ascii((unsigned char)s[0]) << 8 |
	       (s[1] ? (unsigned)lower_ascii((unsigned char)s[1]) : 0);
}

/* The order in which phrases are preferred at one place: by entry, a
 * one-letter phrase before the entry's others, then by phrase. */
static unsigned long rank_of(const cand *c)
{
	return ((unsigned long)c->entry * 2 + (c->len > 1)) * 65536ul +
	       c->phrase;
}

typedef struct {
	const cand *best;
	unsigned long rank;
} pick;

/* The phrases of one group that match at t[at]: keeps the first in the
 * order of rank_of. */
static void try_group(const wctx *w, const lead_slot *sl, const char *t,
		      size_t end, size_t at, pick *pk)
{
	const ml_profile *p = w->a->profile;
	unsigned c;
	int exact;

	if (!sl)
		return;
	for (c = sl->first; c != NONE; c = w->ix->phrase[c].next) {
		const cand *x = &w->ix->phrase[c];
		unsigned long r = rank_of(x);
		if (r >= pk->rank)
			continue;
		if (ml_prose_match_n(t, end, at, x->text, x->len,
				     p->wording[x->entry].inflect, &exact)) {
			pk->best = x, pk->rank = r;
		}
	}
}

/* Ring of the hashes of the word's first k folded bytes, k = n-4 .. n. */
#define RING 8

/* The groups a word t[at..e) may match: its own, and those of the
 * stems its inflections leave ("cures" -> "cure", "curing" -> "cure",
 * "remedies" -> "remedy"), each tried into pk; with pk NULL, only
 * whether there is one (1) or none (0). */
static int try_word(const wctx *w, const char *t, size_t end, size_t at,
		    size_t e, const uint32_t *ring, pick *pk)
{
	size_t n = e - at;
	const char *s = t + at;
	const lead_slot *g;
	int c1 = n >= 1 ? lower_ascii((unsigned char)s[n - 1]) : 0,
	    c2 = n >= 2 ? lower_ascii((unsigned char)s[n - 2]) : 0,
	    c3 = n >= 3 ? lower_ascii((unsigned char)s[n - 3]) : 0,
	    c4 = n >= 4 ? lower_ascii((unsigned char)s[n - 4]) : 0;
#define H(k) ring[(n - (k)) % RING]
#define GROUP(sl)                                        \
	do {                                             \
		if ((g = (sl)) != NULL) {                \
			if (!pk)                         \
				return 1;                \
			try_group(w, g, t, end, at, pk); \
		}                                        \
	} while (0)
#define TRY(k) GROUP(lookup(w, H(k), s, n - (k), 0))
#define TRY_TAIL(k, ch) GROUP(lookup(w, FNV(H(k), ch), s, n - (k), ch))

	TRY(0);
	if (c1 == 's') {
		TRY(1);
		if (c2 == 'e') {
			TRY(2);
			if (c3 == 'i')
				TRY_TAIL(3, 'y');
		}
		if (c2 == 'r' && c3 == 'e') {
			TRY(3);
			if (c4 == 'i')
				TRY_TAIL(4, 'y');
		}
	} else if (c1 == 'd') {
		TRY(1);
		if (c2 == 'e') {
			TRY(2);
			if (c3 == 'i')
				TRY_TAIL(3, 'y');
		}
	} else if (c1 == 'r' && c2 == 'e') {
		TRY(2);
		if (c3 == 'i')
			TRY_TAIL(3, 'y');
	} else if (c1 == 'g' && c2 == 'n' && c3 == 'i') {
		TRY(3);
		TRY_TAIL(3, 'e');
	}
#undef H
#undef GROUP
#undef TRY
#undef TRY_TAIL
	return 0;
}

/* The entries at a word start t[at..e): the first (in entry order)
 * whose phrase matches and is not let go by its neighbours; returns the
 * length matched (0: none). */
static size_t try_entries(wctx *w, const char *t, size_t from, size_t end,
			  size_t at, size_t e, const uint32_t *ring)
{
	const ml_profile *p = w->a->profile;
	unsigned pairs[2] = { (unsigned)lower_ascii((unsigned char)t[at]) << 8,
			      0 };
	pick pk = { NULL, (unsigned long)-1 };
	size_t best, bestk, i, j, len;

	(void)try_word(w, t, end, at, e, ring, &pk);
	if (!pk.best)
		return 0;
	best = pk.best->entry, bestk = pk.best->phrase;
	len = try_phrase(w, t, from, end, at, &p->wording[best], bestk);
	if (len)
		return len;
	/* let go: the other phrases and entries, in order */
	pairs[1] = at + 1 < end ? pair_of(t + at) : pairs[0];
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

/* The bytes scan_block stops at: an ASCII letter or digit, '"', or a
 * byte of a UTF-8 sequence (a letter, or a curly quotation mark); every
 * other byte is passed over without a look. */
enum { SC_WORD = 1, SC_QUOTE = 2, SC_HIGH = 4 };

#define SC_D10 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
#define SC_L26 SC_D10, SC_D10, 1, 1, 1, 1, 1, 1
#define SC_H16 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4
#define SC_H128 SC_H16, SC_H16, SC_H16, SC_H16, SC_H16, SC_H16, SC_H16, SC_H16
const unsigned char rules_wording_class[256] = {
	['"'] = SC_QUOTE, ['0'] = SC_D10,   ['A'] = SC_L26,
	['a'] = SC_L26,	  [0x80] = SC_H128,
};
#define sc_class rules_wording_class

static inline int sc_word(const char *t, size_t n, size_t i)
{
	unsigned char c = (unsigned char)t[i];

	if (c < 0x80)
		return sc_class[c] & SC_WORD;
	return ml_prose_word_byte(t, n, i);
}

/* The hashes of the folded bytes of t[at..e) and its last prefixes. */
static void hash_word(const char *t, size_t at, size_t e, uint32_t *ring)
{
	size_t k;

	ring[0] = FNV_INIT;
	for (k = at; k < e; k++)
		ring[(k - at + 1) % RING] =
			FNV(ring[(k - at) % RING],
			    lower_ascii((unsigned char)t[k]));
}

/* Reads t[w->pos .. to) of the block being read, as a whole block is
 * read from its start: quotation marks turn quoting on and off, and at
 * each word start outside quotes the entries are tried. w->pos ends at
 * to, or past it when a match runs on. */
static void scan_range(wctx *w, size_t to)
{
	const char *t = w->text;
	const unsigned char *u = (const unsigned char *)t;
	size_t i = w->pos, len, e, k, end = w->end;
	uint32_t ring[RING];
	unsigned c;

	while (i < to) {
		c = sc_class[u[i]];
		if (!c) {
			i++;
			continue;
		}
		if (c & SC_QUOTE) {
			w->quoted = !w->quoted;
			i++;
			continue;
		}
		if (c & SC_HIGH) {
			if (quote_mark(t, end, i, &k)) {
				w->quoted = !w->quoted;
				i += k;
				continue;
			}
			if (w->quoted || !ml_prose_word_byte(t, end, i)) {
				i++;
				continue;
			}
		} else if (w->quoted) {
			i++;
			continue;
		}
		if (i > w->from && sc_word(t, end, i - 1)) {
			i++;
			continue;
		}
		for (e = i + 1;;) {
			e = rules_alnum_end(t, e, end);
			if (e >= end || u[e] < 0x80 ||
			    !ml_prose_word_byte(t, end, e))
				break;
			e++;
		}
		if (!may_match(w, t, i, e)) {
			i = e;
			continue;
		}
		/* the word's folded bytes hashed, the last prefixes kept */
		hash_word(t, i, e, ring);
		len = try_entries(w, t, w->from, end, i, e, ring);
		if (len == (size_t)-1) {
			w->rc = ML_ENOMEM;
			break;
		}
		/* else the rest of the word: no word start and no quotation
		 * mark (neither is a word byte) */
		i = len ? i + len : e;
	}
	w->pos = i;
}

void rules_wording_begin(wctx *w, const ml_prose_text *pt,
			 const ml_prose_block *b)
{
	w->pt = pt;
	w->text = ml_buf_cstr(&pt->text);
	w->from = w->pos = b->start;
	w->end = b->end;
	w->quoted = 0;
}

void rules_wording_try(wctx *w, size_t at, size_t e)
{
	const char *t = w->text;
	uint32_t ring[RING];
	size_t len;

	hash_word(t, at, e, ring);
	len = try_entries(w, t, w->from, w->end, at, e, ring);
	if (len == (size_t)-1)
		w->rc = ML_ENOMEM;
	else if (len)
		w->pos = at + len;
}

int rules_wording_leads(const wctx *w, size_t at, size_t e)
{
	uint32_t ring[RING];

	if (!rules_wording_may(w->ix, w->text, at, e))
		return 0;
	hash_word(w->text, at, e, ring);
	return try_word(w, w->text, w->end, at, e, ring, NULL);
}

void rules_wording_slow(wctx *w, size_t at, size_t e, int one)
{
	if (w->rc || at < w->pos)
		return;	   /* a match ran over it */
	scan_range(w, at); /* what the split passed over: marks, a URL */
	if (at < w->pos || w->rc)
		return;
	if (!one) {
		scan_range(w, e);
		return;
	}
	w->pos = e;
	if (!w->quoted && may_match(w, w->text, at, e))
		rules_wording_try(w, at, e);
}

void rules_wording_end(wctx *w)
{
	if (!w->rc)
		scan_range(w, w->end);
}

static int scan_block(wctx *w, const ml_prose_text *pt, const ml_prose_block *b)
{
	rules_wording_begin(w, pt, b);
	rules_wording_end(w);
	return w->rc;
}

int rules_wording_open(wctx *w, const ml_article *a, ml_findings *out)
{
	memset(w, 0, sizeof(*w));
	w->a = a, w->out = out;
	/* a profile made by the loader has it; another is indexed here */
	w->ix = a->profile->wording_index;
	if (!w->ix) {
		if (ml_wording_index_build(a->profile, &w->own))
			return ML_ENOMEM;
		w->ix = w->own;
	}
	return ML_OK;
}

void rules_wording_close(wctx *w)
{
	ml_wording_index_free(w->own);
	w->own = NULL;
}

int rules_wording_rest(wctx *w, const ml_prose_text *t, int walked)
{
	const unsigned skip = ML_IN_LINK | ML_IN_QUOTE;
	ml_prose_text part;
	size_t i, j;
	int rc = w->rc;

	memset(&part, 0, sizeof(part));
	ml_buf_init(&part.text, ML_LIMIT_TEXT);
	for (i = 0; !rc && i < t->nblocks; i++) {
		const ml_prose_block *b = &t->blocks[i];
		/* a block with a link or a quotation is read without them:
		 * as a text of its own, built as wording's would be */
		if (!(b->skipped & skip)) {
			if (!walked)
				rc = scan_block(w, t, b);
			continue;
		}
		rc = ml_prose_text_block(w->a, t, b, skip, &part);
		for (j = 0; !rc && j < part.nblocks; j++)
			rc = scan_block(w, &part, &part.blocks[j]);
	}
	ml_prose_text_dispose(&part);
	return rc;
}

int rules_wording(const ml_article *a, const ml_prose_text *t, ml_findings *out)
{
	wctx w;
	int rc;

	if (!a->doc || !a->profile->nwording)
		return ML_OK;
	rc = rules_wording_open(&w, a, out);
	if (!rc)
		rc = rules_wording_rest(&w, t, 0);
	rules_wording_close(&w);
	return rc;
}

int ml_check_wording(const ml_article *a, ml_findings *out, ml_link_list *links)
{
	(void)links;
	return ml_check_prose(a, ML_PROSE_WORDING, out);
}
