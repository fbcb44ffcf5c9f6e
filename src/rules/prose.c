/* rules/prose.c - the article's prose as plain text, block by block, with
 * the way back to file positions (rules/internal.h).
 *
 * The text runs of the document model (parse/document.h) are literal
 * text only: code spans, code blocks, HTML, link destinations and the
 * front matter are never runs, so they never reach the prose rules. Runs
 * of one block are joined as the reader sees them: with nothing between
 * runs that only emphasis marks separate, with a space across a line
 * break or a code span. */
#include "rules/internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/document.h"
#include "rules/rules.h"

int ml_prose_under(const ml_document *d, int section, int within)
{
	while (section >= 0 && section != within)
		section = d->headings[section].parent;
	return section == within && within >= 0;
}

int ml_prose_section(const ml_article *a, const char *id)
{
	size_t i;

	if (!a->sections)
		return -1;
	for (i = 0; i < a->profile->nsections; i++)
		if (!strcmp(a->profile->sections[i].id, id))
			return a->sections->first[i];
	return -1;
}

/* Runs q and r sit side by side with only emphasis marks between. */
static int adjacent(const ml_article *a, const ml_text *q, const ml_text *r)
{
	long from = q->offset + (long)q->src_len, k;

	if (r->line != q->line || r->offset < from)
		return 0;
	for (k = from; k < r->offset; k++)
		if (!strchr("*_~", a->text[k]))
			return 0;
	return 1;
}

static int add_seg(ml_prose_text *t, size_t run)
{
	if (ml_grow((void **)&t->segs, &t->capsegs, t->nsegs + 1,
		    sizeof(*t->segs)))
		return ML_ENOMEM;
	t->segs[t->nsegs].off = t->text.len;
	t->segs[t->nsegs].run = run;
	t->nsegs++;
	return ML_OK;
}

/* Ends the open block (if any) and opens one for run r. */
static int open_block(ml_prose_text *t, const ml_text *r, int para)
{
	ml_prose_block *b;

	if (t->nblocks && ml_buf_putc(&t->text, '\n'))
		return ML_ENOMEM;
	if (t->nblocks)
		t->blocks[t->nblocks - 1].end = t->text.len - 1;
	if (ml_grow((void **)&t->blocks, &t->capblocks, t->nblocks + 1,
		    sizeof(*t->blocks)))
		return ML_ENOMEM;
	b = &t->blocks[t->nblocks++];
	b->start = t->text.len;
	b->end = t->text.len;
	b->section = r->section;
	b->para = para;
	b->flags = r->flags;
	b->skipped = 0;
	return ML_OK;
}

/* The paragraph holding run r, moving *p forward (both in file order);
 * -1 when r is in a heading or no paragraph. */
static int para_of(const ml_document *d, const ml_text *r, size_t *p)
{
	if (r->flags & ML_IN_HEADING)
		return -1;
	while (*p < d->nparagraphs &&
	       d->paragraphs[*p].offset + (long)d->paragraphs[*p].src_len <=
		       r->offset)
		(*p)++;
	if (*p < d->nparagraphs && d->paragraphs[*p].offset <= r->offset)
		return (int)*p;
	return -1;
}

/* 1 when run r is in the reference list. */
static int in_refs(const ml_document *d, const ml_text *r, int refs, int list)
{
	if (refs >= 0 && ml_prose_under(d, r->section, refs))
		return 1;
	return list >= 0 && r->item >= 0 &&
	       d->items[r->item].list == (size_t)list;
}

/* Adds runs [from, to) of the document to t (cleared first); *p is the
 * paragraph cursor (runs come in file order). */
