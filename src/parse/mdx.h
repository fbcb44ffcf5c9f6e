/* parse/mdx.h - MDX bodies read as Markdown: the MDX syntax blanked.
 *
 * An .mdx article is Markdown with ESM (import/export blocks), JSX
 * elements (<Callout type="x">, <Chart />, </Callout>, fragments) and
 * {expressions}, comments among them (an opening brace, slash, star). cmark-gfm reads none of that, so
 * before the body is parsed a copy has that syntax overwritten with
 * spaces: newlines and byte offsets stay where they were, so every
 * position cmark-gfm gives is a position in the file, and the Markdown
 * between JSX tags (a disclaimer inside <Callout>) is still read and
 * checked. Code (fenced blocks, inline code spans) is left as written.
 *
 * Two rewrites keep the structure MDX gives: a line whose content would
 * start after 4 or more columns of blanked syntax gets an empty HTML tag
 * "<x  >" over that syntax (CommonMark would make it indented code); the
 * first line of a paragraph indented 4 or more columns inside a JSX
 * element (MDX has no indented code) starts with "<x>". And an MDX
 * comment whose text is a medlint directive (a blank after the opening)
 * becomes an HTML comment of the same length, so inline control works
 * in MDX as in Markdown.
 *
 * Not a parser of MDX or JavaScript: tags, attribute values and
 * expressions are delimited (quotes, braces, comments) and blanked; what
 * does not close is left as it is. The scan is linear, bounded by a work
 * budget of 64 times the body's length. */
#ifndef ML_MDX_H
#define ML_MDX_H

#include <stddef.h>

/* 1 when path names an MDX file (.mdx, any case). */
int ml_mdx_path(const char *path);

/* Blank the MDX syntax of body s[0..len), in place. ML_OK or ML_ENOMEM. */
int ml_mdx_blank(char *s, size_t len);

#endif
