/* cite/parts.c - the date and the title of a reference, and
 * citation-case: a title in title case where APA 7 wants sentence case. */
#include "cite/internal.h"

#include <stdio.h>
#include <string.h>

#include "util/common.h"

#define SNIP 64

/* A month's first three letters at p ("Jan", "Sept." and "June" too). */
static int month_start(const cite_ctx *c, size_t p)
{
	size_t i;

	for (i = 0; i < ML_ARRAY_LEN(cite_months); i++)
		if (p + 3 <= c->len && memcmp(c->s + p, cite_months[i], 3) == 0)
			return 1;
	return 0;
}

/* Does "(...)" at p hold a date (well written or not)? */
static int date_like(const cite_ctx *c, size_t p, size_t close)
{
	size_t q = p + 1, k;

	if (cite_lit(c, q, "n.d") || cite_lit(c, q, "n. d") ||
	    cite_lit_ci(c, q, "in press") || cite_lit_ci(c, q, "no date") ||
	    cite_lit(c, q, "nd)"))
		return 1;
	for (k = 0; k < 4 && cite_is_digit(c, q + k); k++)
		;
	if (k == 4 && (c->s[q] == '1' || c->s[q] == '2') &&
	    !cite_is_digit(c, q + 4))
		return 1;
	if (month_start(c, q) ||
	    (cite_is_digit(c, q) && q + 3 < close &&
	     (month_start(c, q + 2) || month_start(c, q + 3)))) {
		for (k = q; k + 4 <= close; k++)
			if (cite_is_digit(c, k) && cite_is_digit(c, k + 3) &&
			    (c->s[k] == '1' || c->s[k] == '2'))
				return 1;
	}
	return 0;
}

void cite_find_date(cite_ctx *c)
{
	size_t p, q;

	c->date_s = c->date_e = CITE_NONE;
	for (p = 0; p < c->body_end; p++) {
		if (c->s[p] != '(' || c->it[p] || (p > 0 && c->s[p - 1] != ' '))
			continue;
		for (q = p + 1;
		     q < c->body_end && c->s[q] != ')' && c->s[q] != '('; q++)
			;
		if (q < c->body_end && c->s[q] == ')' && date_like(c, p, q)) {
			c->date_s = p;
			c->date_e = q + 1;
			return;
		}
	}
}

/* Check the date at c->date_s; the position after it. */
size_t cite_date(cite_ctx *c)
{
	size_t a = c->date_s + 1, b = c->date_e - 1, p = c->date_e;
	char d[SNIP];

	if (cite_re_match(CITE_RE_DATE, c->s + a, b - a, c->md) != 1)
		cite_report(c, ML_RULE_CITATION_DATE, a,
			    "date '(%s)': write (2019), (2019, May 10), "
			    "(2019, May), (2019a), (n.d.) or (in press)",
			    cite_snip(c, a, b, d, sizeof(d)));
	if (p < c->len && c->s[p] == '.')
		p++;
	else
		cite_report(c, ML_RULE_CITATION_DATE, p,
			    "write a period after the date: (%s).",
			    cite_snip(c, a, b, d, sizeof(d)));
	while (p < c->body_end && c->s[p] == ' ')
		p++;
	return p;
}

/* ---- title --------------------------------------------------------- */

int cite_journal_at(const cite_ctx *c, size_t p)
{
	size_t e, k;

	if (p >= c->body_end || !c->it[p])
		return 0;
	e = cite_ital_end(c, p);
	if (e < c->len && c->s[e] == ',')
		return 1;
	/* "*Journal, 12*(3)" */
	for (k = e; k > p && cite_is_digit(c, k - 1); k--)
		;
	return k < e && k >= p + 2 && cite_lit(c, k - 2, ", ");
}

static int abbrev_before(const cite_ctx *c, size_t from, size_t q)
{
	static const char *const ab[] = { "vs",	 "e.g", "i.e",	  "al",	 "Dr",
					  "Mr",	 "Mrs", "Ms",	  "St",	 "No",
					  "Vol", "Fig", "approx", "cf",	 "ca",
					  "Jr",	 "Sr",	"Inc",	  "Ltd", "Co",
					  "Eds", "Ed" };
	size_t ws = q, i;

	while (ws > from && c->s[ws - 1] != ' ')
		ws--;
	if (q > ws && cite_is_letter(c, q - 1) &&
	    memchr(c->s + ws, '.', q - ws))
		return 1; /* U.S. */
	for (i = 0; i < ML_ARRAY_LEN(ab); i++)
		if (strlen(ab[i]) == q - ws &&
		    memcmp(c->s + ws, ab[i], q - ws) == 0)
			return 1;
	return 0;
}

