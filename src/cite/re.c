/* cite/re.c - the citation checker's PCRE2 patterns, each compiled (and
 * JIT compiled where the platform allows) once per process on its first
 * use, then shared read-only by every thread. Subjects are
 * matched as bytes: en dashes in the patterns are literal UTF-8. */
#include "cite/internal.h"

#include "util/common.h"
#include "util/regex.h"

#define MONTH                                                             \
	"(?:January|February|March|April|May|June|July|August|September|" \
	"October|November|December)"
#define DAY "(?:[1-9]|[12][0-9]|3[01])"
#define NDASH "\xE2\x80\x93"

static const struct {
	const char *pattern;
	uint32_t flags;
} patterns[CITE_RE__COUNT] = {
	/* CITE_RE_DATE: what goes between the parentheses */
	{ "^(?:[12][0-9]{3}(?:" NDASH "(?:[12][0-9]{3}|present))?[a-z]?"
	  "(?:, (?:" MONTH "(?: " DAY "(?:" NDASH "(?:" MONTH " )?" DAY ")?)?"
	  "(?:" NDASH MONTH "(?: " DAY ")?)?"
	  "|Spring|Summer|Fall|Autumn|Winter))?"
	  "|n\\.d\\.(?:-[a-z])?|in press(?:-[a-z])?)$",
	  0 },
	/* CITE_RE_DOI: Crossref's patterns, the first one covers 99%+ */
	{ "^10\\.[0-9]{4,9}/[-._;()/:A-Z0-9]+$"
	  "|^10\\.1002/\\S+$"
	  /* SICI: 10.1641/0006-3568(2001)051[1051:SSTEAR]2.0.CO;2 */
	  "|^10\\.[0-9]{4,9}/[-._;()/:A-Z0-9]*[[<][-._;()/:A-Z0-9[\\]<>]+$"
	  "|^10\\.[0-9]{4}/[0-9]+-[0-9]+X?\\([0-9]+\\)[0-9]+<[0-9A-Z_]+:"
	  "[0-9A-Z_]*>[0-9]+\\.[0-9]+\\.[0-9A-Z_]+;[0-9]$"
	  "|^10\\.1021/\\w\\w[0-9]+$"
	  "|^10\\.1207/[0-9A-Z_]+&[0-9]+_[0-9]+$",
	  PCRE2_CASELESS },
	/* CITE_RE_MARKER: [1], [1, 3], [2–4], [2-4]; up to 3 digits, so
	 * that a year in brackets ([2019]) is not a marker */
	{ "\\[[ ]?[0-9]{1,3}(?:[ ]?(?:,|" NDASH "|\xE2\x80\x94|-)[ ]?"
	  "[0-9]{1,3})*[ ]?\\]",
	  0 },
	/* CITE_RE_RETRIEVED: APA 7 retrieval date for pages that change */
	{ "^Retrieved " MONTH " " DAY ", [12][0-9]{3}, from $", 0 },
	/* CITE_RE_PLAIN_JOURNAL: Journal, 12(3), ... without italics */
	{ "^[A-Z][^,.]*(?:\\.[^,.]+)*, [0-9]+[A-Za-z]?(?:\\([^)]+\\))?"
	  "(?:, |\\.|$)",
	  0 },
	/* CITE_RE_EDITION: an edition not written as (2nd ed.) */
	{ "\\b(?:edition|edn)\\b|^[0-9]+(?:st|nd|rd|th) ed$", PCRE2_CASELESS },
	/* CITE_RE_STYLE_APA_DATE: "(2019)." "(2019, May 10)." "(n.d.)." */
	{ "(?:^|\\s)\\((?:1[5-9]|20)[0-9]{2}[a-z]?(?:[,/" NDASH
	  "-][^)]*)?\\)\\."
	  "|\\(n\\.d\\.\\)\\.|\\(in press\\)\\.",
	  0 },
	/* CITE_RE_STYLE_NLM_NAMES: "Müller M," "van den Bekerom W." */
	{ "^(?:(?:\\p{Ll}{1,3}[ \x27\xE2\x80\x99])*\\p{Lu}[\\p{L}\x27\xE2\x80\x99-]*"
	  "[ ])+\\p{Lu}{1,3}(?:,|\\.| et al| and | \\(| Jr|$)",
	  PCRE2_UTF | PCRE2_UCP },
	/* CITE_RE_STYLE_NLM_DATE: "2005;293(17)" "2018 Jan 4;5(1)" "2019
	 * Feb 19:12" */
	{ "\\b(?:1[5-9]|20)[0-9]{2}(?: [A-Z][a-z]{2}(?: [0-9]{1,2})?)?"
	  "(?: \\[[^]]*\\])?[;:]\\s?[0-9]|\\[Internet\\]|\\[cited ",
	  0 },
	/* CITE_RE_STYLE_NLM_BOOK: "Publisher; 1996." */
	{ "; (?:1[5-9]|20)[0-9]{2}\\.", 0 },
	/* CITE_RE_STYLE_IEEE: initials first, or a quoted title and vol. */
	{ "^(?:\\p{Lu}\\.(?:[ -]?\\p{Lu}\\.)* (?:\\p{Ll}+ )*\\p{Lu}[\\p{L}\x27\xE2\x80\x99-]+"
	  "(?:,| and |\\.| et al|$))|[,.]\xE2\x80\x9D .*\\bvol\\. [0-9]",
	  PCRE2_UTF | PCRE2_UCP },
	/* CITE_RE_STYLE_IEEE_MARK: what only IEEE writes */
	{ "\\[Online(?: Video)?\\]|\\bAccessed: [A-Z][a-z]{2}\\.? [0-9]"
	  "|\\bAvailable: https?://|\\[(?:Software Program|Source Code)\\]",
	  0 },
	/* CITE_RE_STYLE_HARVARD: "(2019) 'Title',", "(2019) Title, pp." */
	{ "\\((?:1[5-9]|20)[0-9]{2}[a-z]?\\) (?:\x27[^\x27]+\x27,"
	  "|\xE2\x80\x98(?:[^\xE2]|\xE2[^\x80]|\xE2\x80[^\x99])+\xE2\x80\x99,"
	  "|\xE2\x80\x9C(?:[^\xE2]|\xE2[^\x80]|\xE2\x80[^\x9D])+[,.]\xE2\x80\x9D"
	  "|\"[^\"]+[,.]\""
	  "|[^()]*(?:, pp\\. [0-9]|Available at:|\\[Accessed| edn\\b))",
	  0 },
	/* CITE_RE_STYLE_BARE_PAREN_YEAR: "(2019) ", "(24 June 2022) " with no
	 * period */
	{ "\\((?:[0-9]{1,2}(?:-[0-9]{1,2})? [A-Z][a-z]+ )?(?:1[5-9]|20)[0-9]{2}"
	  "[a-z]?\\) |\\(n\\.d\\.\\) ",
	  0 },
	/* CITE_RE_STYLE_MLA: "vol. 12, no. 3, 2019, pp." */
	{ ", vol\\. [0-9]+(?:, no\\. [0-9]+)?, (?:[A-Z][a-z.]* )?(?:[0-9]{1,2} )?"
	  "(?:1[5-9]|20)[0-9]{2}",
	  0 },
	/* CITE_RE_STYLE_CHICAGO: "Surname, Given. 2019." "Group. n.d. “"
	 * "ARC (Australian Research Council). 2017." */
	{ "^(?:[^()]|\\([^()]{1,80}\\)){1,400}?[^\\s(](?<![0-9],) (?:(?:1[5-9]|20)[0-9]{2}[a-z]?|n\\.d\\.)"
	  "(?:\\.|,| [\xE2\x80\x9C\"])"
	  "|^\\p{Lu}[\\p{L}\x27\xE2\x80\x99-]+, \\p{Lu}\\p{Ll}+\\b.*, (?:1[5-9]|20)[0-9]{2}\\.",
	  PCRE2_UTF | PCRE2_UCP },
	/* CITE_RE_STYLE_APA_SOURCE: ", 46(2), 690–699" (Chicago writes
	 * "46 (2): 690–99") */
	{ "[A-Za-z], [0-9]+(?:\\([^)]+\\))?, (?:[0-9]+" NDASH
	  "[0-9]+|e?[0-9]+\\."
	  "|Article )",
	  0 },
	/* CITE_RE_STYLE_APA_NAME: "Surname, I." opens an APA author list */
	{ "^(?:\\p{L}[\\p{L}\x27\xE2\x80\x99-]*[ ])*\\p{Lu}[\\p{L}\x27\xE2\x80\x99-]+, \\p{Lu}\\.",
	  PCRE2_UTF | PCRE2_UCP },
	/* CITE_RE_PROBE_ID: a registry identifier anywhere (raw Markdown) */
	{ "\\b10\\.[0-9]{4,9}/|\\bPMID:?\\s*[1-9]|\\bPMC[1-9][0-9]{2,}"
	  "|\\bISBN\\b|\\bdoi\\.org/|\\barXiv:",
	  PCRE2_CASELESS },
	/* CITE_RE_PROBE_YEAR: a year of publication, or no date */
	{ "(?<![0-9])(?:1[6-9]|20)[0-9]{2}[a-z]?(?![0-9])|\\bn\\.\\s?d\\.", 0 },
	/* CITE_RE_PROBE_SHAPE: what only references write: a name list
	 * ("Smith, J.", "Smith JA,", "Smith, John", "J. Smith and"), a date
	 * in parentheses or a month beside a year, a journal locator
	 * ("2019;12(3):45", "12(3), 45"), pages, retrieval words, a
	 * publisher, a link, an italic or quoted title */
	{ "^[\\s*_]*(?:\\p{Ll}{1,3}[ \x27]){0,2}\\p{Lu}[\\p{L}\x27\xE2\x80\x99-]+"
	  "(?:,? \\p{Lu}{1,3}(?:,|\\.| et al| and | \\(|$)|, ?\\p{Lu}\\.|, ?\\p{Lu}\\p{Ll}+\\b)"
	  "|^[\\s*_]*\\p{Lu}\\.(?:[ -]?\\p{Lu}\\.)* ?\\p{Lu}\\p{Ll}"
	  "|\\((?:[0-9]{1,2}(?:-[0-9]{1,2})? \\p{Lu}\\p{Ll}+ )?(?:1[6-9]|20)[0-9]{2}[a-z]?[,)]"
	  "|\\(n\\.d\\.\\)"
	  "|(?:1[6-9]|20)[0-9]{2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\\b"
	  "|\\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\\. (?:1[6-9]|20)[0-9]{2}"
	  "|(?:1[6-9]|20)[0-9]{2}[^;\\n]{0,16};\\s?[0-9]+"
	  "|[0-9]+\\s?\\([0-9A-Za-z\xE2\x80\x93 -]+\\)\\s?[:,]\\s?[0-9e]"
	  "|\\bpp?\\.\\s?[0-9]|\\b(?:Accessed|accessed|Retrieved|Available (?:from|at)"
	  "|Published|Rep\\.|[Pp]rivate communication|[Uu]npublished)\\b"
	  "|\\[(?:Internet|cited)\\b|https?://|\\bwww\\."
	  "|\\b(?:Press|Publishing|Publishers|University|Journal|Proceedings|Books)\\b"
	  "|\\bet al\\b|\\b[0-9]+(?:st|nd|rd|th) ed\\b"
	  "|(?<![*\\\\])\\*[^*\\s][^*]{3,}\\*(?!\\*)"
	  "|\\x{201C}[^\\x{201D}]{4,}\\x{201D}|(?:^|\\s)\x27[^\x27]{4,}\x27[,.]",
	  PCRE2_UTF | PCRE2_UCP },
};

