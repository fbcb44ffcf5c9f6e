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

/* The tokens (maximal runs of ASCII letters, digits and '_', as \b and
 * \w see them) of which every match of a pattern has at least one: a
 * sentence that has words a pattern needs (want) but none of its tokens
 * is not handed to PCRE2 either ("tendon" starts like "ten", but is no
 * number). Each alternative of the patterns was read for the tokens it
 * cannot match without. */
enum {
	TK_STAT = 1,   /* statistic: a number word, a multiplier */
	TK_SOURCE = 2, /* appeal: who or what shows it */
	TK_VERB = 4,   /* appeal: what a source does */
	TK_WE = 8,     /* appeal: "they/we found that" */
	TK_FOUND = 16, /* the verb of "they/we found that" */
	TK_ALONE = 32  /* appeal: enough by itself (evidence, according) */
};

static const struct {
	const char *word;
	unsigned char flags;
} tokens[] = {
	{ "one", TK_STAT },
	{ "two", TK_STAT },
	{ "three", TK_STAT },
	{ "four", TK_STAT },
	{ "five", TK_STAT },
	{ "six", TK_STAT },
	{ "seven", TK_STAT },
	{ "eight", TK_STAT },
	{ "nine", TK_STAT },
	{ "ten", TK_STAT },
	{ "eleven", TK_STAT },
	{ "twelve", TK_STAT },
	{ "fifteen", TK_STAT },
	{ "twenty", TK_STAT },
	{ "thirty", TK_STAT },
	{ "forty", TK_STAT },
	{ "fifty", TK_STAT },
	{ "hundred", TK_STAT },
	{ "million", TK_STAT },
	{ "twice", TK_STAT },
	{ "times", TK_STAT },
	{ "fold", TK_STAT },
	{ "likely", TK_STAT },
	{ "half", TK_STAT },
	{ "halve", TK_STAT },
	{ "halves", TK_STAT },
	{ "halved", TK_STAT },
	{ "double", TK_STAT },
	{ "doubles", TK_STAT },
	{ "doubled", TK_STAT },
	{ "triple", TK_STAT },
	{ "triples", TK_STAT },
	{ "tripled", TK_STAT },
	{ "treble", TK_STAT },
	{ "trebles", TK_STAT },
	{ "trebled", TK_STAT },
	{ "millions", TK_STAT },
	{ "thousands", TK_STAT },
	{ "hundreds", TK_STAT },
	{ "tens", TK_STAT },
	{ "third", TK_STAT },
	{ "thirds", TK_STAT },
	{ "quarter", TK_STAT },
	{ "quarters", TK_STAT },
	{ "fifth", TK_STAT },
	{ "fifths", TK_STAT },
	{ "studies", TK_SOURCE },
	{ "research", TK_SOURCE },
	{ "researchers", TK_SOURCE },
	{ "scientists", TK_SOURCE },
	{ "experts", TK_SOURCE },
	{ "evidence", TK_SOURCE | TK_ALONE },
	{ "trials", TK_SOURCE },
	{ "data", TK_SOURCE },
	{ "surveys", TK_SOURCE },
	{ "statistics", TK_SOURCE },
	{ "figures", TK_SOURCE },
	{ "findings", TK_SOURCE },
	{ "results", TK_SOURCE },
	{ "scans", TK_SOURCE },
	{ "authors", TK_SOURCE },
	{ "team", TK_SOURCE },
	{ "study", TK_SOURCE },
	{ "trial", TK_SOURCE },
	{ "review", TK_SOURCE },
	{ "survey", TK_SOURCE },
	{ "analysis", TK_SOURCE },
	{ "report", TK_SOURCE },
	{ "index", TK_SOURCE },
	{ "guide", TK_SOURCE },
	{ "finding", TK_SOURCE },
	{ "show", TK_VERB | TK_FOUND },
	{ "shows", TK_VERB },
	{ "showed", TK_VERB | TK_FOUND },
	{ "shown", TK_VERB },
	{ "suggest", TK_VERB },
	{ "suggests", TK_VERB },
	{ "suggested", TK_VERB },
	{ "indicate", TK_VERB },
	{ "indicates", TK_VERB },
	{ "indicated", TK_VERB },
	{ "prove", TK_VERB },
	{ "proves", TK_VERB },
	{ "proved", TK_VERB },
	{ "proven", TK_VERB | TK_ALONE },
	{ "demonstrate", TK_VERB },
	{ "demonstrates", TK_VERB },
	{ "demonstrated", TK_VERB },
	{ "confirm", TK_VERB },
	{ "confirms", TK_VERB },
	{ "confirmed", TK_VERB },
	{ "reveal", TK_VERB },
	{ "reveals", TK_VERB },
	{ "revealed", TK_VERB },
	{ "link", TK_VERB },
	{ "links", TK_VERB },
	{ "linked", TK_VERB },
	{ "support", TK_VERB },
	{ "supports", TK_VERB },
	{ "backs", TK_VERB },
	{ "concludes", TK_VERB },
	{ "concluded", TK_VERB },
	{ "estimate", TK_VERB },
	{ "estimates", TK_VERB },
	{ "estimated", TK_VERB },
	{ "predict", TK_VERB },
	{ "predicts", TK_VERB },
	{ "believe", TK_VERB },
	{ "believes", TK_VERB },
	{ "fear", TK_VERB },
	{ "fears", TK_VERB },
	{ "warn", TK_VERB },
	{ "warns", TK_VERB },
	{ "say", TK_VERB },
	{ "says", TK_VERB },
	{ "said", TK_VERB },
	{ "note", TK_VERB },
	{ "noted", TK_VERB },
	{ "find", TK_VERB | TK_FOUND },
	{ "finds", TK_VERB },
	{ "found", TK_VERB | TK_FOUND },
	{ "they", TK_WE },
	{ "we", TK_WE },
	{ "according", TK_ALONE },
	{ "known", TK_ALONE },
	{ "established", TK_ALONE },
	{ "documented", TK_ALONE },
};

