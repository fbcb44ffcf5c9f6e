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
#include "util/scratch.h"

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
	size_t p = 0, i, len = 1;

	memset(t, 0, sizeof(*t));
	ml_buf_init(&t->text, ML_LIMIT_TEXT);
	/* a segment per run and a block per run at most, and the runs'
	 * bytes with a space or a '\n' after each: room made once */
	if (a->doc->ntexts && (ml_grow((void **)&t->segs, &t->capsegs,
				       a->doc->ntexts, sizeof(*t->segs)) ||
			       ml_grow((void **)&t->blocks, &t->capblocks,
				       a->doc->ntexts, sizeof(*t->blocks))))
		return ML_ENOMEM;
	for (i = 0; i < a->doc->ntexts; i++)
		len += a->doc->texts[i].len + 1;
	/* (a text too long for the buffer is refused as it is written) */
	if (len < ML_LIMIT_TEXT && ml_buf_reserve(&t->text, len))
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
 * table, a word of ASCII letters and digits is found and keyed eight
 * bytes at a time, and what the rules need of a word is worked out once
 * per distinct word (the word table below). */
enum {
	SP_WORD = 1,   /* ASCII letter or digit */
	SP_HIGH = 2,   /* a byte of a UTF-8 sequence */
	SP_STOP = 4,   /* . ! ? (and the ellipsis' lead, with SP_HIGH) */
	SP_JOIN = 8,   /* ' - . , inside a word */
	SP_CLOSE = 16, /* " ' ) ] after a terminator */
	SP_MARK = 32,  /* " and _: what wording (") and claim-uncited's
			  tokens (_) must see between words */
	SP_COLON = 64  /* : (a URL's scheme may end there) */
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
	['"'] = SP_CLOSE | SP_MARK,
	['_'] = SP_MARK,
	[':'] = SP_COLON,
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
static size_t sp_word_end(const char *s, size_t n, size_t i, int *joined)
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

/* ---- the word table -------------------------------------------------- */

/* Words recur ("tendon" forty times in an article, and in the next):
 * what the rules need of a word (its syllables, claim-uncited's cue bits
 * and tokens, whether a period after it may end a sentence, wording's
 * quick no) is worked out when first asked and kept by the word's bytes,
 * in each thread's table, where a new word takes the place of an old
 * one. Each answer is the word's alone (wording's is the index's too,
 * and is kept with the index's id), so one kept from another article is
 * the answer. A word of up to WC_WORD bytes is its key: its bytes in two
 * 64-bit words, zero-padded, with its length in the last byte of the
 * first word (up to 7 bytes: the second is then 0) or of the second (so
 * an empty slot, all zero, is no word). */
#define WC_BITS 12
#define WC_WORD 15

enum {
	WC_SYLLABLES = 1,
	WC_CUES = 2, /* and tokens */
	WC_MAY = 4,  /* for the index of id wc_ix */
	WC_ABBR = 8
};

typedef struct {
	uint64_t k[2];
	int syllables;
	unsigned char known; /* WC_*: what the fields hold */
	unsigned char claim; /* ml_claims_tokens, and ml_claims_cues << 6 */
	unsigned char may;   /* rules_wording_leads */
	unsigned char abbr;  /* sp_abbreviation */
} wc_slot;

/* The table is made on the thread's first split (util/scratch.h: not
 * zeroed at every thread's start). Short of memory, the thread uses one
 * slot, wc_one: each word is worked out again, the answers the same. */
static _Thread_local wc_slot *wc;
static _Thread_local wc_slot wc_one;
static _Thread_local size_t wc_mask = ((size_t)1 << WC_BITS) - 1;
static _Thread_local uint32_t wc_ix; /* the index may is for */

static void wc_ready(void)
{
	if (wc)
		return;
	if (!ml_thread_table((void **)&wc, sizeof(wc_slot) << WC_BITS)) {
		wc = &wc_one;
		wc_mask = 0;
	}
}

static SP_INLINE wc_slot *wc_at(uint64_t k0, uint64_t k1)
{
	uint64_t h =
		(k0 ^ (k1 * 0xC2B2AE3D27D4EB4Full)) * 0x9E3779B97F4A7C15ull;
	wc_slot *s = &wc[(h >> (64 - WC_BITS)) & wc_mask];

	if (s->k[0] != k0 || s->k[1] != k1) {
		s->k[0] = k0, s->k[1] = k1;
		s->known = 0;
	}
	return s;
}

/* The slot of word w[0..n); a word too long to be a key gets tmp,
 * emptied. */
static wc_slot *wc_find(const char *w, size_t n, wc_slot *tmp)
{
	uint64_t k[2] = { 0, 0 };

	if (n > WC_WORD) {
		memset(tmp, 0, sizeof(*tmp));
		return tmp;
	}
	memcpy(k, w, n);
	((unsigned char *)k)[n < 8 ? 7 : 15] = (unsigned char)n;
	return wc_at(k[0], k[1]);
}

/* Works out what need asks of word w[0..n) (at [at, e) of wording's
 * text) that slot s does not know yet. */
static void wc_fill(wc_slot *s, unsigned need, const char *w, size_t n,
		    const rules_wording_walk *ww, size_t at)
{
	need &= ~(unsigned)s->known;
	if (need & WC_SYLLABLES)
		s->syllables = ml_prose_syllables(w, n);
	if (need & WC_CUES)
		s->claim = (unsigned char)(ml_claims_tokens(w, n) |
					   ml_claims_cues(w, n) << 6);
	if (need & WC_MAY)
		s->may = (unsigned char)rules_wording_leads(ww, at, at + n);
	s->known |= (unsigned char)need;
}

static SP_INLINE int wc_syllables(wc_slot *s, const char *w, size_t n)
{
	if (!(s->known & WC_SYLLABLES))
		wc_fill(s, WC_SYLLABLES, w, n, NULL, 0);
	return s->syllables;
}

static SP_INLINE int wc_abbr(wc_slot *s, const char *w, size_t n)
{
	if (!(s->known & WC_ABBR)) {
		s->abbr = (unsigned char)ml_prose_abbreviation(w, n);
		s->known |= WC_ABBR;
	}
	return s->abbr;
}

/* The thread's slots' wording answers are for index ix from now on. */
static void wc_use_index(const ml_wording_index *ix)
{
	size_t i;

	if (wc_ix == ix->id)
		return;
	wc_ready();
	for (i = 0; i <= wc_mask; i++)
		wc[i].known &= (unsigned char)~WC_MAY;
	wc_ix = ix->id;
}

/* At a terminator i: the offset after it and its closing marks when it
 * ends a sentence, else 0 (util/prose.c sentence_stop); the word just
 * before is word[0..wlen) with its slot ws. */
static size_t sp_stop(const char *s, size_t n, size_t i, const char *word,
		      size_t wlen, wc_slot *ws)
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
	if (dot && word &&
	    (ws ? wc_abbr(ws, word, wlen) : ml_prose_abbreviation(word, wlen)))
		return 0;
	for (k = j; k < n && !sp_word(s, n, k); k++)
		;
	if (k < n && u[k] < 0x80 && u[k] >= 'a' && u[k] <= 'z')
		return 0;
	return j;
}