static int build_runs(const ml_article *a, unsigned skip, size_t from,
		      size_t to, size_t *p, ml_prose_text *t)
{
	const ml_document *d = a->doc;
	size_t i;
	int list = -1, refs = ml_rules_ref_heading(a, &list), para, prev = -2;
	const ml_text *q = NULL;

	ml_buf_clear(&t->text);
	t->nblocks = t->nsegs = 0;
	for (i = from; i < to; i++) {
		const ml_text *r = &d->texts[i];
		int same;

		if ((r->flags & (skip | ML_IN_TABLE)) ||
		    in_refs(d, r, refs, list))
			continue;
		para = para_of(d, r, p);
		same = q && para == prev && r->section == q->section &&
		       ((r->flags ^ q->flags) & ML_IN_HEADING) == 0 &&
		       (para >= 0 || r->line == q->line);
		if (!same && open_block(t, r, para))
			return ML_ENOMEM;
		if (same && !adjacent(a, q, r) && ml_buf_putc(&t->text, ' '))
			return ML_ENOMEM;
		if (add_seg(t, i) || ml_buf_put(&t->text, r->text, r->len))
			return ML_ENOMEM;
		t->blocks[t->nblocks - 1].skipped |= r->flags;
		q = r, prev = para;
	}
	if (t->nblocks) {
		t->blocks[t->nblocks - 1].end = t->text.len;
		if (ml_buf_putc(&t->text, '\n'))
			return ML_ENOMEM;
	}
	return ML_OK;
}

int ml_prose_text_build(const ml_article *a, unsigned skip, ml_prose_text *t)
{
	size_t p = 0;

	memset(t, 0, sizeof(*t));
	ml_buf_init(&t->text, ML_LIMIT_TEXT);
	/* a segment per run and a block per run at most: room made once */
	if (a->doc->ntexts && (ml_grow((void **)&t->segs, &t->capsegs,
				       a->doc->ntexts, sizeof(*t->segs)) ||
			       ml_grow((void **)&t->blocks, &t->capblocks,
				       a->doc->ntexts, sizeof(*t->blocks))))
		return ML_ENOMEM;
	return build_runs(a, skip, 0, a->doc->ntexts, &p, t);
}

int ml_prose_text_block(const ml_article *a, const ml_prose_text *t,
			const ml_prose_block *b, unsigned skip,
			ml_prose_text *out)
{
	size_t lo = 0, hi = t->nsegs, first, last, p = 0;

	/* the block's runs: the segments from its start to its end */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->segs[mid].off < b->start)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	for (last = first; last < t->nsegs && t->segs[last].off < b->end;
	     last++)
		;
	if (first == last) {
		out->nblocks = 0;
		return ML_OK;
	}
	return build_runs(a, skip, t->segs[first].run,
			  t->segs[last - 1].run + 1, &p, out);
}

void ml_prose_text_dispose(ml_prose_text *t)
{
	ml_buf_dispose(&t->text);
	free(t->blocks);
	free(t->segs);
	memset(t, 0, sizeof(*t));
}

