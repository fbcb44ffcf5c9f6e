/* lsp/server.c - the language server: lifecycle, documents, lint,
 * diagnostics, quick fixes, hover.
 *
 * One thread. Bytes from the client are framed (lsp/rpc.c) and every
 * complete message in a batch is handled in order; a $/cancelRequest in
 * the same batch answers its request with RequestCancelled instead. A
 * didChange only marks the document: it is linted when the debounce
 * expires (ml_lsp_tick), or at once when a request needs its findings.
 * The config and schema are loaded from the document's folder as the
 * command line loads them from the current one (pipeline/load.h), and
 * kept per folder until a watched file changes. */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/config.h"
#include "core/content.h"
#include "core/filelist.h"
#include "core/profile.h"
#include "core/ruletab.h"
#include "fix/fix.h"
#include "lsp/internal.h"
#include "pipeline/load.h"
#include "pipeline/pipeline.h"

/* JSON-RPC and LSP error codes. */
#define E_PARSE (-32700)
#define E_INVALID_REQUEST (-32600)
#define E_METHOD (-32601)
#define E_PARAMS (-32602)
#define E_INTERNAL (-32603)
#define E_NOT_INITIALIZED (-32002)
#define E_CANCELLED (-32800)

enum { LOG_ERROR = 1, LOG_WARNING = 2, LOG_INFO = 3 };

/* What the documents of one config share. */
typedef struct lsp_ctx {
	char *key; /* the folder of its documents */
	ml_config cfg;
	ml_profile *profile;
	char *root;
	ml_content_index *index;
	char *error; /* the config or schema cannot be used: why */
	int error_shown;
	struct lsp_ctx *next;
} lsp_ctx;

struct ml_lsp {
	ml_lsp_opts o;
	ml_rpc_reader rd;
	int initialized, shutdown, exited;
	int watch_dynamic; /* the client registers file watchers for us */
	ml_lsp_enc enc;
	ml_lsp_doc *docs;
	lsp_ctx *ctxs;
	json_t **queue; /* the messages of one batch */
	size_t nqueue, qcap;
};

static long long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* ---- sending ------------------------------------------------------- */

static void emit(ml_lsp *s, json_t *msg)
{
	if (msg && !json_object_get(msg, "jsonrpc"))
		json_object_set_new(msg, "jsonrpc", json_string("2.0"));
	(void)ml_rpc_send(s->o.write, s->o.write_ctx, msg);
	json_decref(msg);
}

static void reply(ml_lsp *s, json_t *id, json_t *result)
{
	json_t *m = json_object();

	json_object_set(m, "id", id ? id : json_null());
	json_object_set_new(m, "result", result ? result : json_null());
	emit(s, m);
}

static void reply_error(ml_lsp *s, json_t *id, int code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void reply_error(ml_lsp *s, json_t *id, int code, const char *fmt, ...)
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
				      ml_rpc_string(msg)));
	emit(s, m);
}

static void notify(ml_lsp *s, const char *method, json_t *params)
{
	emit(s, json_pack("{s:s, s:o}", "method", method, "params", params));
}

static void log_msg(ml_lsp *s, int type, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void log_msg(ml_lsp *s, int type, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	notify(s, "window/logMessage",
	       json_pack("{s:i, s:o}", "type", type, "message",
			 ml_rpc_string(msg)));
}

/* ---- configs ------------------------------------------------------- */

static void ctx_free(lsp_ctx *c)
{
	ml_content_index_free(c->index);
	ml_profile_free(c->profile);
	ml_config_dispose(&c->cfg);
	free(c->root);
	free(c->key);
	free(c->error);
	free(c);
}

static void ctxs_drop(ml_lsp *s)
{
	while (s->ctxs) {
		lsp_ctx *n = s->ctxs->next;
		ctx_free(s->ctxs);
		s->ctxs = n;
	}
}

/* The config and schema of the documents in folder (path is one of
 * them), loaded as the command line loads them from its current folder. */
static lsp_ctx *ctx_make(const char *path, const char *folder)
{
	static const ml_load_opts none;
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);
	lsp_ctx *c = calloc(1, sizeof(*c));

	if (!c || !(c->key = ml_strdup(folder))) {
		free(c);
		return NULL;
	}
	if (ml_load_profile_for(path, &none, &c->cfg, &c->profile, &err))
		goto bad;
	c->root = ml_strdup(c->cfg.root ? c->cfg.root : folder);
	if (!c->root || ml_content_index_build(c->root, &c->index))
		goto oom;
	ml_buf_dispose(&err);
	return c;
oom:
	ml_buf_clear(&err);
	(void)ml_buf_puts(&err, "out of memory");
bad:
	c->error = ml_strdup(err.len ? ml_buf_cstr(&err) : "cannot load");
	ml_buf_dispose(&err);
	return c;
}

