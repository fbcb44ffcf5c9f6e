/* Unit tests for cite/medical.c: AMA 11 and NLM (Vancouver) entries, each
 * rule with an entry that breaks it and the same entry right, and
 * citation-style naming the style an entry is in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cite/citation.h"
#include "core/finding.h"
#include "core/ruletab.h"
#include "util/common.h"

#define AMA ML_CITE_AMA11
#define NLM ML_CITE_VANCOUVER
#define OK (-1)

typedef struct {
	ml_cite_style style;
	int rule;	  /* OK: no finding */
	const char *says; /* in the message, or NULL */
	const char *entry;
} med_case;

static const med_case cases[] = {
	/* journal articles */
	{ AMA, OK, NULL,
	  "Doral MN, Alam M, Bozkurt M, et al. Functional anatomy of the "
	  "Achilles tendon. *Knee Surg Sports Traumatol Arthrosc*. "
	  "2010;18(5):638-643. doi:10.1007/s00167-010-1083-7" },
	{ NLM, OK, NULL,
	  "Doral MN, Alam M, Bozkurt M, Turhan E, Atay OA, Dönmez G, et al. "
	  "Functional anatomy of the Achilles tendon. Knee Surg Sports "
	  "Traumatol Arthrosc. 2010 May;18(5):638-43. "
	  "doi:10.1007/s00167-010-1083-7" },
	{ AMA, ML_RULE_CITATION_AUTHOR, "first 3",
	  "Doral MN, Alam M, Bozkurt M, Turhan E, Atay OA, Dönmez G, et al. "
	  "Functional anatomy of the Achilles tendon. *Knee Surg Sports "
	  "Traumatol Arthrosc*. 2010;18(5):638-643." },
	{ AMA, ML_RULE_CITATION_AUTHOR, "up to 6",
	  "Doral MN, Alam M, Bozkurt M, Turhan E, Atay OA, Dönmez G, Maffulli "
	  "N. Functional anatomy of the Achilles tendon. *Knee Surg Sports "
	  "Traumatol Arthrosc*. 2010;18(5):638-643." },
	{ AMA, ML_RULE_CITATION_AUTHOR, "without periods",
	  "Campbell J.T. Posterior calf injury. *Foot Ankle Clin*. "
	  "2009;14(4):761-771." },
	{ NLM, ML_RULE_CITATION_AUTHOR, "no 'and'",
	  "Campbell JT, and Ly JQ. Posterior calf injury. Foot Ankle Clin. "
	  "2009;14(4):761-71." },
	{ NLM, ML_RULE_CITATION_AUTHOR, "comma or periods",
	  "Campbell, J. T. Posterior calf injury. Foot Ankle Clin. "
	  "2009;14(4):761-71." },
	{ AMA, ML_RULE_CITATION_TITLE, "quotation",
	  "Campbell JT. \xE2\x80\x9CPosterior calf injury.\xE2\x80\x9D *Foot "
	  "Ankle Clin*. 2009;14(4):761-771." },
	{ AMA, OK, NULL,
	  "Bahr R. \xE2\x80\x9CText neck\xE2\x80\x9D and posture. *Foot "
	  "Ankle Clin*. 2009;14(4):761-771." },
	{ AMA, ML_RULE_CITATION_SOURCE, "full",
	  "Bright JM, Fields KB. Ultrasound of calf injuries. *Sports Health*. "
	  "2017;9(4):352-55." },
	{ NLM, ML_RULE_CITATION_PUNCTUATION, "no spaces",
	  "Bright JM, Fields KB. Ultrasound of calf injuries. Sports Health. "
	  "2017; 9(4): 352-5." },
	{ NLM, ML_RULE_CITATION_SOURCE, "no volume",
	  "Bright JM, Fields KB. Ultrasound of calf injuries. Sports Health. "
	  "2017;:352-5." },
	{ NLM, ML_RULE_CITATION_PUNCTUATION, "period",
	  "Bright JM, Fields KB. Ultrasound of calf injuries. Sports Health. "
	  "2017;9(4):352-5 doi:10.1177/1941738117696019" },
	{ AMA, ML_RULE_CITATION_DOI, "no space",
	  "Bright JM. Ultrasound of calf injuries. *Sports Health*. "
	  "2017;9(4):352-355. doi: 10.1177/1941738117696019" },
	{ AMA, ML_RULE_CITATION_DOI, "doi:10",
	  "Bright JM. Ultrasound of calf injuries. *Sports Health*. "
	  "2017;9(4):352-355. https://doi.org/10.1177/1941738117696019" },
	{ NLM, OK, NULL,
	  "Bright JM. Ultrasound of calf injuries. Sports Health. "
	  "2017;9(4):352-5. doi: 10.1177/1941738117696019" },
	{ NLM, ML_RULE_CITATION_DOI, "valid",
	  "Bright JM. Ultrasound of calf injuries. Sports Health. "
	  "2017;9(4):352-5. doi:10.11/x" },
	/* online sources and books */
	{ AMA, OK, NULL,
	  "Sareen A. Gastrocnemius. Physiopedia. Published 2012. Accessed "
	  "March 5, 2024. https://www.physio-pedia.com/Gastrocnemius" },
	{ AMA, ML_RULE_CITATION_DATE, "Accessed March 5",
	  "Sareen A. Gastrocnemius. Physiopedia. Published 2012. Accessed 5 "
	  "March 2024. https://www.physio-pedia.com/Gastrocnemius" },
	{ AMA, ML_RULE_CITATION_DATE, "Accessed Month",
	  "Sareen A. Gastrocnemius. Physiopedia. Published 2012. "
	  "https://www.physio-pedia.com/Gastrocnemius" },
	{ AMA, ML_RULE_CITATION_SOURCE, "Retrieved",
	  "Sareen A. Gastrocnemius. Physiopedia. Published 2012. Retrieved "
	  "from https://www.physio-pedia.com/Gastrocnemius" },
	{ NLM, OK, NULL,
	  "Sareen A. Gastrocnemius [Internet]. Physiopedia; 2012 [cited 2024 "
	  "Mar 5]. Available from: https://www.physio-pedia.com/Gastrocnemius" },
	{ NLM, ML_RULE_CITATION_DATE, "[cited",
	  "Sareen A. Gastrocnemius [Internet]. Physiopedia; 2012. Available "
	  "from: https://www.physio-pedia.com/Gastrocnemius" },
	{ NLM, ML_RULE_CITATION_SOURCE, "Available from",
	  "Sareen A. Gastrocnemius [Internet]. Physiopedia; 2012 [cited 2024 "
	  "Mar 5]. https://www.physio-pedia.com/Gastrocnemius" },
	{ NLM, ML_RULE_CITATION_SOURCE, "[Internet]",
	  "Sareen A. Gastrocnemius. Physiopedia; 2012 [cited 2024 Mar 5]. "
	  "Available from: https://www.physio-pedia.com/Gastrocnemius" },
	{ NLM, OK, NULL,
	  "Brukner P, Khan K. Clinical sports medicine. 5th ed. Sydney (AU): "
	  "McGraw-Hill; 2017." },
	{ AMA, OK, NULL,
	  "Brukner P, Khan K. *Clinical Sports Medicine*. 5th ed. "
	  "McGraw-Hill; 2017." },
	/* the rewrite into the list's style */
	{ AMA, ML_RULE_CITATION_STYLE,
	  "in AMA 11 it reads: Doral MN, Alam M, Bozkurt M, et al. Functional "
	  "anatomy of the Achilles tendon. *Knee Surg Sports Traumatol "
	  "Arthrosc*. 2010;18(5):638-643. doi:10.1007/s00167-010-1083-7",
	  "Doral MN, Alam M, Bozkurt M, Turhan E, Atay OA, Dönmez G, et al. "
	  "Functional anatomy of the Achilles tendon. Knee Surg Sports "
	  "Traumatol Arthrosc. 2010 May;18(5):638-43. "
	  "doi:10.1007/s00167-010-1083-7" },
	{ NLM, ML_RULE_CITATION_STYLE,
	  "in NLM (Vancouver) it reads: Bright JM. Ultrasound of calf "
	  "injuries. Sports Health. 2017;9(4):352-355. [cited 2024 Mar 5]. "
	  "Available from: https://x.org/a",
	  "Bright JM. Ultrasound of calf injuries. *Sports Health*. "
	  "2017;9(4):352-355. Accessed March 5, 2024. https://x.org/a" },
	/* issue 27, real NLM lists: an issue with no volume is Citing
	 * Medicine's form; parts run together, "et. al" and et al with no
	 * comma are faults (made-up entries of those kinds) */
	{ NLM, OK, NULL,
	  "Okafor L, Lindqvist M. Calf raises after tendon repair. Cochrane "
	  "Database Syst Rev. 2019 Feb 3;(2):CD001234." },
	{ NLM, ML_RULE_CITATION_PUNCTUATION, "a period and a space",
	  "Okafor L, Lindqvist M.Calf raises after tendon repair. J Foot "
	  "Ankle Res. 2021;14(2):101-9." },
	{ NLM, ML_RULE_CITATION_PUNCTUATION, "a period and a space",
	  "Okafor L, Lindqvist M. Calf raises after tendon repair.J Foot "
	  "Ankle Res. 2021;14(2):101-9." },
	{ NLM, ML_RULE_CITATION_PUNCTUATION, "a period and a space",
	  "Okafor L, Lindqvist M .Calf raises after tendon repair. J Foot "
	  "Ankle Res. 2021;14(2):101-9." },
	{ NLM, ML_RULE_CITATION_AUTHOR, "comma before et al",
	  "Okafor L et al. Calf raises after tendon repair. J Foot Ankle Res. "
	  "2021;14(2):101-9." },
	{ NLM, ML_RULE_CITATION_AUTHOR, "no period after et",
	  "Okafor L. et. al. Calf raises after tendon repair. J Foot Ankle "
	  "Res. 2021;14(2):101-9." },
	/* other styles, named */
	{ AMA, ML_RULE_CITATION_STYLE, "APA",
	  "Campbell, J. T. (2009). Posterior calf injury. *Foot and Ankle "
	  "Clinics*, *14*(4), 761\xE2\x80\x93"
	  "771." },
	{ NLM, ML_RULE_CITATION_STYLE, "APA",
	  "Campbell, J. T. (2009). Posterior calf injury. *Foot and Ankle "
	  "Clinics*, *14*(4), 761\xE2\x80\x93"
	  "771." },
	{ AMA, ML_RULE_CITATION_STYLE, "Vancouver",
	  "Bright JM. Ultrasound of calf injuries. Sports Health. 2017 "
	  "Jul;9(4):352-5." },
	{ NLM, ML_RULE_CITATION_STYLE, "AMA",
	  "Bright JM. Ultrasound of calf injuries. *Sports Health*. "
	  "2017;9(4):352-355. Accessed March 5, 2024. https://x.org/a" },
	{ AMA, ML_RULE_CITATION_STYLE, "Harvard",
	  "Campbell, J.T. (2009) 'Posterior calf injury', *Foot and Ankle "
	  "Clinics*, 14(4), pp. 761\xE2\x80\x93"
	  "771." },
	{ AMA, ML_RULE_CITATION_STYLE, "IEEE",
	  "J. T. Campbell, \xE2\x80\x9CPosterior calf injury,\xE2\x80\x9D *Foot "
	  "Ankle Clin.*, vol. 14, no. 4, pp. 761\xE2\x80\x93"
	  "771, 2009." },
	{ NLM, ML_RULE_CITATION_STYLE, "Chicago",
	  "Campbell, John T. 2009. \xE2\x80\x9CPosterior Calf "
	  "Injury.\xE2\x80\x9D *Foot and Ankle Clinics* 14 (4): 761\xE2\x80\x93"
	  "71." },
};