/* Whether the word [i, e) of ASCII letters and digits ends at e, where
 * a ' - . , or ’ may join it to more and a ':' may make it a URL's
 * scheme (util/prose.c word_end and ml_prose_url_end): 1 when it ends
 * there for certain, 0 when sp_word_end must say. */
static SP_INLINE int sp_ends(const char *s, size_t n, size_t i, size_t e)
{
	const unsigned char *u = (const unsigned char *)s;

	if (sp_class[u[e]] & (SP_HIGH | SP_COLON))
		return 0;
	if (u[e] == '.' && u[i] == 'w')
		return 0; /* "www." */
	return !(e + 1 < n && sp_word(s, n, e + 1));
}

/* The slot of the word w[0..n) (0 < n <= WC_WORD) in tab (the thread's
 * wc, looked up once per split), w[0 .. lim - w) readable: its key read
 * eight bytes at a time where the host's order
 * allows. */
static SP_INLINE wc_slot *sp_slot(wc_slot *tab, const char *w, size_t n,
				  const char *lim, wc_slot *tmp)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t x, y;

	if (n < 8 && lim - w >= 8) {
		wc_slot *s;
		uint64_t h;
		memcpy(&x, w, 8);
		x = (x & (((uint64_t)1 << (8 * n)) - 1)) | (uint64_t)n << 56;
		/* a key of up to 7 bytes has its length in byte 7 of its
		 * first word, where a longer word has a letter or digit: that
		 * word alone tells it apart (its second is 0) */
		h = x * 0x9E3779B97F4A7C15ull;
		s = &tab[(h >> (64 - WC_BITS)) & wc_mask];
		if (s->k[0] != x) {
			s->k[0] = x, s->k[1] = 0;
			s->known = 0;
		}
		return s;
	}
	if (n >= 8 && lim - w >= 16) {
		memcpy(&x, w, 8);
		memcpy(&y, w + 8, 8);
		return wc_at(x, (y & (((uint64_t)1 << (8 * (n - 8))) - 1)) |
					(uint64_t)n << 56);
	}