static int source_starts(const cite_ctx *c, size_t p)
{
	return p >= c->body_end || c->it[p] || cite_is_up(c, p) ||
	       cite_is_digit(c, p) || !cite_is_letter(c, p);
}

/* The first sentence end (".", "?", "!" and a space) in [p, end). */
static size_t sentence_end(const cite_ctx *c, size_t p, size_t end)
{
	size_t q;

	for (q = p; q < end; q++) {
		if (!cite_term(c->s[q]) || c->s[q] == '\0')
			continue;
		if (q + 1 < end && c->s[q + 1] != ' ')
			continue;
		if (c->s[q] == '.' && abbrev_before(c, p, q))
			continue;
		if (source_starts(c, q + 2))
			return q;
	}
	return CITE_NONE;
}

static size_t first_italic(const cite_ctx *c, size_t p, size_t end)
{
	for (; p < end; p++)
		if (c->it[p])
			return p;
	return CITE_NONE;
}

static size_t in_anchor(const cite_ctx *c, size_t p, size_t end)
{
	for (; p + 4 < end; p++)
		if (cite_term(c->s[p]) && c->s[p] != '\0' &&
		    (cite_lit(c, p + 1, " In ") || cite_lit(c, p + 1, " In: ")))
			return p;
	return CITE_NONE;
}

static void set_title(cite_ctx *c, size_t a, size_t b, int italic)
{
	c->title_s = a;
	c->title_e = b;
	c->title_italic = italic;
	if (b > a)
		cite_case(c, a, b);
}

static void title_missing_period(cite_ctx *c, size_t at)
{
	/* at the very end the final-period check speaks for it */
	if (at < c->body_end)
		cite_report(c, ML_RULE_CITATION_TITLE, at,
			    "end the title with a period (or ? or !)");
}

/* " (2nd ed.)", " [Fact sheet]" after a title; returns the end. */
static size_t title_extras(cite_ctx *c, size_t q)
{
	size_t k;
	char t[SNIP];

	while (cite_lit(c, q, " (") || cite_lit(c, q, " [")) {
		char close = c->s[q + 1] == '(' ? ')' : ']';
		for (k = q + 2; k < c->body_end && c->s[k] != close; k++)
			;
		if (k >= c->body_end)
			break;
		if (close == ')' && cite_re_match(CITE_RE_EDITION, c->s + q + 2,
						  k - q - 2, c->md) == 1)
			cite_span(c,
				  cite_report(c, ML_RULE_CITATION_SOURCE, q + 2,
					      "edition '(%s)': write it as "
					      "(2nd ed.)",
					      cite_snip(c, q + 2, k, t,
							sizeof(t))),
				  k);
		q = k + 1;
	}
	return q;
}

static size_t title_italic(cite_ctx *c, size_t p)
{
	size_t ie = cite_ital_end(c, p), q, te = ie;

	if (cite_journal_at(c, p)) {
		cite_report(c, ML_RULE_CITATION_TITLE, p,
			    "no title before the journal name: write the "
			    "article title, then a period");
		set_title(c, p, p, 0);
		return p;
	}
	if (te > p && cite_term(c->s[te - 1]))
		te--;
	set_title(c, p, te, 1);
	q = title_extras(c, ie);
	if (q < c->len && c->s[q] == '.')
		q++;
	else if (!(q == ie && te < ie))
		title_missing_period(c, q);
	while (q < c->body_end && c->s[q] == ' ')
		q++;
	return q;
}

/* A closing quotation mark ends right before e. */
static int closes_quote(const cite_ctx *c, size_t e)
{
	if (e > c->len)
		return 0;
	return (e >= 3 && (cite_lit(c, e - 3, "\xE2\x80\x9D") ||
			   cite_lit(c, e - 3, "\xE2\x80\x99"))) ||
	       (e >= 1 && c->s[e - 1] == '"');
}

/* Italics that follow a sentence end ("Title. *Journal*"), not the
 * italics of a species name inside the title. */