static void text_pos(const ml_article *a, const ml_prose_text *t, size_t off,
		     int end, int *line, int *column, long *offset)
{
	size_t lo = 0, hi = t->nsegs, lit;
	const ml_text *r;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->segs[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	if (end && lo > 0 && t->segs[lo].off == off)
		lo--;
	r = &a->doc->texts[t->segs[lo].run];
	lit = off - t->segs[lo].off;
	if (lit > r->len)
		lit = r->len;
	ml_document_text_pos(a->doc, r, lit, line, column, offset);
}

void ml_prose_text_pos(const ml_article *a, const ml_prose_text *t, size_t off,
		       int *line, int *column, long *offset)
{
	text_pos(a, t, off, 0, line, column, offset);
}

void ml_prose_text_end(const ml_article *a, const ml_prose_text *t, size_t off,
		       int *line, int *column, long *offset)
{
	text_pos(a, t, off, 1, line, column, offset);
}

/* ---- the split ------------------------------------------------------- */

/* rules_split is util/prose.c's ml_prose_split, word for word and
 * sentence for sentence (tests/unit/test_prose.c compares the two), made
 * cheap for the walk every article takes: bytes are told apart by one
 * table, ASCII needs no call, and a word's bytes are looked at once. */
enum {
	SP_WORD = 1,  /* ASCII letter or digit */
	SP_HIGH = 2,  /* a byte of a UTF-8 sequence */
	SP_STOP = 4,  /* . ! ? (and the ellipsis' lead, with SP_HIGH) */
	SP_JOIN = 8,  /* ' - . , inside a word */
	SP_CLOSE = 16 /* " ' ) ] after a terminator */
};

#define SP_D10 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
#define SP_L26 SP_D10, SP_D10, 1, 1, 1, 1, 1, 1
#define SP_H16 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2
#define SP_H64 SP_H16, SP_H16, SP_H16, SP_H16
static const unsigned char sp_class[256] = {
	[0] = SP_CLOSE, /* as strchr("\"')]", 0) finds the terminator */
	['0'] = SP_D10,
	['A'] = SP_L26,
	['a'] = SP_L26,
	['.'] = SP_STOP | SP_JOIN,
	['!'] = SP_STOP,
	['?'] = SP_STOP,
	['\''] = SP_JOIN | SP_CLOSE,
	['-'] = SP_JOIN,
	[','] = SP_JOIN,
	['"'] = SP_CLOSE,
	[')'] = SP_CLOSE,
	[']'] = SP_CLOSE,
	[0x80] = SP_H64,
	[0xC0] = SP_H64,
};

static inline int sp_word(const char *s, size_t n, size_t i)
{
	unsigned char c = (unsigned char)s[i];

	if (c < 0x80)
		return sp_class[c] & SP_WORD;
	return ml_prose_word_byte(s, n, i);
}

static inline int sp_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline int sp_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* E2 80 xx */
static inline int sp_e280(const unsigned char *u, size_t n, size_t i, int x)
{
	return i + 2 < n && u[i] == 0xE2 && u[i + 1] == 0x80 && u[i + 2] == x;
}

#if defined(__GNUC__)
#define SP_INLINE inline __attribute__((always_inline))
#else
#define SP_INLINE inline
#endif

/* The end of the word that starts at i (util/prose.c word_end). */
static SP_INLINE size_t sp_word_end(const char *s, size_t n, size_t i,
				    int *joined)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t skip;

	for (;;) {
		i = rules_alnum_end(s, i, n);
		if (i >= n)
			return i;
		if (u[i] >= 0x80) {
			if (ml_prose_word_byte(s, n, i)) {
				i++;
				continue;
			}
			if (!sp_e280(u, n, i, 0x99))
				return i;
			skip = 3; /* ’ */
		} else if (sp_class[u[i]] & SP_JOIN) {
			skip = 1;
		} else {
			return i;
		}
		if (i + skip >= n || !sp_word(s, n, i + skip))
			return i;
		if (u[i] == ',' && !(sp_digit(u[i - 1]) && sp_digit(u[i + 1])))
			return i;
		*joined = 1;
		i += skip;
	}
}

/* A URL at i (util/prose.c url_end): the offset after it, else 0. */
static size_t sp_url_end(const char *s, size_t n, size_t i)
{
	size_t k = i;

	while (k < n && k - i < 12 && sp_alpha((unsigned char)s[k]))
		k++;
	if (!(k > i && k + 3 <= n && !memcmp(s + k, "://", 3)) &&
	    !(i + 4 <= n && !strncmp(s + i, "www.", 4)))
		return 0;
	while (k < n && s[k] != ' ' && s[k] != '\n' && s[k] != '\t')
		k++;
	return k;
}

/* util/prose.c's abbreviations, as it reads them. */
static const char *const sp_abbreviations[] = {
	"e.g", "i.e", "dr",   "mr",  "mrs",  "ms",   "prof", "st",
	"vs",  "cf",  "al",   "fig", "figs", "no",   "nos",  "approx",
	"jr",  "sr",  "inc",  "ltd", "dept", "univ", "vol",  "pp",
	"ca",  "mt",  "jan",  "feb", "mar",  "apr",  "jun",  "jul",
	"aug", "sep", "sept", "oct", "nov",  "dec",  "u.s",  "u.k",
	"a.m", "p.m", "ph.d", "m.d", "eq",   "ed",   "eds",  "min",
	"max", "est", "mg",   "ml",  "kg",   "resp", "viz",  "incl"
};

static int sp_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* The first letters of the abbreviations, a bit each (test_prose's
 * split test tries every abbreviation). */
#define SP_BIT(c) (1u << ((c) - 'a'))
#define SP_ABBR_FIRST                                                          \
	(SP_BIT('a') | SP_BIT('c') | SP_BIT('d') | SP_BIT('e') | SP_BIT('f') | \
	 SP_BIT('i') | SP_BIT('j') | SP_BIT('k') | SP_BIT('l') | SP_BIT('m') | \
	 SP_BIT('n') | SP_BIT('o') | SP_BIT('p') | SP_BIT('r') | SP_BIT('s') | \
	 SP_BIT('u') | SP_BIT('v'))