/* The context of the document at path: one per folder, since the folder
 * decides which config and schema apply. */
static lsp_ctx *ctx_for(ml_lsp *s, const char *path)
{
	char buf[PATH_MAX];
	const char *folder = ml_load_folder(path, buf, sizeof(buf));
	lsp_ctx *c;

	if (!folder)
		return NULL;
	for (c = s->ctxs; c; c = c->next)
		if (strcmp(c->key, folder) == 0)
			return c;
	if ((c = ctx_make(path, folder))) {
		c->next = s->ctxs;
		s->ctxs = c;
	}
	return c;
}

/* ---- diagnostics --------------------------------------------------- */

static json_t *pos_json(ml_lsp_pos p)
{
	return json_pack("{s:I, s:I}", "line", (json_int_t)p.line, "character",
			 (json_int_t)p.character);
}

static json_t *range_json(const ml_lsp_doc *d, ml_lsp_enc enc, size_t a,
			  size_t b)
{
	return json_pack("{s:o, s:o}", "start",
			 pos_json(ml_doc_position(d, enc, a)), "end",
			 pos_json(ml_doc_position(d, enc, b)));
}

/* The bytes [*a, *b) a finding covers: to its end, else to the end of
 * its line (a finding without an end names the rest of the line). */
static void finding_span(const ml_lsp_doc *d, const ml_finding *f, size_t *a,
			 size_t *b)
{
	*a = ml_doc_line_col(d, f->line, f->column);
	if (f->end_line && f->end_column)
		*b = ml_doc_line_col(d, f->end_line, f->end_column);
	else if (f->end_line)
		*b = ml_doc_line_end(d, f->end_line);
	else
		*b = ml_doc_line_end(d, f->line);
	if (*b < *a)
		*b = *a;
}

static json_t *diagnostic(const ml_lsp *s, const ml_lsp_doc *d,
			  const ml_finding *f)
{
	size_t a, b;

	finding_span(d, f, &a, &b);
	return json_pack("{s:o, s:i, s:s, s:s, s:o}", "range",
			 range_json(d, s->enc, a, b), "severity",
			 f->severity == ML_SEV_ERROR ? 1 : 2, "code",
			 ml_rule_info_get(f->rule)->id, "source", "medlint",
			 "message", ml_rpc_string(f->message));
}

static void publish(ml_lsp *s, const ml_lsp_doc *d)
{
	json_t *list = json_array();
	size_t i;

	for (i = 0; d->linted && i < d->res.findings.len; i++)
		json_array_append_new(
			list, diagnostic(s, d, &d->res.findings.items[i]));
	notify(s, "textDocument/publishDiagnostics",
	       json_pack("{s:s, s:I, s:o}", "uri", d->uri, "version",
			 (json_int_t)d->version, "diagnostics", list));
}

static void today(const ml_lsp *s, ml_lint_opts *o)
{
	time_t t = time(NULL);
	struct tm tm;

	o->today_y = s->o.today_y;
	o->today_m = s->o.today_m;
	o->today_d = s->o.today_d;
	if (o->today_y || !localtime_r(&t, &tm))
		return;
	o->today_y = tm.tm_year + 1900;
	o->today_m = tm.tm_mon + 1;
	o->today_d = tm.tm_mday;
}

/* Whether d is an article medlint lints: a file, Markdown by name or
 * language, taken by the config's include/exclude. Says why not. */
static int is_article(ml_lsp *s, const ml_lsp_doc *d, const lsp_ctx *c)
{
	const char *dot = d->path ? strrchr(d->path, '.') : NULL;
	ml_select sel;

	if (!d->path) {
		log_msg(s, LOG_INFO, "%s: not a file: URI, not linted", d->uri);
		return 0;
	}
	if (!(dot &&
	      (strcmp(dot, ".md") == 0 || strcmp(dot, ".markdown") == 0)) &&
	    !(d->lang && strcmp(d->lang, "markdown") == 0)) {
		log_msg(s, LOG_INFO, "%s: not a Markdown article, not linted",
			d->path);
		return 0;
	}
	memset(&sel, 0, sizeof(sel));
	sel.root = c->root;
	sel.include = c->cfg.include;
	sel.ninclude = c->cfg.ninclude;
	sel.exclude = c->cfg.exclude;
	sel.nexclude = c->cfg.nexclude;
	if (c->cfg.path && !ml_files_wanted(&sel, d->path)) {
		log_msg(s, LOG_INFO, "%s: %s excludes it, not linted", d->path,
			c->cfg.path);
		return 0;
	}
	return 1;
}

