/* lsp/lsp.h - medlint --lsp: a Language Server Protocol 3.17 server.
 *
 * JSON-RPC over a byte stream with Content-Length framing (lsp/rpc.c),
 * open documents with incremental sync and position encodings
 * (lsp/text.c), and the server itself: dispatch (lsp/server.c), its
 * lifecycle (lsp/lifecycle.c), the documents (lsp/documents.c); the
 * unsaved buffer is linted with the pipeline and findings become
 * diagnostics (lsp/diagnostics.c), --fix rewrites become quick fixes and
 * rules' help becomes hover text (lsp/actions.c). */
#ifndef ML_LSP_H
#define ML_LSP_H

#include <stddef.h>

#include "util/common.h"

typedef struct ml_lsp ml_lsp;

/* Where the server's messages go: write len bytes, 0 or -1. */
typedef int (*ml_lsp_write_fn)(void *ctx, const char *data, size_t len);

typedef struct {
	ml_lsp_write_fn write;
	void *write_ctx;
	int debounce_ms; /* didChange -> lint delay; initializationOptions
			    may change it */
	int today_y, today_m, today_d; /* 0: the local date when linting */
} ml_lsp_opts;

ML_WARN_UNUSED ml_lsp *ml_lsp_new(const ml_lsp_opts *opts);
void ml_lsp_free(ml_lsp *s);
/* Feed bytes read from the client: every complete message is handled
 * (requests cancelled by a $/cancelRequest in the same batch get the
 * RequestCancelled error). Returns ML_OK or ML_ENOMEM. */
ML_WARN_UNUSED int ml_lsp_feed(ml_lsp *s, const char *data, size_t len);
/* Milliseconds until the next debounced lint is due, -1 when none. */
int ml_lsp_next_timeout(const ml_lsp *s);
/* Lint the documents whose debounce expired (all of them when force). */
void ml_lsp_tick(ml_lsp *s, int force);
/* 1 once "exit" was received; *code: 0 after shutdown, else 1. */
int ml_lsp_done(const ml_lsp *s, int *code);

/* Serve on file descriptors until exit or end of input: the exit
 * status of medlint --lsp. */
int ml_lsp_serve(int in_fd, int out_fd, const ml_lsp_opts *opts);

#endif