#endif
	(void)lim;
	return wc_find(w, n, tmp);
}

/* ---- the shared pass ------------------------------------------------- */

/* One split feeds readability (the whole article's counts),
 * claim-uncited (the sentences of its blocks) and wording (its words)
 * at once; or, for rules_split, the callbacks cb. */
typedef struct {
	ml_prose_measure *m; /* NULL: readability counts no whole article */
	ml_claims_ctx *c;
	int claims;		 /* this block is claim-uncited's */
	const char *block, *end; /* the block being split; the text's end */
	rules_wording_walk *ww;	 /* wording reads along, or NULL */
	const ml_prose_cb *cb;	 /* rules_split's callbacks */
} prose_pass;

/* What one split keeps while it runs, in locals the compiler may hold
 * in registers (the split is one function): wording's position and
 * state are copied in and out around each call into wording.c. Offsets
 * are the block's. */
typedef struct {
	ml_prose_measure *m;
	rules_wording_walk *ww;
	unsigned need;	/* WC_*: what the block's words are asked */
	unsigned claim; /* the sentence's words' claim bits (wc_slot) */
	int tokens_ok;	/* 0: a URL or '_' in the sentence: scan it */
	size_t syl;	/* readability's syllables of the block */
	size_t poly;	/* and polysyllables */
	size_t wpos;	/* wording has read up to here */
	size_t wend;	/* the end of the word before */
	int wstop;	/* wording: quoted or failed */
} sp_run;

static SP_INLINE void sp_wording_in(sp_run *r)
{
	r->wpos = r->ww->pos - r->ww->from;
	r->wstop = r->ww->quoted || r->ww->rc;
}

/* wording.c's call at the word [at, e) of the block: try (1) or read up
 * to it and at it (0, with one as pass_word has it). */
static SP_INLINE void sp_wording_call(sp_run *r, size_t at, size_t e, int try,
				      int one)
{
	rules_wording_walk *ww = r->ww;

	ww->pos = r->wpos + ww->from;
	if (try)
		rules_wording_try(ww, at + ww->from, e + ww->from);
	else
		rules_wording_slow(ww, at + ww->from, e + ww->from, one);
	sp_wording_in(r);
}

/* A word [at, e) of the block, with its slot; one: a run of word bytes
 * (no inner ' - . ,); clean: nothing but what wording passes over lies
 * between it and the word before. */