/* The open documents as the cross-file checks see them. */
static ml_overlay_doc *overlay(const ml_lsp *s, size_t *n)
{
	const ml_lsp_doc *d;
	ml_overlay_doc *v;
	size_t k = 0;

	for (d = s->docs; d; d = d->next)
		k++;
	v = calloc(k ? k : 1, sizeof(*v));
	*n = 0;
	for (d = s->docs; v && d; d = d->next)
		if (d->real && !d->too_large && d->text.ptr) {
			v[*n].path = d->real;
			v[*n].text = d->text.ptr;
			v[*n].len = d->text.len;
			(*n)++;
		}
	return v;
}

static void lint(ml_lsp *s, ml_lsp_doc *d)
{
	lsp_ctx *c;
	ml_run run;
	ml_overlay open;
	ml_overlay_doc *docs;

	d->dirty = 0;
	ml_file_result_dispose(&d->res);
	memset(&d->res, 0, sizeof(d->res));
	d->linted = 0;
	if (d->too_large) {
		log_msg(s, LOG_WARNING, "%s: larger than %zu MiB, not linted",
			d->uri, ML_MAX_FILE_BYTES >> 20);
		publish(s, d);
		return;
	}
	c = d->path ? ctx_for(s, d->path) : NULL;
	if (d->path && !c) {
		log_msg(s, LOG_ERROR, "%s: cannot find its config", d->path);
		return;
	}
	if (c && c->error) {
		if (!c->error_shown)
			notify(s, "window/showMessage",
			       json_pack("{s:i, s:o}", "type", LOG_ERROR,
					 "message", ml_rpc_string(c->error)));
		c->error_shown = 1;
		publish(s, d);
		return;
	}
	if (!is_article(s, d, c)) {
		publish(s, d);
		return;
	}
	memset(&run, 0, sizeof(run));
	run.profile = c->profile;
	run.severity = c->cfg.severity;
	run.jobs = 1;
	run.opts.content_root = c->root;
	run.opts.links = ML_LINKS_INTERNAL;
	run.opts.index = c->index;
	today(s, &run.opts);
	docs = overlay(s, &open.n);
	open.docs = docs;
	run.opts.overlay = &open;
	/* Files beside the article may have changed since the last lint. */
	ml_content_forget();
	if (!docs || ml_lint_text(&run, d->path, d->text.ptr ? d->text.ptr : "",
				  d->text.len, &d->res)) {
		log_msg(s, LOG_ERROR, "%s: out of memory while linting",
			d->path);
		ml_file_result_dispose(&d->res);
		memset(&d->res, 0, sizeof(d->res));
	} else {
		d->linted = 1;
	}
	free(docs);
	publish(s, d);
}

/* ---- documents ----------------------------------------------------- */

static ml_lsp_doc *doc_find(ml_lsp *s, const char *uri)
{
	ml_lsp_doc *d;

	for (d = s->docs; d; d = d->next)
		if (strcmp(d->uri, uri) == 0)
			return d;
	return NULL;
}