/* for the finding when a pattern runs out of the file's regex budget */
static const char *const names[CITE_RE__COUNT] = {
	[CITE_RE_DATE] = "date",
	[CITE_RE_DOI] = "DOI",
	[CITE_RE_MARKER] = "marker",
	[CITE_RE_RETRIEVED] = "retrieval date",
	[CITE_RE_PLAIN_JOURNAL] = "plain journal",
	[CITE_RE_EDITION] = "edition",
	[CITE_RE_STYLE_APA_DATE] = "APA date",
	[CITE_RE_STYLE_NLM_NAMES] = "NLM names",
	[CITE_RE_STYLE_NLM_DATE] = "NLM date",
	[CITE_RE_STYLE_NLM_BOOK] = "NLM book",
	[CITE_RE_STYLE_IEEE] = "IEEE",
	[CITE_RE_STYLE_IEEE_MARK] = "IEEE mark",
	[CITE_RE_STYLE_HARVARD] = "Harvard",
	[CITE_RE_STYLE_BARE_PAREN_YEAR] = "bare year",
	[CITE_RE_STYLE_MLA] = "MLA",
	[CITE_RE_STYLE_CHICAGO] = "Chicago",
	[CITE_RE_STYLE_APA_SOURCE] = "APA source",
	[CITE_RE_STYLE_APA_NAME] = "APA name",
	[CITE_RE_PROBE_ID] = "probe identifier",
	[CITE_RE_PROBE_YEAR] = "probe year",
	[CITE_RE_PROBE_SHAPE] = "probe shape",
};