/* tokens[] by first letter (built with the cue words) */
static unsigned char token_order[ML_ARRAY_LEN(tokens)];
static unsigned char token_start[27];
static unsigned char token_len[ML_ARRAY_LEN(tokens)];

static void file_tokens(void)
{
	size_t l, i, k = 0;

	for (l = 0; l < 26; l++) {
		token_start[l] = (unsigned char)k;
		for (i = 0; i < ML_ARRAY_LEN(tokens); i++)
			if (tokens[i].word[0] == (char)('a' + l))
				token_order[k++] = (unsigned char)i;
	}
	token_start[26] = (unsigned char)k;
	for (i = 0; i < ML_ARRAY_LEN(tokens); i++)
		token_len[i] = (unsigned char)strlen(tokens[i].word);
}

static int word_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/* The TK_* flags of the tokens of s[0..n); TK_STAT for any digit, and
 * every flag for a long s or a k (U+212A) or long s (U+017F), which a
 * caseless UTF-8 pattern matches as k and s. */
static unsigned token_flags(const char *s, size_t n)
{
	unsigned flags = 0, l;
	size_t i = 0, k, j;
	char w[16];

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80) {
			if ((c == 0xC5 && i + 1 < n &&
			     (unsigned char)s[i + 1] == 0xBF) ||
			    (c == 0xE2 && i + 2 < n &&
			     (unsigned char)s[i + 1] == 0x84 &&
			     (unsigned char)s[i + 2] == 0xAA))
				return ~0u;
			i++;
			continue;
		}
		if (!word_char(c)) {
			i++;
			continue;
		}
		for (k = 0; i < n && word_char((unsigned char)s[i]); i++, k++) {
			if (s[i] >= '0' && s[i] <= '9')
				flags |= TK_STAT;
			if (k < sizeof(w))
				w[k] = (char)(s[i] | 32);
		}
		if (k >= sizeof(w) || (unsigned)(w[0] - 'a') >= 26)
			continue;
		l = (unsigned)(w[0] - 'a');
		for (j = token_start[l]; j < token_start[l + 1]; j++) {
			size_t x = token_order[j], m;
			const char *t = tokens[x].word;
			if (token_len[x] != k)
				continue;
			for (m = 1; m < k && t[m] == w[m]; m++)
				;
			if (m == k)
				flags |= tokens[x].flags;
		}
	}
	return flags;
}

