/* lsp/internal.h - what the server's files share: the framing reader,
 * JSON helpers, open documents and their positions, the server object and
 * the handlers the dispatch calls. Private to lsp/; its names are
 * lsp_<what>[_<verb>] (lsp_doc_offset, lsp_rpc_next), as cite/ has cite_
 * and schema/ sch_. */
#ifndef ML_LSP_INTERNAL_H
#define ML_LSP_INTERNAL_H

#include <stddef.h>

#include <jansson.h>

#include "core/config.h"
#include "core/content.h"
#include "core/finding.h"
#include "core/profile.h"
#include "core/routes.h"
#include "pipeline/load.h"
#include "core/result.h"
#include "lsp/lsp.h"
#include "util/buf.h"
#include "util/common.h"

/* ---- rpc.c: Content-Length framing ---- */

/* The largest message body taken: a whole article (ML_MAX_FILE_BYTES),
 * JSON-escaped, fits; anything larger is skipped unread. */
#define LSP_RPC_MAX_BODY ((size_t)64 * 1024 * 1024)
/* More JSON values than this in one message is refused before parsing:
 * 30 million "{}" in 60 MB would cost jansson gigabytes. */
#define LSP_RPC_MAX_VALUES 200000
/* A header block longer than this has no end: it is dropped. */
#define LSP_RPC_MAX_HEADER ((size_t)4096)

typedef struct {
	char *buf;		 /* bytes received and not yet taken */
	size_t start;		 /* first unread byte in buf */
	size_t len, cap;	 /* bytes held, allocated */
	unsigned long long skip; /* body bytes still to drop (too large) */
	size_t taken;		 /* bytes of the message last returned */
	size_t max_body;	 /* LSP_RPC_MAX_BODY */
} lsp_rpc_reader;

enum { LSP_RPC_NONE, LSP_RPC_MESSAGE, LSP_RPC_BAD };

void lsp_rpc_reader_init(lsp_rpc_reader *r);
void lsp_rpc_reader_dispose(lsp_rpc_reader *r);
ML_WARN_UNUSED int lsp_rpc_reader_put(lsp_rpc_reader *r, const char *data,
				      size_t len);
/* The next message: LSP_RPC_MESSAGE with body and len (valid until the next
 * call), LSP_RPC_BAD with a one-line reason in why (the offending bytes
 * are dropped), or LSP_RPC_NONE when more bytes are needed. */
/* 1, with why, when body holds more than LSP_RPC_MAX_VALUES values. */
int lsp_rpc_too_complex(const char *body, size_t len, ml_buf *why);
int lsp_rpc_next(lsp_rpc_reader *r, const char **body, size_t *len,
		 ml_buf *why);

/* One message, framed, through write. 0 or -1. */
int lsp_rpc_send(ml_lsp_write_fn write, void *ctx, json_t *msg);
/* A JSON string of s; bytes that are not UTF-8 become U+FFFD. */
json_t *lsp_rpc_string(const char *s);
json_t *lsp_rpc_stringn(const char *s, size_t n);

/* ---- text.c: open documents and positions ------------------------- */

typedef enum { LSP_ENC_UTF16, LSP_ENC_UTF8, LSP_ENC_UTF32 } lsp_enc;

typedef struct {
	long line, character;
} lsp_pos;

typedef struct lsp_doc {
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
	struct lsp_doc *next;
} lsp_doc;

/* Replace the whole text. ML_OK, ML_ELIMIT (too large), ML_ENOMEM. */
ML_WARN_UNUSED int lsp_doc_set_text(lsp_doc *d, const char *text, size_t len);
/* Replace the range [a, b) (byte offsets) with text. */
ML_WARN_UNUSED int lsp_doc_replace(lsp_doc *d, size_t a, size_t b,
				   const char *text, size_t len);
/* A position in the encoding to a byte offset, clamped to the text (a
 * character past the end of its line is the end of the line). */
size_t lsp_doc_offset(const lsp_doc *d, lsp_enc enc, lsp_pos p);
/* A byte offset to a position in the encoding. */
lsp_pos lsp_doc_position(const lsp_doc *d, lsp_enc enc, size_t off);
/* The byte offset of a finding's 1-based line and byte column, clamped
 * to that line. */
size_t lsp_doc_line_col(const lsp_doc *d, int line, int column);
/* The offset where 1-based line ends (before its line break). */
size_t lsp_doc_line_end(const lsp_doc *d, int line);
void lsp_doc_free(lsp_doc *d);

/* file:///a%20b -> /a b (malloc'd), NULL when uri is not a file URI. */
char *lsp_uri_to_path(const char *uri);

/* ---- the server ----------------------------------------------------- */

/* JSON-RPC and LSP error codes. */
#define LSP_E_PARSE (-32700)
#define LSP_E_INVALID_REQUEST (-32600)
#define LSP_E_METHOD (-32601)
#define LSP_E_PARAMS (-32602)
#define LSP_E_INTERNAL (-32603)
#define LSP_E_NOT_INITIALIZED (-32002)
#define LSP_E_CANCELLED (-32800)

enum { LSP_LOG_ERROR = 1, LSP_LOG_WARNING = 2, LSP_LOG_INFO = 3 };

