/* cite/internal.h - internals shared by the citation checker's files.
 *
 * An entry is first normalised (cite/norm.c): Markdown emphasis markers,
 * escapes, autolinks and link targets are removed, runs of white space
 * (NBSP and soft line breaks included) become one space, and every byte
 * keeps its offset in the raw source (for columns and fixes) and an
 * italic flag. The parsers then work on that plain text:
 *   cite/loc.c     DOI, URL, PMID, PMCID and ISBN at the end
 *   cite/author.c  the author element
 *   cite/parts.c   date, title and citation-case
 *   cite/source.c  journal, chapter, book and web page sources
 *   cite/style.c   entries in another style (Vancouver, AMA, ...)
 *   citation.c     the order of parts, punctuation, list-level checks
 */
#ifndef ML_CITE_INTERNAL_H
#define ML_CITE_INTERNAL_H

#include <pcre2.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cite/citation.h"
#include "core/finding.h"
#include "util/buf.h"
#include "util/utf8.h"

#define CITE_NONE ((size_t)-1)

typedef enum {
	CITE_AU_NONE,	/* the entry starts with its title */
	CITE_AU_PERSON, /* Surname, I. I. list */
	CITE_AU_GROUP	/* an organisation */
} cite_author_kind;

typedef struct {
	const ml_ref_entry *e;
	const ml_cite_opts *o;
	ml_findings *out;
	int rc;	   /* ML_ENOMEM once an allocation failed */
	int quiet; /* > 0: a trial parse, cite_report records nothing */
	pcre2_match_data *md;

	/* normalised text: s[0..len), map[i] = offset of s[i] in e->src */
	char *s;
	uint32_t *map;
	unsigned char *it; /* 1 when s[i] is emphasised */
	size_t len;
	void *heap; /* buffers when the stack ones were too small */

	/* parts found so far (offsets in s) */
	size_t body_end; /* [0, body_end): everything before the locators */
	int has_url, has_doi;
	size_t date_s, date_e; /* '(' and one past ')'; CITE_NONE if absent */
	cite_author_kind author;
	int nauthors;
	size_t auth_e;		 /* end of the author element */
	int author_bad;		 /* a citation-author finding was made */
	size_t title_s, title_e; /* title text without its terminator */
	size_t title_early;	 /* a title between authors and date, or
				    CITE_NONE */
	int title_italic;
	size_t src_s; /* source start (after the title), or body_end */
	/* "[DOI](https://doi.org/...)" last in the entry: the target is in
	 * s from hidden_link (CITE_NONE: none), the link text at
	 * e->src[hidden_text_s, hidden_text_e) */
	size_t hidden_link, hidden_text_s, hidden_text_e;

	/* valid registry identifiers found by cite/loc.c (ml_citation_extract) */
	size_t id_a[ML_CITE_MAX_IDS], id_b[ML_CITE_MAX_IDS];
	ml_cite_id_kind id_kind[ML_CITE_MAX_IDS];
	size_t nids;
} cite_ctx;

/* '.', '?' or '!': what ends a title or a reference */
static inline int cite_term(char ch)
{
	return ch == '.' || ch == '?' || ch == '!';
}

/* "January" to "December", for dates (cite/loc.c). */
extern const char *const cite_months[12];

/* Does s[p..] start with lit? Inline: most calls fail on the first
 * byte, and strlen of a literal folds away. */
static inline int cite_lit(const cite_ctx *c, size_t p, const char *lit)
{
	size_t k;

	if (p >= c->len || c->s[p] != lit[0])
		return lit[0] == '\0';
	k = strlen(lit);
	return c->len - p >= k && memcmp(c->s + p, lit, k) == 0;
}

static inline int cite_is_digit(const cite_ctx *c, size_t p)
{
	return p < c->len && c->s[p] >= '0' && c->s[p] <= '9';
}

/* Bytes in the UTF-8 sequence at p (1 for stray bytes). */
static inline size_t cite_u8len(const cite_ctx *c, size_t p)
{
	unsigned char ch = (unsigned char)c->s[p];
	size_t k = ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : ch >= 0xC0 ? 2 : 1;

	return p + k <= c->len ? k : c->len - p;
}

