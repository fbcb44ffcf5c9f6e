/* lsp/documents.c - the open documents: didOpen, didChange
 * (incremental), didSave, didClose, didChangeWatchedFiles, and the JSON
 * of a document's positions and ranges in requests.
 *
 * A didChange only marks the documents: they are linted when the
 * debounce expires (ml_lsp_tick), or at once when a request needs their
 * findings (lsp_doc_settle). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/content.h"
#include "lsp/internal.h"

lsp_doc *lsp_doc_find(ml_lsp *s, const char *uri)
{
	lsp_doc *d;

	for (d = s->docs; d; d = d->next)
		if (strcmp(d->uri, uri) == 0)
			return d;
	return NULL;
}

lsp_doc *lsp_doc_of(ml_lsp *s, json_t *params)
{
	const char *uri =
		lsp_str_at(json_object_get(params, "textDocument"), "uri");

	return uri ? lsp_doc_find(s, uri) : NULL;
}

int lsp_get_pos(json_t *o, lsp_pos *p)
{
	json_t *l = json_object_get(o, "line"),
	       *c = json_object_get(o, "character");

	if (!json_is_integer(l) || !json_is_integer(c))
		return -1;
	p->line = (long)json_integer_value(l);
	p->character = (long)json_integer_value(c);
	return p->line < 0 || p->character < 0 ? -1 : 0;
}

int lsp_get_range(json_t *r, lsp_pos *a, lsp_pos *b)
{
	return lsp_get_pos(json_object_get(r, "start"), a) ||
			       lsp_get_pos(json_object_get(r, "end"), b)
		       ? -1
		       : 0;
}

/* A document changed, opened or closed: the others may link to it or
 * name it as a related term, so every open one is linted again when the
 * debounce expires. */
static void touch_all(ml_lsp *s)
{
	lsp_doc *o;
	long long due = lsp_now_ms() + s->o.debounce_ms;

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

void lsp_did_open(ml_lsp *s, json_t *id, json_t *params)
{
	json_t *td = json_object_get(params, "textDocument");
	const char *uri = lsp_str_at(td, "uri"), *text = lsp_str_at(td, "text");
	lsp_doc *d;
	int rc;

	(void)id;
	if (!uri || !text) {
		lsp_log(s, LSP_LOG_ERROR,
			"didOpen without textDocument.uri/text");
		return;
	}
	if ((d = lsp_doc_find(s, uri)) == NULL) {
		if (!(d = calloc(1, sizeof(*d))) ||
		    !(d->uri = ml_strdup(uri))) {
			free(d);
			return;
		}
		ml_buf_init(&d->text, ML_LIMIT_TEXT);
		d->path = lsp_uri_to_path(uri);
		d->real = d->path ? resolved(d->path) : NULL;
		d->next = s->docs;
		s->docs = d;
	}
	free(d->lang);
	d->lang = lsp_str_at(td, "languageId")
			  ? ml_strdup(lsp_str_at(td, "languageId"))
			  : NULL;
	d->version = (long)json_integer_value(json_object_get(td, "version"));
	rc = lsp_doc_set_text(d, text,
			      json_string_length(json_object_get(td, "text")));
	if (rc == ML_ENOMEM)
		lsp_log(s, LSP_LOG_ERROR, "%s: out of memory", uri);
	touch_all(s);
	lsp_doc_lint(s, d);
}

void lsp_did_change(ml_lsp *s, json_t *id, json_t *params)
{
	lsp_doc *d = lsp_doc_of(s, params);
	json_t *changes = json_object_get(params, "contentChanges"), *ch;
	size_t i;

	(void)id;
	if (!d || !json_is_array(changes)) {
		lsp_log(s, LSP_LOG_WARNING,
			"didChange for a document that is not open");
		return;
	}
	d->version = (long)json_integer_value(json_object_get(
		json_object_get(params, "textDocument"), "version"));
	json_array_foreach(changes, i, ch)
	{
		json_t *t = json_object_get(ch, "text");
		json_t *r = json_object_get(ch, "range");
		lsp_pos a, b;
		size_t x, y;
		int rc;

		if (!json_is_string(t))
			continue;
		if (!r) {
			rc = lsp_doc_set_text(d, json_string_value(t),
					      json_string_length(t));
		} else if (lsp_get_range(r, &a, &b) || d->too_large) {
			lsp_log(s, LSP_LOG_WARNING,
				"%s: change without a usable range ignored",
				d->uri);
			continue;
		} else {
			x = lsp_doc_offset(d, s->enc, a);
			y = lsp_doc_offset(d, s->enc, b);
			rc = lsp_doc_replace(d, x < y ? x : y, x < y ? y : x,
					     json_string_value(t),
					     json_string_length(t));
		}
		if (rc == ML_ENOMEM)
			lsp_log(s, LSP_LOG_ERROR, "%s: out of memory", d->uri);
	}
	/* A keystroke re-lints this document only: the others see its
	 * text when they are next linted (opened, saved, a watched file). */
	d->dirty = 1;
	d->due_ms = lsp_now_ms() + s->o.debounce_ms;
}

void lsp_did_save(ml_lsp *s, json_t *id, json_t *params)
{
	lsp_doc *d = lsp_doc_of(s, params);
	json_t *t = json_object_get(params, "text");
	lsp_ctx *c;

	(void)id;
	if (!d)
		return;
	if (json_is_string(t) &&
	    lsp_doc_set_text(d, json_string_value(t), json_string_length(t)) ==
		    ML_ENOMEM)
		lsp_log(s, LSP_LOG_ERROR, "%s: out of memory", d->uri);
	/* Files beside it may have changed with it: walk the tree again,
	 * and the site again when a link next needs it (its headings, its
	 * front matter's routes). */
	lsp_sites_reset(s);
	for (c = s->ctxs; c; c = c->next) {
		if (c->error)
			continue;
		if (lsp_ctx_index(c))
			c->error = ml_strdup("out of memory");
	}
	lsp_doc_lint(s, d);
}

void lsp_did_close(ml_lsp *s, json_t *id, json_t *params)
{
	lsp_doc *d = lsp_doc_of(s, params), **p;

	(void)id;
	if (!d)
		return;
	for (p = &s->docs; *p != d; p = &(*p)->next)
		;
	*p = d->next;
	lsp_notify(s, "textDocument/publishDiagnostics",
		   json_pack("{s:s, s:[]}", "uri", d->uri, "diagnostics"));
	lsp_doc_free(d);
	touch_all(s);
}

/* A watched .medlint.yaml, schema, generator config or article changed:
 * read the configs and schemas again, make the sites' routes again when
 * a link needs them, and lint every open document. */
void lsp_did_change_watched(ml_lsp *s, json_t *id, json_t *params)
{
	lsp_doc *d;

	(void)id;
	(void)params;
	lsp_ctxs_drop(s);
	for (d = s->docs; d; d = d->next)
		lsp_doc_lint(s, d);
}

/* Lint now what a request is about, so that it sees the text as it is. */
void lsp_doc_settle(ml_lsp *s, lsp_doc *d)
{
	if (d->dirty || !d->linted)
		lsp_doc_lint(s, d);
}
