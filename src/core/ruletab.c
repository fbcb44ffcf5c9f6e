/* core/ruletab.c - the rule table (see rules.h). Order follows ml_rule. */
#include "core/ruletab.h"

#include <string.h>

#define E ML_SEV_ERROR
#define W ML_SEV_WARNING
#define OFF ML_SEV_OFF

static const ml_rule_info rules[ML_RULE__COUNT] = {
	{ "frontmatter-missing", E, "The article has no YAML front matter.",
	  "An article must start with a YAML front matter block fenced by '---' "
	  "lines. Add one with the keys the schema requires (title, slug, type, "
	  "reviewers, last_reviewed)." },
	{ "frontmatter-syntax", E, "The front matter is not valid YAML.",
	  "libyaml could not parse the front matter, a key is repeated, or the "
	  "document is too deep or alias-heavy to be safe. The finding points at "
	  "the position libyaml reports. Tabs cannot indent YAML; quote values "
	  "that contain ': ' or start with a special character." },
	{ "frontmatter-schema", E, "A front matter value breaks the schema.",
	  "The front matter is checked against the JSON Schema under "
	  "'frontmatter:' in the article schema. The message names the JSON path "
	  "and the keyword that failed; a missing required key is reported on "
	  "the mapping that should hold it." },
	{ "slug-filename", E, "The slug does not match the file name.",
	  "The front matter 'slug' must equal the file name without its extension "
	  "('.md', '.markdown', '.mdx'), so "
	  "that links and URLs stay predictable. Rename the file or fix the slug." },
	{ "related-term-missing", E, "A related term has no article.",
	  "Every slug in 'related_terms' must name an article file (SLUG.md, or "
	  "SLUG with another article extension) "
	  "under the content root. Write that article or remove the slug." },
	{ "section-missing", E, "A required section is missing.",
	  "The article schema lists the sections an article needs, with a heading "
	  "pattern and level. The finding points where the section belongs and "
	  "shows the expected heading." },
	{ "section-order", E, "A section is out of order.",
	  "Sections must appear in the order the schema lists them. Move the "
	  "section after the one the message names." },
	{ "section-empty", E, "A section has too little prose.",
	  "A section with 'min_words' in the schema needs at least that many "
	  "words of prose; headings, code and HTML comments do not count." },
	{ "section-duplicate", E, "A section appears twice.",
	  "Each schema section may appear once. Merge the two copies." },
	{ "section-content", E, "A section lacks a required phrase.",
	  "A schema section's 'must_contain' phrases must appear in it (case, "
	  "repeated spaces and curly quotes are ignored). The disclaimer, for "
	  "example, must say the article is for educational and informational "
	  "purposes only and is not medical advice." },
	{ "reviewer-byline-missing", E, "The reviewers byline is missing.",
	  "Before the first section, a paragraph must name the medical reviewers "
	  "as the schema's 'byline' pattern says, for example 'Medically and "
	  "clinically reviewed by Jonathan Lee, MD and Dylan Peterson, PT, DPT'." },
	{ "reviewer-mismatch", E, "Byline and front matter reviewers differ.",
	  "The byline must name the same people with the same credentials as the "
	  "front matter 'reviewers' list (order may differ)." },
	{ "reviewer-credential", E, "A credential is not on the allow-list.",
	  "Reviewer credentials must be on the schema's 'credentials' list, "
	  "spelled as listed (MD, DO, PhD, PT, DPT, ...)." },
	{ "review-stale", W, "The last review is too old.",
	  "'last_reviewed' is older than the schema's 'review_max_age_days' "
	  "(default 730). Have the article reviewed again and update the date." },
	{ "review-future", E, "The review date is in the future.",
	  "'last_reviewed' is after today. Use the date the review happened. "
	  "'--today' pins the date medlint compares with." },
	{ "citation-author", E, "A reference's author list is not APA 7.",
	  "APA 7 authors: 'Surname, I. I.' separated by commas, '&' before the "
	  "last author, up to 20 authors (21 or more: the first 19, '. . .', then "
	  "the last). No 'et al.', no 'and', no full given names." },
	{ "citation-date", E, "A reference's date is not APA 7.",
	  "After the authors comes the date in parentheses and a period: "
	  "'(2019).', '(2019, May 10).', '(n.d.).', '(2019a).' or '(in press).'" },
	{ "citation-title", E, "A reference's title is missing or malformed.",
	  "After the date comes the title, ending in a period (or '?' or '!')." },
	{ "citation-source", E, "A reference's source is missing or malformed.",
	  "Journal: '*Journal Name*, *volume*(issue), pages.' with an en dash in "
	  "page ranges. Book: '*Title* (2nd ed.). Publisher.' Chapter: 'In E. "
	  "Editor (Ed.), *Book* (pp. x–y). Publisher.' Web page: site name. "
	  "APA 7 names no publisher location and puts the edition after the "
	  "italic title. A page range written '45--67' is a warning at most "
	  "(pandoc and Hugo render '--' as an en dash); set rules: "
	  "citation-source: double_hyphen_dash: true when the site does." },
	{ "citation-doi", E, "A DOI is malformed or in an old form.",
	  "Write DOIs as 'https://doi.org/10.xxxx/...', not 'doi:', 'DOI:' or "
	  "'http://dx.doi.org/'; drop 'Retrieved from'; put no period after a "
	  "DOI or URL." },
	{ "citation-identifier", E, "A PMID, PMCID or ISBN is invalid.",
	  "PMIDs are 1 to 8 digits, PMCIDs 'PMC' and digits; ISBN-10 and ISBN-13 "
	  "check digits must be right." },
	{ "citation-punctuation", E, "A reference has punctuation errors.",
	  "No '.;' or '..', and a reference ends with a period unless it ends "
	  "with a DOI or URL." },
	{ "citation-undefined", E, "A citation marker has no reference.",
	  "A marker such as [3] in the text must have entry 3 in the reference "
	  "list." },
	{ "citation-duplicate", E, "A reference is listed twice.",
	  "The same reference appears twice in the list; cite the first copy and "
	  "remove the second." },
	{ "citation-unused", W, "A reference is never cited.",
	  "Every reference list entry should be cited with its number in the "
	  "text, or removed." },
	{ "citation-order", W, "References are out of order.",
	  "With 'order: citation' entries are numbered in order of first "
	  "citation; with 'order: alphabetical' they are sorted by first author." },
	{ "citation-case", W, "A title uses title case.",
	  "APA 7 uses sentence case for article and book titles: capitalise the "
	  "first word, the first word after a colon, and proper nouns only." },
	{ "citation-style", E, "A reference is in another citation style.",
	  "The entry is written in Vancouver, AMA, IEEE, Harvard, Chicago or "
	  "MLA style, recognised by marks APA 7 never makes: initials without "
	  "periods after the surname (Smith AB), '2005;293(17):', a year "
	  "without parentheses after the authors, 'vol.' and 'pp.', a quoted "
	  "title after '(2019)'. It gets this one finding instead of a finding "
	  "per part. For Vancouver and AMA journal articles whose authors, "
	  "title, journal, year, volume and pages parse, and books whose "
	  "authors or editors, title, edition, publisher and year parse, the "
	  "message gives the entry rewritten in APA 7 (the journal keeps the "
	  "abbreviation the entry gives). It is not offered for other styles, "
	  "chapters, entries with 'et al.' (APA lists the names) or a suffix "
	  "such as Jr, or when any part does not parse: the message then "
	  "gives the APA 7 pattern to follow. An entry with an "
	  "APA date '(2019).' is read as APA, and its faults get their own "
	  "rules." },
	{ "citation-unresolved", E,
	  "A reference's identifier is not registered.",
	  "With --verify-refs, each DOI is looked up at Crossref and each PMID "
	  "and PMCID at NCBI E-utilities. The identifier is not registered "
	  "there (Crossref answers 404, esummary an error for the id): it was "
	  "mistyped, or the reference was invented. Copy the DOI or PMID from "
	  "the article's own page. A registry that cannot be reached, answers "
	  "5xx or stays rate-limited is a warning naming it, never this rule." },
	{ "citation-mismatch", E,
	  "A reference's identifier names another work.",
	  "With --verify-refs, the work registered under the DOI, PMID or PMCID "
	  "is compared with the entry: the title (normalised similarity below "
	  "verify: title_similarity, 0.85 by default), the year (more than one "
	  "year apart; online-first and issue years may differ by one) and the "
	  "first author's surname (case and diacritics ignored). The message "
	  "quotes the registered title, first author, year and journal: fix "
	  "the entry or the identifier." },
	{ "citation-retracted", E, "A cited work has been retracted.",
	  "With --verify-refs: Crossref records a retraction or withdrawal "
	  "notice for the DOI (update metadata), or PubMed lists the article "
	  "as a Retracted Publication. The message names the notice and its "
	  "date. Do not cite a retracted study as evidence; cite the notice "
	  "only when writing about the retraction." },
	{ "citation-updated", W, "A cited work has a correction or a concern.",
	  "With --verify-refs: Crossref records a correction, erratum or "
	  "expression of concern for the DOI, or PubMed links one to the "
	  "article. Read the notice and check that what the article says still "
	  "holds." },
	{ "citation-unverified", W, "A registry could not verify a reference.",
	  "With --verify-refs: the registry the identifier belongs to "
	  "(Crossref for a DOI, PubMed or PubMed Central for a PMID or PMCID) "
	  "did not answer in time, answered 5xx, stayed rate-limited or sent "
	  "something that is not its JSON, so the reference was not checked. "
	  "The message names the registry and why; run again later. Never "
	  "reported as citation-unresolved." },
	{ "link-broken", E, "A link is broken.",
	  "The target answered 4xx (other than 401, 403, 429), 5xx after "
	  "retries, could not be resolved, refused the connection, failed TLS, "
	  "or redirected in a loop or to a non-http URL." },
	{ "link-private", E, "A link points at a private address.",
	  "The link resolves to a loopback, private, CGNAT, multicast or "
	  "link-local address. medlint never connects there (SSRF protection); "
	  "link to a public address." },
	{ "link-file", E, "A relative link points at a missing file.",
	  "The relative link must name a file that exists inside the content "
	  "root." },
	{ "link-anchor", E, "A link's #fragment does not exist.",
	  "The target has no heading or element with that id. GitHub-style "
	  "heading slugs are used for Markdown." },
	{ "link-timeout", W, "A link timed out.",
	  "The target did not answer in time after retries. It may be slow or "
	  "down; check again later." },
	{ "link-blocked", W, "A link is behind a bot wall.",
	  "The target answered 401, 403 or 999: it may work in a browser. Check "
	  "it by hand, or add it to links.exclude." },
	{ "link-rate-limited", W, "A link stayed rate-limited.",
	  "The target kept answering 429 after retries honouring Retry-After." },
	{ "link-redirect", W, "A link redirects permanently.",
	  "The target answered 301 or 308. Link to the final URL the message "
	  "names." },
	{ "link-insecure", W, "A link uses http:// where https:// works.",
	  "The https:// form of the link works; use it." },
	{ "readability", W, "The prose reads above the schema's grade.",
	  "The reading grade of the article's prose (headings, paragraphs "
	  "and lists; not code, tables, front matter, the reference list, "
	  "link targets or HTML) is above the schema's readability: "
	  "max_grade (default 8: health-literacy guidance asks for grade 8 "
	  "or below). The grade is SMOG (metric: smog, the measure "
	  "recommended for health materials) or Flesch-Kincaid (metric: "
	  "fkgl); the message also gives the other grade, the Flesch "
	  "reading ease, the two longest sentences and the words with the "
	  "most syllables, with their lines: split those sentences and use "
	  "shorter words. Prose under readability: min_words (default 300, "
	  "the three 100-word samples of the Fry graph; grades of shorter "
	  "texts are too noisy to act on) is not measured; readability: "
	  "sections: [ids] measures the "
	  "named sections one by one instead of the whole article." },
	{ "claim-uncited", OFF,
	  "A statistic or appeal to evidence has no citation.",
	  "A sentence that states a number about people or outcomes (a "
	  "percentage, '1 in 5', 'twice as likely', a risk or rate with a "
	  "number, a count of people) or appeals to evidence ('studies "
	  "show', 'research suggests', 'according to experts') needs a "
	  "citation marker such as [3] or [^3], or a link, in the sentence "
	  "or its paragraph. Doses, durations and product strengths are not "
	  "claims. Off until a config turns it on; the schema's claims: "
	  "sections: [ids] limits it to those sections (default: every "
	  "section but the reference list)." },
	{ "wording", W, "A word or phrase the schema's wording list avoids.",
	  "The schema's wording: avoid and prefer lists, and the shipped "
	  "health defaults (schemas/wording-defaults.yaml: absolute claims "
	  "such as 'cure', 'guaranteed', 'miracle', '100% safe', 'detox'; "
	  "person-first language as the AMA Manual of Style advises, such as "
	  "'people with diabetes' for 'diabetics'; stigmatising terms such "
	  "as 'committed suicide'). Each finding gives the entry's reason "
	  "and, where there is one, the replacement, which editors offer as "
	  "a quick fix and --fix applies where it is unambiguous. Matching "
	  "is by whole words with inflections, ignoring case, and never "
	  "inside code, links, block quotes, quotation marks, proper names "
	  "or the reference list. Turn single defaults off with wording: "
	  "off: [ids], or all with defaults: false; an entry with level: "
	  "error is an error." },
	{ "citation-age", OFF, "A reference is older than the schema allows.",
	  "A reference whose year is more than the schema's "
	  "citation_max_age_years before today (--today pins the date) may "
	  "no longer reflect current evidence: cite a recent source, or keep "
	  "a classic work with '<!-- medlint-disable-line citation-age -->' "
	  "at the end of its entry (a comment line between list items would "
	  "end the list). citation_age_allow: [book, "
	  "chapter, journal, web, other] lists the reference types never "
	  "reported (a book has an ISBN, an edition or a publisher and no "
	  "journal volume; a chapter starts 'In' with editors; a journal "
	  "article has a volume or a DOI; a web page a URL and neither). "
	  "Off until a config turns it on." },
	{ "file-invalid", E, "The file cannot be linted.",
	  "The file is binary, not valid UTF-8, empty or larger than the size "
	  "limit. Save it as UTF-8 text." },
	{ "file-too-complex", E, "The body is too complex to parse safely.",
	  "The Markdown would make the parser's time or memory grow faster "
	  "than the file (thousands of brackets in one paragraph, table "
	  "delimiter rows under a long paragraph, block quotes nested "
	  "hundreds deep, or more parse memory than the per-file budget). "
	  "The front matter is still checked; the body's rules are not run. "
	  "Split the paragraph, put a blank line before the table, or remove "
	  "the generated text. The same rule reports a regex (a schema "
	  "heading, byline or front-matter pattern, a links.exclude pattern, "
	  "a citation pattern) that ran out of its match limit or of the "
	  "file's regex budget: the message names the pattern and where it "
	  "is defined, and the rules that needed it are not run for that "
	  "file. Simplify the pattern (no nested quantifiers such as "
	  "(a+)+)." },
	{ "inline-config", W, "A medlint comment names an unknown rule.",
	  "'<!-- medlint-disable RULE -->' and friends take rule ids from "
	  "'medlint --list-rules'." },
	{ "type-unknown", E, "The article's content type has no schema.",
	  "With 'types: {key, schemas}' in .medlint.yaml, the front-matter "
	  "value under 'key' chooses the schema an article is checked "
	  "against. A value that names none of 'schemas' is this finding, "
	  "at the value, listing the known types; the article is not "
	  "checked against any schema until its type is fixed or mapped. An "
	  "article without the key uses 'types: default', else the main "
	  "schema." },
	{ "language-unknown", E, "The article's language is not configured.",
	  "With 'language: {key, languages}' in .medlint.yaml, the "
	  "front-matter value under 'key' names the article's language, "
	  "which chooses the per-language headings and must_contain "
	  "phrases of the schema. A value that is not one of 'languages' is "
	  "this finding, and the sections are read in the default "
	  "language. Without the key, a folder of the path named like a "
	  "language (content/ru/...) gives it when 'path_segment: true'." },
};

const ml_rule_info *ml_rule_info_get(ml_rule rule)
{
	return &rules[rule];
}

int ml_rule_lookup(const char *id)
{
	int i;

	for (i = 0; i < ML_RULE__COUNT; i++)
		if (strcmp(rules[i].id, id) == 0)
			return i;
	return -1;
}

const char *ml_severity_name(ml_severity sev)
{
	switch (sev) {
	case ML_SEV_ERROR: return "error";
	case ML_SEV_WARNING: return "warning";
	default: return "off";
	}
}

int ml_severity_parse(const char *s)
{
	if (strcmp(s, "off") == 0)
		return ML_SEV_OFF;
	if (strcmp(s, "warning") == 0)
		return ML_SEV_WARNING;
	if (strcmp(s, "error") == 0)
		return ML_SEV_ERROR;
	return -1;
}
