/* rules/rules.h - the rule families, one entry point each.
 *
 * A family reads one ml_article (front matter tree a->fm, body document
 * a->doc, section locations a->sections, profile, options) and appends
 * findings; it never prints, never exits and reports only what its own
 * data shows: a NULL a->fm or a->doc skips the rules that need it (no
 * cascade). The pipeline's family table (pipeline/pipeline.c) calls them
 * in order, all with one signature. Each returns ML_OK or ML_ENOMEM. */
#ifndef ML_RULE_FAMILIES_H
#define ML_RULE_FAMILIES_H

#include "core/article.h"
#include "core/finding.h"
#include "core/result.h"
#include "util/common.h"

/* links receives the article's http(s) links for the run-wide external
 * check; only the links family adds to it. */
typedef int (*ml_family_fn)(const ml_article *a, ml_findings *out,
			    ml_link_list *links);

/* section-missing, section-order, section-duplicate, section-empty,
 * section-content, driven by the profile's sections (structure.c). */
ML_WARN_UNUSED int ml_check_structure(const ml_article *a, ml_findings *out,
				      ml_link_list *links);

/* reviewer-byline-missing, reviewer-mismatch, reviewer-credential,
 * review-stale, review-future (reviewers.c). */
ML_WARN_UNUSED int ml_check_reviewers(const ml_article *a, ml_findings *out,
				      ml_link_list *links);

/* slug-filename, related-term-missing (files.c). */
ML_WARN_UNUSED int ml_check_files(const ml_article *a, ml_findings *out,
				  ml_link_list *links);

/* The reference list and [n] markers, through cite/ (citations.c). */
ML_WARN_UNUSED int ml_check_citations(const ml_article *a, ml_findings *out,
				      ml_link_list *links);
/* The same and, with age, citation-age: each entry's year taken from the
 * citation checks' parse of it, not parsed a second time. */
ML_WARN_UNUSED int ml_check_citations_age(const ml_article *a, int age,
					  ml_findings *out,
					  ml_link_list *links);
/* --verify-refs: the registry identifiers of the reference list's entries
 * (the list ml_check_citations reads), with what each entry says. */
ML_WARN_UNUSED int ml_collect_ref_ids(const ml_article *a, ml_ref_id_list *out);

/* link-file and link-anchor for relative links; http(s) links go to
 * links when the run checks external links (links.c). */
/* rules/sitelinks.c, for ml_check_links on a site: resolve one link (1
 * when it leaves the site), and the link templates of the raw body. */
int ml_site_link(const ml_article *a, const ml_link *l, ml_findings *out,
		 int *rc);
ML_WARN_UNUSED int ml_site_templates(const ml_article *a, ml_findings *out);
ML_WARN_UNUSED int ml_check_links(const ml_article *a, ml_findings *out,
				  ml_link_list *links);

/* The prose rules in one pass over the article's prose (prose.c): the
 * text is built and split into sentences and words (with syllables) once
 * for readability and claim-uncited; wording scans its own text (no links
 * or block quotes). which: ML_PROSE_* bits of the rules to run, bit k for
 * rule ML_RULE_READABILITY + k. */
#define ML_PROSE_READABILITY 1u
#define ML_PROSE_CLAIMS 2u
#define ML_PROSE_WORDING 4u
ML_WARN_UNUSED int ml_check_prose(const ml_article *a, unsigned which,
				  ml_findings *out);
/* readability: the reading grade of the prose, or of each section the
 * schema's readability: sections names (readability.c). */
ML_WARN_UNUSED int ml_check_readability(const ml_article *a, ml_findings *out,
					ml_link_list *links);
/* claim-uncited: statistics and appeals to evidence without a citation
 * marker in their sentence or paragraph (claims.c). */
ML_WARN_UNUSED int ml_check_claims(const ml_article *a, ml_findings *out,
				   ml_link_list *links);
/* wording: the schema's avoid/prefer entries and the shipped defaults
 * (wording.c). */
ML_WARN_UNUSED int ml_check_wording(const ml_article *a, ml_findings *out,
				    ml_link_list *links);
/* citation-age: references older than citation_max_age_years
 * (citeage.c). */
ML_WARN_UNUSED int ml_check_citation_age(const ml_article *a, ml_findings *out,
					 ml_link_list *links);

#endif