static int after_terminator(const cite_ctx *c, size_t p, size_t j)
{
	size_t k = j;

	while (k > p && c->s[k - 1] == ' ')
		k--;
	if (k == j || k == p)
		return 0;
	return cite_term(c->s[k - 1]) ||
	       (k >= p + 4 && closes_quote(c, k) && cite_term(c->s[k - 4]));
}

/* The italics where the source starts: a journal, or italics after a
 * sentence end. */
static size_t source_italic(const cite_ctx *c, size_t p, size_t end)
{
	size_t j = p;

	while ((j = first_italic(c, j, end)) != CITE_NONE) {
		if (cite_journal_at(c, j) || after_terminator(c, p, j))
			return j;
		j = cite_ital_end(c, j);
	}
	return CITE_NONE;
}

static size_t title_plain(cite_ctx *c, size_t p)
{
	size_t end = c->body_end, j = source_italic(c, p, end);
	size_t in = in_anchor(c, p, j == CITE_NONE ? end : j), k;

	if (in != CITE_NONE) {
		set_title(c, p, in, 0);
		return in + 2;
	}
	if (j != CITE_NONE && cite_journal_at(c, j)) {
		for (k = j; k > p && c->s[k - 1] == ' '; k--)
			;
		if (k > p + 1 && strchr(";,:", c->s[k - 1]) &&
		    cite_term(c->s[k - 2]))
			k--; /* ".;": the punctuation check reports it */
		if (k > p && cite_term(c->s[k - 1])) {
			set_title(c, p, k - 1, 0);
		} else if (k >= p + 4 && closes_quote(c, k) &&
			   cite_term(c->s[k - 4])) {
			set_title(c, p, k - 4, 0); /* "Title." */
		} else {
			set_title(c, p, k, 0);
			title_missing_period(c, k);
		}
		return j;
	}
	k = sentence_end(c, p, j == CITE_NONE ? end : j);
	if (k != CITE_NONE) {
		set_title(c, p, k, 0);
		return k + 2 < end ? k + 2 : end;
	}
	k = j == CITE_NONE ? end : j;
	while (k > p && c->s[k - 1] == ' ')
		k--;
	if (k > p && cite_term(c->s[k - 1]) && c->s[k - 1] != '\0') {
		set_title(c, p, k - 1, 0);
	} else {
		set_title(c, p, k, 0);
		title_missing_period(c, k);
	}
	return j == CITE_NONE ? end : j;
}

static int roman_goes_on(const cite_ctx *c, size_t p)
{
	size_t e = cite_ital_end(c, p);

	return c->s[e] == ' ' && cite_is_lo(c, e + 1);
}

static int quote_at(const cite_ctx *c, size_t p)
{
	return c->s[p] == '"' || cite_lit(c, p, "\xE2\x80\x9C") ||
	       cite_lit(c, p, "\xE2\x80\x98");
}

/* The title at p (after the date); returns where the source starts. */
size_t cite_title(cite_ctx *c, size_t p)
{
	size_t q;

	if (p >= c->body_end) {
		cite_report(c, ML_RULE_CITATION_TITLE, p,
			    "no title after the date: write the title, then "
			    "a period");
		set_title(c, p, p, 0);
		return c->body_end;
	}
	/* "Achromatopsia. (2005). In *Encyclopedia*": an entry without an
	 * author, titled before its date */
	if (cite_lit(c, p, "In ") && c->author == CITE_AU_GROUP &&
	    c->it[p + 3] && !c->it[p]) {
		set_title(c, 0, c->auth_e > 0 ? c->auth_e - 1 : 0, 0);
		return p;
	}
	/* a title may start with "In" ("In all likelihood", "In search of
	 * ..."): only "In" before an editor or an italic book is a chapter's */
	if ((cite_lit(c, p, "In ") &&
	     (c->it[p + 3] ||
	      (cite_is_up(c, p + 3) &&
	       cite_lit(c, p + 3 + cite_u8len(c, p + 3), ". "))) &&
	     !c->it[p]) ||
	    cite_lit(c, p, "In: ")) {
		cite_report(c, ML_RULE_CITATION_TITLE, p,
			    "no title before 'In': write the chapter title, "
			    "then a period");
		set_title(c, p, p, 0);
		return p;
	}
	/* "*Staphylococcus aureus* infection after..." is a roman title
	 * that starts with a species name */
	q = c->it[p] && !roman_goes_on(c, p) ? title_italic(c, p)
					     : title_plain(c, p);
	/* the whole title quoted, not a quoted term at its start */
	if (c->title_e > c->title_s && quote_at(c, c->title_s) &&
	    (closes_quote(c, c->title_e) || closes_quote(c, c->title_e + 4) ||
	     closes_quote(c, c->title_e + 2)))
		cite_span(c,
			  cite_report(c, ML_RULE_CITATION_TITLE, c->title_s,
				      "APA 7 titles take no quotation marks"),
			  c->title_e);
	return q;
}