static const char *str_at(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static ml_lsp_doc *doc_of(ml_lsp *s, json_t *params)
{
	const char *uri =
		str_at(json_object_get(params, "textDocument"), "uri");

	return uri ? doc_find(s, uri) : NULL;
}

static int get_pos(json_t *o, ml_lsp_pos *p)
{
	json_t *l = json_object_get(o, "line"),
	       *c = json_object_get(o, "character");

	if (!json_is_integer(l) || !json_is_integer(c))
		return -1;
	p->line = (long)json_integer_value(l);
	p->character = (long)json_integer_value(c);
	return p->line < 0 || p->character < 0 ? -1 : 0;
}

static int get_range(json_t *r, ml_lsp_pos *a, ml_lsp_pos *b)
{
	return get_pos(json_object_get(r, "start"), a) ||
			       get_pos(json_object_get(r, "end"), b)
		       ? -1
		       : 0;
}

/* A document changed, opened or closed: the others may link to it or
 * name it as a related term, so every open one is linted again when the
 * debounce expires. */
static void touch_all(ml_lsp *s)
{
	ml_lsp_doc *o;
	long long due = now_ms() + s->o.debounce_ms;

	for (o = s->docs; o; o = o->next) {
		o->dirty = 1;
		o->due_ms = due;
	}
}

/* path with its folder resolved, as the cross-file checks name files
 * (the file itself need not exist: a new article). */
static char *resolved(const char *path)
{
	char dir[PATH_MAX], real[PATH_MAX], out[PATH_MAX];
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) : 0;

	if (!slash || n >= sizeof(dir))
		return ml_strdup(path);
	memcpy(dir, path, n);
	dir[n] = '\0';
	if (!realpath(n ? dir : "/", real) ||
	    snprintf(out, sizeof(out), "%s%s", strcmp(real, "/") ? real : "",
		     slash) >= (int)sizeof(out))
		return ml_strdup(path);
	return ml_strdup(out);
}

static void did_open(ml_lsp *s, json_t *id, json_t *params)
{
	json_t *td = json_object_get(params, "textDocument");
	const char *uri = str_at(td, "uri"), *text = str_at(td, "text");
	ml_lsp_doc *d;
	int rc;

	(void)id;
	if (!uri || !text) {
		log_msg(s, LOG_ERROR, "didOpen without textDocument.uri/text");
		return;
	}
	if ((d = doc_find(s, uri)) == NULL) {
		if (!(d = calloc(1, sizeof(*d))) ||
		    !(d->uri = ml_strdup(uri))) {
			free(d);
			return;
		}
		ml_buf_init(&d->text, ML_LIMIT_TEXT);
		d->path = ml_uri_to_path(uri);
		d->real = d->path ? resolved(d->path) : NULL;
		d->next = s->docs;
		s->docs = d;
	}
	free(d->lang);
	d->lang = str_at(td, "languageId") ? ml_strdup(str_at(td, "languageId"))
					   : NULL;
	d->version = (long)json_integer_value(json_object_get(td, "version"));
	rc = ml_doc_set_text(d, text,
			     json_string_length(json_object_get(td, "text")));
	if (rc == ML_ENOMEM)
		log_msg(s, LOG_ERROR, "%s: out of memory", uri);
	touch_all(s);
	lint(s, d);
}

static void did_change(ml_lsp *s, json_t *id, json_t *params)
{
	ml_lsp_doc *d = doc_of(s, params);
	json_t *changes = json_object_get(params, "contentChanges"), *ch;
	size_t i;

	(void)id;
	if (!d || !json_is_array(changes)) {
		log_msg(s, LOG_WARNING,
			"didChange for a document that is not open");
		return;
	}
	d->version = (long)json_integer_value(json_object_get(
		json_object_get(params, "textDocument"), "version"));
	json_array_foreach(changes, i, ch)
	{
		json_t *t = json_object_get(ch, "text");
		json_t *r = json_object_get(ch, "range");
		ml_lsp_pos a, b;
		size_t x, y;
		int rc;

		if (!json_is_string(t))
			continue;
		if (!r) {
			rc = ml_doc_set_text(d, json_string_value(t),
					     json_string_length(t));
		} else if (get_range(r, &a, &b) || d->too_large) {
			log_msg(s, LOG_WARNING,
				"%s: change without a usable range ignored",
				d->uri);
			continue;
		} else {
			x = ml_doc_offset(d, s->enc, a);
			y = ml_doc_offset(d, s->enc, b);
			rc = ml_doc_replace(d, x < y ? x : y, x < y ? y : x,
					    json_string_value(t),
					    json_string_length(t));
		}
		if (rc == ML_ENOMEM)
			log_msg(s, LOG_ERROR, "%s: out of memory", d->uri);
	}
	touch_all(s);
}

static void did_save(ml_lsp *s, json_t *id, json_t *params)
{
	ml_lsp_doc *d = doc_of(s, params);
	json_t *t = json_object_get(params, "text");
	lsp_ctx *c;

	(void)id;
	if (!d)
		return;
	if (json_is_string(t) &&
	    ml_doc_set_text(d, json_string_value(t), json_string_length(t)) ==
		    ML_ENOMEM)
		log_msg(s, LOG_ERROR, "%s: out of memory", d->uri);
	/* Files beside it may have changed with it: walk the tree again. */
	for (c = s->ctxs; c; c = c->next) {
		if (c->error)
			continue;
		ml_content_index_free(c->index);
		c->index = NULL;
		if (ml_content_index_build(c->root, &c->index))
			c->error = ml_strdup("out of memory");
	}
	lint(s, d);
}

