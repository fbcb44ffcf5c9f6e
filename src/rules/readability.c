/* rules/readability.c - readability: the reading grade of the article's
 * prose (or of each section the schema names) against the schema's
 * readability: max_grade, with where to start: the two longest sentences
 * and the longest words (util/prose.h does the counting). */
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
	if (syllables >= 3)
		ml_readability_long_word(m, off, len, syllables);
}

void ml_readability_long_word(ml_prose_measure *m, size_t off, size_t len,
			      int syllables)
{
	size_t i, k;

	off += m->base;
	m->c.polysyllables++;
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

/* "... line 14 (38 words) and line 22 (31 words) ... "gastrocnemius"
 * (line 12, 5 syllables) ..." */
static int where_to_start(const ml_article *a, const ml_prose_text *t,
			  const measure *m, ml_buf *b)
{
	size_t i;
	int rc = ml_buf_printf(b,
			       "; start with the longest sentences: line %d "
			       "(%zu words)",
			       line_of(a, t, m->s[0].start), m->s[0].words);

	if (!rc && m->s[1].words)
		rc = ml_buf_printf(b, " and line %d (%zu words)",
				   line_of(a, t, m->s[1].start), m->s[1].words);
	for (i = 0; !rc && i < m->nw; i++)
		rc = ml_buf_printf(b, "%s\"%.*s\" (line %d, %d syllables)",
				   i ? ", " : "; and the longest words: ",
				   (int)m->w[i].len, m->text + m->w[i].off,
				   line_of(a, t, m->w[i].off),
				   m->w[i].syllables);
	return rc;
}

static int report(const ml_article *a, const ml_prose_text *t, const measure *m,
		  int line, const char *scope, ml_findings *out)
{
	const ml_readability_spec *r = &a->profile->readability;
	double smog = ml_prose_smog(&m->c), fk = ml_prose_fkgl(&m->c);
	double grade = r->metric == ML_METRIC_SMOG ? smog : fk;
	ml_buf b = ML_BUF_INIT(ML_LIMIT_SHORT);
	int rc;

	if (m->c.words < (size_t)r->min_words || grade <= r->max_grade)
		return ML_OK;
	rc = ml_buf_printf(
		&b,
		"%s reads at grade %.1f (%s), above %g (%s "
		"%.1f, Flesch reading ease %.0f; %zu words in %zu "
		"sentences)",
		scope, grade,
		r->metric == ML_METRIC_SMOG ? "SMOG" : "Flesch-Kincaid",
		r->max_grade,
		r->metric == ML_METRIC_SMOG ? "Flesch-Kincaid" : "SMOG",
		r->metric == ML_METRIC_SMOG ? fk : smog, ml_prose_fre(&m->c),
		m->c.words, m->c.sentences);
	if (!rc)
		rc = where_to_start(a, t, m, &b);
	if (!rc)
		rc = ml_findings_report(out, ML_RULE_READABILITY, line, 1, "%s",
					ml_buf_cstr(&b));
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
