/* report/notices.c - the SARIF run's invocation: what the tool could not
 * do is a toolExecutionNotification there as well as a result, so that
 * code scanning shows a run that left references unverified (a registry
 * that hung or failed: citation-unverified) as such. */
#include <jansson.h>

#include "core/ruletab.h"
#include "report/internal.h"
#include "util/buf.h"

/* One notification, NULL when a part of it could not be made (never one
 * quietly without its location: the caller fails the report). */
static json_t *notification(const ml_file_result *r, const ml_finding *f)
{
	ml_buf uri = ML_BUF_INIT(ML_LIMIT_SHORT);
	json_t *n = NULL, *loc = NULL;
	int in_repo = ml_report_repo_uri(r->path, &uri);

	if (in_repo < 0 || ml_buf_failed(&uri))
		goto done;
	if (in_repo == 1 &&
	    !(loc = json_pack("[{s:{s:{s:s, s:s}, s:{s:i, s:i}}}]",
			      "physicalLocation", "artifactLocation", "uri",
			      ml_buf_cstr(&uri), "uriBaseId", "%SRCROOT%",
			      "region", "startLine", f->line, "startColumn",
			      f->column)))
		goto done;
	n = json_pack("{s:s, s:{s:s}, s:{s:s}}", "level", "warning", "message",
		      "text", f->message, "descriptor", "id",
		      ml_rule_info_get(f->rule)->id);
	if (!n) {
		json_decref(loc);
	} else if (loc && json_object_set_new(n, "locations", loc)) {
		/* set_new has released loc */
		json_decref(n);
		n = NULL;
	}
done:
	ml_buf_dispose(&uri);
	return n;
}

json_t *ml_report_sarif_invocations(const ml_file_result *r, size_t n)
{
	json_t *notes = json_array(), *inv;
	size_t i, j;

	for (i = 0; i < n && notes; i++)
		for (j = 0; j < r[i].findings.len; j++) {
			const ml_finding *f = &r[i].findings.items[j];
			json_t *x;
			if (f->rule != ML_RULE_CITATION_UNVERIFIED)
				continue;
			x = notification(&r[i], f);
			if (!x || json_array_append_new(notes, x)) {
				json_decref(notes);
				return NULL;
			}
		}
	if (!notes)
		return NULL;
	inv = json_pack("[{s:b, s:o}]", "executionSuccessful", 1,
			"toolExecutionNotifications", notes);
	return inv;
}