static int sp_abbreviation(const char *w, size_t n)
{
	size_t i, k;
	unsigned c;

	if (n == 1 && w[0] >= 'A' && w[0] <= 'Z')
		return 1;
	if (n > 6)
		return 0;
	c = (unsigned)sp_lower((unsigned char)w[0]) - 'a';
	if (c >= 26 || !((SP_ABBR_FIRST >> c) & 1u))
		return 0;
	for (i = 0; i < ML_ARRAY_LEN(sp_abbreviations); i++) {
		const char *a = sp_abbreviations[i];
		if (a[0] != sp_lower((unsigned char)w[0]) || strlen(a) != n)
			continue;
		for (k = 0; k < n && sp_lower((unsigned char)w[k]) == a[k]; k++)
			;
		if (k == n)
			return 1;
	}
	return 0;
}

/* At a terminator i: the offset after it and its closing marks when it
 * ends a sentence, else 0 (util/prose.c sentence_stop). */
static size_t sp_stop(const char *s, size_t n, size_t i, const char *word,
		      size_t wlen)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t j, k;
	int dot = s[i] == '.';

	if (dot && i + 2 < n && s[i + 1] == '.' && s[i + 2] == '.')
		j = i + 3, dot = 0;
	else if (sp_e280(u, n, i, 0xA6))
		j = i + 3;
	else
		j = i + 1;
	while (j < n && (s[j] == '.' || s[j] == '!' || s[j] == '?'))
		j++;
	for (;;) {
		if (j < n && (sp_class[u[j]] & SP_CLOSE))
			j++;
		else if (sp_e280(u, n, j, 0x99) || sp_e280(u, n, j, 0x9D))
			j += 3;
		else
			break;
	}
	if (j < n && s[j] != ' ' && s[j] != '\n' && s[j] != '\t')
		return 0;
	if (j >= n || (!dot && s[i] != '.' && u[i] != 0xE2))
		return j;
	if (dot && word && sp_abbreviation(word, wlen))
		return 0;
	for (k = j; k < n && !sp_word(s, n, k); k++)
		;
	if (k < n && u[k] < 0x80 && u[k] >= 'a' && u[k] <= 'z')
		return 0;
	return j;
}

typedef void (*sp_word_fn)(void *ctx, size_t off, size_t len, int syllables);
typedef void (*sp_sentence_fn)(void *ctx, size_t start, size_t end,
			       size_t words);

/* The split, made once for any callbacks (rules_split) and once with the
 * shared pass's own, called directly. */
static SP_INLINE void split_with(const char *s, size_t n, void *ctx,
				 int no_syllables, sp_word_fn word,
				 sp_sentence_fn sentence,
				 rules_wording_walk *ww)
{
	int joined;
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, start = 0, words = 0, e, stop;
	const char *last = NULL;
	size_t lastlen = 0;
	unsigned k;

	while (i < n) {
		k = sp_class[u[i]];
		if (!(k & (SP_WORD | SP_HIGH | SP_STOP))) {
			i++;
			continue;
		}
		if ((k & SP_WORD) || ((k & SP_HIGH) && sp_word(s, n, i))) {
			joined = 0;
			e = sp_word_end(s, n, i, &joined);
			if ((e < n && s[e] == ':') || s[i] == 'w') {
				size_t url = sp_url_end(s, n, i);
				if (url) {
					i = url;
					continue;
				}
			}
			if (word)
				word(ctx, i, e - i,
				     no_syllables ? 0
						  : ml_prose_syllables(s + i,
								       e - i));
			if (ww)
				rules_wording_word(ww, i, e, !joined);
			last = s + i, lastlen = e - i;
			words++;
			i = e;
			continue;
		}
		if ((k & SP_STOP || sp_e280(u, n, i, 0xA6)) &&
		    (stop = sp_stop(s, n, i, last, lastlen))) {
			if (words && sentence)
				sentence(ctx, start, stop, words);
			if (words)
				start = stop;
			words = 0, last = NULL, i = stop;
			continue;
		}
		i++;
	}
	if (words && sentence)
		sentence(ctx, start, n, words);
}

void rules_split(const char *s, size_t n, const ml_prose_cb *cb)
{
	split_with(s, n, cb->ctx, cb->no_syllables, cb->word, cb->sentence,
		   NULL);
}