static void did_close(ml_lsp *s, json_t *id, json_t *params)
{
	ml_lsp_doc *d = doc_of(s, params), **p;

	(void)id;
	if (!d)
		return;
	for (p = &s->docs; *p != d; p = &(*p)->next)
		;
	*p = d->next;
	notify(s, "textDocument/publishDiagnostics",
	       json_pack("{s:s, s:[]}", "uri", d->uri, "diagnostics"));
	ml_doc_free(d);
	touch_all(s);
}

/* A watched .medlint.yaml, schema or article changed: read the configs
 * and schemas again and lint every open document. */
static void did_change_watched(ml_lsp *s, json_t *id, json_t *params)
{
	ml_lsp_doc *d;

	(void)id;
	(void)params;
	ctxs_drop(s);
	for (d = s->docs; d; d = d->next)
		lint(s, d);
}

/* Lint now what a request is about, so that it sees the text as it is. */
static void settle(ml_lsp *s, ml_lsp_doc *d)
{
	if (d->dirty || !d->linted)
		lint(s, d);
}

/* ---- requests ------------------------------------------------------ */

static const char *pick_encoding(ml_lsp *s, json_t *caps)
{
	json_t *list = json_object_get(json_object_get(caps, "general"),
				       "positionEncodings"),
	       *e;
	size_t i;

	s->enc = ML_ENC_UTF16;
	json_array_foreach(list, i, e)
	{
		const char *v = json_string_value(e);
		if (!v)
			continue;
		if (strcmp(v, "utf-16") == 0)
			return "utf-16";
		if (strcmp(v, "utf-8") == 0) {
			s->enc = ML_ENC_UTF8;
			return "utf-8";
		}
		if (strcmp(v, "utf-32") == 0) {
			s->enc = ML_ENC_UTF32;
			return "utf-32";
		}
	}
	return "utf-16";
}