/* cite/norm.c */
int cite_norm(cite_ctx *c, char *sbuf, uint32_t *mbuf, unsigned char *ibuf,
	      size_t cap);
void cite_norm_dispose(cite_ctx *c);
/* Report rule at normalised position pos (pos == len: after the end). */
ml_finding *cite_report(cite_ctx *c, ml_rule rule, size_t pos, const char *fmt,
			...) __attribute__((format(printf, 4, 5)));
/* Attach a fix that replaces normalised [a, b) with text. */
/* End fd at normalised position b (exclusive): the part it names. */
void cite_span(cite_ctx *c, ml_finding *fd, size_t b);
void cite_fix(cite_ctx *c, ml_finding *fd, size_t a, size_t b,
	      const char *text);
/* Offset in e->src of normalised position pos. */
size_t cite_src_off(const cite_ctx *c, size_t pos);
/* Line and column in the file of normalised position pos. */
void cite_pos(const cite_ctx *c, size_t pos, int *line, int *col);
/* Remember a valid identifier at normalised [a, b) (cite/loc.c). */
void cite_note_id(cite_ctx *c, ml_cite_id_kind kind, size_t a, size_t b);

/* text helpers (cite/norm.c) */
int cite_lit_ci(const cite_ctx *c, size_t p, const char *lit);

/* Letters and capitals; ASCII inline, the rest in util/utf8.c. */
static inline int cite_is_letter(const cite_ctx *c, size_t p)
{
	unsigned char ch = p < c->len ? (unsigned char)c->s[p] : 0;

	if (ch < 0x80)
		return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
	return ml_utf8_is_letter(c->s, c->len, p);
}

static inline int cite_is_up(const cite_ctx *c, size_t p)
{
	unsigned char ch = p < c->len ? (unsigned char)c->s[p] : 0;

	if (ch < 0x80)
		return ch >= 'A' && ch <= 'Z';
	return ml_utf8_is_upper(c->s, c->len, p);
}

static inline int cite_is_lo(const cite_ctx *c, size_t p)
{
	return cite_is_letter(c, p) && !cite_is_up(c, p);
}
int cite_is_dash(const cite_ctx *c, size_t p, size_t *dlen); /* – — - */
size_t cite_ital_end(const cite_ctx *c, size_t p);
size_t cite_word_end(const cite_ctx *c, size_t p); /* letters ' ’ - */
/* copy s[a, b) into dst (at most cap-1 bytes, "..." when cut) */
const char *cite_snip(const cite_ctx *c, size_t a, size_t b, char *dst,
		      size_t cap);

/* cite/re.c: the patterns, compiled once for the process */
enum cite_re_id {
	CITE_RE_DATE,
	CITE_RE_DOI,
	CITE_RE_MARKER,
	CITE_RE_RETRIEVED,
	CITE_RE_PLAIN_JOURNAL,
	CITE_RE_EDITION,
	CITE_RE_STYLE_APA_DATE,
	CITE_RE_STYLE_NLM_NAMES,
	CITE_RE_STYLE_NLM_DATE,
	CITE_RE_STYLE_NLM_BOOK,
	CITE_RE_STYLE_IEEE,
	CITE_RE_STYLE_IEEE_MARK,
	CITE_RE_STYLE_HARVARD,
	CITE_RE_STYLE_BARE_PAREN_YEAR,
	CITE_RE_STYLE_MLA,
	CITE_RE_STYLE_CHICAGO,
	CITE_RE_STYLE_APA_SOURCE,
	CITE_RE_STYLE_APA_NAME,
	CITE_RE_PROBE_ID,
	CITE_RE_PROBE_YEAR,
	CITE_RE_PROBE_SHAPE,
	CITE_RE__COUNT
};
/* 1 when the pattern matches in [s, s+len) (each pattern anchors itself
 * as it needs), 0 when not, negative on error. */