/* Which patterns can match a sentence with these token flags: bit 1
 * statistic, bit 2 appeal to evidence. */
static unsigned can_match(unsigned f)
{
	unsigned bits = 0;

	if (f & TK_STAT)
		bits |= 1;
	if ((f & TK_ALONE) || ((f & TK_SOURCE) && (f & TK_VERB)) ||
	    ((f & TK_WE) && (f & TK_FOUND)))
		bits |= 2;
	return bits;
}

/* The cue words of each list filed by first letter (built once): a word
 * is compared with the few that start as it does. */
typedef struct {
	const char *word[64];
	unsigned char start[27]; /* word[start[l] .. start[l + 1]) */
} cue_index;

static cue_index cues[2];
static pthread_once_t cues_once = PTHREAD_ONCE_INIT;

static void file_cues(cue_index *x, const char *const *list, size_t n)
{
	size_t l, i, k = 0;

	for (l = 0; l < 26; l++) {
		x->start[l] = (unsigned char)k;
		for (i = 0; i < n; i++)
			if (list[i][0] == (char)('a' + l))
				x->word[k++] = list[i];
	}
	x->start[26] = (unsigned char)k;
}

static void build_cues(void)
{
	file_cues(&cues[0], stat_words, ML_ARRAY_LEN(stat_words));
	file_cues(&cues[1], appeal_words, ML_ARRAY_LEN(appeal_words));
	file_tokens();
}

/* 1 when w[0..n) starts with a cue word of x (ASCII case ignored). */
static int starts_any(const char *w, size_t n, const cue_index *x)
{
	unsigned l = (unsigned)((unsigned char)w[0] | 32) - 'a';
	size_t i, k;

	if (l >= 26)
		return 0;
	for (i = x->start[l]; i < x->start[l + 1]; i++) {
		const char *p = x->word[i];
		for (k = 1; p[k] && k < n && (w[k] | 32) == p[k]; k++)
			;
		if (!p[k])
			return 1;
	}
	return 0;
}

/* The patterns, each compiled on the first sentence that needs it (as
 * cite/re.c does; JIT-compiled once used often enough), kept for the
 * process; every match goes through util/regex.c's limits and the
 * file's budget. */
static ml_regex_lazy codes[2];

static const pcre2_code *code(int which)
{
	static const char *const src[2] = { statistic, appeal };

	return ml_regex_lazy_code(&codes[which], src[which],
				  PCRE2_UTF | PCRE2_MATCH_INVALID_UTF |
					  PCRE2_CASELESS);
}

/* 1 with the match at [*g, *g + *glen), 0, or ML_E*. */
static int find(int which, pcre2_match_data *md, const char *s, size_t n,
		size_t *g, size_t *glen)
{
	const pcre2_code *re = code(which);
	PCRE2_SIZE *ov;
	int rc;

	if (!re)
		return ML_ENOMEM;
	rc = ml_regex_exec(re, s, n, 0, md);
	if (rc != 1)
		return rc;
	ov = pcre2_get_ovector_pointer(md);
	*g = ov[0];
	*glen = ov[1] - ov[0];
	return 1;
}

typedef ml_claims_ctx cctx;

static void any_marker(void *ctx, int number, int line, int column)
{
	(void)number, (void)line, (void)column;
	*(int *)ctx = 1;
}

/* 1 when s[0..n) has a '(' before an ASCII capital, as every match of
 * author_year starts: the pattern (compiled on its first use) is run
 * only then. */
