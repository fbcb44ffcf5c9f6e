/* lsp/actions.c - requests about a document's findings: code actions
 * (the --fix rewrites of fix/fix.h as quick fixes) and hover (the rule's
 * help). */
#include <stdio.h>
#include <string.h>

#include "core/ruletab.h"
#include "fix/fix.h"
#include "lsp/internal.h"

static int overlaps(size_t a, size_t b, size_t x, size_t y)
{
	return a <= y && x <= b;
}

static json_t *quick_fix(ml_lsp *s, const lsp_doc *d, const ml_finding *f)
{
	size_t a = (size_t)f->fix_offset, b = a + f->fix_len;
	char title[256];
	json_t *edit, *changes;

	(void)snprintf(title, sizeof(title), "medlint: replace with \"%.*s\"",
		       (int)(strlen(f->fix_text) > 80 ? 80
						      : strlen(f->fix_text)),
		       f->fix_text);
	edit = json_pack("{s:o, s:o}", "range", lsp_range_json(d, s->enc, a, b),
			 "newText", lsp_rpc_string(f->fix_text));
	changes = json_object();
	json_object_set_new(changes, d->uri, json_pack("[o]", edit));
	return json_pack("{s:o, s:s, s:[o], s:b, s:{s:o}}", "title",
			 lsp_rpc_string(title), "kind", "quickfix",
			 "diagnostics", lsp_diagnostic(s, d, f), "isPreferred",
			 1, "edit", "changes", changes);
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

void lsp_code_action(ml_lsp *s, json_t *id, json_t *params)
{
	lsp_doc *d = lsp_doc_of(s, params);
	json_t *out;
	lsp_pos p, q;
	size_t x, y, i;

	if (!d || lsp_get_range(json_object_get(params, "range"), &p, &q)) {
		lsp_reply_error(s, id, LSP_E_PARAMS,
				"codeAction needs an open textDocument and a "
				"range");
		return;
	}
	lsp_doc_settle(s, d);
	out = json_array();
	x = lsp_doc_offset(d, s->enc, p);
	y = lsp_doc_offset(d, s->enc, q);
	if (!wants_quickfix(json_object_get(json_object_get(params, "context"),
					    "only")) ||
	    !d->linted || ml_fix_forbidden(&d->res.findings)) {
		lsp_reply(s, id, out);
		return;
	}
	for (i = 0; i < d->res.findings.len; i++) {
		const ml_finding *f = &d->res.findings.items[i];
		size_t a, b;

		if (f->fix_offset < 0 || !f->fix_text ||
		    (size_t)f->fix_offset + f->fix_len > d->text.len)
			continue;
		lsp_finding_span(d, f, &a, &b);
		if (overlaps(a, b, x, y) ||
		    overlaps((size_t)f->fix_offset,
			     (size_t)f->fix_offset + f->fix_len, x, y))
			json_array_append_new(out, quick_fix(s, d, f));
	}
	lsp_reply(s, id, out);
}

void lsp_hover(ml_lsp *s, json_t *id, json_t *params)
{
	lsp_doc *d = lsp_doc_of(s, params);
	ml_buf b = ML_BUF_INIT(ML_LIMIT_SHORT);
	lsp_pos p;
	size_t x, i, ra = 0, rb = 0;
	int n = 0;

	if (!d || lsp_get_pos(json_object_get(params, "position"), &p)) {
		lsp_reply_error(
			s, id, LSP_E_PARAMS,
			"hover needs an open textDocument and a position");
		return;
	}
	lsp_doc_settle(s, d);
	x = lsp_doc_offset(d, s->enc, p);
	for (i = 0; d->linted && i < d->res.findings.len; i++) {
		const ml_finding *f = &d->res.findings.items[i];
		const ml_rule_info *r = ml_rule_info_get(f->rule);
		size_t a, e;

		lsp_finding_span(d, f, &a, &e);
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
		lsp_reply(s, id, NULL);
	} else {
		lsp_reply(s, id,
			  json_pack("{s:{s:s, s:o}, s:o}", "contents", "kind",
				    "markdown", "value",
				    lsp_rpc_stringn(b.ptr, b.len), "range",
				    lsp_range_json(d, s->enc, ra, rb)));
	}
	ml_buf_dispose(&b);
}