static SP_INLINE void pass_word(const prose_pass *p, sp_run *r, int generic,
				size_t at, size_t e, wc_slot *s, int one,
				int clean)
{
	const char *w = p->block + at;
	size_t len = e - at, prev;
	int syllables;

	if (generic) {
		if (p->cb->word)
			p->cb->word(p->cb->ctx, at, len,
				    p->cb->no_syllables
					    ? 0
					    : wc_syllables(s, w, len));
		return;
	}
	if ((s->known & r->need) != r->need)
		wc_fill(s, r->need, w, len, r->ww,
			at + (r->ww ? r->ww->from : 0));
	r->claim |= s->claim;
	syllables = s->syllables;
	r->syl += (size_t)syllables;
	if (syllables >= 3 && r->m) {
		ml_prose_measure *m = r->m;
		r->poly++;
		/* only a word with more syllables than the third longest can
		 * change the longest words */
		if (m->nw < ML_PROSE_TOP_WORDS ||
		    syllables > m->w[ML_PROSE_TOP_WORDS - 1].syllables)
			ml_readability_long_word(m, at, len, syllables);
	}
	if (!r->ww)
		return;
	prev = r->wend;
	r->wend = e;
	/* wording read up to the word before (not into a joined word, where
	 * a match may end), and the split saw nothing it stops at since:
	 * wording would pass over all to the word, then look at it */
	if (clean && one && r->wpos == prev && !r->wstop) {
		r->wpos = e;
		if (s->may)
			sp_wording_call(r, at, e, 1, 1);
	} else if (!r->ww->rc && at >= r->wpos) {
		sp_wording_call(r, at, e, 0, one);
	}
}

static SP_INLINE void pass_sentence(const prose_pass *p, sp_run *r, int generic,
				    size_t start, size_t end, size_t words)
{
	ml_prose_measure *m = r->m;

	if (generic) {
		if (p->cb->sentence)
			p->cb->sentence(p->cb->ctx, start, end, words);
		return;
	}
	if (m) {
		ml_prose_long_sentence ls = { start + m->base, words };
		m->c.sentences++;
		m->c.words += words;
		if (words > m->s[0].words) {
			m->s[1] = m->s[0];
			m->s[0] = ls;
		} else if (words > m->s[1].words) {
			m->s[1] = ls;
		}
	}
	if (p->claims) {
		p->c->want |= r->claim >> 6;
		ml_claims_sentence_tokens(p->c, start, end,
					  r->tokens_ok ? (int)(r->claim & 63u)
						       : -1);
	}
	r->claim = 0;
	r->tokens_ok = 1;
}

/* The split of s[0..n): s[n] is read (the '\n' after a block of the
 * prose text, or a string's NUL) and must be no ASCII letter or digit;
 * lim: how far s may be read. Made once for rules_split's callbacks
 * (generic) and once for the shared pass, each with its callbacks
 * inlined. */