/* Each pattern is compiled on its first use, by whichever thread needs
 * it first, and kept for the life of the process (so the language server
 * keeps it across documents): a run that never reads a reference list,
 * or never asks for a style, compiles none of them. It is JIT-compiled
 * only once it has been used often enough (util/regex.c,
 * ml_regex_lazy_code). */
static ml_regex_lazy codes[CITE_RE__COUNT];

static const pcre2_code *code(enum cite_re_id id)
{
	return ml_regex_lazy_code(&codes[id], patterns[id].pattern,
				  patterns[id].flags);
}

size_t ml_citation_patterns_compiled(void)
{
	size_t i, n = 0;

	for (i = 0; i < CITE_RE__COUNT; i++)
		n += (size_t)ml_regex_lazy_compiled(&codes[i]);
	return n;
}

pcre2_match_data *cite_re_md(void)
{
	return pcre2_match_data_create(4, NULL);
}

int cite_re_find(enum cite_re_id id, const char *s, size_t len, size_t start,
		 pcre2_match_data *md, size_t *ms, size_t *me)
{
	const pcre2_code *re = code(id);
	PCRE2_SIZE *ov;
	int rc;

	if (!re || !md)
		return ML_ENOMEM;
	/* the file's regex budget and util/regex.c's limits: no reference
	 * of tests/citations comes near them */
	rc = ml_regex_exec(re, s, len, start, md);
	if (rc == ML_ELIMIT)
		ml_regex_budget_blame(0, "medlint's citation pattern \"%s\"",
				      names[id]);
	if (rc <= 0)
		return rc;
	ov = pcre2_get_ovector_pointer(md);
	*ms = ov[0];
	*me = ov[1];
	return 1;
}

int cite_re_match(enum cite_re_id id, const char *s, size_t len,
		  pcre2_match_data *md)
{
	size_t ms, me;

	return cite_re_find(id, s, len, 0, md, &ms, &me);
}