/* ---- the shared pass ------------------------------------------------- */

/* Words recur ("tendon" forty times in an article, and in the next): what
 * the pass needs of a word (its syllables, claim-uncited's cue bits) is
 * worked out once and kept by the word's bytes, in each thread's table
 * (as util/prose.c keeps syllables), where a new word takes the place of
 * an old one. Both are the word's alone, so an answer kept from another
 * article is the answer. A word of up to WC_WORD bytes
 * is its key: its bytes in three 64-bit words, zero-padded, with its
 * length in byte 23 (so an empty slot, all zero, is no word). */
#define WC_BITS 10
#define WC_WORD 23

typedef struct {
	uint64_t k[3];
	short syllables;  /* -1: not counted yet */
	signed char cues; /* ml_claims_cues, -1: not looked at yet */
} wc_slot;

static _Thread_local wc_slot wc[1 << WC_BITS];

static wc_slot *wc_find(const char *w, size_t n, const char *end)
{
	uint64_t k[3] = { 0, 0, 0 }, h;
	wc_slot *s;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (n < 8 && end - w >= 8) {
		/* most words: one 64-bit word of bytes, the rest known */
		memcpy(&k[0], w, 8);
		k[0] &= ((uint64_t)1 << (8 * n)) - 1;
		k[2] = (uint64_t)n << 56;
		h = k[0] * 0x9E3779B97F4A7C15ull ^ k[2] * 0x165667B19E3779F9ull;
		s = &wc[(h ^ (h >> 29)) >> (64 - WC_BITS)];
		if (s->k[0] != k[0] || s->k[1] != 0 || s->k[2] != k[2]) {
			memcpy(s->k, k, sizeof(k));
			s->syllables = -1;
			s->cues = -1;
		}
		return s;
	}
	if (end - w >= 24) {
		memcpy(k, w, 24);
		if (n < 8)
			k[0] &= ((uint64_t)1 << (8 * n)) - 1, k[1] = k[2] = 0;
		else if (n < 16)
			k[1] &= ((uint64_t)1 << (8 * (n - 8))) - 1, k[2] = 0;
		else
			k[2] &= ((uint64_t)1 << (8 * (n - 16))) - 1;
		k[2] |= (uint64_t)n << 56;
	} else
#endif
	{
		(void)end;
		memcpy(k, w, n);
		((unsigned char *)k)[23] = (unsigned char)n;
	}
	h = k[0] * 0x9E3779B97F4A7C15ull ^ k[1] * 0xC2B2AE3D27D4EB4Full ^
	    k[2] * 0x165667B19E3779F9ull;
	s = &wc[(h ^ (h >> 29)) >> (64 - WC_BITS)];
	if (s->k[0] != k[0] || s->k[1] != k[1] || s->k[2] != k[2]) {
		memcpy(s->k, k, sizeof(k));
		s->syllables = -1;
		s->cues = -1;
	}
	return s;
}

/* One split feeds readability (the whole article's counts) and
 * claim-uncited (the sentences of its blocks) at once. */
typedef struct {
	ml_prose_measure *m; /* NULL: readability counts no whole article */
	ml_claims_ctx *c;
	int claims;		 /* this block is claim-uncited's */
	const char *block, *end; /* the block being split; the text's end */
} prose_pass;

static void pass_word(void *ctx, size_t off, size_t len, int syllables)
{
	prose_pass *p = ctx;
	const char *w = p->block + off;
	wc_slot *s = len <= WC_WORD ? wc_find(w, len, p->end) : NULL;
	ml_prose_measure *m = p->m;

	if (m) {
		if (!s)
			syllables = ml_prose_syllables(w, len);
		else if ((syllables = s->syllables) < 0)
			syllables = s->syllables =
				(short)ml_prose_syllables(w, len);
		m->c.words++;
		m->c.syllables += (size_t)syllables;
		if (syllables >= 3)
			ml_readability_long_word(m, off, len, syllables);
	}
	if (p->claims) {
		if (!s)
			p->c->want |= ml_claims_cues(w, len);
		else if (s->cues < 0)
			p->c->want |=
				(unsigned)(s->cues = (signed char)
						   ml_claims_cues(w, len));
		else
			p->c->want |= (unsigned)s->cues;
	}
}

