/* rules/claims.c - claim-uncited: a sentence that states a number about
 * people or outcomes, or appeals to evidence, with no citation in the
 * sentence or its paragraph.
 *
 * Precision comes first (at most one false finding in ten, measured on
 * tests/claims): the patterns ask for a number tied to people, risk or
 * frequency, or an explicit appeal ("studies show"), and leave doses,
 * durations, product strengths and years alone. A citation is a marker
 * the citation family reads ([3], [1-4], [^3]), a link, or an author-year
 * parenthesis "(Smith et al., 2019)". */
#include <pcre2.h>
#include <pthread.h>
#include <string.h>

#include "cite/citation.h"
#include "rules/internal.h"
#include "rules/rules.h"
#include "util/prose.h"
#include "util/regex.h"

#define PEOPLE                                                                \
	"(?:people|persons|adults|children|kids|teens|teenagers|adolescents|" \
	"patients|women|men|girls|boys|babies|infants|newborns|americans|"    \
	"britons|individuals|participants|smokers|users|deaths|cases|"        \
	"survivors|residents|workers|students|seniors|mothers|pregnancies|"   \
	"population|the population|(?:the )?world's population)"

#define NUMBER                                                               \
	"(?:\\d[\\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|"   \
	"eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|a hundred|" \
	"several hundred)"

/* A number about people or outcomes. */
static const char statistic[] =
	/* a percentage, but not a strength, a share of a dose or a pack */
	"\\b\\d+(?:[.,]\\d+)?\\s?(?:%|percent\\b|per cent\\b)(?!\\s+(?:\\w+\\s+)?"
	"(?:cream|gel|ointment|solution|lotion|spray|drops|saline|alcohol|"
	"hydrocortisone|chlorhexidine|peroxide|benzoyl|juice|whole|cotton|"
	"cocoa|fat\\b|proof|humidity|natural|pure|safe|sure|organic|dv\\b|"
	"daily value)|\\s+(?:of|on)\\s+(?:your|their|his|her|each|every|the "
	"(?:front|back|pack|packet|label))\\b)"
	/* 1 in 5, one out of ten */
	"|\\b(?:\\d+|one|two|three|four|five|six|seven|eight|nine|ten)\\s+"
	"(?:in|out of)\\s+(?:\\d[\\d,]*|two|three|four|five|six|seven|eight|"
	"nine|ten|every|a hundred|a thousand)\\b"
	/* twice as likely, 3 times more */
	"|\\b(?:twice|three times|four times|five times|ten times|"
	"\\d+(?:\\.\\d+)?\\s?(?:times|-fold|fold))\\s+(?:as\\s+)?(?:likely|"
	"common|often|many|high|higher|more|less|greater|lower|bad|good|much|"
	"the risk|the rate|the odds|the chance)"
	"|\\b(?:more|less) likely to\\b"
	"|\\b(?:half|double|triple|halve[sd]?|double[sd]?|triple[sd]?|"
	"treble[sd]?)\\s+(?:the\\s+)?(?:risk|rate|odds|chance|likelihood|"
	"mortality|deaths)"
	"|\\b(?:have|has) (?:both )?(?:doubled|trebled|tripled|halved)\\b"
	"|\\bper\\s+(?:100|1,000|10,000|100,000|1000|10000|100000|million)\\b"
	/* a count of people: 1.2 million people, thousands of patients */
	"|\\b" NUMBER "\\s+(?:million\\s+|billion\\s+|"
	"thousand\\s+)?(?:more\\s+|new\\s+|other\\s+|young\\s+|older\\s+)?" PEOPLE
	"\\b"
	"|\\b(?:millions|thousands|hundreds|tens of thousands) of " PEOPLE "\\b"
	"|\\b(?:a|one|two|three)[- ](?:half|third|thirds|quarter|quarters|"
	"fifth|fifths)\\s+of\\s+(?:the\\s+)?(?:\\w+\\s+){0,2}?" PEOPLE "\\b"
	"|\\b(?:two|three|four)-(?:thirds|quarters|fifths)\\b"
	/* a rate or risk with its number */
	"|\\b(?:risk|rate|odds|chance|likelihood|incidence|prevalence|"
	"mortality|life expectancy|average age|mean age)\\s+(?:[\\w-]+\\s+)"
	"{0,4}?(?:by|of|to|at|was|is|from|below|above)\\s+(?:about\\s+|"
	"around\\s+|nearly\\s+|almost\\s+|up to\\s+|over\\s+|under\\s+)?\\d";

#define SOURCE                                                                \
	"(?:studies|research|researchers|scientists|experts|evidence|trials|" \
	"data|surveys|statistics|figures|findings|results|scans|the authors|" \
	"the team|(?:a|one|the|this|that|another|an|new|recent|earlier|"      \
	"previous|large|major|\\d{4})\\s+(?:[\\w-]+\\s+){0,3}?(?:study|"      \
	"studies|trial|review|survey|analysis|meta-analysis|report|research|" \
	"index|guide|finding))"

