/* rules/internal.h - private to rules/: the article's prose as plain text
 * (prose.c), for readability, claim-uncited and wording, and the
 * reference list as citations.c finds it, for citation-age. */
#ifndef ML_RULES_INTERNAL_H
#define ML_RULES_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cite/citation.h"
#include "core/article.h"
#include "core/profile.h"
#include "util/buf.h"
#include "util/common.h"
#include "util/prose.h"

/* One block of prose (a heading, or a paragraph of the body, a list item
 * or a block quote): text[start .. end) of the prose text. */
typedef struct {
	size_t start, end;
	int section;	  /* heading index of its section, or -1 */
	int para;	  /* paragraph index, or -1 for a heading */
	unsigned flags;	  /* ML_IN_* of its first run */
	unsigned skipped; /* ML_IN_* of any of its runs */
} ml_prose_block;

/* Where a piece of the prose text comes from: text[off ..) is the
 * literal of doc->texts[run] from byte lit on. */
typedef struct {
	size_t off;
	size_t run;
} ml_prose_seg;

typedef struct {
	ml_buf text; /* blocks' text, each block followed by '\n' */
	ml_prose_block *blocks;
	size_t nblocks, capblocks;
	ml_prose_seg *segs;
	size_t nsegs, capsegs;
} ml_prose_text;

/* Text runs a prose text leaves out (ML_IN_* flags); runs in a table,
 * in the reference list or in a heading when ML_IN_HEADING is given
 * here, and always code, HTML and link targets, which are no runs. */
ML_WARN_UNUSED int ml_prose_text_build(const ml_article *a, unsigned skip,
				       ml_prose_text *out);
void ml_prose_text_dispose(ml_prose_text *t);
/* Block b of t (built with no skip) as ml_prose_text_build(a, skip)
 * builds it: into out (made with ml_prose_text_build or zeroed with its
 * buffer initialised), as one block, or none when every run of b is
 * skipped. */
ML_WARN_UNUSED int ml_prose_text_block(const ml_article *a,
				       const ml_prose_text *t,
				       const ml_prose_block *b, unsigned skip,
				       ml_prose_text *out);
/* wording over t (built with no skip) (wording.c). */
ML_WARN_UNUSED int rules_wording(const ml_article *a, const ml_prose_text *t,
				 ml_findings *out);
/* wording read along the shared split (prose.c): open, then for each
 * block without a link or block quote run begin, a word for each word
 * of the split (offsets in the block; one: the word is one run of word
 * bytes, no inner ' - . ,) and end; then rest reads the other blocks,
 * and close. The same findings as rules_wording. */
typedef struct {
	const ml_article *a;
	const ml_prose_text *pt; /* the text of the block being read */
	ml_findings *out;
	const struct ml_wording_index *ix; /* the profile's */
	struct ml_wording_index *own;	   /* or one made here */
	const char *text;		   /* pt's bytes */
	size_t from, end; /* the block being read: text[from .. end) */
	size_t pos;	  /* read up to here */
	int quoted;
	int rc;
} rules_wording_walk;
ML_WARN_UNUSED int rules_wording_open(rules_wording_walk *w,
				      const ml_article *a, ml_findings *out);
void rules_wording_begin(rules_wording_walk *w, const ml_prose_text *pt,
			 const ml_prose_block *b);
/* The bytes wording stops at (wording.c): 0 for those it passes over. */
extern const unsigned char rules_wording_class[256];
void rules_wording_slow(rules_wording_walk *w, size_t at, size_t e, int one);
void rules_wording_try(rules_wording_walk *w, size_t at, size_t e);

/* May the word t[at..e) match a phrase of x (the quick no of
 * core/profile.h)? */