static void initialize(ml_lsp *s, json_t *id, json_t *params)
{
	json_t *opts = json_object_get(params, "initializationOptions");
	json_t *db = json_object_get(opts, "debounceMs");
	const char *enc;

	if (s->initialized) {
		reply_error(s, id, E_INVALID_REQUEST,
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
	reply(s, id,
	      json_pack("{s:{s:s, s:{s:b, s:i, s:{s:b}}, s:{s:[s]}, s:b},"
			" s:{s:s, s:s}}",
			"capabilities", "positionEncoding", enc,
			"textDocumentSync", "openClose", 1, "change", 2, "save",
			"includeText", 0, "codeActionProvider",
			"codeActionKinds", "quickfix", "hoverProvider", 1,
			"serverInfo", "name", "medlint", "version",
			ML_VERSION));
}

/* Ask a client that can to watch the configs and schemas for us, so
 * that didChangeWatchedFiles arrives without a client-side setting. The
 * client's response (no method) is ignored by dispatch. */
static void initialized(ml_lsp *s, json_t *id, json_t *params)
{
	(void)id;
	(void)params;
	if (!s->watch_dynamic)
		return;
	emit(s, json_pack("{s:s, s:s, s:{s:[{s:s, s:s, s:{s:[{s:s}, {s:s}, "
			  "{s:s}]}}]}}",
			  "id", "medlint-watch", "method",
			  "client/registerCapability", "params",
			  "registrations", "id", "medlint-watch", "method",
			  "workspace/didChangeWatchedFiles", "registerOptions",
			  "watchers", "globPattern", "**/.medlint.yaml",
			  "globPattern", "**/schemas/*.yaml", "globPattern",
			  "**/schemas/*.json"));
}

static void shutdown_(ml_lsp *s, json_t *id, json_t *params)
{
	(void)params;
	s->shutdown = 1;
	reply(s, id, NULL);
}

static void exit_(ml_lsp *s, json_t *id, json_t *params)
{
	(void)id;
	(void)params;
	s->exited = 1;
}

static int overlaps(size_t a, size_t b, size_t x, size_t y)
{
	return a <= y && x <= b;
}

static json_t *quick_fix(ml_lsp *s, const ml_lsp_doc *d, const ml_finding *f)
{
	size_t a = (size_t)f->fix_offset, b = a + f->fix_len;
	char title[256];
	json_t *edit, *changes;

	(void)snprintf(title, sizeof(title), "medlint: replace with \"%.*s\"",
		       (int)(strlen(f->fix_text) > 80 ? 80
						      : strlen(f->fix_text)),
		       f->fix_text);
	edit = json_pack("{s:o, s:o}", "range", range_json(d, s->enc, a, b),
			 "newText", ml_rpc_string(f->fix_text));
	changes = json_object();
	json_object_set_new(changes, d->uri, json_pack("[o]", edit));
	return json_pack("{s:o, s:s, s:[o], s:b, s:{s:o}}", "title",
			 ml_rpc_string(title), "kind", "quickfix",
			 "diagnostics", diagnostic(s, d, f), "isPreferred", 1,
			 "edit", "changes", changes);
}

static int wants_quickfix(json_t *only)
{
	json_t *k;
	size_t i;

	if (!json_is_array(only))
		return 1;
	json_array_foreach(only, i, k)
	{
		const char *v = json_string_value(k);
		if (v && (strcmp(v, "quickfix") == 0 || strcmp(v, "") == 0))
			return 1;
	}
	return 0;
}

static void code_action(ml_lsp *s, json_t *id, json_t *params)
{
	ml_lsp_doc *d = doc_of(s, params);
	json_t *out;
	ml_lsp_pos p, q;
	size_t x, y, i;

	if (!d || get_range(json_object_get(params, "range"), &p, &q)) {
		reply_error(s, id, E_PARAMS,
			    "codeAction needs an open textDocument and a "
			    "range");
		return;
	}
	settle(s, d);
	out = json_array();
	x = ml_doc_offset(d, s->enc, p);
	y = ml_doc_offset(d, s->enc, q);
	if (!wants_quickfix(json_object_get(json_object_get(params, "context"),
					    "only")) ||
	    !d->linted || ml_fix_forbidden(&d->res.findings)) {
		reply(s, id, out);
		return;
	}
	for (i = 0; i < d->res.findings.len; i++) {
		const ml_finding *f = &d->res.findings.items[i];
		size_t a, b;

		if (f->fix_offset < 0 || !f->fix_text ||
		    (size_t)f->fix_offset + f->fix_len > d->text.len)
			continue;
		finding_span(d, f, &a, &b);
		if (overlaps(a, b, x, y) ||
		    overlaps((size_t)f->fix_offset,
			     (size_t)f->fix_offset + f->fix_len, x, y))
			json_array_append_new(out, quick_fix(s, d, f));
	}
	reply(s, id, out);
}

static void hover(ml_lsp *s, json_t *id, json_t *params)
{
	ml_lsp_doc *d = doc_of(s, params);
	ml_buf b = ML_BUF_INIT(ML_LIMIT_SHORT);
	ml_lsp_pos p;
	size_t x, i, ra = 0, rb = 0;
	int n = 0;

	if (!d || get_pos(json_object_get(params, "position"), &p)) {
		reply_error(s, id, E_PARAMS,
			    "hover needs an open textDocument and a position");
		return;
	}
	settle(s, d);
	x = ml_doc_offset(d, s->enc, p);
	for (i = 0; d->linted && i < d->res.findings.len; i++) {
		const ml_finding *f = &d->res.findings.items[i];
		const ml_rule_info *r = ml_rule_info_get(f->rule);
		size_t a, e;

		finding_span(d, f, &a, &e);
		if (x < a || x > e)
			continue;
		if (!n++) {
			ra = a;
			rb = e;
		}
		(void)ml_buf_printf(&b, "%s**%s** (%s): %s\n\n%s\n\n%s",
				    n > 1 ? "\n\n---\n\n" : "", r->id,
				    ml_severity_name(f->severity), f->message,
				    r->summary, r->help);
	}
	if (!n) {
		reply(s, id, NULL);
	} else {
		reply(s, id,
		      json_pack("{s:{s:s, s:o}, s:o}", "contents", "kind",
				"markdown", "value",
				ml_rpc_stringn(b.ptr, b.len), "range",
				range_json(d, s->enc, ra, rb)));
	}
	ml_buf_dispose(&b);
}

/* ---- dispatch ------------------------------------------------------ */

typedef void (*handler)(ml_lsp *s, json_t *id, json_t *params);

static const struct {
	const char *method;
	handler fn;
} methods[] = {
	{ "initialize", initialize },
	{ "initialized", initialized },
	{ "shutdown", shutdown_ },
	{ "exit", exit_ },
	{ "textDocument/didOpen", did_open },
	{ "textDocument/didChange", did_change },
	{ "textDocument/didSave", did_save },
	{ "textDocument/didClose", did_close },
	{ "workspace/didChangeWatchedFiles", did_change_watched },
	{ "textDocument/codeAction", code_action },
	{ "textDocument/hover", hover },
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
	const char *method = str_at(m, "method");
	size_t i;

	if (!json_is_object(m) || (id && !json_is_integer(id) &&
				   !json_is_string(id) && !json_is_null(id))) {
		reply_error(s, NULL, E_INVALID_REQUEST,
			    "not a JSON-RPC request or notification");
		return;
	}
	if (!method) {
		/* a response to a request we never send, or garbage */
		if (!json_object_get(m, "result") &&
		    !json_object_get(m, "error"))
			reply_error(s, id, E_INVALID_REQUEST,
				    "message without a method");
		return;
	}
	json_array_foreach(cancelled, i, c) if (id && same_id(id, c))
	{
		reply_error(s, id, E_CANCELLED, "%s cancelled", method);
		return;
	}
	for (i = 0; i < ML_ARRAY_LEN(methods); i++)
		if (strcmp(methods[i].method, method) == 0)
			break;
	if (strcmp(method, "exit") == 0) {
		exit_(s, id, params);
		return;
	}
	if (!s->initialized && strcmp(method, "initialize") != 0) {
		if (id)
			reply_error(s, id, E_NOT_INITIALIZED,
				    "%s before initialize", method);
		return;
	}
	if (s->shutdown) {
		if (id)
			reply_error(s, id, E_INVALID_REQUEST,
				    "%s after shutdown", method);
		return;
	}
	if (i == ML_ARRAY_LEN(methods)) {
		/* Unknown notifications, $/ ones above all, are ignored. */
		if (id)
			reply_error(s, id, E_METHOD, "unknown method %s",
				    method);
		return;
	}
	if (methods[i].fn)
		methods[i].fn(s, id, params);
	else if (id)
		reply(s, id, NULL);
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
		const char *method = str_at(m, "method");
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
	int r, rc = ml_rpc_reader_put(&s->rd, data, len);

	while (!rc &&
	       (r = ml_rpc_next(&s->rd, &body, &n, &why)) != ML_RPC_NONE) {
		json_error_t err;
		json_t *m;

		if (r == ML_RPC_BAD) {
			drain(s);
			log_msg(s, LOG_ERROR, "%s", ml_buf_cstr(&why));
			if (strstr(ml_buf_cstr(&why), "larger than"))
				reply_error(s, NULL, E_INVALID_REQUEST, "%s",
					    ml_buf_cstr(&why));
			ml_buf_clear(&why);
			continue;
		}
		m = json_loadb(body, n, JSON_ALLOW_NUL, &err);
		if (!m) {
			drain(s);
			reply_error(s, NULL, E_PARSE,
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

int ml_lsp_next_timeout(const ml_lsp *s)
{
	const ml_lsp_doc *d;
	long long now = now_ms(), t = -1;

	for (d = s->docs; d; d = d->next)
		if (d->dirty && (t < 0 || d->due_ms - now < t))
			t = d->due_ms > now ? d->due_ms - now : 0;
	return t > INT_MAX ? INT_MAX : (int)t;
}

void ml_lsp_tick(ml_lsp *s, int force)
{
	ml_lsp_doc *d;
	long long now = now_ms();

	for (d = s->docs; d; d = d->next)
		if (d->dirty && (force || d->due_ms <= now))
			lint(s, d);
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
	ml_rpc_reader_init(&s->rd);
	return s;
}

void ml_lsp_free(ml_lsp *s)
{
	size_t i;

	if (!s)
		return;
	while (s->docs) {
		ml_lsp_doc *n = s->docs->next;
		ml_doc_free(s->docs);
		s->docs = n;
	}
	ctxs_drop(s);
	for (i = 0; i < s->nqueue; i++)
		json_decref(s->queue[i]);
	free(s->queue);
	ml_rpc_reader_dispose(&s->rd);
	free(s);
}

/* ---- stdio --------------------------------------------------------- */

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
