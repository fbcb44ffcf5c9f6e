/* cite_entry_check.h - one reference entry checked in a given citation
 * style, for the per-style unit tests (test_citation_ama.c,
 * test_citation_nlm.c): with rule CITE_OK the entry must raise no
 * finding at all, else a finding of that rule whose message holds says
 * (any message when says is NULL). A miss prints the entry and what was
 * found. Include after cmocka.h. */
#ifndef ML_TEST_CITE_ENTRY_CHECK_H
#define ML_TEST_CITE_ENTRY_CHECK_H

#include <stdio.h>
#include <string.h>

#include "cite/citation.h"
#include "core/finding.h"
#include "core/ruletab.h"
#include "util/common.h"

#define CITE_OK (-1)

static inline int cite_entry_check(ml_cite_style style, int rule,
				   const char *says, const char *entry)
{
	ml_cite_opts o = { NULL, 0, 0, style };
	ml_ref_entry e = { 1, entry, strlen(entry), 1, 1, 0, NULL, 0 };
	ml_findings f;
	size_t k;
	int good = rule == CITE_OK;

	ml_findings_init(&f);
	assert_int_equal(ml_citation_check_entry(&e, &o, &f), ML_OK);
	if (rule == CITE_OK)
		good = f.len == 0;
	for (k = 0; rule != CITE_OK && k < f.len; k++)
		if ((int)f.items[k].rule == rule &&
		    (!says || strstr(f.items[k].message, says)))
			good = 1;
	if (!good) {
		print_message("want %s '%s'\n  %s\n",
			      rule == CITE_OK ? "clean"
					      : ml_rule_info_get(rule)->id,
			      says ? says : "", entry);
		for (k = 0; k < f.len; k++)
			print_message("    %s: %s\n",
				      ml_rule_info_get(f.items[k].rule)->id,
				      f.items[k].message);
	}
	ml_findings_dispose(&f);
	return good;
}

#endif
