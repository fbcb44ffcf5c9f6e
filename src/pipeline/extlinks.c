/* pipeline/extlinks.c - map link check results to findings at every use. */
#include "pipeline/extlinks.h"

#include <stdlib.h>
#include <string.h>

#include "util/common.h"
#include "util/regex.h"

/* The rule and message for one result, or -1 when the link is fine. */
static int classify(const ml_link_result *r, ml_buf *msg)
{
	ml_buf_clear(msg);
	switch (r->status) {
	case ML_LINK_BROKEN:
		ml_buf_printf(msg, "broken link %s: %s", r->url, r->detail);
		return ML_RULE_LINK_BROKEN;
	case ML_LINK_PRIVATE:
		ml_buf_printf(msg,
			      "%s resolves to a private or link-local address "
			      "(%s); it was not fetched",
			      r->url, r->detail);
		return ML_RULE_LINK_PRIVATE;
	case ML_LINK_TIMEOUT:
		ml_buf_printf(msg, "%s timed out: %s", r->url, r->detail);
		return ML_RULE_LINK_TIMEOUT;
	case ML_LINK_BLOCKED:
		ml_buf_printf(msg,
			      "%s refused an automated check (%s): check it in "
			      "a browser",
			      r->url, r->detail);
		return ML_RULE_LINK_BLOCKED;
	case ML_LINK_RATE_LIMITED:
		ml_buf_printf(msg,
			      "%s is still rate-limited after retries (%s)",
			      r->url, r->detail);
		return ML_RULE_LINK_RATE_LIMITED;
	case ML_LINK_UNDECIDED:
		ml_buf_printf(msg,
			      "links not checked from here on: %s ran out of "
			      "the file's regex budget",
			      r->detail);
		return ML_RULE_FILE_TOO_COMPLEX;
	default: break;
	}
	if (r->status != ML_LINK_OK)
		return -1;
	if (r->fragment_state == ML_FRAGMENT_MISSING) {
		ml_buf_printf(msg, "%s has no anchor \"#%s\"", r->url,
			      r->fragment ? r->fragment : "");
		return ML_RULE_LINK_ANCHOR;
	}
	if (r->redirected_permanently && r->permanent_url) {
		ml_buf_printf(msg,
			      "%s redirects permanently: link to %s instead",
			      r->url, r->permanent_url);
		return ML_RULE_LINK_REDIRECT;
	}
	if (r->insecure_https_works) {
		ml_buf_printf(msg, "%s works over https://: use https://%s",
			      r->url, r->url + strlen("http://"));
		return ML_RULE_LINK_INSECURE;
	}
	return -1;
}

static int add_findings(const ml_linkcheck *lc, const ml_severity *severity,
			ml_file_result *res)
{
	ml_buf msg = ML_BUF_INIT(ML_LIMIT_SHORT);
	size_t i;
	int rc = ML_OK, undecided = 0;

	for (i = 0; i < res->links.len && !rc; i++) {
		const ml_link_ref *ref = &res->links.items[i];
		const ml_link_result *r = ml_linkcheck_result(lc, ref->url);
		int rule = r ? classify(r, &msg) : -1;
		ml_finding *f;

		if (rule == ML_RULE_FILE_TOO_COMPLEX) { /* once, not per link */
			if (undecided++)
				continue;
		} else if (rule < 0 || (ref->suppressed >> rule) & 1) {
			continue;
		}
		if (severity && severity[rule] == ML_SEV_OFF)
			continue;
		f = ml_findings_add(&res->findings, (ml_rule)rule, ref->line,
				    ref->column, "%s", ml_buf_cstr(&msg));
		if (!f) {
			rc = ML_ENOMEM;
			break;
		}
		if (severity)
			f->severity = severity[rule];
		if (ref->end_line) { /* the target, as the pipeline found it */
			f->end_line = ref->end_line;
			f->end_column = ref->end_column;
			f->ucolumn = ref->ucolumn;
			f->end_ucolumn = ref->end_ucolumn;
		}
	}
	ml_buf_dispose(&msg);
	ml_findings_sort(&res->findings);
	return rc;
}

int ml_extlinks_check(const ml_link_opts *opts, const ml_severity *severity,
		      ml_file_result *results, size_t n, size_t *checked,
		      ml_buf *warnings, ml_buf *err)
{
	ml_linkcheck *lc = NULL;
	size_t i, j;
	int rc;

	*checked = 0;
	if ((rc = ml_linkcheck_new(opts, &lc, err)))
		return rc;
	for (i = 0; i < n && !rc; i++) {
		ml_regex_budget_reset(); /* links.exclude: per article */
		for (j = 0; j < results[i].links.len && !rc; j++)
			rc = ml_linkcheck_add(lc,
					      results[i].links.items[j].url);
	}
	if (!rc)
		rc = ml_linkcheck_run(lc, warnings);
	*checked = ml_linkcheck_count(lc);
	for (i = 0; i < n && !rc; i++)
		rc = add_findings(lc, severity, &results[i]);
	ml_linkcheck_free(lc);
	return rc;
}