/* A content root holding more entries (files and folders, hidden ones
 * aside) than this is not walked by the server: its documents are linted
 * without the index of the root's articles (related terms unchecked,
 * relative links checked one file at a time), and the user is told once.
 * The command line walks what it is given. doc/security.md. */
#define LSP_MAX_ROOT_FILES 20000

/* The site routes (core/routes.h) of one site: block, shared by every
 * folder whose config (with the overrides of its document) names the same
 * site: made as the command line makes a group's, when a document of the
 * site is first linted, and walked when a link first needs them. */
typedef struct lsp_site {
	char *key;	   /* every field of the site: block (one per site) */
	char *root;	   /* the site's folder, for messages */
	int made;	   /* routes made, or over the cap, or error */
	ml_routes *routes; /* NULL: not made, over the cap, or error */
	int over;	   /* the site's folders hold over LSP_MAX_ROOT_FILES */
	char *error;	   /* the generator's config cannot be used: why */
	int error_shown, over_shown, failed_shown; /* told once */
	struct lsp_site *next;
} lsp_site;

/* What the documents of one folder share: its config and schema. */
typedef struct lsp_ctx {
	char *key;     /* the folder of its documents */
	ml_loader *ld; /* its config (and overrides per document), schema */
	const ml_config *cfg; /* the folder's (overrides aside) */
	char *root;
	ml_content_index *index;
	char *error; /* the config or schema cannot be used: why */
	int error_shown;
	int unwalked; /* root over LSP_MAX_ROOT_FILES: no index */
	int unwalked_shown;
	struct lsp_ctx *next;
} lsp_ctx;

struct ml_lsp {
	ml_lsp_opts o;
	lsp_rpc_reader rd;
	int initialized, shutdown, exited;
	int watch_dynamic; /* the client registers file watchers for us */
	lsp_enc enc;
	lsp_doc *docs;
	lsp_ctx *ctxs;
	lsp_site *sites;
	json_t **queue; /* the messages of one batch */
	size_t nqueue, qcap;
};

/* server.c: messages to the client (lsp_emit takes msg), the dispatch. */
void lsp_emit(ml_lsp *s, json_t *msg);
void lsp_reply(ml_lsp *s, json_t *id, json_t *result);
void lsp_reply_error(ml_lsp *s, json_t *id, int code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void lsp_notify(ml_lsp *s, const char *method, json_t *params);
void lsp_log(ml_lsp *s, int type, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* o[key] as a string, or NULL. */
const char *lsp_str_at(json_t *o, const char *key);

/* A handler of one method: id is NULL for a notification. */
void lsp_initialize(ml_lsp *s, json_t *id, json_t *params);
void lsp_initialized(ml_lsp *s, json_t *id, json_t *params);
void lsp_shutdown(ml_lsp *s, json_t *id, json_t *params);
void lsp_exit(ml_lsp *s, json_t *id, json_t *params);
void lsp_did_open(ml_lsp *s, json_t *id, json_t *params);
void lsp_did_change(ml_lsp *s, json_t *id, json_t *params);
void lsp_did_save(ml_lsp *s, json_t *id, json_t *params);
void lsp_did_close(ml_lsp *s, json_t *id, json_t *params);
void lsp_did_change_watched(ml_lsp *s, json_t *id, json_t *params);
void lsp_code_action(ml_lsp *s, json_t *id, json_t *params);
void lsp_hover(ml_lsp *s, json_t *id, json_t *params);

/* lifecycle.c: the monotonic clock of the debounce. */
long long lsp_now_ms(void);

/* documents.c: the open document a request names (params.textDocument),
 * or NULL; a position or range of a request, -1 when malformed. */
lsp_doc *lsp_doc_find(ml_lsp *s, const char *uri);
lsp_doc *lsp_doc_of(ml_lsp *s, json_t *params);
int lsp_get_pos(json_t *o, lsp_pos *p);
int lsp_get_range(json_t *r, lsp_pos *a, lsp_pos *b);
/* Lint d now if it changed, so that a request sees the text as it is. */
void lsp_doc_settle(ml_lsp *s, lsp_doc *d);

/* diagnostics.c: lint d and publish its diagnostics; forget every
 * folder's config and schema (and the sites' routes); the bytes a finding covers, its range and
 * its diagnostic in the negotiated encoding. */
void lsp_doc_lint(ml_lsp *s, lsp_doc *d);
void lsp_ctxs_drop(ml_lsp *s);
/* (Re)builds c->index, or leaves it NULL and sets c->unwalked when the
 * root holds over LSP_MAX_ROOT_FILES entries. ML_OK or ML_ENOMEM. */
int lsp_ctx_index(lsp_ctx *c);
/* Forgets the sites' routes (files under them changed): each is made,
 * and walked, again when a document next needs it; what was told to the
 * user stays told. lsp_ctxs_drop forgets the sites as well. */
void lsp_sites_reset(ml_lsp *s);
void lsp_finding_span(const lsp_doc *d, const ml_finding *f, size_t *a,
		      size_t *b);
json_t *lsp_range_json(const lsp_doc *d, lsp_enc enc, size_t a, size_t b);
json_t *lsp_diagnostic(const ml_lsp *s, const lsp_doc *d, const ml_finding *f);

#endif