/* ---- citation-case -------------------------------------------------- */

/* Capitalised where sentence case keeps them so: eponyms and anatomical
 * names, places and peoples that health titles name often, months. */
static const char *const builtin_proper[] = {
	"Achilles", "Addison", "Alzheimer", "Apgar", "Asperger", "Babinski",
	"Baker", "Bankart", "Barr", "Barré", "Bell", "Bennett", "Bouchard",
	"Broca", "Colles", "Crohn", "Cushing", "Down", "Dupuytren", "Ehlers",
	"Danlos", "Epstein", "Eustachian", "Ewing", "Fallopian", "Golgi",
	"Graves", "Guillain", "Hashimoto", "Heberden", "Hodgkin", "Hoffa",
	"Huntington", "Kaposi", "Kawasaki", "Kienböck", "Korsakoff", "Lachman",
	"Langerhans", "Lisfranc", "Lyme", "Marfan", "McMurray", "Meniere",
	"Ménière", "Morton", "Osgood", "Paget", "Parkinson", "Perthes",
	"Purkinje", "Raynaud", "Schlatter", "Schwann", "Sever", "Sjögren",
	"Thompson", "Tinel", "Tourette", "Trendelenburg", "Wernicke", "Wolff",
	"Gram", "Glasgow", "Cochrane", "Medicare", "Medicaid", "Bayesian",
	"Gaussian", "Pilates", "Internet", "Africa", "African", "America",
	"American", "Americans", "Asia", "Asian", "Australia", "Australian",
	"Brazil", "Britain", "British", "Canada", "Canadian", "China",
	"Chinese", "Denmark", "Danish", "England", "English", "Europe",
	"European", "France", "French", "Germany", "German", "India", "Indian",
	"Italy", "Italian", "Japan", "Japanese", "Korea", "Korean", "Latino",
	"Hispanic", "Mediterranean", "Nordic", "Norway", "Norwegian",
	"Scandinavian", "Spain", "Spanish", "Sweden", "Swedish", "United",
	"States", "Kingdom", "Zealand", "January", "February", "March", "April",
	"June", "July", "August", "September", "October", "November",
	"December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	"Saturday", "Sunday", "Tai", "Chi", "Olympic", "Olympics", "Paralympic",
	"Ramadan", "Christmas",
	/* more places and peoples, and the racial and ethnic terms APA 7
	 * capitalises */
	"Netherlands", "Dutch", "Belgium", "Belgian", "Ireland", "Irish",
	"Scotland", "Scottish", "Wales", "Welsh", "Finland", "Finnish",
	"Iceland", "Switzerland", "Swiss", "Austria", "Austrian", "Poland",
	"Polish", "Portugal", "Portuguese", "Greece", "Greek", "Turkey",
	"Turkish", "Israel", "Israeli", "Egypt", "Nigeria", "Nigerian", "Kenya",
	"Ghana", "Ethiopia", "Uganda", "Mexico", "Mexican", "Chile",
	"Argentina", "Peru", "Colombia", "Brazilian", "Singapore", "Taiwan",
	"Thailand", "Vietnam", "Indonesia", "Malaysia", "Philippines",
	"Pakistan", "Bangladesh", "Iran", "Iraq", "Saudi", "Arabia", "Qatar",
	"Russia", "Russian", "Ukraine", "Hong", "Kong", "London", "Paris",
	"Boston", "Ontario", "Quebec", "California", "Texas", "Arab", "Muslim",
	"Christian", "Jewish", "Black", "White", "Indigenous", "Aboriginal",
	"Latinx", "Latina", "Native", "Caucasian", "Inuit", "Maori", "Māori",
	"Pacific", "Atlantic", "Arctic", "Nordic", "Latin", "Rasch", "Likert",
	"Kaplan", "Meier", "Cox", "Wilcoxon", "Bland", "Altman", "Pearson",
	"Spearman", "Fisher", "Student", "Bonferroni", "Fontan", "Whipple",
	"Heimlich", "Valsalva", "Doppler", "Holter", "Pap", "Petri", "Nobel",
	"Fitbit", "Apple", "Google", "YouTube", "Facebook", "Twitter",
	"Instagram", "TikTok", "WhatsApp"
};

