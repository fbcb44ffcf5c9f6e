/* core/article.h - one article as every rule family sees it: read-only.
 *
 * The pipeline fills it (file text, front matter tree, body document,
 * section locations) before any family runs; a family reads it and
 * appends findings, and never writes to it. */
#ifndef ML_ARTICLE_H
#define ML_ARTICLE_H

#include <stddef.h>

#include "core/profile.h"
#include "core/sections.h"
#include "parse/document.h"
#include "parse/node.h"

struct ml_content_index;
struct ml_routes;

typedef enum { ML_LINKS_OFF, ML_LINKS_INTERNAL, ML_LINKS_ALL } ml_links_mode;

/* What a run asks of every article. */
typedef struct {
	const char *content_root; /* absolute, no trailing slash */
	int today_y, today_m, today_d;
	ml_links_mode links;
	int verify_refs; /* collect reference identifiers (--verify-refs) */
	/* the content tree under content_root (core/content.h), built once
	 * before the workers start; NULL skips related-term-missing */
	const struct ml_content_index *index;
	/* documents open in an editor (lsp/, core/content.h): the
	 * cross-file checks read them instead of the files at their paths;
	 * NULL on the command line */
	const struct ml_overlay *overlay;
	/* the site's routes (core/routes.h) when .medlint.yaml has a site:
	 * block: links resolve as its generator resolves them */
	const struct ml_routes *routes;
} ml_lint_opts;

typedef struct {
	const char *path; /* as given on the command line */
	const char *text; /* the whole file, NUL-terminated */
	size_t len;
	size_t body_offset;	     /* byte offset of the body in text */
	int body_line;		     /* 1-based line where the body starts */
	const ml_node *fm;	     /* front matter mapping; NULL when missing,
				    unparsable or not a mapping */
	int fm_present;		     /* a --- block was found */
	const ml_document *doc;	     /* NULL when the body was not parsed */
	const ml_sections *sections; /* where the profile's sections are;
					NULL without a body or sections */
	const ml_profile *profile;   /* the article's: its content type's in
				      its language (core/typeset.h) */
	const ml_lint_opts *opts;
	int unknown_type; /* its type names no schema: only front matter
			     syntax and type-unknown are reported */
} ml_article;

#endif