int cite_re_match(enum cite_re_id id, const char *s, size_t len,
		  pcre2_match_data *md);
/* Find the next match at or after start; *ms, *me its bounds. */
int cite_re_find(enum cite_re_id id, const char *s, size_t len, size_t start,
		 pcre2_match_data *md, size_t *ms, size_t *me);
pcre2_match_data *cite_re_md(void);
/* Percent-decode s into dst (len bytes at most); 0 when malformed. */
size_t cite_pct_decode(const char *s, size_t len, char *dst);
/* ml_doi_valid with the caller's match data (identifiers.c) */
int cite_doi_valid(const char *doi, size_t len, pcre2_match_data *md);

/* cite/style.c: 1 when the entry is in another style (reported) */
/* The entry rewritten into the list's style as fd's fix: whole entry,
 * an editor's quick fix only (--fix does not restyle). */
void cite_suggest(cite_ctx *c, ml_finding *fd, const ml_buf *rewrite);
int cite_style(cite_ctx *c);
/* The style of an entry in neither AMA nor Vancouver (APA 7, IEEE,
 * Harvard, MLA, Chicago author-date), or NULL. */
const char *cite_style_other(cite_ctx *c);
/* cite/medical.c: the entry checked in AMA 11 (ama) or NLM Citing
 * Medicine (Vancouver). */
void cite_medical(cite_ctx *c, int ama);

/* the parts */
void cite_locators(cite_ctx *c);
void cite_find_date(cite_ctx *c);
void cite_authors(cite_ctx *c);
size_t cite_date(cite_ctx *c);
size_t cite_title(cite_ctx *c, size_t p);
void cite_case(cite_ctx *c, size_t a, size_t b);
void cite_case_in(cite_ctx *c, size_t a, size_t b, const char *style);
void cite_source(cite_ctx *c, size_t p);
int cite_pages(cite_ctx *c, size_t p, size_t end, size_t *after);
int cite_journal_at(const cite_ctx *c, size_t p);

/* cite/medical.c, cite/medstyle.c: AMA 11 and NLM (Vancouver) */
typedef struct {
	cite_ctx *c;
	int ama;
	const char *name; /* "AMA 11" or "NLM (Vancouver)" */
	size_t body_end;  /* start of the locators (DOI, URL, Accessed ...) */
	size_t ae;	  /* the '.' that ends the authors, or CITE_NONE */
	size_t ts, te;	  /* title, te at its terminator */
	size_t url;	  /* first URL, or CITE_NONE */
} cite_med;
typedef struct {
	size_t js, je; /* journal */
	size_t y;      /* year */
	size_t semi;   /* ';' before the volume */
	size_t v, ve;  /* volume */
	size_t pg;     /* pages after ':', or CITE_NONE */
} cite_jloc;
int cite_find_lit(const cite_ctx *c, size_t from, size_t to, const char *lit,
		  size_t *at);
int cite_is_year(const cite_ctx *c, size_t p);
int cite_month3_at(const cite_ctx *c, size_t p);
int cite_month_at(const cite_ctx *c, size_t p, size_t *e);
int cite_italic_between(const cite_ctx *c, size_t a, size_t b);
int cite_has_re(const cite_ctx *c, enum cite_re_id id);
void cite_med_locators(cite_med *m);
void cite_med_authors(cite_med *m);
void cite_med_title(cite_med *m);
int cite_find_journal(const cite_ctx *c, size_t p, size_t lim, cite_jloc *j);
/* Marks only AMA and NLM entries make (a publisher then "; 2019.",
 * "Accessed March 5, 2020", [Internet], "47(6):574", a date alone
 * after an italic part; with NLM names, an italic part or "doi:10."),
 * for an entry in an APA list with no APA date. */
int cite_med_marks(const cite_ctx *c, int nlm_names);
/* Of the two, is it AMA (an italic journal or book, Accessed Month)? */
int cite_med_is_ama(const cite_ctx *c);
/* 1 when the entry is in another style than m->ama asks (reported,
 * with the entry rewritten where its parts parse). */
int cite_med_style(cite_med *m);

#endif