/* Words title case leaves in lower case. */
static const char *const minor_words[] = {
	"a",  "an",  "and", "as",   "at",  "but",  "by",   "for", "from", "if",
	"in", "nor", "of",  "off",  "on",  "or",   "per",  "so",  "the",  "to",
	"up", "via", "vs",  "with", "yet", "into", "onto", "than"
};

static char lower(char a)
{
	return (char)(a >= 'A' && a <= 'Z' ? a - 'A' + 'a' : a);
}

static int word_in(const char *w, size_t n, const char *const *list,
		   size_t count, int ci)
{
	size_t i, k;
	char w0 = (char)(ci ? lower(w[0]) : w[0]);

	for (i = 0; i < count; i++) {
		if (list[i][0] != w0) /* cheap first test */
			continue;
		for (k = 0; k < n && list[i][k]; k++)
			if ((ci ? lower(w[k]) : w[k]) != list[i][k])
				break;
		if (k == n && list[i][n] == '\0')
			return 1;
	}
	return 0;
}

/* Proper nouns that are never anything else in a title, so that one
 * written in lower case is a fault: languages and nationalities, days,
 * the months that are no common word (not may, march, august), and
 * software and instruments health research names. Words with a common
 * meaning (polish, turkey, black, native, guinea) are left out. */
static const char *const lower_proper[] = {
	"african",    "american",  "americans",	   "arabic",	"asian",
	"australian", "austrian",  "bangla",	   "bengali",	"brazilian",
	"british",    "canadian",  "chinese",	   "danish",	"dutch",
	"egyptian",   "english",   "european",	   "filipino",	"finnish",
	"french",     "german",	   "ghanaian",	   "greek",	"hindi",
	"hispanic",   "indian",	   "indonesian",   "iranian",	"irish",
	"israeli",    "italian",   "japanese",	   "kenyan",	"korean",
	"latino",     "latina",	   "malay",	   "mandarin",	"cantonese",
	"mexican",    "nigerian",  "norwegian",	   "pakistani", "persian",
	"portuguese", "russian",   "scandinavian", "scottish",	"spanish",
	"swahili",    "swedish",   "taiwanese",	   "thai",	"turkish",
	"ukrainian",  "urdu",	   "vietnamese",   "welsh",	"yoruba",
	"zulu",	      "africa",	   "america",	   "australia", "brazil",
	"canada",     "england",   "europe",	   "france",	"germany",
	"india",      "italy",	   "japan",	   "mexico",	"nigeria",
	"spain",      "sweden",	   "norway",	   "denmark",	"monday",
	"tuesday",    "wednesday", "thursday",	   "friday",	"saturday",
	"sunday",     "january",   "february",	   "april",	"june",
	"july",	      "september", "october",	   "november",	"december",
	"spss",	      "stata",	   "matlab",	   "mplus",	"jasp",
	"jamovi",     "nvivo",	   "redcap",	   "qualtrics", "sas",
	"likert",     "bayesian",  "gaussian",	   "alzheimer", "parkinson",
	"crohn",      "achilles",  "covid"
};

static size_t caps(const char *w, size_t n)
{
	size_t k, up = 0;

	for (k = 0; k < n; k++)
		up += w[k] >= 'A' && w[k] <= 'Z';
	return up;
}

/* A word written in lower case that is one of those, or that the
 * schema's proper_nouns list writes with two capitals: the listed form,
 * else NULL. */