static inline int rules_wording_may(const struct ml_wording_index *x,
				    const char *t, size_t at, size_t e)
{
	unsigned c0 = (unsigned char)t[at], c1, c2, k;
	size_t n = e - at;

	c0 += (c0 - 'A' < 26u) << 5;
	if (x->first[c0])
		return 1;
	c1 = n > 1 ? (unsigned char)t[at + 1] : 0;
	c1 += (c1 - 'A' < 26u) << 5;
	k = ml_wording_key((int)c0, (int)c1);
	if (!((x->lengths[k] >> (n < 31 ? n : 31)) & 1u))
		return 0;
	c2 = n > 2 ? (unsigned char)t[at + 2] : 0;
	c2 += (c2 - 'A' < 26u) << 5;
	return ((x->third[k] >> ml_wording_class3((int)c2)) & 1u) != 0;
}

/* 1 when some phrase may match at the word [at, e) of the block being
 * read (offsets in its text): it passes the quick no and a phrase is
 * filed under it or a stem its inflections leave; 0 when none can,
 * whatever follows. The word's alone (and the index's). */
int rules_wording_leads(const rules_wording_walk *w, size_t at, size_t e);
void rules_wording_end(rules_wording_walk *w);
/* The blocks left: those with a link or block quote run, and all the
 * others too when walked is 0. */
ML_WARN_UNUSED int rules_wording_rest(rules_wording_walk *w,
				      const ml_prose_text *t, int walked);
void rules_wording_close(rules_wording_walk *w);
/* The file position of byte off of the prose text (off inside a run, or
 * its end). */
void ml_prose_text_pos(const ml_article *a, const ml_prose_text *t, size_t off,
		       int *line, int *column, long *offset);
/* The same for the end of a span: at a run boundary, the end of the run
 * before (not the start of the next, past the markup between). */
void ml_prose_text_end(const ml_article *a, const ml_prose_text *t, size_t off,
		       int *line, int *column, long *offset);
/* The end of the run of ASCII letters and digits at s[i..n): eight bytes
 * at a time where the host's order allows it (the walks of the prose
 * rules spend most of their time in words). */
static inline size_t rules_alnum_end(const char *s, size_t i, size_t n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && \
	defined(__GNUC__)
	const uint64_t ones = 0x0101010101010101ull,
		       high = 0x8080808080808080ull;

	while (i + 8 <= n) {
		uint64_t x, x7, l, alnum;
		memcpy(&x, s + i, 8);
		x7 = x & ~high;
		l = x7 | 0x2020202020202020ull; /* letters folded */
		alnum = ((l + ones * (0x80 - 'a')) &
			 ~(l + ones * (0x7F - 'z'))) |
			((x7 + ones * (0x80 - '0')) &
			 ~(x7 + ones * (0x7F - '9')));
		alnum &= ~x & high;
		if (alnum != high)
			return i + (size_t)__builtin_ctzll(~alnum & high) / 8;
		i += 8;
	}
#endif
	while (i < n && (unsigned char)s[i] < 0x80 &&
	       ml_prose_ascii_word[(unsigned char)s[i]])
		i++;
	return i;
}

/* util/prose.c's ml_prose_split (the same words and sentences), made
 * fast for the walk of every article. s[n] is read and must be no ASCII
 * letter or digit: the '\n' after a block of a prose text, or the NUL
 * of a string. */
void rules_split(const char *s, size_t n, const ml_prose_cb *cb);
/* The counts the shared pass makes of s[0..n) for readability (s read
 * up to lim), for tests/unit/test_prose.c to check against
 * ml_prose_split's. */
void rules_split_counts(const char *s, size_t n, const char *lim,
			ml_prose_counts *c);
/* 1 when heading index section is section `within` or under it. */
int ml_prose_under(const ml_document *d, int section, int within);
/* The heading index of the schema section with id, or -1. */
int ml_prose_section(const ml_article *a, const char *id);

/* readability.c, for the shared pass of prose.c: what one split of the
 * prose counts for the whole article (base: offset of the block being
 * split; text: the prose text). */
