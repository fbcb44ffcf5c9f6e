/* parse/document.h - the article body as the rules see it.
 *
 * One cmark-gfm parse (CommonMark + GFM tables) and one walk of its tree
 * give flat arrays, in document order, of what the rule families need:
 * section headings, paragraphs, lists and their items, text runs, links
 * and HTML comments. Every position is a position in the FILE: 1-based
 * line, 1-based byte column, and a byte offset from the start of the file.
 *
 * cmark-gfm 0.29's source positions are right for block starts but not
 * for inlines (continuation lines, link reference definitions, lazy
 * lines), so inline positions are found by aligning each literal with the
 * raw source, allowing for backslash escapes and entities.
 *
 * Bare URLs (GFM "extended autolinks") are found here rather than by the
 * cmark-gfm autolink extension: inline extensions toggle a process-wide
 * table inside cmark-gfm, which is a data race when workers parse at once.
 *
 * All strings and arrays belong to the document and live until
 * ml_document_free(). A document is read-only after parsing, so several
 * threads may read one. */
#ifndef ML_DOCUMENT_H
#define ML_DOCUMENT_H

#include <stddef.h>

/* Where a block or inline sits (ml_text.flags, ml_paragraph.flags ...). */
enum {
	ML_IN_QUOTE = 1 << 0,	/* inside a block quote */
	ML_IN_LIST = 1 << 1,	/* inside a list item */
	ML_IN_TABLE = 1 << 2,	/* in a table cell */
	ML_IN_HEADING = 1 << 3, /* heading text (any heading) */
	ML_IN_LINK = 1 << 4	/* link text or image description */
};

/* A heading directly under the document (not in a block quote, list, code
 * block or HTML block). Each one opens a section that runs to the next
 * such heading of the same or a higher level (a smaller number). */
typedef struct {
	int level;	  /* 1..6 */
	int setext;	  /* underlined with === or --- */
	int line, column; /* the heading (its '#' or first text char) */
	long offset;
	const char *text; /* plain text, whitespace collapsed, trimmed */
	size_t len;
	int end_line;		/* last line of the section */
	int parent;		/* enclosing section, or -1 */
	size_t words;		/* prose words in the section, subsections
				  included; headings, code and HTML not */
	size_t own_words;	/* the same, before the first subsection */
	size_t first_paragraph; /* the section's paragraphs are */
	size_t end_paragraph;	/* paragraphs[first .. end) */
} ml_heading;

typedef struct {
	const char *text; /* plain text: inline text, code and link
				  text; breaks as one space; whitespace
				  collapsed; trimmed. NUL-terminated */
	size_t len;
	int line, column, end_line;
	long offset;
	const char *src; /* raw source from the first line's first
				  content byte to the end of the last line */
	size_t src_len;
	int section;	/* index into headings, or -1 before any */
	unsigned flags; /* ML_IN_QUOTE, ML_IN_LIST */
} ml_paragraph;

typedef struct {
	int ordered;
	int start; /* first number of an ordered list */
	int line, column;
	long offset;
	size_t first_item, nitems; /* items[first_item .. +nitems) */
	int section;
	unsigned flags; /* containers around the list */
} ml_list;

typedef struct {
	int number;	 /* ordered: start + index; bullets: 1-based */
	const char *src; /* raw source of the content after the list
				  marker, trailing blank space trimmed;
				  continuation lines keep their indentation */
	size_t len;
	int line, column; /* of src[0] */
	long offset;	  /* file offset of src[0] */
	int end_line;
	size_t list; /* index into lists */
} ml_list_item;

/* A run of literal text (one cmark text node: escapes and entities
 * resolved; a soft break ends a run, so a run sits on one line). */
typedef struct {
	const char *text; /* NUL-terminated */
	size_t len;
	int line, column; /* of text[0] */
	long offset;
	size_t src_len; /* bytes of source the run spans */
	int verbatim;	/* text equals its source: text[k] is at
				  column + k */
	int section;
	unsigned flags;
	int item; /* innermost list item holding it, or -1 */
} ml_text;

typedef enum {
	ML_LINK_INLINE,	   /* [text](url) */
	ML_LINK_REFERENCE, /* [text][label], [label][], [label] */
	ML_LINK_AUTOLINK,  /* <url> */
	ML_LINK_BARE	   /* https://..., www.... in text */
} ml_link_kind;

typedef struct {
	const char *url;  /* destination as cmark resolved it (entities
				  and escapes decoded); www. gets http:// */
	int line, column; /* the '[', '![', '<' or the URL's first byte */
	long offset;
	ml_link_kind kind;
	int image;
	int section;
	unsigned flags;
} ml_link;