static const char *lower_proper_at(const cite_ctx *c, size_t p, size_t e)
{
	size_t i, n, k, core = e;

	if ((unsigned char)c->s[p] < 'a' || c->s[p] > 'z')
		return NULL;
	/* Alzheimer's, English-speaking: the name before the suffix */
	for (k = p; k < e; k++)
		if (c->s[k] == '-' || c->s[k] == '\'' ||
		    (unsigned char)c->s[k] == 0xE2) {
			core = k;
			break;
		}
	if (word_in(c->s + p, core - p, lower_proper,
		    ML_ARRAY_LEN(lower_proper), 0))
		return "";
	if (!c->o)
		return NULL;
	for (i = 0; i < c->o->nproper_nouns; i++) {
		const char *w = c->o->proper_nouns[i];
		n = strlen(w);
		/* "Bony" is listed to be allowed capitalised, not to be
		 * required so: only names with two capitals (NHANES,
		 * REDCap) are wrong in lower case */
		if (n != core - p || caps(w, n) < 2)
			continue;
		for (k = 0; k < n && lower(w[k]) == lower(c->s[p + k]); k++)
			;
		if (k == n)
			return w;
	}
	return NULL;
}

/* An allow-listed phrase at p: its end, else 0. */
static size_t proper_at(const cite_ctx *c, size_t p, size_t e)
{
	size_t i, n;

	/* a group author named in its own title */
	n = c->auth_e;
	while (n > 0 && (c->s[n - 1] == '.' || c->s[n - 1] == ' '))
		n--;
	if (c->author == CITE_AU_GROUP && n > 0 && p + n <= c->len &&
	    memcmp(c->s + p, c->s, n) == 0 && !cite_is_letter(c, p + n))
		return p + n;
	for (i = p; i < e && c->s[i] != '-'; i++)
		; /* Guillain-Barré, Osgood-Schlatter: the first name decides */
	if (word_in(c->s + p, e - p, builtin_proper,
		    ML_ARRAY_LEN(builtin_proper), 0) ||
	    (i < e && word_in(c->s + p, i - p, builtin_proper,
			      ML_ARRAY_LEN(builtin_proper), 0)))
		return e;
	if (!c->o)
		return 0;
	for (i = 0; i < c->o->nproper_nouns; i++) {
		const char *w = c->o->proper_nouns[i];
		n = strlen(w);
		if (n && cite_lit(c, p, w) && !cite_is_letter(c, p + n))
			return p + n;
	}
	return 0;
}

typedef struct {
	int caps, cand;
	size_t first_cap;
} case_tally;

/* Classify the word at [p, e): skipped, lower or capitalised. */
static void tally_word(const cite_ctx *c, size_t p, size_t e, case_tally *t)
{
	size_t k, ups = 0, core = e;

	if (!cite_is_up(c, p)) { /* the common case: a lower-case word */
		if (e - p >= 2 && !word_in(c->s + p, e - p, minor_words,
					   ML_ARRAY_LEN(minor_words), 0))
			t->cand++;
		return;
	}
	/* Meta-Analysis, Hands-On: only the part before a hyphen decides */
	for (k = p; k < e && c->s[k] != '-'; k += cite_u8len(c, k))
		ups += cite_is_up(c, k);
	if (ups >= 2)
		return; /* acronym or CamelCase: a name */
	if ((e - p > 2 && cite_lit(c, e - 2, "'s")) ||
	    (e - p > 4 && cite_lit(c, e - 4, "\xE2\x80\x99s")))
		return; /* Parkinson's: eponymous */
	for (k = p; k < e && c->s[k] != '-'; k++)
		;
	core = k;
	/* a capitalised minor word (Of, The) is title case for sure */
	if (core - p < 2 && !word_in(c->s + p, core - p, minor_words,
				     ML_ARRAY_LEN(minor_words), 1))
		return;
	t->cand++;
	if (t->caps++ == 0)
		t->first_cap = p;
}

/* "CALF MUSCLE STRAIN IN RUNNERS": two or more words, no lower-case
 * letter, and more than an acronym's worth of capitals. */
static int all_caps(const cite_ctx *c, size_t a, size_t b)
{
	size_t p, up = 0, spaces = 0;

	for (p = a; p < b; p++) {
		if (c->s[p] >= 'a' && c->s[p] <= 'z')
			return 0;
		up += c->s[p] >= 'A' && c->s[p] <= 'Z';
		spaces += c->s[p] == ' ';
	}
	return up >= 12 && spaces >= 2;
}

void cite_case(cite_ctx *c, size_t a, size_t b)
{
	cite_case_in(c, a, b, NULL);
}

/* style: NULL for APA 7; else the name of AMA 11 or NLM, whose titles
 * are in sentence case too but keep a lower-case word after a colon
 * ("Septic shock: a review"). */
