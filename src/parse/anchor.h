/* parse/anchor.h - the #fragment targets a fetched document offers.
 *
 * For HTML: every id attribute and the name attribute of <a>, outside
 * comments, <script> and <style>, with character references decoded. For
 * Markdown (parsed with cmark-gfm): the GitHub slugs of its headings plus
 * the HTML anchors in its raw HTML. Both add the targets to a set. This is
 * an attribute scanner, not an HTML parser: it needs no tree. */
#ifndef ML_ANCHOR_H
#define ML_ANCHOR_H

#include <stddef.h>

#include "util/buf.h"
#include "util/urlmap.h"

int ml_anchors_html(const char *s, size_t n, ml_urlmap *set);
int ml_anchors_markdown(const char *s, size_t n, ml_urlmap *set);
/* Percent-decode a URL fragment (without '#') into out. */
int ml_fragment_decode(const char *frag, size_t len, ml_buf *out);
/* 1 when a decoded fragment names no element to look for: empty, "top"
 * (HTML scrolls to the top), a client route "/..." or "!...", or a text
 * directive ":~:". */
int ml_fragment_trivial(const char *frag);
/* 1 when the decoded fragment is in set, directly or as GitHub's rendered
 * "user-content-" id. */
int ml_fragment_found(const ml_urlmap *set, const char *frag);

#endif
