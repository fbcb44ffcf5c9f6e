/* lsp/internal.h - what the server's files share: the framing reader,
 * JSON helpers, open documents and their positions. Private to lsp/. */
#ifndef ML_LSP_INTERNAL_H
#define ML_LSP_INTERNAL_H

#include <stddef.h>

#include <jansson.h>

#include "core/result.h"
#include "lsp/lsp.h"
#include "util/buf.h"
#include "util/common.h"

/* ---- rpc.c: Content-Length framing ---- */

/* The largest message body taken: a whole article (ML_MAX_FILE_BYTES),
 * JSON-escaped, fits; anything larger is skipped unread. */
#define ML_RPC_MAX_BODY ((size_t)64 * 1024 * 1024)
/* A header block longer than this has no end: it is dropped. */
#define ML_RPC_MAX_HEADER ((size_t)4096)

typedef struct {
	char *buf;	 /* bytes received and not yet taken */
	size_t start;	 /* first unread byte in buf */
	size_t len, cap; /* bytes held, allocated */
	size_t skip;	 /* body bytes still to drop (a message too large) */
	size_t taken;	 /* bytes of the message last returned */
	size_t max_body; /* ML_RPC_MAX_BODY */
} ml_rpc_reader;

enum { ML_RPC_NONE, ML_RPC_MESSAGE, ML_RPC_BAD };

void ml_rpc_reader_init(ml_rpc_reader *r);
void ml_rpc_reader_dispose(ml_rpc_reader *r);
ML_WARN_UNUSED int ml_rpc_reader_put(ml_rpc_reader *r, const char *data,
				     size_t len);
/* The next message: ML_RPC_MESSAGE with body and len (valid until the next
 * call), ML_RPC_BAD with a one-line reason in why (the offending bytes
 * are dropped), or ML_RPC_NONE when more bytes are needed. */
int ml_rpc_next(ml_rpc_reader *r, const char **body, size_t *len, ml_buf *why);

/* One message, framed, through write. 0 or -1. */
int ml_rpc_send(ml_lsp_write_fn write, void *ctx, json_t *msg);
/* A JSON string of s; bytes that are not UTF-8 become U+FFFD. */
json_t *ml_rpc_string(const char *s);
json_t *ml_rpc_stringn(const char *s, size_t n);

/* ---- text.c: open documents and positions ------------------------- */

typedef enum { ML_ENC_UTF16, ML_ENC_UTF8, ML_ENC_UTF32 } ml_lsp_enc;

typedef struct {
	long line, character;
} ml_lsp_pos;

typedef struct ml_lsp_doc {
	char *uri;
	char *path; /* absolute, percent-decoded; NULL for a non-file URI */
	char *real; /* path with its folder resolved (cross-file checks) */
	char *lang;
	long version;
	ml_buf text;   /* the buffer as the editor holds it */
	size_t *lines; /* start offset of every line */
	size_t nlines, lcap;
	int too_large;	  /* the text passed ML_MAX_FILE_BYTES: dropped */
	int dirty;	  /* changed since the last lint */
	long long due_ms; /* when the debounced lint runs */
	int linted;	  /* res holds the lint of text */
	ml_file_result res;
	struct ml_lsp_doc *next;
} ml_lsp_doc;

/* Replace the whole text. ML_OK, ML_ELIMIT (too large), ML_ENOMEM. */
ML_WARN_UNUSED int ml_doc_set_text(ml_lsp_doc *d, const char *text, size_t len);
/* Replace the range [a, b) (byte offsets) with text. */
ML_WARN_UNUSED int ml_doc_replace(ml_lsp_doc *d, size_t a, size_t b,
				  const char *text, size_t len);
/* A position in the encoding to a byte offset, clamped to the text (a
 * character past the end of its line is the end of the line). */
size_t ml_doc_offset(const ml_lsp_doc *d, ml_lsp_enc enc, ml_lsp_pos p);
/* A byte offset to a position in the encoding. */
ml_lsp_pos ml_doc_position(const ml_lsp_doc *d, ml_lsp_enc enc, size_t off);
/* The byte offset of a finding's 1-based line and byte column, clamped
 * to that line. */
size_t ml_doc_line_col(const ml_lsp_doc *d, int line, int column);
/* The offset where 1-based line ends (before its line break). */
size_t ml_doc_line_end(const ml_lsp_doc *d, int line);
void ml_doc_free(ml_lsp_doc *d);

/* file:///a%20b -> /a b (malloc'd), NULL when uri is not a file URI. */
char *ml_uri_to_path(const char *uri);
/* The reverse, for paths the server names itself. */
char *ml_path_to_uri(const char *path);

#endif