/* An appeal to evidence. */
static const char appeal[] =
	"\\b" SOURCE "\\s+(?:[\\w-]+\\s+){0,6}?(?:(?:has|have|had|now|also|"
	"consistently|clearly|repeatedly|generally|did|do|does|not)\\s+)*"
	"(?:show|shows|showed|shown|suggest|suggests|suggested|indicate|"
	"indicates|indicated|prove|proves|proved|proven|demonstrate|"
	"demonstrates|demonstrated|confirm|confirms|confirmed|reveal|"
	"reveals|revealed|link|links|linked|support|supports|backs up|"
	"concludes|concluded|estimate|estimates|estimated|predict|predicts|"
	"believe|believes|fear|fears|warn|warns|say|says|said|note|noted|"
	"(?:find|finds|found)\\s+(?:that|no|little|some|evidence|a|an|"
	"strong|clear|significant))\\b"
	"|\\b(?:they|we)\\s+(?:also\\s+)?(?:found|find|showed|show)\\s+"
	"(?:that|evidence)\\b"
	"|\\b(?:there is|there's|found|find|lacks?|with)\\s+(?:no|little|some|"
	"growing|strong|good|clear|limited|much|a lot of)\\s+(?:[\\w-]+\\s+)?"
	"evidence\\b"
	"|\\baccording to (?:the |some |many |most |recent |new |leading |a |"
	"this )?(?:[\\w-]+\\s+){0,3}?(?:experts?|research|researchers|studies|"
	"study|scientists|doctors|data|statistics|surveys?|report|analysis|"
	"index|authors)\\b"
	"|\\b(?:it is|it's) (?:well[- ])?(?:known|established|proven|"
	"documented) that\\b";

/* An author-year citation: "(Smith et al., 2019)", "(CDC, 2020)". */
static const char author_year[] =
	"\\([A-Z][^()]{0,80}?,?\\s(?:19|20)\\d\\d[a-z]?(?:[;,][^()]{0,80})?\\)";

/* Words one of the patterns needs (as a word's start): a sentence with
 * none of them is not handed to PCRE2, which would try every pattern at
 * every position of it. */
static const char *const stat_words[] = {
	"twice",   "times",  "fold",	"likely",  "half",    "halve",
	"doubl",   "tripl",  "trebl",	"million", "billion", "thousand",
	"hundred", "third",  "quarter", "fifth",   "percent", "cent",
	"one",	   "two",    "three",	"four",	   "five",    "six",
	"seven",   "eight",  "nine",	"ten",	   "eleven",  "twelve",
	"fifteen", "twenty", "thirty",	"forty",   "fifty",   "several"
};
static const char *const appeal_words[] = {
	"stud",	      "research",  "scientist", "expert",    "evidence",
	"trial",      "data",	   "survey",	"statistic", "figure",
	"finding",    "result",	   "scan",	"author",    "team",
	"report",     "review",	   "analys",	"meta",	     "index",
	"guide",      "according", "known",	"establish", "proven",
	"documented", "found",	   "find",	"show"
};

static int starts_any(const char *w, size_t n, const char *const *list,
		      size_t nlist)
{
	size_t i, k;

	for (i = 0; i < nlist; i++) {
		const char *p = list[i];
		if ((w[0] | 32) != p[0])
			continue;
		for (k = 1; p[k] && k < n && (w[k] | 32) == p[k]; k++)
			;
		if (!p[k])
			return 1;
	}
	return 0;
}

/* The patterns, compiled once and JIT-compiled as cite/re.c does; every
 * match goes through util/regex.c's limits and the file's budget. */
static pcre2_code *codes[2];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void compile_all(void)
{
	const char *src[2] = { statistic, appeal };
	int err;
	PCRE2_SIZE off;
	size_t i;

	for (i = 0; i < 2; i++) {
		codes[i] = pcre2_compile(
			(PCRE2_SPTR)src[i], PCRE2_ZERO_TERMINATED,
			PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_CASELESS,
			&err, &off, NULL);
		if (codes[i])
			(void)pcre2_jit_compile(codes[i], PCRE2_JIT_COMPLETE);
	}
}

/* 1 with the match at [*g, *g + *glen), 0, or ML_E*. */
static int find(int which, pcre2_match_data *md, const char *s, size_t n,
		size_t *g, size_t *glen)
{
	int rc = ml_regex_exec(codes[which], s, n, 0, md);
	PCRE2_SIZE *ov;

	if (rc != 1)
		return rc;
	ov = pcre2_get_ovector_pointer(md);
	*g = ov[0];
	*glen = ov[1] - ov[0];
	return 1;
}

typedef struct {
	const ml_article *a;
	const ml_prose_text *t;
	const ml_prose_block *b;
	ml_findings *out;
	pcre2_match_data *md;
	int cited;     /* the block's paragraph holds a citation */
	unsigned want; /* the sentence so far has words a pattern needs: bit
			  1 statistic, bit 2 appeal to evidence */
	int rc;
} cctx;

static void any_marker(void *ctx, int number, int line, int column)
{
	(void)number, (void)line, (void)column;
	*(int *)ctx = 1;
}