static int has_rule(const ml_findings *f, int rule, const char *says)
{
	size_t i;

	for (i = 0; i < f->len; i++)
		if ((int)f->items[i].rule == rule &&
		    (!says || strstr(f->items[i].message, says)))
			return 1;
	return 0;
}

static void test_cases(void **state)
{
	size_t i, k;
	int bad = 0;

	(void)state;
	for (i = 0; i < ML_ARRAY_LEN(cases); i++) {
		const med_case *t = &cases[i];
		ml_cite_opts o = { NULL, 0, 0, t->style };
		ml_ref_entry e = { 1,	 t->entry, strlen(t->entry), 1, 1, 0,
				   NULL, 0 };
		ml_findings f;
		int good;

		ml_findings_init(&f);
		assert_int_equal(ml_citation_check_entry(&e, &o, &f), ML_OK);
		good = t->rule == OK ? f.len == 0
				     : has_rule(&f, t->rule, t->says);
		if (!good) {
			bad++;
			print_message("case %zu (%s): want %s '%s'\n  %s\n", i,
				      t->style == AMA ? "AMA" : "NLM",
				      t->rule == OK
					      ? "clean"
					      : ml_rule_info_get(t->rule)->id,
				      t->says ? t->says : "", t->entry);
			for (k = 0; k < f.len; k++)
				print_message(
					"    %s: %s\n",
					ml_rule_info_get(f.items[k].rule)->id,
					f.items[k].message);
		}
		ml_findings_dispose(&f);
	}
	assert_int_equal(bad, 0);
}

/* The schema's other choices leave APA 7 as it was. */
static void test_apa_unchanged(void **state)
{
	const char *s = "Campbell, J. T. (2009). Posterior calf injury. *Foot "
			"and Ankle Clinics*, *14*(4), 761\xE2\x80\x93"
			"771. https://doi.org/10.1016/j.fcl.2009.07.005";
	ml_cite_opts o = { NULL, 0, 0, ML_CITE_APA7 };
	ml_ref_entry e = { 1, s, strlen(s), 1, 1, 0, NULL, 0 };
	ml_findings f;

	(void)state;
	ml_findings_init(&f);
	assert_int_equal(ml_citation_check_entry(&e, &o, &f), ML_OK);
	assert_int_equal(f.len, 0);
	ml_findings_dispose(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_apa_unchanged),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
