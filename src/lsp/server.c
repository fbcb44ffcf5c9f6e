/* lsp/server.c - the language server's dispatch: messages to the
 * client (responses, errors, notifications, log lines), and the messages
 * from it, framed (lsp/rpc.c), handled in order, one batch at a time.
 *
 * One thread. Every complete message in a batch is handled in order; a
 * $/cancelRequest in the same batch answers its request with
 * RequestCancelled instead. The handlers live with what they handle:
 * lifecycle.c (initialize, shutdown, exit, the stdio loop), documents.c
 * (open, change, save, close, watched files), diagnostics.c (configs,
 * lint, publishDiagnostics, the debounce) and actions.c (quick fixes,
 * hover). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp/internal.h"

/* ---- sending ------------------------------------------------------- */

void lsp_emit(ml_lsp *s, json_t *msg)
{
	if (msg && !json_object_get(msg, "jsonrpc"))
		json_object_set_new(msg, "jsonrpc", json_string("2.0"));
	(void)lsp_rpc_send(s->o.write, s->o.write_ctx, msg);
	json_decref(msg);
}

void lsp_reply(ml_lsp *s, json_t *id, json_t *result)
{
	json_t *m = json_object();

	json_object_set(m, "id", id ? id : json_null());
	json_object_set_new(m, "result", result ? result : json_null());
	lsp_emit(s, m);
}

void lsp_reply_error(ml_lsp *s, json_t *id, int code, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	json_t *m = json_object();

	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	json_object_set(m, "id", id ? id : json_null());
	json_object_set_new(m, "error",
			    json_pack("{s:i, s:o}", "code", code, "message",
				      lsp_rpc_string(msg)));
	lsp_emit(s, m);
}

void lsp_notify(ml_lsp *s, const char *method, json_t *params)
{
	lsp_emit(s,
		 json_pack("{s:s, s:o}", "method", method, "params", params));
}

void lsp_log(ml_lsp *s, int type, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	lsp_notify(s, "window/logMessage",
		   json_pack("{s:i, s:o}", "type", type, "message",
			     lsp_rpc_string(msg)));
}

const char *lsp_str_at(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

typedef void (*handler)(ml_lsp *s, json_t *id, json_t *params);

static const struct {
	const char *method;
	handler fn;
} methods[] = {
	{ "initialize", lsp_initialize },
	{ "initialized", lsp_initialized },
	{ "shutdown", lsp_shutdown },
	{ "exit", lsp_exit },
	{ "textDocument/didOpen", lsp_did_open },
	{ "textDocument/didChange", lsp_did_change },
	{ "textDocument/didSave", lsp_did_save },
	{ "textDocument/didClose", lsp_did_close },
	{ "workspace/didChangeWatchedFiles", lsp_did_change_watched },
	{ "textDocument/codeAction", lsp_code_action },
	{ "textDocument/hover", lsp_hover },
	{ "$/cancelRequest", NULL },
};

static int same_id(json_t *a, json_t *b)
{
	return a && b && json_equal(a, b);
}

static void dispatch(ml_lsp *s, json_t *m, json_t *cancelled)
{
	json_t *id = json_object_get(m, "id"), *c;
	json_t *params = json_object_get(m, "params");
	const char *method = lsp_str_at(m, "method");
	size_t i;

	if (!json_is_object(m) || (id && !json_is_integer(id) &&
				   !json_is_string(id) && !json_is_null(id))) {
		lsp_reply_error(s, NULL, LSP_E_INVALID_REQUEST,
				"not a JSON-RPC request or notification");
		return;
	}
	if (!method) {
		/* a response to a request we never send, or garbage */
		if (!json_object_get(m, "result") &&
		    !json_object_get(m, "error"))
			lsp_reply_error(s, id, LSP_E_INVALID_REQUEST,
					"message without a method");
		return;
	}
	json_array_foreach(cancelled, i, c) if (id && same_id(id, c))
	{
		lsp_reply_error(s, id, LSP_E_CANCELLED, "%s cancelled", method);
		return;
	}
	for (i = 0; i < ML_ARRAY_LEN(methods); i++)
		if (strcmp(methods[i].method, method) == 0)
			break;
	if (strcmp(method, "exit") == 0) {
		lsp_exit(s, id, params);
		return;
	}
	if (!s->initialized && strcmp(method, "initialize") != 0) {
		if (id)
			lsp_reply_error(s, id, LSP_E_NOT_INITIALIZED,
					"%s before initialize", method);
		return;
	}
	if (s->shutdown) {
		if (id)
			lsp_reply_error(s, id, LSP_E_INVALID_REQUEST,
					"%s after shutdown", method);
		return;
	}
	if (i == ML_ARRAY_LEN(methods)) {
		/* Unknown notifications, $/ ones above all, are ignored. */
		if (id)
			lsp_reply_error(s, id, LSP_E_METHOD,
					"unknown method %s", method);
		return;
	}
	if (methods[i].fn)
		methods[i].fn(s, id, params);
	else if (id)
		lsp_reply(s, id, NULL);
}

static int enqueue(ml_lsp *s, json_t *m)
{
	if (ml_grow((void **)&s->queue, &s->qcap, s->nqueue + 1,
		    sizeof(json_t *))) {
		json_decref(m);
		return ML_ENOMEM;
	}
	s->queue[s->nqueue++] = m;
	return ML_OK;
}

/* Handle the batch: cancellations first, then every message in order. */
static void drain(ml_lsp *s)
{
	json_t *cancelled = json_array();
	size_t i;

	for (i = 0; i < s->nqueue; i++) {
		json_t *m = s->queue[i];
		const char *method = lsp_str_at(m, "method");
		if (method && strcmp(method, "$/cancelRequest") == 0)
			json_array_append(
				cancelled,
				json_object_get(json_object_get(m, "params"),
						"id"));
	}
	for (i = 0; i < s->nqueue; i++) {
		if (!s->exited)
			dispatch(s, s->queue[i], cancelled);
		json_decref(s->queue[i]);
	}
	s->nqueue = 0;
	json_decref(cancelled);
}

int ml_lsp_feed(ml_lsp *s, const char *data, size_t len)
{
	ml_buf why = ML_BUF_INIT(ML_LIMIT_SHORT);
	const char *body;
	size_t n;
	int r, rc = lsp_rpc_reader_put(&s->rd, data, len);

	while (!rc &&
	       (r = lsp_rpc_next(&s->rd, &body, &n, &why)) != LSP_RPC_NONE) {
		json_error_t err;
		json_t *m;

		if (r == LSP_RPC_BAD) {
			drain(s);
			lsp_log(s, LSP_LOG_ERROR, "%s", ml_buf_cstr(&why));
			if (strstr(ml_buf_cstr(&why), "larger than"))
				lsp_reply_error(s, NULL, LSP_E_INVALID_REQUEST,
						"%s", ml_buf_cstr(&why));
			ml_buf_clear(&why);
			continue;
		}
		if (lsp_rpc_too_complex(body, n, &why)) {
			drain(s);
			lsp_reply_error(s, NULL, LSP_E_INVALID_REQUEST, "%s",
					ml_buf_cstr(&why));
			ml_buf_clear(&why);
			continue;
		}
		m = json_loadb(body, n, JSON_ALLOW_NUL, &err);
		if (!m) {
			drain(s);
			lsp_reply_error(s, NULL, LSP_E_PARSE,
					"invalid JSON at line %d column %d: %s",
					err.line, err.column, err.text);
			continue;
		}
		rc = enqueue(s, m);
	}
	drain(s);
	ml_buf_dispose(&why);
	return rc;
}