static SP_INLINE void split_with(const prose_pass *p, const char *s, size_t n,
				 const char *lim, int generic)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, start = 0, words = 0, e, stop;
	const char *last = NULL;
	size_t lastlen = 0;
	wc_slot *ls = NULL, *ws, tmp, *tab;
	sp_run r;
	unsigned k;
	int clean = 1, joined;

	wc_ready();
	tab = wc;
	memset(&r, 0, sizeof(r));
	r.tokens_ok = 1;
	if (!generic) {
		r.m = p->m;
		r.ww = p->ww;
		r.need = (r.m ? WC_SYLLABLES : 0) | (p->claims ? WC_CUES : 0) |
			 (r.ww ? WC_MAY : 0);
		if (r.ww) {
			sp_wording_in(&r);
			wc_use_index(r.ww->ix);
		}
	}
	while (i < n) {
		k = sp_class[u[i]];
		if (!(k & (SP_WORD | SP_HIGH | SP_STOP | SP_MARK))) {
			i++;
			continue;
		}
		if (k & SP_WORD) {
			/* a run of ASCII letters and digits, ended by a byte
			 * that ends the word for certain: keyed here */
			size_t len;
			/* two bytes a round (u[n] is no word byte) */
			for (e = i + 1; sp_class[u[e]] & SP_WORD; e += 2)
				if (!(sp_class[u[e + 1]] & SP_WORD)) {
					e++;
					break;
				}
			len = e - i;
			if (e <= n && len <= WC_WORD &&
			    (!(sp_class[u[e]] &
			       (SP_JOIN | SP_HIGH | SP_COLON)) ||
			     sp_ends(s, n, i, e))) {
				ws = sp_slot(tab, s + i, len, lim, &tmp);
				pass_word(p, &r, generic, i, e, ws, 1, clean);
				ls = ws, last = s + i, lastlen = len;
				words++, i = e, clean = 1;
				continue;
			}
		}
		if ((k & SP_WORD) || ((k & SP_HIGH) && sp_word(s, n, i))) {
			joined = 0;
			e = sp_word_end(s, n, i, &joined);
			if ((e < n && s[e] == ':') || s[i] == 'w') {
				size_t url = ml_prose_url_end(s, n, i);
				if (url) {
					i = url;
					clean = 0, r.tokens_ok = 0;
					continue;
				}
			}
			ws = wc_find(s + i, e - i, &tmp);
			pass_word(p, &r, generic, i, e, ws, !joined, clean);
			ls = ws, last = s + i, lastlen = e - i;
			words++, i = e, clean = 1;
			continue;
		}
		if ((k & SP_STOP || sp_e280(u, n, i, 0xA6)) &&
		    (stop = sp_stop(s, n, i, last, lastlen, ls))) {
			if (words) {
				pass_sentence(p, &r, generic, start, stop,
					      words);
				start = stop;
			}
			/* what the stop passed over ("." and its closing
			 * marks): wording stops at a '"' or a UTF-8 byte */
			for (; i < stop; i++)
				if (u[i] == '"' || u[i] >= 0x80)
					clean = 0;
			words = 0, last = NULL, ls = NULL;
			continue;
		}
		if (k & SP_MARK) {
			if (u[i] == '_')
				r.tokens_ok = 0;
			else
				clean = 0;
		}
		if (k & SP_HIGH)
			clean = 0;
		i++;
	}
	if (words)
		pass_sentence(p, &r, generic, start, n, words);
	if (r.m) {
		r.m->c.syllables += r.syl;
		r.m->c.polysyllables += r.poly;
	}
	if (r.ww)
		r.ww->pos = r.wpos + r.ww->from;
}

void rules_split(const char *s, size_t n, const ml_prose_cb *cb)
{
	prose_pass p;

	memset(&p, 0, sizeof(p));
	p.cb = cb;
	p.block = s;
	p.end = s + n;
	split_with(&p, s, n, s + n, 1);
}

void rules_split_counts(const char *s, size_t n, const char *lim,
			ml_prose_counts *c)
{
	ml_prose_measure m;
	prose_pass p;

	memset(&m, 0, sizeof(m));
	memset(&p, 0, sizeof(p));
	m.text = s;
	p.m = &m;
	p.block = s;
	p.end = lim;
	split_with(&p, s, n, lim, 0);
	*c = m.c;
}

/* The split of the block p->block[0..n) for the pass. */
static void pass_split(prose_pass *p, size_t n)
{
	split_with(p, p->block, n, p->end, 0);
}

/* Splits block b for the pass, and for wording along it (ww, when it
 * reads every block) when the block has no run wording leaves out. */
static int split_block(prose_pass *p, const ml_prose_text *t,
		       const ml_prose_block *b, rules_wording_walk *ww)
{
	if (!ww || (b->skipped & (ML_IN_LINK | ML_IN_QUOTE))) {
		p->ww = NULL;
		pass_split(p, b->end - b->start);
		return ML_OK;
	}
	rules_wording_begin(ww, t, b);
	p->ww = ww;
	pass_split(p, b->end - b->start);
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
	prose_pass p;
	size_t i;
	int rc = ML_OK;

	memset(&p, 0, sizeof(p));
	p.m = whole ? &m : NULL;
	p.c = &c;
	p.block = text;
	p.end = text + t->text.len;
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