static int paren_capital(const char *s, size_t n)
{
	const char *q = s, *end = s + n;

	while (q + 1 < end && (q = memchr(q, '(', (size_t)(end - q) - 1)))
		if (*++q >= 'A' && *q <= 'Z')
			return 1;
	return 0;
}

/* The paragraph holds a marker, a link or an author-year citation. */
static int paragraph_cited(const ml_article *a, int para, int *cited)
{
	const ml_document *d = a->doc;
	const ml_paragraph *p = &d->paragraphs[para];
	const ml_regex *ay;
	long end = p->offset + (long)p->src_len;
	const char *q;
	size_t i;
	int rc, bracket = 0;

	*cited = 0;
	for (i = 0; i < d->nlinks && !*cited; i++)
		*cited = d->links[i].offset >= p->offset &&
			 d->links[i].offset < end;
	/* a footnote marker "[^": at each '[' memchr finds */
	for (q = p->src;
	     !*cited && p->src_len > 1 &&
	     (q = memchr(q, '[', p->src_len - 1 - (size_t)(q - p->src))) !=
		     NULL;
	     q++)
		*cited = q[1] == '^', bracket = 1;
	if (*cited)
		return ML_OK;
	/* a marker [n] (ml_citation_scan_markers) opens with a '[' before
	 * the last byte */
	rc = bracket ? ml_citation_scan_markers(p->src, p->src_len, p->line,
						p->column, any_marker, cited)
		     : ML_OK;
	/* the author-year pattern starts with '(' and a capital */
	if (rc || *cited || !paren_capital(p->src, p->src_len))
		return rc;
	if (!(ay = ml_regex_cached(author_year, 0)))
		return rc;
	rc = ml_regex_match(ay, p->src, p->src_len, NULL, NULL);
	*cited = rc == 1;
	return rc < 0 ? rc : ML_OK;
}

unsigned ml_claims_cues(const char *w, size_t len)
{
	unsigned bits = 0;

	if ((w[0] >= '0' && w[0] <= '9') || starts_any(w, len, &cues[0]))
		bits |= 1;
	if (starts_any(w, len, &cues[1]))
		bits |= 2;
	return bits;
}

unsigned ml_claims_tokens(const char *w, size_t len)
{
	pthread_once(&cues_once, build_cues);
	return token_flags(w, len) & 63u;
}

void ml_claims_sentence_tokens(cctx *c, size_t start, size_t end, int tk)
{
	const char *s = ml_buf_cstr(&c->t->text) + c->b->start;
	size_t g = 0, glen = 0;
	int line, col, eline, ecol, hit;
	unsigned want;
	long off;
	const char *kind = "states a statistic";
	ml_finding *fd;

	want = c->want;
	c->want = 0;
	if (c->rc || c->cited)
		return;
	if (want)
		want &= can_match(
			tk >= 0 ? (unsigned)tk
				: token_flags(s + start, end - start));
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

int ml_claims_block(cctx *c, const ml_prose_block *b)
{
	int rc;

	if (b->para < 0 || !in_scope(c->a, b))
		return 0;
	rc = paragraph_cited(c->a, b->para, &c->cited);
	if (rc || c->cited)
		return rc;
	c->b = b;
	c->want = 0;
	return 1;
}

int ml_claims_open(cctx *c, const ml_article *a, const ml_prose_text *t,
		   ml_findings *out)
{
	pthread_once(&cues_once, build_cues);
	memset(c, 0, sizeof(*c));
	c->a = a, c->t = t, c->out = out;
	c->md = pcre2_match_data_create(1, NULL);
	return c->md ? ML_OK : ML_ENOMEM;
}

int ml_claims_close(cctx *c, int rc)
{
	pcre2_match_data_free(c->md);
	c->md = NULL;
	if (rc == ML_ELIMIT) {
		ml_regex_budget_blame(0, "the claim-uncited patterns");
		rc = ML_OK;
	}
	return rc;
}

int ml_check_claims(const ml_article *a, ml_findings *out, ml_link_list *links)
{
	(void)links;
	return ml_check_prose(a, ML_PROSE_CLAIMS, out);
}
