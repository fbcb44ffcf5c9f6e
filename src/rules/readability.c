/* rules/readability.c - readability: the reading grade of the article's
 * prose (or of each section the schema names) against the schema's
 * readability: max_grade, with where to start: the two longest sentences
 * and the longest words (util/prose.h does the counting). */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "rules/internal.h"
#include "rules/rules.h"
#include "util/prose.h"

#define TOP_WORDS ML_PROSE_TOP_WORDS

typedef ml_prose_measure measure;
typedef ml_prose_long_word long_word;
typedef ml_prose_long_sentence long_sentence;

static int same_word(const char *t, const long_word *a, size_t off, size_t len)
{
	size_t i;

	if (a->len != len)
		return 0;
	for (i = 0; i < len; i++) {
		int x = (unsigned char)t[a->off + i],
		    y = (unsigned char)t[off + i];
		if ((x | 32) != (y | 32))
			return 0;
	}
	return 1;
}

void ml_readability_word(void *ctx, size_t off, size_t len, int syllables)
{
	measure *m = ctx;

	m->c.words++;
	m->c.syllables += (size_t)syllables;
	if (syllables >= 3) {
		m->c.polysyllables++;
		ml_readability_long_word(m, off, len, syllables);
	}
}

void ml_readability_long_word(ml_prose_measure *m, size_t off, size_t len,
			      int syllables)
{
	size_t i, k;

	off += m->base;
	for (i = 0; i < m->nw; i++)
		if (same_word(m->text, &m->w[i], off, len))
			return;
	for (i = 0; i < m->nw && m->w[i].syllables >= syllables; i++)
		;
	if (i == TOP_WORDS)
		return;
	if (m->nw < TOP_WORDS)
		m->nw++;
	for (k = m->nw - 1; k > i; k--)
		m->w[k] = m->w[k - 1];
	m->w[i].off = off, m->w[i].len = len, m->w[i].syllables = syllables;
}

void ml_readability_sentence(void *ctx, size_t start, size_t end, size_t words)
{
	measure *m = ctx;
	long_sentence s = { start + m->base, words };

	(void)end;
	m->c.sentences++;
	if (words > m->s[0].words) {
		m->s[1] = m->s[0];
		m->s[0] = s;
	} else if (words > m->s[1].words) {
		m->s[1] = s;
	}
}

/* Counts the blocks of section `within` (all blocks when -2). */
static void count_blocks(const ml_article *a, const ml_prose_text *t,
			 int within, measure *m)
{
	ml_prose_cb cb = { ml_readability_word, ml_readability_sentence, m, 0 };
	size_t i;

	memset(m, 0, sizeof(*m));
	m->text = ml_buf_cstr(&t->text);
	for (i = 0; i < t->nblocks; i++) {
		const ml_prose_block *b = &t->blocks[i];
		if (within != -2 && !ml_prose_under(a->doc, b->section, within))
			continue;
		m->base = b->start;
		rules_split(m->text + b->start, b->end - b->start, &cb);
	}
}

static int line_of(const ml_article *a, const ml_prose_text *t, size_t off)
{
	int line, col;
	long o;

	ml_prose_text_pos(a, t, off, &line, &col, &o);
	return line;
}

/* The message is made of a few numbers and words, 200 times in a run
 * of 200 articles: written here, not through printf, which takes
 * thousands of instructions for a %.1f. Each writes exactly what printf
 * would. */
static int put_uint(ml_buf *b, unsigned long long v)
{
	char s[24];
	size_t n = sizeof(s);

	do
		s[--n] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	return ml_buf_put(b, s + n, sizeof(s) - n);
}

static int put_int(ml_buf *b, long long v)
{
	int rc;

	if (v < 0 && (rc = ml_buf_putc(b, '-')) != 0)
		return rc;
	return put_uint(b, v < 0 ? 0ull - (unsigned long long)v
				 : (unsigned long long)v);
}

/* printf's "%.1f" (decimals 1) or "%.0f" (0) of x. x * 10 is exact in
 * a long double of 64 bits of mantissa, and rintl rounds it as printf
 * rounds the exact value (to nearest, ties to even, in the default
 * rounding mode both use). */
int rules_put_fixed(ml_buf *b, double x, int decimals)
{
#if LDBL_MANT_DIG >= 64
	if (isfinite(x) && fabs(x) < 1e15) {
		long double r = rintl(decimals ? (long double)x * 10.0L
					       : (long double)x);
		unsigned long long v = (unsigned long long)fabsl(r);
		char s[32];
		size_t n = sizeof(s);

		if (decimals) {
			s[--n] = (char)('0' + v % 10);
			s[--n] = '.';
			v /= 10;
		}
		do
			s[--n] = (char)('0' + v % 10);
		while ((v /= 10) != 0);
		if (signbit(x))
			s[--n] = '-';
		return ml_buf_put(b, s + n, sizeof(s) - n);
	}
#endif
	return ml_buf_printf(b, decimals ? "%.1f" : "%.0f", x);
}

/* printf's "%g" of x. */
static int put_g(ml_buf *b, double x)
{
	if (x >= 0 && x < 1e6 && x == (double)(long)x)
		return put_uint(b, (unsigned long long)x);
	return ml_buf_printf(b, "%g", x);
}