/* A capitalised word after the first ("Imaging and Laboratory"): with
 * none, a title cannot be in title case. */
static int later_capital(const cite_ctx *c, size_t a, size_t b)
{
	size_t p;

	for (p = a + 1; p + 1 < b; p++)
		if (c->s[p - 1] == ' ' && cite_is_up(c, p))
			return 1;
	return 0;
}

void cite_case_in(cite_ctx *c, size_t a, size_t b, const char *style)
{
	case_tally t = { 0, 0, CITE_NONE };
	size_t p = a, e, skip_to = 0, low_after_colon = CITE_NONE;
	size_t low_proper = CITE_NONE;
	const char *proper = NULL, *lp;
	int first = 1, colon = 0, words = 0;
	char w[SNIP];

	/* AMA and NLM: skip the word lists for a title in sentence case
	 * (most are); APA also checks proper nouns in lower case */
	if (style && !later_capital(c, a, b))
		return;
	if (all_caps(c, a, b)) {
		cite_report(c, ML_RULE_CITATION_CASE, a,
			    "title in capitals: %s uses sentence case "
			    "(capitalise the first word, %sand proper nouns)",
			    style ? style : "APA 7",
			    style ? "" : "the first after a colon, ");
		return;
	}
	while (p < b) {
		while (p < b && !cite_is_letter(c, p) && !cite_is_digit(c, p))
			p += cite_u8len(c, p);
		if (p >= b)
			break;
		e = cite_word_end(c, p);
		if (e == p) { /* digits: skip the token */
			while (p < b && c->s[p] != ' ')
				p++;
			first = 0;
			continue;
		}
		words++;
		if (low_proper == CITE_NONE &&
		    (lp = lower_proper_at(c, p, e))) {
			low_proper = p;
			proper = lp;
		}
		if (colon && !style && cite_is_lo(c, p) &&
		    low_after_colon == CITE_NONE)
			low_after_colon = p;
		colon = e < b && c->s[e] == ':' && cite_lit(c, e, ": ");
		/* only a capitalised word can be an allow-listed name */
		if (!first && p >= skip_to && !cite_is_digit(c, e) &&
		    !(cite_is_up(c, p) && (skip_to = proper_at(c, p, e))))
			tally_word(c, p, e, &t);
		first = e < b && (c->s[e] == ':' || cite_term(c->s[e])) &&
			!(c->s[e] == '.' && abbrev_before(c, a, e));
		if (e < b && (cite_lit(c, e, " \xE2\x80\x94") ||
			      cite_lit(c, e, " \xE2\x80\x93 ")))
			first = 1;
		p = e;
	}
	if (low_proper != CITE_NONE) {
		e = cite_word_end(c, low_proper);
		cite_snip(c, low_proper, e, w, sizeof(w));
		if (!*proper && w[0] >= 'a' && w[0] <= 'z')
			w[0] = (char)(w[0] - 'a' + 'A');
		cite_span(c,
			  cite_report(c, ML_RULE_CITATION_CASE, low_proper,
				      "a proper noun in lower case: write %s "
				      "(sentence case keeps names, languages, "
				      "nationalities, days and months "
				      "capitalised)",
				      *proper ? proper : w),
			  e);
		return;
	}
	if (low_after_colon != CITE_NONE) {
		e = cite_word_end(c, low_after_colon);
		cite_report(c, ML_RULE_CITATION_CASE, low_after_colon,
			    "capitalise the first word after a colon in a "
			    "title: '%s'",
			    cite_snip(c, low_after_colon, e, w, sizeof(w)));
		return;
	}
	/* "Mere Description", "Survey Sampling": a short title is title case
	 * with one capitalised word */
	if ((t.caps >= 2 && t.caps * 3 >= t.cand * 2) ||
	    (words <= 3 && t.caps == 1 && t.cand == 1)) {
		e = cite_word_end(c, t.first_cap);
		cite_report(c, ML_RULE_CITATION_CASE, t.first_cap,
			    "title in title case: %s uses sentence case "
			    "(capitalise the first word, %sand proper "
			    "nouns), so '%s' is lower case",
			    style ? style : "APA 7",
			    style ? "" : "the first after a colon, ",
			    cite_snip(c, t.first_cap, e, w, sizeof(w)));
	}
}