/* The paragraph holds a marker, a link or an author-year citation. */
static int paragraph_cited(const ml_article *a, int para, int *cited)
{
	const ml_document *d = a->doc;
	const ml_paragraph *p = &d->paragraphs[para];
	const ml_regex *ay = ml_regex_cached(author_year, 0);
	long end = p->offset + (long)p->src_len;
	size_t i;
	int rc;

	*cited = 0;
	for (i = 0; i < d->nlinks && !*cited; i++)
		*cited = d->links[i].offset >= p->offset &&
			 d->links[i].offset < end;
	for (i = 0; i + 1 < p->src_len && !*cited; i++)
		*cited = p->src[i] == '[' && p->src[i + 1] == '^';
	if (*cited)
		return ML_OK;
	rc = ml_citation_scan_markers(p->src, p->src_len, p->line, p->column,
				      any_marker, cited);
	if (rc || *cited || !ay)
		return rc;
	rc = ml_regex_match(ay, p->src, p->src_len, NULL, NULL);
	*cited = rc == 1;
	return rc < 0 ? rc : ML_OK;
}

static void on_word(void *ctx, size_t off, size_t len, int syllables)
{
	cctx *c = ctx;
	const char *w = ml_buf_cstr(&c->t->text) + c->b->start + off;

	(void)syllables;
	if (c->want == 3)
		return;
	if (!(c->want & 1) &&
	    ((w[0] >= '0' && w[0] <= '9') ||
	     starts_any(w, len, stat_words, ML_ARRAY_LEN(stat_words))))
		c->want |= 1;
	if (!(c->want & 2) &&
	    starts_any(w, len, appeal_words, ML_ARRAY_LEN(appeal_words)))
		c->want |= 2;
}

static void on_sentence(void *ctx, size_t start, size_t end, size_t words)
{
	cctx *c = ctx;
	const char *s = ml_buf_cstr(&c->t->text) + c->b->start;
	size_t g = 0, glen = 0;
	int line, col, eline, ecol, hit;
	unsigned want;
	long off;
	const char *kind = "states a statistic";
	ml_finding *fd;

	(void)words;
	want = c->want;
	c->want = 0;
	if (c->rc || c->cited)
		return;
	hit = want & 1 ? find(0, c->md, s + start, end - start, &g, &glen) : 0;
	if (hit == 0 && (want & 2)) {
		kind = "appeals to evidence";
		hit = find(1, c->md, s + start, end - start, &g, &glen);
	}
	if (hit < 0)
		c->rc = hit;
	if (hit != 1)
		return;
	ml_prose_text_pos(c->a, c->t, c->b->start + start, &line, &col, &off);
	ml_prose_text_end(c->a, c->t, c->b->start + end, &eline, &ecol, &off);
	fd = ml_findings_add(c->out, ML_RULE_CLAIM_UNCITED, line, col,
			     "the sentence %s (\"%.*s\") with no citation in "
			     "it or its paragraph: cite the source with a "
			     "reference marker such as [1]",
			     kind, (int)glen, s + start + g);
	if (!fd) {
		c->rc = ML_ENOMEM;
		return;
	}
	fd->end_line = eline;
	fd->end_column = ecol;
}

/* 1 when block b is in a section claims: sections names (or there is
 * no such list). */
static int in_scope(const ml_article *a, const ml_prose_block *b)
{
	const ml_profile *p = a->profile;
	size_t i;

	if (!p->nclaim_sections)
		return 1;
	for (i = 0; i < p->nclaim_sections; i++)
		if (ml_prose_under(a->doc, b->section,
				   ml_prose_section(a, p->claim_sections[i])))
			return 1;
	return 0;
}

static int check_block(cctx *c, const ml_prose_block *b)
{
	ml_prose_cb cb = { on_word, on_sentence, c, 1 };
	int rc;

	if (b->para < 0 || !in_scope(c->a, b))
		return ML_OK;
	rc = paragraph_cited(c->a, b->para, &c->cited);
	if (rc || c->cited)
		return rc;
	c->b = b;
	c->want = 0;
	ml_prose_split(ml_buf_cstr(&c->t->text) + b->start, b->end - b->start,
		       &cb);
	return c->rc;
}

int ml_check_claims(const ml_article *a, ml_findings *out, ml_link_list *links)
{
	ml_prose_text t;
	cctx c;
	size_t i;
	int rc;

	(void)links;
	if (!a->doc)
		return ML_OK;
	memset(&c, 0, sizeof(c));
	c.a = a, c.t = &t, c.out = out;
	pthread_once(&once, compile_all);
	if (!codes[0] || !codes[1] ||
	    !(c.md = pcre2_match_data_create(1, NULL)))
		return ML_ENOMEM;
	rc = ml_prose_text_build(a, ML_IN_HEADING, &t);
	for (i = 0; !rc && i < t.nblocks; i++)
		rc = check_block(&c, &t.blocks[i]);
	ml_prose_text_dispose(&t);
	pcre2_match_data_free(c.md);
	if (rc == ML_ELIMIT) {
		ml_regex_budget_blame(0, "the claim-uncited patterns");
		rc = ML_OK;
	}
	return rc;
}