typedef struct {
	const char *text; /* between "<!--" and "-->", not trimmed */
	size_t len;
	int line, column; /* of "<!--" */
	long offset;
	int end_line;	  /* line of "-->" */
	int in_paragraph; /* inline HTML, not an HTML block */
} ml_comment;

typedef struct ml_document {
	ml_heading *headings;
	size_t nheadings;
	int title; /* the first heading when it is level 1, or -1 */
	ml_paragraph *paragraphs;
	size_t nparagraphs;
	ml_list *lists;
	size_t nlists;
	ml_list_item *items;
	size_t nitems;
	ml_text *texts;
	size_t ntexts;
	ml_link *links;
	size_t nlinks;
	ml_comment *comments;
	size_t ncomments;
	size_t preamble_words; /* prose words before the first heading */
	int first_line;	       /* file line of the body's first byte */
	int last_line;	       /* file line of the body's last character */
	struct ml_document_priv *priv;
} ml_document;

/* The parse budget. Before parsing, a body is refused when a paragraph
 * holds more than ML_DOC_MAX_BRACKETS '[' (cmark-gfm 0.29's bracket
 * matching is cubic in them), when the paragraphs' brackets squared sum
 * past ML_DOC_BRACKET_WORK, when table delimiter rows make the table
 * extension re-read more than ML_DOC_TABLE_WORK bytes of paragraph above
 * them (quadratic), when table rows sum past ML_DOC_TABLE_CELLS cells
 * times their table's width (each row costs cmark-gfm 0.29 its cells
 * times the columns: 16,000 columns took 13 s), or when block quotes
 * nest deeper than
 * ML_DOC_MAX_NESTING. While parsing, cmark-gfm's memory may not pass
 * ML_DOC_BUDGET_BASE + ML_DOC_BUDGET_PER_BYTE bytes per input byte, and
 * never ML_DOC_BUDGET_MAX; the document's own arrays hold less than a
 * tenth of that per node. Every document's budget is reserved from one
 * pool of ML_DOC_RUN_BUDGET bytes while it lives, which -j workers
 * share: a worker waits until the documents of the others leave room. */
#define ML_DOC_MAX_BRACKETS 8000
#define ML_DOC_BRACKET_WORK ((size_t)2 * 8000 * 8000)
#define ML_DOC_TABLE_WORK ((size_t)4 * 1024 * 1024)
#define ML_DOC_TABLE_CELLS ((size_t)8 * 1024 * 1024)
#define ML_DOC_MAX_NESTING 100
#define ML_DOC_BUDGET_BASE ((size_t)4 << 20)
#define ML_DOC_BUDGET_PER_BYTE 128
#define ML_DOC_BUDGET_MAX ((size_t)128 << 20)
#define ML_DOC_RUN_BUDGET ((size_t)512 << 20)

/* Why a body was not parsed. */
typedef struct {
	int line; /* file line of the block where the budget ran out */
	char what[160];
} ml_document_limit;

/* Parse body[0..len) (the article after its front matter; first_line is
 * the file line of body[0], base_offset its byte offset in the file).
 * Returns NULL when out of memory or over the parse budget. */
ml_document *ml_document_parse(const char *body, size_t len, int first_line,
			       long base_offset);

/* The same: ML_OK with *out, ML_ENOMEM, or ML_ELIMIT with *out NULL and
 * *why saying which budget ran out (a file-too-complex finding). */
int ml_document_parse_bounded(const char *body, size_t len, int first_line,
			      long base_offset, ml_document **out,
			      ml_document_limit *why);

/* The checks made before parsing alone: ML_OK or ML_ELIMIT with *why. */
int ml_document_precheck(const char *body, size_t len, int first_line,
			 ml_document_limit *why);

/* cmark-gfm's tree, for scanners that need what the model does not keep
 * (anchor.c: HTML ids). Iterating it allocates from libc. */
struct cmark_node;
struct cmark_node *ml_document_cmark(const ml_document *d);
void ml_document_free(ml_document *d);

/* File position of byte lit_off of a text run's literal (escapes and
 * entities taken into account). lit_off may equal t->len. */
void ml_document_text_pos(const ml_document *d, const ml_text *t,
			  size_t lit_off, int *line, int *column, long *offset);

/* File position of a byte offset in the file that lies in the body. */
void ml_document_pos(const ml_document *d, long offset, int *line, int *column);

#endif