static int put_line_words(ml_buf *b, const char *pre, int line, size_t words)
{
	int rc = ml_buf_puts(b, pre);

	if (!rc)
		rc = put_int(b, line);
	if (!rc)
		rc = ml_buf_puts(b, " (");
	if (!rc)
		rc = put_uint(b, words);
	if (!rc)
		rc = ml_buf_puts(b, " words)");
	return rc;
}

/* "... line 14 (38 words) and line 22 (31 words) ... "gastrocnemius"
 * (line 12, 5 syllables) ..." */
static int where_to_start(const ml_article *a, const ml_prose_text *t,
			  const measure *m, ml_buf *b)
{
	size_t i;
	int rc = put_line_words(b, "; start with the longest sentences: line ",
				line_of(a, t, m->s[0].start), m->s[0].words);

	if (!rc && m->s[1].words)
		rc = put_line_words(b, " and line ",
				    line_of(a, t, m->s[1].start),
				    m->s[1].words);
	for (i = 0; !rc && i < m->nw; i++) {
		rc = ml_buf_puts(b, i ? ", \"" : "; and the longest words: \"");
		if (!rc)
			rc = ml_buf_put(b, m->text + m->w[i].off, m->w[i].len);
		if (!rc)
			rc = ml_buf_puts(b, "\" (line ");
		if (!rc)
			rc = put_int(b, line_of(a, t, m->w[i].off));
		if (!rc)
			rc = ml_buf_puts(b, ", ");
		if (!rc)
			rc = put_int(b, m->w[i].syllables);
		if (!rc)
			rc = ml_buf_puts(b, " syllables)");
	}
	return rc;
}

static int report(const ml_article *a, const ml_prose_text *t, const measure *m,
		  int line, const char *scope, ml_findings *out)
{
	const ml_readability_spec *r = &a->profile->readability;
	double smog, fk, grade;
	int rc, is_smog = r->metric == ML_METRIC_SMOG;
	ml_buf b = ML_BUF_INIT(ML_LIMIT_SHORT);
	ml_finding *fd;

	if (m->c.words < (size_t)r->min_words)
		return ML_OK;
	smog = ml_prose_smog(&m->c);
	fk = ml_prose_fkgl(&m->c);
	grade = is_smog ? smog : fk;
	if (grade <= r->max_grade)
		return ML_OK;
	/* "%s reads at grade %.1f (%s), above %g (%s %.1f, Flesch reading
	 * ease %.0f; %zu words in %zu sentences)", and where to start: some
	 * 400 bytes, room made once */
	rc = ml_buf_reserve(&b, 512);
	if (!rc)
		rc = ml_buf_puts(&b, scope);
	if (!rc)
		rc = ml_buf_puts(&b, " reads at grade ");
	if (!rc)
		rc = rules_put_fixed(&b, grade, 1);
	if (!rc)
		rc = ml_buf_puts(&b, is_smog ? " (SMOG), above "
					     : " (Flesch-Kincaid), above ");
	if (!rc)
		rc = put_g(&b, r->max_grade);
	if (!rc)
		rc = ml_buf_puts(&b, is_smog ? " (Flesch-Kincaid " : " (SMOG ");
	if (!rc)
		rc = rules_put_fixed(&b, is_smog ? fk : smog, 1);
	if (!rc)
		rc = ml_buf_puts(&b, ", Flesch reading ease ");
	if (!rc)
		rc = rules_put_fixed(&b, ml_prose_fre(&m->c), 0);
	if (!rc)
		rc = ml_buf_puts(&b, "; ");
	if (!rc)
		rc = put_uint(&b, m->c.words);
	if (!rc)
		rc = ml_buf_puts(&b, " words in ");
	if (!rc)
		rc = put_uint(&b, m->c.sentences);
	if (!rc)
		rc = ml_buf_puts(&b, " sentences)");
	if (!rc)
		rc = where_to_start(a, t, m, &b);
	if (!rc) {
		fd = ml_findings_add(out, ML_RULE_READABILITY, line, 1, "%s",
				     ml_buf_cstr(&b));
		rc = fd ? ML_OK : ML_ENOMEM;
	}
	ml_buf_dispose(&b);
	return rc == ML_ELIMIT ? ML_OK : rc;
}

static int check_section(const ml_article *a, const ml_prose_text *t,
			 const char *id, ml_findings *out)
{
	int h = ml_prose_section(a, id);
	char scope[160];
	measure m;

	if (h < 0)
		return ML_OK; /* section-missing says so */
	count_blocks(a, t, h, &m);
	(void)snprintf(scope, sizeof(scope), "section \"%.120s\"",
		       a->doc->headings[h].text);
	return report(a, t, &m, a->doc->headings[h].line, scope, out);
}

int ml_readability_report(const ml_article *a, const ml_prose_text *t,
			  const ml_prose_measure *m, ml_findings *out)
{
	const ml_readability_spec *r = &a->profile->readability;
	size_t i;
	int rc = ML_OK, line;

	for (i = 0; !rc && i < r->nsections; i++)
		rc = check_section(a, t, r->sections[i], out);
	if (!rc && !r->nsections && m) {
		line = a->doc->title >= 0 ? a->doc->headings[a->doc->title].line
					  : a->doc->first_line;
		rc = report(a, t, m, line, "the article", out);
	}
	return rc;
}

int ml_check_readability(const ml_article *a, ml_findings *out,
			 ml_link_list *links)
{
	(void)links;
	return ml_check_prose(a, ML_PROSE_READABILITY, out);
}
