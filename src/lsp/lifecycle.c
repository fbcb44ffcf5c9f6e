/* lsp/lifecycle.c - the server's life: initialize (position encoding,
 * debounce, file watchers), shutdown and exit, the server object, and the
 * loop that serves it on stdio. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lsp/internal.h"

long long lsp_now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static const char *pick_encoding(ml_lsp *s, json_t *caps)
{
	json_t *list = json_object_get(json_object_get(caps, "general"),
				       "positionEncodings"),
	       *e;
	size_t i;

	s->enc = LSP_ENC_UTF16;
	json_array_foreach(list, i, e)
	{
		const char *v = json_string_value(e);
		if (!v)
			continue;
		if (strcmp(v, "utf-16") == 0)
			return "utf-16";
		if (strcmp(v, "utf-8") == 0) {
			s->enc = LSP_ENC_UTF8;
			return "utf-8";
		}
		if (strcmp(v, "utf-32") == 0) {
			s->enc = LSP_ENC_UTF32;
			return "utf-32";
		}
	}
	return "utf-16";
}

void lsp_initialize(ml_lsp *s, json_t *id, json_t *params)
{
	json_t *opts = json_object_get(params, "initializationOptions");
	json_t *db = json_object_get(opts, "debounceMs");
	const char *enc;

	if (s->initialized) {
		lsp_reply_error(s, id, LSP_E_INVALID_REQUEST,
				"initialize was already received");
		return;
	}
	if (json_is_integer(db) && json_integer_value(db) >= 0 &&
	    json_integer_value(db) <= 10000)
		s->o.debounce_ms = (int)json_integer_value(db);
	enc = pick_encoding(s, json_object_get(params, "capabilities"));
	s->watch_dynamic = json_is_true(json_object_get(
		json_object_get(
			json_object_get(json_object_get(params, "capabilities"),
					"workspace"),
			"didChangeWatchedFiles"),
		"dynamicRegistration"));
	s->initialized = 1;
	lsp_reply(s, id,
		  json_pack("{s:{s:s, s:{s:b, s:i, s:{s:b}}, s:{s:[s]}, s:b},"
			    " s:{s:s, s:s}}",
			    "capabilities", "positionEncoding", enc,
			    "textDocumentSync", "openClose", 1, "change", 2,
			    "save", "includeText", 0, "codeActionProvider",
			    "codeActionKinds", "quickfix", "hoverProvider", 1,
			    "serverInfo", "name", "medlint", "version",
			    ML_VERSION));
}

/* What the client watches for us, and for which changes (LSP's
 * WatchKind: 1 created, 2 changed, 4 deleted): the configs and schemas;
 * the generators' configs (the site's routes); articles created, deleted
 * or renamed (a route or related term appears or goes; a change of an
 * open one arrives as didSave). */
static const struct {
	const char *glob;
	int kind;
} watched[] = {
	{ "**/.medlint.yaml", 7 },
	{ "**/schemas/*.yaml", 7 },
	{ "**/schemas/*.json", 7 },
	{ "**/{hugo,config}.{toml,yaml,yml,json}", 7 },
	{ "**/_config.yml", 7 },
	{ "**/mkdocs.{yml,yaml}", 7 },
	{ "**/*.{md,markdown,mdx}", 5 },
};

/* Ask a client that can to watch those files for us, so that
 * didChangeWatchedFiles arrives without a client-side setting. The
 * client's response (no method) is ignored by dispatch. */
void lsp_initialized(ml_lsp *s, json_t *id, json_t *params)
{
	json_t *list;
	size_t i;

	(void)id;
	(void)params;
	if (!s->watch_dynamic)
		return;
	list = json_array();
	for (i = 0; i < sizeof(watched) / sizeof(watched[0]); i++)
		json_array_append_new(list,
				      json_pack("{s:s, s:i}", "globPattern",
						watched[i].glob, "kind",
						watched[i].kind));
	lsp_emit(s, json_pack("{s:s, s:s, s:{s:[{s:s, s:s, s:{s:o}}]}}", "id",
			      "medlint-watch", "method",
			      "client/registerCapability", "params",
			      "registrations", "id", "medlint-watch", "method",
			      "workspace/didChangeWatchedFiles",
			      "registerOptions", "watchers", list));
}

void lsp_shutdown(ml_lsp *s, json_t *id, json_t *params)
{
	(void)params;
	s->shutdown = 1;
	lsp_reply(s, id, NULL);
}

void lsp_exit(ml_lsp *s, json_t *id, json_t *params)
{
	(void)id;
	(void)params;
	s->exited = 1;
}

int ml_lsp_done(const ml_lsp *s, int *code)
{
	*code = s->shutdown ? 0 : 1;
	return s->exited;
}

ml_lsp *ml_lsp_new(const ml_lsp_opts *opts)
{
	ml_lsp *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->o = *opts;
	lsp_rpc_reader_init(&s->rd);
	return s;
}

void ml_lsp_free(ml_lsp *s)
{
	size_t i;

	if (!s)
		return;
	while (s->docs) {
		lsp_doc *n = s->docs->next;
		lsp_doc_free(s->docs);
		s->docs = n;
	}
	lsp_ctxs_drop(s);
	for (i = 0; i < s->nqueue; i++)
		json_decref(s->queue[i]);
	free(s->queue);
	lsp_rpc_reader_dispose(&s->rd);
	free(s);
}

static int fd_write(void *ctx, const char *data, size_t len)
{
	int fd = *(int *)ctx;

	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int ml_lsp_serve(int in_fd, int out_fd, const ml_lsp_opts *opts)
{
	ml_lsp_opts o = *opts;
	ml_lsp *s;
	char buf[65536];
	int code = 1;

	(void)signal(SIGPIPE, SIG_IGN);
	o.write = fd_write;
	o.write_ctx = &out_fd;
	if (!(s = ml_lsp_new(&o)))
		return 2;
	while (!ml_lsp_done(s, &code)) {
		struct pollfd p = { in_fd, POLLIN, 0 };
		int r = poll(&p, 1, ml_lsp_next_timeout(s));
		ssize_t n;

		if (r < 0 && errno != EINTR)
			break;
		if (r > 0) {
			n = read(in_fd, buf, sizeof(buf));
			if (n < 0 && (errno == EINTR || errno == EAGAIN))
				continue;
			if (n <= 0) {
				/* the client went away: 0 only after shutdown */
				(void)ml_lsp_done(s, &code);
				break;
			}
			if (ml_lsp_feed(s, buf, (size_t)n)) {
				(void)fprintf(
					stderr,
					"medlint: --lsp: out of memory\n");
				break;
			}
		}
		ml_lsp_tick(s, 0);
	}
	ml_lsp_free(s);
	return code;
}