#define ML_PROSE_TOP_WORDS 3
typedef struct {
	size_t start, words; /* a sentence: its offset and words */
} ml_prose_long_sentence;
typedef struct {
	size_t off, len;
	int syllables;
} ml_prose_long_word;
typedef struct {
	const char *text;
	size_t base;
	ml_prose_counts c;
	ml_prose_long_sentence s[2];
	ml_prose_long_word w[ML_PROSE_TOP_WORDS];
	size_t nw;
} ml_prose_measure;
void ml_readability_word(void *m, size_t off, size_t len, int syllables);
/* The part of ml_readability_word for a word of three syllables or more
 * that is to be weighed for the longest words (the caller counts words,
 * syllables and polysyllables). */
void ml_readability_long_word(ml_prose_measure *m, size_t off, size_t len,
			      int syllables);
void ml_readability_sentence(void *m, size_t start, size_t end, size_t words);
/* readability's findings: for the article from m (counted over every
 * block), or, when the schema names sections (m is then NULL), for each
 * of them. */
ML_WARN_UNUSED int ml_readability_report(const ml_article *a,
					 const ml_prose_text *t,
					 const ml_prose_measure *m,
					 ml_findings *out);

/* printf's "%.1f" (decimals 1) or "%.0f" (0) of x into b, without
 * printf (readability's message). */
ML_WARN_UNUSED int rules_put_fixed(ml_buf *b, double x, int decimals);

/* claims.c, for the same pass: claim-uncited over the blocks of t. */
typedef struct {
	const ml_article *a;
	const ml_prose_text *t;
	const ml_prose_block *b;
	ml_findings *out;
	struct pcre2_real_match_data_8 *md;
	int cited;     /* the block's paragraph holds a citation */
	unsigned want; /* the sentence so far has words a pattern needs: bit
			  1 statistic, bit 2 appeal to evidence */
	int rc;
} ml_claims_ctx;
ML_WARN_UNUSED int ml_claims_open(ml_claims_ctx *c, const ml_article *a,
				  const ml_prose_text *t, ml_findings *out);
/* 1 when block b is to be split for claims (a paragraph in scope with no
 * citation), 0 when not, or ML_E*. */
ML_WARN_UNUSED int ml_claims_block(ml_claims_ctx *c, const ml_prose_block *b);
/* What a word of the split tells claim-uncited (the pass adds it to
 * want): bit 1 a statistic's word, bit 2 an appeal's. */
unsigned ml_claims_cues(const char *w, size_t len);
/* The flags of the tokens (runs of ASCII letters, digits and '_', as
 * the patterns' \b and \w see them) in w[0..len) that the patterns
 * need (all six bits for a text a caseless pattern may read otherwise):
 * a sentence's are those of its words, when no '_' or URL joins or adds
 * tokens between them. */
unsigned ml_claims_tokens(const char *w, size_t len);
/* The sentence [start, end) of the block; tokens: the flags of its
 * tokens (ml_claims_tokens of its words), or -1: read them here. */
void ml_claims_sentence_tokens(ml_claims_ctx *c, size_t start, size_t end,
			       int tokens);
/* Frees c; rc is the pass's result, returned (a spent regex budget is
 * blamed on the claim patterns and not an error). */
ML_WARN_UNUSED int ml_claims_close(ml_claims_ctx *c, int rc);

/* The schema's reference list (citations.c): its entries in order, as
 * ml_check_citations reads them (*n 0 when the schema has none or it is
 * missing). Free *out. */
ML_WARN_UNUSED int ml_rules_ref_entries(const ml_article *a, ml_ref_entry **out,
					size_t *n);
/* citation-age at entry e of the reference list (citeage.c), whose year
 * the citation family's parse found (ml_citation_check_entry_year), or
 * -1: parse it here. Nothing when the schema or the run sets no age. */
ML_WARN_UNUSED int ml_citeage_entry(const ml_article *a, const ml_ref_entry *e,
				    int year, ml_findings *out);
/* The heading index of the reference list, or -1; *list gets the list
 * index when it was found as a list without a heading, else -1. */
int ml_rules_ref_heading(const ml_article *a, int *list);

#endif