static void pass_sentence(void *ctx, size_t start, size_t end, size_t words)
{
	prose_pass *p = ctx;

	if (p->m)
		ml_readability_sentence(p->m, start, end, words);
	if (p->claims)
		ml_claims_sentence(p->c, start, end, words);
}

/* The split of the block p->block[0..n) with the pass's callbacks
 * inlined. */
static void pass_split(prose_pass *p, size_t n, rules_wording_walk *ww)
{
	split_with(p->block, n, p, 1, pass_word, pass_sentence, ww);
}

/* Splits block b for the pass, and for wording along it (ww, when it
 * reads every block) when the block has no run wording leaves out. */
static int split_block(prose_pass *p, const ml_prose_text *t,
		       const ml_prose_block *b, rules_wording_walk *ww)
{
	if (!ww || (b->skipped & (ML_IN_LINK | ML_IN_QUOTE))) {
		pass_split(p, b->end - b->start, NULL);
		return ML_OK;
	}
	rules_wording_begin(ww, t, b);
	pass_split(p, b->end - b->start, ww);
	rules_wording_end(ww);
	return ww->rc;
}

/* readability and claim-uncited over the prose text t (headings
 * included: claim-uncited reads paragraphs only, whose blocks are the
 * same). */
static int read_and_claims(const ml_article *a, unsigned which,
			   const ml_prose_text *t, rules_wording_walk *ww,
			   ml_findings *out)
{
	int whole = (which & ML_PROSE_READABILITY) &&
		    !a->profile->readability.nsections;
	ml_prose_measure m;
	ml_claims_ctx c;
	const char *text = ml_buf_cstr(&t->text);
	prose_pass p = { whole ? &m : NULL, &c, 0, text, text + t->text.len };
	size_t i;
	int rc = ML_OK;

	memset(&m, 0, sizeof(m));
	m.text = text;
	if (which & ML_PROSE_CLAIMS) {
		rc = ml_claims_open(&c, a, t, out);
		for (i = 0; !rc && i < t->nblocks; i++) {
			const ml_prose_block *b = &t->blocks[i];
			rc = ml_claims_block(&c, b);
			if (rc < 0)
				break;
			p.claims = rc;
			rc = ML_OK;
			if (!whole && !p.claims)
				continue;
			m.base = b->start;
			p.block = text + b->start;
			rc = split_block(&p, t, b, ww);
			if (!rc)
				rc = c.rc;
		}
		rc = ml_claims_close(&c, rc);
	} else if (whole) {
		for (i = 0; !rc && i < t->nblocks; i++) {
			m.base = t->blocks[i].start;
			p.block = text + t->blocks[i].start;
			rc = split_block(&p, t, &t->blocks[i], ww);
		}
	}
	if (!rc && (which & ML_PROSE_READABILITY))
		rc = ml_readability_report(a, t, whole ? &m : NULL, out);
	return rc;
}

int ml_check_prose(const ml_article *a, unsigned which, ml_findings *out)
{
	ml_prose_text t;
	rules_wording_walk ww;
	int rc, whole = (which & ML_PROSE_READABILITY) &&
			!a->profile->readability.nsections;

	if (!a->profile->nwording)
		which &= ~(unsigned)ML_PROSE_WORDING;
	if (!a->doc || !(which & (ML_PROSE_READABILITY | ML_PROSE_CLAIMS |
				  ML_PROSE_WORDING)))
		return ML_OK;
	/* one text for all three: wording reads it too, but for the blocks
	 * with a link or a block quote, which it reads without them */
	rc = ml_prose_text_build(a, 0, &t);
	if (!rc && whole && (which & ML_PROSE_WORDING)) {
		/* readability splits every block: wording reads along */
		rc = rules_wording_open(&ww, a, out);
		if (!rc)
			rc = read_and_claims(a, which, &t, &ww, out);
		if (!rc)
			rc = rules_wording_rest(&ww, &t, 1);
		rules_wording_close(&ww);
	} else {
		if (!rc && (which & (ML_PROSE_READABILITY | ML_PROSE_CLAIMS)))
			rc = read_and_claims(a, which, &t, NULL, out);
		if (!rc && (which & ML_PROSE_WORDING))
			rc = rules_wording(a, &t, out);
	}
	ml_prose_text_dispose(&t);
	return rc;
}
